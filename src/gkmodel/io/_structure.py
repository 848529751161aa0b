"""The fast path of loading: generated functions from JSON data to the model.

:func:`gkmodel.from_data` first tries these functions and only when they
fail runs the detailed cattrs converter, which collects every problem with
its path.  So the fast path may be stricter than the converter (anything it
refuses is loaded or refused by the converter) but must never accept what
the converter refuses, nor build a different report:
``tests/test_json.py`` asserts both on thousands of corrupted reports.

For each attrs class one function is generated that takes each field from
the object and builds the instance:

- a count cell (``int | None``) is taken as it is: its first test (below)
  or, failing that, the model's validator checks its type and sign, as for
  every report built in code;
- an object is built without calling its ``__init__`` when each of its
  validators is either proven by the way this module built the value (a
  nested object it built itself, a tuple of paragraphs it checked) or has a
  first test here (``_FIRST_TESTS``: a count is blank or an ``int >= 0``, a
  text is not empty, ...) that the value passes; otherwise ``__init__`` runs
  and its validator names the problem.  ``tests/test_json.py`` holds the two
  ways to the same objects and the same errors;
- a nested class goes through its own generated function;
- a sequence goes item by item through the item's function, or is copied
  whole when every item is of a class the converter passes through as it is
  (``_PLAIN``: ``str``, ``int``, ``None`` where the item type admits them,
  paragraphs among paragraphs and tables);
  a ``str`` (or ``str | None``) value is likewise taken as it is;
- any other value (str, decimals, dates, enums, unions) goes through the
  converter's own hook for its type, the same one the detailed path uses.

An object must have exactly the class's keys (canonical JSON writes them
all); one with a key missing or unknown is left to the converter, which
fills defaults or names the unknown key.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from gkmodel._codegen import define, init_free
from gkmodel.limits import MAX_COUNT
from gkmodel.model import validate_count, validate_signed
from gkmodel.model.common import (
    TYPE_VALIDATORS,
    UNCARRIED,
    VISIBLE,
    nonempty_str,
    optional_str,
    texts,
)
from gkmodel.model.narrative import (
    Block,
    LocalTable,
    LocalValue,
    blocks,
    local_values,
    row_indices,
)

__all__ = ["NotFast", "structurer"]


class NotFast(Exception):  # noqa: N818  (not an error: a signal to take the detailed path)
    """The data does not take the fast path (the detailed converter will decide)."""


def structurer(cls: type, converter: cattrs.Converter, *, extra_keys: int = 0) -> Any:
    """The generated function turning a JSON object into ``cls``.

    ``extra_keys`` counts keys that are not fields (the report's ``"edition"``).
    """
    return _structurer(cls, converter, extra_keys)


_FIRST_TESTS: dict[Any, str] = {
    validate_count: "({v} is None or ({v}.__class__ is _int and 0 <= {v} <= _max_count))",
    validate_signed: (
        "({v} is None or ({v}.__class__ is _int and -_max_count <= {v} <= _max_count))"
    ),
    nonempty_str: (
        "({v}.__class__ is _str and _uncarried({v}) is None and _visible({v}) is not None)"
    ),
    optional_str: "({v} is None or ({v}.__class__ is _str and _uncarried({v}) is None))",
    texts: (
        "({v}.__class__ is _tuple and _str_only.issuperset(map(_type, {v}))"
        " and _uncarried(''.join({v})) is None)"
    ),
    blocks: (
        "({v}.__class__ is _tuple and _str_table.issuperset(map(_type, {v}))"
        " and _uncarried(''.join([b for b in {v} if b.__class__ is _str])) is None)"
    ),
    local_values: (
        "({v}.__class__ is _tuple and _int_none.issuperset(map(_type, {v}))"
        " and 0 <= min(filter(None, {v}), default=0)"
        " and max(filter(None, {v}), default=0) <= _max_count)"
    ),
    row_indices: (
        "({v}.__class__ is _tuple and (not {v}"
        " or (_int_only.issuperset(map(_type, {v})) and min({v}) >= 0)))"
    ),
}
"""For a validator, an expression true only of values it admits (``{v}`` the value).

It tests the common case cheaply; a value that fails it goes to ``__init__``,
whose validator admits it or names the problem.  ``tests/test_json.py``
holds each expression to its validator.
"""
_TEST_NAMES = {
    "_max_count": MAX_COUNT,
    "_int": int,
    "_str": str,
    "_tuple": tuple,
    "_type": type,
    "_int_none": frozenset({int, type(None)}),
    "_int_only": frozenset({int}),
    "_str_only": frozenset({str}),
    "_str_table": frozenset({str, LocalTable}),
    "_uncarried": UNCARRIED.search,
    "_visible": VISIBLE.search,
}
"""The names the expressions of ``_FIRST_TESTS`` use."""

_PLAIN: dict[Any, frozenset[type]] = {
    str: frozenset({str}),
    str | None: frozenset({str, type(None)}),
    int: frozenset({int}),
    LocalValue: frozenset({int, type(None)}),
    Block: frozenset({str}),  # paragraphs; a table is built by its own function
}
"""Types whose converter hook returns a value of these classes as it is."""


def _proven(field: attrs.Attribute[Any], hint: Any) -> bool:
    """Whether the value this module builds for ``field`` always passes its validator.

    So it is for a field without validator, and for a nested class or a
    tuple of one, built by this module's own functions (``instance_of``/
    ``tuple_of`` of exactly that class).  Count cells and texts (whose
    validators look at their characters) are tested in the generated code
    instead (``_FIRST_TESTS``), and so are other validators with a test there.
    """
    if field.validator is None:
        return True
    declared = TYPE_VALIDATORS.get(field.validator)
    if declared == ("instance", hint) and attrs.has(hint):
        return True
    args = typing.get_args(hint)
    homogeneous = typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis
    if declared == ("tuple", args[0] if homogeneous else None) and attrs.has(args[0]):
        return True
    return bool(_PROVEN.get(field.validator, _NOTHING) == hint)


_NOTHING = object()
_PROVEN: dict[Any, Any] = {}
"""Validators of a value of some type, which this module's way of building it proves."""


def _init_free(cls: type, hints: dict[str, Any]) -> bool:
    """Whether ``cls`` may be built without ``__init__``: every field proven or tested here."""
    return (
        "__slots__" in cls.__dict__
        and not hasattr(cls, "__attrs_post_init__")
        and not hasattr(cls, "__attrs_pre_init__")
        and all(
            (f.validator in _FIRST_TESTS or _proven(f, hints[f.name]))
            and f.converter is None
            and f.init
            and f.alias == f.name
            for f in attrs.fields(cls)
        )
    )


@functools.cache
def _structurer(cls: type, converter: cattrs.Converter, extra_keys: int) -> Any:
    hints = typing.get_type_hints(cls)
    fields = attrs.fields(cls)
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_NotFast": NotFast,
        "_dict": dict,
        "_list": list,
        **_TEST_NAMES,
    }
    values = {f.name: _value(f.name, hints[f.name], converter, namespace) for f in fields}
    lines = [
        "def structure(o):",
        f"    if o.__class__ is not _dict or len(o) != {len(fields) + extra_keys}:",
        "        raise _NotFast",
    ]
    if not _init_free(cls, hints):
        lines.append(f"    return _cls({', '.join(f'{n}={v}' for n, v in values.items())})")
        return define("structure", lines, namespace, f"structure of {cls.__name__}")
    lines += [f"    {n}_ = {v}" for n, v in values.items()]
    tests = [_FIRST_TESTS.get(f.validator, "").format(v=f"{f.name}_") for f in fields]
    tests = [t for t in tests if t]
    if tests:  # a count that fails the first test goes to __init__, whose validator says why
        lines.append(f"    if not ({' and '.join(tests)}):")
        lines.append(f"        return _cls({', '.join(f'{n}={n}_' for n in values)})")
    build, more = init_free(cls, "self", {n: f"{n}_" for n in values})
    namespace.update(more)
    lines += [*(f"    {line}" for line in build), "    return self"]
    return define("structure", lines, namespace, f"structure of {cls.__name__}")


def _value(name: str, hint: Any, converter: cattrs.Converter, namespace: dict[str, Any]) -> str:
    """The expression building field ``name`` from ``o[name]``."""
    item = f"o[{name!r}]"
    args = typing.get_args(hint)
    if hint == int | None:
        return item  # a count cell: its validator checks it
    if attrs.has(hint):
        namespace[f"_s_{name}"] = _structurer(hint, converter, 0)
        return f"_s_{name}({item})"
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        namespace[f"_s_{name}"] = functools.partial(_sequence, _item(args[0], converter))
        if args[0] not in _PLAIN:
            return f"_s_{name}({item})"
        namespace[f"_p_{name}"] = _PLAIN[args[0]]
        return (  # a list of plain items is copied whole
            f"(tuple(v) if (v := {item}).__class__ is _list "
            f"and _p_{name}.issuperset(map(_type, v)) else _s_{name}(v))"
        )
    if len(args) == 2 and type(None) in args:
        inner = next(a for a in args if a is not type(None))
        if attrs.has(inner):
            namespace[f"_s_{name}"] = _structurer(inner, converter, 0)
            return f"(None if (v := {item}) is None else _s_{name}(v))"
    namespace[f"_h_{name}"] = converter.get_structure_hook(hint)
    namespace[f"_t_{name}"] = hint
    if hint in _PLAIN:  # a plain value is taken as it is
        namespace[f"_p_{name}"] = _PLAIN[hint]
        return f"(v if (v := {item}).__class__ in _p_{name} else _h_{name}(v, _t_{name}))"
    return f"_h_{name}({item}, _t_{name})"


def _item(hint: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    if attrs.has(hint):
        structure: Callable[[Any], Any] = _structurer(hint, converter, 0)
        return structure
    members = typing.get_args(hint)
    classes = [m for m in members if attrs.has(m)]
    if len(classes) == 1 and set(members) == {str, classes[0]}:  # a paragraph or a table
        return functools.partial(_text_or, _structurer(classes[0], converter, 0))
    return functools.partial(_hooked, converter.get_structure_hook(hint), hint)


def _text_or(structure: Callable[[Any], Any], value: Any) -> Any:
    return value if value.__class__ is str else structure(value)


def _hooked(hook: Callable[[Any, Any], Any], hint: Any, value: Any) -> Any:
    return hook(value, hint)


def _sequence(item: Callable[[Any], Any], value: Any) -> tuple[Any, ...]:
    if value.__class__ is not list:
        raise NotFast
    return tuple(map(item, value))
