"""The language server's state and behaviour: the open documents, their settings and
linters, linting with a quiet time and publishing findings (the protocol's methods
are wired to them in handlers.py; the code actions are in actions.py)."""

from __future__ import annotations

import asyncio
import bisect
import itertools
import logging
import os
import re
import secrets
import traceback
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Generator, Mapping, Optional, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from cablelint import __version__
from cablelint.files import MAX_BYTES, Decoded, LoadedFile, decode, read_bytes, too_large
from cablelint.linter.config import CONFIG_FILES, Config, ConfigError, ConfigSearches, read_file, search_stamp
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import Linter, crash_message
from cablelint.linter.code_files import LoadedCode
from cablelint.linter.registry import RegistryError
from cablelint.linter.runner import excluded
from cablelint.linter.ruledoc import help_uri
from cablelint.linter.selection import Layer, forget_folders
from cablelint.lsp.faults import converter, faults, left_out
from cablelint.lsp.positions import LINE_BREAK, Positions, common_ends
from cablelint.lsp.settings import Settings, read_settings

SOURCE = "cablelint"
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
DEBOUNCE = 0.2  # seconds without a change before a changed document is linted
# seconds the documents opened at start wait for the settings first asked of the
# client (workspace/configuration) before they are linted without them
SETTINGS_WAIT = 2.0
WATCHED = tuple(f"**/{name}" for name in CONFIG_FILES)
# what LSP's glob patterns (3.17) give a meaning to, * ? [ ] { }, and the
# backslash, which is not valid in them: they have no escape, and how a class
# would hold ']' is left to each client's parser (see glob_of)
GLOB_CHARS = re.compile(r"[*?\[\]{}\\]")
# the fields of initialize's message that the server (or pygls for it) reads ("*":
# any item of a list), and of textDocument.diagnostic whether it is there: a field
# at fault elsewhere (one of the many capabilities of no concern here) is left out
INITIALIZE_READ = (
    ("params", "rootUri"),
    ("params", "rootPath"),
    ("params", "workspaceFolders", "*", "uri"),
    ("params", "initializationOptions"),
    ("params", "capabilities", "general", "positionEncodings"),
    ("params", "capabilities", "workspace", "configuration"),
    ("params", "capabilities", "workspace", "didChangeWatchedFiles", "dynamicRegistration"),
    ("params", "capabilities", "workspace", "didChangeWatchedFiles", "relativePatternSupport"),
    ("params", "capabilities", "workspace", "workspaceEdit", "documentChanges"),
    ("params", "capabilities", "workspace", "diagnostics", "refreshSupport"),
    ("params", "capabilities", "textDocument", "diagnostic"),
)

T = TypeVar("T")


def glob_of(path: str) -> str:
    """An LSP glob pattern that matches the file *path*: each character the
    patterns give a meaning to (GLOB_CHARS) is sent as '?', which every client
    matches as any one character. The pattern may match a near namesake too
    (``lint[1].toml``: ``lint?1?.toml``): files_changed reads each event by
    its path, so a namesake's is taken for what it is (nothing, unless it is a
    configuration file itself)."""
    return GLOB_CHARS.sub("?", path)


def file_stamp(path: str) -> Optional[tuple[int, int]]:
    """What tells that an open document's file changed on disk (its bytes read
    again for F001): its time and size (None: no such file). A configuration
    file's stamp has the inode's change time too (search_stamp): nothing else
    would ever tell the server that one written back with its old time and size
    (cp -p, rsync -t) changed, for a client that does not watch files; a
    document's file is read again whatever its stamp at each open and save and
    at the client's event, and test_f001_follows_the_file_changed_on_disk pins
    that a file written back so is not read again before one of those."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


@dataclass
class Document:
    uri: str
    version: Optional[int]
    text: str
    path: str  # the file it is linted as (per-file-ignores match it)
    positions: Positions
    linter: Optional[Linter] = None
    settings: Optional[Settings] = None  # those of its last lint (None: held, not yet linted)
    config: Optional[str] = None  # the configuration file of its last lint (None: none)
    found: list[Diagnostic] = field(default_factory=list)
    published: list[lsp.Diagnostic] = field(default_factory=list)
    undecodable: Optional[Undecodable] = None  # its file's bytes that are not UTF-8
    excluded: bool = False  # its last lint left it alone: the exclude globs match it
    # the configuration error its last lint met: the configuration file (None:
    # none), that file's stamp (search_stamp) then, and the message
    error: Optional[tuple[Optional[str], object, str]] = None

    @property
    def bom(self) -> bool:
        """Whether the editor's text starts with a byte order mark (U+FEFF): one
        that kept the file's. ``check`` reads it as the file's encoding, not as
        text, and so is the document linted; positions count it, as the editor does."""
        return self.text.startswith("\ufeff")

    def loaded(self) -> LoadedFile:
        """The document as ``check`` reads its file: with the places its file on
        disk is not UTF-8, when the editor's text holds them (F001; never fixed);
        unread when it is larger than a cable can be (F000, files.MAX_BYTES)."""
        skip = int(self.bom)
        if len(self.text) > MAX_BYTES // 4:  # (a character is 4 bytes at most: a shorter text is within)
            size = len(self.text.encode("utf-8", "surrogatepass"))
            if size > MAX_BYTES:  # as check reads its file: not linted, F000 says why
                return LoadedFile(self.path, None, too_large(size))
        bad = self.undecodable
        if bad is not None and bad.held_by(self.text):
            return LoadedFile(self.path, self.text[skip:], None, bad.offsets, self.bom, tuple(c - skip for c in bad.chars), bad.runs)
        return LoadedFile(self.path, self.text[skip:], bom=self.bom)

    def range(self, start: int, end: int) -> lsp.Range:
        """The LSP range of the offsets *start* to *end* of the text linted."""
        skip = int(self.bom)
        return self.positions.range(start + skip, end + skip)

    def edit(self, start: int, end: int, replacement: str) -> lsp.TextEdit:
        """The LSP edit of the offsets *start* to *end* of the text linted."""
        skip = int(self.bom)
        return self.positions.edit(start + skip, end + skip, replacement)


@dataclass(frozen=True)
class Undecodable:
    """Where a document's file on disk is not valid UTF-8, as ``check`` reports it
    (F001): the editor sends decoded text, so the server reads the file's bytes.
    Each run of bad bytes: the offset of its first replacement character (U+FFFD)
    in the editor's text, moved by the editor's changes (a change over any of its
    characters drops it), how many it has (one for each bad sequence of the run,
    as many as the editor shows), its byte offset in the file, and its bytes."""

    chars: tuple[int, ...]
    lengths: tuple[int, ...]
    offsets: tuple[int, ...]
    runs: tuple[bytes, ...]

    @classmethod
    def matched(cls, decoded: Decoded, text: str) -> Optional[Undecodable]:
        """Those of a file whose content *decoded* is as ``check`` decodes it, when
        the editor's *text* is that content (one U+FFFD for each bad sequence, as
        VS Code decodes it): the same characters, a byte order mark aside (the
        editor keeps it in the text or not), or the same lines cut by other line
        breaks (an editor that made a file's mixed line ends one kind, as VS Code
        does). None when the file decodes, or the editor read it otherwise (as
        Latin-1: then there is no telling which characters were which bytes, and
        nothing is said)."""
        if not decoded.bad_offsets:
            return None
        skip = int(text.startswith("\ufeff"))
        body = text[skip:] if skip else text
        if body == decoded.text:
            chars = tuple(c + skip for c in decoded.bad_chars)
        elif body.count("\ufffd") != decoded.text.count("\ufffd"):
            # (first, as cheap as the comparison: a run typed over, and a lint
            # of each change after it while the text holds another U+FFFD, builds
            # no positions of the whole text)
            return None
        else:
            theirs, mine = Positions(decoded.text), Positions(body)
            if len(theirs.starts) != len(mine.starts) or LINE_BREAK.split(body) != LINE_BREAK.split(decoded.text):
                return None
            chars = tuple(skip + mine.starts[line] + c - theirs.starts[line] for c in decoded.bad_chars for line in [bisect.bisect_right(theirs.starts, c) - 1])
        # each run is maximal sequences that follow one another: decoded alone, the same
        lengths = tuple(len(run.decode("utf-8", "replace")) for run in decoded.bad_bytes)
        return cls(chars, lengths, decoded.bad_offsets, decoded.bad_bytes)

    def replaced(self, start: int, end: int, length: int) -> Optional[Undecodable]:
        """Those left after the editor's text from *start* to *end* is replaced by
        *length* characters (None: none): a run the change touches goes (one
        inserted inside it too: it is no longer one run)."""
        shift = length - (end - start)
        kept = [
            (c + shift if end <= c else c, n, o, r)
            for c, n, o, r in zip(self.chars, self.lengths, self.offsets, self.runs)
            if end <= c or start >= c + n
        ]
        if not kept:
            return None
        chars, lengths, offsets, runs = zip(*kept)
        return Undecodable(chars, lengths, offsets, runs)

    def held_by(self, text: str) -> bool:
        """Whether *text* holds each run's replacement characters at its place."""
        return all(text[c : c + n] == "\ufffd" * n for c, n in zip(self.chars, self.lengths))


@dataclass
class AsSent:
    """A response whose result is kept as the client sent it: JSON's values."""

    id: Optional[int | str]
    result: Any = None
    jsonrpc: str = "2.0"


# the stamp of a file whose bytes are to be read again, whatever its stamp
_UNREAD = object()
# a message whose error has been answered already: nothing more to do with it
_ANSWERED = object()
# pygls logs a traceback for each message a client got wrong: the client is
# answered with the JSON-RPC error instead, and the log says it in one line; and
# a warning for each $/cancelRequest of a request already answered, which is no
# fault (the answer and the cancel crossed: LSP lets the server ignore it)
_CLIENT_FAULTS = ("Unable to deserialize message", "Unable to handle message", "Cancel notification for unknown message id")


class _ClientFaults(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_CLIENT_FAULTS)


def quiet_client_faults() -> None:
    """Keep pygls from logging a traceback for a message the client got wrong."""
    for name in ("pygls.protocol.json_rpc", "pygls.server"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _ClientFaults) for f in logger.filters):
            logger.addFilter(_ClientFaults())


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, choosing the position encoding as cablelint does: UTF-32
    when the client offers it (positions are then plain code points), else UTF-16,
    which every client speaks (pygls would take the client's first choice); and
    answering what pygls leaves unanswered, as JSON-RPC and LSP say: a request
    before initialize (ServerNotInitialized), after shutdown (InvalidRequest), or
    whose params are not the method's (InvalidParams); exit without shutdown
    ends the process with status 1."""

    ready = False  # initialize has come
    exit_code = 0
    # told of each notification that cannot be read (its method and params as sent)
    unreadable: Optional[Callable[[str, object], None]] = None

    def structure_message(self, data: dict[str, Any]) -> Any:
        # pygls reads each message with json.loads(body, object_hook=this), called
        # for every object in it, inner ones first: an object inside the params
        # (initializationOptions, settings, a diagnostic's data: any JSON the
        # client sends) that looked like a message was read as one, and answered
        # (an error sent with its id: a response to a request the client never
        # made, or one it has waiting) or left in the params as a message object.
        # The objects are kept as sent here; the whole message is read once, in
        # handle_message.
        return data

    def handle_message(self, message: Any) -> None:
        if isinstance(message, dict):
            message = self.structure(message)
        if message is _ANSWERED:
            return
        if not isinstance(getattr(message, "jsonrpc", None), str):  # no JSON-RPC object
            self.fault(message.get("id") if isinstance(message, dict) else None, lsp.ErrorCodes.InvalidRequest, "expected a JSON-RPC 2.0 message object")
            return
        super().handle_message(message)

    def admits(self, data: dict[str, Any]) -> bool:
        """Whether the request or notification *data* is read at all, before its
        params are: a request before initialize is answered ServerNotInitialized,
        one after shutdown InvalidRequest, and a second initialize InvalidRequest
        (LSP: it "may only be sent once"; pygls took it afresh, the client's
        capabilities and the workspace replaced under the open documents),
        whatever its params; a notification before initialize is dropped (LSP:
        "notifications should be dropped"), as is an initialize without an id
        (a request, which pygls would have taken)."""
        method = data["method"]
        if "id" in data:
            if self._shutdown and method != lsp.EXIT:
                self.fault(data["id"], lsp.ErrorCodes.InvalidRequest, f"{method}: the server is shut down: expected exit")
                return False
            if not self.ready and method != lsp.INITIALIZE:
                self.fault(data["id"], lsp.ErrorCodes.ServerNotInitialized, f"{method}: the server is not initialized: expected initialize first")
                return False
            if self.ready and method == lsp.INITIALIZE:
                self.fault(data["id"], lsp.ErrorCodes.InvalidRequest, "initialize: the server is initialized already: expected initialize once")
                return False
        elif method == lsp.INITIALIZE:
            logging.getLogger(__name__).warning("initialize without an id: ignored (it is a request)")
            return False
        elif not self.ready and method != lsp.EXIT:
            logging.getLogger(__name__).warning("%s before initialize: ignored", method)
            return False
        return True

    def structure(self, data: dict[str, Any]) -> Any:
        """The message *data* (JSON's values) read as the protocol's message object,
        _ANSWERED when it was answered here with an error."""
        method = data.get("method")
        if isinstance(data.get("jsonrpc"), str) and isinstance(method, str) and not self.admits(data):
            return _ANSWERED
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            kind = self.get_message_type(method) if isinstance(method, str) else None
            found = faults(exc, data, kind)
            if method == lsp.INITIALIZE and "id" in data:
                # a client's capabilities are many, and most are none of ours: a
                # field at fault that the server does not read is left out, not a
                # reason to refuse to start
                trimmed = left_out(data, found, INITIALIZE_READ)
                if trimmed is not None:
                    logging.getLogger(__name__).warning("initialize: left out, as the server does not read them: %s", "; ".join(map(str, found)))
                    try:
                        return super().structure_message(trimmed)  # pygls's: the whole message
                    except JsonRpcException as again:
                        data, found = trimmed, faults(again, trimmed, kind)
            said = "; ".join(map(str, found))
            if "id" in data and isinstance(method, str):
                self.fault(data["id"], lsp.ErrorCodes.InvalidParams, f"{method}: invalid params: {said}")
            elif "id" in data and method is None and data["id"] in self._request_futures:
                # a response to our request that cannot be read: the request fails
                # (its caller falls back), rather than waiting for ever
                future = self._request_futures.pop(data["id"])
                future.set_exception(JsonRpcException(f"an answer that cannot be read: {said}", lsp.ErrorCodes.InvalidParams))
            else:
                # a notification gets no answer (JSON-RPC: "the Client would not be
                # aware of any errors"): dropped, and said on standard error
                logging.getLogger(__name__).warning("%s: a message that cannot be read, ignored: %s", method, said)
                if self.unreadable is not None and isinstance(method, str):
                    self.unreadable(method, data.get("params"))
            return _ANSWERED

    @lru_cache()  # as pygls's, which it overrides
    def get_result_type(self, method: str) -> Optional[type[Any]]:
        # the answer to workspace/configuration comes to the server as sent, and is
        # checked there (pull_settings): lsprotocol's type reads a string as the
        # list of its characters and an object as the list of its keys
        if method == lsp.WORKSPACE_CONFIGURATION:
            return AsSent
        return super().get_result_type(method)

    def fault(self, msg_id: Any, code: int, message: str) -> None:
        """Answer the message *msg_id* (None: one that could not be read) with an error."""
        logging.getLogger(__name__).warning("%s", message)
        # as a plain object: pygls would leave out "id": null
        self._send_data({"jsonrpc": "2.0", "id": msg_id if isinstance(msg_id, (int, str)) else None, "error": {"code": int(code), "message": message}})

    # the server keeps its documents' text (handlers.py, server.py): pygls's copy,
    # which applies a range change at the cost of the whole text and cuts lines
    # where LSP does not (form feed, U+2028), is not kept

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.EXIT)
    def lsp_exit(self, *args: Any) -> Generator[Any, Any, None]:
        self.exit_code = 0 if self._shutdown else 1
        return (yield from super().lsp_exit(*args))

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, lsp.InitializeResult]:
        self.ready = True
        general = params.capabilities.general
        if general is not None and general.position_encodings is not None:
            offered = general.position_encodings
            general.position_encodings = [lsp.PositionEncodingKind.Utf32 if lsp.PositionEncodingKind.Utf32 in offered else lsp.PositionEncodingKind.Utf16]
        return (yield from super().lsp_initialize(params))


class CableServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental, protocol_cls=_Protocol, converter_factory=converter)
        self.documents: dict[str, Document] = {}
        # per settings and configuration file (None: none found), with the file's
        # stamp (search_stamp)
        self.linters: dict[tuple[Settings, Optional[str]], tuple[object, Linter]] = {}
        # the configuration file found from each folder (its real path) upward, and
        # the stamps of what the answer depends on
        self.searches = ConfigSearches()
        # what is said once in the log, not at each time it happens: the client's
        # answer to workspace/configuration that cannot be used (pull_settings)
        # and its refusal to watch files (registered)
        self.told: set[str] = set()
        self.settings_errors: set[str] = set()  # those of the settings in force
        # the settings of the documents outside every workspace folder (of all of
        # them, when the client answers for no folder), and those of each workspace
        # folder, by its URI, as the client answered when asked for that folder
        self.settings = Settings()
        self.folder_settings: dict[str, Settings] = {}
        self.initial: object = None  # the settings in initializationOptions
        # debounced lints, per document: the timer, the text (with its positions) and its version
        self.pending: dict[str, tuple[asyncio.TimerHandle, Positions, Optional[int]]] = {}
        # while the settings first asked of the client are awaited: the documents
        # held unlinted until they come (None: none awaited)
        self.held: Optional[dict[str, Document]] = None
        # where each open document's file on disk is not UTF-8, in its newest text;
        # and the file's content (as check decodes it) while it is not UTF-8
        self.undecodable: dict[str, Undecodable] = {}
        self.files: dict[str, Decoded] = {}
        # the stamp (file_stamp) of each open document's file when its bytes were read
        self.stamps: dict[str, object] = {}
        # set while no document waits for the first settings
        self.settled = asyncio.Event()
        self.settled.set()
        # pull diagnostics: a client that asks for them (textDocument/diagnostic)
        # and can be told to ask again (workspace/diagnostic/refresh) gets them as
        # answers, not published; what each document's last answer held, and its
        # result id (unique to this run of the server)
        self.pull = False
        self.pulled: dict[str, list[lsp.Diagnostic]] = {}
        self.result_ids: dict[str, str] = {}
        self.results = itertools.count(1)
        self.run_id = secrets.token_hex(4)
        self.refreshing = False
        # whether the client watches files for the server (it allowed the
        # registration); the configuration files that WATCHED does not cover (the
        # settings', those above the workspace), as registered (see watch_settings),
        # and their registration
        self.watching = False
        self.watched_settings: tuple[str, ...] = ()
        self.roots: Optional[tuple[Path, ...]] = None  # see workspace_roots
        self.settings_watch: Optional[str] = None
        self.registrations = itertools.count(1)
        # the code the server runs, stamped before any plugin is imported (the first
        # settings read import them): what of it changed on disk is told once
        self.code = LoadedCode("the server", "it keeps the code it loaded: restart it (your editor's command to restart the language server) to use the code as it is now")
        protocol = self.protocol
        assert isinstance(protocol, _Protocol)
        protocol.unreadable = self.unreadable_notification

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A message that failed outside every handler: one that is not JSON is
        answered with ParseError; any other failure is logged to the client (pygls
        would show "Error in server" for a message the client got wrong)."""
        if source is JsonRpcException:  # the loop reading the messages
            protocol = self.protocol
            assert isinstance(protocol, _Protocol)
            if isinstance(error, ValueError):  # not JSON, or not UTF-8
                protocol.fault(None, lsp.ErrorCodes.ParseError, f"a message that is not JSON: {error}")
            else:
                trace = "".join(traceback.format_exception(error))
                self.log(f"cablelint: internal error while handling a message (please report this):\n{trace}", lsp.MessageType.Error)
            return
        super().report_server_error(error, source)

    @property
    def utf16(self) -> bool:
        return self.server_capabilities.position_encoding != lsp.PositionEncodingKind.Utf32

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

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

    def read_settings(self, raw: object, base: Optional[Path], errors: list[str], label: str = "cablelint settings") -> Settings:
        """The settings *raw* (None: those of initializationOptions); their errors,
        each starting with *label*, added to *errors*."""
        settings, found = read_settings(self.initial if raw is None else raw, base, label)
        errors += found
        return settings

    def use_settings(self, raw: object, folders: Optional[Mapping[str, object]] = None) -> None:
        """Take the settings *raw* (None: those of initializationOptions) for the
        documents outside every workspace folder, and *folders*' (by folder URI;
        None: *raw* serves them all) for those in each folder; lint again the open
        documents whose settings this changes. A folder's error names the folder,
        unless its answer is the unscoped one (said once, without it). Each error
        is logged, and shown unless the settings in force had it (the same
        settings sent again: not shown again; fixed, then wrong again: shown)."""
        unscoped = self.initial if raw is None else raw
        errors: list[str] = []
        settings = self.read_settings(raw, self.workspace_folder(), errors)
        per_folder: dict[str, Settings] = {}
        paths = dict(self.folders())
        for uri, value in (folders or {}).items():
            same = (self.initial if value is None else value) == unscoped
            label = "cablelint settings" if same else f"cablelint settings of the workspace folder {paths.get(uri) or uri}"
            per_folder[uri] = self.read_settings(value, paths.get(uri), errors, label)
        for message in errors:
            self.log(message, lsp.MessageType.Error)
        for message in dict.fromkeys(errors):
            if message not in self.settings_errors:
                self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))
        self.settings_errors = set(errors)
        self.settings = settings
        self.folder_settings = per_folder
        self.watch_settings()
        changed = [doc for doc in list(self.documents.values()) if doc.settings is not None and doc.settings != self.settings_for(doc.path)]
        if changed:
            self.forget_configuration()
        for doc in changed:
            self.relint_document(doc)

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

        def got(answer: Future[Any]) -> None:  # the answer as sent (get_result_type)
            if answer.cancelled():  # at shutdown
                return
            held, self.held = self.held, None
            try:
                failed = answer.exception()
                result = None if failed else answer.result()
                if failed or not isinstance(result, list):
                    # the settings in force stay; said once, not at each change
                    why = failed if failed else f"expected a list of settings, got {result!r}"
                    message = f"cablelint: the client's answer to workspace/configuration cannot be used ({why}): the settings in force are kept"
                    if message not in self.told:
                        self.told.add(message)
                        self.log(message)
                    return
                answers = list(result) + [None] * (len(items) - len(result))
                self.use_settings(answers[0], dict(zip(uris, answers[1:])) if uris else None)
            finally:
                self.release(held)

        if first:
            self.held = {}
            self.settled.clear()
            asyncio.get_running_loop().call_later(SETTINGS_WAIT, self.release)
        self.workspace_configuration(lsp.ConfigurationParams(items=items)).add_done_callback(got)

    def release(self, held: Optional[dict[str, Document]] = None) -> None:
        """Lint the documents held for the settings (all held, when *held* is not
        given) that no lint since has replaced."""
        if held is None:
            held, self.held = self.held, None
        for uri, doc in (held or {}).items():
            if self.documents.get(uri) is doc:
                self.relint_document(doc)
        if self.held is None:
            self.settled.set()

    def watch_configuration(self) -> None:
        """Ask the client to report changes to configuration files, when it can:
        those of the names found upward (WATCHED), and those the settings name
        (watch_settings)."""
        caps = self.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps is not None else None
        if watched is None or not watched.dynamic_registration:
            return
        options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=[lsp.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED])
        registration = lsp.Registration(id="cablelint-configuration-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)

        def got(answer: Future[Any]) -> None:
            # counted on once the client accepted it: one that refused it is
            # asked nothing more (see registered)
            if self.registered(answer, registration.id):
                self.watching = True
                self.watch_settings()

        self.client_register_capability(lsp.RegistrationParams(registrations=[registration])).add_done_callback(got)

    def registered(self, answer: Future[Any], ident: str) -> bool:
        """Whether the client accepted the registration *ident* (its *answer*); when
        it answered with an error, the server stops counting on it watching files
        (no registration more, and none withdrawn), said once in the log."""
        if answer.cancelled():  # at shutdown
            return False
        failed = answer.exception()
        if failed is None:
            return True
        self.watching = False
        if self.settings_watch == ident:
            self.settings_watch = None  # never registered: nothing to withdraw
        message = f"cablelint: the client refused to watch files ({failed}): a configuration file changed on disk is seen when a document is linted again"
        if message not in self.told:
            self.told.add(message)
            self.log(message)
        return False

    def setting_files(self) -> tuple[str, ...]:
        """The configuration files that WATCHED does not cover: those the settings
        name (``config``) of another name, and those outside every workspace
        folder (a client watches its folders), the settings' or those the open
        documents are linted under (found upward from a subfolder of a project
        opened as the workspace)."""
        roots = self.workspace_roots()
        named = set()
        paths = [settings.config for settings in (self.settings, *self.folder_settings.values())]
        # (those found upward: a named one is the settings' own, in force or not yet)
        paths += [Path(doc.config) for doc in self.documents.values() if doc.config is not None and doc.settings is not None and doc.settings.config is None]
        for path in paths:
            if path is not None and (path.name not in CONFIG_FILES or not any(path.is_relative_to(folder) for folder in roots)):
                named.add(str(path))
        return tuple(sorted(named))

    def workspace_roots(self) -> tuple[Path, ...]:
        """The workspace folders and the root, as the client names them and as
        real paths: worked out once (each resolved: a stat of each folder on the
        way), and again when the workspace folders change (workspace_changed)."""
        if self.roots is None:
            roots = [folder for _, folder in self.folders()]
            root = self.workspace.root_path
            if root:
                roots.append(Path(root))
            self.roots = (*roots, *(folder.resolve() for folder in roots))
        return self.roots

    def workspace_changed(self) -> None:
        """The workspace folders changed (pygls has them): a configuration file may
        have come inside them or gone out of them (watch_settings), and their
        settings are asked for afresh."""
        self.roots = None
        self.watch_settings()
        self.pull_settings()

    def watch_settings(self) -> None:
        """Have the client watch the configuration files that WATCHED does not cover
        (setting_files), when it watches files for the server: registered
        again (the last registration withdrawn) when they change."""
        if not self.watching:
            return
        files = self.setting_files()
        if files == self.watched_settings:
            return
        if self.settings_watch is not None:
            withdrawn = lsp.Unregistration(id=self.settings_watch, method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
            self.client_unregister_capability(lsp.UnregistrationParams(unregisterations=[withdrawn]))
            self.settings_watch = None
        self.watched_settings = files
        if not files:
            return
        caps = self.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps is not None else None
        relative = watched is not None and bool(watched.relative_pattern_support)
        watchers = []
        for name in files:
            path = Path(name)
            # a pattern relative to the file's folder when the client can take one
            # (a plain pattern may be matched inside the workspace folders only);
            # else the whole path, with '/' between folders as LSP's globs have it
            pattern: lsp.GlobPattern = lsp.RelativePattern(base_uri=path.parent.as_uri(), pattern=glob_of(path.name)) if relative else glob_of(path.as_posix())
            watchers.append(lsp.FileSystemWatcher(glob_pattern=pattern))
        self.settings_watch = f"cablelint-configuration-setting-{next(self.registrations)}"
        options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = lsp.Registration(id=self.settings_watch, method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)
        self.client_register_capability(lsp.RegistrationParams(registrations=[registration])).add_done_callback(lambda answer: self.registered(answer, registration.id))

    def forget_configuration(self) -> None:
        """Have the next lint find and read the configuration afresh: the linters
        made go, and so do the folders' names from a configuration's folder (a
        document named through a link from outside it), which a folder made,
        renamed or linked elsewhere since may have changed."""
        self.linters.clear()
        self.searches.forget()
        forget_folders()

    def files_changed(self, named: set[str]) -> None:
        """The files *named* were made, changed or removed, as the client reports
        them, each judged by the name it came with and by its real path (a link
        named ``cablelint.toml`` made, which leads to a file of another name, is
        a configuration file made): each open document is linted again at most
        once, when one of them is its own file (its bytes read again: F001) or a
        configuration file that governs it or may now govern it: the one it was
        linted under, or, when its configuration is found from its folder upward,
        one (of a configuration file's name) at or above its folder and not above
        the file in use (a nearer one made, a pyproject.toml that gained or lost
        its table). A document under another project root is left alone."""
        paths = {os.path.realpath(path) for path in named}
        for key in [key for key in self.linters if key[1] is not None and os.path.realpath(key[1]) in paths]:
            del self.linters[key]  # read afresh, whatever its stamp says
        # the real folders where a file of a configuration file's name changed
        folders = [Path(os.path.realpath(os.path.dirname(path))) for path in named if os.path.basename(path) in CONFIG_FILES]
        folders += [Path(path).parent for path in paths if Path(path).name in CONFIG_FILES]
        self.searches.forget(map(str, folders))  # found afresh below them, whatever the stamps say
        if folders:
            forget_folders()  # (and the folders' names from a configuration's folder: see forget_configuration)
        for uri, doc in list(self.documents.items()):
            own = doc.path != "-" and os.path.realpath(doc.path) in paths
            if own:
                self.stamps.pop(uri, None)  # read again, whatever its stamp says
            if doc.settings is None:  # held for the first settings: linted when they come
                continue
            if own:
                self.relint_document(doc)
                continue
            used = os.path.realpath(doc.config) if doc.config is not None else None
            if used in paths:
                self.relint_document(doc)
            elif doc.settings.config is None and folders:
                here = self.folder_of(doc.path).resolve()
                nearest = Path(used).parent if used is not None else None
                if any(here.is_relative_to(folder) and (nearest is None or folder.is_relative_to(nearest)) for folder in folders):
                    self.relint_document(doc)

    def relint_document(self, doc: Document) -> None:
        """Lint *doc* again at once: its newest text, the change waiting for its quiet
        time if any (linting the text last linted would drop that change, and
        publish findings of an older version over the editor's newer text)."""
        if not self.lint_pending(doc.uri):
            self.lint(doc.uri, doc.text, doc.version, doc.positions)

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

    def config_source(self, path: str, settings: Settings) -> Optional[str]:
        """The configuration file of the document *path* under its *settings*: the
        one they name, else the one found from its folder upward (None: none)."""
        return str(settings.config) if settings.config is not None else self.find_config(self.folder_of(path).resolve())

    def find_config(self, folder: Path) -> Optional[str]:
        """The configuration file found from *folder* (a real path) upward, as
        ``check`` finds it: the answer kept while what it depends on holds (see
        ConfigSearches); a watched file's event (files_changed) drops the answers
        it may change."""
        return self.searches.find(str(folder))

    def tell_plugin_changes(self) -> None:
        """Log what of the code the server runs (cablelint itself, a plugin) changed on
        disk (installed, upgraded, edited, removed) since it started, once: its rules
        stay those it imported, as Python cannot safely import a module again over the
        old one. Asked when a document is opened or saved, not at each keystroke; the
        code was stamped when the server was made, before any plugin was imported."""
        if self.code.changed:
            return  # (said: not looked at again)
        registry = next((linter.registry for _, linter in self.linters.values()), None)
        self.code.same(registry)
        for message in self.code.take_news():
            self.log(message, lsp.MessageType.Warning)

    def linter_for(self, path: str, settings: Settings, source: Optional[str]) -> Linter:
        """The linter for the document's *settings* and its configuration file
        *source* (made again when that file changes); ConfigError or RegistryError
        when it cannot be used."""
        stamp = search_stamp(source) if source is not None else None
        cached = self.linters.get((settings, source))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        config = read_file(source) if source is not None else Config(root=str(self.folder_of(path)))
        config = config.merged(dialect=settings.dialect, line_length=settings.line_length)
        layer = Layer(settings.select, settings.ignore, settings.extend_select, origin="cablelint settings")
        linter = Linter(config, layer, strict=settings.strict)
        self.linters[(settings, source)] = (stamp, linter)
        return linter

    # -- the file's bytes -------------------------------------------------------

    def read_undecodable(self, uri: str, text: str) -> None:
        """Read where the document's file is not UTF-8, its newest *text* being
        the editor's (at open and at save: the file then holds what the editor
        has); its content is kept while it is not UTF-8, to be matched again by a
        change of the whole text."""
        path = self.path_of(uri)
        # the stamp first: a change while the file is read is read again next time
        self.stamps[uri] = file_stamp(path) if path != "-" else None
        data = read_bytes(path) if path != "-" else None
        decoded = decode(data) if isinstance(data, bytes) else None
        if decoded is None or not decoded.bad_offsets:
            self.files.pop(uri, None)
            self.undecodable.pop(uri, None)
            return
        self.files[uri] = decoded
        self.match_file(uri, text)

    def refresh_undecodable(self, uri: str, text: str, path: str) -> None:
        """Before a lint of the document's newest *text*: read afresh where its
        file is not UTF-8 when the file changed since it was last read (a ``git
        checkout``, another program's write: the editor reloads the text, as
        changes, and says nothing of the bytes), matched when the editor's text
        is the new content; and when the editor's text (which holds a U+FFFD)
        is the file's content again, after its places were dropped, match them
        afresh (an editor that reloaded the text after the server read the file,
        an undo of a change over a run)."""
        if path != "-" and file_stamp(path) != self.stamps.get(uri, _UNREAD):
            self.read_undecodable(uri, text)
            return
        decoded = self.files.get(uri)
        kept = self.undecodable.get(uri)
        if decoded is not None and (kept is None or len(kept.runs) < len(decoded.bad_bytes)) and "\ufffd" in text:
            found = Undecodable.matched(decoded, text)
            if found is not None:
                self.undecodable[uri] = found

    def match_file(self, uri: str, text: str) -> bool:
        """Whether the editor's *text* is the document's file's content, as
        ``check`` decodes it (its places not UTF-8 then held afresh)."""
        decoded = self.files.get(uri)
        found = Undecodable.matched(decoded, text) if decoded is not None else None
        if found is None:
            self.undecodable.pop(uri, None)
            return False
        self.undecodable[uri] = found
        return True

    def whole_text_replaced(self, uri: str, old: str, new: str) -> None:
        """Move the places where the file is not UTF-8 as the editor's newest text
        *old* is replaced whole by *new*: matched afresh when *new* is the file's
        content; else those outside the part that changed (what the two texts do
        not share at the start and the end) are kept."""
        decoded = self.files.get(uri)
        found = Undecodable.matched(decoded, new) if decoded is not None else None
        if found is not None:
            self.undecodable[uri] = found
        elif uri in self.undecodable:
            head, tail = common_ends(old, new)
            self.text_replaced(uri, head, len(old) - tail, len(new) - head - tail)

    def text_replaced(self, uri: str, start: int, end: int, length: int) -> None:
        """Move the places where the file is not UTF-8 as the editor's newest text
        has *start* to *end* replaced by *length* characters."""
        bad = self.undecodable.get(uri)
        if bad is not None:
            moved = bad.replaced(start, end, length)
            if moved is None:
                del self.undecodable[uri]
            else:
                self.undecodable[uri] = moved

    # -- linting ----------------------------------------------------------------

    def changed(self, uri: str, text: Positions, version: Optional[int]) -> None:
        """Lint the document's *text* DEBOUNCE seconds from now, unless it changes
        again before: the newest text only. Until then code actions see the text of
        the last lint."""
        self.cancel(uri)
        handle = asyncio.get_running_loop().call_later(DEBOUNCE, self.lint_pending, uri)
        self.pending[uri] = (handle, text, version)

    def newest_text(self, uri: str) -> Optional[Positions]:
        """The document's newest text, with its positions: that of the change
        waiting for its quiet time, else the text last linted; None when the
        document is not open."""
        waiting = self.pending.get(uri)
        if waiting is not None:
            return waiting[1]
        doc = self.documents.get(uri)
        return doc.positions if doc is not None else None

    def lint_pending(self, uri: str) -> bool:
        """Lint the change waiting for its quiet time now; False when none waits."""
        waiting = self.pending.pop(uri, None)
        if waiting is None:
            return False
        waiting[0].cancel()
        self.lint(uri, waiting[1].text, waiting[2], waiting[1])
        return True

    def cancel(self, uri: str) -> None:
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting[0].cancel()

    def lint(self, uri: str, text: str, version: Optional[int], positions: Optional[Positions] = None) -> None:
        """Lint the document's *text* (whose *positions* may be given) and publish
        its findings."""
        self.cancel(uri)
        path = self.path_of(uri)
        self.refresh_undecodable(uri, text, path)
        if positions is None or positions.text is not text:
            positions = Positions(text, self.utf16)
        before = self.documents.get(uri)
        doc = Document(uri, version, text, path, positions, undecodable=self.undecodable.get(uri))
        self.documents[uri] = doc
        if self.held is not None:  # linted when the settings come
            self.held[uri] = doc
            return
        settings = doc.settings = self.settings_for(path)
        try:
            source = doc.config = self.config_source(path, settings)
            if source != (before.config if before is not None else None):
                self.watch_settings()  # (one outside the workspace folders)
            linter = self.linter_for(path, settings, source)
            if path != "-" and excluded(path, linter.config):
                # as check --force-exclude (pre-commit's) leaves it: an editor
                # names every file it opens, wanted or not. Said in the log (no
                # pop-up: the user opened a file, nothing is wrong) when it is
                # opened, or comes to be excluded; not at every keystroke
                doc.excluded = True
                if before is None or not before.excluded:
                    self.log(f"cablelint: {path} is not linted: the configuration's exclude globs match it", lsp.MessageType.Info)
            else:
                doc.linter = linter
                doc.found = self.run(linter, lambda: linter.lint_file(doc.loaded()))
                doc.published = [self.diagnostic(doc, d) for d in doc.found]
        except (ConfigError, RegistryError) as exc:
            doc.linter, doc.found, doc.published = None, [], []
            self.config_error(doc, before, f"cablelint: {exc}")
        except Exception:
            doc.linter, doc.found, doc.published = None, [], []
            self.log(f"cablelint: internal error while linting {uri} (please report this):\n{traceback.format_exc()}", lsp.MessageType.Error)
        if not self.pull:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=doc.published, version=version))
        elif uri in self.pulled and self.pulled[uri] != doc.published:
            # the client's last answer is out of date (a change of the settings or
            # of the configuration, a quiet time it did not ask after)
            self.refresh()

    def config_error(self, doc: Document, before: Optional[Document], message: str) -> None:
        """Log the configuration error *message* that the lint of *doc* met, and
        show it when it is new: when no open document's last lint (*doc*'s, the
        one *before* it) met it under its configuration file as that file is now
        (its stamp): not at every keystroke, nor for each document it governs, but
        again once a lint got past it (a broken file fixed, then broken again;
        other settings, then these again) or the file changed since."""
        source = doc.config
        error = doc.error = (source, search_stamp(source) if source is not None else None, message)
        standing = (before is not None and before.error == error) or any(other.error == error for other in self.documents.values() if other is not doc)
        self.log(message, lsp.MessageType.Error)
        if not standing:
            self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))

    def answer_pull(self, uri: str, previous: Optional[str]) -> lsp.DocumentDiagnosticReport:
        """The findings of the document's newest text, for textDocument/diagnostic:
        ``unchanged`` when the client's *previous* result (its id) is the last one
        it was given and holds the same findings (DocumentDiagnosticReport), else
        all of them with a new result id."""
        last = self.pulled.pop(uri, None)  # this answer brings them: no refresh for them
        last_id = self.result_ids.pop(uri, None)
        self.lint_pending(uri)
        doc = self.documents.get(uri)
        if doc is None:  # not open: no findings, and no id to ask after
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        self.pulled[uri] = doc.published
        if previous is not None and previous == last_id and last == doc.published:
            self.result_ids[uri] = previous
            return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=previous)
        result_id = self.result_ids[uri] = f"{self.run_id}-{next(self.results)}"
        return lsp.RelatedFullDocumentDiagnosticReport(items=doc.published, result_id=result_id)

    def refresh(self) -> None:
        """Ask the client to ask again for the findings of its documents: once for
        the lints of one turn of the loop, not once for each."""
        if not self.refreshing:
            self.refreshing = True
            asyncio.get_running_loop().call_soon(self._refresh)

    def _refresh(self) -> None:
        self.refreshing = False
        self.workspace_diagnostic_refresh(None)

    def run(self, linter: Linter, work: Callable[[], T]) -> T:
        """Call *work*, then log the rule and parser failures it met, as ``check``
        reports them on standard error."""
        before = len(linter.crashes)
        try:
            return work()
        finally:
            for crash in linter.crashes[before:]:
                self.log(crash_message(crash.code, linter.registry.origin(crash.code), crash.path, crash.error), lsp.MessageType.Error)
            del linter.crashes[before:]

    def diagnostic(self, doc: Document, d: Diagnostic) -> lsp.Diagnostic:
        assert doc.linter is not None
        rule = doc.linter.registry.lookup(d.code)
        uri = help_uri(rule) if rule is not None else None
        return lsp.Diagnostic(
            range=doc.range(d.span.start, d.span.end),
            severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code,
            code_description=lsp.CodeDescription(href=uri) if uri else None,
            source=SOURCE,
            message=d.message,
        )

    def close(self, uri: str) -> None:
        self.cancel(uri)
        doc = self.documents.pop(uri, None)
        if doc is not None and doc.config is not None:
            self.watch_settings()  # (one no other document is linted under)
        self.undecodable.pop(uri, None)
        self.files.pop(uri, None)
        self.stamps.pop(uri, None)
        self.pulled.pop(uri, None)
        self.result_ids.pop(uri, None)
        if not self.pull:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def unreadable_notification(self, method: str, params: object) -> None:
        """A notification that cannot be read (dropped): a change to an open
        document leaves the server without its text (the next change would be
        applied to the wrong one): it is closed here, its findings cleared, and
        linted again when the editor opens it again."""
        if method != lsp.TEXT_DOCUMENT_DID_CHANGE or not isinstance(params, Mapping):
            return
        identifier = params.get("textDocument")
        uri = identifier.get("uri") if isinstance(identifier, Mapping) else None
        if isinstance(uri, str) and uri in self.documents:
            held = self.pulled.get(uri)
            self.close(uri)
            if held:  # the client holds findings of a text no longer known: it asks again
                self.refresh()
            self.log(f"cablelint: a change to {uri} could not be read: its text is no longer known, and it is not linted until it is opened again")
