"""One small report per N- rule that makes it fire: examples for the rule catalogue page."""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal

import attrs

from gkmodel.model import (
    AnnualReport2021,
    Money,
    MoneyUnit,
    Narrative,
    Organ,
    OrganLevel,
    ProcessingFees,
    ReportMeta,
)
from gkmodel.rules.engine import Findings, check

__all__ = ["narrative_examples"]

_SENTENCES = {
    "N-RECEIVED": "2024年，本机关共收到政府信息公开申请七十件。",
    "N-HANDLED": "全年共收到申请0件，办结5件。",
    "N-CARRIED-OVER": "办结0件（含上年结转申请2件）。",
    "N-CARRIED-FORWARD": "另有3件结转下年度办理。",
    "N-REVIEWS": "全年收到行政复议申请两件。",
    "N-SUITS": "政府信息公开行政诉讼4件。",
    "N-APPEALS": "依法做好行政复议、行政诉讼案件的应诉工作，共办理相关案件6件。",
    "N-RULES": "全年制发规章1件。",
    "N-NORMATIVE": "全年印发行政规范性文件8件。",
    "N-ADMIN-FEES": "全年收取行政事业性收费12.5万元。",
    "N-FEES": "本年度收取信息处理费380元。",
}


def _example(code: str) -> Findings:
    meta = ReportMeta(organ=Organ(name="某市人民政府", level=OrganLevel.CITY_GOVERNMENT), year=2024)
    report = AnnualReport2021.empty(meta, zeros=True)
    report = attrs.evolve(report, overview=Narrative(content=(_SENTENCES[code],)))
    if code == "N-FEES":
        fees = ProcessingFees(amount_collected=Money(amount=Decimal(0), unit=MoneyUnit.YUAN))
        report = attrs.evolve(report, other_matters=attrs.evolve(report.other_matters, fees=fees))
    return check(report, select=[code])


def narrative_examples() -> dict[str, tuple[str, Callable[[], Findings]]]:
    """The example of each N- rule: a narrative sentence against tables of 0."""
    return {
        code: (f"the narrative says “{text}”, the tables hold 0", functools.partial(_example, code))
        for code, text in _SENTENCES.items()
    }
