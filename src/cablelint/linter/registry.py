"""The rule registry: the built-in rules plus plugins from the ``cablelint.rules``
entry point group.

A plugin distribution declares, in its pyproject.toml::

    [project.entry-points."cablelint.rules"]
    mypost = "mypost_rules:RULES"      # a Rule subclass, or a list/tuple of them

Codes and names must be unique across built-ins and plugins, codes are a family of
one to three capital letters and three digits, names are kebab-case and may not read
as a selector of their own (a code, a family prefix such as ``h``, or ``all``), so
that installing a plugin never changes what a selector means.
"""

from __future__ import annotations

import os
import sys
from contextlib import redirect_stdout
from functools import lru_cache
from importlib.machinery import PathFinder
from types import ModuleType
from typing import Any, Iterable, Optional

from cablelint.compiled import regex
from cablelint.linter.rule import DIALECTS, PARTS, SEVERITIES, Rule

ENTRY_POINT_GROUP = "cablelint.rules"
CODE_RE = regex(r"[A-Z]{1,3}[0-9]{3}")
NAME_RE = regex(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# what SARIF takes for a rule's helpUri: a scheme, then no space or control character
ABSOLUTE_URI_RE = regex(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20\x7f]+")
# a name that a selector would read as a family, a code or ALL
SELECTOR_LIKE = regex(r"[a-z]{1,3}[0-9]{0,3}|all")


class RegistryError(Exception):
    """A rule (usually a plugin's) is not well-formed or clashes with another."""


class RuleInfo:
    """What a run needs of a rule before it lints a file: its metadata, as the rule's
    class declares it, and where the class is. A run whose files all come from the
    result cache chooses, stamps and keys with these alone and never imports a rule
    module: the built-in rules' infos come from the generated index
    (``cablelint/rules/index.py``). (A plain class: a record compiles its constructor.)"""

    __slots__ = ("code", "name", "severity", "default_enabled", "default_in", "fixable", "dialects", "module", "qualname")

    def __init__(
        self,
        code: str,
        name: str,
        severity: str,
        default_enabled: bool,
        default_in: tuple[str, ...],
        fixable: bool,
        dialects: tuple[str, ...],
        module: str,
        qualname: str,
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.default_enabled = default_enabled
        self.default_in = default_in
        self.fixable = fixable
        self.dialects = dialects
        self.module = module
        self.qualname = qualname

    @classmethod
    def of(cls, rule: type[Rule]) -> RuleInfo:
        return cls(rule.code, rule.name, rule.severity, bool(rule.default_enabled), tuple(rule.default_in), bool(rule.fixable), tuple(rule.dialects), rule.__module__, rule.__qualname__)

    def row(self) -> tuple[str, str, str, bool, tuple[str, ...], bool, tuple[str, ...], str, str]:
        """The info as the index writes it."""
        return (self.code, self.name, self.severity, self.default_enabled, self.default_in, self.fixable, self.dialects, self.module, self.qualname)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RuleInfo) and self.row() == other.row()

    def __hash__(self) -> int:
        return hash(self.row())

    def __repr__(self) -> str:
        return f"RuleInfo{self.row()!r}"


class Registry:
    """Every rule a process knows, sorted by code: its metadata (:attr:`infos`) at
    once, its classes (:attr:`rules`) when first asked for, which imports the
    built-in rule modules."""

    def __init__(self, infos: Iterable[RuleInfo], origins: Optional[dict[str, str]] = None, classes: Iterable[type[Rule]] = ()) -> None:
        self.infos = tuple(sorted(infos, key=lambda i: i.code))
        self.origins = {} if origins is None else origins  # code -> where a plugin rule came from
        # origin -> the installed distribution that declares it (importlib.metadata's),
        # whose files key the result cache; None when it cannot be told
        self.distributions: dict[str, Any] = {}
        self._classes = {rule.code: rule for rule in classes}
        self._by_key: Optional[dict[str, RuleInfo]] = None

    @property
    def rules(self) -> tuple[type[Rule], ...]:
        """The rules' classes, sorted by code (the built-in rule modules are imported
        at the first call)."""
        classes = self._load()
        return tuple(classes[i.code] for i in self.infos)

    def _load(self) -> dict[str, type[Rule]]:
        if len(self._classes) < len(self.infos):
            from cablelint.rules import builtin_rules

            builtin = {rule.code: rule for rule in builtin_rules()}
            listed = [i for i in self.infos if i.code not in self._classes]
            found = [RuleInfo.of(builtin[i.code]) if i.code in builtin else None for i in listed]
            unlisted = sorted(set(builtin) - set(self._classes) - {i.code for i in listed})
            if found != listed or unlisted:
                raise RegistryError(
                    "cablelint's rule index (cablelint/rules/index.py) does not match its rule modules"
                    f"{' (not in the index: ' + ', '.join(unlisted) + ')' if unlisted else ''}:"
                    " expected it regenerated with `python -m cablelint.rules.index`"
                )
            self._classes.update((i.code, builtin[i.code]) for i in listed)
        return self._classes

    def origin(self, code: str) -> Optional[str]:
        """The plugin a rule came from ("plugin entry point 'x' (module:RULES)"), or
        None for a built-in rule."""
        return self.origins.get(code)

    def by_code(self) -> dict[str, type[Rule]]:
        return dict(zip(self.codes(), self.rules))

    def find(self, key: str) -> Optional[RuleInfo]:
        """A rule's info by its code or its name (case-insensitive for codes)."""
        if self._by_key is None:
            self._by_key = {i.code: i for i in self.infos} | {i.name: i for i in self.infos}
        return self._by_key.get(key.upper()) or self._by_key.get(key.lower())

    def lookup(self, key: str) -> Optional[type[Rule]]:
        """A rule's class by its code or its name (case-insensitive for codes)."""
        info = self.find(key)
        if info is None:
            return None
        held = self._classes.get(info.code)  # (a plugin's: the built-in rules need not load)
        return held if held is not None else self._load()[info.code]

    def codes(self) -> list[str]:
        return [i.code for i in self.infos]


def _validate(rule: object, origin: str) -> type[Rule]:
    if isinstance(rule, ModuleType):
        raise RegistryError(f"{origin}: names the module {rule.__name__}, not a rule in it: expected '{rule.__name__}:ClassName' (a Rule subclass or a list of them)")
    if isinstance(rule, Rule):
        kind = type(rule).__name__
        raise RegistryError(f"{origin}: a {kind} object is not a cablelint Rule subclass: expected the class itself ({kind}, not {kind}())")
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise RegistryError(f"{origin}: {rule!r} is not a cablelint Rule subclass")
    for attr in ("code", "name", "severity"):
        value = getattr(rule, attr, None)
        if value is None:
            raise RegistryError(f"{origin}: rule {rule.__name__} has no {attr}")
        if not isinstance(value, str):
            raise RegistryError(f"{origin}: rule {rule.__name__}'s {attr} {value!r} is not text")
    if not CODE_RE.fullmatch(rule.code):
        raise RegistryError(f"{origin}: rule code {rule.code!r} is not 1-3 capital letters and 3 digits")
    if not NAME_RE.fullmatch(rule.name):
        raise RegistryError(f"{origin}: rule name {rule.name!r} is not kebab-case")
    if SELECTOR_LIKE.fullmatch(rule.name):
        raise RegistryError(f"{origin}: rule name {rule.name!r} reads as a code, a family or ALL in a selector: expected a name of words, such as 'post-tags'")
    for attr in ("dialects", "default_in"):
        value = getattr(rule, attr)
        if not isinstance(value, (tuple, list, frozenset, set)) or not all(isinstance(d, str) for d in value):
            raise RegistryError(f"{origin}: rule {rule.code}'s {attr} {value!r} is not a tuple of dialect names")
    for attr in ("default_enabled", "fixable"):
        value = getattr(rule, attr)
        if not isinstance(value, bool):
            raise RegistryError(f"{origin}: rule {rule.code}'s {attr} {value!r} is not True or False")
    uri = rule.help_uri
    if uri is not None and not (isinstance(uri, str) and ABSOLUTE_URI_RE.fullmatch(uri)):
        raise RegistryError(f"{origin}: rule {rule.code}'s help_uri {uri!r} is not an absolute URI: expected its page's address, such as 'https://post.example.org/rules#{rule.code.lower()}'")
    if rule.check is Rule.check:
        raise RegistryError(f"{origin}: rule {rule.code} has no check method: expected `def check(self, cable, ctx)` yielding its findings")
    if rule.severity not in SEVERITIES:
        raise RegistryError(f"{origin}: rule {rule.code} severity {rule.severity!r} is not one of {', '.join(SEVERITIES)}")
    unknown = set(rule.dialects) | set(rule.default_in)
    unknown -= set(DIALECTS)
    if unknown:
        raise RegistryError(f"{origin}: rule {rule.code} names unknown dialects {sorted(unknown)}")
    needs = rule.needs
    if not isinstance(needs, (tuple, list, frozenset, set)) or not all(isinstance(n, str) for n in needs):
        raise RegistryError(f"{origin}: rule {rule.code}'s needs {needs!r} is not a tuple (or list) of part names")
    unknown = set(needs) - set(PARTS)
    if unknown:
        raise RegistryError(f"{origin}: rule {rule.code} needs unknown parts {sorted(unknown)}: expected some of {', '.join(PARTS)}")
    return rule


def may_declare_plugins(path: Optional[list[Any]] = None) -> bool:
    """Whether an installed distribution may declare an entry point of the group.

    importlib.metadata imports email, zipfile and csv: a tenth of the start of the
    CLI, paid on every run although most installations have no plugin. This looks
    where its path finder looks (the ``*.dist-info`` and ``*.egg-info`` folders of each
    folder on *path*, by default sys.path) for an ``entry_points.txt`` that names the
    group. Whenever it cannot tell (a zip file or an egg on the path, a file it cannot
    read, another finder of distributions on sys.meta_path) it says True, and
    importlib.metadata decides as before."""
    if any(getattr(f, "find_distributions", None) is not None for f in sys.meta_path if f is not PathFinder):
        return True
    for entry in sys.path if path is None else path:
        try:
            root = os.fspath(entry)
        except TypeError:
            return True
        if not isinstance(root, str) or root.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(root or ".")
        except FileNotFoundError:
            continue  # (importlib.metadata finds nothing there either)
        except OSError:
            return True  # a zip file, or a folder that cannot be listed
        folder = os.path.join(root, "")
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            file = f"{folder}{name}{os.sep}entry_points.txt"
            # (most distributions have none: asked first, as a failed open raises, and
            # the file read unbuffered and decoded whole, without a text layer)
            if not os.access(file, os.F_OK):
                continue  # no entry points, or an egg-info that is a file
            try:
                with open(file, "rb", buffering=0) as fh:
                    if ENTRY_POINT_GROUP in fh.readall().decode("utf-8"):
                        return True
            except (FileNotFoundError, NotADirectoryError):
                continue  # (gone since)
            except (OSError, ValueError):
                return True
    return False


def _entry_points() -> Iterable[Any]:
    if not may_declare_plugins():
        return ()
    from importlib.metadata import entry_points

    return entry_points(group=ENTRY_POINT_GROUP)


def plugin_origin(ep: Any) -> str:
    """How a plugin's entry point is named, in messages and as its rules' origin."""
    return f"plugin entry point {ep.name!r} ({ep.value})"


def _plugin_rules(distributions: Optional[dict[str, Any]] = None) -> Iterable[tuple[str, type[Rule]]]:
    """Each plugin rule with its origin; *distributions* gets each origin's
    distribution."""
    for ep in _entry_points():
        origin = plugin_origin(ep)
        if distributions is not None:
            distributions[origin] = getattr(ep, "dist", None)
        try:
            loaded = ep.load()
        except (Exception, SystemExit) as exc:  # a broken plugin must not look like our crash
            raise RegistryError(f"{origin}: cannot be loaded: {type(exc).__name__}: {exc}") from exc
        items = loaded if isinstance(loaded, (list, tuple)) else [loaded]
        for item in items:
            yield origin, _validate(item, origin)


# what a plugin's code clashing with another is told
_OWN_CODE = "letters of your own, such as ZZ101: cablelint's families A, C, F, H, P, R, S and X take their next free numbers"


def build_registry(builtin: Iterable[type[Rule] | RuleInfo], plugins: Iterable[tuple[str, type[Rule]]]) -> Registry:
    """The registry of the *builtin* rules (their classes, or their infos from the
    index, whose classes load when asked for) and the *plugins*' (their classes);
    a RegistryError when a code or a name is used twice."""
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    infos: list[RuleInfo] = []
    classes: list[type[Rule]] = []
    origins: dict[str, str] = {}
    sources: list[tuple[str, type[Rule] | RuleInfo]] = [("cablelint", r if isinstance(r, RuleInfo) else _validate(r, "cablelint")) for r in builtin]
    sources += plugins
    for origin, rule in sources:
        for kind, key, seen in (("code", rule.code, seen_codes), ("name", rule.name, seen_names)):
            if key in seen:
                owner = seen[key]
                if origin == "cablelint":  # (two built-in rules: cablelint's own bug)
                    raise RegistryError(f"{origin}: rule {kind} {key} is already used by {owner}")
                if not owner.startswith("cablelint"):
                    expected = "two plugins clash: uninstall one, or ask its authors to change it"
                else:
                    expected = _OWN_CODE if kind == "code" else "words of your own, such as 'post-tags'"
                raise RegistryError(f"{origin}: rule {kind} {key} is already used by {owner}: expected a {kind} of its own ({expected})")
        owner = f"cablelint's built-in rule {rule.code} ({rule.name})" if origin == "cablelint" else f"rule {rule.code} ({rule.name}) of {origin}"
        seen_codes[rule.code] = owner
        seen_names[rule.name] = owner
        if isinstance(rule, RuleInfo):
            infos.append(rule)
        else:
            infos.append(RuleInfo.of(rule))
            classes.append(rule)
        if origin != "cablelint":
            origins[rule.code] = origin
    return Registry(infos, origins, classes)


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    """Every rule this process knows: the built-in rules, as the index lists them
    (their modules are imported when a file is linted), and installed plugins."""
    from cablelint.rules.index import RULES

    distributions: dict[str, Any] = {}
    # standard output is the report's (the server's: its protocol's): what a plugin
    # prints when imported goes to standard error
    with redirect_stdout(sys.stderr):
        registry = build_registry([RuleInfo(*row) for row in RULES], _plugin_rules(distributions))
    registry.distributions = distributions
    return registry
