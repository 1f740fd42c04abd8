"""The command line: click commands that read files and hand them to the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Optional

import click

from cablelint import __version__
from cablelint.files import LoadedFile, from_bytes, load
from cablelint.grammar.parser import DIALECTS, parse_text
from cablelint.linter.diagnostic import Diagnostic
from cablelint.linter.config import ConfigError, load_config
from cablelint.linter.engine import Linter
from cablelint.linter.registry import RegistryError
from cablelint.linter.selection import Layer
from cablelint.serialize import cable_to_json

DEFAULT_INCLUDE = ("*.cable", "*.tel", "*.txt")


class _DefaultGroup(click.Group):
    """A group that runs ``check`` when no subcommand is named."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultGroup)
@click.version_option(__version__, prog_name="cablelint")
def main() -> None:
    """cablelint: validate and lint diplomatic cables kept as plain text."""


def _walk(paths: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted({str(f) for pattern in DEFAULT_INCLUDE for f in p.rglob(pattern) if f.is_file()})
            out.extend(found)
        else:
            out.append(raw)
    return out


def _read_stdin(display: str) -> LoadedFile:
    return from_bytes(display, sys.stdin.buffer.read())


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--dialect", type=click.Choice(DIALECTS), default=None, help="Force the rendering instead of detecting it per file.")
@click.option("--stdin-filename", default="-", help="Path to show for a cable read from standard input.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics are found.")
@click.option("--no-color", is_flag=True, help="Accepted for compatibility; output is plain text.")
@click.option("--select", default=None, help="Rules to run instead of the defaults (comma-separated).")
@click.option("--ignore", default=None, help="Rules not to run (comma-separated).")
@click.option("--extend-select", default=None, help="Rules to run besides the selection (comma-separated).")
@click.option("--config", "config_path", default=None, help="Configuration file to use instead of searching.")
def check(paths: tuple[str, ...], fmt: str, dialect: Optional[str], stdin_filename: str, exit_zero: bool, no_color: bool, select: Optional[str], ignore: Optional[str], extend_select: Optional[str], config_path: Optional[str]) -> None:
    """Lint cables: files, folders (walked for *.cable, *.tel, *.txt) or - for stdin."""
    if not paths:
        raise click.UsageError("no paths given: name cable files or folders, or - for standard input")
    split = lambda v: tuple(s.strip() for s in v.split(",") if s.strip()) if v else ()  # noqa: E731
    try:
        config = load_config(config_path)
        if dialect:
            config = config.merged(dialect=dialect)
        linter = Linter(config, Layer(split(select) if select else None, split(ignore), split(extend_select)))
    except (ConfigError, RegistryError) as exc:
        click.echo(f"cablelint: {exc}", err=True)
        sys.exit(2)
    diagnostics: list[Diagnostic] = []
    files = 0
    for path in _walk(paths):
        loaded = _read_stdin(stdin_filename) if path == "-" else load(path)
        diagnostics.extend(linter.lint_file(loaded))
        files += 1
    diagnostics.sort(key=Diagnostic.sort_key)
    if fmt == "json":
        click.echo(json.dumps([d.to_json() for d in diagnostics], indent=2))
    else:
        for d in diagnostics:
            click.echo(f"{d.path}:{d.span.line}:{d.span.column}: {d.code} [{d.severity}] {d.message}")
        counted = {s: sum(1 for d in diagnostics if d.severity == s) for s in ("error", "warning", "info")}
        summary = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counted.items())
        click.echo(f"{files} file{'s' if files != 1 else ''} checked: {summary}", err=False)
    failing = any(d.severity in ("error", "warning") for d in diagnostics)
    sys.exit(1 if failing and not exit_zero else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--dialect", type=click.Choice(DIALECTS), default=None, help="Force the rendering instead of detecting it.")
@click.option("--stdin-filename", default="-", help="Path to show for a cable read from standard input.")
def parse(paths: tuple[str, ...], dialect: Optional[str], stdin_filename: str) -> None:
    """Print the parsed model of cables as JSON (one object, or an array for several)."""
    out = []
    for path in paths:
        loaded = _read_stdin(stdin_filename) if path == "-" else load(path)
        if loaded.text is None:
            click.echo(f"cablelint: {loaded.path}: cannot read the file: {loaded.error}", err=True)
            sys.exit(2)
        out.append(cable_to_json(parse_text(loaded.text, dialect)))
    click.echo(json.dumps(out[0] if len(out) == 1 else out, indent=2, ensure_ascii=False))


if __name__ == "__main__":  # pragma: no cover
    main()
