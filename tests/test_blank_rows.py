"""Rows printed entirely blank read back as blank cells in every format.

A row with no numbers (a fee row left empty, a row of table 四 not filled in) is
printed with its label and empty cells.  Read back, its cells are None: never 0,
never shifted, never the next row's numbers.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.io.cells import to_cells
from gkmodel.model.layout import RowSpec, replace_paths, report_rows
from gkmodel.readers import read
from gkmodel.readers._items import _md_cells
from gkmodel.testing import strip_embedded

from .conftest import EXAMPLES

REPORTS = {
    name: gkmodel.load(EXAMPLES / "data" / f"{name}.json")
    for name in ("huaian_2024", "shangguan_2020")
}
FORMATS = ("text", "md", "html", "docx")


def _blanked(report: gkmodel.AnnualReport, rows: list[RowSpec]) -> gkmodel.AnnualReport:
    return replace_paths(report, {(*r.path, name): None for r in rows for name, _ in r.columns})


def _page(report: gkmodel.AnnualReport, fmt: str) -> bytes:
    if fmt == "docx":
        data = gkmodel.render(report, to="docx", embed_json=False)
        assert isinstance(data, bytes)
        return data
    page = gkmodel.render(report, to=fmt)  # type: ignore[call-overload]
    assert isinstance(page, str)
    return strip_embedded(page).encode()


def _numbers(report: gkmodel.AnnualReport) -> dict[str, Any]:
    return {c["path"]: c["value"] for c in to_cells(report)}


def _assert_reads_back(report: gkmodel.AnnualReport, fmt: str) -> None:
    result = read(_page(report, fmt))
    assert result.unreadable_cells == ()
    assert _numbers(result.report) == _numbers(report)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(REPORTS))
@pytest.mark.parametrize("table", ["二", "三", "四"])
def test_first_and_last_rows_of_a_table_blank(name: str, table: str, fmt: str) -> None:
    """The first and the last row of each table blank (table 二's fee row is its last)."""
    report = REPORTS[name]
    rows = [r for r in report_rows(type(report)) if r.table == table]
    _assert_reads_back(_blanked(report, [rows[0], rows[-1]]), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_table_four_all_blank(name: str, fmt: str) -> None:
    """Table 四 left entirely blank (printed as one row of 15 empty cells in the 2021 layout)."""
    report = REPORTS[name]
    _assert_reads_back(
        _blanked(report, [r for r in report_rows(type(report)) if r.table == "四"]), fmt
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(sorted(REPORTS)),
    fmt=st.sampled_from(FORMATS),
    data=st.data(),
)
def test_any_rows_blank(name: str, fmt: str, data: st.DataObject) -> None:
    report = REPORTS[name]
    rows = list(report_rows(type(report)))
    blank = data.draw(st.lists(st.sampled_from(rows), max_size=len(rows), unique_by=id))
    _assert_reads_back(_blanked(report, blank), fmt)


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("| 规章 |  |  |  |", ("规章", "", "", "")),  # empty cells stay cells
        ("| 行政事业性收费 | 96171\\.6 |", ("行政事业性收费", "96171.6")),  # escaped list number
        ("| a\\|b | 1 |", ("a|b", "1")),  # an escaped pipe is inside the cell
        ("| x\\\\| 2 |", ("x\\", "2")),  # an escaped backslash, then a real pipe
        ("| &lt;注&gt; &amp;amp; | 3", ("<注> &amp;", "3")),  # entities; no closing pipe
    ],
)
def test_markdown_cells(line: str, cells: tuple[str, ...]) -> None:
    assert _md_cells(line) == cells
