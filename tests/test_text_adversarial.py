"""Text pages found by an adversarial pass over the text readers (aligned text that lost its
padding, labels wrapped around their values, full-width digits, a fixed-width wrap cutting a row's
number off its label).  Before, each read a number under another row or column, or left a cell
blank in silence, and the checker then blamed the organ; now every cell is the source's or
unreadable.
"""

from __future__ import annotations

import gkmodel

TITLE = "某市人民政府2024年政府信息公开工作年度报告"
T3 = "三、收到和处理政府信息公开申请情况"
T4 = "四、政府信息公开行政复议、行政诉讼情况"
COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def _unread(result: gkmodel.ReadResult, row: str) -> set[str]:
    """The unreadable cells of one row of table 三, by column name."""
    return {p.rsplit(".", 1)[1] for p in result.unreadable_cells if p.startswith(row + ".")}


_FIELDS = {"natural_person", "commercial", "research", "public_interest", "legal_services",
           "other", "total"}  # fmt: skip


def test_values_in_the_label_column_are_unreadable() -> None:
    """An aligned table (a rule of dashes under its header) whose row lost its padding: 447 and
    7 inside the label's column, 454 (its 总计) under 自然人.  Before, 自然人 read 454 and the
    rest were blank in silence."""
    header = " " * 80 + "  " + "  ".join(COLUMNS)
    rule = "-" * 80 + "  " + "  ".join("-" * (2 * len(c)) for c in COLUMNS)
    row = "（一）予以公开 447 7" + " " * 62 + "454"
    text = "\n".join([TITLE, T3, "", header, rule, "三、本年度办理结果", row, "", T4, ""])
    result = gkmodel.read(text)
    assert _unread(result, "$.requests.results.granted") == _FIELDS
    assert result.report.requests.results.granted.natural_person is None


def _aligned(label: str, *values: int | None) -> str:
    return (
        label
        + " " * (28 - 2 * len(label))
        + "".join(f"{'' if v is None else v:>8}" for v in values)
    )


def test_an_empty_row_never_takes_a_wrapped_neighbours_values() -> None:
    """``一、本年新收政府`` / ``信息公开申请数量  3001 …`` then ``二、上年结转政府`` /
    ``信息公开申请数量`` with all its cells empty: the values are row 一's (its label's two lines
    together), and row 二 is unreadable.  Before, row 二 took row 一's values."""
    header = " " * 30 + "  ".join(COLUMNS)
    lines = [TITLE, T3, "", header, "一、本年新收政府", _aligned("信息公开申请数量", 3001, 53, 0, 0, 61, 4, 3119),
             "二、上年结转政府", "信息公开申请数量", "三、本年度办理结果", T4, ""]  # fmt: skip
    result = gkmodel.read("\n".join(lines))
    assert result.report.requests.new_received.total == 3119
    assert result.report.requests.new_received.natural_person == 3001
    assert _unread(result, "$.requests.carried_over") == _FIELDS


def test_a_label_wrapped_around_its_values_keeps_them() -> None:
    """``（一）予`` / ``以公开`` with its cells empty, then ``（二）部分公开（区  447 7 0 0 0 0 454``
    / ``分处理的，只计这一情`` / ``形，不计其他情形）``: the values are （二）'s (its label whole on
    the three lines), never （一）'s."""
    header = " " * 30 + "自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"
    rule = "-" * 30 + "  ------  --------  --------  ------------  ------------  ----  ----"
    widths = (8, 10, 10, 14, 14, 6, 6)
    values = "".join(f"{v:>{w}}" for v, w in zip((447, 7, 0, 0, 0, 0, 454), widths, strict=True))
    lines = [TITLE, T3, "", header, rule, "三、本年度办理结果", "　　（一）予", "　　以公开",
             "　　（二）部分公开（区        " + values, "　　分处理的，只计这一情", "　　形，不计其他情形）",
             "", T4, ""]  # fmt: skip
    result = gkmodel.read("\n".join(lines))
    partial = result.report.requests.results.partial
    assert (partial.natural_person, partial.commercial, partial.total) == (447, 7, 454)
    assert _unread(result, "$.requests.results.granted") == _FIELDS


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_FOLDED = (
    f"{T3}自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计一、本年新收政府信息公开申请数量 3001 \n"
    "逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 6 0 0 0 0 0 63.其他 108 2 0 0 0 0 110（七）总\n"
    "计 2932 53 0 0 61 4 3050四、结转下年度继续办理 103 0 0 0 0 0 103\n"
    f"{T4}结果维持 结果纠正 其他结果 尚未审结 总计行政复议 72 64 178 37 3\n"
    "51行政诉讼未经复议直接起诉 13 4 8 1 26复议后起诉 12 1 1 6 20\n"
)


def test_full_width_digits_in_text_run_on_and_folded() -> None:
    """Crawler text run on one line and folded at a fixed width, its digits full-width: the row
    number cut at ``６３.其他`` and the break between ``３`` and ``５１`` are seen as with ASCII
    digits.  Before, row （六）2 took row 3's values and 351 was read as 3."""
    result = gkmodel.read(
        f"{TITLE}\n{_FOLDED.translate(_FULL_WIDTH)}五、存在的主要问题及改进情况\n"
    )
    other = result.report.requests.results.other
    assert (other.other.natural_person, other.other.total) == (108, 110)
    assert other.fee_unpaid.total is None
    assert _unread(result, "$.requests.results.other.fee_unpaid") == _FIELDS
    assert result.report.appeals.reconsideration.total is None
    assert "$.appeals.reconsideration.total" in result.unreadable_cells


def test_a_wrap_between_a_rows_number_and_its_point() -> None:
    """Text run on one line (``… 5 0 0 0 0 0 54.保护第三方合法权益 …``) broken after row 3's
    label and right after the ``4`` of ``4.保护…``: 54 was read as row 3's 总计 (its sums
    failing, T3-ROW blamed the organ); now that number is unreadable, with ASCII spaces or the
    ideographic spaces a crawler keeps."""
    for space in (" ", "\u3000\u3000"):

        def row(*values: int, s: str = space) -> str:
            return s + s.join(map(str, values))

        one_line = (
            f"{T3}自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计三、本年度办理结果（三）不予公开"
            f"1.属于国家秘密{row(2, 0, 0, 0, 0, 0, 2)}2.其他法律行政法规禁止公开{row(30, 1, 0, 0, 0, 0, 31)}"
            f"3.危及“三安全一稳定”{row(5, 0, 0, 0, 0, 0, 5)}4.保护第三方合法权益{row(6, 0, 0, 0, 0, 0, 6)}"
            f"5.属于三类内部事务信息{row(7, 1, 0, 0, 0, 0, 8)}"
        )
        label_end = one_line.index("3.危及“三安全一稳定”") + len("3.危及“三安全一稳定”")
        cut = one_line.index("4.保护") + 1
        body = f"{one_line[:label_end]}\n{one_line[label_end:cut]}\n{one_line[cut:]}"
        result = gkmodel.read(f"{TITLE}\n{body}\n五、存在的主要问题及改进情况\n")
        assert result.report.requests.results.denied.three_securities.total is None
        assert "$.requests.results.denied.three_securities.total" in result.unreadable_cells
        said = [d for d in result.diagnostics if d.found and d.found.startswith("54 / .保护")]
        assert said or space != " "  # (the other way of reading, with the spaces a crawler keeps)


def test_a_label_alone_then_its_values_with_a_blank_total() -> None:
    """``2.重复申请`` on a line of its own, then its values under the columns with 总计 blank: the
    values stay in their columns (the empty label cell is no blank value, the blank 总计 no empty
    column at the end).  Before, they were read one column right."""
    header = " " * 30 + "  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"
    rule = "-" * 30 + "  ------  --------  --------  ------------  ------------  ----  ----"
    widths = (6, 8, 8, 12, 12, 4, 4)

    def row(label: str, *values: int | None) -> str:
        cells = ("" if v is None else str(v) for v in values)
        return (
            label
            + " " * (30 - 2 * len(label))
            + "".join(c.rjust(w + 2) for c, w in zip(cells, widths, strict=True))
        )

    lines = [TITLE, T3, "", header, rule, "2.重复申请", row("", 25, 0, 0, 0, 0, 0, None),
             row("3.要求提供公开出版物", 0, 0, 0, 0, 0, 0, 0), "", T4, ""]  # fmt: skip
    result = gkmodel.read("\n".join(lines))
    repeated = result.report.requests.results.not_processed.repeated
    assert (repeated.natural_person, repeated.commercial, repeated.other, repeated.total) == (
        25,
        0,
        0,
        None,
    )
