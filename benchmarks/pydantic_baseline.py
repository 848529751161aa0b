"""An equivalent pydantic v2 model of the report, the baseline of ``make bench``.

The models are generated from gkmodel's own declarations, so they have the
same fields, the same strictness (no coercion, unknown keys forbidden,
counts >= 0, money as decimals) and the same sum rules of tables 三 and 四
as ``model_validator``s.  Like ``gkmodel.check`` the validators record the
broken sums instead of raising, so inconsistent reports load in both.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union, get_args, get_origin

import attrs
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from gkmodel.model import REPORT_CLASSES, Edition
from gkmodel.model._fields import ValueKind, info_of
from gkmodel.model.narrative import Block, LocalValue

CONFIG = ConfigDict(strict=True, extra="forbid", frozen=True)
Count = Annotated[int, Field(ge=0)]
Amount = Annotated[Decimal, Field(ge=0)]
_models: dict[type, type[BaseModel]] = {}


def _sum(values: list[int | None]) -> int:
    return sum(v or 0 for v in values)


def _rows_of(model: BaseModel) -> list[tuple[str, BaseModel]]:
    out = []
    for name, value in model:
        if isinstance(value, BaseModel):
            if "natural_person" in type(value).model_fields:
                out.append((name, value))
            else:
                out += [(f"{name}.{n}", v) for n, v in _rows_of(value)]
    return out


class RequestRules(BaseModel):
    """Table 三's sum rules, recorded (not raised), as gkmodel's checker does."""

    model_config = CONFIG

    @model_validator(mode="after")
    def _sums(self) -> Any:
        broken: list[str] = []
        rows = dict(_rows_of(self))
        columns = list(type(rows["new_received"]).model_fields)
        outcomes = [r for k, r in rows.items() if k.startswith("results.") and k != "results.total"]
        for c in columns:
            new, carry = getattr(rows["new_received"], c), getattr(rows["carried_over"], c)
            total, fwd = getattr(rows["results.total"], c), getattr(rows["carried_forward"], c)
            if _sum([new, carry]) != _sum([total, fwd]):
                broken.append(f"T3-REC {c}")
            if _sum([getattr(r, c) for r in outcomes]) != (total or 0):
                broken.append(f"T3-TOT {c}")
        for key, row in rows.items():
            six = [getattr(row, c) for c in columns if c != "total"]
            if _sum(six) != (row.total or 0):
                broken.append(f"T3-ROW {key}")
        object.__setattr__(self, "__pydantic_private__", {"broken": broken})
        return self


class AppealRules(BaseModel):
    """Table 四's sum rules, recorded."""

    model_config = CONFIG

    @model_validator(mode="after")
    def _sums(self) -> Any:
        broken = []
        for name, row in (
            ("reconsideration", self.reconsideration),  # type: ignore[attr-defined]
            ("direct", self.litigation.direct),  # type: ignore[attr-defined]
            ("after", self.litigation.after_reconsideration),  # type: ignore[attr-defined]
        ):
            if _sum([row.upheld, row.corrected, row.other, row.pending]) != (row.total or 0):
                broken.append(name)
        object.__setattr__(self, "__pydantic_private__", {"broken": broken})
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


def model_of(cls: type) -> type[BaseModel]:
    """The pydantic model equivalent to attrs class ``cls``."""
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
    base: type[BaseModel] = BaseModel
    if cls.__name__.startswith("Requests"):
        base = RequestRules
    elif cls.__name__ == "Appeals":
        base = AppealRules
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
