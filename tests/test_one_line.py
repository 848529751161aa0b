"""Crawler text run on one line: each cause of a misread number, as its smallest page.

A crawler that flattens a page writes its tables as one line: cells joined by a space
(or nothing), rows and paragraphs by nothing, blank cells gone without a trace.  Every
number is read exactly or left blank and reported unreadable, never another.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import attrs
import pytest

import gkmodel
from gkmodel.cli import EXIT_PARTIAL, main
from gkmodel.io.cells import to_cells
from gkmodel.readers import ReadResult, read
from gkmodel.testing import PAGE_TRANSFORMS, strip_embedded

from .conftest import EXAMPLES
from .pages import never_shifted

_T2_2019 = "第二十条第（一）项信息内容 本年新制作数量 本年新公开数量 对外公开总数量"
_T2_2019_5 = "第二十条第（五）项信息内容 上一年项目数量 本年增/减 处理决定数量"
_T3_HEAD = "自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"
_T4_HEAD = "结果维持 结果纠正 其他结果 尚未审结 总计"


def _one_line(*, t2: str = "", t3: str = "", t4: str = "", end: str = "") -> ReadResult:
    """A 2019-edition report of 某县人民政府 for 2020, its body on one line."""
    page = (
        "某县人民政府2020年政府信息公开工作年度报告"
        "一、总体情况本年度依法公开政府信息。"
        f"二、主动公开政府信息情况{t2}"
        f"三、收到和处理政府信息公开申请情况{_T3_HEAD}{t3}"
        f"四、政府信息公开行政复议、行政诉讼情况{_T4_HEAD}{t4}"
        "五、存在的主要问题及改进情况公开的深度还需加强。"
        f"六、其他需要报告的事项{end or '无其他需要报告的事项。'}"
    )
    return read(page.encode())


def _cells(result: ReadResult, prefix: str) -> dict[str, object]:
    return {c["path"]: c["value"] for c in to_cells(result.report) if c["path"].startswith(prefix)}


def _codes(result: ReadResult, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


class TestActiveDisclosure:
    """Table 二: a row's values follow its own label, with no other row's label between."""

    def test_blank_row_does_not_take_the_next_rows_numbers(self) -> None:
        # 规范性文件 printed blank: its label runs into the next group and 行政许可's numbers
        result = _one_line(t2=f"{_T2_2019}规章 1 2 3规范性文件{_T2_2019_5}行政许可 24 5087 1200")
        assert _cells(result, "$.active_disclosure.item1") == {
            "$.active_disclosure.item1.rules.made": 1,
            "$.active_disclosure.item1.rules.published": 2,
            "$.active_disclosure.item1.rules.total_published": 3,
            "$.active_disclosure.item1.normative.made": None,
            "$.active_disclosure.item1.normative.published": None,
            "$.active_disclosure.item1.normative.total_published": None,
        }
        assert _cells(result, "$.active_disclosure.item5.licensing") == {
            "$.active_disclosure.item5.licensing.previous": 24,
            "$.active_disclosure.item5.licensing.change": 5087,
            "$.active_disclosure.item5.licensing.decisions": 1200,
        }
        assert "$.active_disclosure.item1.normative.made" in result.unreadable_cells

    def test_line_with_another_rows_label_before_the_values(self) -> None:
        """Not run on one line (the table has many lines): the same rule holds."""
        page = (
            "某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n本年度依法公开。\n"
            f"二、主动公开政府信息情况\n{_T2_2019}\n规章 1 2 3\n规范性文件行政许可 24 5087 1200\n"
            f"三、收到和处理政府信息公开申请情况\n（七）总计 1 0 0 0 0 0 1\n"
        )
        result = read(page.encode())
        assert _cells(result, "$.active_disclosure.item1.normative") == {
            "$.active_disclosure.item1.normative.made": None,
            "$.active_disclosure.item1.normative.published": None,
            "$.active_disclosure.item1.normative.total_published": None,
        }
        assert "$.active_disclosure.item1.normative.made" in result.unreadable_cells

    def test_number_running_into_a_note_has_no_end(self) -> None:
        # the note after the table begins with digits: where 0.0587 ends does not show
        t2 = "行政强制 4 5 6行政事业性收费 5 0.0587999。作。"
        result = _one_line(t2=t2)
        assert _cells(result, "$.active_disclosure.item8") == {
            "$.active_disclosure.item8.fees.previous": None,
            "$.active_disclosure.item8.fees.change": None,
        }
        assert "$.active_disclosure.item8.fees.change" in result.unreadable_cells


class TestRequests:
    """Table 三: a row run on one line is read only with all seven of its values."""

    def test_digits_never_split_where_blank_cells_may_be_gone(self) -> None:
        # 21602 14032 _ 36 _ _ 291 with its blanks dropped: the arithmetic would find
        # 21 60 2 140 32 36 291, a row that sums but was never printed
        result = _one_line(t3="二、上年结转政府信息公开申请数量 21602 14032 36 291")
        assert set(_cells(result, "$.requests.carried_over").values()) == {None}
        assert "$.requests.carried_over.natural_person" in result.unreadable_cells
        assert _codes(result, "split") == []
        assert any(
            d.code == "unreadable"
            and d.row == "二、上年结转政府信息公开申请数量"
            and d.message
            == "4 of 7 values in text run on one line, where blank cells leave no trace"
            for d in result.diagnostics
        )

    def test_numbered_label_glued_to_the_number_before(self) -> None:
        # …6 21 then 2.其他… written as 212.其他…: row numbers of table 三 are one digit
        t3 = "三、本年度办理结果（三）不予公开1.属于国家秘密 1 2 3 4 5 6 212.其他法律行政法规禁止公开 0 0 0 0 0 0 0"
        result = _one_line(t3=t3)
        assert list(_cells(result, "$.requests.results.denied.state_secret").values()) == [
            1, 2, 3, 4, 5, 6, 21,
        ]  # fmt: skip
        assert list(_cells(result, "$.requests.results.denied.prohibited_by_law").values()) == [
            0, 0, 0, 0, 0, 0, 0,
        ]  # fmt: skip

    def test_numbers_after_no_row_label_are_not_placed_by_position(self) -> None:
        # where 21 ends does not show (说明 is no row label), and 7 0 0 0 0 0 7 has no row
        result = _one_line(t3="一、本年新收政府信息公开申请数量 1 2 3 4 5 6 21说明 7 0 0 0 0 0 7")
        assert set(_cells(result, "$.requests").values()) == {None}
        assert "$.requests.new_received.total" in result.unreadable_cells
        assert _codes(result, "stray-value") == [
            "numbers after no row label of the table (text run on one line)"
        ]

    def test_row_label_seen_twice_is_read_from_neither(self) -> None:
        t3 = "（七）总计 1 0 0 0 0 0 1（七）总计 2 0 0 0 0 0 2"
        result = _one_line(t3=t3)
        assert set(_cells(result, "$.requests.results.total").values()) == {None}
        assert _codes(result, "duplicate-row") == ["a row label seen twice in text run on one line"]


class TestAppeals:
    """Table 四 as three rows of five, run on one line: each row by its own label."""

    def test_rows_with_five_values_read_others_unreadable(self) -> None:
        t4 = "行政复议 1 0 0 0 1行政诉讼未经复议直接起诉 2 0 0 0 2复议后起诉 3 3"
        result = _one_line(t4=t4)
        assert list(_cells(result, "$.appeals.reconsideration").values()) == [1, 0, 0, 0, 1]
        assert list(_cells(result, "$.appeals.litigation.direct").values()) == [2, 0, 0, 0, 2]
        assert set(_cells(result, "$.appeals.litigation.after_reconsideration").values()) == {None}
        assert "$.appeals.litigation.after_reconsideration.total" in result.unreadable_cells


class TestMeta:
    def test_signature_run_on_into_the_text_before_it(self) -> None:
        # a local table's numbers and the signature run together: 121某县人民政府
        result = _one_line(end="收费情况 件数 121某县人民政府")
        assert result.report.meta.organ.name == "某县人民政府"


def test_check_exits_partial_on_a_one_line_page(tmp_path: Path) -> None:
    """``gkmodel check`` on a one-line page with unreadable cells never exits 0."""
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    page = strip_embedded(gkmodel.render(report, to="html"))
    path = tmp_path / "page.txt"
    path.write_text(PAGE_TRANSFORMS["one_line"](page, random.Random(7)), encoding="utf-8")
    assert len(read(path).unreadable_cells) == 15  # table 四's one row of 15 cells
    assert main(["check", str(path)], stdout=io.StringIO()) == EXIT_PARTIAL == 3


class TestHardWrapped:
    """One-line text wrapped at a fixed width (crawlers, mail tools): a break may fall inside a
    number, a label or a heading, and a line may hold several rows."""

    @staticmethod
    def _one_line() -> tuple[gkmodel.AnnualReport, str]:
        report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
        page = gkmodel.render(report, to="text")
        assert isinstance(page, str)
        return report, " ".join(page.split()) + "\n"  # cells, rows and paragraphs by a space

    @pytest.mark.parametrize("how", ["chars", "fold -s"])
    def test_wrapped_without_loss_is_read_as_its_one_line(self, how: str) -> None:
        # Every 40 characters, or after the last space that fits: headings, labels and numbers
        # cut in two. The lines give the line back exactly; before, no report was found (its
        # headings cut) or numbers were cut short.
        report, text = self._one_line()
        if how == "chars":
            wrapped = "\n".join(text[k : k + 40] for k in range(0, len(text), 40))
        else:
            wrapped = re.sub(r"(.{1,39} )", "\\1\n", text)
        assert "\n" in wrapped.strip() and text.strip() == wrapped.replace("\n", "").strip()
        result, whole = read(wrapped.encode()), read(text.encode())
        assert _all_cells(result) == _all_cells(whole)
        assert result.unreadable_cells == whole.unreadable_cells == ()
        assert result.diagnostics[0].code == "one-line"
        assert result.diagnostics[0].action == "read as one line"
        never_shifted(report, result)

    def test_a_number_cut_by_a_break_is_not_read(self) -> None:
        # The spaces at the breaks dropped (as textwrap does): `45` and `4` may be 454 or two
        # numbers. Read as 45 before (T3-ROW then blamed the organ), or as the next row's.
        report, text = self._one_line()
        cut = text.index("0 0 454") + len("0 0 45")
        page = text[:cut] + "\n" + text[cut:]
        page = page.replace(" 8.属于行政查询事项", "\n8.属于行政查询事项", 1)
        result = read(page.encode())
        never_shifted(report, result)
        assert "$.requests.results.partial.total" in result.unreadable_cells
        [broken] = [d for d in result.diagnostics if d.found == "45 / 4"]
        assert (broken.code, broken.section) == ("stray-value", "三")
        assert _cells(result, "$.requests.results.denied.inquiry_matters") == {
            f"$.requests.results.denied.inquiry_matters.{k}": v
            for k, v in attrs.asdict(report.requests.results.denied.inquiry_matters).items()
        }

    def test_two_rows_on_a_line_each_read_as_its_own(self) -> None:
        # 7.属于行政执法案卷 was given 8.属于行政查询事项's numbers (105 for 9).
        report, text = self._one_line()
        row = "6.属于四类过程性信息 12 0 0 0 0 0 12"
        lines = text.replace(row, row.replace("12 0 0 0 0 0", "12 0 0\n0\n0 0")).replace(
            " （四）无法提供", "\n（四）无法提供"
        )
        assert "0 0 12 7.属于行政执法案卷 9 0 0 0 0 0 9 8.属于行政查询事项 105" in lines
        result = read(lines.encode())
        never_shifted(report, result)
        assert result.report.requests.results.denied.enforcement_files.total == 9
        assert result.report.requests.results.denied.inquiry_matters.total == 105

    def test_zero_and_a_number_at_a_break_are_two_numbers(self) -> None:
        # No number is written 05: a break between 0 and 5 cuts nothing.
        report, text = self._one_line()
        at = text.index("1.属于国家秘密 2 0 0 0 0 0 2") + len("1.属于国家秘密 2 0")
        result = read((text[:at] + "\n" + text[at + 1 :]).encode())
        never_shifted(report, result)
        assert not [d for d in result.diagnostics if "between two digits" in d.message]


def _all_cells(result: ReadResult) -> dict[str, object]:
    return {c["path"]: c["value"] for c in to_cells(result.report)}


def test_a_rule_of_dashes_alone_is_no_table() -> None:
    # A line of dashes alone (a rule across the page, or a table's rule cut by a wrap) made the
    # line above a table header and each line below a one-cell row, read by no row's label.
    from gkmodel.readers._items import Line, text_items

    items = text_items("某县人民政府\n----------\n1.属于国家秘密 2 0 0 0 0 0 2\n")
    assert items == [Line("某县人民政府"), Line("1.属于国家秘密 2 0 0 0 0 0 2")]


@pytest.mark.parametrize("page", ["one_line", "cells_one_a_line"])
def test_a_blank_gone_and_a_cell_too_many_leave_the_row_unread(page: str) -> None:
    # A blank cell leaves no trace in text run on one line (or one cell a line), and a cell too
    # many (a stray 0 after the row) makes up the count: the row was read with every value from
    # the blank on one column left, and T3-ROW blamed the organ. Its sums failing, it is unread.
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    html = gkmodel.render(report, to="html", embed_json=False)
    assert isinstance(html, str)
    row = re.search(r"<tr>(?:(?!</tr>).)*1\.信访举报投诉类申请.*?</tr>", html)
    assert row is not None
    cell = '<td class="gk-value" data-path="$.requests.results.not_processed.petition.commercial">6'
    assert cell in row.group(0)
    changed = row.group(0).replace(cell, cell[:-1]).replace("</tr>", "<td>5</td></tr>")
    text = PAGE_TRANSFORMS[page](html.replace(row.group(0), changed), random.Random(2))
    result = read(text.encode())
    assert "$.requests.results.not_processed.petition.total" in result.unreadable_cells
    petition = "$.requests.results.not_processed.petition"
    assert not [
        f for f in gkmodel.check(result.report, unread=result.unread) if f.path.startswith(petition)
    ]
