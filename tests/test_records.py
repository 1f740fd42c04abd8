"""records.record's classes against the dataclass module's own frozen, slotted ones."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
import sys
from typing import Any, ClassVar, Optional

import pytest

from cablelint import model
from cablelint import records
from cablelint.grammar.source import Source, SourceLine
from cablelint.records import TWIN_FIELDS, record
from cablelint.span import Span

SPAN = Span(1, 1, 1, 2, 0, 1)


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: int
    b: str
    c: object
    d: tuple[int, ...] = ()
    e: bool = False


@record
class _Wide:
    a: int
    b: str
    c: object
    d: tuple[int, ...] = ()
    e: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class _PlainOne:
    a: Optional[float]


@record
class _One:
    a: Optional[float]


@dataclasses.dataclass(frozen=True, slots=True)
class _PlainPair:
    text: str
    span: Span


@record
class _Pair:
    """A text and its span."""

    text: str
    span: Span


def _as_plain(value: Any) -> Any:
    """The dataclass-made twin of a record object (same class name for the repr)."""
    plain = {_Wide: _Plain, _One: _PlainOne, _Pair: _PlainPair}[type(value)]
    return plain(*(getattr(value, f.name) for f in dataclasses.fields(value)))


CASES = [
    (_Wide(1, "x", SPAN, e=True), _Wide(1, "x", SPAN, (), True), _Wide(1, "x", SPAN)),
    (_One(1.5), _One(1.5), _One(None)),
    (_One(float("nan")), None, _One(0.0)),
    (_Pair("a", SPAN), _Pair("a", Span(1, 1, 1, 2, 0, 1)), _Pair("a", Span(1, 1, 1, 3, 0, 2))),
]


@pytest.mark.parametrize(("obj", "same", "other"), CASES)
def test_equality_hash_and_repr_are_the_dataclass_ones(obj: Any, same: Any, other: Any) -> None:
    plain = _as_plain(obj)
    assert repr(obj) == repr(plain).replace(type(plain).__qualname__, type(obj).__qualname__)
    assert hash(obj) == hash(plain)
    assert obj == obj and not obj != obj
    if same is not None:
        assert obj == same and hash(obj) == hash(same) and same is not obj
    assert obj != other and (obj == other) is (plain == _as_plain(other))
    # another class with the same fields is not equal, as with dataclasses
    assert obj != plain and (obj.__eq__(plain) is NotImplemented)


def test_the_nan_field_is_equal_by_identity_as_in_a_dataclass() -> None:
    nan = float("nan")
    assert _One(nan) == _One(nan) and _PlainOne(nan) == _PlainOne(nan)
    assert _One(float("nan")) != _One(float("nan"))


def test_a_record_is_a_frozen_slotted_dataclass() -> None:
    w = _Wide(1, "x", SPAN)
    assert dataclasses.is_dataclass(w) and [f.name for f in dataclasses.fields(_Wide)] == list("abcde")
    assert getattr(_Wide, "__slots__") == getattr(_Plain, "__slots__") and not hasattr(w, "__dict__")
    assert _Wide.__match_args__ == ("a", "b", "c", "d", "e")
    assert dataclasses.replace(w, a=2) == _Wide(2, "x", SPAN)
    assert dataclasses.asdict(_Pair("a", SPAN)) == {"text": "a", "span": SPAN}
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'a'"):
        w.a = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'z'"):
        w.z = 3  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'a'"):
        del w.a
    assert w.a == 1
    with pytest.raises(TypeError):
        _Wide(1, "x")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Wide(1, "x", SPAN, f=2)  # type: ignore[call-arg]
    match w:
        case _Wide(1, "x", c):
            assert c is SPAN
        case _:
            pytest.fail("no match")


def test_the_docstring_is_kept_or_names_the_fields() -> None:
    assert _Pair.__doc__ == "A text and its span."
    assert _One.__doc__ == "_One(a)"


def test_pickling_and_copying_give_an_equal_record() -> None:
    for obj in (_Wide(1, "x", SPAN, e=True), _One(2.0), _Pair("a", SPAN)):
        assert pickle.loads(pickle.dumps(obj)) == obj and copy.copy(obj) == obj and copy.deepcopy(obj) == obj


def test_a_wide_record_is_built_through_the_twin_as_the_dataclass_builds_it() -> None:
    assert len(dataclasses.fields(_Wide)) >= TWIN_FIELDS
    w = _Wide(1, "x", SPAN, e=True)
    assert type(w) is _Wide and (w.a, w.b, w.c, w.d, w.e) == (1, "x", SPAN, (), True)
    assert type(_Wide(a=1, b="x", c=SPAN)) is _Wide


class _Sub(_Wide):
    __slots__ = ("extra",)
    extra: int


def test_a_subclass_object_keeps_its_class_and_may_set_its_own_attributes() -> None:
    s = _Sub(1, "x", SPAN)
    assert type(s) is _Sub and (s.a, s.b, s.c, s.d, s.e) == (1, "x", SPAN, (), False)
    s.extra = 4
    assert s.extra == 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.a = 2  # type: ignore[misc]


def test_what_a_record_may_not_hold_is_refused() -> None:
    with pytest.raises(TypeError, match="defines __eq__"):

        @record
        class _OwnEq:
            a: int

            def __eq__(self, other: object) -> bool:
                return True

    with pytest.raises(TypeError, match="a default, a default_factory, repr and compare only"):

        @record
        class _Hidden:
            a: list[int] = dataclasses.field(default_factory=list, init=False)

    with pytest.raises(TypeError, match="a default, a default_factory, repr and compare only"):

        @record
        class _Hashed:
            a: int = dataclasses.field(default=0, hash=True)

    with pytest.raises(TypeError, match="base may not have fields"):

        @record
        class _Derived(_Pair):
            more: int = 0


@dataclasses.dataclass(frozen=True)
class _PlainFactory:
    a: int
    b: list[int] = dataclasses.field(default_factory=list)
    c: dict[str, int] = dataclasses.field(default_factory=dict)


@record
class _TwoFactories:  # (filled through the descriptors)
    a: int
    b: list[int] = dataclasses.field(default_factory=list)
    c: dict[str, int] = dataclasses.field(default_factory=dict)


@record
class _WideFactory:  # (through the twin)
    a: int
    b: list[int] = dataclasses.field(default_factory=list)
    c: str = "c"
    d: dict[str, int] = dataclasses.field(default_factory=dict)


def test_a_default_factory_makes_a_new_value_per_record() -> None:
    for cls in (_TwoFactories, _WideFactory):
        one, two = cls(1), cls(1)
        assert one.b == [] and one.b is not two.b and one == two
        given: list[int] = [3]
        assert cls(1, given).b is given and cls(a=1, b=given) == cls(1, [3])
    assert repr(_TwoFactories(1)) == repr(_PlainFactory(1)).replace("_PlainFactory", "_TwoFactories")
    assert repr(_WideFactory(2, [1], d={"x": 1})) == "_WideFactory(a=2, b=[1], c='c', d={'x': 1})"
    assert [f.name for f in dataclasses.fields(_WideFactory) if f.default_factory is not dataclasses.MISSING] == ["b", "d"]
    assert dataclasses.replace(_WideFactory(1, [2]), c="z") == _WideFactory(1, [2], "z")
    assert pickle.loads(pickle.dumps(_WideFactory(1, [2], d={"k": 3}))) == _WideFactory(1, [2], d={"k": 3})


def test_cable_is_a_record_with_its_extra_dict() -> None:
    cable = model.Cable("telegram", (), Span(1, 1, 1, 1, 0, 0))
    assert cable.extra == {} and cable.extra is not model.Cable("telegram", (), cable.end_span).extra
    assert not hasattr(cable, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cable.dialect = "draft"  # type: ignore[misc]


@pytest.mark.parametrize("cls", [model.Paragraph, model.Citation, model.BlockMarker, model.Text, model.Addressee])
def test_model_records_hold_what_they_were_given(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = {f.name: (f.name, k) for k, f in enumerate(fields)}
    built = cls(**values)
    assert type(built) is cls and all(getattr(built, name) == value for name, value in values.items())
    # (a field left out of equality, a paragraph's redaction reader, is out of the hash)
    assert built == cls(**values) and hash(built) == hash(tuple(values[f.name] for f in fields if f.compare))


def _field_list(cls: type) -> list[tuple[Any, ...]]:
    return [
        (f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.hash, f.compare, dict(f.metadata), f.kw_only, f._field_type)  # type: ignore[attr-defined]
        for f in getattr(cls, "__dataclass_fields__").values()
    ]


def _unmade(cls: type) -> type:
    """A plain class with what the record *cls* was written with: its annotations, defaults
    and default factories, docstring and methods."""
    body: dict[str, Any] = {"__annotations__": {}, "__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__}
    for f in dataclasses.fields(cls):
        body["__annotations__"][f.name] = f.type
        if not (f.repr and f.compare):
            body[f.name] = dataclasses.field(default=f.default, default_factory=f.default_factory, repr=f.repr, compare=f.compare)  # type: ignore[call-overload]
        elif f.default_factory is not dataclasses.MISSING:
            body[f.name] = dataclasses.field(default_factory=f.default_factory)
        elif f.default is not dataclasses.MISSING:
            body[f.name] = f.default
    return type(cls.__name__, (), body)


def _check_records() -> list[type]:
    # what a check imports (and the source lines, records.slotted's)
    for name in ("cablelint.cli", "cablelint.cli_check", "cablelint.linter.runner", "cablelint.grammar.source"):
        importlib.import_module(name)

    found = {
        value
        for name, module in list(sys.modules.items())
        if name.startswith("cablelint")
        for value in list(vars(module).values())
        if isinstance(value, type) and value.__dict__.get("__dataclass_params__") is records._PARAMS
    }
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def test_every_record_is_made_as_the_dataclass_module_makes_it() -> None:
    """records._slotted makes the fields, parameters, __match_args__ and slots that
    dataclasses.dataclass(init=False, repr=False, eq=False, slots=True) makes, for
    every record a check imports (the model's, the configuration's, the report's)."""
    made = _check_records()
    assert model.Cable in made and model.Paragraph in made and SourceLine in made and Source in made and len(made) >= 30
    for cls in made:
        ours = records._slotted(_unmade(cls))
        assert ours is not None, cls
        theirs = dataclasses.dataclass(_unmade(cls), init=False, repr=False, eq=False, slots=True)
        assert _field_list(ours) == _field_list(theirs) == _field_list(cls), cls
        for name in ("__slots__", "__match_args__", "__qualname__", "__module__", "__doc__"):
            assert getattr(ours, name) == getattr(theirs, name), (cls, name)
        assert repr(ours.__dataclass_params__) == repr(theirs.__dataclass_params__)  # type: ignore[attr-defined]
        assert set(vars(ours)) == set(vars(theirs)), cls


class _Kinds:
    tag: ClassVar[str] = "x"


def test_a_field_that_is_not_plain_is_left_to_the_dataclass_module() -> None:
    """A ClassVar (or an InitVar, KW_ONLY, a base with slots) is read by dataclasses:
    the record is the same, only made the slower way."""

    @record
    class _WithClassVar:
        kind: ClassVar[str] = "k"
        a: int
        b: tuple[int, ...] = ()

    assert [f.name for f in dataclasses.fields(_WithClassVar)] == ["a", "b"] and _WithClassVar.kind == "k"
    assert _WithClassVar(1) == _WithClassVar(1, ()) and repr(_WithClassVar(2)) == "test_a_field_that_is_not_plain_is_left_to_the_dataclass_module.<locals>._WithClassVar(a=2, b=())"

    class _Plain:
        kind: ClassVar[str] = "k"
        a: int

    assert records._slotted(_Plain) is None

    class _Slotted:
        __slots__ = ()

    class _OnSlots(_Slotted):
        a: int

    assert records._slotted(_OnSlots) is None


def test_a_mutable_default_is_refused_as_dataclasses_refuses_it() -> None:
    with pytest.raises(ValueError, match="mutable default <class 'list'> for field a is not allowed: use default_factory"):

        @record
        class _Listed:
            a: list[int] = []  # noqa: RUF012


@dataclasses.dataclass(frozen=True)
class _PlainMemo:
    path: str
    size: int = 0
    memo: dict[str, int] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    note: str = dataclasses.field(default="", repr=False)


@record
class _Memo:
    path: str
    size: int = 0
    memo: dict[str, int] = dataclasses.field(default_factory=dict, repr=False, compare=False)
    note: str = dataclasses.field(default="", repr=False)


def test_a_field_left_out_of_repr_and_comparison_as_the_dataclass_leaves_it() -> None:
    """repr=False leaves a field out of the repr, compare=False out of equality and the
    hash, as in the frozen dataclass (Context's memo)."""
    a, b = _Memo("p", 1, {"x": 1}, "one"), _Memo("p", 1, {}, "two")
    pa, pb = _PlainMemo("p", 1, {"x": 1}, "one"), _PlainMemo("p", 1, {}, "two")
    assert repr(a).replace("_Memo", "_PlainMemo") == repr(pa) == "_PlainMemo(path='p', size=1)"
    assert (a == b) == (pa == pb) is False  # (note is compared)
    c, pc = _Memo("p", 1, {"y": 2}, "one"), _PlainMemo("p", 1, {"y": 2}, "one")
    assert (a == c) == (pa == pc) is True and hash(a) == hash(c) and hash(pa) == hash(pc)
    assert _Memo("q").memo == {} and _Memo("q").memo is not _Memo("q").memo
    assert [f.name for f in dataclasses.fields(_Memo) if not f.compare] == ["memo"]
    assert pickle.loads(pickle.dumps(a)).memo == {"x": 1}
