"""Text whose line breaks fall where they should not: inside a number, between rows.

Found by an adversarial pass over the text reader. Each page gave a cell another number (a
number cut short, the digits after a point read alone, a row taking the next row's numbers) and
the checker then blamed the organ for the sums this broke. Each cell is now read exactly or
left unread.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

import gkmodel

from .conftest import EXAMPLES
from .pages import read_never_shifted

HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
TEXT = gkmodel.render(HUAIAN, to="text")
MD = gkmodel.render(HUAIAN, to="md")
assert isinstance(TEXT, str) and isinstance(MD, str)


def _line(text: str, label: str) -> str:
    return next(line for line in text.split("\n") if label in line)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class TestANumberCutByABreak:
    """``31`` printed ``3`` on the row's line and ``1`` below it, in an aligned text table (the
    lines under a rule of dashes), in Markdown, and in table 四."""

    ROW = _line(TEXT, "2.其他法律行政法规禁止公开")

    def test_the_last_number(self) -> None:
        assert self.ROW.endswith("31")
        result = read_never_shifted(HUAIAN, TEXT.replace(self.ROW, f"{self.ROW[:-1]}\n1"))
        assert "$.requests.results.denied.prohibited_by_law.total" in result.unreadable_cells

    def test_the_last_number_its_rest_under_its_column(self) -> None:
        rest = " " * _width(self.ROW[:-1]) + "1"  # as pdftotext -layout prints it
        result = read_never_shifted(HUAIAN, TEXT.replace(self.ROW, f"{self.ROW[:-1]}\n{rest}"))
        assert "$.requests.results.denied.prohibited_by_law.total" in result.unreadable_cells

    def test_the_first_number(self) -> None:
        # 3 read as 自然人 and the six other cells blank, without a diagnostic.
        at = self.ROW.index("30") + 1
        page = TEXT.replace(self.ROW, f"{self.ROW[:at]}\n{self.ROW[at:]}")
        result = read_never_shifted(HUAIAN, page)
        assert "$.requests.results.denied.prohibited_by_law.natural_person" in (
            result.unreadable_cells
        )

    def test_a_total_of_table_four(self) -> None:
        row = _line(TEXT, "未经复议直接起诉")
        assert row.endswith("26")
        result = read_never_shifted(HUAIAN, TEXT.replace(row, f"{row[:-1]}\n6"))
        assert "$.appeals.litigation.direct.total" in result.unreadable_cells

    def test_a_markdown_row_broken_over_two_lines(self) -> None:
        old = "| 30 | 1 | 0 | 0 | 0 | 0 | 31 |"
        assert MD.count(old) == 1
        result = read_never_shifted(HUAIAN, MD.replace(old, "| 30 | 1 | 0 | 0 | 0 | 0 | 3\n1 |"))
        assert "$.requests.results.denied.prohibited_by_law.total" in result.unreadable_cells

    def test_a_markdown_row_broken_between_two_cells(self) -> None:
        # The first part ends in a pipe, as a whole row does: the row is short, and unread.
        old = "| 30 | 1 | 0 | 0 | 0 | 0 | 31 |"
        result = read_never_shifted(HUAIAN, MD.replace(old, "| 30 | 1 | 0 | 0 |\n0 | 0 | 31 |"))
        assert "$.requests.results.denied.prohibited_by_law.total" in result.unreadable_cells


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("96171.6", "96171. 6", "$.active_disclosure.item8.fees.amount"),
        ("447228", "447. 228", "$.active_disclosure.item5.licensing.decisions"),
        ("3001 ", "30. 01 ", "$.requests.new_received.natural_person"),
    ],
)
def test_a_number_with_a_space_after_its_point(old: str, new: str, path: str) -> None:
    # The part before ". " was taken into the label as a row number ("1."), and the digits after
    # it read alone: 96171.6 万元 as 6, 447228 as 228, 3001 as 1.
    assert TEXT.count(old) == 1
    result = read_never_shifted(HUAIAN, TEXT.replace(old, new))
    assert path in result.unreadable_cells


def test_three_rows_on_one_line_of_an_aligned_table() -> None:
    # The line breaks between three rows lost, the rest of the table intact: the second row took
    # the third's numbers (5 0 0 0 0 0 5 for 30 1 0 0 0 0 31).
    lines = TEXT.split("\n")
    i = next(k for k, line in enumerate(lines) if "1.属于国家秘密" in line)
    joined = " ".join(re.sub(" {2,}", " ", x.strip()) for x in lines[i : i + 3])
    result = read_never_shifted(HUAIAN, "\n".join([*lines[:i], joined, *lines[i + 3 :]]))
    assert result.report.requests.results.denied.prohibited_by_law.total == 31
    assert result.unreadable_cells == ()


class TestMarkdownTableTwoWithACellTooMany:
    def test_a_label_spanning_two_columns_flattened(self) -> None:
        # An empty cell after the label in the header and every row (a converter flattening the
        # label's colspan): every value was read one column left of its header, the last ones
        # blank, without a diagnostic.
        lines = MD.split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("## 二、"))
        end = next(i for i, line in enumerate(lines) if line.startswith("## 三、"))
        for i in range(start, end):
            if lines[i].startswith("|---"):
                lines[i] = "|---" + lines[i]
            elif lines[i].startswith("| "):
                lines[i] = re.sub(r"^(\| [^|]*\|)", r"\1  |", lines[i])
        result = read_never_shifted(HUAIAN, "\n".join(lines))
        assert result.unreadable_cells == ()

    @pytest.mark.parametrize("row", ["| 规章 | 5 | 1 | 0 | 11 |", "| 规章 |  | 1 | 0 | 11 |"])
    def test_one_row_with_a_cell_too_many(self, row: str) -> None:
        # Read as its first three values (5 1 0), the fourth dropped: table 二 has no sums to
        # tell which three are the row's.
        assert "| 规章 | 1 | 0 | 11 |" in MD
        result = read_never_shifted(HUAIAN, MD.replace("| 规章 | 1 | 0 | 11 |", row))
        assert "$.active_disclosure.item1.rules.issued" in result.unreadable_cells


@pytest.mark.parametrize(
    "between", ["— 3 —", "第3页 共8页", "淮安市人民政府2024年政府信息公开工作年度报告"]
)
def test_a_page_break_inside_a_row(between: str) -> None:
    # The row's last values on the line after a page's number or running title: they were
    # dropped, the cells read blank without a diagnostic (R-BLANK then held against the organ).
    row = _line(TEXT, "（一）予以公开")
    cut = row.index("        50")
    page = TEXT.replace(row, f"{row[:cut]}\n{between}\n{row[cut:].lstrip()}")
    result = read_never_shifted(HUAIAN, page)
    granted = result.report.requests.results.granted
    assert granted == HUAIAN.requests.results.granted or (
        "$.requests.results.granted.total" in result.unreadable_cells
    )


@pytest.mark.parametrize(
    ("first", "last"), [("## 二、", "## 三、"), ("## 三、", "## 四、"), ("## 四、", "## 五、")]
)
def test_a_markdown_table_run_on_one_line(first: str, last: str) -> None:
    # A crawler losing a Markdown table's line breaks: row 3.其他 of （六）其他处理 was read with
    # the numbers of 四、结转下年度继续办理 (the last row's, after a label holding every row's).
    lines = MD.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.startswith(last))
    table = [line for line in lines[start + 1 : end] if line.strip()]
    page = "\n".join([*lines[: start + 1], "", " ".join(table), "", *lines[end:]])
    result = read_never_shifted(HUAIAN, page)
    if first != "## 二、":  # (table 二's groups, each a table under its line, run into one line
        assert result.unreadable_cells == ()  # of text: unread)


@pytest.mark.parametrize("label", ["2、重复申请", "重复申请", "(2)重复申请"])
def test_a_row_placed_by_position_whose_label_is_printed_elsewhere(label: str) -> None:
    # （七）总计 written 7.总计 where 2.重复申请 stands, and 重复申请 (numbered otherwise) at the
    # end: the totals were read as 2.重复申请 "by its position", though that row is printed.
    lines = TEXT.split("\n")
    a = next(i for i, line in enumerate(lines) if "（七）总计" in line)
    b = next(i for i, line in enumerate(lines) if "2.重复申请" in line)
    lines[a] = lines[a].replace("（七）总计", "7.总计")
    lines[b] = lines[b].replace("2.重复申请", label)
    lines[a], lines[b] = lines[b], lines[a]
    result = read_never_shifted(HUAIAN, "\n".join(lines))
    assert "$.requests.results.not_processed.repeated.total" in result.unreadable_cells
