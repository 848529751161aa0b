"""Field declarations: the one place where a label meets its field.

Every row, group and cell of the official tables is an attrs field whose
metadata holds a :class:`FieldInfo`: the exact official Chinese label, an
English gloss, the legal basis and the confidence of that label in the
format specification.  The stable English key of a field is its attribute
name.  Renderers, readers, the cells export, the JSON Schema and the docs
all read these declarations; nothing else in gkmodel spells a label.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from gkmodel.errors import CellTypeError, CellValueError
from gkmodel.limits import MAX_COUNT
from gkmodel.model.common import Money, MoneyUnit, instance_of, texts

__all__ = [
    "META_KEY",
    "Confidence",
    "FieldInfo",
    "Kind",
    "ValueKind",
]

META_KEY = "gkmodel"


class Kind(enum.Enum):
    """What a declared field is in the table layout."""

    CELL = "cell"  # a leaf value: a column of a row
    ROW = "row"  # a row of cells
    GROUP = "group"  # a label spanning several rows (（三）不予公开, 第二十条第（一）项)
    SECTION = "section"  # one of the six sections of the report


class ValueKind(enum.Enum):
    """The domain of a cell."""

    COUNT = "count"  # int >= 0, or None for a blank cell
    SIGNED = "signed"  # int of either sign (2019 本年增/减), or None
    MONEY = "money"  # Money (Decimal amount + unit), or None


class Confidence(enum.Enum):
    """How sure the format specification is of a label or rule.

    The tags are those of the specification: verified in a primary text,
    seen in real reports only, recalled but not read in full, or derived.
    """

    VERIFIED = "V"
    REPORTS = "R"
    RECALLED = "M"
    DERIVED = "D"


@attrs.frozen(kw_only=True)
class FieldInfo:
    """What the official format says about one declared field."""

    kind: Kind
    label: str  # the official Chinese label, character for character
    en: str  # English gloss (documentation only; never matched)
    basis: str = ""  # legal basis: 条例 article and/or format document
    confidence: Confidence = Confidence.VERIFIED
    value: ValueKind | None = None  # for cells
    group: str | None = None  # column group spanning this cell (法人或其他组织)
    unit: MoneyUnit | None = None  # money cells whose unit the format fixes
    numeral: str | None = None  # sections: 一 … 六
    target: type | None = None  # rows, groups and sections: the class they hold


def info_of(field: attrs.Attribute[Any]) -> FieldInfo | None:
    """The :class:`FieldInfo` of a declared field, or None for plain fields."""
    info = field.metadata.get(META_KEY)
    return info if isinstance(info, FieldInfo) else None


# -- value validators --------------------------------------------------------


def _check_int(name: str, value: object) -> int:
    if type(value) is not int:  # bool is an int subclass; a count is never a bool
        raise CellTypeError(name, "an integer or None", value)
    return value


def validate_count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A count: an int from 0 to :data:`gkmodel.limits.MAX_COUNT`, or None for a blank cell."""
    if value is None or (type(value) is int and 0 <= value <= MAX_COUNT):
        return  # the common case, in one test: this runs for every cell of every report
    if _check_int(attribute.name, value) < 0:
        raise CellValueError(attribute.name, "a count >= 0", value)
    raise CellValueError(attribute.name, "a count <= gkmodel.limits.MAX_COUNT (2**63 - 1)", value)


def validate_signed(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A signed int (增/减) of at most :data:`gkmodel.limits.MAX_COUNT` either way, or None."""
    if value is not None and not (type(value) is int and -MAX_COUNT <= value <= MAX_COUNT):
        _check_int(attribute.name, value)
        raise CellValueError(
            attribute.name, "a change within gkmodel.limits.MAX_COUNT (2**63 - 1)", value
        )


# -- field factories -----------------------------------------------------------


def _meta(info: FieldInfo) -> dict[str, FieldInfo]:
    return {META_KEY: info}


def count(
    label: str,
    *,
    en: str,
    basis: str = "",
    group: str | None = None,
    confidence: Confidence = Confidence.VERIFIED,
) -> Any:
    """Declare a count cell (blank by default)."""
    info = FieldInfo(
        kind=Kind.CELL,
        label=label,
        en=en,
        basis=basis,
        group=group,
        value=ValueKind.COUNT,
        confidence=confidence,
    )
    return attrs.field(default=None, validator=validate_count, metadata=_meta(info))


def signed(
    label: str, *, en: str, basis: str = "", confidence: Confidence = Confidence.VERIFIED
) -> Any:
    """Declare a signed count cell (2019 本年增/减)."""
    info = FieldInfo(
        kind=Kind.CELL,
        label=label,
        en=en,
        basis=basis,
        value=ValueKind.SIGNED,
        confidence=confidence,
    )
    return attrs.field(default=None, validator=validate_signed, metadata=_meta(info))


def money(
    label: str,
    *,
    en: str,
    basis: str = "",
    unit: MoneyUnit | None = None,
    confidence: Confidence = Confidence.VERIFIED,
) -> Any:
    """Declare a money cell; ``unit`` fixes the unit where the format does."""
    info = FieldInfo(
        kind=Kind.CELL,
        label=label,
        en=en,
        basis=basis,
        value=ValueKind.MONEY,
        unit=unit,
        confidence=confidence,
    )

    def _validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if not isinstance(value, Money):
            raise CellTypeError(attribute.name, "a Money or None", value)
        if unit is not None and value.unit is not unit:
            raise CellValueError(attribute.name, f"an amount in {unit.value}", str(value))

    return attrs.field(default=None, validator=_validate, metadata=_meta(info))


def _nested(kind: Kind, label: str, cls: type, *, en: str, basis: str, conf: Confidence) -> Any:
    info = FieldInfo(kind=kind, label=label, en=en, basis=basis, confidence=conf, target=cls)
    return attrs.field(factory=cls, validator=instance_of(cls), metadata=_meta(info))


def row(
    label: str,
    cls: type,
    *,
    en: str,
    basis: str = "",
    confidence: Confidence = Confidence.VERIFIED,
) -> Any:
    """Declare a row (a class of cells); blank by default."""
    return _nested(Kind.ROW, label, cls, en=en, basis=basis, conf=confidence)


def group(
    label: str,
    cls: type,
    *,
    en: str,
    basis: str = "",
    confidence: Confidence = Confidence.VERIFIED,
) -> Any:
    """Declare a group label spanning rows (a class of rows or groups)."""
    return _nested(Kind.GROUP, label, cls, en=en, basis=basis, conf=confidence)


def section(
    numeral: str,
    label: str,
    cls: type,
    *,
    en: str,
    basis: str,
    confidence: Confidence = Confidence.VERIFIED,
) -> Any:
    """Declare one of the six sections of the report."""
    info = FieldInfo(
        kind=Kind.SECTION,
        label=label,
        en=en,
        basis=basis,
        numeral=numeral,
        confidence=confidence,
        target=cls,
    )
    return attrs.field(factory=cls, validator=instance_of(cls), metadata=_meta(info))


def prose() -> Any:
    """Declare free text attached to a table or section: a tuple of paragraphs."""
    return attrs.field(default=(), validator=texts)
