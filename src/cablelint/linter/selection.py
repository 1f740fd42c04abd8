"""Which rules run: selectors (ALL, a family prefix, a code, a name) resolved in layers.

The defaults come first; then the configuration file's select/ignore/extend-select;
then the command line's. Within a layer the most specific selector wins (a code or a
name beats a prefix, a longer prefix beats a shorter one, anything beats ALL); on a
tie, ignore wins. ``select`` in a layer starts that layer from nothing.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Optional

from cablelint.linter.config import ConfigError
from cablelint.linter.registry import Registry
from cablelint.records import record

if TYPE_CHECKING:
    from pathlib import PurePath

# state of a rule: "on" everywhere, "dialect" (only in its default_in dialects), off if absent
ON = "on"
DIALECT_DEFAULT = "dialect"
EXACT = 100


@record
class Layer:
    select: Optional[tuple[str, ...]] = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    origin: Optional[str] = None  # the configuration file, named in error messages

    def where(self, key: str) -> str:
        """How an error names the option: ``--select``, or ``FILE: 'select'``."""
        return f"{self.origin}: '{key}'" if self.origin else f"--{key}"


def matches(registry: Registry, selector: str, option: bool = False) -> dict[str, int]:
    """The codes *selector* names, each with the selector's specificity. An unknown
    one is a ConfigError whose hint is written for where it came from: a command
    line *option*'s comma-separated list, or a configuration's list of strings."""
    key = selector.strip()
    if key.upper() == "ALL":
        return {code: 0 for code in registry.codes()}
    rule = registry.find(key)
    if rule is not None:
        return {rule.code: EXACT}
    prefix = key.upper()
    if prefix.isalnum() and prefix[:1].isalpha():
        found = {code: len(prefix) for code in registry.codes() if code.startswith(prefix)}
        if found:
            return found
    parts = _several(registry, key)
    if parts and option:
        hint = f"; did you mean '{','.join(parts)}'? (selectors are separated by commas)"
    elif parts:
        hint = f"; did you mean a list, [{', '.join(chr(34) + part + chr(34) for part in parts)}]? (each selector its own string)"
    else:
        close = closest(registry, key)
        hint = f"; did you mean '{close}'?" if close else ""
    raise ConfigError(f"unknown rule selector '{selector}': expected a rule code (H005), a family (H), a rule name (missing-tags-line) or ALL{hint}")


def closest(registry: Registry, key: str) -> Optional[str]:
    """The rule code or name closest to the unknown *key*, if one is close."""
    import difflib  # (only for a hint in an error)

    # (compared without regard to case, as codes and names are looked up: 'h0006' is
    # H006's, which a comparison with case found no closer than X006)
    known = {name.lower(): name for name in (*registry.codes(), *(i.name for i in registry.infos))}
    close = difflib.get_close_matches(key.lower(), list(known), n=1)
    return known[close[0]] if close else None


def _several(registry: Registry, key: str) -> Optional[list[str]]:
    """The selectors *key* holds when it is several written as one (``H006 P003``,
    ``H006,P004`` as one string of a list), each a known one; else None. (A hint that
    picked one of them, "did you mean 'P003'?", would drop the other.)"""
    import re

    parts = [part for part in re.split(r"[\s,;]+", key) if part]
    if len(parts) < 2:
        return None
    for part in parts:
        try:
            matches(registry, part)
        except ConfigError:
            return None
    return parts


def validate(registry: Registry, selectors: Iterable[str]) -> None:
    for selector in selectors:
        matches(registry, selector)


def resolve(registry: Registry, layers: Iterable[Layer]) -> dict[str, str]:
    state: dict[str, str] = {}
    for info in registry.infos:
        if info.default_enabled:
            state[info.code] = ON
        elif info.default_in:
            state[info.code] = DIALECT_DEFAULT
    for layer in layers:
        if layer.select is not None:
            state = {}
        parts = {key: _specificity(registry, selectors, layer.where(key), layer.origin is None) for key, selectors in (("select", layer.select or ()), ("extend-select", layer.extend_select), ("ignore", layer.ignore))}
        enable = {code: max(parts["select"].get(code, -1), parts["extend-select"].get(code, -1)) for code in (*parts["select"], *parts["extend-select"])}
        disable = parts["ignore"]
        for code in set(enable) | set(disable):
            if enable.get(code, -1) > disable.get(code, -1):
                state[code] = ON
            else:
                state.pop(code, None)
    return state


# F000: a file that cannot be read is reported whatever a selection leaves out
# (interfaces.md makes it a diagnostic of every run): `--select H006 missing.cable`
# passed as "All clean". Only an ignore that names it (its code or name, its family,
# ALL) turns it off, as per-file-ignores does for one path.
UNREADABLE = "F000"


def settle_state(registry: Registry, layers: Iterable[Layer]) -> dict[str, str]:
    """:func:`resolve`, with F000 kept on unless an ignore names it; a ConfigError
    when no rule is left to run (a run of no rules would pass every cable), which
    names the select and the ignores that left none."""
    layers = list(layers)
    state = resolve(registry, layers)
    if not state:
        raise ConfigError(nothing_left(layers))
    if UNREADABLE not in state and UNREADABLE in registry.codes():
        if not any(UNREADABLE in matches(registry, s) for layer in layers for s in layer.ignore):
            state[UNREADABLE] = ON
    return state


def nothing_left(layers: Iterable[Layer]) -> str:
    """Why no rule is left to run: the last select (or the default rules) and the
    ignores after it, each where it was written."""
    start = "the default rules"
    ignores: list[str] = []
    for layer in layers:
        if layer.select is not None:
            start, ignores = _written(layer, "select", layer.select), []
        if layer.ignore:
            ignores.append(_written(layer, "ignore", layer.ignore))
    less = f" less {' and '.join(ignores)}" if ignores else ""
    return f"no rule left to run: {start}{less} leaves none, and a run of no rules would pass every cable: expected at least one rule (ignore fewer, or add some with extend-select)"


def _written(layer: Layer, key: str, selectors: tuple[str, ...]) -> str:
    """A select or ignore as written: ``--ignore ALL``, ``FILE: 'select' (H006)``."""
    shown = ",".join(selectors) if layer.origin is None else ", ".join(selectors)
    return f"{layer.where(key)} {shown}" if layer.origin is None else f"{layer.where(key)} ({shown})"


def _specificity(registry: Registry, selectors: Iterable[str], where: str, option: bool) -> dict[str, int]:
    """The codes *selectors* name, each with its most specific selector's
    specificity; an unknown selector is an error that says *where* it was written
    (a command line *option*, or a configuration's key)."""
    out: dict[str, int] = {}
    for selector in selectors:
        try:
            found = matches(registry, selector, option)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        for code, spec in found.items():
            out[code] = max(out.get(code, -1), spec)
    return out


def path_matches(path: str, pattern: str, root: str) -> bool:
    """Whether *path* matches a per-file-ignores or exclude glob.

    Globs are relative to the configuration's folder; a glob without a slash also
    matches the file name alone (``*.tel``) and any folder name (``legacy``). An
    absolute glob, or one that climbs out of that folder (``../shared/*.cable``),
    matches the absolute *path*, as written from the configuration's folder.

    *path* is matched as named (a link's own name, not its target's), as ruff and
    git match; only a *path* named from outside the configuration's folder (*root*,
    a real path) is matched by the name it has in that folder, when it has one
    (:func:`_named_from_root`): no relative glob could match the name it was given.
    Case counts where the system tells names apart by it (:func:`caseless`).
    """
    from pathlib import PurePath  # (here: a run whose files all come from the cache needs none)

    fold = caseless()
    p = PurePath(path)
    if os.path.isabs(pattern) or os.pardir in PurePath(pattern).parts:
        anchored = PurePath(os.path.normpath(os.path.join(root, pattern))).as_posix()
        full = PurePath(os.path.normpath(os.path.join(root, path))).as_posix()
        if fold:
            anchored, full = anchored.lower(), full.lower()
        return any(_fits(full, pat) for pat in _variants(anchored))
    import fnmatch

    try:
        rel = p.relative_to(root) if p.is_absolute() else p
    except ValueError:
        rel = _named_from_root(p, root) or p
    text = rel.as_posix()
    parts = rel.parts
    if fold:
        text, pattern, parts = text.lower(), pattern.lower(), tuple(part.lower() for part in parts)
    if text.startswith("./"):
        text = text[2:]
    while pattern.startswith("./"):  # "./legacy/*" is "legacy/*", as in the shell
        pattern = pattern[2:]
    for pat in _variants(pattern):
        if _fits(text, pat):
            return True
        if "/" not in pat and any(fnmatch.fnmatchcase(part, pat) for part in parts):
            return True
    return False


def caseless() -> bool:
    """Whether the system compares file names without regard to case, as
    ``os.path.normcase`` says it does: on Windows, where ``*.cable`` matches
    ``A.CABLE`` (the same file as ``a.cable`` there), as ``fnmatch.fnmatch`` and git
    (``core.ignorecase``) match; not on Linux, nor on macOS, whose file systems may
    or may not tell case apart (normcase leaves names as they are there)."""
    return os.path.normcase("A") == "a"


def name_matches(name: str, pattern: str) -> bool:
    """Whether the file name *name* matches the glob *pattern* (an ``include``
    glob without a slash), case as :func:`caseless` says."""
    import fnmatch  # (here: a run of named files matches no glob, nor imports fnmatch)

    if caseless():
        return fnmatch.fnmatchcase(name.lower(), pattern.lower())
    return fnmatch.fnmatchcase(name, pattern)


def _named_from_root(path: PurePath, root: str) -> Optional[PurePath]:
    """The absolute *path*, named from outside *root*, as named from *root*: from the
    first folder above it whose real path lies in *root* (the project reached
    through a link above it, as ``/tmp`` is ``/private/tmp`` on macOS), as named
    below that folder (a link inside the project keeps its name); else the real
    path of the file itself (a link from elsewhere to a file of the project); else
    None. Only paths named from outside the configuration's folder come here."""
    from pathlib import PurePath

    folder = _folder_from_root(str(path.parent), root)
    if folder is not None:
        return folder / path.name
    if os.path.islink(path):  # (a file that is no link lies where its folder does)
        try:
            return PurePath(os.path.realpath(path)).relative_to(root)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=256)
def _folder_from_root(folder: str, root: str) -> Optional[PurePath]:
    """The *folder* of files named from outside *root*, as named from *root* (see
    :func:`_named_from_root`), or None: asked for each file and glob, so worked out
    once a folder (2,000 files and 3 globs took 1.15 s, nearly all of it real paths)."""
    from pathlib import PurePath

    parts = PurePath(folder).parts
    for n in range(1, len(parts) + 1):
        try:
            return PurePath(os.path.realpath(os.path.join(*parts[:n]))).relative_to(root).joinpath(*parts[n:])
        except ValueError:  # (not in root, or a NUL in the name)
            continue
    return None


def forget_folders() -> None:
    """Forget the folders' names worked out from the configuration's folder
    (:func:`_folder_from_root`): a process that lives on (the language server,
    --watch) asks when it reads its configuration again, as a folder may have been
    made, renamed or linked elsewhere meanwhile."""
    _folder_from_root.cache_clear()


def _variants(pattern: str) -> tuple[str, ...]:
    """*pattern*, and with ``**/`` standing for no folder as well as for any."""
    return (pattern, pattern.replace("**/", "")) if "**/" in pattern else (pattern,)


def _fits(text: str, pattern: str) -> bool:
    """Whether the posix path *text* is what *pattern* names or lies in a folder it names."""
    import fnmatch

    return fnmatch.fnmatchcase(text, pattern) or fnmatch.fnmatchcase(text, pattern.rstrip("/") + "/*")
