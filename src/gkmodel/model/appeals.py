"""四、政府信息公开行政复议、行政诉讼情况 — table 四, both editions.

One data row of 15 cells: 行政复议 (5 columns) and 行政诉讼, which splits into
未经复议直接起诉 and 复议后起诉 (5 columns each).  Identical in both editions.

>>> a = Appeals(reconsideration=CaseOutcomes(upheld=10, corrected=1, total=11))
>>> a.reconsideration.outcomes
(10, 1, None, None)
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from gkmodel.model._build import Table
from gkmodel.model._fields import count, group, prose, row
from gkmodel.model._views import Row

__all__ = ["Appeals", "CaseOutcomes", "Litigation"]

BASIS = "条例第五十条第（三）项；年报格式 表四"


@attrs.frozen(kw_only=True)
class CaseOutcomes(Row):
    """Five columns: the results of one kind of case, and their 总计."""

    upheld: int | None = count("结果维持", en="upheld", basis=BASIS)
    corrected: int | None = count("结果纠正", en="corrected", basis=BASIS)
    other: int | None = count("其他结果", en="other result", basis=BASIS)
    pending: int | None = count("尚未审结", en="pending at year end", basis=BASIS)
    total: int | None = count("总计", en="total", basis=BASIS)

    @property
    def outcomes(self) -> tuple[int | None, ...]:
        """The four result columns, without 总计."""
        return (self.upheld, self.corrected, self.other, self.pending)


@attrs.frozen(kw_only=True)
class Litigation:
    """行政诉讼: lawsuits filed directly and after reconsideration."""

    direct: CaseOutcomes = row("未经复议直接起诉", CaseOutcomes, en="filed directly", basis=BASIS)
    after_reconsideration: CaseOutcomes = row(
        "复议后起诉", CaseOutcomes, en="filed after reconsideration", basis=BASIS
    )


@attrs.frozen(kw_only=True)
class Appeals(Table):
    """Table 四: 15 cells, the same in both editions."""

    TABLE: ClassVar[str] = "四"

    reconsideration: CaseOutcomes = row(
        "行政复议", CaseOutcomes, en="administrative reconsideration", basis=BASIS
    )
    litigation: Litigation = group(
        "行政诉讼", Litigation, en="administrative litigation", basis=BASIS
    )
    intro: tuple[str, ...] = prose()
    notes: tuple[str, ...] = prose()
