"""``cablelint server``: a language server (LSP, over standard input and output)
that lints each cable an editor opens as it is edited, and offers the safe fixes
as code actions.

Built on pygls and lsprotocol, an optional dependency (``pip install
'cablelint[lsp]'``): only this command imports them, never ``check``.

- Diagnostics: the document is linted at once on didOpen and didSave, and after
  DEBOUNCE seconds without a change on didChange (the newest text only; a change
  to a document not open is ignored); its findings are published with exact
  ranges; didClose clears them.
- Pull diagnostics: a client that offers textDocument/diagnostic and
  workspace/diagnostic/refresh is answered the findings of the newest text when
  it asks (at start, once the first settings came), and none are published; a
  lint it did not ask for (the quiet time, a change of the settings or of the
  configuration) that changes them has it told to ask again. Each full answer
  has a result id; asked with the last one it was given (previousResultId) when
  the findings are the same, the client is answered ``unchanged``. A pull can be
  cancelled ($/cancelRequest: answered RequestCancelled). workspace/diagnostic
  is not offered: a client that asks anyway gets MethodNotFound.
- Sync: incremental. A didChange's changes (a range and its new text, or the
  whole text) are applied in turn to the newest text, their positions read as an
  editor reads them (Positions.offset), and the line starts of the rest kept
  (Positions.replaced), so that a keystroke in a long document costs little;
  pygls's own copy of the text is not kept.
- Settings (``initializationOptions``, ``workspace/didChangeConfiguration`` under a
  ``cablelint`` key, and ``workspace/configuration`` when the client offers it):
  ``strict``, ``dialect``, ``select``, ``ignore``, ``extendSelect``, ``config``,
  ``lineLength``, as ``check``'s options of those names, checked by the same code
  (those of ``initializationOptions`` at initialize: a client that never sends
  initialized has them too). A bad value is logged and shown once, and the rest is used (a bad entry of a
  list: the list's other entries); a change relints the open documents, as does a
  change to a configuration file (didChangeWatchedFiles, registered for the
  configuration files' names when the client allows) the documents it governs:
  those linted under it, and those below its folder whose file is found upward
  and is not nearer them (one made nearer, a pyproject.toml that gained or lost
  its table); the documents of another project root are left alone. A client that answers
  ``workspace/configuration`` and has workspace folders is asked for each folder
  (``scopeUri``: the folder's URI) as well as without a scope, and each folder's
  answer serves the documents in it (the innermost folder holding one); the
  unscoped answer serves the others. Then a change notification, or a change of
  the folders, has them all asked for again. The documents opened before the
  first answer are linted when it comes (at most SETTINGS_WAIT seconds later):
  an editor that opens a file as it starts the server (eglot) would otherwise
  show, for a moment, findings the settings turn off. An answer that is an error,
  cannot be read or is no list (a string, a number, an object) keeps the
  settings in force (logged once).
- Configuration: found by walking up from the document's folder (the file of an
  ``untitled:`` document has none: the first workspace folder, else the server's
  current folder), as ``cablelint check`` run from that folder finds it, and
  read again when the file changes. The document is linted under its own path, so
  per-file-ignores match it as ``check`` matches that file. A file the
  ``exclude`` globs match is not linted, as ``check --force-exclude`` (what
  pre-commit runs) leaves it: an editor names every file it opens.
- Positions: our spans are code-point offsets; LSP counts lines from 0 (cut at
  CR LF, CR or LF) and characters in UTF-16 code units unless the client offers
  UTF-32, which is then chosen. A byte order mark the editor kept (U+FEFF
  first) is read as ``check`` reads the file's: not linted as text, but counted
  in positions, and kept by the fixes.
- Bytes that are not UTF-8 (F001): the editor sends decoded text, so the file
  of a ``file:`` document is read at open and at save, and again when it changed
  on disk (its time or size, seen at a lint; or a didChangeWatchedFiles naming
  it: a ``git checkout`` the editor reloads as changes, with no save); when the editor's text
  is its content as ``check`` decodes it (a U+FFFD for each bad sequence; a byte
  order mark kept or not; the same lines with other line breaks, as VS Code
  makes a file's mixed line ends one kind), its bad runs are reported as
  ``check`` reports them, moved by later changes (one over any character of a
  run, or inside it, drops it). A change of the whole text keeps the runs
  outside the part that changed, and a text that is the file's content
  again (a whole text, or changes that restore it) has them all back. Such a document gets no code action, as ``check
  --fix`` never fixes such a file.
- Code actions: a quickfix for each finding with a safe fix, and
  ``source.fixAll.cablelint``, which gives the text ``cablelint check --fix -``
  would (the fixer's passes and checks, as they run there).
- A failure while linting one document is logged (window/logMessage) and its
  diagnostics are cleared; the server goes on.
- What a client gets wrong is answered as JSON-RPC and LSP say, in one line on
  standard error, never a traceback: a message that is not JSON (ParseError) or no
  JSON-RPC object (InvalidRequest), params not the method's (InvalidParams, the
  fields named as the protocol names them, ``textDocument``, with what it allows
  there, from the field's type, and the value sent; faults.py), a
  request before initialize (ServerNotInitialized), after shutdown or a second
  initialize (InvalidRequest), whatever its params; a notification before initialize is
  dropped, and exit without shutdown ends the process with status 1. A value
  not of the protocol's type is turned down, never converted (null is no string:
  a didOpen whose text is null was linted as the text "None"). A notification
  that cannot be read is dropped (JSON-RPC answers none), said on standard
  error; a dropped didChange leaves the server without the editor's text, so
  the document is closed (its findings cleared, and why logged) until the
  editor opens it again. initialize is refused only for a field the server reads
  (INITIALIZE_READ): one it does not (a capability of no concern to it) is left
  out, said on standard error, and the server starts. A message is read whole,
  once: an object inside it (the settings, any JSON the protocol passes on)
  that looks like a message is never read as one (pygls's object_hook read
  every object, and one like a request was answered with its id).
"""

from cablelint.lsp.handlers import make_server, serve
from cablelint.lsp.positions import Positions, whole_edit
from cablelint.lsp.settings import SETTINGS, Settings, read_settings

__all__ = ["SETTINGS", "Positions", "Settings", "make_server", "read_settings", "serve", "whole_edit"]
