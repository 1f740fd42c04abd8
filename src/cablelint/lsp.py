"""``cablelint server``: a language server (LSP, over standard input and output)
that lints each cable an editor opens as it is edited, and offers the safe fixes
as code actions.

Built on pygls and lsprotocol, an optional dependency (``pip install
'cablelint[lsp]'``): only this command imports them, never ``check``.

- Diagnostics: the document is linted at once on didOpen and didSave, and after
  DEBOUNCE seconds without a change on didChange (full sync; the newest text
  only); its findings are published with exact ranges; didClose clears them.
- Settings (``initializationOptions``, ``workspace/didChangeConfiguration`` under a
  ``cablelint`` key, and ``workspace/configuration`` when the client offers it):
  ``strict``, ``dialect``, ``select``, ``ignore``, ``extendSelect``, ``config``,
  ``lineLength``, as ``check``'s options of those names, checked by the same code.
  A bad value is logged and shown once, and the rest is used (a bad entry of a
  list: the list's other entries); a change relints the open documents, as does a
  change to a configuration file (didChangeWatchedFiles, registered for the
  configuration files' names when the client allows). A client that answers
  ``workspace/configuration`` and has workspace folders is asked for each folder
  (``scopeUri``: the folder's URI) as well as without a scope, and each folder's
  answer serves the documents in it (the innermost folder holding one); the
  unscoped answer serves the others. Then a change notification, or a change of
  the folders, has them all asked for again. The documents opened before the
  first answer are linted when it comes (at most SETTINGS_WAIT seconds later):
  an editor that opens a file as it starts the server (eglot) would otherwise
  show, for a moment, findings the settings turn off.
- Configuration: found by walking up from the document's folder (the file of an
  ``untitled:`` document has none: the first workspace folder, else the server's
  current folder), as ``cablelint check`` run from that folder finds it, and
  read again when the file changes. The document is linted under its own path, so
  per-file-ignores match it as ``check`` matches that file. A file the
  ``exclude`` globs match is not linted, as ``check --force-exclude`` (what
  pre-commit runs) leaves it: an editor names every file it opens.
- Positions: our spans are code-point offsets; LSP counts lines from 0 (cut at
  CR LF, CR or LF) and characters in UTF-16 code units unless the client offers
  UTF-32, which is then chosen.
- Code actions: a quickfix for each finding with a safe fix, and
  ``source.fixAll.cablelint``, which gives the text ``cablelint check --fix -``
  would (the fixer's passes and checks, as they run there).
- A failure while linting one document is logged (window/logMessage) and its
  diagnostics are cleared; the server goes on.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import os
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generator, Mapping, Optional, Sequence, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from cablelint import __version__
from cablelint.files import LoadedFile
from cablelint.cli_check import selectors
from cablelint.linter.config import CONFIG_FILES, OPTIONS, Config, ConfigError, find_config, names_no_rule, read_file
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import PARSER, Linter
from cablelint.linter.fixer import fix_file
from cablelint.linter.registry import RegistryError, load_registry
from cablelint.linter.rule import Edit
from cablelint.linter.runner import excluded
from cablelint.linter.selection import Layer, matches
from cablelint.linter.ruledoc import help_uri

SOURCE = "cablelint"
FIX_ALL = "source.fixAll.cablelint"
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
DEBOUNCE = 0.2  # seconds without a change before a changed document is linted
# seconds the documents opened at start wait for the settings first asked of the
# client (workspace/configuration) before they are linted without them
SETTINGS_WAIT = 2.0
WATCHED = tuple(f"**/{name}" for name in CONFIG_FILES)

T = TypeVar("T")


class Positions:
    """Offsets into a text (code points) as LSP positions: lines cut at
    CR LF, CR or LF; characters counted in UTF-16 code units, or code points when
    *utf16* is off (UTF-32). A lone surrogate counts as one UTF-16 unit, as an
    editor holding it counts it."""

    def __init__(self, text: str, utf16: bool = True) -> None:
        self.text = text
        self.utf16 = utf16
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def units(self, piece: str) -> int:
        if not self.utf16 or piece.isascii():
            return len(piece)
        return len(piece.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> lsp.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return lsp.Position(line=line, character=self.units(self.text[self.starts[line] : offset]))

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def edit(self, start: int, end: int, replacement: str) -> lsp.TextEdit:
        """The edit replacing offsets *start* to *end*, widened to whole CR LF pairs:
        a position between CR and LF does not exist in LSP (the client would move it
        to the end of the line, and the edit would land elsewhere)."""
        text = self.text
        if 0 < start < len(text) and text[start - 1] == "\r" and text[start] == "\n":
            start -= 1
            replacement = "\r" + replacement
        if 0 < end < len(text) and text[end - 1] == "\r" and text[end] == "\n":
            end += 1
            replacement += "\n"
        return lsp.TextEdit(range=self.range(start, end), new_text=replacement)


def whole_edit(positions: Positions, fixed: str) -> lsp.TextEdit:
    """One edit that turns the text into *fixed*: the part between what the two
    share at the start and at the end (the cursor and the rest stay put)."""
    text = positions.text
    limit = min(len(text), len(fixed))
    head = 0
    while head < limit and text[head] == fixed[head]:
        head += 1
    tail = 0
    while tail < limit - head and text[len(text) - 1 - tail] == fixed[len(fixed) - 1 - tail]:
        tail += 1
    return positions.edit(head, len(text) - tail, fixed[head : len(fixed) - tail])


@dataclass(frozen=True)
class Settings:
    """The editor's settings: ``check``'s options of the same names."""

    strict: bool = False
    dialect: Optional[str] = None
    select: Optional[tuple[str, ...]] = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config: Optional[Path] = None
    line_length: Optional[int] = None


# setting -> (the configuration key whose check it shares, the Settings field)
_SETTING_KEYS = {
    "select": ("select", "select"),
    "ignore": ("ignore", "ignore"),
    "extendSelect": ("extend-select", "extend_select"),
    "dialect": ("dialect", "dialect"),
    "lineLength": ("line-length", "line_length"),
}

SETTINGS = ("strict", "dialect", "select", "ignore", "extendSelect", "config", "lineLength")


def read_settings(raw: object, base: Optional[Path]) -> tuple[Settings, list[str]]:
    """The settings in *raw* (the value of the ``cablelint`` key), with an error
    message for each one that cannot be used (left out; the rest are used). A
    relative ``config`` path is taken from *base* (the workspace folder)."""
    if raw is None:
        return Settings(), []
    if not isinstance(raw, Mapping):
        return Settings(), [f"cablelint settings must be an object of name = value, got {raw!r}"]
    checks = {o.key: o.convert for o in OPTIONS}
    registry = load_registry()
    values: dict[str, Any] = {}
    errors: list[str] = []
    for name, value in raw.items():
        where = f"cablelint settings: '{name}'"
        if name in _SETTING_KEYS:
            key, attr = _SETTING_KEYS[name]
            try:
                checked = checks[key](name, value)
                if attr in ("select", "ignore", "extend_select"):
                    # as on the command line: comma-separated or listed
                    listed = selectors(tuple(checked))
                    if attr == "select" and not listed:
                        raise ConfigError(names_no_rule(f"'{name}'"))
                    # a bad entry is left out, the good ones are used
                    good = []
                    for selector in listed:
                        try:
                            matches(registry, selector)
                        except ConfigError as exc:
                            errors.append(f"cablelint settings: '{name}': {exc}")
                        else:
                            good.append(selector)
                    if not good:  # none left: as if the setting were not given
                        continue
                    checked = tuple(good)
            except ConfigError as exc:
                errors.append(f"cablelint settings: {exc}")
                continue
            values[attr] = checked
        elif name == "strict":
            if not isinstance(value, bool):
                errors.append(f"{where} must be true or false, got {value!r}")
                continue
            values["strict"] = value
        elif name == "config":
            if value is None:
                continue
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{where} must be the path of a configuration file, got {value!r}")
                continue
            path = Path(value).expanduser()
            if not path.is_absolute() and base is not None:
                path = base / path
            if not path.is_file():
                errors.append(f"{where}: no such configuration file: {path}")
                continue
            values["config"] = path.resolve()
        else:
            errors.append(f"cablelint settings: unknown setting '{name}'; known settings: {', '.join(SETTINGS)}")
    return Settings(**values), errors


def settings_of(options: object) -> object:
    """What is under the ``cablelint`` key of *options* (the whole object when it has
    none: initializationOptions may hold our settings alone)."""
    if isinstance(options, Mapping) and "cablelint" in options:
        return options["cablelint"]
    return options


@dataclass
class Document:
    uri: str
    version: Optional[int]
    text: str
    path: str  # the file it is linted as (per-file-ignores match it)
    positions: Positions
    linter: Optional[Linter] = None
    found: list[Diagnostic] = field(default_factory=list)
    published: list[lsp.Diagnostic] = field(default_factory=list)


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, choosing the position encoding as cablelint does: UTF-32
    when the client offers it (positions are then plain code points), else UTF-16,
    which every client speaks (pygls would take the client's first choice)."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, lsp.InitializeResult]:
        general = params.capabilities.general
        if general is not None and general.position_encodings is not None:
            offered = general.position_encodings
            general.position_encodings = [lsp.PositionEncodingKind.Utf32 if lsp.PositionEncodingKind.Utf32 in offered else lsp.PositionEncodingKind.Utf16]
        return (yield from super().lsp_initialize(params))


class CableServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full, protocol_cls=_Protocol)
        self.documents: dict[str, Document] = {}
        # per settings and configuration file (None: none found), with the file's stamp
        self.linters: dict[tuple[Settings, Optional[Path]], tuple[object, Linter]] = {}
        self.told: set[str] = set()  # configuration errors and exclusions already said
        # the settings of the documents outside every workspace folder (of all of
        # them, when the client answers for no folder), and those of each workspace
        # folder, by its URI, as the client answered when asked for that folder
        self.settings = Settings()
        self.folder_settings: dict[str, Settings] = {}
        self.initial: object = None  # the settings in initializationOptions
        # debounced lints, per document: the timer, the text and its version
        self.pending: dict[str, tuple[asyncio.TimerHandle, str, Optional[int]]] = {}
        # while the settings first asked of the client are awaited: the documents
        # held unlinted until they come (None: none awaited)
        self.held: Optional[dict[str, Document]] = None

    @property
    def utf16(self) -> bool:
        return self.server_capabilities.position_encoding != lsp.PositionEncodingKind.Utf32

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def tell(self, message: str) -> None:
        """Log an error, and show it the first time."""
        self.log(message, lsp.MessageType.Error)
        if message not in self.told:
            self.told.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))

    # -- settings -----------------------------------------------------------------

    def workspace_folder(self) -> Optional[Path]:
        """The first workspace folder, else the root."""
        for _, folder in self.folders():
            return folder
        root = self.workspace.root_path
        return Path(root) if root else None

    def folders(self) -> list[tuple[str, Path]]:
        """The workspace folders on disk: their URIs and paths."""
        out = []
        for folder in self.workspace.folders.values():
            found = to_fs_path(folder.uri)
            if found:
                out.append((folder.uri, Path(found)))
        return out

    def read_settings(self, raw: object, base: Optional[Path]) -> Settings:
        """The settings *raw* (None: those of initializationOptions); the errors
        told."""
        settings, errors = read_settings(self.initial if raw is None else raw, base)
        for message in errors:
            self.tell(message)
        return settings

    def use_settings(self, raw: object, folders: Optional[Mapping[str, object]] = None) -> None:
        """Take the settings *raw* (None: those of initializationOptions) for the
        documents outside every workspace folder, and *folders*' (by folder URI;
        None: *raw* serves them all) for those in each folder; when they differ
        from those in use, lint the open documents again."""
        settings = self.read_settings(raw, self.workspace_folder())
        per_folder: dict[str, Settings] = {}
        paths = dict(self.folders())
        for uri, value in (folders or {}).items():
            per_folder[uri] = self.read_settings(value, paths.get(uri))
        if settings != self.settings or per_folder != self.folder_settings:
            self.settings = settings
            self.folder_settings = per_folder
            self.linters.clear()
            self.relint()

    def can_pull(self) -> bool:
        caps = self.client_capabilities.workspace
        return caps is not None and bool(caps.configuration)

    def pull_settings(self, first: bool = False) -> None:
        """Ask the client for the settings (workspace/configuration), when it can
        say: those with no scope, and those of each workspace folder (scopeUri: the
        folder's URI). The *first* time, the documents opened meanwhile are held
        until the answer (at most SETTINGS_WAIT seconds), so that the editor never
        shows findings the user's settings turn off."""
        if not self.can_pull():
            return
        uris = [uri for uri, _ in self.folders()]
        items = [lsp.ConfigurationItem(section=SOURCE)] + [lsp.ConfigurationItem(scope_uri=uri, section=SOURCE) for uri in uris]

        def got(result: Sequence[Optional[Any]]) -> None:
            answers = list(result or [])
            answers += [None] * (len(items) - len(answers))
            held, self.held = self.held, None
            try:
                self.use_settings(answers[0], dict(zip(uris, answers[1:])) if uris else None)
            finally:
                self.release(held)

        if first:
            self.held = {}
            asyncio.get_running_loop().call_later(SETTINGS_WAIT, self.release)
        self.workspace_configuration(lsp.ConfigurationParams(items=items), got)

    def release(self, held: Optional[dict[str, Document]] = None) -> None:
        """Lint the documents held for the settings (all held, when *held* is not
        given) that no lint since has replaced."""
        if held is None:
            held, self.held = self.held, None
        for uri, doc in (held or {}).items():
            if self.documents.get(uri) is doc:
                self.lint(uri, doc.text, doc.version)

    def watch_configuration(self) -> None:
        """Ask the client to report changes to configuration files, when it can."""
        caps = self.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=[lsp.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED])
        registration = lsp.Registration(id="cablelint-configuration-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
        self.client_register_capability(lsp.RegistrationParams(registrations=[registration]))

    def relint(self) -> None:
        """Lint every open document again, at once."""
        for doc in list(self.documents.values()):
            self.lint(doc.uri, doc.text, doc.version)

    # -- the document's path and configuration ---------------------------------

    def path_of(self, uri: str) -> str:
        if uri.startswith("file:"):
            path = to_fs_path(uri)
            if path:
                return path
        return "-"

    def folder_of(self, path: str) -> Path:
        if path != "-":
            return Path(path).parent
        return self.workspace_folder() or Path.cwd()

    def settings_for(self, path: str) -> Settings:
        """The settings of the document *path*: those of the innermost workspace
        folder holding it, when the client answered for that folder."""
        if path != "-" and self.folder_settings:
            inside = [(len(folder.parts), uri) for uri, folder in self.folders() if uri in self.folder_settings and Path(path).is_relative_to(folder)]
            if inside:
                return self.folder_settings[max(inside)[1]]
        return self.settings

    def linter_for(self, path: str) -> Linter:
        """The linter for the document's settings and the configuration found from
        *path*'s folder upward (made again when that file changes); ConfigError or
        RegistryError when it cannot be used."""
        settings = self.settings_for(path)
        source = settings.config or find_config(self.folder_of(path).resolve())
        stamp: object = None
        if source is not None:
            try:
                st = source.stat()
                stamp = (st.st_mtime_ns, st.st_size)
            except OSError:
                stamp = None
        cached = self.linters.get((settings, source))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        config = read_file(source) if source is not None else Config(root=self.folder_of(path))
        config = config.merged(dialect=settings.dialect, line_length=settings.line_length)
        layer = Layer(settings.select, settings.ignore, settings.extend_select, origin="cablelint settings")
        linter = Linter(config, layer, strict=settings.strict)
        self.linters[(settings, source)] = (stamp, linter)
        return linter

    # -- linting ----------------------------------------------------------------

    def changed(self, uri: str, text: str, version: Optional[int]) -> None:
        """Lint the document DEBOUNCE seconds from now, unless it changes again
        before: the newest text only. Until then code actions see the text of the
        last lint."""
        self.cancel(uri)
        handle = asyncio.get_running_loop().call_later(DEBOUNCE, self.lint_pending, uri)
        self.pending[uri] = (handle, text, version)

    def lint_pending(self, uri: str) -> bool:
        """Lint the change waiting for its quiet time now; False when none waits."""
        waiting = self.pending.pop(uri, None)
        if waiting is None:
            return False
        waiting[0].cancel()
        self.lint(uri, waiting[1], waiting[2])
        return True

    def cancel(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting[0].cancel()

    def lint(self, uri: str, text: str, version: Optional[int]) -> None:
        self.cancel(uri)
        path = self.path_of(uri)
        doc = Document(uri, version, text, path, Positions(text, self.utf16))
        self.documents[uri] = doc
        if self.held is not None:  # linted when the settings come
            self.held[uri] = doc
            return
        try:
            linter = self.linter_for(path)
            if path != "-" and excluded(path, linter.config):
                # as check --force-exclude (pre-commit's) leaves it: an editor
                # names every file it opens, wanted or not
                message = f"cablelint: {path} is not linted: the configuration's exclude globs match it"
                if message not in self.told:  # once, not at every keystroke
                    self.told.add(message)
                    self.log(message, lsp.MessageType.Info)
            else:
                doc.linter = linter
                doc.found = self.run(linter, lambda: linter.lint_file(LoadedFile(path, text)))
                doc.published = [self.diagnostic(doc, d) for d in doc.found]
        except (ConfigError, RegistryError) as exc:
            doc.linter, doc.found, doc.published = None, [], []
            self.tell(f"cablelint: {exc}")  # shown once, not at every keystroke
        except Exception:
            doc.linter, doc.found, doc.published = None, [], []
            self.log(f"cablelint: internal error while linting {uri} (please report this):\n{traceback.format_exc()}", lsp.MessageType.Error)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=doc.published, version=version))

    def run(self, linter: Linter, work: Callable[[], T]) -> T:
        """Call *work*, then log the rule and parser failures it met, as ``check``
        reports them on standard error."""
        before = len(linter.crashes)
        try:
            return work()
        finally:
            for crash in linter.crashes[before:]:
                if crash.code == PARSER:
                    self.log(f"cablelint: internal error while parsing {crash.path}: {crash.error} (please report this; the file was not linted)", lsp.MessageType.Error)
                else:
                    origin = linter.registry.origin(crash.code)
                    whose = f"from {origin} " if origin else ""
                    self.log(f"cablelint: rule {crash.code} {whose}failed on {crash.path}: {crash.error}", lsp.MessageType.Error)
            del linter.crashes[before:]

    def diagnostic(self, doc: Document, d: Diagnostic) -> lsp.Diagnostic:
        assert doc.linter is not None
        rule = doc.linter.registry.lookup(d.code)
        uri = help_uri(rule) if rule is not None else None
        return lsp.Diagnostic(
            range=doc.positions.range(d.span.start, d.span.end),
            severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code,
            code_description=lsp.CodeDescription(href=uri) if uri else None,
            source=SOURCE,
            message=d.message,
        )

    def close(self, uri: str) -> None:
        self.cancel(uri)
        self.documents.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    # -- code actions -----------------------------------------------------------

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        doc = self.documents.get(params.text_document.uri)
        if doc is None or doc.linter is None:
            return []
        only = params.context.only
        out: list[lsp.CodeAction] = []
        if wanted(lsp.CodeActionKind.QuickFix, only):
            want = (params.range.start.line, params.range.start.character), (params.range.end.line, params.range.end.character)
            for d, shown in zip(doc.found, doc.published):
                if d.fix is None or d.fix.applicability != "safe":
                    continue
                r = shown.range
                if (r.end.line, r.end.character) < want[0] or want[1] < (r.start.line, r.start.character):
                    continue
                edits = [doc.positions.edit(e.span.start, e.span.end, e.replacement) for e in sorted(d.fix.edits, key=_edit_order)]
                out.append(
                    lsp.CodeAction(
                        title=f"cablelint: fix {d.code} ({d.name})",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[shown],
                        is_preferred=True,
                        edit=self.workspace_edit(doc, edits),
                    )
                )
        if wanted(FIX_ALL, only) and any(d.fix is not None for d in doc.found):
            fixed = self.fix_all(doc)
            if fixed is not None and fixed != doc.text:
                out.append(lsp.CodeAction(title="cablelint: fix all safely fixable findings", kind=FIX_ALL, edit=self.workspace_edit(doc, [whole_edit(doc.positions, fixed)])))
        return out

    def fix_all(self, doc: Document) -> Optional[str]:
        """The text ``check --fix -`` prints for the document (None when the fixer
        refused, said in the log)."""
        linter = doc.linter
        assert linter is not None
        result = self.run(linter, lambda: fix_file(linter, LoadedFile(doc.path, doc.text), doc.found))
        if result.refused:
            self.log(f"cablelint: {doc.path}: not fixed: {result.refused}")
            return None
        return str(result.text)

    def workspace_edit(self, doc: Document, edits: Sequence[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        """The edits, tied to the document's version when the client takes that."""
        caps = self.client_capabilities.workspace
        versioned = caps is not None and caps.workspace_edit is not None and caps.workspace_edit.document_changes
        if versioned:
            target = lsp.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=target, edits=list(edits))])
        return lsp.WorkspaceEdit(changes={doc.uri: list(edits)})


def _edit_order(edit: Edit) -> tuple[int, int]:
    return (edit.span.start, edit.span.end)


def wanted(kind: str, only: Optional[Sequence[str]]) -> bool:
    """Whether a code action of *kind* is asked for: all are, without ``only``;
    otherwise a kind listed or one under it (``source`` takes ``source.fixAll.x``)."""
    if not only:
        return True
    return any(kind == base or kind.startswith(f"{base}.") for base in only)


def make_server() -> CableServer:
    server = CableServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CableServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri, params.text_document.text, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CableServer, params: lsp.DidChangeTextDocumentParams) -> None:
        # full sync: the last change holds the whole text
        for change in params.content_changes[-1:]:
            ls.changed(params.text_document.uri, change.text, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: CableServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # at once, the change waiting for its quiet time included; the
        # configuration may have changed meanwhile: lint the text held again
        uri = params.text_document.uri
        if ls.lint_pending(uri):
            return
        doc = ls.documents.get(uri)
        if params.text is not None:
            ls.lint(uri, params.text, doc.version if doc else None)
        elif doc is not None:
            ls.lint(doc.uri, doc.text, doc.version)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: CableServer, params: lsp.InitializeParams) -> None:
        ls.initial = settings_of(params.initialization_options)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: CableServer, params: lsp.InitializedParams) -> None:
        ls.use_settings(None)
        ls.pull_settings(first=True)
        ls.watch_configuration()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: CableServer, params: lsp.DidChangeConfigurationParams) -> None:
        if ls.can_pull() and ls.folders():
            # what is sent has no folder: each folder's settings are asked for
            ls.pull_settings()
        elif isinstance(params.settings, Mapping) and SOURCE in params.settings:
            ls.use_settings(params.settings[SOURCE])
        else:  # the client says something changed, and tells what when asked
            ls.pull_settings()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_workspace_folders(ls: CableServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        # pygls has updated the folders: their settings are asked for afresh
        ls.pull_settings()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: CableServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        # a configuration file made, changed or removed: found and read afresh
        ls.linters.clear()
        ls.told.clear()
        ls.relint()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CableServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll, FIX_ALL]),
    )
    def code_action(ls: CableServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        try:
            # the range is in the newest text: a change waiting for its quiet time is linted now
            ls.lint_pending(params.text_document.uri)
            return ls.code_actions(params)
        except Exception:
            ls.log(f"cablelint: internal error in a code action for {params.text_document.uri} (please report this):\n{traceback.format_exc()}", lsp.MessageType.Error)
            return []

    return server


def serve() -> None:
    """Run the server on standard input and output until the client ends it."""
    level = logging.getLevelName(os.environ.get("CABLELINT_LOG_LEVEL", "WARNING").strip().upper())
    # pygls's own log, on standard error (standard output carries the protocol)
    logging.basicConfig(level=level if isinstance(level, int) else logging.WARNING, format="cablelint server: %(levelname)s: %(message)s")
    make_server().start_io()
