"""One small report per rule that makes the rule fire: the examples of the rule catalogue page.

A test checks that every rule of the catalogue has an example here and that
the example really yields a finding of that rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

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
from gkmodel.model.layout import replace_paths
from gkmodel.rules.engine import Findings, check, check_pair, check_rollup

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


EXAMPLES: dict[str, tuple[str, Callable[[], Findings]]] = {
    "T3-REC": (
        "一、本年新收 自然人 1, everything else 0",
        lambda: check(
            _r2021(requests__new_received__natural_person=1, requests__new_received__total=1),
            select=["T3-REC"],
        ),
    ),
    "T3-TOT": (
        "（七）总计 自然人 2 while every outcome row is 0",
        lambda: check(
            _r2021(requests__results__total__natural_person=2, requests__results__total__total=2),
            select=["T3-TOT"],
        ),
    ),
    "T3-ROW": (
        "（一）予以公开 总计 3 while every applicant column is 0",
        lambda: check(_r2021(requests__results__granted__total=3), select=["T3-ROW"]),
    ),
    "T4-REV": (
        "行政复议 结果维持 10, 结果纠正 1, 总计 0 (as 洪泽区 2023 published it)",
        lambda: check(
            _r2021(appeals__reconsideration__upheld=10, appeals__reconsideration__corrected=1),
            select=["T4-REV"],
        ),
    ),
    "T4-LIT-D": (
        "未经复议直接起诉 其他结果 2, 总计 0",
        lambda: check(_r2021(appeals__litigation__direct__other=2), select=["T4-LIT-D"]),
    ),
    "T4-LIT-R": (
        "复议后起诉 结果维持 5, 总计 0 (as 洪泽区 2023 published it)",
        lambda: check(
            _r2021(appeals__litigation__after_reconsideration__upheld=5), select=["T4-LIT-R"]
        ),
    ),
    "T2-PUB": (
        "2019 edition: 规范性文件 本年新公开数量 3, 对外公开总数量 0",
        lambda: check(_r2019(active_disclosure__item1__normative__published=3), select=["T2-PUB"]),
    ),
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
    "X-CARRY": (
        "2024 carried forward 5; 2025 says 3 were carried over",
        lambda: _pair(
            "X-CARRY",
            _r2021(requests__carried_forward__natural_person=5, requests__carried_forward__total=5),
            _with_meta(
                _r2021(requests__carried_over__natural_person=3, requests__carried_over__total=3),
                year=2025,
            ),
        ),
    ),
    "X-ITEMS": (
        "2019: 行政许可 上一年项目数量 10, 本年增/减 -2; 2020: 上一年项目数量 10",
        lambda: _pair(
            "X-ITEMS",
            _with_meta(
                _r2019(
                    active_disclosure__item5__licensing__previous=10,
                    active_disclosure__item5__licensing__change=-2,
                ),
                year=2019,
            ),
            _r2019(active_disclosure__item5__licensing__previous=10),
        ),
    ),
    "X-VALID": (
        "2024: 20 in force; 2025: 3 issued, 1 repealed, 20 in force",
        lambda: _pair(
            "X-VALID",
            _r2021(active_disclosure__item1__normative__in_force=20),
            _with_meta(
                _r2021(
                    active_disclosure__item1__normative__issued=3,
                    active_disclosure__item1__normative__repealed=1,
                    active_disclosure__item1__normative__in_force=20,
                ),
                year=2025,
            ),
        ),
    ),
    "X-PAIR": (
        "comparing a 2024 report with another 2024 report",
        lambda: _pair("X-PAIR", _r2021(), _r2021()),
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
