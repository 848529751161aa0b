"""One small report per rule that makes the rule fire: the examples of the rule catalogue page.

The example of a rule declared as an equation, an inequality or a cross-year
equation is derived from its declaration: a report of an edition the rule
applies to, every cell 0 but one cell of the rule's first equation, set so
that the rule fails.  The rules checked by a function have a scenario made
by hand.  A test checks that every rule of the catalogue has an example here
and that the example really yields a finding of that rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from gkmodel.editions import EDITIONS, EditionDeclaration
from gkmodel.model import (
    AnnualReport,
    AnnualReport2019,
    AnnualReport2021,
    ApplicantCounts,
    LocalRow,
    LocalTable,
    Money,
    MoneyUnit,
    Narrative,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
    Results2019,
    Subsection,
)
from gkmodel.model.layout import RowSpec, replace_paths
from gkmodel.rules._equations import equations
from gkmodel.rules.catalogue import RULES, Rule
from gkmodel.rules.engine import Findings, check, check_pair, check_rollup
from gkmodel.rules.forms import AcrossYears, AtMost, EachColumn, EachColumnAcrossYears, EachRow

__all__ = ["EXAMPLES"]

_ORGAN = Organ(name="某县人民政府", level=OrganLevel.COUNTY_GOVERNMENT)


def _r2021(**cells: Any) -> AnnualReport2021:
    report = AnnualReport2021.empty(ReportMeta(organ=_ORGAN, year=2024), zeros=True)
    return replace_paths(report, {tuple(k.split("__")): v for k, v in cells.items()})


def _r2019(**cells: Any) -> AnnualReport2019:
    report = AnnualReport2019.empty(ReportMeta(organ=_ORGAN, year=2020), zeros=True)
    return replace_paths(report, {tuple(k.split("__")): v for k, v in cells.items()})


def _with_meta(report: AnnualReport, **changes: Any) -> Any:
    return attrs.evolve(report, meta=attrs.evolve(report.meta, **changes))


def _repair() -> Findings:
    zero = ApplicantCounts(natural_person=0, total=0)
    r = _r2019()
    results = attrs.evolve(
        Results2019.uniform(zero), total=ApplicantCounts(natural_person=4, total=4)
    )
    r = attrs.evolve(
        r,
        requests=attrs.evolve(
            r.requests, new_received=zero, carried_over=zero, results=results, carried_forward=zero
        ),
    )
    return check(r, select=["R-REPAIR"])


def _local_table() -> Findings:
    table = LocalTable(
        columns=("项目", "数量（条）"),
        rows=(
            LocalRow(label="主动公开信息", values=(10,), total_of=(1, 2)),
            LocalRow(label="其中：政策文件", values=(4,)),
            LocalRow(label="工作动态", values=(5,)),
        ),
    )
    overview = Narrative(subsections=(Subsection(title="主动公开", content=(table,)),))
    return check(attrs.evolve(_r2021(), overview=overview), select=["LT-TOTAL"])


def _enum() -> Findings:
    text = "一是完善制度。三是加强培训。"
    overview = Narrative(subsections=(Subsection(title="政府信息管理", content=(text,)),))
    return check(attrs.evolve(_r2021(), overview=overview), select=["R-ENUM"])


def _pair(code: str, previous: AnnualReport, current: AnnualReport) -> Findings:
    return Findings(f for f in check_pair(previous, current) if f.code == code)


_HANDMADE: dict[str, tuple[str, Callable[[], Findings]]] = {
    "T2-REGS": (
        "a 县级政府 reporting 1 rule issued",
        lambda: check(_r2021(active_disclosure__item1__rules__issued=1), select=["T2-REGS"]),
    ),
    "T2-MONEY": (
        "本年收费金额 0.0000001 万元",
        lambda: check(
            _r2021(
                active_disclosure__item8__fees__amount=Money(
                    amount=Decimal("0.0000001"), unit=MoneyUnit.WAN_YUAN
                )
            ),
            select=["T2-MONEY"],
        ),
    ),
    "LT-TOTAL": ("a local table whose total row says 10 for 4 + 5", _local_table),
    "R-EDITION": (
        "a 2022 report in the 2019 layout",
        lambda: check(_with_meta(_r2019(), year=2022), select=["R-EDITION"]),
    ),
    "R-PERIOD": (
        "a 2024 report whose period runs to 2025-01-31",
        lambda: check(
            _with_meta(
                _r2021(), period=Period(start=dt.date(2024, 1, 1), end=dt.date(2025, 1, 31))
            ),
            select=["R-PERIOD"],
        ),
    ),
    "R-EARLY": (
        "a 2024 report dated 2024-12-31",
        lambda: check(_with_meta(_r2021(), published=dt.date(2024, 12, 31)), select=["R-EARLY"]),
    ),
    "R-DEADLINE": (
        "a 县级政府's 2024 report dated 2025-04-01",
        lambda: check(_with_meta(_r2021(), published=dt.date(2025, 4, 1)), select=["R-DEADLINE"]),
    ),
    "R-BLANK": (
        "a report whose tables are all blank",
        lambda: Findings(
            check(AnnualReport2021.empty(ReportMeta(organ=_ORGAN, year=2024)), select=["R-BLANK"])[
                :1
            ]
        ),
    ),
    "R-SECTION": (
        "a 2024 report whose sections 一, 五 and 六 say nothing",
        lambda: check(_r2021(), select=["R-SECTION"]),
    ),
    "R-TABLE": (
        "a 2024 report whose table 二 is blank in every cell",
        lambda: check(
            AnnualReport2021.empty(ReportMeta(organ=_ORGAN, year=2024)), select=["R-TABLE"]
        ),
    ),
    "R-ENUM": ("a paragraph that says 一是 … 三是", _enum),
    "R-REPAIR": ("the seed report's table 三: （七）总计 自然人 4, all else 0", _repair),
    "R-CHECK": ("check() given something that is not a report", lambda: check("不是报告")),  # type: ignore[arg-type]
    "X-PAIR": (
        "comparing a 2024 report with another 2024 report",
        lambda: _pair("X-PAIR", _r2021(), _r2021()),
    ),
    "X-PAIR-UNSTATED": (
        "comparing a 2023 report that does not state its organ with a 2024 report",
        lambda: _pair(
            "X-PAIR-UNSTATED",
            _with_meta(_r2021(), organ=Organ(name=Organ.UNSTATED), year=2023),
            _r2021(),
        ),
    ),
    "X-ROLLUP": (
        "a county total of 7 new requests from two parts of 3 each",
        lambda: Findings(
            check_rollup(
                _r2021(requests__new_received__total=7),
                [_r2021(requests__new_received__total=3)] * 2,
            )
        ),
    ),
}
"""The examples of the rules that are no equation: a scenario each, made by hand."""


def _zeros(declaration: EditionDeclaration, year: int | None = None) -> Any:
    meta = ReportMeta(organ=_ORGAN, year=year or max(declaration.first_year, 2020))
    return declaration.report_class.empty(meta, zeros=True)


def _cell_label(row: RowSpec, column: str) -> str:
    label = dict(row.columns)[column].label
    return f"“{row.label}” × “{label}”"


def _editions(rule: Rule) -> list[EditionDeclaration]:
    """The editions the rule applies to, newest first."""
    return [d for d in reversed(EDITIONS.values()) if d.applies(rule.code)]


def _derived(rule: Rule) -> tuple[str, Callable[[], Findings]] | None:
    """The example derived from a rule's declaration (None: a rule checked by a function)."""
    form, code = rule.form, rule.code
    for declaration in _editions(rule):
        cls = declaration.report_class
        rows = {r.path: r for r in declaration.rows}
        if isinstance(form, EachColumn | EachRow):
            eqs = [eq for eq in equations(cls) if eq.code == code]
            if not eqs:
                continue
            eq = eqs[0]
            cell = next(p for p in eq.cells if p != eq.focus)
            path = tuple(cell[2:].split("."))
            where = _cell_label(rows[path[:-1]], path[-1])
            report = replace_paths(_zeros(declaration), {path: 1})
            return (
                f"{where} 1, every other cell 0 ({declaration.key} edition)",
                lambda report=report: check(report, select=[code]),
            )
        if isinstance(form, AtMost):
            found = [
                r
                for r in form.rows.select(cls)
                if {form.cell, form.bound} <= dict(r.columns).keys()
            ]
            if not found:
                continue
            row = found[0]
            report = replace_paths(_zeros(declaration), {(*row.path, form.cell): 1})
            return (
                f"{_cell_label(row, form.cell)} 1, {_cell_label(row, form.bound)} 0 "
                f"({declaration.key} edition)",
                lambda report=report: check(report, select=[code]),
            )
        if isinstance(form, EachColumnAcrossYears | AcrossYears):
            if isinstance(form, AcrossYears):
                needed = {form.reported, *(t.column for t in form.computed)}
                found = [r for r in form.rows.select(cls) if needed <= dict(r.columns).keys()]
                column = form.reported
            else:
                found = list(form.this_year.select(cls))
                column = found[0].columns[0][0] if found else ""
            if not found:
                continue
            row = found[0]
            year = max(declaration.first_year + 1, 2020)
            previous = _zeros(declaration, year - 1)
            current = replace_paths(_zeros(declaration, year), {(*row.path, column): 1})
            return (
                f"{year}: {_cell_label(row, column)} 1; every cell of {year} and {year - 1} "
                f"else 0 ({declaration.key} edition)",
                lambda previous=previous, current=current: _pair(code, previous, current),
            )
    return None


def _narrative() -> None:
    # The N- rules' examples live beside their checker (gkmodel.rules.narrative).
    from gkmodel.rules.narrative import narrative_examples

    _HANDMADE.update(narrative_examples())


_narrative()


def _examples() -> dict[str, tuple[str, Callable[[], Findings]]]:
    out = {}
    for rule in RULES.values():
        example = _derived(rule) or _HANDMADE.get(rule.code)
        if example is None:
            raise LookupError(f"rule {rule.code} has no example")
        out[rule.code] = example
    return out


EXAMPLES: dict[str, tuple[str, Callable[[], Findings]]] = _examples()
"""The example of each rule, by code, in catalogue order: (description, findings maker)."""
