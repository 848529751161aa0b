"""An equivalent pydantic v2 model of the report, the baseline of ``make bench``.

Written as a pydantic user would write it, following pydantic's docs
(``ConfigDict(strict=True, extra="forbid", frozen=True)``, ``Annotated[int,
Field(ge=0)]`` for counts, ``Decimal`` for money, ``model_validator(mode="after")``
for rules across fields, ``PrivateAttr`` for what a validator records):

- the fields are declared once, from gkmodel's own declarations (the same
  names, types, defaults and strictness as gkmodel's classes): a pydantic
  class per attrs class, made with ``create_model``;
- the sum rules of tables 三 and 四 (the catalogue's ``EachColumn`` and
  ``EachRow`` declarations, the same ones ``gkmodel.check`` evaluates) are
  one plain ``model_validator`` on the report model, reading fields as
  attributes. Each rule's equations are expanded over the edition's rows and
  columns once, when the model is made, into ``operator.attrgetter``s; nothing
  is looked up by name or filtered by string on a call. Like ``gkmodel.check``
  the validator records the broken sums (in ``_broken``) instead of raising,
  so inconsistent reports load in both.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

import attrs
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, create_model, model_validator

from gkmodel.editions import declaration_for_class
from gkmodel.model import REPORT_CLASSES, Edition, ValueKind, info_of
from gkmodel.model.layout import RowSpec
from gkmodel.model.narrative import Block, LocalValue
from gkmodel.rules.catalogue import RULES
from gkmodel.rules.forms import EachColumn, EachRow

CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True)
Count = Annotated[int, Field(ge=0)]
Amount = Annotated[Decimal, Field(ge=0)]
_models: dict[type, type[BaseModel]] = {}

Cells = Callable[[Any], tuple[Any, ...]]


def _cells(paths: list[str]) -> Cells:
    """One getter of the cells at ``paths`` (dotted, from the report), as a tuple."""
    if len(paths) == 1:
        one = attrgetter(paths[0])
        return lambda report: (one(report),)
    return attrgetter(*paths)


def _dotted(row: RowSpec, column: str) -> str:
    return ".".join((*row.path, column))


def sum_equations(report_cls: type) -> list[tuple[str, Cells, Cells]]:
    """Every scalar equation of the sum rules that apply to ``report_cls``, as
    (code, left cells, right cells), derived from the catalogue's declarations once."""
    declaration = declaration_for_class(report_cls)
    assert declaration is not None
    out: list[tuple[str, Cells, Cells]] = []
    for code, rule in RULES.items():
        form = rule.form
        if not declaration.applies(code):
            continue
        if isinstance(form, EachColumn):
            lhs = [r for rows in form.lhs for r in rows.select(report_cls)]
            rhs = [r for rows in form.rhs for r in rows.select(report_cls)]
            for column, _ in lhs[0].columns:
                left = [_dotted(r, column) for r in lhs if column in dict(r.columns)]
                right = [_dotted(r, column) for r in rhs if column in dict(r.columns)]
                out.append((code, _cells(left), _cells(right)))
        elif isinstance(form, EachRow):
            for row in form.rows.select(report_cls):
                parts = [_dotted(row, c) for c, _ in row.columns if c != form.total]
                out.append((code, _cells([_dotted(row, form.total)]), _cells(parts)))
    return out


SUM_RULES = [c for c, r in RULES.items() if isinstance(r.form, (EachColumn, EachRow))]
"""The rules the baseline has as validators: the catalogue's sum rules (its equations over rows
and columns)."""


def _sum_rules(report_cls: type) -> type[BaseModel]:
    equations = sum_equations(report_cls)

    class SumRules(BaseModel):
        """The sum rules of tables 三 and 四, recorded (a blank counts as 0)."""

        model_config = CONFIG
        _broken: list[str] = PrivateAttr(default_factory=list)

        @model_validator(mode="after")
        def _sums(self) -> Any:
            self._broken = [
                code
                for code, left, right in equations
                if sum(v or 0 for v in left(self)) != sum(v or 0 for v in right(self))
            ]
            return self

    return SumRules


def _type(t: Any, info: Any = None) -> Any:
    if t == Block:
        return Union[str, model_of(_local_table())]  # noqa: UP007
    if t == LocalValue:
        return Optional[Union[Count, Amount]]  # noqa: UP007, UP045
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(t) if a is not type(None)]
        return Optional[_type(args[0], info)]  # noqa: UP045
    if origin is tuple:
        return tuple[_type(get_args(t)[0]), ...]
    if t is int:
        return Count if info is not None and info.value is ValueKind.COUNT else int
    if t is Decimal:
        return Amount
    if t in (str, dt.date) or (isinstance(t, type) and issubclass(t, enum.Enum)):
        return t
    if isinstance(t, type) and attrs.has(t):
        return model_of(t)
    raise TypeError(t)


def _local_table() -> type:
    from gkmodel.model.narrative import LocalTable

    return LocalTable


def _base(cls: type) -> type[BaseModel]:
    return _sum_rules(cls) if declaration_for_class(cls) is not None else BaseModel


def model_of(cls: type) -> type[BaseModel]:
    """The pydantic model equivalent to attrs class ``cls`` (made once)."""
    if cls in _models:
        return _models[cls]
    attrs.resolve_types(cls)
    fields: dict[str, Any] = {}
    for f in attrs.fields(cls):
        default = (
            ...
            if f.default is attrs.NOTHING
            else (
                f.default.factory() if isinstance(f.default, attrs.Factory) else f.default  # type: ignore[union-attr]
            )
        )
        t = _type(f.type, info_of(f))
        if attrs.has(type(default)):  # a blank row or table: the model's own blank instance
            default = Field(default_factory=t)
        fields[f.name] = (t, default)
    edition = getattr(cls, "edition", None)
    if isinstance(edition, Edition):
        fields["edition"] = (Literal[edition.value], ...)
    base = _base(cls)
    model = create_model(
        cls.__name__ + "Model",
        __config__=None if base is not BaseModel else CONFIG,
        __base__=base,
        **fields,
    )  # type: ignore[call-overload]
    _models[cls] = model
    return model


def report_models() -> dict[str, type[BaseModel]]:
    """The pydantic model of each edition, by edition tag."""
    return {e.value: model_of(cls) for e, cls in REPORT_CLASSES.items()}


def broken_sums(report: BaseModel) -> list[str]:
    """The sum rules a loaded report breaks, as its validators recorded them."""
    broken: list[str] = report._broken  # type: ignore[attr-defined]
    return broken
