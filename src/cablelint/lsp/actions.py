"""The code actions: a quick fix per safely fixable finding under the asked range, and
``source.fixAll.cablelint``, the document as ``check --fix -`` would write it."""

from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types as lsp

from cablelint.linter.fixer import fix_file
from cablelint.linter.rule import Edit
from cablelint.lsp.positions import whole_edit
from cablelint.lsp.server import CableServer, Document

FIX_ALL = "source.fixAll.cablelint"


def code_actions(ls: CableServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None or doc.linter is None or doc.loaded().bad_offsets:
        # a file whose bytes are not all UTF-8 is never fixed, as check --fix
        # leaves it (F001: only its author knows which encoding was meant)
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
            edits = [doc.edit(e.span.start, e.span.end, e.replacement) for e in sorted(d.fix.edits, key=_edit_order)]
            out.append(
                lsp.CodeAction(
                    title=f"cablelint: fix {d.code} ({d.name})",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    is_preferred=True,
                    edit=workspace_edit(ls, doc, edits),
                )
            )
    if wanted(FIX_ALL, only) and any(d.fix is not None for d in doc.found):
        fixed = fix_all(ls, doc)
        if fixed is not None and fixed != doc.text:
            out.append(lsp.CodeAction(title="cablelint: fix all safely fixable findings", kind=FIX_ALL, edit=workspace_edit(ls, doc, [whole_edit(doc.positions, fixed)])))
    return out


def fix_all(ls: CableServer, doc: Document) -> Optional[str]:
    """The text ``check --fix -`` prints for the document (None when the fixer
    refused, said in the log)."""
    linter = doc.linter
    assert linter is not None
    result = ls.run(linter, lambda: fix_file(linter, doc.loaded(), doc.found))
    if result.refused:
        ls.log(f"cablelint: {doc.path}: not fixed: {result.refused}")
        return None
    if result.held:
        ls.log(f"cablelint: {doc.path}: {result.held}")
    # the byte order mark the editor's text holds is kept
    return ("\ufeff" if doc.bom else "") + str(result.text)


def workspace_edit(ls: CableServer, doc: Document, edits: Sequence[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    """The edits, tied to the document's version when the client takes that."""
    caps = ls.client_capabilities.workspace
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
