"""An equivalent pydantic v2 model of the report, the baseline of ``make bench``.

Written as a pydantic user would write it, following pydantic's docs
(``ConfigDict(strict=True, extra="forbid", frozen=True)``, ``Annotated[int,
Field(ge=0)]`` for counts, ``Decimal`` for money, ``model_validator(mode="after")``
for rules across fields, ``PrivateAttr`` for what a validator records):

- the fields are declared once, from gkmodel's own declarations (the same
  names, types, defaults and strictness as gkmodel's classes): a pydantic
  class per attrs class, made with ``create_model``;
- the sum rules of tables 三 and 四 are plain ``model_validator``s on the row,
  table and appeals models, reading fields as attributes. The rows a rule
  adds up are resolved once, when the module is imported, into
  ``operator.attrgetter``s; nothing is looked up by name or filtered by string
  on a call. Like ``gkmodel.check`` the validators record the broken sums (in
  ``_broken``) instead of raising, so inconsistent reports load in both.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from decimal import Decimal
from operator import attrgetter
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

import attrs
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, create_model, model_validator

from gkmodel.model import REPORT_CLASSES, Edition
from gkmodel.model._fields import ValueKind, info_of
from gkmodel.model.narrative import Block, LocalValue
from gkmodel.model.requests import ApplicantCounts, Requests2019, Requests2021

CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True)
Count = Annotated[int, Field(ge=0)]
Amount = Annotated[Decimal, Field(ge=0)]
_models: dict[type, type[BaseModel]] = {}

COLUMNS = attrgetter("natural_person", "commercial", "research", "public_interest",
                     "legal_services", "other", "total")  # fmt: skip
"""The seven columns of a row of table 三, as a tuple."""
SIX = attrgetter("natural_person", "commercial", "research", "public_interest",
                 "legal_services", "other")  # fmt: skip
"""The six applicant columns that add up to 总计."""


def _outcome_paths(cls: type, prefix: str = "") -> list[str]:
    """The dotted paths of the outcome rows of table 三's results (not 总计), once."""
    out = []
    for f in attrs.fields(cls):
        if f.name == "total" and not prefix:
            continue
        if f.type is ApplicantCounts or f.type == "ApplicantCounts":
            out.append(prefix + f.name)
        elif isinstance(f.type, type) and attrs.has(f.type):
            out += _outcome_paths(f.type, prefix + f.name + ".")
    return out


def _resolved(cls: type) -> type:
    attrs.resolve_types(cls)
    return cls


OUTCOMES = {
    cls: attrgetter(*_outcome_paths(_resolved(attrs.fields_dict(_resolved(cls))["results"].type)))
    for cls in (Requests2019, Requests2021)
}
"""Per edition, every outcome row of 三、本年度办理结果 as one attrgetter over the results."""


class RowRules(BaseModel):
    """T3-ROW: the six applicant columns add up to 总计 (a blank counts as 0)."""

    model_config = CONFIG
    _broken: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _row_sum(self) -> Any:
        total = sum(v or 0 for v in SIX(self))  # type: ignore[arg-type]
        self._broken = total != (self.total or 0)  # type: ignore[attr-defined]
        return self


def _requests_rules(outcomes: attrgetter[Any]) -> type[BaseModel]:
    class RequestRules(BaseModel):
        """T3-REC and T3-TOT, column by column, and T3-ROW of every row, recorded."""

        model_config = CONFIG
        _broken: list[str] = PrivateAttr(default_factory=list)

        @model_validator(mode="after")
        def _sums(self) -> Any:
            s: Any = self
            results = s.results
            rows = outcomes(results)
            broken = []
            columns = zip(COLUMNS(s.new_received), COLUMNS(s.carried_over),
                          COLUMNS(results.total), COLUMNS(s.carried_forward),
                          *map(COLUMNS, rows), strict=True)  # fmt: skip
            for i, (new, carried, total, forward, *outcome) in enumerate(columns):
                if (new or 0) + (carried or 0) != (total or 0) + (forward or 0):
                    broken.append(f"T3-REC {i}")
                if sum(v or 0 for v in outcome) != (total or 0):
                    broken.append(f"T3-TOT {i}")
            for row in (s.new_received, s.carried_over, results.total, s.carried_forward, *rows):
                if row._broken:
                    broken.append("T3-ROW")
            self._broken = broken
            return self

    return RequestRules


class AppealRules(BaseModel):
    """T4-REV, T4-LIT-D, T4-LIT-R: 结果 columns add up to 总计, recorded."""

    model_config = CONFIG
    _broken: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _sums(self) -> Any:
        s: Any = self
        broken = []
        for code, row in (("T4-REV", s.reconsideration), ("T4-LIT-D", s.litigation.direct),
                          ("T4-LIT-R", s.litigation.after_reconsideration)):  # fmt: skip
            parts = (row.upheld or 0) + (row.corrected or 0) + (row.other or 0) + (row.pending or 0)
            if parts != (row.total or 0):
                broken.append(code)
        self._broken = broken
        return self


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
    from gkmodel.model.appeals import Appeals

    if cls is ApplicantCounts:
        return RowRules
    if cls in OUTCOMES:
        return _requests_rules(OUTCOMES[cls])
    if cls is Appeals:
        return AppealRules
    return BaseModel


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
    r: Any = report
    return [*r.requests._broken, *r.appeals._broken]
