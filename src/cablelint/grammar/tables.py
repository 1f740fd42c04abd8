"""What Lark builds from the grammar files, shipped with the package.

Every process needs the document parser (the LALR tables of cable.lark) and the field
patterns (the terminals of fields.lark). Building them takes Lark about a quarter of a
second, more than half of what ``cablelint check FILE`` spends before it reads the
file, and a pre-commit hook or an editor pays that on every run.

``tables.marshal`` holds what those two builds produce. It is generated from the grammar
files (``python -m cablelint.grammar.tables``; tests/test_tables.py fails while the
committed file is out of date) and records the SHA-256 of each grammar file and the
Lark version it was made with. It is used only while all of them still match: after
an edit of a grammar file, or under another Lark version, the parser is built from the
grammar as before. The grammar files stay the single source of truth; nothing is ever
written at run time.

The file is the tables as plain data (dicts, lists, strings, numbers; nothing compiled)
in the ``marshal`` format, which reads in about a third of the instructions that
``json.loads`` took for the same data as JSON (13 M against 38 M, 210 KB) and, unlike a
Python module of the same literals, costs nothing to compile where bytecode is not
cached. A Python whose ``marshal`` could not read it would build from the grammar.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import lark

from cablelint.data import package_bytes, package_text

TABLES = "tables.marshal"
DOCUMENT_GRAMMAR = "cable.lark"
FIELD_GRAMMAR = "fields.lark"
FORMAT = 2  # bump when the layout of the tables changes (1: tables.json)
# The marshal format's version (4 from Python 3.4 on).
_MARSHAL_VERSION = 4
# Lark options that name Python objects, not data: given again when loading.
_RUN_TIME_OPTIONS = ("transformer", "lexer", "import_paths", "source_path")


def _grammar_text(name: str) -> str:
    return package_text(f"grammar/{name}")


def _digest(name: str) -> str:
    return hashlib.sha256(_grammar_text(name).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """*value* as plain data, as the tables were read when they were JSON: tuples made
    lists, a dict keyed by strings in the order of its keys (one keyed by numbers as it
    is), the rest (strings, numbers, None) as it is."""
    if isinstance(value, dict):
        if value and all(isinstance(k, int) for k in value):
            return {k: _plain(v) for k, v in value.items()}
        return {k: _plain(value[k]) for k in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"not plain data: {value!r}")


def _read_tables() -> bytes:
    return package_bytes(f"grammar/{TABLES}")


@lru_cache(maxsize=None)
def _load() -> Optional[dict[str, Any]]:
    """The shipped tables, or None when absent, unreadable or made from other grammar
    files or another Lark version."""
    try:
        tables = marshal.loads(_read_tables())
        current = (
            isinstance(tables, dict)
            and tables.get("format") == FORMAT
            and tables.get("lark") == lark.__version__
            and all(tables["sha256"].get(name) == _digest(name) for name in (DOCUMENT_GRAMMAR, FIELD_GRAMMAR))
        )
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return tables if current else None


def field_patterns() -> Optional[dict[str, str]]:
    """The regular expression of every terminal of fields.lark, by name, or None to
    build them from the grammar."""
    tables = _load()
    return None if tables is None else tables["fields"]


def document_data() -> Optional[dict[str, Any]]:
    """cable.lark's LALR parser as Lark serialises it (``data`` and ``memo``; the
    options that name Python objects left out), or None to build it from the grammar."""
    tables = _load()
    return None if tables is None else tables["document"]


def generate() -> dict[str, Any]:
    """The tables, built from the grammar files with the installed Lark."""
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    from cablelint.grammar.parser import build_document_parser
    from cablelint.grammar.patterns import build_field_patterns

    parser = build_document_parser(transformer=None)
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in _RUN_TIME_OPTIONS}
    data["parser"]["lexer_conf"]["lexer_type"] = None  # the LineLexer class, given when loading
    return {
        "format": FORMAT,
        "lark": lark.__version__,
        "sha256": {name: _digest(name) for name in (DOCUMENT_GRAMMAR, FIELD_GRAMMAR)},
        "fields": {name: p.pattern for name, p in build_field_patterns().items()},
        "document": _plain({"data": data, "memo": memo}),
    }


def render(tables: dict[str, Any]) -> bytes:
    """The content of the tables file (``marshal``; .gitattributes marks it binary)."""
    return marshal.dumps(_plain(tables), _MARSHAL_VERSION)


def describe(tables: dict[str, Any]) -> str:
    """The tables as JSON text, for a person to read (``--json``)."""
    import json

    return json.dumps(tables, sort_keys=True, indent=1, default=str) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    """Write tables.marshal next to the grammar files (of a source checkout), unless
    the one there matches them and this Lark already. Lark numbers the states in a
    different order in each process, so a rewrite would change most of it.
    ``--json`` prints what the file holds, as JSON, instead."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(__file__).with_name(TABLES)
    if "--json" in args:  # show what the shipped file holds
        shipped = _load()
        print(describe(shipped) if shipped is not None else f"{target}: not in use (stale or unreadable)")
        return 0
    if "--force" not in args and _load() is not None:
        print(f"{target}: up to date (--force writes it anew)")
        return 0
    content = render(generate())
    tmp = target.with_name(TABLES + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(target)
    print(f"{target}: written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
