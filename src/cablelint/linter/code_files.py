"""The files of the code that lints, cablelint's own and the plugins', as the
result cache's key and the long-running processes (the language server, ``check
--watch``) look at them.

A plugin's files are those of the package (or module) each of its rules is in and
of the installed distribution that declares it (its RECORD): :func:`plugin_states`,
part of the cache's key. A process that lives on keeps the code it imported: Python
cannot import a module again over the old one safely (the rules made from its
classes, the modules that imported it, keep the old code). So it stamps the code
once, before it imports any plugin (:class:`LoadedCode`), and looks again at each
round or opened document: once the code on disk differs, it says so once, and reads
and writes no result cache for the rest of its life. That one rule keeps every entry
under the key of the code that made it, whatever was loaded when: a plugin imported
at a later round (its first load failed, half-edited, and left its other modules
imported), a --jobs worker that imports it afresh, cablelint itself upgraded.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Optional
from weakref import WeakKeyDictionary

from cablelint.files import is_dir, path_text, tree_stamps
from cablelint.linter.registry import Registry, _entry_points, plugin_origin

PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # src/cablelint
OWN = f"cablelint itself ({PACKAGE})"  # (its part of a code state)

# each registry's plugins' files, as first looked at in this process
_FIRST: WeakKeyDictionary[Registry, dict[str, Optional[tuple[str, ...]]]] = WeakKeyDictionary()


def plugin_states(registry: Registry, now: bool = False) -> dict[str, Optional[tuple[str, ...]]]:
    """For each plugin of *registry* (its origin, Registry.origin), its files' names,
    sizes and modification times, as first looked at in this process (*now*: as they
    are now); None for a plugin whose files cannot be looked at (a rule with no file,
    a folder that cannot be listed), whose findings no key can vouch for."""
    if not now:
        first = _FIRST.get(registry)
        if first is not None:
            return first
    seen: dict[int, tuple[str, ...]] = {}  # (a distribution's files, looked at once however many entry points it has)
    states = {origin: _origin_state(registry, origin, seen) for origin in sorted(set(registry.origins.values()))}
    if not now:
        _FIRST[registry] = states
    return states


def code_state() -> dict[str, Optional[tuple[str, ...]]]:
    """The code on disk now, found without importing it: cablelint's own files (the
    package's tree; None run from a zip file), and for each entry point of the
    plugin group (its origin) the files of the top-level module it names and of the
    distribution that declares it. None for a part that cannot be looked at."""
    state: dict[str, Optional[tuple[str, ...]]] = {}
    into: list[str] = []
    try:
        if is_dir(PACKAGE):
            tree_stamps(PACKAGE, into)
            state[OWN] = tuple(into)
        else:
            state[OWN] = None
    except OSError:
        state[OWN] = None
    seen: dict[int, tuple[str, ...]] = {}
    for ep in _entry_points():
        into = []
        try:
            _module_files(str(ep.module).split(".")[0], into)
            distribution = getattr(ep, "dist", None)
            if distribution is not None:
                into += _distribution_state(distribution, seen)
        except OSError:
            state[plugin_origin(ep)] = None
            continue
        state[plugin_origin(ep)] = tuple(into)
    return state


class LoadedCode:
    """The code a long-running process runs, stamped (:func:`code_state`) when it
    starts, before it imports any plugin. :meth:`same` says whether the code on disk
    is still that; once it is not, never again: the process says so once (*news*,
    each part that changed: *name* names the process, *keeper* says what it does
    about it and how to start it again), and uses no result cache from then on."""

    def __init__(self, name: str, keeper: str) -> None:
        self.name = name
        self.keeper = keeper
        self.first = code_state()
        self.changed = False
        self.news: list[str] = []

    def same(self, registry: Optional[Registry] = None) -> bool:
        """Whether the code on disk is the code stamped (and the files of *registry*'s
        plugin rules, when given, those first looked at); False from the first time
        it is not."""
        if self.changed:
            return False
        now = code_state()
        parts = [part for part in sorted(set(self.first) | set(now)) if now.get(part, ()) != self.first.get(part, ())]
        if registry is not None and registry.origins:
            first = plugin_states(registry)  # (right after the import, the first time)
            current = plugin_states(registry, now=True)
            parts += [origin for origin, state in first.items() if current.get(origin) != state and origin not in parts]
        if not parts:
            return True
        self.changed = True
        for part in parts:
            self.news.append(f"cablelint: {part} changed on disk since {self.name} started (installed, upgraded, edited or removed): {self.keeper}")
        return False

    def take_news(self) -> list[str]:
        news, self.news = self.news, []
        return news


def _origin_state(registry: Registry, origin: str, seen: dict[int, tuple[str, ...]]) -> Optional[tuple[str, ...]]:
    into: list[str] = []
    try:
        if not _origin_files(registry, origin, into, seen):
            return None
    except OSError:
        return None
    return tuple(into)


def _distribution_state(distribution: Any, seen: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    found = seen.get(id(distribution))
    if found is None:
        into: list[str] = []
        _distribution_files(distribution, into)
        seen[id(distribution)] = found = tuple(into)
    return found


def _origin_files(registry: Registry, origin: str, into: list[str], seen: dict[int, tuple[str, ...]]) -> bool:
    """The files of the packages (or modules) the rules of plugin *origin* come from
    and of the distribution that declares it; False when a rule has no file to look
    at (its findings cannot be vouched for); OSError when one cannot be looked at."""
    walked: set[str] = set()  # (the top-level modules looked at: one rule of each says so)
    for code in sorted(code for code, where in registry.origins.items() if where == origin):
        rule = registry.lookup(code)
        assert rule is not None
        top = rule.__module__.split(".")[0]
        module = sys.modules.get(top)
        paths = list(getattr(module, "__path__", None) or [])
        file = getattr(module, "__file__", None)
        into.append(f"plugin {code} {origin} {rule.__module__}.{rule.__qualname__}")
        if top not in walked:
            if paths:
                for path in sorted(paths):
                    tree_stamps(path_text(path), into)
            elif file and top != "__main__":
                st = os.stat(file)
                into.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
            else:
                return False
            walked.add(top)
    distribution = registry.distributions.get(origin)
    if distribution is not None:
        into += _distribution_state(distribution, seen)
    return True


def _distribution_files(distribution: Any, into: list[str]) -> None:
    """Name, size and modification time of each file an installed distribution lists
    (its RECORD) in the folder that holds its ``.dist-info`` (site-packages, or pip's
    --target), compiled bytecode aside: a rule's module may use the distribution's
    other modules and data (``py-modules = ["rules", "words"]``), which the rule's own
    module or package does not hold; a file listed and gone is said so.

    RECORD's paths are relative to that folder, or absolute; those that lead out of
    it (``../../../bin/x``, the scripts the installer wrote; headers, data files; any
    path a RECORD written otherwise names, such as ``/etc/shadow``) hold nothing the
    import system loads, and are not looked at. (RECORD lists itself: a change to
    the list changes the key.)"""
    try:
        files = distribution.files
        folder = os.path.join(os.path.normpath(os.fspath(distribution.locate_file(""))), "")
    except Exception:  # (a RECORD that cannot be read: the rule's module still counts)
        return
    for file in sorted(files or (), key=str):
        name = str(file)
        if name.endswith(".pyc") or "__pycache__" in name:
            continue
        path = os.path.normpath(os.fspath(file.locate()))
        if not os.path.normcase(path).startswith(os.path.normcase(folder)):
            continue
        try:
            st = os.stat(path)
        except OSError as exc:  # gone, or no file to look at (a folder unreadable, a file for a folder)
            into.append(f"{path}:gone" if isinstance(exc, FileNotFoundError) else f"{path}:{type(exc).__name__}")
            continue
        into.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    if _editable(distribution):
        # an editable install's RECORD lists only its hook (a .pth, a finder): its
        # modules are where the hook finds them, named by the top_level.txt setuptools
        # writes (a module the rule's does not import is still looked at)
        try:
            names = (distribution.read_text("top_level.txt") or "").split()
        except Exception:
            names = []
        for name in sorted(set(names)):
            _module_files(name, into)


def _editable(distribution: Any) -> bool:
    """Whether *distribution* is an editable install (its direct_url.json says so)."""
    try:
        import json

        return json.loads(distribution.read_text("direct_url.json") or "{}").get("dir_info", {}).get("editable") is True
    except Exception:
        return False


def _module_files(name: str, into: list[str]) -> None:
    """The files of top-level module *name*, wherever the import system finds it:
    a package's tree, a module's file, or what stands for none."""
    module = sys.modules.get(name)
    try:
        if module is not None:
            spec = getattr(module, "__spec__", None)
        else:
            from importlib.util import find_spec

            spec = find_spec(name)
    except Exception:
        spec = None
    locations = list(getattr(spec, "submodule_search_locations", None) or [])
    origin = getattr(spec, "origin", None)
    if locations:
        for location in sorted(locations):
            tree_stamps(path_text(location), into)
    elif isinstance(origin, str) and os.path.isfile(origin):
        st = os.stat(origin)
        into.append(f"{origin}:{st.st_size}:{st.st_mtime_ns}")
    else:
        into.append(f"module {name}: {origin!r}")
