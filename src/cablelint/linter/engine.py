"""The engine: parse a file, run the selected rules, stamp and sort the diagnostics."""

from __future__ import annotations

from contextlib import redirect_stdout
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence, TextIO

from cablelint.data import load_tags
from cablelint.files import LoadedFile, as_binary, as_utf16, named_path
from cablelint.linter.config import Config, ConfigError
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.registry import Registry, load_registry
from cablelint.linter.rendering import keeping_rendering, never_fixed, take
from cablelint.linter.rule import SEVERITIES, Context, Edit, Finding, Fix, Rule, problems_by_field
from cablelint.linter.selection import ON, Layer, matches, path_matches, settle_state
from cablelint.quote import readable
from cablelint.records import record
from cablelint.span import Span

if TYPE_CHECKING:  # (imported with the parser, at the first parse)
    from cablelint.grammar.source import SourceLine
    from cablelint.model import Cable

ORIGIN = Span(1, 1, 1, 1, 0, 0)
PARSER = "parser"  # the Crash.code of a file the parser failed on
UNDECODABLE = "F001"  # the one rule run on UTF-16 text and binary data (files.as_utf16, as_binary)


@record
class Crash:
    """A rule (or, with code PARSER, the parser) raised: reported on stderr and as
    exit status 2, never a traceback."""

    path: str
    code: str
    error: str


def crash_message(code: str, origin: Optional[str], where: str, error: str) -> str:
    """What ``check`` (on standard error) and the language server (in its log) say
    of a crash: a parser's or a built-in rule's is cablelint's to fix; a plugin
    rule's (*origin*: the entry point it came from, Registry.origin) is that
    plugin's authors'. *where* is the file, or the files, it struck."""
    if code == PARSER:
        return f"cablelint: internal error while parsing {where}: {error} (please report this; the file was not linted)"
    if origin is None:
        return f"cablelint: internal error in rule {code} on {where}: {error} (please report this)"
    return f"cablelint: rule {code} from {origin} failed on {where}: {error} (a bug in that plugin: report it to its authors)"


def parse_text(text: str, dialect: Optional[str] = None) -> Cable:
    """:func:`cablelint.grammar.parser.parse_text`, imported at the first parse: it
    imports Lark and the document parser's modules, which a run whose files are all
    in the result cache (or ``cablelint rules``) never needs."""
    from cablelint.grammar.parser import parse_text as parse

    return parse(text, dialect)


class Linter:
    """The rules a configuration turns on, run over parsed cables. (A plain class: a
    dataclass compiles its methods at every start.)"""

    def __init__(
        self,
        config: Optional[Config] = None,
        cli: Optional[Layer] = None,
        registry: Optional[Registry] = None,
        strict: bool = False,  # --strict: the draft rules are on whatever the dialect
        crashes: Optional[list[Crash]] = None,
        prints_to: Optional[TextIO] = None,
    ) -> None:
        """*prints_to*: where what a plugin rule prints while it checks a file (or is
        made) goes, ``sys.stdout`` swapped for it around each file (the CLI's check
        passes standard error: its standard output is the report's). None, a library
        caller's: left alone, since the swap is the whole process's and the caller's
        other threads would lose their prints to it. (A stream cannot be handed to
        another process: the --jobs workers of a linter given one send their prints
        to standard error, see runner._init_worker.)"""
        self.config = cfg = Config() if config is None else config
        self.cli = Layer() if cli is None else cli
        self.registry = load_registry() if registry is None else registry
        self.strict = strict
        self.crashes: list[Crash] = [] if crashes is None else crashes
        self.prints_to = prints_to
        origin = str(cfg.source) if cfg.source else "the configuration"
        layers = [Layer(cfg.select, cfg.ignore, cfg.extend_select, origin), self.cli]
        self.state = settle_state(self.registry, layers)
        # F001 on UTF-16 text, which no other rule reads: kept on, as F000 is, unless
        # an ignore names it (a narrow select would else pass such a file as clean)
        self._undecodable_ignored = any(UNDECODABLE in matches(self.registry, s) for layer in layers for s in layer.ignore)
        if self.strict:
            for info in self.registry.infos:
                if info.default_in and info.code in self.state:
                    self.state[info.code] = ON
        self.severity = {i.code: i.severity for i in self.registry.infos}
        self.overridden: set[str] = set()
        for code, sev in _severities(self.registry, cfg.severity, f"{origin}: 'severity'").items():
            self.severity[code] = sev
            self.overridden.add(code)
        self.per_file = [(glob, {c for s in sels for c in _matches(self.registry, s, f"{origin}: 'per-file-ignores' glob {glob!r}")}) for glob, sels in cfg.per_file_ignores]
        self.names = {i.code: i.name for i in self.registry.infos}
        self._tags: Optional[frozenset[str]] = None
        self._rules: Optional[dict[str, Rule]] = None
        self._for_dialect: dict[str, tuple[Rule, ...]] = {}
        self._needs: dict[tuple[Rule, ...], _Needs] = {}
        self._ignored: dict[str, frozenset[str]] = {}

    @property
    def tags(self) -> frozenset[str]:
        """The TAGS the rules accept: the built-in vocabulary, read at the first file
        linted, and the configuration's extra-tags."""
        if self._tags is None:
            self._tags = frozenset(load_tags()) | frozenset(self.config.extra_tags)
        return self._tags

    @property
    def rules(self) -> dict[str, Rule]:
        """Each rule, by code, ready to run: made at the first file linted (which
        imports the rule modules; a run answered from the result cache never does)."""
        if self._rules is None:
            if self.prints_to is None or not self.registry.origins:
                self._rules = {r.code: r() for r in self.registry.rules}
            else:  # (a plugin rule's __init__ may print too: check --show-settings makes them)
                with redirect_stdout(self.prints_to):
                    self._rules = {r.code: r() for r in self.registry.rules}
        return self._rules

    def active(self, path: str, cable: Cable) -> tuple[Rule, ...]:
        rules = self._for_dialect.get(cable.dialect)
        if rules is None:
            rules = self._for_dialect[cable.dialect] = self._dialect_rules(cable.dialect)
        skip = self.ignored_in(path) if self.per_file else None
        return tuple(r for r in rules if r.code not in skip) if skip else rules

    def ignored_in(self, path: str) -> frozenset[str]:
        """The codes per-file-ignores turns off for *path*, matched once a path (the
        cache's key, the rules to run and the stale-baseline note all ask)."""
        skip = self._ignored.get(path)
        if skip is None:
            found: set[str] = set()
            # globs are relative to the configuration's folder, wherever the run is from
            where = named_path(path)
            for glob, codes in self.per_file:
                if path_matches(where, glob, self.config.root):
                    found |= codes
            skip = self._ignored[path] = frozenset(found)
        return skip

    def _dialect_rules(self, dialect: str) -> tuple[Rule, ...]:
        """The rules that run on a cable of *dialect*, before per-file ignores."""
        out = []
        for code, state in self.state.items():
            rule = self.rules[code]
            if dialect in rule.dialects and (state == ON or dialect in rule.default_in):
                out.append(rule)
        return tuple(out)

    def enabled(self, code: str) -> bool:
        return code in self.state

    def lint_file(self, loaded: LoadedFile) -> list[Diagnostic]:
        if loaded.text is None:
            if not self.enabled("F000") or (self.per_file and "F000" in self.ignored_in(loaded.path)):
                return []
            return [self._stamp(loaded.path, "F000", ORIGIN, f"cannot read the file ({loaded.error}): expected a readable cable file", None, None)]
        try:
            cable = parse_text(loaded.text, self.config.dialect)
        except Exception as exc:  # a parser bug must not stop the run either
            self.crashes.append(Crash(loaded.path, PARSER, f"{type(exc).__name__}: {exc}"))
            return []
        return self.lint_cable(loaded, cable)

    def lint_text(self, text: str, path: str = "-") -> list[Diagnostic]:
        return self.lint_file(LoadedFile(path, text))

    def lint_cable(self, loaded: LoadedFile, cable: Cable) -> list[Diagnostic]:
        if self.prints_to is None or not self.registry.origins:
            found = self._lint_cable(loaded, cable)
        else:
            # (the built-in rules print nothing: only a plugin's make the swap worth it)
            with redirect_stdout(self.prints_to):
                found = self._lint_cable(loaded, cable)
        return self._offered(loaded, cable.dialect, found)

    def _offered(self, loaded: LoadedFile, dialect: str, found: list[Diagnostic]) -> list[Diagnostic]:
        """*found* with no fix on the findings whose fixes --fix would hold back: all
        of them in a file it never fixes (never_fixed), and those that make the file
        read as another rendering (linter/rendering.py). No report offers a fix that
        is never applied."""
        if not any(d.fix is not None for d in found):
            return found
        if never_fixed(loaded) is not None:
            held = [d for d in found if d.fix is not None]
        elif dialect == "markdown" or self.config.dialect is not None:
            return found
        else:
            held = keeping_rendering(loaded.text or "", dialect, take(found), self.read_as)[1]
            if not held:
                return found
        drop = {id(d) for d in held}
        return [Diagnostic(d.path, d.span, d.code, d.name, d.severity, d.message) if id(d) in drop else d for d in found]

    def read_as(self, text: str) -> Optional[str]:
        """The rendering *text* reads as (None if the parser fails on it: the check
        run reports that)."""
        try:
            return parse_text(text, self.config.dialect).dialect
        except Exception:  # the fixer says so if it comes to that
            return None

    def _lint_cable(self, loaded: LoadedFile, cable: Cable) -> list[Diagnostic]:
        rules = self.active(loaded.path, cable)
        utf16 = (as_utf16(loaded) or as_binary(loaded)) if loaded.bad_offsets or loaded.utf16 else None
        if utf16 is not None:
            # UTF-16 text read as UTF-8, or binary data: F001 names it; the rest of
            # what the rules would find (NULs, lines "too long", no caption read) is it
            loaded, rules = utf16, tuple(rule for rule in rules if rule.code == UNDECODABLE)
            if not rules and UNDECODABLE in self.rules and not self._undecodable_ignored and not (self.per_file and UNDECODABLE in self.ignored_in(loaded.path)):
                rules = (self.rules[UNDECODABLE],)
        ctx = Context(loaded.path, loaded, self.config.line_length, self.tags, frozenset(r.code for r in rules))
        if utf16 is None and not any(line.text for line in cable.lines):
            # an empty file is F003's; "missing X" everywhere would be noise
            rules = tuple(rule for rule in rules if rule.code.startswith("F"))
        elif utf16 is None:
            needs = self._needs.get(rules)
            if needs is None:
                needs = self._needs[rules] = _Needs(rules)
            rules = needs.runnable(cable, ctx)
        out: list[Diagnostic] = []
        size, lines = len(loaded.text or ""), cable.lines
        for rule in rules:
            try:
                for f in rule.check(cable, ctx):
                    fault = _finding_fault(f, size, lines)
                    if fault is not None:  # a rule bug (a plugin's, usually): say so, keep going
                        self.crashes.append(Crash(loaded.path, rule.code, f"yielded {fault}"))
                        continue
                    fix = f.fix
                    fault = None if fix is None else _fix_fault(fix, rule.fixable, size, lines, f.span)
                    if fault is not None:  # the finding stands; the fix is not applied
                        self.crashes.append(Crash(loaded.path, rule.code, f"yielded {fault}"))
                        fix = None
                    out.append(self._stamp(loaded.path, rule.code, f.span, f.message, fix, f.severity))
            except Exception as exc:  # a rule bug must not stop the run
                self.crashes.append(Crash(loaded.path, rule.code, f"{type(exc).__name__}: {exc}"))
        out.sort(key=Diagnostic.sort_key)
        return out

    def _stamp(self, path: str, code: str, span: Span, message: str, fix: Optional[Fix], hint: Optional[str]) -> Diagnostic:
        severity = self.severity[code]
        if hint is not None and code not in self.overridden:
            severity = hint
        if "\n" in message or "\r" in message:  # a finding is one line of the text report
            message = " ".join(message.split())
        # the same message in every report: what a quote holds, shown (a tab, U+00A0;
        # readable returns a printable message as it is)
        message = readable(message)
        return Diagnostic(path, span, code, self.names[code], severity, message, fix)


class _Needs:
    """Which of a list of rules run on a cable: those whose ``needs`` it has all of.
    The parts are looked at once a cable, and the list kept for each set of parts
    missing (there are few)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        named = sorted({part for rule in rules for part in rule.needs})
        self.problems = "problems" in named
        self.fields = tuple(part for part in named if part != "problems")
        get = attrgetter(*self.fields) if self.fields else None
        # (attrgetter gives one field's value alone, several in a tuple)
        self.values: Callable[[Cable], Any] = (lambda cable: ()) if get is None else get if len(self.fields) > 1 else (lambda cable: (get(cable),))
        self.kept: dict[frozenset[str], tuple[Rule, ...]] = {frozenset(): rules}

    def runnable(self, cable: Cable, ctx: Context) -> tuple[Rule, ...]:
        missing = [part for part, value in zip(self.fields, self.values(cable)) if not value]
        if self.problems and not ctx.shared(problems_by_field, cable):
            missing.append("problems")
        key = frozenset(missing)
        kept = self.kept.get(key)
        if kept is None:
            kept = self.kept[key] = tuple(rule for rule in self.rules if key.isdisjoint(rule.needs))
        return kept


def _severities(registry: Registry, table: Sequence[tuple[str, str]], where: str) -> dict[str, str]:
    """The severity *table* sets for each rule: the most specific selector's (a code
    or a name over a family prefix over ``ALL``), as for select and ignore, since a
    TOML table's order means nothing; two selectors as specific that set one rule
    apart (``X005`` and ``ambiguous-reftel``) are an error that says *where*."""
    chosen: dict[str, tuple[int, str, str]] = {}  # code: (specificity, severity, selector)
    for selector, sev in table:
        for code, rank in _matches(registry, selector, where).items():
            before = chosen.get(code)
            if before is None or rank > before[0]:
                chosen[code] = (rank, sev, selector)
            elif rank == before[0] and sev != before[1]:
                raise ConfigError(
                    f'{where}: {before[2]} = "{before[1]}" and {selector} = "{sev}" both set the severity of {code}: expected one severity for a rule (or a more specific selector for it)'
                )
    return {code: sev for code, (_, sev, _) in chosen.items()}


def _matches(registry: Registry, selector: str, where: str) -> dict[str, int]:
    """The codes *selector* names; an unknown one is an error that says *where*."""
    try:
        return matches(registry, selector)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _span_fault(span: object, size: int, lines: Sequence[SourceLine]) -> Optional[str]:
    """What is wrong with *span* for a text of *size* characters cut into *lines*."""
    if not isinstance(span, Span):
        return f"a span that is not a Span but {type(span).__name__}"
    if not 0 <= span.start <= span.end <= size:
        return f"a span outside the text (offsets {span.start} to {span.end} in {size} characters)"
    count = len(lines)
    line, end_line = span.line, span.end_line
    if not (1 <= line <= end_line <= count + 1 and span.column >= 1 and span.end_column >= 1):
        return f"a span outside the text (line {line}, column {span.column} to line {end_line}, column {span.end_column} in {count} lines)"
    if line == end_line and span.end_column < span.column:
        return f"a span that ends before it starts (line {line}, columns {span.column} to {span.end_column})"
    # the reports show the lines and columns, --fix edits the offsets: they must agree
    # (_offset's usual case written out: its two calls a span were 0.5% of the Markdown
    # check, whose cables have six times the text's findings a byte)
    if end_line <= count:
        if lines[line - 1].start + span.column - 1 == span.start and lines[end_line - 1].start + span.end_column - 1 == span.end:
            return None
    elif _offset(lines, line, span.column) == span.start and _offset(lines, end_line, span.end_column) == span.end:
        return None
    return (
        f"a span whose offsets ({span.start} to {span.end}) are not its lines and columns"
        f" (line {line}, column {span.column} to line {end_line}, column {span.end_column},"
        f" offsets {_offset(lines, line, span.column)} to {_offset(lines, end_line, span.end_column)})"
    )


def _offset(lines: Sequence[SourceLine], line: int, column: int) -> int:
    """The offset in the text of 1-based *line* and *column* (the line after the last:
    where it would start)."""
    if line <= len(lines):
        return lines[line - 1].start + column - 1
    if not lines:
        return column - 1
    last = lines[-1]
    return last.start + len(last.raw) + len(last.ending) + column - 1


def _finding_fault(finding: object, size: int, lines: Sequence[SourceLine]) -> Optional[str]:
    """What makes *finding* unusable, or None."""
    if not isinstance(finding, Finding):
        return f"{type(finding).__name__} instead of a Finding"
    if not isinstance(finding.message, str):
        return f"a finding whose message is {type(finding.message).__name__}, not text"
    if not finding.message:
        return "a finding without a message"
    if finding.severity is not None and finding.severity not in SEVERITIES:
        return f"a finding of severity {finding.severity!r}, which is not one of {', '.join(SEVERITIES)}"
    return _span_fault(finding.span, size, lines)


def _fix_fault(fix: object, fixable: bool, size: int, lines: Sequence[SourceLine], checked: Span) -> Optional[str]:
    """What makes *fix* unsafe to apply, or None: --fix writes files with it. *checked*
    is its finding's span, found sound: most fixes edit that very span (F004's one
    edit a finding), which is not checked twice."""
    if not fixable:
        return "a fix, but the rule is not marked fixable (fixable = True)"
    if not isinstance(fix, Fix) or not fix.edits:
        return "a fix without edits"
    ends: list[tuple[int, int]] = []
    for edit in fix.edits:
        if not isinstance(edit, Edit) or not isinstance(edit.replacement, str):
            return f"a fix with {type(edit).__name__} for an edit"
        span = edit.span
        if span is not checked:
            fault = _span_fault(span, size, lines)
            if fault is not None:
                return f"a fix with {fault}"
        ends.append((span.start, span.end))
    if len(ends) == 1:  # (nothing to overlap)
        return None
    ends.sort()
    for (a_start, a_end), (b_start, b_end) in zip(ends, ends[1:]):
        if b_start < a_end or a_start == a_end == b_start == b_end:
            return f"a fix whose edits overlap (offsets {a_start}-{a_end} and {b_start}-{b_end})"
    return None


def lint_text(text: str, path: str = "-") -> list[Diagnostic]:
    """Lint one cable's text with the default configuration (the benchmark's entry)."""
    return _default().lint_text(text, path)


@lru_cache(maxsize=1)
def _default() -> Linter:
    return Linter()
