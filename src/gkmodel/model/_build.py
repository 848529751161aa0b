"""Generic constructors derived from the declarations: zero-filled tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

import attrs

from gkmodel.model._fields import Kind, ValueKind, info_of
from gkmodel.model.common import Money, MoneyUnit

__all__ = ["Table", "zero_filled"]

T = TypeVar("T")


def zero_filled(cls: type[T]) -> T:
    """An instance of table class ``cls`` whose every cell is 0 (money: 0 in its unit, or 元)."""
    kwargs: dict[str, Any] = {}
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        info = info_of(field)
        if info is None:
            continue
        if info.kind is Kind.CELL:
            if info.value is ValueKind.MONEY:
                kwargs[field.name] = Money(amount=Decimal(0), unit=info.unit or MoneyUnit.YUAN)
            else:
                kwargs[field.name] = 0
        elif info.target is not None:
            kwargs[field.name] = zero_filled(info.target)
    return cls(**kwargs)


class Table:
    """Mixin of the three official tables (二, 三, 四)."""

    __slots__ = ()

    @classmethod
    def zeros(cls: type[T]) -> T:
        """The table with every cell filled with 0 (a table left blank is ``cls()``)."""
        return zero_filled(cls)
