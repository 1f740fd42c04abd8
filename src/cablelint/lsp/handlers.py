"""The protocol's methods, wired to the server (server.py), and ``serve``."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from typing import Mapping

from lsprotocol import types as lsp

from cablelint.cli_output import set_aside
from cablelint.lsp.actions import FIX_ALL, code_actions
from cablelint.lsp.positions import Positions
from cablelint.lsp.server import SOURCE, CableServer, _Protocol, quiet_client_faults
from cablelint.lsp.settings import settings_of


def make_server() -> CableServer:
    quiet_client_faults()
    server = CableServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CableServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.read_undecodable(params.text_document.uri, params.text_document.text)
        ls.lint(params.text_document.uri, params.text_document.text, params.text_document.version)
        ls.tell_plugin_changes()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CableServer, params: lsp.DidChangeTextDocumentParams) -> None:
        # incremental sync: each change, a range and its new text (or the whole
        # text), is applied in turn to the newest text, as the editor applied it;
        # the line starts of the rest are kept, not found again at each keystroke
        uri = params.text_document.uri
        text = ls.newest_text(uri)
        if text is None:  # not open (closed, or never opened): nothing to lint
            return
        for change in params.content_changes:
            if isinstance(change, lsp.TextDocumentContentChangePartial):
                start, end = text.offset(change.range.start), text.offset(change.range.end)
                text = text.replaced(start, max(start, end), change.text)
                ls.text_replaced(uri, start, max(start, end), len(change.text))
            else:
                ls.whole_text_replaced(uri, text.text, change.text)
                text = Positions(change.text, ls.utf16)
        ls.changed(uri, text, params.text_document.version)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
    def did_save(ls: CableServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # at once, the change waiting for its quiet time included; the
        # configuration may have changed meanwhile: lint the text held again
        uri = params.text_document.uri
        ls.tell_plugin_changes()
        # the file now holds the editor's text: where it is not UTF-8, read afresh
        newest = params.text if params.text is not None else getattr(ls.newest_text(uri), "text", None)
        if newest is not None:
            ls.read_undecodable(uri, newest)
        if ls.lint_pending(uri):
            return
        doc = ls.documents.get(uri)
        if params.text is not None:
            ls.lint(uri, params.text, doc.version if doc else None)
        elif doc is not None:
            ls.lint(doc.uri, doc.text, doc.version)

    async def diagnostic(ls: CableServer, params: lsp.DocumentDiagnosticParams) -> lsp.DocumentDiagnosticReport:
        # a document opened at start waits for the first settings, as a published
        # one does; then the newest text is linted, the change waiting included
        await ls.settled.wait()
        return ls.answer_pull(params.text_document.uri, params.previous_result_id)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: CableServer, params: lsp.InitializeParams) -> None:
        # the settings of initializationOptions in force at once: a client that
        # never sends initialized (it must) would have its documents linted
        # without them (what is wrong in them is told here: LSP allows
        # window/showMessage and window/logMessage while initialize is answered)
        ls.initial = settings_of(params.initialization_options)
        ls.use_settings(None)
        caps = params.capabilities
        refreshes = caps.workspace is not None and caps.workspace.diagnostics is not None and bool(caps.workspace.diagnostics.refresh_support)
        if caps.text_document is not None and caps.text_document.diagnostic is not None and refreshes and not ls.pull:
            # pull diagnostics, as the client prefers; registered here, before the
            # capabilities are worked out, so that only such a client is offered them
            ls.pull = True
            options = lsp.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False)
            server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC, options)(diagnostic)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: CableServer, params: lsp.InitializedParams) -> None:
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
        # pygls has updated the folders
        ls.workspace_changed()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: CableServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        # a configuration file made, changed or removed: found and read afresh for
        # the documents it governs; an open document's file (a client that
        # watches it): its bytes read again
        # (each as the client names it: a link's event is judged by the link's
        # name, a configuration file's name, and by the file it leads to)
        paths = {path for change in params.changes for path in [ls.path_of(change.uri)] if path != "-"}
        if paths:
            ls.files_changed(paths)

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
            return code_actions(ls, params)
        except Exception:
            ls.log(f"cablelint: internal error in a code action for {params.text_document.uri} (please report this):\n{traceback.format_exc()}", lsp.MessageType.Error)
            return []

    return server


def serve() -> None:
    """Run the server on standard input and output until the client ends it."""
    level = logging.getLevelName(os.environ.get("CABLELINT_LOG_LEVEL", "WARNING").strip().upper())
    # pygls's own log, on standard error (standard output carries the protocol)
    logging.basicConfig(level=level if isinstance(level, int) else logging.WARNING, format="cablelint server: %(levelname)s: %(message)s")
    server = make_server()
    # standard input and output are the protocol's: the messages are read from and
    # written to private copies of their descriptors (set_aside), for the whole life
    # of the server. Whatever else prints or writes to descriptor 1 (a plugin, when
    # imported or in its rule's check, a process it starts) goes to standard error,
    # never between the messages; whatever reads descriptor 0 (a process a plugin
    # starts, which inherits it) reads the null device, never the client's messages
    sys.stdout.flush()
    protocol_out = os.fdopen(set_aside(1), "wb")
    protocol_in = os.fdopen(set_aside(0), "rb")
    sys.stdout = sys.stderr
    server.start_io(protocol_in, protocol_out)
    protocol = server.protocol
    if isinstance(protocol, _Protocol) and protocol.exit_code:  # exit without shutdown
        sys.exit(protocol.exit_code)
