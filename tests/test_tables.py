"""The grammar tables shipped in the package (grammar/tables.marshal): used only while
they match the grammar files and Lark, and the same parser as one built from the
grammar (that the file is current is tests/test_generate.py's)."""

from __future__ import annotations

import functools
import json
import marshal
import os
import subprocess
import sys
import types
from importlib import resources
from pathlib import Path
from typing import Optional

import lark
import pytest
from lark.grammar import Rule
from lark.lexer import TerminalDef

from cablelint.grammar import tables
from cablelint.grammar.build import CableBuilder
from cablelint.grammar.lexer import LineLexer
from cablelint.grammar.parser import _load_document_parser, _Rule, build_document_parser, document_parser
from cablelint.grammar.patterns import all_fields, build_field_patterns

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "src" / "cablelint" / "grammar" / tables.TABLES
SEED = REPO / "corpus" / "real" / "09BAMAKO97.cable"


def _shipped() -> dict:  # type: ignore[type-arg]
    return marshal.loads(SHIPPED.read_bytes())  # type: ignore[no-any-return]


def _recorded_lark() -> str:
    return _shipped()["lark"]  # type: ignore[no-any-return]


def test_the_tables_are_in_use_here() -> None:
    if lark.__version__ != _recorded_lark():
        pytest.skip("another Lark version: the parser is built from the grammar")
    assert tables.document_data() is not None
    assert tables.field_patterns() is not None


def _rule(rule: Rule) -> tuple[object, ...]:
    options = rule.options
    return (
        rule.origin.name,
        tuple((s.name, s.is_term, getattr(s, "filter_out", None)) for s in rule.expansion),
        rule.order,
        rule.alias,
        (options.keep_all_tokens, options.expand1, options.priority, options.template_source, tuple(options.empty_indices)),
    )


def _same_automaton(a: lark.Lark, b: lark.Lark) -> None:
    """Assert that two LALR parsers are the same automaton. Lark numbers states in an
    order that changes from one process to the next (it follows set iteration), so
    the states are paired by walking both tables from the start state by token name."""
    ta, tb = a.parser.parser.parser.parse_table, b.parser.parser.parser.parse_table
    start = (ta.start_states["start"], tb.start_states["start"])
    assert (ta.end_states["start"] is None) == (tb.end_states["start"] is None)
    pairs = {start[0]: start[1]}
    todo = [start]
    while todo:
        sa, sb = todo.pop()
        actions_a, actions_b = ta.states[sa], tb.states[sb]
        assert set(actions_a) == set(actions_b), f"state {sa}/{sb}: {set(actions_a) ^ set(actions_b)}"
        for name, (action, arg) in actions_a.items():
            action_b, arg_b = actions_b[name]
            assert action.name == action_b.name, (sa, name)
            if action.name == "Shift":
                if arg in pairs:
                    assert pairs[arg] == arg_b, (sa, name)
                else:
                    pairs[arg] = arg_b
                    todo.append((arg, arg_b))
            else:
                assert _rule(arg) == _rule(arg_b), (sa, name)
    assert len(pairs) == len(ta.states) == len(tb.states)
    assert ta.end_states["start"] == (None if tb.end_states["start"] is None else next(x for x, y in pairs.items() if y == tb.end_states["start"]))
    assert sorted(map(_rule, a.rules)) == sorted(map(_rule, b.rules))


def test_the_shipped_parser_is_the_one_the_grammar_builds() -> None:
    """The tables hold what building cable.lark with this Lark gives (the digests
    say the grammar did not change; this checks the generator and the loading)."""
    if tables.document_data() is None:
        pytest.skip("the tables are not in use (another Lark version)")
    loaded = document_parser()
    built = build_document_parser(transformer=None)
    _same_automaton(loaded, built)
    assert [(t.name, t.pattern.to_regexp(), t.priority) for t in loaded.terminals] == [
        (t.name, t.pattern.to_regexp(), t.priority) for t in built.terminals
    ]


def _loaded_both_ways(builder: Optional[CableBuilder]) -> tuple[lark.Lark, lark.Lark]:
    """The document parser loaded from the compact layout (ours) and by Lark's own
    loading of its serialisation, both with *builder* as the transformer."""
    built = build_document_parser(transformer=None)
    data, memo = built.memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k not in tables._RUN_TIME_OPTIONS}
    data["parser"]["lexer_conf"]["lexer_type"] = None
    ours = _load_document_parser(tables.compact(tables._plain(data), tables._plain(memo)), builder)  # type: ignore[arg-type]
    data["options"]["lexer"] = data["parser"]["lexer_conf"]["lexer_type"] = LineLexer
    by_lark = lark.Lark.__new__(lark.Lark)._load({"data": data, "memo": memo}, transformer=builder)
    return ours, by_lark


def test_the_loaded_parser_has_lark_s_own_terminals_rules_and_callbacks() -> None:
    """What the loader makes of the compact layout is what Lark's own loading makes of
    its serialisation, object for object: the same terminals (pattern class, value,
    flags, raw, priority), rules (with their hash), parse table (its states numbered
    otherwise) and reductions' callbacks."""
    if tables.document_data() is None:
        pytest.skip("the tables are not in use (another Lark version)")
    ours, by_lark = _loaded_both_ways(None)

    def terminal(t: TerminalDef) -> tuple[object, ...]:
        return (t.name, type(t.pattern), t.pattern.value, list(t.pattern.flags), t.pattern.raw, t.priority)

    assert list(map(terminal, ours.terminals)) == list(map(terminal, by_lark.terminals))
    assert list(map(_rule, ours.rules)) == list(map(_rule, by_lark.rules))
    assert [Rule.__hash__(r) for r in ours.rules] == [hash(r) for r in by_lark.rules]
    # the same automaton, its states numbered otherwise (tables._state_numbers)
    _same_automaton(ours, by_lark)
    assert all(type(r) is _Rule for r in ours.rules)


def _callback(made: object) -> object:
    """What a reduction's callback does, comparable between two parsers: Lark's
    wrappers (ExpandSingleChild, the child filters) with what they hold, around the
    transformer's bound method or ``partial(default, rule name)``, the default being the
    tree class or a closure over the transformer's ``__default__`` (one a
    ``create_callback``: compared by its code and what it holds)."""
    if isinstance(made, functools.partial):
        return ("partial", _callback(made.func), made.args, made.keywords)
    if isinstance(made, types.FunctionType) and made.__closure__:
        return ("closure", made.__code__, tuple(cell.cell_contents for cell in made.__closure__))
    if hasattr(made, "node_builder"):
        held = {k: v for k, v in vars(made).items() if k != "node_builder"} if hasattr(made, "__dict__") else {}
        return (type(made), held, _callback(made.node_builder))
    return made


@pytest.mark.parametrize("with_builder", [False, True], ids=["no-transformer", "builder"])
def test_the_loaded_parser_makes_lark_s_callbacks_when_first_asked(with_builder: bool) -> None:
    """The loaded parser makes a reduction's callback the first time the parser asks
    for it (one made at once, so that the dict is not empty), and it is the callback
    Lark's own loading makes for that rule at once: for every rule, without a
    transformer and with the document builder."""
    if tables.document_data() is None:
        pytest.skip("the tables are not in use (another Lark version)")
    builder = CableBuilder() if with_builder else None
    ours, by_lark = _loaded_both_ways(builder)
    callbacks, lark_callbacks = ours.parser.parser.parser.callbacks, by_lark.parser.parser.parser.callbacks
    assert len(callbacks) == 1 and len(lark_callbacks) == len(by_lark.rules) == len(ours.rules) > 200
    for rule, lark_rule in zip(ours.rules, by_lark.rules):
        made = callbacks[rule]
        assert callbacks[rule] is made  # (made once)
        assert _callback(made) == _callback(lark_callbacks[lark_rule]), _rule(rule)
    assert len(callbacks) == len(ours.rules)
    table = ours.parser.parser.parser.parse_table
    assert {id(arg) for acts in table.states.values() for a, arg in acts.values() if a.name == "Reduce"} <= {id(r) for r in callbacks}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d, m: m[0].update(extra=1), id="terminal-field"),
        pytest.param(lambda d, m: next(v for v in m.values() if "options" in v)["options"].update(doc=""), id="rule-option"),
        pytest.param(lambda d, m: d["parser"]["parser"].update(extra={}), id="table-field"),
        pytest.param(lambda d, m: next(iter(d["parser"]["parser"]["states"].values())).update({0: [2, 0]}), id="action"),
    ],
)
def test_a_layout_the_tables_do_not_know_is_refused(change) -> None:  # type: ignore[no-untyped-def]
    """Generating the tables under a Lark that serialises differently fails loudly
    rather than leaving a field out."""
    data, memo = build_document_parser(transformer=None).memo_serialize([TerminalDef, Rule])
    data["parser"]["lexer_conf"]["lexer_type"] = None
    data, memo = tables._plain(dict(data, options={})), tables._plain(memo)
    tables.compact(data, memo)  # (as it is: known)
    change(data, memo)
    with pytest.raises(ValueError, match="the tables know"):
        tables.compact(data, memo)


def test_the_automaton_check_sees_a_changed_grammar() -> None:
    """The check above can fail: the parser of a slightly different grammar is not the
    same automaton, while two builds of one grammar are."""
    text = tables._grammar_text(tables.DOCUMENT_GRAMMAR)
    assert "body_item: body_first | BLANK" in text
    # (source_path: cable.lark imports fields.lark's RELEASE_COUNTRIES from beside it)
    where = str(resources.files("cablelint").joinpath("grammar", tables.DOCUMENT_GRAMMAR))
    other = lark.Lark(text.replace("body_item: body_first | BLANK", "body_item: body_first"), parser="lalr", lexer=LineLexer, source_path=where)
    _same_automaton(build_document_parser(transformer=None), build_document_parser(transformer=None))
    with pytest.raises(AssertionError):
        _same_automaton(other, build_document_parser(transformer=None))


def test_the_field_patterns_are_the_grammar_ones() -> None:
    assert {n: p.pattern for n, p in all_fields().items()} == {n: p.pattern for n, p in build_field_patterns().items()}


@pytest.fixture
def shipped(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set what reading tables.marshal gives (bytes, or a function that raises) for one
    test; the cached tables are read anew before and after it."""

    def use(read) -> None:  # type: ignore[no-untyped-def]
        monkeypatch.setattr(tables, "_read_tables", read if callable(read) else lambda: read)
        tables._load.cache_clear()

    yield use
    monkeypatch.undo()
    tables._load.cache_clear()


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param(lambda t: {**t, "lark": "0.0.1"}, id="another-lark"),
        pytest.param(lambda t: {**t, "format": tables.FORMAT + 1}, id="another-format"),
        pytest.param(lambda t: {**t, "blake2b": {**t["blake2b"], "cable.lark": "0" * 64}}, id="grammar-edited"),
        pytest.param(lambda t: {k: v for k, v in t.items() if k != "blake2b"}, id="no-digests"),
    ],
)
def test_tables_that_no_longer_match_are_not_used(shipped, broken) -> None:  # type: ignore[no-untyped-def]
    shipped(tables.render(broken(_shipped())))
    assert tables._load() is None
    assert tables.document_data() is None and tables.field_patterns() is None


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\x00", marshal.dumps([]), marshal.dumps({"format": tables.FORMAT}), marshal.dumps("x"), SHIPPED.read_bytes()[:-1]],
)
def test_unreadable_tables_are_not_used(shipped, content: bytes) -> None:  # type: ignore[no-untyped-def]
    shipped(content)
    assert tables._load() is None


def test_tables_as_json_are_not_used(shipped) -> None:  # type: ignore[no-untyped-def]
    """The file of format 1 (JSON) is not read as the tables."""
    shipped(json.dumps({**_shipped(), "format": 1}, default=str).encode("utf-8"))
    assert tables._load() is None


def test_the_shipped_tables_are_plain_data() -> None:
    """Only dicts, lists, strings, numbers and None: nothing compiled, no code."""

    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, (str, int)) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or type(value) in (str, int, float, bool)

    assert plain(_shipped())


def test_missing_tables_are_not_used(shipped) -> None:  # type: ignore[no-untyped-def]
    def absent() -> str:
        raise FileNotFoundError(tables.TABLES)

    shipped(absent)
    assert tables._load() is None


_PARSE = (
    "import sys, json\n"
    "from cablelint.grammar import tables\n"
    "if sys.argv[1] == 'built':\n"
    "    tables._load = lambda: None\n"
    "from cablelint.grammar.parser import parse_text, _document\n"
    "from cablelint.serialize import cable_to_json\n"
    "from cablelint.linter.engine import lint_text\n"
    "text = open(sys.argv[2], encoding='utf-8').read()\n"
    "assert (tables.document_data() is None) == (sys.argv[1] == 'built')\n"
    "print(json.dumps(cable_to_json(parse_text(text)), sort_keys=True))\n"
    "print([repr(d) for d in lint_text(text, 'x')])\n"
)


def test_a_process_without_the_tables_reads_the_seed_the_same() -> None:
    """End to end, in fresh processes: the parser and field patterns built from the
    grammar files give the same model and the same diagnostics as the shipped ones."""
    if lark.__version__ != _recorded_lark():
        pytest.skip("another Lark version: both processes would build from the grammar")
    out = {
        how: subprocess.run([sys.executable, "-c", _PARSE, how, str(SEED)], capture_output=True, text=True, check=True).stdout
        for how in ("built", "loaded")
    }
    assert out["built"] == out["loaded"]
    assert '"reference_id": "09BAMAKO97"' in out["loaded"]


def test_a_grammar_file_s_digest_is_that_of_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """tables._digest hashes the file's bytes when they are its text's encoding (no
    carriage return), the text otherwise: a checkout with CRLF line breaks gives the
    digests the tables record."""
    from cablelint.files import blake2b

    texts = {name: tables._grammar_text(name) for name in (tables.DOCUMENT_GRAMMAR, tables.FIELD_GRAMMAR)}
    for name, text in texts.items():
        assert tables._digest(name) == blake2b(text.encode("utf-8"), digest_size=32).hexdigest()
    crlf = {f"grammar/{name}": text.replace("\n", "\r\n").encode("utf-8") for name, text in texts.items()}
    monkeypatch.setattr(tables, "package_bytes", crlf.__getitem__)
    monkeypatch.setattr(tables, "package_text", lambda name: crlf[name].decode("utf-8").replace("\r\n", "\n"))
    for name, text in texts.items():
        assert tables._digest(name) == blake2b(text.encode("utf-8"), digest_size=32).hexdigest()


_BUILD = "import sys\nfrom cablelint.grammar import tables\nsys.stdout.buffer.write(tables.render(tables.generate()))\n"


def test_every_build_writes_the_same_bytes() -> None:
    """Two builds under other hash seeds (Lark's sets iterate in another order, so it
    numbers the states otherwise) write the same file, byte for byte: the one
    committed, when this Lark made it."""
    built = [
        subprocess.run([sys.executable, "-c", _BUILD], capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]
    assert built[0] == built[1]
    assert marshal.loads(built[0])["document"]["states"] != {}
    if lark.__version__ == _recorded_lark():
        assert built[0] == SHIPPED.read_bytes()


def test_the_tables_render_to_the_same_bytes_whatever_holds_their_strings() -> None:
    """marshal writes a string once and refers back to it only when something else
    holds it too, and marks it interned as it is: the file does not follow that."""
    shipped = _shipped()
    again = json.loads(json.dumps(shipped))  # fresh strings, none interned, each held once
    again["document"] = {part: {int(k): v for k, v in held.items()} if part != "data" else held for part, held in again["document"].items()}
    assert again == shipped
    assert tables.render(again) == tables.render(shipped) == SHIPPED.read_bytes()
