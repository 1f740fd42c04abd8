"""records.fast_init's constructors against the dataclass's own."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from cablelint import model
from cablelint.records import TWIN_FIELDS, fast_init
from cablelint.span import Span

SPAN = Span(1, 1, 1, 2, 0, 1)


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    a: int
    b: str
    c: object
    d: tuple[int, ...] = ()
    e: bool = False


@fast_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Wide:
    a: int
    b: str
    c: object
    d: tuple[int, ...] = ()
    e: bool = False


def test_a_wide_record_is_built_through_the_twin_as_the_dataclass_builds_it() -> None:
    assert len(dataclasses.fields(_Wide)) >= TWIN_FIELDS
    w = _Wide(1, "x", SPAN, e=True)
    assert type(w) is _Wide and repr(w) == repr(_Plain(1, "x", SPAN, e=True)).replace("_Plain", "_Wide")
    assert w == _Wide(1, "x", SPAN, (), True) and hash(w) == hash(_Wide(1, "x", SPAN, (), True))
    assert pickle.loads(pickle.dumps(w)) == w and copy.copy(w) == w
    assert dataclasses.replace(w, a=2) == _Wide(2, "x", SPAN, (), True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.a = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        _Wide(1, "x")  # type: ignore[call-arg]


class _Sub(_Wide):
    __slots__ = ("extra",)


def test_a_subclass_object_keeps_its_class() -> None:
    s = _Sub(1, "x", SPAN)
    assert type(s) is _Sub and (s.a, s.b, s.c, s.d, s.e) == (1, "x", SPAN, (), False)


@pytest.mark.parametrize("cls", [model.Paragraph, model.Citation, model.BlockMarker, model.Text, model.Addressee])
def test_model_records_hold_what_they_were_given(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = {f.name: (f.name, k) for k, f in enumerate(fields)}
    built = cls(**values)
    assert type(built) is cls and all(getattr(built, name) == value for name, value in values.items())
