"""What Lark builds from the grammar files, shipped with the package.

Every process needs the document parser (the LALR tables of cable.lark) and the field
patterns (the terminals of fields.lark). Building them takes Lark about a quarter of a
second, more than half of what ``cablelint check FILE`` spends before it reads the
file, and a pre-commit hook or an editor pays that on every run.

``tables.marshal`` holds what those two builds produce. It is generated from the grammar
files (``python -m cablelint.grammar.tables``, or ``python -m cablelint.generate`` with
the other generated files; tests/test_generate.py fails while the committed file is out
of date) and records the BLAKE2b digest of each grammar file and the
Lark version it was made with. It is used only while all of them still match: after
an edit of a grammar file, or under another Lark version, the parser is built from the
grammar as before. The grammar files stay the single source of truth; nothing is ever
written at run time.

The file is the tables as plain data (dicts, lists, strings, numbers; nothing compiled)
in the ``marshal`` format, which reads in about a third of the instructions that
``json.loads`` took for the same data as JSON and, unlike a Python module of the same
literals, costs nothing to compile where bytecode is not cached. A Python whose
``marshal`` could not read it would build from the grammar. The document parser is
kept in a layout of its own (:func:`compact`, 104 KB) rather than Lark's serialisation
(202 KB): it reads in 4 M instructions instead of 13 M, and grammar/parser.py makes
the parser from it in about 20 M instead of Lark's 76 M.
"""

from __future__ import annotations

import marshal
import os
import sys
from functools import lru_cache
from typing import Any, Optional

from cablelint.data import package_bytes, package_text
from cablelint.files import blake2b

TABLES = "tables.marshal"
DOCUMENT_GRAMMAR = "cable.lark"
FIELD_GRAMMAR = "fields.lark"
# bump when the layout of the tables changes (1: tables.json; 2: Lark's own layout;
# 3: the SHA-256 of the grammar files)
FORMAT = 4
# The marshal format's version (4 from Python 3.4 on).
_MARSHAL_VERSION = 4
# Lark options that name Python objects, not data: given again when loading.
_RUN_TIME_OPTIONS = ("transformer", "lexer", "import_paths", "source_path")


def lark_version() -> str:
    """The version of the Lark that ``import lark`` gives this process, without
    importing it when it is not imported yet: importing Lark costs about a quarter of
    a one-file check whose result is cached, which never parses. The version is read
    from the ``__version__ = "..."`` line of the ``__init__.py`` the import system
    would load (:func:`_find_spec`, which asks the same finders as an import); when
    that cannot be read so (no such file or line, a value that is not a plain
    string), Lark is imported and asked."""
    imported = sys.modules.get("lark")
    if imported is not None:
        return str(imported.__version__)
    version = _declared_lark_version()
    if version is not None:
        return version
    import lark

    return lark.__version__


def _find_spec(name: str) -> Any:
    """The spec of the top-level module *name*, not imported yet, that an import would
    load: the first a finder on ``sys.meta_path`` gives, as ``importlib.util.find_spec``
    finds it (importing importlib.util costs a cached check about 1M instructions)."""
    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        if find is not None:
            spec = find(name, None)
            if spec is not None:
                return spec
    return None


@lru_cache(maxsize=None)
def _declared_lark_version() -> Optional[str]:
    try:
        spec = _find_spec("lark")
        origin = None if spec is None else spec.origin
        if origin is None or os.path.basename(origin) != "__init__.py":
            return None
        with open(origin, encoding="utf-8") as fh:
            text = fh.read()
    except (ImportError, OSError, ValueError):
        return None
    for line in text.splitlines():
        target, _, value = line.partition("=")
        if target.rstrip() in ("__version__", "__version__: str"):
            value = value.strip()
            quote = value[:1]
            plain = len(value) > 1 and quote in "'\"" and value.endswith(quote) and quote not in value[1:-1] and "\\" not in value
            return value[1:-1] if plain else None
    return None


def _grammar_text(name: str) -> str:
    return package_text(f"grammar/{name}")


def _digest(name: str) -> str:
    """The digest of grammar file *name*'s text (UTF-8, line breaks made ``\n``): of
    the file's bytes when they hold no carriage return, which are that text's
    encoding already, without decoding them (0.4M instructions a start that parses).
    Bytes that are not UTF-8 give a digest no tables record, as the decoding's error
    gave no tables."""
    data = package_bytes(f"grammar/{name}")
    if b"\r" in data:
        data = _grammar_text(name).encode("utf-8")
    return blake2b(data, digest_size=32).hexdigest()


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


def _made_from(tables: Any, lark: Optional[str]) -> bool:
    """Whether *tables* (as read from the file) are of this layout and made from the
    grammar files as they are, by Lark *lark* (None: by any Lark)."""
    return (
        isinstance(tables, dict)
        and tables.get("format") == FORMAT
        and (lark is None or tables.get("lark") == lark)
        and all(tables["blake2b"].get(name) == _digest(name) for name in (DOCUMENT_GRAMMAR, FIELD_GRAMMAR))
    )


@lru_cache(maxsize=None)
def _load() -> Optional[dict[str, Any]]:
    """The shipped tables, or None when absent, unreadable or made from other grammar
    files or another Lark version."""
    try:
        tables = marshal.loads(_read_tables())
        current = _made_from(tables, lark_version())
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return tables if current else None


def up_to_date(content: bytes) -> bool:
    """Whether *content*, a tables file, was made from the grammar files as they are,
    in this layout, by whatever Lark (see :mod:`cablelint.generate`): the tables
    themselves are not compared with a build's."""
    try:
        return _made_from(marshal.loads(content), None)
    except (EOFError, ValueError, KeyError, TypeError, AttributeError):
        return False


def made_with(content: bytes) -> Optional[str]:
    """The version of the Lark that made *content*, a tables file (None: unreadable)."""
    try:
        tables = marshal.loads(content)
        return str(tables["lark"]) if isinstance(tables, dict) else None
    except (EOFError, ValueError, KeyError, TypeError):
        return None


def field_patterns() -> Optional[dict[str, str]]:
    """The regular expression of every terminal of fields.lark, by name, or None to
    build them from the grammar."""
    tables = _load()
    return None if tables is None else tables["fields"]


def document_data() -> Optional[dict[str, Any]]:
    """cable.lark's LALR parser (see :func:`compact`), or None to build it from the
    grammar."""
    tables = _load()
    return None if tables is None else tables["document"]


def generate() -> dict[str, Any]:
    """The tables, built from the grammar files with the installed Lark."""
    import lark
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
        "blake2b": {name: _digest(name) for name in (DOCUMENT_GRAMMAR, FIELD_GRAMMAR)},
        "fields": {name: p.pattern for name, p in build_field_patterns().items()},
        "document": _plain(compact(_plain(data), _plain(memo))),
    }


# The fields Lark serialises of each memoised object (Lark 1.3); compact() refuses others.
_FIELDS = {
    "TerminalDef": {"__type__", "name", "pattern", "priority"},
    "PatternRE": {"__type__", "value", "flags", "raw", "_width"},
    "PatternStr": {"__type__", "value", "flags", "raw"},
    "Rule": {"__type__", "origin", "expansion", "order", "alias", "options"},
    "Terminal": {"__type__", "name", "filter_out"},
    "NonTerminal": {"__type__", "name"},
    "RuleOptions": {"__type__", "keep_all_tokens", "expand1", "priority", "template_source", "empty_indices"},
}


def _fields(item: dict[str, Any]) -> dict[str, Any]:
    if set(item) != _FIELDS.get(item.get("__type__", ""), set()):
        raise ValueError(f"not a layout the tables know: {sorted(item)}")
    return item


def compact(data: dict[str, Any], memo: dict[int, Any]) -> dict[str, Any]:
    """Lark's serialisation of the document parser (``memo_serialize``: *data* and
    *memo*, as plain data) in the layout the loader builds from (grammar/parser.py).

    Lark's own loading builds each terminal, rule and action through its generic
    ``deserialize`` (a few Python calls per object, some 5,000 for cable.lark); this
    layout lets the loader make them with a few C-level calls a state:

    - ``data``: Lark's, its parse table's ``states`` and ``tokens`` left empty (Lark
      loads the rest: options, lexer and parser configuration);
    - ``terminals``: memo number -> [name, pattern class, value, flags, raw, width,
      priority];
    - ``rules``: memo number -> [origin, expansion, order, alias, options], where each
      symbol of the expansion is a nonterminal's name or a terminal's [name,
      filter_out] and options is [keep_all_tokens, expand1, priority,
      template_source, empty_indices];
    - ``states``: state -> [the names of its tokens, their actions], an action
      being ``2 * state`` for a shift and ``2 * memo number + 1`` for a reduction;
      the states numbered as :func:`_state_numbers` says and each one's tokens in
      the order of their names, so that every build gives the same tables.

    A field this code does not know (another Lark version) raises ValueError."""
    data = dict(data, parser=dict(data["parser"]))
    table = data["parser"]["parser"]
    if set(table) != {"tokens", "states", "start_states", "end_states"}:
        raise ValueError(f"not a parse table the tables know: {sorted(table)}")
    tokens = table["tokens"]
    states = {}
    for state, actions in table["states"].items():
        codes = []
        for action, arg in actions.values():
            if action == 0:
                codes.append(2 * arg)
            elif action == 1 and set(arg) == {"@"}:
                codes.append(2 * arg["@"] + 1)
            else:
                raise ValueError(f"not an action the tables know: {action!r}, {arg!r}")
        states[state] = [[tokens[token] for token in actions], codes]
    number = _state_numbers(states, table["start_states"])
    states = {number[state]: _renumbered(states[state], number) for state in sorted(states, key=number.__getitem__)}
    data["parser"]["parser"] = dict(
        table,
        tokens={},
        states={},
        start_states={start: number[state] for start, state in table["start_states"].items()},
        end_states={start: number[state] for start, state in table["end_states"].items()},
    )
    terminals, rules = {}, {}
    for key, item in memo.items():
        kind = _fields(item)["__type__"]
        if kind == "TerminalDef":
            pattern = _fields(item["pattern"])
            terminals[key] = [item["name"], pattern["__type__"], pattern["value"], pattern["flags"], pattern["raw"], pattern.get("_width"), item["priority"]]
        elif kind == "Rule":
            options = _fields(item["options"])
            expansion = []
            for symbol in item["expansion"]:
                name = _fields(symbol)["name"]
                expansion.append([name, symbol["filter_out"]] if symbol["__type__"] == "Terminal" else name)
            if _fields(item["origin"])["__type__"] != "NonTerminal":
                raise ValueError(f"not a rule the tables know: {item!r}")
            rules[key] = [
                item["origin"]["name"],
                expansion,
                item["order"],
                item["alias"],
                [options[f] for f in ("keep_all_tokens", "expand1", "priority", "template_source", "empty_indices")],
            ]
        else:
            raise ValueError(f"not a memoised object the tables know: {kind}")
    return {"data": data, "terminals": terminals, "rules": rules, "states": states}


def _state_numbers(states: dict[int, list[Any]], start_states: dict[str, int]) -> dict[int, int]:
    """A number for each of *states* (compact's layout, Lark's numbers) that is the
    same in every build: the order in which a walk meets them, breadth first from the
    start states (by start symbol) and through each state's shifts in the order of
    their tokens' names. Lark numbers the states in the order its sets give, which
    moves with the hash seed; an LR automaton has one transition a token, so the walk
    meets the same states in the same order whatever Lark's numbers. (A state no shift
    reaches, which LALR does not make, comes last, in Lark's order.)"""
    number: dict[int, int] = {}
    for state in [start_states[start] for start in sorted(start_states)]:
        number.setdefault(state, len(number))
    walked = list(number)
    for state in walked:
        names, codes = states[state]
        for _, code in sorted(zip(names, codes)):
            if code % 2 == 0 and code // 2 not in number:
                number[code // 2] = len(number)
                walked.append(code // 2)
    for state in states:
        number.setdefault(state, len(number))
    return number


def _renumbered(state: list[Any], number: dict[int, int]) -> list[Any]:
    """*state* ([its tokens' names, their actions]) with its tokens in the order of
    their names and its shifts to the states' numbers in *number* (a reduction's
    action names a rule)."""
    names, codes = state
    pairs = sorted(zip(names, codes))
    return [[name for name, _ in pairs], [2 * number[code // 2] if code % 2 == 0 else code for _, code in pairs]]


def render(tables: dict[str, Any]) -> bytes:
    """The content of the tables file (``marshal``; .gitattributes marks it binary),
    the same bytes for the same tables in every process: see :func:`_one_each`."""
    return marshal.dumps(_one_each(_plain(tables), {}), _MARSHAL_VERSION)


def _one_each(value: Any, made: dict[Any, Any]) -> Any:
    """*value* (plain data) with one object for each string and number, kept in
    *made*, and every string interned.

    ``marshal`` writes an object that has more than one reference once and refers
    back to it after, but writes an object with one reference in full each time, and
    marks a string as interned or not as it is in the process: the bytes followed
    what else in the process held the tables' strings and numbers, so two builds of
    the same tables differed. Here each string and number is one object that *made*
    holds too (so always written once, then referred to), and each string is
    interned (so always read back interned, as identifiers are)."""
    if isinstance(value, dict):
        return {_one_each(k, made): _one_each(v, made) for k, v in value.items()}
    if isinstance(value, list):
        return [_one_each(v, made) for v in value]
    kind = type(value)
    if kind is str or kind is int or kind is float:
        key = (kind, value.hex() if kind is float else value)  # (0.0 and -0.0 are equal)
        found = made.get(key)
        if found is None:
            found = made[key] = sys.intern(value) if kind is str else value
        return found
    return value  # None, True, False: marshal writes no reference for them


def describe(tables: dict[str, Any]) -> str:
    """The tables as JSON text, for a person to read (``--json``)."""
    import json

    return json.dumps(tables, sort_keys=True, indent=1, default=str) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    """Write tables.marshal next to the grammar files (of a source checkout), unless
    the one there matches them and this Lark already (a rewrite would give the same
    bytes: see :func:`_state_numbers` and :func:`_one_each`).
    ``--json`` prints what the file holds, as JSON, instead."""
    from pathlib import Path  # (not at the top: a one-file check answered from the cache needs no pathlib)

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
