"""Cells a reader could not read are not the organ's blanks: ``check(..., unread=...)``.

A report read in part has blank cells where the reader could not read the
source.  Counting them among the organ's blank cells (R-BLANK), calling their
table blank (R-TABLE), or taking them as 0 (``blank_as_zero``) would report a
reading problem as the report's error.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel import AnnualReport
from gkmodel.model import Narrative
from gkmodel.model.layout import replace_paths, report_cells
from gkmodel.rules import check
from gkmodel.testing import valid_reports

from .conftest import CORPUS, EXAMPLES

PAGES = Path(__file__).parent / "data" / "pages"
BGT = CORPUS / "2025_shanghai-bgt_1.txt"  # 表二's 规章 and 规范性文件 rows: values not found
RULES_ROWS = tuple(
    f"$.active_disclosure.item1.{row}.{column}"
    for row in ("rules", "normative")
    for column in ("issued", "repealed", "in_force")
)


def _blank(report: AnnualReport, *paths: str) -> AnnualReport:
    return replace_paths(report, {tuple(p[2:].split(".")): None for p in paths})


def test_r_blank_leaves_out_the_cells_that_were_not_read() -> None:
    result = gkmodel.read(BGT)
    assert result.unreadable_cells == RULES_ROWS
    blank = [f for f in check(result.report) if f.code == "R-BLANK"]
    assert [(f.table, f.blank) for f in blank] == [("二", RULES_ROWS)]
    assert [f for f in check(result.report, unread=RULES_ROWS) if f.code == "R-BLANK"] == []


def test_a_blank_the_organ_left_is_still_listed_beside_unread_cells() -> None:
    result = gkmodel.read(BGT)
    own = "$.active_disclosure.item5.licensing.decisions"
    report = _blank(result.report, own)
    blank = [f for f in check(report, unread=RULES_ROWS, lang="en") if f.code == "R-BLANK"]
    assert [(f.table, f.blank, f.reported) for f in blank] == [("二", (own,), 1)]
    assert blank[0].message.startswith("Table 二 has 1 blank cell")


def test_a_table_not_read_is_not_called_blank() -> None:
    result = gkmodel.read(PAGES / "t2_fullwidth_point.html")
    before = {f.code for f in check(result.report)}
    after = {f.code for f in check(result.report, unread=result.unreadable_cells)}
    assert {"R-TABLE", "R-BLANK"} <= before
    assert "R-TABLE" not in after
    assert "R-BLANK" not in after


def test_unread_cells_are_never_taken_as_zero() -> None:
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    cell = "$.requests.new_received.natural_person"
    blanked = _blank(report, cell)
    as_zero = check(blanked, blank_as_zero=True)
    assert [(f.code, f.path) for f in as_zero] == [
        ("T3-REC", "$.requests.results.total.natural_person"),
        ("T3-ROW", "$.requests.new_received.total"),
        ("R-BLANK", cell),
    ]
    unread = check(blanked, blank_as_zero=True, unread=[cell])
    assert [f.code for f in unread] == []


def test_a_claim_is_not_compared_with_an_unread_cell() -> None:
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    total = "$.requests.new_received.total"
    blanked = _blank(report, total)
    assert "N-RECEIVED" in {f.code for f in check(blanked, blank_as_zero=True)}
    codes = {f.code for f in check(blanked, blank_as_zero=True, unread=[total])}
    assert "N-RECEIVED" not in codes
    assert codes == set()


def test_the_audit_passes_the_unread_cells() -> None:
    record = gkmodel.audit_one(BGT, lang="en")
    assert record.status == "partial"
    assert record.unreadable == 6
    assert "R-BLANK" not in {row[0] for row in record.findings}


def test_paths_that_are_no_blank_cells_are_ignored() -> None:
    report = gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json")
    plain = check(report)
    assert check(report, unread=["$.nowhere", "$.requests.new_received.total"]) == plain


@settings(max_examples=40)
@given(report=valid_reports(), data=st.data(), blank_as_zero=st.booleans())
def test_unread_cells_add_no_finding(
    report: AnnualReport, data: st.DataObject, blank_as_zero: bool
) -> None:
    """Blanking any cells of a valid report and naming them unread adds no finding."""
    cells = [c.model_path for c in report_cells(type(report))]
    unread = data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=40, unique=True))
    before = {(f.code, f.path) for f in check(report, blank_as_zero=blank_as_zero)}
    after = check(_blank(report, *unread), blank_as_zero=blank_as_zero, unread=unread)
    assert {(f.code, f.path) for f in after} <= before


def test_a_section_not_found_is_not_called_empty() -> None:
    # Sections 五 and 六 of this page have no heading the reader knows: not the organ's omission.
    result = gkmodel.read(PAGES / "t3_label_around_values.txt")
    assert result.unread_sections == ("$.problems", "$.other_matters")
    assert result.unread == result.unreadable_cells + result.unread_sections
    sections = [(f.code, f.path) for f in check(result.report) if f.code == "R-SECTION"]
    assert sections == [("R-SECTION", "$.problems"), ("R-SECTION", "$.other_matters")]
    assert check(result.report, unread=result.unread) == ()


def test_a_section_recovered_after_table_four_is_no_unread_section() -> None:
    # Section 五's heading is missing but its text after table 四 is read as 五.
    result = gkmodel.read(CORPUS / "2024_shanghai-kewei_1.txt")
    # One diagnostic says what happened (not "not found" and then "found").
    assert [str(d) for d in result.diagnostics if d.code == "section-missing"] == [
        "section-missing the text after table 四 was taken as section 五 "
        "→ read as 五、存在的主要问题及改进情况"
    ]
    assert result.unread_sections == ()


def test_a_section_the_organ_left_empty_is_still_found() -> None:
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    text = gkmodel.render(attrs.evolve(report, problems=Narrative()), to="text")
    assert isinstance(text, str)
    result = gkmodel.read(text)
    assert result.unread_sections == ()
    assert [(f.code, f.path) for f in check(result.report, unread=result.unread)] == [
        ("R-SECTION", "$.problems")
    ]
