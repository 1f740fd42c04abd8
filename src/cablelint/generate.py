"""The files made from cablelint's own sources, made or checked in one command, in a
source checkout (``src/cablelint`` beside ``pyproject.toml`` and ``docs/``):

    python -m cablelint.generate           write each generated file that is out of date
    python -m cablelint.generate --check   write nothing; exit 1 naming each stale file

``--check`` is what CI or a pre-commit hook runs; tests/test_generate.py checks the
same. The files, what each is made from, and the command that makes it alone:

    src/cablelint/grammar/tables.marshal  the grammar files, built by Lark
                                          (python -m cablelint.grammar.tables --force)
    src/cablelint/rules/index.py          the rule modules' metadata
                                          (python -m cablelint.rules.index)
    docs/rules.md                         the rules' metadata and docstrings
                                          (cablelint rules --format markdown)

A file is written only when it is out of date, and atomically (a temporary file in
its folder, renamed over it). The index and the catalog are out of date when they
differ from what would be written. The tables are not built to be compared (a build
gives the same bytes for the same grammar files and Lark, but the committed file may
be another Lark's, and building takes Lark a quarter of a second): they are out of
date when a grammar file or the tables' layout changed since they were made. Tables made
by another Lark version than this process's are not out of date (the file in the
repository is made with the Lark it names); they are not used here, which is said,
and ``python -m cablelint.grammar.tables --force`` makes them for this Lark.
"""

from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from cablelint.files import AtomicFile

if TYPE_CHECKING:
    from cablelint.linter.registry import Registry

PACKAGE = Path(__file__).resolve().parent
TABLES = "src/cablelint/grammar/tables.marshal"


class GenerateError(Exception):
    """A generated file cannot be made: its sources are broken (a rule's metadata, a
    grammar file)."""


class Generated:
    """One generated file: its path in the checkout, how its content is made, and,
    for a file not made the same twice, how to tell that what it holds is current."""

    def __init__(self, root: Path, name: str, make: Callable[[], bytes], current: Optional[Callable[[bytes], bool]] = None) -> None:
        self.name = name  # as messages show it: relative to the checkout, with /
        self.path = root / name
        self._make = make
        self._current = current
        self._content: Optional[bytes] = None

    def held(self) -> Optional[bytes]:
        """What the file holds now (None: there is no such file)."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def content(self) -> bytes:
        """What the file should hold, made once (GenerateError: it cannot be)."""
        if self._content is None:
            self._content = self._make()
        return self._content

    def is_current(self) -> bool:
        held = self.held()
        if held is None:
            return False
        return self._current(held) if self._current is not None else held == self.content()

    def write(self, content: bytes) -> None:
        with AtomicFile(str(self.path)) as out:
            out.write_bytes(content)


def _tables() -> bytes:
    from lark.exceptions import LarkError

    from cablelint.grammar.tables import generate, render

    try:
        return render(generate())
    except (LarkError, OSError) as exc:  # (OSError: a file %import names is not there)
        raise GenerateError(f"the grammar does not build: {type(exc).__name__}: {exc}") from None


@lru_cache(maxsize=1)
def _builtin_registry() -> Registry:
    """The built-in rules' registry, made once for the index and the catalog (a plugin
    installed here is no part of cablelint's own files)."""
    from cablelint.linter.registry import RegistryError, build_registry
    from cablelint.rules import builtin_rules

    try:
        return build_registry(builtin_rules(), ())
    except RegistryError as exc:
        raise GenerateError(f"the rules cannot be listed: {exc}") from None


def _index() -> bytes:
    from cablelint.rules import index_source

    return index_source(_builtin_registry()).encode("utf-8")


def _catalog() -> bytes:
    from cablelint.linter.ruledoc import rules_markdown

    return rules_markdown(_builtin_registry()).encode("utf-8")


def checkout() -> Optional[Path]:
    """The source checkout the package is in (None: an installed package)."""
    root = PACKAGE.parent.parent
    return root if PACKAGE.parent.name == "src" and (root / "pyproject.toml").is_file() else None


def generated(root: Path) -> tuple[Generated, ...]:
    """The generated files of the checkout at *root*, in the order they are made."""
    from cablelint.grammar.tables import up_to_date

    return (
        Generated(root, TABLES, _tables, up_to_date),
        Generated(root, "src/cablelint/rules/index.py", _index),
        Generated(root, "docs/rules.md", _catalog),
    )


def _lark_note(tables: Generated) -> Optional[str]:
    """A line saying that the tables were made by another Lark, when they were."""
    from cablelint.grammar.tables import lark_version, made_with

    held = tables.held()
    made = None if held is None else made_with(held)
    here = lark_version()
    if made is None or made == here:
        return None
    return f"{tables.name}: made with Lark {made}, not used under this Lark {here} (`python -m cablelint.grammar.tables --force` makes it for {here})"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cablelint.generate", description="Write the generated files that are out of date.")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 naming each file that is out of date")
    args = parser.parse_args(argv)
    root = checkout()
    if root is None:
        print(f"cablelint.generate: {PACKAGE} is not in a source checkout: expected src/cablelint beside pyproject.toml", file=sys.stderr)
        return 2
    files = generated(root)
    stale = []
    for f in files:
        try:
            if f.is_current():
                continue
            content = None if args.check else f.content()
        except GenerateError as exc:
            print(f"cablelint.generate: {f.name} cannot be made: {exc}", file=sys.stderr)
            return 2
        except OSError as exc:  # (held: a folder, or a file that cannot be read, in its place)
            print(f"cablelint.generate: cannot read {f.name}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        stale.append(f)
        if content is not None:
            try:
                f.write(content)
            except OSError as exc:
                print(f"cablelint.generate: cannot write {f.name}: {exc.strerror or exc}", file=sys.stderr)
                return 2
        print(f"{f.name}: {'out of date' if args.check else 'written'}")
    note = _lark_note(next(f for f in files if f.name == TABLES))
    if note is not None:
        print(note)
    if not stale:
        print(f"{len(files)} generated files up to date")
    elif args.check:
        print(f"{len(stale)} of {len(files)} generated files out of date: run `python -m cablelint.generate`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
