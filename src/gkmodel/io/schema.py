"""JSON Schema (draft 2020-12) of the canonical JSON, derived from the model classes.

Field titles are the official Chinese labels; descriptions carry the English
gloss, the legal basis and the confidence the format specification gives
the label.

>>> s = json_schema(Edition.E2021)
>>> s["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> s["$defs"]["ApplicantCounts"]["properties"]["natural_person"]["title"]
'自然人'
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import types
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs

from gkmodel.editions import declaration_for_class, declaration_of
from gkmodel.io._converter import EDITION_KEY
from gkmodel.model import FieldInfo, ValueKind, info_of
from gkmodel.model.common import Edition
from gkmodel.model.narrative import Block, LocalValue
from gkmodel.model.report import REPORT_CLASSES

__all__ = ["SCHEMA_DIALECT", "json_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DECIMAL = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$", "description": "a decimal number"}
_CONFIDENCE = {
    "V": "verified in a primary text",
    "R": "seen in real reports only",
    "M": "recalled from the official text, not read in full",
    "D": "derived",
}


def json_schema(edition: Edition | None = None) -> dict[str, Any]:
    """The JSON Schema of a report of ``edition`` (of either edition when None).

    A new dict each call: change it as you like.  ``edition`` may be given by its key
    (``"2021"``); an unknown one is an :class:`~gkmodel.errors.EditionError`.
    """
    if edition is not None and not isinstance(edition, Edition):
        from gkmodel.editions import declaration_of

        edition = declaration_of(edition).edition
    return copy.deepcopy(_schema(edition))


@functools.cache
def _schema(edition: Edition | None) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    if edition is None:
        root: dict[str, Any] = {
            "oneOf": [{"$ref": f"#/$defs/{_define(c, defs)}"} for c in REPORT_CLASSES.values()]
        }
        title = "政府信息公开工作年度报告"
    else:
        declaration = declaration_of(edition)
        root = {"$ref": f"#/$defs/{_define(declaration.report_class, defs)}"}
        title = f"政府信息公开工作年度报告（{declaration.key}年版格式，{declaration.document}）"
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:gkmodel:report:{edition.value if edition else 'any'}",
        "title": title,
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _define(cls: type, defs: dict[str, Any]) -> str:
    name = cls.__name__
    if name in defs:
        return name
    defs[name] = {}  # placeholder against recursion
    attrs.resolve_types(cls)
    props: dict[str, Any] = {}
    required: list[str] = []
    declaration = declaration_for_class(cls)
    if declaration is not None:
        props[EDITION_KEY] = {
            "const": declaration.key,
            "title": "格式版本",
            "description": declaration.document,
        }
        required.append(EDITION_KEY)
    for f in attrs.fields(cls):
        info = info_of(f)
        schema = _type_schema(f.type, defs, info)
        if info is not None:
            schema = {"title": info.label, "description": _describe(info), **schema}
        props[f.name] = schema
        if f.default is attrs.NOTHING:
            required.append(f.name)
    doc = (cls.__doc__ or name).strip().splitlines()[0]
    defs[name] = {
        "type": "object",
        "title": doc,
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }
    return name


def _describe(info: FieldInfo) -> str:
    parts = [info.en]
    if info.basis:
        parts.append(f"依据 basis: {info.basis}")
    parts.append(f"confidence [{info.confidence.value}]: {_CONFIDENCE[info.confidence.value]}")
    return "; ".join(parts)


def _type_schema(t: Any, defs: dict[str, Any], info: FieldInfo | None = None) -> dict[str, Any]:
    if t == Block:
        return {"anyOf": [{"type": "string"}, {"$ref": f"#/$defs/{_define(_local_table(), defs)}"}]}
    if t == LocalValue:
        return {"anyOf": [{"type": "integer", "minimum": 0}, _DECIMAL, {"type": "null"}]}
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(t) if a is not type(None)]
        inner = _type_schema(args[0] if len(args) == 1 else Union[tuple(args)], defs, info)  # noqa: UP007
        if "type" in inner and isinstance(inner["type"], str) and len(inner) <= 2:
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(get_args(t)[0], defs)}
    if t is int:
        if info is not None and info.value is ValueKind.COUNT:
            return {"type": "integer", "minimum": 0}
        return {"type": "integer"}
    if t is str:
        return {"type": "string"}
    if t is Decimal:
        return dict(_DECIMAL)
    if t is dt.date:
        return {"type": "string", "format": "date"}
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return {"enum": [m.value for m in t]}
    if isinstance(t, type) and attrs.has(t):
        ref: dict[str, Any] = {"$ref": f"#/$defs/{_define(t, defs)}"}
        if info is not None and info.unit is not None:
            unit = {"properties": {"unit": {"const": info.unit.value}}}
            return {"allOf": [ref, unit]}
        return ref
    raise TypeError(f"no JSON Schema for {t!r}")  # a model change the schema does not know


def _local_table() -> type:
    from gkmodel.model.narrative import LocalTable

    return LocalTable
