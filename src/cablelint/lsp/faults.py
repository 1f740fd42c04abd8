"""What is wrong with a message a client sent, in the protocol's terms: each field
at fault named as the protocol names it (``textDocument``, not lsprotocol's
``text_document``), with what the protocol allows there and the value sent; and
the converter that reads the messages, which takes no string or object for a list."""

from __future__ import annotations

import json
import re
import types
from collections.abc import Mapping, MutableSequence, Sequence
from enum import Enum
from typing import Any, Callable, Literal, Union, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from lsprotocol.types import LSPObject
from pygls.protocol import default_converter

_MISSING = object()  # a field the message does not hold
_SHOWN = 60  # the most characters of a value a message quotes

# lsprotocol's check of an integer field's range (a Position's line, a version)
_RANGE = re.compile(r"\w+\.(?P<field>\w+) should be in range \[(?P<low>-?\d+):(?P<high>-?\d+)\], but was ")


def protocol_name(name: str) -> str:
    """lsprotocol's field *name* as the protocol spells it (``text_document``:
    ``textDocument``; ``from_``: ``from``), as lsprotocol's converter renames it."""
    first, *rest = name.removesuffix("_").split("_")
    return first + "".join(part.title() for part in rest)


def why(exc: Exception, data: object) -> str:
    """What is wrong with the message *data* (as read from JSON) that could not be
    read as its method's (*exc*, raised from cattrs's error), in one line."""
    cause = exc.__cause__
    if isinstance(cause, ClassValidationError):
        return "; ".join(_faults(cause, data, "message"))
    return str(cause or exc).splitlines()[0]


def _faults(exc: BaseException, value: object, path: str) -> list[str]:
    """What is wrong in *value* (the part of the message at *path*), one line for
    each field at fault."""
    if not isinstance(exc, (ClassValidationError, IterableValidationError)) or value is _MISSING:
        return [_fault(exc, None, value, path)]
    if isinstance(exc, ClassValidationError) and not isinstance(value, Mapping):
        # not an object at all: said once, not once for each field it lacks
        return [f"expected {expected(exc.cl)}, got {_shown(value)} @ {path}"]
    out = []
    with_notes, without = exc.group_exceptions()
    for inner, note in with_notes:
        if isinstance(note, IterableValidationNote):
            step, held = f"[{note.index!r}]", _item(value, note.index)
        else:
            name = protocol_name(note.name)
            step, held = f".{name}", value.get(name, _MISSING) if isinstance(value, Mapping) else _MISSING
        if isinstance(inner, (ClassValidationError, IterableValidationError)):
            out.extend(_faults(inner, held, path + step))
        else:
            out.append(_fault(inner, note.type, held, path + step))
    for inner in without:
        out.append(_fault(inner, None, value, path))
    return out


def _item(value: object, index: object) -> object:
    if isinstance(value, list) and isinstance(index, int) and 0 <= index < len(value):
        return value[index]
    return _MISSING


def _fault(exc: BaseException, kind: Any, value: object, path: str) -> str:
    if isinstance(exc, KeyError) or value is _MISSING:
        return f"required field missing @ {path}"
    if kind is None:
        found = _RANGE.match(str(exc))
        if found is not None and isinstance(value, Mapping):
            # a field out of range: said of the field, which the check names
            field = protocol_name(found["field"])
            return f"expected an integer from {found['low']} to {found['high']}, got {_shown(value.get(field))} @ {path}.{field}"
        return f"invalid value ({exc}), got {_shown(value)} @ {path}"
    return f"expected {expected(kind)}, got {_shown(value)} @ {path}"


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
    """pygls's converter, which takes no string or object where the protocol wants
    a list (cattrs reads a string as the list of its characters and an object as
    the list of its keys: ``"only": "quickfix"`` was ``["q", "u", ...]``). The
    lists are read here, each item with cattrs's note of its index, as cattrs
    reads them (its own factories for them differ from one version to the next)."""
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

    made.register_structure_hook_factory(_is_list, listed)
    return made


def _is_list(kind: Any) -> bool:
    """Whether lsprotocol's type *kind* is a list of the protocol's (an array)."""
    origin, args = get_origin(kind), get_args(kind)
    return origin in (list, Sequence, MutableSequence) or origin is tuple and len(args) == 2 and args[1] is Ellipsis
