"""Derived read-only views: sums of cells and subtotals of row groups.

A blank cell (None) is absent, not zero: a sum of blanks is blank, and a sum
of some blanks and some numbers is the sum of the numbers.  The checker has
its own, explicit option for blanks; these views are for reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, Self, TypeVar

import attrs

from gkmodel.errors import CellValueError
from gkmodel.model._fields import Kind, info_of

__all__ = ["Row", "RowGroup", "sum_optional", "sum_rows"]

R = TypeVar("R")


def sum_optional(values: Iterable[int | None]) -> int | None:
    """Add up the non-blank values; None when every value is blank.

    >>> sum_optional([1, None, 2]), sum_optional([None, None])
    (3, None)
    """
    seen = [v for v in values if v is not None]
    return sum(seen) if seen else None


def sum_rows(cls: type[R], rows: Iterable[R]) -> R:
    """A row of ``cls`` whose every cell is the :func:`sum_optional` of ``rows``' cells."""
    rows = list(rows)
    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    return cls(**{n: sum_optional(getattr(r, n) for r in rows) for n in names})


class Row:
    """Mixin of the row classes: build a row from its cells in column order."""

    __slots__ = ()

    @classmethod
    def of(cls, *values: Any) -> Self:
        """The row whose cells, in column order, are ``values`` (one per column).

        >>> from gkmodel.model.appeals import CaseOutcomes
        >>> CaseOutcomes.of(72, 64, 178, 37, 351).total
        351
        """
        names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
        if len(values) != len(names):
            raise CellValueError(cls.__name__, f"{len(names)} values ({', '.join(names)})", values)
        return cls(**dict(zip(names, values, strict=True)))


class RowGroup(Generic[R]):
    """Mixin for a group of rows (e.g. （三）不予公开): iteration and subtotal."""

    __slots__ = ()

    def leaf_rows(self) -> Iterator[tuple[str, R]]:
        """Every data row below this group, in table order, as (dotted path, row)."""
        yield from _leaf_rows(self, "")

    @classmethod
    def uniform(cls, row: Any) -> Any:
        """This group with every data row below it equal to ``row``.

        >>> from gkmodel.model.requests import ApplicantCounts, Denied
        >>> Denied.uniform(ApplicantCounts(natural_person=0, total=0)).third_party.total
        0
        """
        kwargs: dict[str, Any] = {}
        for field in attrs.fields(cls):  # type: ignore[arg-type]
            info = info_of(field)
            if info is None or info.target is None:
                continue
            if info.kind is Kind.ROW:
                kwargs[field.name] = row
            elif info.kind is Kind.GROUP:
                target: Any = info.target
                kwargs[field.name] = target.uniform(row)
        return cls(**kwargs)

    @property
    def subtotal(self) -> R:
        """The rows added up column by column (a derived view; not a printed row)."""
        rows = [r for _, r in self.leaf_rows()]
        return sum_rows(type(rows[0]), rows)


def _leaf_rows(obj: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    for field in attrs.fields(type(obj)):
        info = info_of(field)
        if info is None:
            continue
        value = getattr(obj, field.name)
        if info.kind is Kind.ROW:
            yield prefix + field.name, value
        elif info.kind is Kind.GROUP:
            yield from _leaf_rows(value, f"{prefix}{field.name}.")
