"""The forms a rule of the catalogue takes: what it compares, over which rows and columns.

A rule declares *what* holds, once, over model paths and row/column
selectors; the checker (:mod:`gkmodel.rules.engine`) evaluates every form
generically, from the report class's layout, for either edition.

>>> from gkmodel.model.report import AnnualReport2021
>>> rows = Rows("appeals.litigation").select(AnnualReport2021)
>>> [r.path for r in rows]
[('appeals', 'litigation', 'direct'), ('appeals', 'litigation', 'after_reconsideration')]
>>> len(Rows("requests.results", without=("total",)).select(AnnualReport2021))
21
"""

from __future__ import annotations

import attrs

from gkmodel.model.layout import Rows

__all__ = [
    "AcrossYears",
    "AtMost",
    "EachColumn",
    "EachColumnAcrossYears",
    "EachRow",
    "Form",
    "Function",
    "Internal",
    "LocalTotals",
    "Repairs",
    "Rows",
    "Term",
]


class Form:
    """The base of the forms; a form is a frozen declaration, compared by value."""

    __slots__ = ()

    @property
    def is_equation(self) -> bool:
        """True for the forms evaluated as linear equations (and their repairs)."""
        return False


@attrs.frozen
class EachColumn(Form):
    """∀ column c: Σ_{r∈lhs} X[r][c] = Σ_{r∈rhs} X[r][c], reported at ``focus``[c].

    The columns are those of the first row of ``lhs``.
    """

    lhs: tuple[Rows, ...]
    rhs: tuple[Rows, ...]
    focus: Rows

    @property
    def is_equation(self) -> bool:
        return True


@attrs.frozen
class EachRow(Form):
    """∀ row r of ``rows``: X[r][total] = Σ_{c≠total} X[r][c], reported at X[r][total]."""

    rows: Rows
    total: str = "total"

    @property
    def is_equation(self) -> bool:
        return True


@attrs.frozen
class LocalTotals(Form):
    """∀ row t a local table declares a total, ∀c: X[t][c] = Σ_{r∈parts(t)} X[r][c]."""

    @property
    def is_equation(self) -> bool:
        return True


@attrs.frozen
class Repairs(Form):
    """Single cells whose change would make several failing equations hold."""

    @property
    def is_equation(self) -> bool:
        return True


@attrs.frozen
class AtMost(Form):
    """∀ row r of ``rows`` that has both columns: X[r][cell] ≤ X[r][bound]."""

    rows: Rows
    cell: str
    bound: str


@attrs.frozen
class Term:
    """A cell of a row in a pair of reports: this year's or last year's, added or taken away."""

    column: str
    last_year: bool = False
    sign: int = 1


@attrs.frozen
class AcrossYears(Form):
    """∀ row r of ``rows`` in both years: X_Y[r][reported] = Σ terms (for :func:`check_pair`).

    A row that the previous report's class lacks, or that lacks a column, is not compared.
    """

    rows: Rows
    reported: str
    computed: tuple[Term, ...]


@attrs.frozen
class EachColumnAcrossYears(Form):
    """∀ column c: X_Y[this_year][c] = X_{Y−1}[last_year][c] (for :func:`check_pair`)."""

    this_year: Rows
    last_year: Rows


@attrs.frozen
class Function(Form):
    """A rule that is no equation, checked by a named function (``"package.module:name"``).

    The function receives the checking context (and, for a pair or a roll-up,
    the reports compared) and yields the rule's findings, in order:

    * report scope: ``fn(ctx)``;
    * pair scope: ``fn(ctx, previous, current)``;
    * roll-up scope: ``fn(ctx, total, parts)``.
    """

    target: str


@attrs.frozen
class Internal(Form):
    """A finding the checker itself makes (a check that could not run)."""
