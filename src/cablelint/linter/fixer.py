"""Applying fixes: non-overlapping edits in one pass, verified before anything is written.

A pass takes the fixes of a file in order of position and applies every fix whose
edits overlap none already taken; the others wait for the next pass (at most
``MAX_PASSES``). After each pass the text is linted again in memory: each finding
that pass fixed must be gone (the same code and message at the same place, moved by
the edits before it), or the file is left as it was and the run says why. At the
end no new error may have appeared: if one has, the fixes that bring it are found
(hold_back.py) and held back, the others applied, and the run names the ones held
and the error (if no few fixes held clear it, the file is left as it was). A later
pass fixes what the earlier ones made fixable: a Markdown file whose last residue is
gone reads as a telegram or a draft, where typographic characters are residue too;
it leaves alone the text an earlier F004 fix decoded ('&lt;b&gt;' is '<b>', the
cable's own text, not a tag to take out). No other rendering changes so: a pass
whose fixes would make an archive page, a telegram or a draft read as another
rendering (an archive page with one paragraph sign, its other heads spaced by P004's
fixes, would read as a telegram, and lose that sign as residue) applies only the
fixes that keep the rendering, and the run names the ones it held (the engine offers
no fix the first pass would hold: rendering.py is the one guard both ask). Only then is the file written,
atomically (a temporary file in the same folder, renamed over the original), with
its mode, BOM and line endings kept. With a baseline, only the findings it does not
account for are fixed and reported.
"""

from __future__ import annotations

import bisect
import itertools
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional

from cablelint.files import LoadedFile, fingerprint, named_path, write_atomically
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.engine import PARSER, UNDECODABLE, Crash, Linter, parse_text
from cablelint.linter.hold_back import hold_back
from cablelint.linter.rendering import apply_edits, edits_of, keeping_rendering, never_fixed, take
from cablelint.linter.rule import Edit

MAX_PASSES = 4
CHANGED = "the file changed while cablelint was checking it; it was left as it is (run cablelint again)"


@dataclass
class FixResult:
    original: str
    text: str  # the fixed text (== original when nothing was applied or it was refused)
    applied: Counter[str] = field(default_factory=Counter)  # fixes applied per code
    remaining: list[Diagnostic] = field(default_factory=list)  # findings after fixing
    refused: Optional[str] = None  # why the fixes were not kept
    held: Optional[str] = None  # why some fixes were not applied (the others were)

    @property
    def changed(self) -> bool:
        return self.text != self.original


# The findings of a file that are reported (and fixed): all of them, or those a
# baseline does not account for. Called with the path, the text and its findings.
Keep = Callable[[str, str, list[Diagnostic]], list[Diagnostic]]


def fix_file(linter: Linter, loaded: LoadedFile, diagnostics: list[Diagnostic], keep: Optional[Keep] = None) -> FixResult:
    """Fix *loaded* in memory; the caller decides whether to write ``result.text``.
    *diagnostics* are its reported findings; *keep*, when a baseline hides some,
    picks the reported ones out of a list of findings."""
    assert loaded.text is not None
    result = FixResult(loaded.text, loaded.text, remaining=diagnostics)
    refused = never_fixed(loaded)
    if refused is not None:
        result.refused = refused
        return result
    everything = diagnostics if keep is None else linter.lint_file(loaded)

    def trial(hold: list[Diagnostic]) -> _Passes:
        return _passes(linter, loaded, diagnostics, everything, keep, hold)

    run = trial([])
    held: list[Diagnostic] = []
    if run.refused is None and _new_errors(everything, run.found):
        # the fixes that bring the new error are held back, the others applied; what the
        # trials crash on was said by the run that applied them all, or is no fix's
        said = len(linter.crashes)
        search = hold_back(trial, [d for d in diagnostics if d.fix is not None], run, lambda r: r.refused is not None or bool(_new_errors(everything, r.found)))
        del linter.crashes[said:]
        if search is None:
            first = _new_errors(everything, run.found)[0]
            run.refused = f"fixing would introduce a new {first.code} error at line {first.span.line} ({first.message}); the file was left as it was"
        else:
            held, run, why = search
            brought = _new_errors(everything, why.found)
            run.held = "; ".join(filter(None, (_held_message(held, brought[0] if brought else None), run.held)))
    if run.refused is not None:
        result.refused = run.refused
        return result
    result.text, result.applied, result.remaining, result.held = run.text, run.applied, run.current, run.held
    return result


@dataclass
class _Passes:
    """What the passes of fix_file made of a file: its text, the fixes applied, the
    findings that remain (reported ones, and all), and why they were not kept or
    some fixes were not applied."""

    text: str
    applied: Counter[str] = field(default_factory=Counter)
    current: list[Diagnostic] = field(default_factory=list)
    found: list[Diagnostic] = field(default_factory=list)
    refused: Optional[str] = None
    held: Optional[str] = None


def _passes(linter: Linter, loaded: LoadedFile, diagnostics: list[Diagnostic], everything: list[Diagnostic], keep: Optional[Keep], hold: list[Diagnostic]) -> _Passes:
    """The fixes of *diagnostics* applied in passes (see the module's docstring), but
    those of *hold* and of the findings they still are after each pass."""
    text = loaded.text or ""
    out = _Passes(text, current=diagnostics, found=everything)
    current = diagnostics
    applied: Counter[str] = Counter()
    dialect: Optional[str] = None  # the rendering the text reads as (read at the first fix)
    held: Counter[str] = Counter()  # fixes not applied: they change how the file reads
    holding: set[tuple[str, str]] = set()
    withheld = {(d.code, d.message, d.span.start) for d in hold}  # where the held findings are now
    for n in range(MAX_PASSES):
        taken = take([d for d in current if (d.code, d.message) not in holding and (d.code, d.message, d.span.start) not in withheld])
        if not taken:
            break
        if n == 0:  # (a file with nothing to fix is not parsed again)
            dialect = linter.read_as(text)
        fixed = LoadedFile(loaded.path, apply_edits(text, edits_of(taken)), bom=loaded.bom)
        try:
            cable = parse_text(fixed.text or "", linter.config.dialect)
        except Exception as exc:  # a parser bug: say so, as a check run would
            linter.crashes.append(Crash(loaded.path, PARSER, f"{type(exc).__name__}: {exc}"))
            out.refused = "the parser failed on the fixed text; the file was left as it was"
            return out
        if dialect not in (None, "markdown", cable.dialect):
            # keep the fixes that leave the rendering as it is, one by one
            kept, back = keeping_rendering(text, dialect, taken, linter.read_as)
            for d in back:
                held[d.code] += 1
                holding.add((d.code, d.message))
            count = sum(held.values())
            out.held = (
                f"{count} fix{'' if count == 1 else 'es'} ({', '.join(sorted(held))}) not applied: with them the file would read as a {cable.dialect}, "
                f"not as the {dialect} rendering it is (fix those lines by hand)"
            )
            if not kept:
                break
            taken = kept
            fixed = LoadedFile(loaded.path, apply_edits(text, edits_of(taken)), bom=loaded.bom)
            cable = parse_text(fixed.text or "", linter.config.dialect)
        edits, codes = edits_of(taken), Counter(d.code for d in taken)
        moved = _mover(edits)
        withheld = {(code, message, moved(start)) for code, message, start in withheld}
        text, dialect = fixed.text or "", cable.dialect
        out.found = linter.lint_cable(fixed, cable)
        after = out.found if keep is None else keep(loaded.path, text, out.found)
        problem = _still_there(current, after, edits)
        if problem:
            out.refused = problem
            return out
        applied.update(codes)
        current = after
    out.text, out.applied = text, applied
    out.current = [_unoffered(d) if (d.code, d.message, d.span.start) in withheld else d for d in current]
    return out


def _held_message(held: list[Diagnostic], new: Optional[Diagnostic]) -> str:
    """What the run says of the fixes held back because they bring a new error."""
    named = ", ".join(f"{d.code} at {d.span.line}:{d.span.column}" for d in held)
    why = f"a new {new.code} error at line {new.span.line} ({new.message})" if new is not None else "a new error"
    return f"{len(held)} fix{'' if len(held) == 1 else 'es'} not applied ({named}): with {'it' if len(held) == 1 else 'them'} the file would have {why}; the other fixes were applied"


def _unoffered(d: Diagnostic) -> Diagnostic:
    """*d* without its fix: the reports offer no fix that --fix did not apply."""
    return Diagnostic(d.path, d.span, d.code, d.name, d.severity, d.message)


def _mover(edits: list[Edit]) -> Callable[[int], int]:
    """Where an offset of the text before *edits* (outside them) lies after them."""
    starts = sorted((e.span.start, len(e.replacement) - (e.span.end - e.span.start)) for e in edits)
    ats = [at for at, _ in starts]
    shifts = [0, *itertools.accumulate(shift for _, shift in starts)]  # by the first n edits
    return lambda offset: offset + shifts[bisect.bisect_left(ats, offset)]


def _still_there(before: list[Diagnostic], after: list[Diagnostic], edits: list[Edit]) -> Optional[str]:
    """Why one pass's fixes fail: a finding the pass fixed is still there after it
    (the same code and message where the edits before it moved it to)."""
    taken = {id(e) for e in edits}
    starts = sorted((e.span.start, len(e.replacement) - (e.span.end - e.span.start)) for e in edits)
    ats = [at for at, _ in starts]
    moved = [0, *itertools.accumulate(shift for _, shift in starts)]  # by the first n edits
    left = {(d.code, d.message, d.span.start) for d in after}
    for d in before:
        if d.fix is None or not all(id(e) in taken for e in d.fix.edits):
            continue
        start = d.span.start + moved[bisect.bisect_left(ats, d.span.start)]
        if (d.code, d.message, start) in left:
            return f"fixing {d.code} did not remove the finding it fixed at line {d.span.line}; the file was left as it was"
    return None


def _new_errors(before: list[Diagnostic], after: list[Diagnostic]) -> list[Diagnostic]:
    """The errors of *after* of a code that has more errors than in *before*: those
    whose message is new first."""
    errors_before = Counter(d.code for d in before if d.severity == "error")
    said = {(d.code, d.message) for d in before}
    more = {code for code, n in Counter(d.code for d in after if d.severity == "error").items() if n > errors_before[code]}
    new = [d for d in after if d.severity == "error" and d.code in more]
    return sorted(new, key=lambda d: (d.code, d.message) in said)


@dataclass
class FixOutcome:
    diagnostics: list[Diagnostic]  # after fixing, in path order
    applied: Counter[str] = field(default_factory=Counter)
    diffs: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # refusals and write errors
    stdout_text: Optional[str] = None  # the fixed cable when it came from standard input
    fixed_texts: dict[str, str] = field(default_factory=dict)  # what each fixed file now holds


def fix_paths(
    linter: Linter,
    diagnostics: list[Diagnostic],
    load: Callable[[str], LoadedFile],
    write: bool,
    stdin_path: Optional[str] = None,
    keep: Optional[Keep] = None,
    linted: Optional[Mapping[str, Optional[str]]] = None,
) -> FixOutcome:
    """Fix every file that has fixable findings; write them only when *write*. The
    findings under *stdin_path* are standard input's: its fixed text is kept in
    ``stdout_text``, never written to a file of that name. *keep*: see fix_file.

    *linted* maps a path to the fingerprint of the text its findings came from. A
    file that no longer holds that text (saved in an editor while a long run went
    on) is not fixed: the findings' positions are those of the old text, and their
    edits would cut the new one in the wrong places. So is a file that changes
    while it is being fixed."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    outcome = FixOutcome([])
    fixable = {i.code for i in linter.registry.infos if i.fixable}
    for path, found in by_path.items():
        if not any(d.fix for d in found):
            outcome.diagnostics.extend(found)
            if any(d.code == UNDECODABLE for d in found) and any(d.code in fixable for d in found):
                # (the reports offered no fix in it: say why none is applied)
                refused = never_fixed(load(path))
                if refused is not None:
                    outcome.messages.append(f"{path}: not fixed: {refused}")
            continue
        loaded = load(path)
        if loaded.text is None:
            outcome.diagnostics.extend(found)
            continue
        if linted is not None and path in linted and linted[path] != fingerprint(loaded):
            outcome.messages.append(f"{path}: not fixed: {CHANGED}")
            outcome.diagnostics.extend(found)
            continue
        result = fix_file(linter, loaded, found, keep)
        if result.refused:
            outcome.messages.append(f"{path}: not fixed: {result.refused}")
        elif result.held:
            outcome.messages.append(f"{path}: {result.held}")
        if not result.changed:
            outcome.diagnostics.extend(result.remaining)
            continue
        outcome.diffs.append(unified_diff(path, result.original, result.text, loaded.bom))
        if write and path == stdin_path:
            outcome.stdout_text = result.text
        elif write:
            if fingerprint(load(path)) != fingerprint(loaded):
                outcome.messages.append(f"{path}: not fixed: {CHANGED}")
                outcome.diagnostics.extend(found)
                continue
            try:
                write_atomically(path, result.text, loaded.bom)
            except OSError as exc:
                outcome.messages.append(f"{path}: cannot write the fixed file: {exc.strerror or exc}; it was left as it was")
                outcome.diagnostics.extend(found)  # the file as it is, at its positions
                continue
        if write:
            outcome.fixed_texts[path] = result.text
        outcome.applied.update(result.applied)
        outcome.diagnostics.extend(result.remaining)
    outcome.diagnostics.sort(key=Diagnostic.sort_key)
    return outcome


def unified_diff(path: str, before: str, after: str, bom: bool = False) -> str:
    """The change as a unified diff that ``patch`` and ``git apply`` take: lines are
    cut at line feeds only, as they cut them (a lone CR, a form feed or U+2028 stays
    inside its line), and a BOM is part of the first line, as it is in the file."""
    name = diff_name(path)
    old, new = header_name(f"a/{name}"), header_name(f"b/{name}")
    if bom:
        before, after = "\ufeff" + before, "\ufeff" + after
    import difflib  # (only --diff shows one)

    lines = difflib.unified_diff(_lines(before), _lines(after), old, new)
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def header_name(name: str) -> str:
    """*name* as a ``---``/``+++`` line gives it, the way ``git diff`` does, so that
    ``patch`` and ``git apply`` read back the whole name: one with a quote, a
    backslash or a control character in double quotes with C escapes; one with a
    space followed by a tab (``patch`` ends an unquoted name at its first space
    unless a tab marks where it ends, as ``diff`` writes before a date)."""
    if any(c in _C_ESCAPES or c < " " or c == "\x7f" for c in name):
        return '"' + "".join(_C_ESCAPES.get(c) or (f"\\{ord(c):03o}" if c < " " or c == "\x7f" else c) for c in name) + '"'
    return name + "\t" if " " in name else name


def diff_name(path: str) -> str:
    """*path* as the diff names it after ``a/`` and ``b/``: relative to the current
    folder when it lies inside it, so ``patch -p1`` applies the diff from there, as
    it does ``git diff``'s; otherwise the absolute path without its root, as
    ``git diff --no-index`` names it (``patch -p1 -d /``). Never with ``..`` or a
    leading ``/``, which ``patch`` refuses as dangerous."""
    full = named_path(path)  # (a/../b/x.cable, a a link: the file read, not b/x.cable)
    try:
        relative = os.path.relpath(full)
    except ValueError:  # another drive (Windows)
        relative = os.pardir
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        return relative.replace(os.sep, "/")
    drive, rest = os.path.splitdrive(full)
    return (drive.rstrip(":") + rest).lstrip("/\\").replace(os.sep, "/")


def _lines(text: str) -> list[str]:
    """*text* cut after each line feed, the line feeds kept."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out
