"""The canonical JSON text of a report, written straight from the model.

``json.dumps(data, indent=2)`` is exact but slow: with an indent the standard
library falls back to its pure-Python encoder.  The structure of a report is
known in advance, so for each attrs class (at each depth) this module
generates one function that fills a ``%``-template holding every key and all
the indentation with the encoded values of the fields: strings through the
standard library's C string encoder, counts through ``int.__repr__``, nested
classes through their own generated functions.  Values of any other type
(enums, decimals, dates, unions such as a paragraph-or-table block) are
unstructured by the converter and written by :func:`write_data`, a plain
recursive writer of JSON data.

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


def _sequence(items: tuple[Any, ...], indent: Indent, write_item: Callable[[Any], str]) -> str:
    if not items:
        return "[]"
    before = _newline(_deeper(indent))
    return "[" + before + ("," + before).join(map(write_item, items)) + _newline(indent) + "]"


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
    inner = _deeper(indent)
    before, colon = _newline(inner), _colon(indent)
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {
        "_int": _int,
        "_enc": encode_basestring,
        "_seq": _sequence,
        "_data": write_data,
        "_un": converter.unstructure,
    }
    namespace["_in"] = inner  # the indentation of the fields, for nested writers
    pieces: list[tuple[str, str]] = []  # ("text", literal) or ("code", expression)
    for i, field in enumerate(attrs.fields(cls)):
        if i == 0 and first is not None:
            pieces.append(("text", f"{before}{encode_basestring(first[0])}{colon}{first[1]},"))
        separator = before if i == 0 else "," + before
        pieces.append(("text", f"{separator}{encode_basestring(field.name)}{colon}"))
        pieces.append(("code", _expression(field.name, hints[field.name], converter, namespace)))
    if pieces:
        body = _fstring([("text", "{"), *pieces, ("text", _newline(indent) + "}")])
        lines = ["def write(o):", f"    return f'{body}'"]
    else:
        lines = ["def write(o):", "    return '{}'"]
    write: Callable[[Any], str] = define(
        "write", lines, namespace, f"JSON writer of {cls.__name__}"
    )
    return write


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
    name: str, hint: Any, converter: cattrs.Converter, namespace: dict[str, Any]
) -> str:
    """The Python expression that encodes field ``name`` of ``o`` (written at ``_in``)."""
    inner = namespace["_in"]
    args = typing.get_args(hint)
    optional = type(None) in args and len(args) == 2
    base = next(a for a in args if a is not type(None)) if optional else hint
    leaf = _leaf(name, base, inner, converter, namespace)
    if leaf is None:  # any other type: unstructured by the converter, then written as data
        namespace[f"_t_{name}"] = hint
        return f"_data(_un(o.{name}, _t_{name}), _in)"
    if optional:
        return f'("null" if (v := o.{name}) is None else {leaf.format(v="v")})'
    return leaf.format(v=f"o.{name}")


def _leaf(
    name: str, hint: Any, inner: Indent, converter: cattrs.Converter, namespace: dict[str, Any]
) -> str | None:
    """A template (``{v}`` for the value) encoding a value of type ``hint``, if it is simple."""
    if hint is int:
        return "{v}"  # an int formats as its digits (the model admits no bool)
    if hint is str:
        return "_enc({v})"
    if (
        isinstance(hint, type)
        and issubclass(hint, enum.Enum)
        and all(type(m.value) is str for m in hint)
    ):
        return "_enc({v}.value)"  # as cattrs unstructures an enum: its value
    if hint in (Decimal, dt.date):  # the converter's hook makes the text (decimal_text, ISO)
        namespace[f"_h_{name}"] = converter.get_unstructure_hook(hint)
        return f"_enc(_h_{name}({{v}}))"
    if attrs.has(hint):
        namespace[f"_w_{name}"] = _writer(hint, inner, converter, None)
        return f"_w_{name}({{v}})"
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        namespace[f"_i_{name}"] = _item_writer(args[0], _deeper(inner), converter)
        return f'(_seq(v, _in, _i_{name}) if (v := {{v}}) else "[]")'
    union = _union_writer(hint, inner, converter)
    if union is not None:
        namespace[f"_u_{name}"] = union
        return f"_u_{name}({{v}})"
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
