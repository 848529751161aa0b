"""报告基本信息 — editions, organs, money and the report's metadata.

>>> Edition.for_year(2020)
<Edition.E2019: '2019'>
>>> Edition.E2021.document
'国办公开办函〔2021〕30号'
>>> str(Money(amount=Decimal("185.5897"), unit=MoneyUnit.WAN_YUAN))
'185.5897万元'
>>> OrganLevel.TOWNSHIP.label
'乡镇/街道'
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from decimal import Decimal
from itertools import repeat
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from gkmodel.errors import CellTypeError, CellValueError
from gkmodel.limits import MAX_AMOUNT

if TYPE_CHECKING:
    from gkmodel.editions import EditionDeclaration

__all__ = [
    "CellNote",
    "Edition",
    "Money",
    "MoneyUnit",
    "Organ",
    "OrganLevel",
    "Period",
    "ReportMeta",
    "check_decimal",
    "check_text",
    "decimal_text",
    "nonempty_str",
    "optional_str",
    "texts",
]


class Edition(enum.Enum):
    """The national layouts of the annual report, by the key of their declaration.

    Each edition is declared once in :mod:`gkmodel.editions`; the properties
    here read that declaration.
    """

    E2019 = "2019"
    E2021 = "2021"

    @property
    def document(self) -> str:
        """The notice that issued this edition."""
        return _declaration(self).document

    @property
    def first_year(self) -> int:
        """The first report year this edition is used for."""
        return _declaration(self).first_year

    @property
    def last_year(self) -> int | None:
        """The last report year this edition is used for (None: still current)."""
        return _declaration(self).last_year

    @classmethod
    def for_year(cls, year: int) -> Edition:
        """The edition prescribed for reports on ``year`` (2019 edition for 2019–2020)."""
        from gkmodel.editions import edition_for_year

        edition: Edition = edition_for_year(year).edition
        return edition


def _declaration(edition: Edition) -> EditionDeclaration:
    from gkmodel.editions import declaration_of

    return declaration_of(edition)


class OrganLevel(enum.Enum):
    """The level of the issuing organ; it decides the statutory deadline (条例第四十九条)."""

    TOWNSHIP = "township"
    COUNTY_DEPARTMENT = "county_department"
    COUNTY_GOVERNMENT = "county_government"
    CITY_DEPARTMENT = "city_department"
    CITY_GOVERNMENT = "city_government"
    PROVINCE_DEPARTMENT = "province_department"
    PROVINCE_GOVERNMENT = "province_government"
    STATE_COUNCIL_DEPARTMENT = "state_council_department"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Chinese name of the level."""
        return _LEVEL_LABELS[self]

    @property
    def label_en(self) -> str:
        """The English name of the level."""
        return self.value.replace("_", " ")

    def deadline(self, report_year: int) -> dt.date | None:
        """The statutory publication deadline of a report on ``report_year`` (条例第四十九条).

        县级以上人民政府部门: 1月31日 of the next year; 县级以上地方人民政府: 3月31日.
        None where the statute sets no date (乡镇/街道, other organs).

        >>> OrganLevel.CITY_DEPARTMENT.deadline(2024), OrganLevel.TOWNSHIP.deadline(2024)
        (datetime.date(2025, 1, 31), None)
        """
        month_day = _DEADLINES.get(self)
        return dt.date(report_year + 1, *month_day) if month_day else None

    @property
    def may_make_rules(self) -> bool | None:
        """Whether organs of this level hold rule-making power (规章); None if unknown."""
        if self is OrganLevel.OTHER:
            return None
        return self in _RULE_MAKERS

    @classmethod
    def from_label(cls, label: str) -> OrganLevel:
        """The level whose Chinese name is ``label``."""
        for level, text in _LEVEL_LABELS.items():
            if text == label:
                return level
        raise CellValueError("level", "one of " + "、".join(_LEVEL_LABELS.values()), label)


_LEVEL_LABELS: dict[OrganLevel, str] = {
    OrganLevel.TOWNSHIP: "乡镇/街道",
    OrganLevel.COUNTY_DEPARTMENT: "县级部门",
    OrganLevel.COUNTY_GOVERNMENT: "县级政府",
    OrganLevel.CITY_DEPARTMENT: "市级部门",
    OrganLevel.CITY_GOVERNMENT: "市级政府",
    OrganLevel.PROVINCE_DEPARTMENT: "省级部门",
    OrganLevel.PROVINCE_GOVERNMENT: "省级政府",
    OrganLevel.STATE_COUNCIL_DEPARTMENT: "国务院部门",
    OrganLevel.OTHER: "其他",
}


_DEADLINES: dict[OrganLevel, tuple[int, int]] = {
    OrganLevel.COUNTY_DEPARTMENT: (1, 31),
    OrganLevel.CITY_DEPARTMENT: (1, 31),
    OrganLevel.PROVINCE_DEPARTMENT: (1, 31),
    OrganLevel.STATE_COUNCIL_DEPARTMENT: (1, 31),
    OrganLevel.COUNTY_GOVERNMENT: (3, 31),
    OrganLevel.CITY_GOVERNMENT: (3, 31),
    OrganLevel.PROVINCE_GOVERNMENT: (3, 31),
}
# 省级和设区的市级人民政府 make 地方政府规章; State Council departments make 部门规章 (《立法法》).
_RULE_MAKERS = frozenset(
    {
        OrganLevel.PROVINCE_GOVERNMENT,
        OrganLevel.CITY_GOVERNMENT,
        OrganLevel.STATE_COUNCIL_DEPARTMENT,
    }
)


class MoneyUnit(enum.Enum):
    """Units in which reports state amounts of money."""

    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"

    @property
    def fen_places(self) -> int:
        """Decimal places down to one fen (分) in this unit: 2 for 元, 6 for 万元, 10 for 亿元."""
        return {"元": 2, "万元": 6, "亿元": 10}[self.value]


def check_decimal(name: str, value: object, *, nonnegative: bool = True) -> Decimal:
    """Return ``value`` if it is a finite (non-negative) Decimal; raise otherwise."""
    if not isinstance(value, Decimal):
        raise CellTypeError(name, "a decimal.Decimal (never a float)", value)
    if not value.is_finite():
        raise CellValueError(name, "a finite amount", value)
    if nonnegative and value < 0:
        raise CellValueError(name, "an amount >= 0", value)
    if not -MAX_AMOUNT < value < MAX_AMOUNT:
        raise CellValueError(name, "an amount below gkmodel.limits.MAX_AMOUNT (10**18)", value)
    return value


def decimal_text(value: Decimal) -> str:
    """A Decimal as plain positional text, never in exponent form.

    >>> [decimal_text(Decimal(s)) for s in ("1E+3", "4068.208", "0.50")]
    ['1000', '4068.208', '0.50']
    """
    return format(value, "f")


def _validate_amount(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_decimal(attribute.name, value)


def _str(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise CellTypeError(attribute.name, "a str", value)


UNCARRIED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters no output format carries: control characters but tab and newline, lone surrogates.

XML (HTML, DOCX) cannot hold most C0 controls, UTF-8 cannot encode a lone
surrogate, and a carriage return or a C1 control is never part of a
published text; the model refuses them all, in every text it holds."""

VISIBLE = re.compile(
    r"[^\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    r"\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
"""A visible character: not a space, nor an invisible one (zero-width space, joiners,
direction marks, soft hyphen, byte-order mark, variation selectors, fillers).
A name or label must hold one."""

_TEXT_RULE = "a text without control characters (but tab and newline) or lone surrogates"


def check_text(name: str, value: str) -> str:
    """Return ``value`` if every output format can carry it; raise :class:`CellValueError`."""
    found = UNCARRIED.search(value)
    if found is not None:
        raise CellValueError(name, f"{_TEXT_RULE} (found {found.group()!r})", value)
    return value


def nonempty_str(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a str with a visible character, and without characters no format carries."""
    if value.__class__ is not str:
        _str(obj, attribute, value)
    check_text(attribute.name, str(value))
    if VISIBLE.search(str(value)) is None:
        raise CellValueError(
            attribute.name, "a non-empty text (more than spaces and invisible characters)", value
        )


def optional_str(obj: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a str (without characters no format carries) or None."""
    if value is not None:
        if value.__class__ is not str:
            _str(obj, attribute, value)
        check_text(attribute.name, str(value))


def texts(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a tuple of str (paragraphs) without characters no format carries."""
    if not isinstance(value, tuple) or not all(map(isinstance, value, repeat(str))):
        raise CellTypeError(attribute.name, "a tuple of str", value)
    for text in value:
        check_text(attribute.name, text)


Validator = Callable[[object, "attrs.Attribute[Any]", object], None]

TYPE_VALIDATORS: dict[Validator, tuple[str, type]] = {}
"""What each :func:`instance_of` / :func:`tuple_of` validator admits: ("instance" or
"tuple", class).  The fast loading path reads it to know which fields it has already
built of the right class."""


def instance_of(cls: type) -> Validator:
    """attrs validator: an instance of ``cls`` (a :class:`~gkmodel.CellTypeError` if not)."""

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not cls and not isinstance(value, cls):
            raise CellTypeError(attribute.name, f"a {cls.__name__}", value)

    TYPE_VALIDATORS[validate] = ("instance", cls)
    return validate


def tuple_of(cls: type) -> Validator:
    """attrs validator: a tuple of instances of ``cls``."""

    def validate(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(map(isinstance, value, repeat(cls))):
            raise CellTypeError(attribute.name, f"a tuple of {cls.__name__}", value)

    TYPE_VALIDATORS[validate] = ("tuple", cls)
    return validate


def _date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not dt.date):
        raise CellTypeError(attribute.name, "a datetime.date or None", value)


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money exactly as published: a Decimal and its unit.

    The amount keeps the precision it was given (``Decimal("4068.208")``);
    gkmodel never rounds or converts units.
    """

    amount: Decimal = attrs.field(validator=_validate_amount)
    unit: MoneyUnit = attrs.field(validator=instance_of(MoneyUnit))

    def __str__(self) -> str:
        return f"{decimal_text(self.amount)}{self.unit.value}"


@attrs.frozen(kw_only=True)
class Organ:
    """The organ that issues the report.

    A report that states no organ's name (a page whose title sits outside the body,
    with no signature) is read with the name :attr:`UNSTATED`, ``（未载明）``, and level
    ``OTHER``; :attr:`stated` tells it apart from a name the report gave.

    >>> from gkmodel.model import Organ
    >>> Organ(name=Organ.UNSTATED).stated, Organ(name="某县人民政府").stated
    (False, True)
    """

    UNSTATED: ClassVar[str] = "（未载明）"

    name: str = attrs.field(validator=nonempty_str)
    level: OrganLevel = attrs.field(default=OrganLevel.OTHER, validator=instance_of(OrganLevel))

    @property
    def stated(self) -> bool:
        """False when the report did not state the organ (the name is :attr:`UNSTATED`)."""
        return self.name != self.UNSTATED


@attrs.frozen(kw_only=True)
class Period:
    """The statistical period a report covers (normally 1月1日–12月31日 of the year)."""

    start: dt.date = attrs.field(validator=_date)
    end: dt.date = attrs.field(validator=_date)

    @end.validator
    def _end_after_start(self, attribute: attrs.Attribute[Any], value: dt.date) -> None:
        if value < self.start:
            raise CellValueError(attribute.name, f"a date on or after {self.start}", value)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """The calendar year ``year``, the period of every annual report."""
        return cls(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def _year(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int:
        raise CellTypeError(attribute.name, "an integer year", value)
    if not 2008 <= value <= 2100:  # the first 条例 took effect on 2008-05-01
        raise CellValueError(attribute.name, "a year from 2008 to 2100", value)


@attrs.frozen(kw_only=True)
class ReportMeta:
    """Who reports, for which year, under which title, and when it was published."""

    organ: Organ = attrs.field(validator=instance_of(Organ))
    year: int = attrs.field(validator=_year)
    title: str | None = attrs.field(default=None, validator=optional_str)
    published: dt.date | None = attrs.field(default=None, validator=_date)
    period: Period | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Period))
    )
    preface: tuple[str, ...] = attrs.field(default=(), validator=texts)
    signed_by: str | None = attrs.field(default=None, validator=optional_str)

    @property
    def display_title(self) -> str:
        """The title as published, or the standard ``{organ}{year}年政府信息公开工作年度报告``."""
        return self.title or f"{self.organ.name}{self.year}年政府信息公开工作年度报告"

    @property
    def signatory(self) -> str:
        """The name signed at the end of the report (the organ's, unless stated)."""
        return self.signed_by or self.organ.name


@attrs.frozen(kw_only=True)
class CellNote:
    """A note a report wrote inside a table cell, e.g. ``22（其中修订 16 件）``.

    ``path`` is the model path of the cell (``$.active_disclosure.item1.rules.issued``);
    the cell itself holds only the number.
    """

    path: str = attrs.field(validator=nonempty_str)
    text: str = attrs.field(validator=nonempty_str)

    @path.validator
    def _path_shape(self, attribute: attrs.Attribute[Any], value: str) -> None:
        if not value.startswith("$."):
            raise CellValueError(attribute.name, "a model path starting with '$.'", value)
