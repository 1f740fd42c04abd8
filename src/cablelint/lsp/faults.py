"""What is wrong with a message a client sent, in the protocol's terms: each field
at fault named as the protocol names it (``textDocument``, not lsprotocol's
``text_document``), with what the protocol allows there and the value sent; and
the converter that reads the messages, which takes a value of the protocol's type
only (cattrs's would read ``null`` as the string ``"None"``, a string as a list of
its characters)."""

from __future__ import annotations

import json
import types
from collections.abc import Mapping, MutableSequence, Sequence
from enum import Enum
from typing import Any, Callable, Literal, Optional, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from lsprotocol import validators
from lsprotocol.types import LSPObject
from pygls.protocol import default_converter

_MISSING = object()  # a field the message does not hold
_SHOWN = 60  # the most characters of a value a message quotes


def protocol_name(name: str) -> str:
    """lsprotocol's field *name* as the protocol spells it (``text_document``:
    ``textDocument``; ``from_``: ``from``), as lsprotocol's converter renames it."""
    first, *rest = name.removesuffix("_").split("_")
    return first + "".join(part.title() for part in rest)


Step = Union[str, int]  # a field's name, or an item's index in a list


@attrs.frozen
class Fault:
    """One field at fault in a message: its path from the message
    (``("params", "textDocument", "text")``), what the protocol allows there
    (None: a required field is missing) and the value sent; and the deepest part
    of that path the message could do without (an optional field, a field that
    may be null, or an item of a list; ``()``: none)."""

    steps: tuple[Step, ...]
    allowed: Optional[str]
    value: object = None
    removable: tuple[Step, ...] = ()
    nullable: bool = False  # the part that can go is a required field that may be null

    def __str__(self) -> str:
        where = "message" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in self.steps)
        if self.allowed is None:
            return f"required field missing @ {where}"
        return f"expected {self.allowed}, got {_shown(self.value)} @ {where}"


def faults(exc: Exception, data: object, kind: Any = None) -> list[Fault]:
    """The fields at fault in the message *data*, said in our words: the field's
    path, what the protocol allows there (from its type) and the value sent; never
    the wording of cattrs's or lsprotocol's errors, which changes between versions."""
    cause = exc.__cause__
    if isinstance(cause, (ClassValidationError, IterableValidationError)):
        return _faults(cause, data, (), ((), False))
    return [Fault((), expected(kind) if kind is not None else "a message of the method's", data)]


_Removable = tuple[tuple[Step, ...], bool]  # a Fault's removable and nullable


def _faults(exc: BaseException, value: object, steps: tuple[Step, ...], removable: _Removable) -> list[Fault]:
    """The fields at fault in *value*, the part of the message at *steps* (the
    deepest part of it that can be left out: *removable*), which cattrs's *exc*
    (a ClassValidationError or an IterableValidationError) turned down."""
    if isinstance(exc, ClassValidationError) and not isinstance(value, Mapping):
        # not an object at all: said once, not once for each field it lacks
        return [Fault(steps, expected(exc.cl), value, *removable)]
    assert isinstance(exc, (ClassValidationError, IterableValidationError))
    out: list[Fault] = []
    with_notes, without = exc.group_exceptions()
    for inner, note in with_notes:
        if isinstance(note, IterableValidationNote):
            step: Step = note.index
            held, optional = _item(value, note.index), True  # an item can be left out
        else:
            step = protocol_name(note.name)
            held = value.get(step, _MISSING) if isinstance(value, Mapping) else _MISSING
            optional = isinstance(exc, ClassValidationError) and _optional(exc.cl, note.name)
        here = steps + (step,)
        nullable = not optional and type(None) in get_args(note.type)
        mine = (here, nullable) if optional or nullable else removable
        if held is _MISSING:  # required, and not sent: the part holding it goes
            out.append(Fault(here, None, None, *removable))
        elif isinstance(inner, (ClassValidationError, IterableValidationError)):
            out.extend(_faults(inner, held, here, mine))
        else:
            out.append(Fault(here, expected(note.type), held, *mine))
    if without:
        out.extend(_unchecked(exc, value, steps, removable))
    return out


def _unchecked(exc: BaseException, value: object, steps: tuple[Step, ...], removable: _Removable) -> list[Fault]:
    """The faults cattrs noted of no field: those of lsprotocol's checks as an
    object is made, of an integer's range (a Position's line: 0 to 2^31-1, a
    version: -2^31 to 2^31-1); found again here, from each field's check."""
    out = []
    kind = getattr(exc, "cl", None)
    if isinstance(kind, type) and attrs.has(kind) and isinstance(value, Mapping):
        for f in attrs.fields(kind):
            bounds = next((b for check, b in _BOUNDS if f.validator is check), None)
            name = protocol_name(f.name)
            held = value.get(name)
            if bounds is not None and isinstance(held, int) and not bounds[0] <= held <= bounds[1]:
                where = steps + (name,)
                out.append(Fault(where, f"an integer from {bounds[0]} to {bounds[1]}", held, *((where, False) if _optional(kind, f.name) else removable)))
    return out or [Fault(steps, expected(kind) if kind is not None else "a value of the protocol's", value, *removable)]


# lsprotocol's checks of an integer's range, and the range each allows
_BOUNDS: tuple[tuple[object, tuple[int, int]], ...] = (
    (validators.integer_validator, (validators.INTEGER_MIN_VALUE, validators.INTEGER_MAX_VALUE)),
    (validators.uinteger_validator, (validators.UINTEGER_MIN_VALUE, validators.UINTEGER_MAX_VALUE)),
)


def _optional(kind: Any, name: str) -> bool:
    """Whether the field *name* of lsprotocol's class *kind* may be left out."""
    field = attrs.fields_dict(kind).get(name) if isinstance(kind, type) and attrs.has(kind) else None
    return field is not None and field.default is not attrs.NOTHING


def _item(value: object, index: object) -> object:
    if isinstance(value, list) and isinstance(index, int) and 0 <= index < len(value):
        return value[index]
    return _MISSING


def expected(kind: Any) -> str:
    """What the protocol allows for a field of lsprotocol's type *kind*, in its terms."""
    return _either(_choices(kind))


def _choices(kind: Any) -> list[str]:
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        out: list[str] = []
        for arg in get_args(kind):
            if arg is not type(None):
                out += [c for c in _choices(arg) if c not in out]
        return out + ["null"] if type(None) in get_args(kind) else out
    if origin is Literal:
        return [_shown(arg) for arg in get_args(kind)]
    if isinstance(kind, type) and issubclass(kind, Enum):
        # an integer's name says what it means; a string is its own name
        return [_shown(m.value) if isinstance(m.value, str) else f"{_shown(m.value)} ({m.name.removesuffix('_')})" for m in kind]
    if kind is bool:
        return ["true", "false"]
    simple = {int: "an integer", float: "a number", str: "a string", type(None): "null"}
    if kind in simple:
        return [simple[kind]]
    if kind is Any:
        return ["any value"]
    if _is_list(kind) or origin is tuple:
        return ["a list"]
    if kind is LSPObject or origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return ["an object"]
    if isinstance(kind, type) and attrs.has(kind):
        required = [protocol_name(f.name) for f in attrs.fields(kind) if f.default is attrs.NOTHING]
        return [f"an object with {_either(required, 'and')}" if required else "an object"]
    return ["a value of the protocol's type " + getattr(kind, "__name__", repr(kind))]


def _either(choices: list[str], word: str = "or") -> str:
    """*choices* as a sentence says them: ``a, b or c``; with a comma before the
    last when a choice has its own ``and`` (``an object with range and text, or
    an object with text``)."""
    if len(choices) < 2:
        return "".join(choices)
    last = f", {word} " if any(" and " in c for c in choices) else f" {word} "
    return ", ".join(choices[:-1]) + last + choices[-1]


def _shown(value: object) -> str:
    """*value* as JSON, cut short."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def converter() -> Converter:
    """pygls's converter, which takes only a value of the protocol's type: a string
    for a string (cattrs would make ``null`` the string ``"None"`` and ``7`` the
    string ``"7"``: a didOpen's ``"text": null`` was linted as the text "None"), an
    integer for an integer (not ``"3"``, ``2.5`` or ``true``), true or false for a
    boolean (not ``"yes"``); one of them where the protocol allows either (an id, a
    diagnostic's code: lsprotocol passes anything there); and a list for a list
    (cattrs reads a string as the list of its characters and an object as the list
    of its keys: ``"only": "quickfix"`` was ``["q", "u", ...]``). The lists are read
    here, each item with cattrs's note of its index, as cattrs reads them (its own
    factories for them differ from one version to the next)."""
    made: Converter = default_converter()  # type: ignore[no-untyped-call]

    def listed(kind: Any) -> Callable[[Any, Any], Any]:
        item = get_args(kind)[0] if get_args(kind) else Any
        keep = list if get_origin(kind) in (list, MutableSequence) else tuple

        def structure(value: Any, _: Any) -> Any:
            if isinstance(value, (str, bytes, Mapping)):
                raise TypeError(f"expected a list, got {type(value).__name__}")
            out, errors = [], []
            for index, one in enumerate(value):
                try:
                    out.append(made.structure(one, item))
                except Exception as exc:
                    note = IterableValidationNote(f"Structuring {kind} @ index {index}", index, item)
                    setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # as cattrs notes it (add_note: 3.11)
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {kind!r}", errors, kind)
            return keep(out)

        return structure

    def plain(kind: Any) -> Callable[[Any, Any], Any]:
        # the types of JSON's values taken (true is no integer; an integer is a number)
        taken = frozenset(t for one in (get_args(kind) if _is_scalars(kind) else (kind,)) for t in ((int, float) if one is float else (one,)))

        def structure(value: Any, cl: Any) -> Any:
            if type(value) in taken:
                if cl is not kind and isinstance(cl, type) and issubclass(cl, Enum):  # of integers or strings, as cattrs reads it
                    return cl(value)
                return float(value) if kind is float else value
            raise TypeError(f"expected {expected(cl)}")  # said from the type (faults)

        return structure

    made.register_structure_hook_factory(_is_list, listed)
    made.register_structure_hook_factory(_is_scalars, plain)
    for kind in _SCALARS[:4]:  # the classes: cattrs finds their hooks before any factory
        made.register_structure_hook(kind, plain(kind))
    return made


_SCALARS = (str, int, float, bool, type(None))


def _is_scalars(kind: Any) -> bool:
    """Whether *kind* is a union of JSON's plain types alone (``int | str``)."""
    return get_origin(kind) in (Union, types.UnionType) and all(arg in _SCALARS for arg in get_args(kind))


def _is_list(kind: Any) -> bool:
    """Whether lsprotocol's type *kind* is a list of the protocol's (an array)."""
    origin, args = get_origin(kind), get_args(kind)
    return origin in (list, Sequence, MutableSequence) or origin is tuple and len(args) == 2 and args[1] is Ellipsis


def left_out(data: dict[str, Any], found: list[Fault], read: Sequence[tuple[str, ...]]) -> Optional[dict[str, Any]]:
    """The message *data* without the fields at fault (*found*), each left out
    whole (the deepest optional field or list item holding it, or made null where
    the protocol allows it), when none of them holds a field of *read* (paths from
    the message, ``"*"`` for any item of a list); None when one does, or a fault
    cannot be left out. A fault inside a field of *read* (one bad item of a list
    it reads) is left out: the rest of that field is kept as sent."""
    targets = {(f.removable, f.nullable) for f in found}
    if any(not target or any(_prefix(target, path) for path in read) for target, _ in targets):
        return None
    out: dict[str, Any] = json.loads(json.dumps(data))
    # the deepest first, and a list's later items before its earlier ones
    for target, nullable in sorted(targets, key=lambda t: [(0, s) if isinstance(s, int) else (1, s) for s in t[0]], reverse=True):
        if any(other != target and _prefix(other, target) for other, _ in targets):
            continue  # inside another part left out
        holder: Any = out
        for step in target[:-1]:
            holder = holder[step]
        if nullable:
            holder[target[-1]] = None
        else:
            del holder[target[-1]]
    return out


def _prefix(head: Sequence[Step], steps: Sequence[Step]) -> bool:
    """Whether *head* is *steps* or a part holding it (``"*"`` in either stands
    for any list index)."""
    return len(head) <= len(steps) and all(a == b or a == "*" and isinstance(b, int) or b == "*" and isinstance(a, int) for a, b in zip(head, steps))
