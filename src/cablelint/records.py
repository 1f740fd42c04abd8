"""A quicker constructor for frozen, slotted dataclasses.

The parser builds spans, texts and the other frozen records by the thousand for every
cable. A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__(self, name, value)``, which looks the field up by name every
time; :func:`fast_init` gives the class an ``__init__`` with the same parameters and
defaults that stores through the slots' own descriptors instead (about twice as fast).
Equality, hashing, ``repr``, ``replace`` and pickling are the dataclass's own, and
assigning to a field still raises ``FrozenInstanceError``.

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
from typing import Any, TypeVar

T = TypeVar("T")

# Records of this many fields or more are filled through a twin class (see above).
TWIN_FIELDS = 4
_CLASS = object.__dict__["__class__"]  # the descriptor of ``obj.__class__``


def fast_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of the frozen, slotted dataclass *cls* (returns *cls*)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__")
    names: dict[str, Any] = {}
    params_src: list[str] = []
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    for f in fields:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields and plain defaults")
        if f.default is dataclasses.MISSING:
            params_src.append(f.name)
        else:
            names[f"_default_{f.name}"] = f.default
            params_src.append(f"{f.name}=_default_{f.name}")
    names.update((f"_set_{f.name}", cls.__dict__[f.name].__set__) for f in fields)
    body = [f"_set_{f.name}(self, {f.name})" for f in fields] or ["pass"]
    if len(fields) >= TWIN_FIELDS:
        # through the twin; a subclass's object, which may not be turned into the twin,
        # through the descriptors
        names.update(_cls=cls, _twin=type(f"{cls.__name__}Twin", (), {"__slots__": cls.__dict__["__slots__"]}), _turn=_CLASS.__set__)
        stores = [f"self.{f.name} = {f.name}" for f in fields]
        body = ["if type(self) is not _cls:", *(f"    {line}" for line in body), "    return", "_turn(self, _twin)", *stores, "self.__class__ = _cls"]
    source = f"def __init__(self, {', '.join(params_src)}):\n" + "".join(f"    {line}\n" for line in body)
    exec(source, names)  # noqa: S102 - built from the dataclass's own field names
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    setattr(cls, "__init__", init)  # (an assignment to a method, which mypy refuses)
    return cls
