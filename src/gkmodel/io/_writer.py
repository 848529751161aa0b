"""The canonical JSON text of a report, written straight from the model.

``json.dumps(data, indent=2)`` is exact but slow: with an indent the standard
library falls back to its pure-Python encoder.  The structure of a report is
known in advance, so for each attrs class (at each depth) this module
generates one function returning an f-string that holds every key and all
the indentation around the encoded values of the fields: strings through the
standard library's C string encoder, counts as their digits, enums as their
value, nested objects in place (one function writes a whole report but for
its sequences, whose items have their own writers).  Values of any other
type (decimals and dates through the converter's hooks; unions such as a
paragraph-or-table block by the class of the value) are written by small
writers, and anything else is unstructured by the converter and written by
:func:`write_data`, a plain recursive writer of JSON data.

The output is byte for byte that of ``json.dumps(to_data(r),
ensure_ascii=False, indent=2) + "\\n"`` (or, compact, with
``separators=(",", ":")`` and no newline); ``tests/test_json.py`` asserts it
for generated reports of both editions and for every report read from the
corpus.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

import attrs
import cattrs

from gkmodel._codegen import define

__all__ = ["write_data", "writer"]

_STEP = "  "
_int = int.__repr__
Indent = str | None
"""The indentation of the current line, or None for compact JSON (one line, no spaces)."""


def _deeper(indent: Indent) -> Indent:
    return None if indent is None else indent + _STEP


def _newline(indent: Indent) -> str:
    """What goes before an item (or a closing bracket) written at ``indent``."""
    return "" if indent is None else "\n" + indent


def _colon(indent: Indent) -> str:
    return ":" if indent is None else ": "


def write_data(value: Any, indent: Indent = "") -> str:
    """JSON data (dict, list, str, int, bool, None) as ``json.dumps`` writes it.

    With an ``indent`` (a str) as ``json.dumps(indent=2)`` does at that depth;
    with None as ``json.dumps(separators=(",", ":"))`` does.
    """
    cls = value.__class__
    if cls is str:
        return encode_basestring(value)
    if cls is int:
        return _int(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    inner = _deeper(indent)
    before, colon = _newline(inner), _colon(indent)
    if cls is dict:
        if not value:
            return "{}"
        items = (f"{encode_basestring(k)}{colon}{write_data(v, inner)}" for k, v in value.items())
        return "{" + before + ("," + before).join(items) + _newline(indent) + "}"
    if cls is list:
        if not value:
            return "[]"
        parts = (write_data(v, inner) for v in value)
        return "[" + before + ("," + before).join(parts) + _newline(indent) + "]"
    raise TypeError(f"not JSON data: {cls.__name__}")


def _sequence(indent: Indent, write_item: Callable[[Any], str]) -> Callable[[Any], str]:
    """The writer of a non-empty sequence whose brackets are at ``indent``."""
    opening = "[" + _newline(_deeper(indent))
    separator = "," + _newline(_deeper(indent))
    closing = _newline(indent) + "]"

    def write(items: tuple[Any, ...]) -> str:
        return opening + separator.join(map(write_item, items)) + closing

    return write


def writer(
    cls: type,
    converter: cattrs.Converter,
    *,
    first: tuple[str, str] | None = None,
    compact: bool = False,
) -> Callable[[Any], str]:
    """The generated writer of an attrs class at the top level.

    ``first`` is an extra ``(key, encoded value)`` written before the fields
    (the report's ``"edition"``, which is not a field).  ``compact`` writes
    one line without spaces instead of indenting by two.
    """
    return _writer(cls, None if compact else "", converter, first)


@functools.cache
def _writer(
    cls: type, indent: Indent, converter: cattrs.Converter, first: tuple[str, str] | None
) -> Callable[[Any], str]:
    namespace: dict[str, Any] = {
        "_int": _int,
        "_enc": encode_basestring,
        "_data": write_data,
        "_un": converter.unstructure,
    }
    assignments: list[str] = []
    pieces = _object(
        cls,
        "o",
        indent,
        converter=converter,
        namespace=namespace,
        assignments=assignments,
        first=first,
    )
    lines = [
        "def write(o):",
        *(f"    {line}" for line in assignments),
        f"    return f'{_fstring(pieces)}'",
    ]
    write: Callable[[Any], str] = define(
        "write", lines, namespace, f"JSON writer of {cls.__name__}"
    )
    return write


def _object(
    cls: type,
    var: str,
    indent: Indent,
    *,
    converter: cattrs.Converter,
    namespace: dict[str, Any],
    assignments: list[str],
    first: tuple[str, str] | None = None,
) -> list[tuple[str, str]]:
    """The pieces writing the object in variable ``var`` at ``indent``.

    A nested object (not optional) is written in place: its variable is
    assigned once (``assignments``) and its fields join the pieces, so one
    function writes a whole report but for its sequences.
    """
    fields = attrs.fields(cls)
    if not fields and first is None:
        return [("text", "{}")]
    inner = _deeper(indent)
    before, colon = _newline(inner), _colon(indent)
    namespace[f"_in_{var}"] = inner  # the indentation of the fields, for sequences
    hints = typing.get_type_hints(cls)
    pieces: list[tuple[str, str]] = [("text", "{")]
    if first is not None:
        pieces.append(("text", f"{before}{encode_basestring(first[0])}{colon}{first[1]},"))
    for i, field in enumerate(fields):
        separator = before if i == 0 else "," + before
        pieces.append(("text", f"{separator}{encode_basestring(field.name)}{colon}"))
        hint = hints[field.name]
        if attrs.has(hint):
            nested = f"{var}_{i}"
            assignments.append(f"{nested} = {var}.{field.name}")
            pieces += _object(
                hint,
                nested,
                inner,
                converter=converter,
                namespace=namespace,
                assignments=assignments,
            )
        else:
            key = f"{var}_{field.name}"
            code = _expression(
                field.name, hint, var, key=key, converter=converter, namespace=namespace
            )
            pieces.append(("code", code))
    pieces.append(("text", _newline(indent) + "}"))
    return pieces


def _fstring(pieces: list[tuple[str, str]]) -> str:
    """The body of an f-string ``f'...'``: literal text escaped, expressions in braces."""
    out = []
    for kind, piece in pieces:
        if kind == "code":
            assert "'" not in piece and "\\" not in piece  # not allowed inside f'...' (3.11)
            out.append("{" + piece + "}")
        else:
            text = piece.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
            out.append(text.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def _expression(
    name: str,
    hint: Any,
    var: str,
    *,
    key: str,
    converter: cattrs.Converter,
    namespace: dict[str, Any],
) -> str:
    """The Python expression that encodes field ``name`` of ``var`` (written at ``_in_{var}``).

    ``key`` names the helpers it puts in ``namespace``.
    """
    inner = namespace[f"_in_{var}"]
    args = typing.get_args(hint)
    optional = type(None) in args and len(args) == 2
    base = next(a for a in args if a is not type(None)) if optional else hint
    leaf = _leaf(key, base, inner, converter=converter, namespace=namespace)
    if leaf is None:  # any other type: unstructured by the converter, then written as data
        namespace[f"_t_{key}"] = hint
        return f"_data(_un({var}.{name}, _t_{key}), _in_{var})"
    if optional:
        return f'("null" if (v := {var}.{name}) is None else {leaf.format(v="v")})'
    return leaf.format(v=f"{var}.{name}")


def _leaf(
    key: str,
    hint: Any,
    inner: Indent,
    *,
    converter: cattrs.Converter,
    namespace: dict[str, Any],
) -> str | None:
    """A template (``{v}`` for the value) encoding a value of type ``hint``, if it is simple.

    ``inner`` is the indentation the value is written at; ``key`` names the
    helpers put in ``namespace``.
    """
    if hint is int:
        return "{v}"  # an int formats as its digits (the model admits no bool)
    if hint is str:
        return "_enc({v})"
    if (
        isinstance(hint, type)
        and issubclass(hint, enum.Enum)
        and all(type(m.value) is str for m in hint)
    ):
        return "_enc({v}._value_)"  # as cattrs unstructures an enum: its value
    if hint in (Decimal, dt.date):  # the converter's hook makes the text (decimal_text, ISO)
        namespace[f"_h_{key}"] = converter.get_unstructure_hook(hint)
        return f"_enc(_h_{key}({{v}}))"
    if attrs.has(hint):  # an optional object: its own writer
        namespace[f"_w_{key}"] = _writer(hint, inner, converter, None)
        return f"_w_{key}({{v}})"
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _item_writer(args[0], _deeper(inner), converter)
        namespace[f"_s_{key}"] = _sequence(inner, item)
        return f'(_s_{key}(v) if (v := {{v}}) else "[]")'
    union = _union_writer(hint, inner, converter)
    if union is not None:
        namespace[f"_u_{key}"] = union
        return f"_u_{key}({{v}})"
    return None


def _item_writer(hint: Any, indent: Indent, converter: cattrs.Converter) -> Callable[[Any], str]:
    """The writer of one item of a sequence (written at ``indent``)."""
    if hint is str:
        return encode_basestring
    if attrs.has(hint):
        return _writer(hint, indent, converter, None)
    union = _union_writer(hint, indent, converter)
    if union is not None:
        return union
    return functools.partial(_unstructured, converter, hint, indent)


def _union_writer(
    hint: Any, indent: Indent, converter: cattrs.Converter
) -> Callable[[Any], str] | None:
    """A writer of a union (a paragraph-or-table block, a local table's value) by value class."""
    if typing.get_origin(hint) not in (typing.Union, types.UnionType):
        return None
    table: dict[type, Callable[[Any], str]] = {}
    for member in typing.get_args(hint):
        if member is str:
            table[str] = encode_basestring
        elif member is int:
            table[int] = _int
        elif member is type(None):
            table[member] = _null
        elif attrs.has(member):
            table[member] = _writer(member, indent, converter, None)
        elif isinstance(member, type):
            table[member] = functools.partial(_unstructured, converter, member, indent)
        else:
            return None
    anything = functools.partial(_unstructured, converter, hint, indent)

    def write(value: Any) -> str:
        return table.get(value.__class__, anything)(value)

    return write


def _null(_: None) -> str:
    return "null"


def _unstructured(converter: cattrs.Converter, hint: Any, indent: Indent, value: Any) -> str:
    return write_data(converter.unstructure(value, hint), indent)
