"""The one cattrs converter of gkmodel, in the shape of cattrs' ``preconf`` modules.

Strict on the way in: an int field takes a JSON integer only (never ``"3"``,
``3.0`` or ``true``), a Decimal takes a decimal string only (never a JSON
number, which would be a float), unknown keys are errors, and every problem
is collected with its path.  The model classes know nothing of this module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from gkmodel.editions import EDITIONS, declaration_for_class, declaration_for_key
from gkmodel.errors import CellTypeError, CellValueError, GkmodelError, Problem
from gkmodel.model.common import decimal_text
from gkmodel.model.narrative import Block, LocalTable, LocalValue
from gkmodel.model.report import AnnualReport

__all__ = ["EDITION_KEY", "configure_converter", "flatten_errors", "make_converter"]

EDITION_KEY = "edition"
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _InvalidError(GkmodelError):
    """A JSON value of the wrong shape (raised inside structuring, reported with its path)."""


def _int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise _InvalidError(f"expected an integer, got {_json_type(value)} {value!r}")
    return value


def _str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise _InvalidError(f"expected a string, got {_json_type(value)} {value!r}")
    return value


def _decimal(value: Any, _: Any) -> Decimal:
    if type(value) is not str or not _DECIMAL.fullmatch(value):
        raise _InvalidError(f'expected a decimal string such as "185.5897", got {value!r}')
    try:
        return Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise _InvalidError(f"not a decimal: {value!r}") from exc


def _date(value: Any, _: Any) -> dt.date:
    if type(value) is not str:
        raise _InvalidError(f'expected an ISO date string such as "2021-01-31", got {value!r}')
    if not _ISO_DATE.fullmatch(value):
        raise _InvalidError(f"not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _InvalidError(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


def _json_type(value: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _is_homogeneous_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def make_converter(*, every_key: bool = False) -> cattrs.Converter:
    """A new converter configured for gkmodel's canonical JSON.

    It collects every problem with its path.  With ``every_key`` (canonical
    JSON text, as :func:`gkmodel.loads` reads it) an object missing a key of
    its class is an error; without (:func:`gkmodel.from_data`) a missing key
    takes the field's default.  :func:`gkmodel.from_data` first
    tries the generated fast path (``gkmodel.io._structure``) and runs this
    converter only when that fails.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter, every_key=every_key)
    return converter


def _tuple_hook(converter: cattrs.Converter, t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    """Structure a JSON array into ``tuple[X, ...]``, noting the index of each bad item."""
    item_type = get_args(t)[0]
    handler = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _InvalidError(f"expected an array, got {_json_type(value)} {value!r}")
        out, errors = [], []
        for i, item in enumerate(value):
            try:
                out.append(handler(item, item_type))
            except Exception as exc:  # noqa: BLE001  (collected with its index)
                exc.__notes__ = [*getattr(exc, "__notes__", []), f"@index {i}"]
                errors.append(exc)
        if errors:
            raise IterableValidationError("While structuring an array", errors, t)
        return tuple(out)

    return structure


def _attrs_hook(
    converter: cattrs.Converter, cls: type, *, every_key: bool
) -> Callable[[Any, Any], Any]:
    """Structure an attrs class, unknown keys refused and, with ``every_key``, missing keys too."""
    base: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )
    if not every_key:
        return base
    names = tuple(a.alias or a.name for a in attrs.fields(cls))

    def structure(value: Any, t: Any) -> Any:
        if type(value) is dict:
            missing = [n for n in names if n not in value]
            if missing:
                raise _InvalidError(f"missing key(s): {', '.join(missing)}")
        return base(value, t)

    return structure


def configure_converter(converter: cattrs.Converter, *, every_key: bool = False) -> None:
    """Register gkmodel's hooks on ``converter`` (``every_key``: see :func:`make_converter`)."""
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(str, _str)
    converter.register_structure_hook(Decimal, _decimal)
    converter.register_unstructure_hook(Decimal, decimal_text)
    converter.register_structure_hook(dt.date, _date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)

    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, lambda t: _tuple_hook(converter, t)
    )
    converter.register_unstructure_hook_factory(
        _is_homogeneous_tuple,
        lambda t: lambda value: [converter.unstructure(v) for v in value],
    )

    def structure_block(value: Any, _: Any) -> Block:
        if type(value) is str:
            return value
        if type(value) is dict:
            return converter.structure(value, LocalTable)
        raise _InvalidError(f"expected a paragraph (string) or a table (object), got {value!r}")

    converter.register_structure_hook(Block, structure_block)
    converter.register_unstructure_hook(
        Block, lambda b: b if isinstance(b, str) else converter.unstructure(b, LocalTable)
    )

    def structure_local_value(value: Any, _: Any) -> LocalValue:
        if value is None or type(value) is int:
            return value
        if type(value) is str:
            return _decimal(value, Decimal)
        raise _InvalidError(f"expected an integer, a decimal string or null, got {value!r}")

    converter.register_structure_hook(LocalValue, structure_local_value)
    converter.register_unstructure_hook(
        LocalValue, lambda v: decimal_text(v) if isinstance(v, Decimal) else v
    )

    converter.register_structure_hook_factory(
        attrs.has, lambda cls: _attrs_hook(converter, cls, every_key=every_key)
    )
    # A report class is found in the registry when first met, so an edition registered after
    # the converter was made is served too (cattrs caches the hook by class).
    converter.register_unstructure_hook_factory(
        lambda t: declaration_for_class(t) is not None,
        lambda cls: _report_unstructure(converter, cls),
    )

    def structure_report(value: Any, _: Any) -> AnnualReport:
        if type(value) is not dict:
            raise _InvalidError(f"expected a report object, got {_json_type(value)}")
        tag = value.get(EDITION_KEY)
        declaration = declaration_for_key(tag) if type(tag) is str else None
        if declaration is None:
            keys = sorted(d.key for d in EDITIONS.values())
            raise _InvalidError(f'"{EDITION_KEY}" must be one of {keys}, got {tag!r}')
        body = {k: v for k, v in value.items() if k != EDITION_KEY}
        result: AnnualReport = converter.structure(body, declaration.report_class)
        return result

    converter.register_structure_hook(AnnualReport, structure_report)


def _report_unstructure(converter: cattrs.Converter, cls: type) -> Callable[[Any], dict[str, Any]]:
    """A report as data: its edition's key first, then its fields."""
    base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter)

    def unstructure(report: Any) -> dict[str, Any]:
        return {EDITION_KEY: report.edition.value, **base(report)}

    return unstructure


def flatten_errors(exc: BaseException, path: str = "$") -> list[Problem]:
    """Every problem inside a cattrs error tree, with its path in cattrs' grammar."""
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        return [Problem(path, f"unknown key(s): {keys}")]
    if isinstance(exc, (ClassValidationError, IterableValidationError, BaseExceptionGroup)):
        out: list[Problem] = []
        for sub in exc.exceptions:
            out.extend(flatten_errors(sub, path + _step(sub)))
        return out
    if isinstance(exc, (CellTypeError, CellValueError)):
        if not path.endswith("." + exc.field):
            path = f"{path}.{exc.field}"
        return [Problem(path, _plain(exc))]
    if isinstance(exc, _InvalidError):
        return [Problem(path, str(exc))]
    if isinstance(exc, KeyError):
        return [
            Problem(path, f"missing required key {exc.args[0]!r}" if exc.args else "missing key")
        ]
    if isinstance(exc, (TypeError, AttributeError)) and (m := _NOT_A_MAPPING.search(str(exc))):
        # cattrs reads an object's keys: anything else fails inside Python, not in our words
        kind = _JSON_KINDS.get(next((g for g in m.groups() if g), ""), "another value")
        return [Problem(path, f"expected an object, got {kind}")]
    return [Problem(path, f"invalid value: {exc}")]


_NOT_A_MAPPING = re.compile(
    r"argument of type '(\w+)' is not iterable|'(\w+)' object is not subscriptable"
    r"|^'(\w+)' object has no attribute '(?:keys|items|get)'"
)
_JSON_KINDS = {
    "int": "a number",
    "float": "a number",
    "str": "a string",
    "list": "an array",
    "bool": "true or false",
    "NoneType": "null",
}


def _plain(exc: CellTypeError | CellValueError) -> str:
    return f"expected {exc.expected}, got {exc.shown}"


def _step(exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", []):
        if isinstance(note, AttributeValidationNote):
            return f".{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"[{note.index}]"
        if isinstance(note, str) and note.startswith("@index "):
            return f"[{note[7:]}]"
    return ""
