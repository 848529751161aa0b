"""Parts left out (2021 edition): an empty text section, a table blank in every cell.

The 2021 format says of the report's content “不能遗漏，也不宜泛化”: no part may
be left out.  A text section (一, 五, 六) with no paragraph and no table, or an
official table (二, 三, 四) without a single filled cell, is reported as a warning
(``R-SECTION``, ``R-TABLE``).  The 2019 format has no such sentence: its reports
are not checked for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from gkmodel.model.layout import sections
from gkmodel.model.narrative import Narrative, OtherMatters
from gkmodel.model.report import AnnualReport, AnnualReport2021

__all__ = ["blank_tables", "empty_sections"]


def _is_empty(n: Narrative) -> bool:
    if n.content or any(sub.content for sub in n.subsections):
        return False
    return not (isinstance(n, OtherMatters) and n.fees is not None)


def empty_sections(report: AnnualReport) -> Iterator[tuple[str, str]]:
    """(path, heading) of each text section of a 2021-edition report that says nothing."""
    if not isinstance(report, AnnualReport2021):
        return
    for s in sections(type(report)):
        value = getattr(report, s.name)
        if isinstance(value, Narrative) and _is_empty(value):
            yield f"$.{s.name}", s.heading


def blank_tables(
    report: AnnualReport,
    cells: Sequence[Any],
    spans: Mapping[str, tuple[int, int]],
    paths: Sequence[str],
) -> Iterator[tuple[str, str, int]]:
    """(table, path of its section, number of cells) of each table blank in every cell.

    ``cells`` are the values of the report's table cells, ``paths`` their paths and
    ``spans`` where each table's cells are among them (as the checker reads them).
    """
    if not isinstance(report, AnnualReport2021):
        return
    for table in ("二", "三", "四"):
        start, stop = spans[table]
        if all(value is None for value in cells[start:stop]):
            section = paths[start].split(".")[1]  # $.requests.new_received… → requests
            yield table, f"$.{section}", stop - start
