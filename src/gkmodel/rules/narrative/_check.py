"""The N- rules: each claim of the narrative against the cells (or the sum) it states.

A claim is compared only when every cell it needs holds a number (a blank is
not a number; with ``blank_as_zero`` blanks count as 0 and are listed).  A
finding's path is the paragraph's; its message quotes the sentence and names
the cells with their official labels, with both numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from gkmodel.model import info_of
from gkmodel.model.layout import sections
from gkmodel.model.narrative import ProcessingFees
from gkmodel.rules.narrative._claims import Claim, Quantity, extract_claims

if TYPE_CHECKING:
    from gkmodel.rules.context import Context as _Context
    from gkmodel.rules.findings import Finding

__all__ = ["NARRATIVE_CODES", "check_claim_rule", "check_claims", "claim_cells"]

NARRATIVE_CODES = frozenset(q.code for q in Quantity)
"""The codes of the rules on narrative claims."""

_UNITS_EN = {"件": "", "元": " yuan", "万元": " (10,000 yuan)"}
_YUAN = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


def claim_cells(claim: Claim) -> tuple[str, ...]:
    """The model paths a claim is compared with (section 六's fee facts for 信息处理费)."""
    if claim.quantity is Quantity.PROCESSING_FEES:
        return ("$.other_matters.fees.amount_collected",)
    return claim.cells


def _cell_name(ctx: _Context, paths: tuple[str, ...]) -> tuple[str, str, str, str]:
    """(zh, en, row, column) naming the cells; labels from the model."""
    zh, en, rows, columns = [], [], [], []
    for path in paths:
        table, row, column = ctx.labels(path)
        zh.append(f"表{table}“{row}”×“{column}”")
        en.append(f"Table {table} “{row}” × “{column}”")
        rows.append(row or "")
        columns.append(column or "")
    column = columns[0] if len(set(columns)) == 1 else " + ".join(columns)
    return " + ".join(zh), " + ".join(en), " + ".join(rows), column


def _fees_name(ctx: _Context) -> tuple[str, str, str, str]:
    section = next(s for s in sections(type(ctx.report)) if s.name == "other_matters")
    info = info_of(attrs.fields(ProcessingFees).amount_collected)
    assert info is not None
    label = info.label
    return (f"{section.heading}“{label}”", f"section {section.info.numeral} “{label}”",
            "信息处理费", label)  # fmt: skip


def _sum(ctx: _Context, paths: tuple[str, ...]) -> tuple[int | None, list[str]]:
    """The sum of the cells, or None when one is blank (unless blanks count as 0)."""
    total = 0
    blank = []
    for path in paths:
        value = ctx.value(path)
        if value is None:
            if not ctx.blank_as_zero or path in ctx.unread:
                return None, [path]
            blank.append(path)
            continue
        total += value
    return total, blank


def _money(claim: Claim, unit: str) -> Decimal:
    """The claimed amount in ``unit``."""
    return Decimal(claim.value) * _YUAN[claim.unit] / _YUAN[unit]


_Compared = tuple[Any, Any, tuple[str, ...], list[str], str]


def _compare(ctx: _Context, claim: Claim) -> _Compared | None:
    """(claimed, table value, cells, blank, unit) when the claim and the tables disagree."""
    if claim.quantity is Quantity.PROCESSING_FEES:
        fees = getattr(ctx.report.other_matters, "fees", None)
        stated = fees.amount_collected if fees is not None else None
        if stated is None:
            return None  # the report states no fee facts to compare with
        claimed = _money(claim, stated.unit.value)
        if claimed == stated.amount:
            return None
        return claimed, stated.amount, claim_cells(claim), [], stated.unit.value
    if claim.quantity is Quantity.ADMIN_FEES:
        cell = ctx.value(claim.cells[0])
        if cell is None:
            return None
        claimed = _money(claim, cell.unit.value)
        if claimed == cell.amount:
            return None
        return claimed, cell.amount, claim.cells, [], cell.unit.value
    first: tuple[int, list[str]] | None = None
    for paths in (claim.cells, *claim.alternatives):
        total, blank = _sum(ctx, paths)
        if total is None:
            return None  # not evaluated: a blank is not a number
        if total == claim.value:
            return None
        if first is None:
            first = (total, blank)
    assert first is not None
    return claim.value, first[0], claim.cells, first[1], claim.unit


_last: list[tuple[object, dict[str | None, list[Claim]]]] = []


def _claims_of(report: object, code: str | None) -> list[Claim]:
    """The claims of ``report`` of rule ``code`` (all for None), extracted once for the eleven
    N- rules of one check."""
    if _last and _last[0][0] is report:
        return _last[0][1].get(code, [])
    claims = extract_claims(report)  # type: ignore[arg-type]
    by_code: dict[str | None, list[Claim]] = {None: list(claims)}
    for claim in claims:
        by_code.setdefault(claim.quantity.value, []).append(claim)
    _last[:] = [(report, by_code)]
    return by_code.get(code, [])


def check_claim_rule(ctx: _Context, code: str) -> Iterator[Finding]:
    """The findings of the N- rule ``code`` (the catalogue's check function for it)."""
    return check_claims(ctx, code)


def check_claims(ctx: _Context, code: str | None = None) -> Iterator[Finding]:
    """A finding for each claim of the narrative that the tables contradict (of rule ``code``)."""
    zh = ctx.lang == "zh"
    for claim in _claims_of(ctx.report, code):
        compared = _compare(ctx, claim)
        if compared is None:
            continue
        claimed, table_value, paths, blank, unit = compared
        if claim.quantity is Quantity.PROCESSING_FEES:
            name_zh, name_en, row, column = _fees_name(ctx)
            table = "六"
        else:
            name_zh, name_en, row, column = _cell_name(ctx, paths)
            table = ctx.labels(paths[0])[0] or ""
        shown = f"{ctx.num(claimed)} {unit}" if zh else f"{ctx.num(claimed)}{_UNITS_EN[unit]}"
        yield ctx.finding(
            claim.quantity.code,
            claim.path,
            reported=claimed,
            computed=table_value,
            difference=claimed - table_value,
            blank=blank,
            table=table,
            row=row,
            column=column,
            sentence=claim.sentence,
            claimed=shown,
            cell=name_zh if zh else name_en,
        )
