"""The editor's settings: ``check``'s options of the same names, checked by the
configuration's and the command line's own code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from cablelint.cli_options import selectors
from cablelint.linter.config import OPTIONS, ConfigError, names_no_rule
from cablelint.linter.registry import Registry, RegistryError, load_registry
from cablelint.linter.selection import matches


@dataclass(frozen=True)
class Settings:
    """The editor's settings: ``check``'s options of the same names."""

    strict: bool = False
    dialect: Optional[str] = None
    select: Optional[tuple[str, ...]] = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    config: Optional[Path] = None
    line_length: Optional[int] = None


# setting -> (the configuration key whose check it shares, the Settings field)
_SETTING_KEYS = {
    "select": ("select", "select"),
    "ignore": ("ignore", "ignore"),
    "extendSelect": ("extend-select", "extend_select"),
    "dialect": ("dialect", "dialect"),
    "lineLength": ("line-length", "line_length"),
}

SETTINGS = ("strict", "dialect", "select", "ignore", "extendSelect", "config", "lineLength")


def read_settings(raw: object, base: Optional[Path], label: str = "cablelint settings") -> tuple[Settings, list[str]]:
    """The settings in *raw* (the value of the ``cablelint`` key), with an error
    message, starting with *label*, for each one that cannot be used (left out; the
    rest are used). A relative ``config`` path is taken from *base* (the workspace
    folder)."""
    if raw is None:
        return Settings(), []
    if not isinstance(raw, Mapping):
        return Settings(), [f"{label} must be an object of name = value, got {raw!r}"]
    checks = {o.key: o.convert for o in OPTIONS}
    registry: list[Optional[Registry]] = []  # (loaded at the first selector)
    values: dict[str, Any] = {}
    errors: list[str] = []
    for name, value in raw.items():
        where = f"{label}: '{name}'"
        if name in _SETTING_KEYS:
            key, attr = _SETTING_KEYS[name]
            try:
                checked = checks[key](name, value)
                if attr in ("select", "ignore", "extend_select"):
                    # as on the command line: comma-separated or listed
                    listed = selectors(tuple(checked))
                    if attr == "select" and not listed:
                        raise ConfigError(names_no_rule(f"'{name}'"))
                    # a bad entry is left out, the good ones are used
                    good = []
                    for selector in listed:
                        if not registry:
                            try:
                                registry.append(load_registry())
                            except RegistryError:  # (a plugin that cannot be loaded: said by each document's lint)
                                registry.append(None)
                        if registry[0] is None:  # the selectors cannot be checked: kept as given
                            good.append(selector)
                            continue
                        try:
                            matches(registry[0], selector)
                        except ConfigError as exc:
                            errors.append(f"{label}: '{name}': {exc}")
                        else:
                            good.append(selector)
                    if not good:  # none left: as if the setting were not given
                        continue
                    checked = tuple(good)
            except ConfigError as exc:
                errors.append(f"{label}: {exc}")
                continue
            values[attr] = checked
        elif name == "strict":
            if not isinstance(value, bool):
                errors.append(f"{where} must be true or false, got {value!r}")
                continue
            values["strict"] = value
        elif name == "config":
            if value is None:
                continue
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{where} must be the path of a configuration file, got {value!r}")
                continue
            path = Path(value).expanduser()
            if not path.is_absolute() and base is not None:
                path = base / path
            if not path.is_file():
                errors.append(f"{where}: no such configuration file: {path}")
                continue
            values["config"] = path.resolve()
        else:
            errors.append(f"{label}: unknown setting '{name}'; known settings: {', '.join(SETTINGS)}")
    return Settings(**values), errors


def settings_of(options: object) -> object:
    """What is under the ``cablelint`` key of *options* (the whole object when it has
    none: initializationOptions may hold our settings alone)."""
    if isinstance(options, Mapping) and "cablelint" in options:
        return options["cablelint"]
    return options
