"""Regex audit helpers: find every regex of the grammar and the code, and time it on
adversarial input.

*Collection.* The line terminals of cable.lark (used with ``fullmatch`` by the lexer
and the builder), the terminals of fields.lark, and every ``re.compile`` (or ``compiled.regex``) or ``re.*``
call with a literal pattern in ``src/``; a pattern
built from parts and bound at a module's top level is taken from the imported module,
and any other call is listed for the audit test to account for. How each regex is used is read from the
code (Python's ``ast``): a name bound to ``field("X")``, ``re.compile(...)`` or ``regex(...)`` (or a
``field("X")`` lookup itself) then called with ``.finditer``/``.search``/``.sub``/``.split`` is probed unanchored
(every start position), with ``.match`` anchored at the start, with ``.fullmatch``
anchored at both ends. A pattern used unanchored is the costly case: a scan that
is linear per start position is quadratic over the line.

*Probes.* For each repetition in a pattern (``*``, ``+``, ``{m,}``), a string is
built from the pattern itself (re._parser's parse tree): a match of the whole
pattern, with that one repetition's body repeated n times, followed by a tail that
makes the match fail late ("" keeps it matching). That is the classic shape of
catastrophic backtracking: a long pumpable middle and a late failure. Two kinds
(:func:`makers`): the *least* probe takes every other repeat at its minimum and each
alternation's first alternative; the *wide* probe pumps the body as a pair, every
repeat in it at its maximum and then at its minimum, once for each alternative
position, so that two repeats which can trade characters meet and every alternative
is pumped (the least probe missed 7290321's drafter line: a year's 2-4 digits
against the next date's 1-2).

*Measure.* Ratios of CPU time, not absolute times, and not wall-clock time: the
thread's CPU time leaves out the time the machine gave other processes, which is what
made a wall-clock ratio fail under load. n is doubled until the probe takes at least
five milliseconds (a probe still under that at 20,000 characters is linear for any
practical purpose); then runs at n and at 16n are taken in turns (a busy spell weighs
on both alike) and the least of each compared, per doubling of the input: linear
gives a ratio near 2, quadratic 4; 3 or more fails. Over a 16x span a noise factor
of 5 is needed to lift a linear pattern to 3. A run is stopped once its CPU time
reaches the failing ratio (SIGPROF; ``re`` checks for signals while it
backtracks), so an exponential pattern fails instead of hanging the suite.
"""

from __future__ import annotations

import ast
import gc
import importlib
import itertools
import math
import re
import signal
import threading
import time
import weakref
from contextlib import contextmanager
from functools import lru_cache, partial
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

try:  # Python 3.11+
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

from cablelint.grammar.parser import line_patterns
from cablelint.grammar.patterns import all_fields

SRC = Path(__file__).resolve().parents[2] / "src" / "cablelint"
_MODES = {"fullmatch": "full", "match": "match", "search": "search", "finditer": "search", "findall": "search", "sub": "search", "subn": "search", "split": "search"}
_MODES_AND_COMPILE = {*_MODES, "compile"}
MAXREPEAT = sre_parse.MAXREPEAT


@dataclass
class Regex:
    name: str
    pattern: re.Pattern[str]
    modes: set[str] = field(default_factory=set)


# ---- collection ------------------------------------------------------------------------


def _literal_pattern(call: ast.Call) -> Optional[re.Pattern[str]]:
    if not call.args or not isinstance(call.args[0], ast.Constant) or not isinstance(call.args[0].value, str):
        return None
    flags = 0
    for arg in call.args[1:2]:
        for node in ast.walk(arg):
            if isinstance(node, ast.Attribute) and isinstance(getattr(re, node.attr, None), re.RegexFlag):
                flags |= getattr(re, node.attr)
    return re.compile(call.args[0].value, flags)


def _field_lookup(node: ast.expr) -> Optional[str]:
    """The field terminal ``field("X")`` (or ``pattern("X")``) names, as a key."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("field", "pattern"):
        if node.args and isinstance(node.args[0], ast.Constant):
            return f"fields.lark:{node.args[0].value}"
    return None


def _is_compile(func: ast.expr) -> bool:
    """Whether a call of *func* compiles its pattern argument: ``re.compile``, or
    ``regex`` (compiled.regex: re.compile with the codes kept between runs)."""
    if isinstance(func, ast.Name):
        return func.id == "regex"
    return isinstance(func, ast.Attribute) and func.attr == "compile" and isinstance(func.value, ast.Name) and func.value.id == "re"


def _scope_of(tree: ast.Module) -> dict[int, str]:
    """The innermost function around each node (by id), for nodes inside one."""
    scope: dict[int, str] = {}
    for node in ast.walk(tree):  # outer functions first: inner ones overwrite
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                scope[id(inner)] = node.name
    return scope


def _module_value(where: str, name: str) -> Optional[re.Pattern[str]]:
    """The compiled pattern a module binds to *name* at import."""
    module = "cablelint." + where.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    value = getattr(importlib.import_module(module), name, None)
    return value if isinstance(value, re.Pattern) else None


def scan() -> tuple[list[Regex], dict[str, list[str]]]:
    """Every regex of the grammar and the code, with how the code uses it; and the
    calls whose pattern the scan could not read, by ``path:function``, with their
    pattern argument as written.

    A pattern that is not a string literal is read where it can be: bound at a
    module's top level, the compiled object is taken from the imported module. The
    rest (built inside a function, from parts) is listed as unread; the audit test
    requires each one to be accounted for."""
    found: dict[str, Regex] = {}
    unread: dict[str, list[str]] = {}
    for name, pat in line_patterns().items():
        found[f"cable.lark:{name}"] = Regex(f"cable.lark:{name}", pat, {"full"})
    fields = all_fields()
    for name, pat in fields.items():
        found[f"fields.lark:{name}"] = Regex(f"fields.lark:{name}", pat)
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(SRC).as_posix()
        scope = _scope_of(tree)
        top = {id(node) for node in tree.body}
        names: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                call, target = node.value, node.targets[0].id
                func = call.func
                if isinstance(func, ast.Name) and func.id in ("field", "pattern") and call.args and isinstance(call.args[0], ast.Constant):
                    names[target] = f"fields.lark:{call.args[0].value}"
                elif _is_compile(func):
                    pat = _literal_pattern(call)
                    if pat is None and id(node) in top:
                        pat = _module_value(where, target)
                    if pat is not None:
                        key = f"{where}:{target}"
                        found[key] = Regex(key, pat)
                        names[target] = key
                        top.add(id(call))  # read: not listed below
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "regex":
                if id(node) not in top and _literal_pattern(node) is None:
                    unread.setdefault(f"{where}:{scope.get(id(node), '<module>')}", []).append(ast.unparse(node.args[0]) if node.args else "")
                continue
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MODES_AND_COMPILE):
                continue
            owner = node.func.value
            if node.func.attr == "compile":
                if isinstance(owner, ast.Name) and owner.id == "re" and id(node) not in top and _literal_pattern(node) is None:
                    unread.setdefault(f"{where}:{scope.get(id(node), '<module>')}", []).append(ast.unparse(node.args[0]) if node.args else "")
                continue
            if isinstance(owner, ast.Name) and owner.id in names and names[owner.id] in found:
                found[names[owner.id]].modes.add(_MODES[node.func.attr])
            elif _field_lookup(owner) in found:  # field("X").search(...), looked up where tried
                found[_field_lookup(owner)].modes.add(_MODES[node.func.attr])
            elif isinstance(owner, ast.Name) and owner.id == "re":
                pat = _literal_pattern(node)
                if pat is not None:
                    key = f"{where}:{node.lineno}"
                    found.setdefault(key, Regex(key, pat)).modes.add(_MODES[node.func.attr])
                else:
                    unread.setdefault(f"{where}:{scope.get(id(node), '<module>')}", []).append(ast.unparse(node.args[0]) if node.args else "")
    for r in found.values():
        if not r.modes:
            r.modes.add("full")  # not called by name anywhere: as the grammar uses terminals
    return sorted(found.values(), key=lambda r: r.name), unread


def collect() -> list[Regex]:
    """Every regex the scan could read (see :func:`scan`)."""
    return scan()[0]


# ---- probe strings -----------------------------------------------------------------------

_CATEGORY = {
    "CATEGORY_DIGIT": "1", "CATEGORY_NOT_DIGIT": "a", "CATEGORY_SPACE": " ", "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a", "CATEGORY_NOT_WORD": " ", "CATEGORY_LINEBREAK": "\n", "CATEGORY_NOT_LINEBREAK": "a",
}
_CANDIDATES = "aA1 .-,/(x\t"


def _in_class(ch: str, items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        kind = str(op)
        if kind == "LITERAL" and ord(ch) == av:
            return True
        if kind == "RANGE" and av[0] <= ord(ch) <= av[1]:
            return True
        if kind == "CATEGORY" and re.fullmatch({"1": r"\d", "a": r"\w", " ": r"\s"}.get(_CATEGORY[str(av)], "x"), ch):
            return not str(av).startswith("CATEGORY_NOT")
    return False


def _class_char(items: list[tuple[Any, Any]]) -> str:
    if items and str(items[0][0]) == "NEGATE":
        return next((c for c in _CANDIDATES if not _in_class(c, items[1:])), "\x01")
    op, av = items[0]
    kind = str(op)
    if kind == "LITERAL":
        return chr(av)
    if kind == "RANGE":
        return chr(av[0])
    if kind == "CATEGORY":
        return _CATEGORY.get(str(av), "a")
    return "a"


_REPEAT = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _inner(kind: str, av: Any) -> list[Any]:
    """The parsed sub-patterns directly inside one node (each alternative of a branch)."""
    if kind in _REPEAT:
        return [av[2]]
    if kind == "SUBPATTERN":
        return [av[-1]]
    if kind == "BRANCH":
        return list(av[1])
    if kind in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    if kind == "ATOMIC_GROUP":
        return [av]
    return []


def repeat_nodes(sub: Any) -> Iterator[Any]:
    """The unbounded repetitions in a parsed pattern (min, max, body), outer first."""
    for op, av in sub:
        kind = str(op)
        if kind in _REPEAT and (av[1] == MAXREPEAT or av[1] >= 50):
            yield av
        for inner in _inner(kind, av):
            yield from repeat_nodes(inner)


def repeats(sub: Any) -> Iterator[int]:
    """ids of the unbounded repetitions in a parsed pattern."""
    return (id(av) for av in repeat_nodes(sub))


_HELD: weakref.WeakKeyDictionary[Any, frozenset[int]] = weakref.WeakKeyDictionary()


def _holds(alt: Any, target: int) -> bool:
    """Whether the repetition *target* is inside the alternative *alt*: asked at each
    alternation of each probe built, and the walk is over the whole alternative, so
    its answer is kept while the parse lives."""
    if alt not in _HELD:
        _HELD[alt] = frozenset(repeats(alt))
    return target in _HELD[alt]


def _least(lo: int, hi: int) -> int:
    """How many times the least probe takes a repeat it does not pump: its minimum,
    and an optional part once (present, so that what follows it is reached)."""
    return max(lo, 1 if hi else 0)


def _fewest(lo: int, hi: int) -> int:
    return lo


WIDE = 2  # how many more than its minimum a repeat with no (or a large) maximum takes at its most


def _most(lo: int, hi: int) -> int:
    return hi if hi < 50 else lo + WIDE


Count = Callable[[int, int], int]


def build(sub: Any, target: int, n: int, *, position: int = 0, count: Count = _least, wide: bool = False) -> str:
    """A match of *sub* with repetition *target* repeated *n* times. The rest takes
    *count* (of a repeat's minimum and maximum) and the alternative at *position* of
    each alternation (its first when it has fewer); the alternative holding *target*
    always. *wide*: each of the *n* times is a pair, the body with every repeat in it
    at its most, then at its fewest (see :func:`makers`)."""
    out: list[str] = []
    for op, av in sub:
        kind = str(op)
        if kind == "LITERAL":
            out.append(chr(av))
        elif kind == "NOT_LITERAL":
            out.append("a" if av != ord("a") else "b")
        elif kind == "ANY":
            out.append("a")
        elif kind == "IN":
            out.append(_class_char(list(av)))
        elif kind == "CATEGORY":
            out.append(_CATEGORY.get(str(av), "a"))
        elif kind in _REPEAT:
            lo, hi, body = av
            if id(av) != target:
                out.append(build(body, target, n, position=position, count=count, wide=wide) * count(lo, hi))
            elif wide:
                pair = [build(body, target, n, position=position, count=c, wide=wide) for c in (_most, _fewest)]
                out.append("".join(pair) * n)
            else:
                out.append(build(body, target, n, position=position, count=count) * n)
        elif kind == "SUBPATTERN":
            out.append(build(av[-1], target, n, position=position, count=count, wide=wide))
        elif kind == "ATOMIC_GROUP":
            out.append(build(av, target, n, position=position, count=count, wide=wide))
        elif kind == "BRANCH":
            alts = av[1]
            chosen = next((a for a in alts if _holds(a, target)), alts[position] if position < len(alts) else alts[0])
            out.append(build(chosen, target, n, position=position, count=count, wide=wide))
        # AT (anchors, \b), ASSERT, ASSERT_NOT, GROUPREF: nothing to emit
    return "".join(out)


def _width(sub: Any) -> int:
    """The most alternatives of any alternation in a parsed pattern (1 when none)."""
    most = 1
    for op, av in sub:
        kind = str(op)
        inner = _inner(kind, av)
        most = max(most, len(inner) if kind == "BRANCH" else 1, *(_width(i) for i in inner))
    return most


LEAST, WIDEST = "least", "wide"


def makers(parsed: Any, kinds: tuple[str, ...] = (LEAST, WIDEST)) -> Iterator[tuple[str, Callable[[int], str]]]:
    """The probes of a parsed pattern, as (what, a builder of the probe pumped *n* times).

    *least*: for each repetition, every other repeat at its minimum (an optional part
    present once) and each alternation at its first alternative. *wide*: for each
    repetition, its body pumped as a pair, once with every repeat in it at its maximum
    (a repeat with none, or a large one, at its minimum and two) and once at its
    minimum, an optional part left out: two neighbouring repeats that can trade
    characters ('\\d{2,4}' then '\\d{1,2}': '11111' split 4+1 or 3+2) meet at the
    seam of each pair, which neither probe at one end of the counts builds; for each
    position k below the widest alternation in the body, one probe with every
    alternation at its k-th alternative (its first when it has fewer), so that every
    alternative in the body is pumped, at a cost of that width per repetition rather
    than of all the combinations. Probes that come out the same are made once."""
    for node in {id(av): av for av in repeat_nodes(parsed)}.values():
        target = id(node)
        if LEAST in kinds:
            yield "least probe", partial(build, parsed, target)
        if WIDEST not in kinds:
            continue
        seen: set[str] = set()
        for position in range(_width(node[2])):
            make = partial(build, parsed, target, position=position, wide=True)
            if make(2) not in seen:
                seen.add(make(2))
                yield f"wide probe at alternative {position}", make


# ---- timing ----------------------------------------------------------------------------

# What follows the pumped part. Never a line break: the lexer and the readers only see
# single lines, and "\n" would make every ".*" pattern fail late and look quadratic.
TAILS = ("", "\x00", " !")
SPAN = 16  # the long probe is this many times the short one (a wide span dilutes noise)
RATIO = 3.0  # time per doubling of the input that fails: linear is 2, quadratic 4
RUNAWAY = 1.0  # CPU seconds a probe of the growing phase may take (the one before took under 5 ms)


def runner(pattern: re.Pattern[str], mode: str) -> Callable[[str], object]:
    if mode == "full":
        return pattern.fullmatch
    if mode == "match":
        return pattern.match
    return lambda s: list(pattern.finditer(s))


class _Runaway(Exception):
    """A run went past its CPU budget (raised from the SIGPROF handler)."""


@contextmanager
def _cpu_budget(seconds: float) -> Iterator[None]:
    """Stop what runs inside after *seconds* of CPU time (``_Runaway``). ``re`` checks
    for signals while it backtracks, so even an exponential match stops: without this
    a catastrophic pattern would hang the suite instead of failing it. Only the main
    thread can take a signal; elsewhere nothing is stopped."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Runaway

    old = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def _time(fn: Callable[[str], object], s: str, budget: float = RUNAWAY) -> float:
    """The CPU time of one run of *fn* on *s*, this thread's only (time the machine
    gave other processes does not count, as wall time would); inf when the run went
    past *budget* seconds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.thread_time()
        with _cpu_budget(budget):
            fn(s)
        return time.thread_time() - start
    except _Runaway:
        return math.inf
    finally:
        if enabled:
            gc.enable()


@dataclass
class Verdict:
    regex: str
    mode: str
    probe: str
    ratio: float  # time per doubling of the input; inf when a run was stopped
    seconds: float  # the short run's CPU time
    length: int  # the short run's input
    long: int  # the long run's input

    def describe(self) -> str:
        if self.ratio == math.inf:
            return f"{self.mode} on {self.probe}: {self.long} characters ran past the failing time (stopped), {self.length} took {self.seconds:.3f}s"
        return f"{self.mode} on {self.probe}: 2x input took {self.ratio:.1f}x time ({self.length} characters {self.seconds:.3f}s CPU, {self.long} characters)"


def _jump(fn: Callable[[str], object], make: Callable[[int], str], n: int, runs: int) -> float:
    """The least time of a few runs at *n* over the least at half *n*, in turns."""
    half = full = math.inf
    for _ in range(runs):
        half = min(half, _time(fn, make(n // 2)))
        full = min(full, _time(fn, make(n)))
    return full / max(half, 1e-9)


def probe(r: Regex, mode: str, *, floor: float = 5e-3, max_len: int = 20_000, runs: int = 3, tails: tuple[str, ...] = TAILS, kinds: tuple[str, ...] = (LEAST, WIDEST)) -> Optional[Verdict]:
    """The worst super-linear probe of *r* in *mode* (ratio >= 3), or None; the
    first exponential one found, as none can be worse."""
    fn = runner(r.pattern, mode)
    parsed = sre_parse.parse(r.pattern.pattern, r.pattern.flags)
    worst: Optional[Verdict] = None
    doublings = math.log2(SPAN)
    for what, pumped in makers(parsed, kinds):
        for tail in tails:
            make = lru_cache(maxsize=None)(lambda k: pumped(k) + tail)  # built once a size
            n, t, before = 8, 0.0, 0.0
            while True:
                s = make(n)
                before, t = t, _time(fn, s)
                if t >= floor or len(s) >= max_len or len(make(2 * n)) == len(s):
                    break
                n *= 2
            if t == math.inf:
                # under the floor at half this size, past RUNAWAY seconds at this one
                ratio, t, short, long = math.inf, before, len(make(n // 2)), len(s)
            elif t < floor:
                continue
            elif before > 0 and t >= before * RATIO**doublings and (jump := _jump(fn, make, n, runs)) >= RATIO**doublings:
                # one doubling cost more than the whole span may (an exponential pattern):
                # measured again, at half the size and this one, rather than at SPAN times
                # this size, which would be stopped only after that many times as long
                ratio, t, short, long = jump, before, len(make(n // 2)), len(s)
            else:
                # the least of a few runs at n and at SPAN times n, taken in turns so that a
                # busy spell weighs on both sizes alike; a run at SPAN * n is stopped once it
                # has cost the ratio that fails (3 per doubling of the input), as an
                # exponential pattern would never end; a run so stopped is tried again
                # like any other (a busy spell on a shared machine stopped one run of
                # a linear pattern at two million characters, failing the suite once)
                small = big = math.inf
                for _ in range(runs):
                    small = min(small, _time(fn, make(n)))
                    big = min(big, _time(fn, make(SPAN * n), budget=max(small, 1e-6) * RATIO**doublings))
                ratio = (big / max(small, 1e-9)) ** (1 / doublings)
                t, short, long = small, len(make(n)), len(make(SPAN * n))
            if ratio >= RATIO and (worst is None or ratio > worst.ratio):
                worst = Verdict(r.name, mode, f"{what} {make(4)[:80]!r}", ratio, t, short, long)
                if ratio >= RATIO**doublings:
                    return worst  # exponential: the other probes would only take as long to say so
    return worst


# ---- runs of one character ---------------------------------------------------------------
#
# The probes above are matches of the pattern pumped, then a tail: they find backtracking
# inside one try. A pattern searched (tried from each position) can also be quadratic
# with no backtracking at all: a leading '[ \t]*' or '[ \t]+' scans a long run of blanks
# to its end from each blank of it, and fails there. A probe of that shape: one character
# repeated, then a tail that matches nothing. Only the patterns the code searches are
# probed so: a pattern tried at one position (match, fullmatch) scans a run once.

RUN_CHARS = " \tA1/.-"


def run_chars(pattern: re.Pattern[str]) -> str:
    """RUN_CHARS and the first character of each probe the pattern's repetitions make
    (what the pattern itself repeats: a letter of its own, a parenthesis)."""
    chars = dict.fromkeys(RUN_CHARS)
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    for node in {id(av): av for av in repeat_nodes(parsed)}.values():
        body = build(node[2], id(node), 1)
        chars.update(dict.fromkeys(body[:1]))
    return "".join(chars)


# ---- runs of short units ----------------------------------------------------------------
#
# A run of one character misses patterns that a run of words shows: a post of capitals
# and blanks ('A A A ...'), words each after its blanks (' Ab Ab ...'), a list of
# capitals behind commas ('A, A, ...'), digits and blanks ('0 0 0 ...'). A try from each
# word reads the rest of the run. The units of such runs are made of the characters the
# pattern tells apart: two characters are the same to it when each of its atoms (a
# literal, a class, a category) takes both or neither, so one character of each such
# set is enough, and only of those that some repeated part of the pattern takes (a run
# a repetition cannot go through is read only once from each start).

_ATOMS = ("LITERAL", "NOT_LITERAL", "IN", "CATEGORY", "ANY")
# where the units' characters are taken from: the preferred first (each set of
# characters the pattern does not tell apart is stood for by its first here)
UNIT_CANDIDATES = " Aa01\t" + "".join(map(chr, range(0x21, 0x7F))) + "\x00\x0b\xa0\xe9\u2019\u200b\U0001f600"
UNIT_LONGEST = 3


def _atoms(sub: Any) -> Iterator[tuple[str, Any]]:
    """The character atoms of a parsed pattern; a letter of a literal word ('summary':
    one literal next to another) is left out: a run of units is no word's letters, and
    a pumped word is what :func:`probe` tries."""
    kinds = [str(op) for op, _ in sub]
    for i, (op, av) in enumerate(sub):
        kind = kinds[i]
        if kind == "LITERAL" and "LITERAL" in kinds[max(0, i - 1) : i] + kinds[i + 1 : i + 2]:
            continue
        if kind in _ATOMS:
            yield kind, av
        for inner in _inner(kind, av):
            yield from _atoms(inner)


def _takes(kind: str, av: Any, ch: str, flags: int) -> bool:
    """Whether the atom takes *ch*."""
    chars = {ch, ch.lower(), ch.upper()} if flags & re.IGNORECASE else {ch}
    if kind == "ANY":
        return ch != "\n" or bool(flags & re.DOTALL)
    if kind == "LITERAL":
        return any(ord(c) == av for c in chars)
    if kind == "NOT_LITERAL":
        return all(ord(c) != av for c in chars)
    items = list(av) if kind == "IN" else [(sre_parse.CATEGORY, av)]
    negate = bool(items) and str(items[0][0]) == "NEGATE"
    rest = items[1:] if negate else items
    return any(_in_class(c, rest) for c in chars) != negate


def unit_chars(pattern: re.Pattern[str]) -> str:
    """One character of each set the pattern's atoms do not tell apart, among those an
    atom inside one of its repetitions takes."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    every = list(_atoms(parsed))
    pumped = [atom for node in {id(av): av for av in repeat_nodes(parsed)}.values() for atom in _atoms(node[2])]
    chosen: dict[tuple[bool, ...], str] = {}
    for ch in UNIT_CANDIDATES:
        if any(_takes(kind, av, ch, pattern.flags) for kind, av in pumped):
            chosen.setdefault(tuple(_takes(kind, av, ch, pattern.flags) for kind, av in every), ch)
    return "".join(chosen.values())


def run_units(pattern: re.Pattern[str], longest: int = UNIT_LONGEST) -> list[str]:
    """The units of runs to probe *pattern* with: every string of two to *longest* of
    :func:`unit_chars`, but one of each rotation ('A ' and ' A' make the same run) and
    none that repeats a shorter one ('AA'). Of three characters, only those with one
    character at most that is neither a letter, a digit nor a blank (a word and its
    separator, ' Ab', 'A, '): a pattern telling twenty marks apart would have thousands."""
    chars = unit_chars(pattern)
    out = []
    for size in range(2, longest + 1):
        for parts in itertools.product(chars, repeat=size):
            unit = "".join(parts)
            if any(unit[i:] + unit[:i] < unit for i in range(1, size)) or unit == unit[0] * size:
                continue
            if size > 2 and sum(not (c.isalnum() or c.isspace()) for c in unit) > 1:
                continue
            out.append(unit)
    return out


RUN_TAILS = ("", "\x00")
RUN_SPAN = 4  # the long run is this many times the short one
RUN_RATIO = 8.0  # how many times as long the long run may take: linear is 4, quadratic 16
RUN_SCREEN = 6.0  # a unit's run at 4n taking less than this many times its run at n is not measured further


def run_probe(
    r: Regex,
    *,
    n: int = 2_000,
    floor: float = 2e-3,
    runs: int = 3,
    chars: Optional[str] = None,
    units: Optional[list[str]] = None,
    tails: tuple[str, ...] = RUN_TAILS,
    search: Optional[Callable[[str], object]] = None,
) -> Optional[Verdict]:
    """The worst run of one character or of a short unit (n and RUN_SPAN * n characters of
    it, then a tail) whose search time grows clearly faster than its length (RUN_RATIO),
    or None. *chars*: the characters of runs of one (:func:`run_chars` when None);
    *units*: the longer units (:func:`run_units` when None). *search*: what is timed on
    each run, when not finditer of the pattern (a search loop of the code's own that
    tries the pattern where it may match).

    A run of one character is doubled, up to 16 times, until the short run takes *floor*
    seconds of CPU; a run under that at the largest n is taken as linear. A unit's run,
    of which there are many more, is first timed once at 4n characters and at n, and
    only one that takes *floor* there and RUN_SCREEN times as long as at n is measured
    so (a quadratic pattern takes a hundred times *floor* there, and 16 times as long;
    one whose quadratic part is still under its linear part at 4n takes over 10 times).
    Times are the least of *runs* tries in turns, as in :func:`probe`; the
    long run is stopped at the failing time."""
    fn = search if search is not None else runner(r.pattern, "search")
    worst: Optional[Verdict] = None
    singles = list(chars if chars is not None else run_chars(r.pattern))
    longer = units if units is not None else run_units(r.pattern)
    for unit in singles + longer:
        for tail in tails:
            def make(chars: int, unit: str = unit, tail: str = tail) -> str:
                return unit * max(1, chars // len(unit)) + tail

            if len(unit) > 1 and ((wide := _time(fn, make(4 * n))) < floor or wide < RUN_SCREEN * min(_time(fn, make(n)) for _ in range(2))):
                continue
            k = n
            while (t := _time(fn, make(k))) < floor and k < 16 * n:
                k *= 2
            if t < floor:
                continue
            small = big = math.inf
            for _ in range(runs):
                small = min(small, _time(fn, make(k)))
                big = min(big, _time(fn, make(RUN_SPAN * k), budget=max(small, 1e-6) * RUN_RATIO * 2))
                if big < small * RUN_RATIO:
                    break  # linear on this try: no need of another
            ratio = big / max(small, 1e-9)
            per_doubling = ratio ** (1 / math.log2(RUN_SPAN))  # as Verdict reads it: linear 2, quadratic 4
            if ratio >= RUN_RATIO and (worst is None or per_doubling > worst.ratio):
                worst = Verdict(r.name, "search", f"a run of {unit!r} then {tail!r}", per_doubling, small, len(make(k)), len(make(RUN_SPAN * k)))
    return worst


# ---- runs after a match's start, for a pattern tried at one place ------------------------
#
# A pattern matched or fullmatched is tried once, from the start: a run of units costs it
# quadratic time only where, inside one try, a repetition reads the run and the pattern
# goes back over it (REF_DTG: its lazy origin took blanks and the blanks after it were
# split between two runs; SUBPARA_SHAPE: a look to the line's end for each control given
# back). The run must then stand where the repetition is: after the start of a match
# that reaches it.


def run_prefixes(pattern: re.Pattern[str]) -> list[str]:
    """For each repetition of *pattern*, the start of a match up to where it repeats (the
    least probe's match with the repetition taken no times and once, to where they part)."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    out: dict[str, None] = {}
    for node in {id(av): av for av in repeat_nodes(parsed)}.values():
        none, once = build(parsed, id(node), 0), build(parsed, id(node), 1)
        k = 0
        while k < min(len(none), len(once)) and none[k] == once[k]:
            k += 1
        out[none[:k]] = None
    return list(out)


def prefixed_run_probe(
    r: Regex,
    mode: str,
    *,
    n: int = 500,
    floor: float = 1e-3,
    runs: int = 3,
    longest: int = 2,
    tails: tuple[str, ...] = ("\x00",),
    units: Optional[list[str]] = None,
) -> Optional[Verdict]:
    """The worst run of a unit after the start of a match (:func:`run_prefixes`; units of
    one character and of two to *longest*, :func:`run_units`) that *r* tried in *mode*
    reads in time growing clearly faster than its length, or None. Screened as
    :func:`run_probe` screens a unit's run (at 4n characters and at n), then measured at
    4n and 16n characters, the least of *runs* tries in turns; the long run is stopped at
    the failing time. *units*: those alone, when given."""
    fn = runner(r.pattern, mode)
    worst: Optional[Verdict] = None
    if units is None:
        units = list(run_chars(r.pattern)) + run_units(r.pattern, longest)
    for prefix in run_prefixes(r.pattern):
        for unit in units:
            for tail in tails:
                def make(chars: int, prefix: str = prefix, unit: str = unit, tail: str = tail) -> str:
                    return prefix + unit * max(1, chars // len(unit)) + tail

                wide = _time(fn, make(4 * n))
                if wide < floor or wide < RUN_SCREEN * min(_time(fn, make(n)) for _ in range(2)):
                    continue
                small = big = math.inf
                for _ in range(runs):
                    small = min(small, _time(fn, make(4 * n)))
                    if small == math.inf:
                        break  # (a run of 4n went past RUNAWAY: far past quadratic)
                    big = min(big, _time(fn, make(RUN_SPAN * 4 * n), budget=max(small, 1e-6) * RUN_RATIO * 2))
                    if big < small * RUN_RATIO:
                        break  # linear on this try: no need of another
                ratio = big / max(small, 1e-9) if small < math.inf else math.inf
                per_doubling = ratio ** (1 / math.log2(RUN_SPAN))
                if ratio >= RUN_RATIO and (worst is None or per_doubling > worst.ratio):
                    worst = Verdict(r.name, mode, f"a run of {unit!r} after {prefix[:40]!r} then {tail!r}", per_doubling, small if small < math.inf else wide, len(make(4 * n)), len(make(RUN_SPAN * 4 * n)))
    return worst
