"""`check --show-files` and `check --show-settings`: what a run would lint, and with what.

Both answer the two questions a user asks when a finding is missing or unexpected
(is my file linted at all? is my configuration the one in force?) without linting
anything, and exit 0.
"""

from __future__ import annotations

import os
from typing import Optional

import click

from cablelint.linter.engine import Linter
from cablelint.linter.rule import DIALECTS
from cablelint.linter.selection import ON
from cablelint.reporters.text import visible


def show_files(files: list[str]) -> None:
    """Print each file the run would lint, one a line, in the order it would lint and
    report them (standard input by the name it is shown by). A control character in
    a name is written as the text report writes it (``new<U+000A>line.cable``): a
    line break would make two lines of one name, and an escape sequence would reach
    the terminal as one (click drops it from a pipe, naming a file that is not
    there)."""
    for path in files:
        click.echo(visible(path))


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values) if values else "(none)"


def settings_lines(linter: Linter, cache_folder: Optional[str]) -> list[str]:
    """The settings in force, as lines: the configuration file, the options it and the
    command line set, the cache, and every rule that runs with its severity and
    where it runs."""
    config = linter.config
    lines = [
        f"Configuration file: {os.path.realpath(config.source) if config.source else '(none found: the defaults)'}",
        f"Globs relative to: {os.path.realpath(config.root)}",
        f"Dialect: {config.dialect + ' (forced)' if config.dialect else 'detected per file'}",
        f"Line length: {config.line_length}",
        f"Strict: {'on' if linter.strict else 'off'}",
        f"Include: {_listed(config.include)}",
        f"Exclude: {_listed(config.exclude)}",
        f"Extra tags: {_listed(config.extra_tags)}",
        f"Severity overrides: {_listed(tuple(f'{code} = {sev}' for code, sev in config.severity))}",
        f"Per-file ignores: {'(none)' if not config.per_file_ignores else ''}".rstrip(),
    ]
    lines += [f"  {glob}: {', '.join(selectors)}" for glob, selectors in config.per_file_ignores]
    lines.append(f"Cache: {os.path.realpath(cache_folder) if cache_folder else 'off'}")
    running = [code for code in sorted(linter.state) if code in linter.rules]
    lines.append(f"Rules ({len(running)} selected of {len(linter.rules)}):")
    width = max((len(linter.names[code]) for code in running), default=0)
    for code in running:
        rule = linter.rules[code]
        # a rule on by default in some renderings runs only there unless selected
        dialects = rule.default_in if linter.state[code] != ON and rule.default_in else rule.dialects
        where = f" (in {', '.join(dialects)} only)" if set(dialects) != set(DIALECTS) else ""
        origin = linter.registry.origin(code)
        plugin = f" [from {origin}]" if origin else ""
        overridden = " (severity overridden)" if code in linter.overridden else ""
        lines.append(f"  {code:<6} {linter.names[code]:<{width}}  {linter.severity[code]:<7}{overridden}{where}{plugin}".rstrip())
    return lines


def show_settings(linter: Linter, cache_folder: Optional[str]) -> None:
    for line in settings_lines(linter, cache_folder):
        click.echo(line)
