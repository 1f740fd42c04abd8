"""Frozen, slotted records made cheaply, with a quicker constructor.

:func:`record` is the model's ``@dataclass(frozen=True, slots=True)`` (and that of the
other frozen records made at every start: the configuration, the loaded file, the
report's settings, the check's options). Both give the
same class: the same slots, ``__init__`` parameters and defaults, ``__match_args__``,
equality, hash, ``repr`` and pickling, ``FrozenInstanceError`` on assigning to a field,
and ``dataclasses.fields``, ``replace`` and ``asdict`` work on it (it *is* a dataclass:
``dataclasses.dataclass`` makes its fields and slots; its ``__dataclass_params__``
read ``init``, ``repr``, ``eq`` and ``frozen`` false, as this module writes those
methods itself). What differs is the cost of
making the class, which a one-file ``cablelint check`` pays for some thirty records at
every start: the dataclass module writes out six methods for each class as source text
and compiles each with ``exec``, about a million instructions a class. Here equality,
hash, ``repr`` and the frozen ``__setattr__``/``__delattr__`` are closures over the
class's field names (no compiling), and a record's constructor is compiled the first
time it is called (a run that never makes a record does not compile its constructor),
from source whose code object compiled.py keeps for the next process.

The constructor is the one that has to be fast: the parser builds spans, texts and
the other records by the thousand for every cable. A frozen dataclass's generated
``__init__`` sets each field through ``object.__setattr__(self, name, value)``, which
looks the field up by name every time; this one stores through the slots' own
descriptors instead (about twice as fast).

A descriptor's ``__set__`` is still a call through a method wrapper, several hundred
instructions a field. So a record of :data:`TWIN_FIELDS` fields or more is filled
through a twin: a plain class with the same slots, which the interpreter stores into
with its own quick attribute store. ``__init__`` turns the new object into the twin,
stores its fields and turns it back (``__class__`` may be assigned between two classes
that lay their slots out alike). Each turn costs about what two descriptor calls do:
a Paragraph (18 fields) is made in about a third of the instructions.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar, cast

from cablelint import compiled

if TYPE_CHECKING:  # (typing has it from Python 3.11; mypy checks for 3.10)
    from typing_extensions import dataclass_transform
else:
    try:
        from typing import dataclass_transform
    except ImportError:  # Python 3.10: a marker for type checkers only

        def dataclass_transform(**kwargs: Any) -> Callable[[T], T]:
            return lambda f: f


T = TypeVar("T")

# Records of this many fields or more are filled through a twin class (see above).
TWIN_FIELDS = 4
_CLASS = object.__dict__["__class__"]  # the descriptor of ``obj.__class__``
# What the decorator writes; a record's own body may not define them.
_MADE = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__getstate__", "__setstate__", "__post_init__")
_PLACEHOLDER_DOC = "(a record)"
_MADE_BY_FACTORY = object()  # a constructor's default for a field with a default_factory


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(cls: type[T]) -> type[T]:
    """Make *cls* a frozen, slotted dataclass, as ``@dataclass(frozen=True, slots=True)``
    does, with the quicker constructor (see the module's docstring). A field may have
    a default or ``field(default_factory=...)``, and ``repr=False`` or
    ``compare=False`` (left out of the ``repr``, or of equality and the hash), nothing
    else of ``field``'s; the class may have no base with fields."""
    own = cls.__dict__
    for name in _MADE:
        if name in own and not (name == "__hash__" and own[name] is None):
            raise TypeError(f"{cls.__name__} defines {name}, which @record makes")
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__name__}: a record's base may not have fields")
    doc = own.get("__doc__")
    if not doc:  # (else dataclass would work a docstring out of the signature)
        setattr(cls, "__doc__", _PLACEHOLDER_DOC)
    # Fields, __match_args__ and the slotted class; nothing compiled.
    made: type[T] = _slotted(cls) or dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    for f in fields:
        if not (f.init and f.hash is None and not f.kw_only):
            raise TypeError(f"{cls.__name__}.{f.name}: a record's fields take a default, a default_factory, repr and compare only")
    names = tuple(f.name for f in fields)
    if not doc:
        setattr(made, "__doc__", f"{cls.__name__}({', '.join(names)})")
    compared = tuple(f.name for f in fields if f.compare)
    shown = tuple(f.name for f in fields if f.repr)
    for name, method in _methods(made, names, compared, shown).items():
        setattr(made, name, method)
    return made


def slotted(cls: type[T]) -> type[T]:
    """Make *cls* a slotted dataclass whose methods the class writes itself, as
    ``@dataclass(init=False, repr=False, eq=False, slots=True)`` does (the same fields,
    parameters, ``__match_args__`` and slots; ``dataclasses.fields`` and ``replace``
    work on it), for a mutable class made at every start: the dataclass module
    compiles a constructor, ``repr`` and equality for a plain ``@dataclass`` (about two
    million instructions a class); here nothing is compiled, and the class's own
    ``__init__``, ``__eq__`` and ``__repr__`` (and ``__hash__ = None`` to keep it
    unhashable, as a dataclass compared by value is) stand for them."""
    return _slotted(cls) or dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)


@dataclasses.dataclass(init=False, repr=False, eq=False, slots=True)
class _Made:
    """What ``dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)``
    makes, for what every record shares with such a class: its parameters and the mark
    by which ``dataclasses.fields`` knows a field from a ClassVar or an InitVar."""

    field: int


_PARAMS = _Made.__dataclass_params__  # type: ignore[attr-defined]
_FIELD = dataclasses.fields(_Made)[0]._field_type  # type: ignore[attr-defined]
# Annotations that make no field, or not a plain one: such a class goes to dataclasses.
_SPECIAL = ("ClassVar", "InitVar", "KW_ONLY")


def _slotted(cls: type[T]) -> Optional[type[T]]:
    """What ``dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)``
    makes of *cls* (the same fields, parameters, ``__match_args__`` and slots;
    tests/test_records.py compares the two for every record), without its work on each
    field: it reads a string annotation with regular expressions, twice, to tell a
    ClassVar from a field, about half a million instructions a record at every start.
    None, for dataclasses to make it, when a field is not a plain one: an annotation
    that names ClassVar, InitVar or KW_ONLY or is not a string (without ``from
    __future__ import annotations``), a base with slots."""
    own = cls.__dict__
    annotations = own.get("__annotations__", {})
    if any(not isinstance(a, str) or any(word in a for word in _SPECIAL) for a in annotations.values()):
        return None
    if any("__slots__" in base.__dict__ for base in cls.__mro__[1:-1]) or "__slots__" in own:
        return None
    fields: dict[str, dataclasses.Field[Any]] = {}
    for name, annotation in annotations.items():
        default = own.get(name, dataclasses.MISSING)
        if isinstance(default, dataclasses.Field):
            made = default
        else:
            if type(default).__hash__ is None:  # (as dataclasses refuses a list, dict or set)
                raise ValueError(f"mutable default {type(default)} for field {name} is not allowed: use default_factory")
            made = dataclasses.field(default=default)
        made.name, made.type, made._field_type = name, annotation, _FIELD  # type: ignore[attr-defined]
        if made.kw_only is dataclasses.MISSING:  # (the class's own default: not keyword-only)
            made.kw_only = False
        fields[name] = made
    names = tuple(fields)
    body = {key: value for key, value in own.items() if key not in fields and key != "__dict__" and key != "__weakref__"}
    body.update(__slots__=names, __dataclass_fields__=fields, __dataclass_params__=_PARAMS)
    body.setdefault("__match_args__", names)
    metaclass: Any = type(cls)
    made_cls = metaclass(cls.__name__, cls.__bases__, body)
    made_cls.__qualname__ = cls.__qualname__
    return cast("type[T]", made_cls)


def _methods(cls: type, names: tuple[str, ...], compared: tuple[str, ...], shown: tuple[str, ...]) -> dict[str, Callable[..., Any]]:
    """What the dataclass module would compile for a frozen dataclass with fields
    *names*, as closures: the same results (equality and hash over the tuple of the
    values of the fields *compared*, ``repr`` of those *shown*: a field with
    ``field(repr=False, compare=False)`` is in neither), no compiling."""
    values = _values(names)
    compared_values = values if compared == names else _values(compared)
    shown_values = values if shown == names else _values(shown)

    fieldset = frozenset(names)
    frozen_error = dataclasses.FrozenInstanceError
    # what ``super(cls, self)`` finds (the class itself may not define them)
    base = cls.__mro__[1]
    next_setattr, next_delattr = getattr(base, "__setattr__"), getattr(base, "__delattr__")

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        # the first call: compile the constructor, which takes this one's place
        init = _make_init(cls, names)
        setattr(cls, "__init__", init)  # (an assignment to a method, which mypy refuses)
        init(self, *args, **kwargs)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared_values(self) == compared_values(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(compared_values(self))

    def __repr__(self: Any) -> str:
        fields = ", ".join([f"{name}={value!r}" for name, value in zip(shown, shown_values(self))])
        return f"{self.__class__.__qualname__}({fields})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in fieldset:
            raise frozen_error(f"cannot assign to field {name!r}")
        next_setattr(self, name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in fieldset:
            raise frozen_error(f"cannot delete field {name!r}")
        next_delattr(self, name)

    def __getstate__(self: Any) -> list[Any]:
        return list(values(self))

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    made: dict[str, Callable[..., Any]] = {
        "__init__": __init__,
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__repr__": __repr__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }
    for name, method in made.items():
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        method.__module__ = cls.__module__
    return made


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function of a record: the tuple of the values of its fields *names*."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])

        def values(obj: Any) -> tuple[Any, ...]:
            return (one(obj),)

    else:

        def values(obj: Any) -> tuple[Any, ...]:
            return ()

    return values


def _make_init(cls: type, names: tuple[str, ...]) -> Callable[..., None]:
    """Compile *cls*'s constructor (see the module's docstring), with the parameters and
    defaults of its fields *names*."""
    fields = dataclasses.fields(cls)
    scope: dict[str, Any] = {}
    params: list[str] = []
    made: list[str] = []  # what the fields' default factories make for a call that omits them
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            scope.update(_made=_MADE_BY_FACTORY, **{f"_factory_{f.name}": f.default_factory})
            params.append(f"{f.name}=_made")
            made.append(f"if {f.name} is _made: {f.name} = _factory_{f.name}()")
        elif f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    args = ", ".join(names)
    if len(names) >= TWIN_FIELDS:
        # through the twin; a subclass's object, which may not be turned into the twin,
        # through the descriptors
        twin = type(f"{cls.__name__}Twin", (), {"__slots__": cls.__dict__["__slots__"]})
        scope.update(_cls=cls, _twin=twin, _turn=_CLASS.__set__, _through_slots=_through_slots)
        body = [f"if type(self) is not _cls: return _through_slots(self, _cls, ({args},))", "_turn(self, _twin)"]
        body += [f"self.{name} = {name}" for name in names]
        body.append("self.__class__ = _cls")
    else:
        scope.update((f"_set_{name}", cls.__dict__[name].__set__) for name in names)
        body = [f"_set_{name}(self, {name})" for name in names] or ["pass"]
    body = made + body
    source = f"def __init__(self, {', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body)
    exec(compiled.code(source, f"<record {cls.__qualname__}>"), scope)  # noqa: S102 - built from the record's own field names
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    return init


def _through_slots(obj: Any, cls: type, values: tuple[Any, ...]) -> None:
    """Fill the fields of *obj*, an object of a subclass of the record *cls*, through
    the slots' descriptors."""
    for f, value in zip(dataclasses.fields(cls), values):
        cls.__dict__[f.name].__set__(obj, value)
