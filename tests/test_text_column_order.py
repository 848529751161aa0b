"""Text tables whose columns are printed in another order, header and all.

Found by an adversarial pass: Markdown and aligned text tables were read in the official
column order whatever their header said, so a table printed with 总计 first read 3119 as the
natural persons' requests (and the checker then blamed the organ for table 三's sums), and
商业企业 swapped with 科研机构 read each under the other (the sums hold either way). The
header's cells now place the values, as a cell's extent does in HTML and DOCX.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.readers._items import _cut
from gkmodel.renderers.text import display_width

from .conftest import EXAMPLES, SEED_JSON
from .pages import cells, permuted_markdown, read_never_shifted, without_cells

HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
SEED = gkmodel.load(SEED_JSON)


_WIDTHS = {"三": 7, "四": 5, "二": 3}


@settings(max_examples=40, deadline=None)
@given(
    table=st.sampled_from(sorted(_WIDTHS)),
    order=st.data(),
    source=st.sampled_from([HUAIAN, SEED]),
)
def test_markdown_columns_in_any_order(
    table: str, order: st.DataObject, source: gkmodel.AnnualReport
) -> None:
    width = _WIDTHS[table]
    perm = tuple(order.draw(st.permutations(range(width))))
    md = gkmodel.render(source, to="md")
    assert isinstance(md, str)
    result = read_never_shifted(source, permuted_markdown(md, perm, width=width))
    if source is HUAIAN:  # every sum of its tables holds: every cell is read
        assert result.unreadable_cells == ()


@settings(max_examples=40, deadline=None)
@given(
    table=st.sampled_from(sorted(_WIDTHS)),
    order=st.data(),
    source=st.sampled_from([HUAIAN, SEED]),
    one_a_line=st.booleans(),
)
def test_lines_without_cells_in_any_order(
    table: str, order: st.DataObject, source: gkmodel.AnnualReport, one_a_line: bool
) -> None:
    # Text without cells (copied as plain text, or one cell a line) under a header in another
    # order was read in the official order: 3119 as the natural persons' requests with 总计
    # first (the organ then blamed), 53 and 3001 swapped with 商业企业 first (silently).
    width = _WIDTHS[table]
    perm = tuple(order.draw(st.permutations(range(width))))
    md = gkmodel.render(source, to="md")
    assert isinstance(md, str)
    page = without_cells(permuted_markdown(md, perm, width=width), one_a_line=one_a_line)
    result = read_never_shifted(source, page)
    if source is HUAIAN:  # every cell is filled and every sum holds: every cell is read
        assert result.unreadable_cells == ()
        assert [f.code for f in gkmodel.check(result.report) if f.severity.value != "info"] == []


@pytest.mark.parametrize("one_a_line", [False, True])
def test_lines_under_a_header_drawn_wrong_read_as_the_rows_say(one_a_line: bool) -> None:
    # The header names 总计 first, the rows hold their total last (the sums say so): the
    # header is wrong, and the values are read in the official order.
    md = gkmodel.render(HUAIAN, to="md")
    assert isinstance(md, str)
    header = "| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
    assert header in md
    wrong = md.replace(
        header, "| 总计 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |"
    )
    assert wrong != md
    result = read_never_shifted(HUAIAN, without_cells(wrong, one_a_line=one_a_line))
    assert result.unreadable_cells == ()


@pytest.mark.parametrize(
    ("width", "order", "path", "value"),
    [
        (7, (6, 0, 1, 2, 3, 4, 5), "$.requests.new_received.natural_person", 3001),
        (7, (0, 2, 1, 3, 4, 5, 6), "$.requests.new_received.commercial", 53),
        (5, (4, 0, 1, 2, 3), "$.appeals.reconsideration.upheld", 72),
        (3, (1, 0, 2), "$.active_disclosure.item1.normative.issued", 8),
    ],
)
def test_markdown_examples(width: int, order: tuple[int, ...], path: str, value: int) -> None:
    md = gkmodel.render(HUAIAN, to="md")
    assert isinstance(md, str)
    result = read_never_shifted(HUAIAN, permuted_markdown(md, order, width=width))
    assert cells(result.report)[path] == value
    assert result.unreadable_cells == ()


def _permuted_aligned(text: str, order: tuple[int, ...]) -> str:
    """gkmodel's text of table 三 with its value columns in ``order``, aligned anew."""
    lines = text.split("\n")
    rule = re.compile(r"-+(  -+){" + str(len(order)) + "}")
    at = next(k for k, line in enumerate(lines) if rule.fullmatch(line))
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[at])]
    end = lines.index("", at)
    block = [_cut(line, spans) for line in (lines[at - 1], *lines[at + 1 : end])]
    block = [(cells[0], *(cells[1:][k] for k in order)) for cells in block]
    widths = [max(display_width(c[j]) for c in block) for j in range(len(spans))]

    def line(cells: tuple[str, ...], pad: str = " ") -> str:
        head = cells[0] + pad * (widths[0] - display_width(cells[0]))
        rest = (
            pad * (w - display_width(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)
        )
        return "  ".join((head, *rest)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([*lines[: at - 1], line(block[0]), rule, *map(line, block[1:]), *lines[end:]])


def test_aligned_text_with_the_total_first() -> None:
    text = gkmodel.render(HUAIAN, to="text")
    assert isinstance(text, str)
    page = _permuted_aligned(text, (6, 0, 1, 2, 3, 4, 5))
    assert re.search(r"\n\s+总计\s+自然人", page)
    result = read_never_shifted(HUAIAN, page)
    assert result.report.requests == HUAIAN.requests
    assert result.unreadable_cells == ()


def test_official_order_reads_as_before() -> None:
    # The header in the official order is not placed anew: nothing changes for such pages.
    md = gkmodel.render(SEED, to="md")
    assert isinstance(md, str)
    result = gkmodel.read(md)
    assert result.report.requests == SEED.requests
    assert not any(d.code == "realigned" for d in result.diagnostics)


class TestLooseHeaders:
    """A header written otherwise than the official labels places its columns as well.

    Found by the same pass: 其它 for 其他 (a common slip), 合计 for 总计, a unit in every header
    cell, or table 四's results without 结果 hid the header, and its rows were read in the
    official order whatever the header's order (总计 first read 13 as the natural persons').
    """

    @pytest.mark.parametrize(
        ("old", "new"),
        [(">其他<", ">其它<"), (">自然人<", ">自然人（件）<"), (">商业企业<", ">商业企业(件)<")],
    )
    def test_table_three_in_another_order(self, old: str, new: str) -> None:
        import random

        from gkmodel.testing import TABLE_TRANSFORMS

        page = gkmodel.render(HUAIAN, to="html", embed_json=False)
        assert isinstance(page, str) and page.count(old) == 1
        page = TABLE_TRANSFORMS["swapped_columns"](page.replace(old, new), random.Random(0))
        result = read_never_shifted(HUAIAN, page)
        assert result.report.requests == HUAIAN.requests
        [loose] = [d for d in result.diagnostics if d.code == "loose-label" and d.table == "三"]
        assert new[1:-1] in (loose.found or "")

    def test_table_four_short_labels_total_first(self) -> None:
        results = ["维持", "纠正", "其他", "尚未审结", "合计"]
        order = (4, 0, 1, 2, 3)
        rows = [[5, 1, 1, 0, 7], [2, 0, 0, 1, 3], [1, 0, 0, 0, 1]]
        head = (
            '<tr><th colspan="5">行政复议</th><th colspan="10">行政诉讼</th></tr><tr>'
            + "".join(f'<th rowspan="2">{results[i]}</th>' for i in order)
            + '<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th></tr><tr>'
            + "".join(f"<th>{results[i]}</th>" for i in order) * 2
            + "</tr>"
        )
        body = "<tr>" + "".join(f"<td>{row[i]}</td>" for row in rows for i in order) + "</tr>"
        page = (
            "<p>某县人民政府2024年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
            f"<p>四、政府信息公开行政复议、行政诉讼情况</p><table>{head}{body}</table>"
        )
        result = gkmodel.read(page.encode(), format="html")
        appeals = result.report.appeals
        got = [
            appeals.reconsideration,
            appeals.litigation.direct,
            appeals.litigation.after_reconsideration,
        ]
        assert [[o.upheld, o.corrected, o.other, o.pending, o.total] for o in got] == rows
        assert [d.code for d in result.diagnostics if d.table == "四"] == ["loose-label"]

    def test_markdown_with_a_slip_in_another_order(self) -> None:
        md = gkmodel.render(HUAIAN, to="md")
        assert isinstance(md, str)
        md = md.replace("| 其他 | 总计 |", "| 其它 | 合计 |", 1)
        result = read_never_shifted(HUAIAN, permuted_markdown(md, (6, 0, 1, 2, 3, 4, 5), width=7))
        assert result.report.requests == HUAIAN.requests
        assert result.unreadable_cells == ()


@pytest.mark.parametrize("page", ["one_line", "hard_wrapped", "cells_one_a_line"])
@pytest.mark.parametrize("source", [HUAIAN, SEED], ids=["huaian", "seed"])
def test_swapped_columns_crawled_to_text(page: str, source: gkmodel.AnnualReport) -> None:
    # An HTML table 三 with two applicant columns swapped, header and all, crawled to one line
    # (header words glued: 总计法律服务机构科研机构…), wrapped, or one cell a line: read in the
    # official order, each swapped value under the other column (half of such pages). The header
    # of two rows flattened into text (自然人 法人或其他组织 总计 商业企业 … 其他) is in the
    # official order: its group stands where its columns are.
    from gkmodel.testing import PAGE_TRANSFORMS, TABLE_TRANSFORMS, strip_embedded

    html = gkmodel.render(source, to="html")
    assert isinstance(html, str)
    for seed in range(12):
        rnd = random.Random(seed)
        swapped = TABLE_TRANSFORMS["swapped_columns"](strip_embedded(html), rnd)
        text = PAGE_TRANSFORMS[page](swapped, rnd)
        try:
            read_never_shifted(source, text)
        except gkmodel.GkmodelError:
            assert page == "hard_wrapped"  # (a wrap that dropped spaces may cut every heading)


@pytest.mark.parametrize("page", ["one_line", "cells_one_a_line"])
def test_a_header_of_two_rows_flattened_is_in_the_official_order(page: str) -> None:
    from gkmodel.testing import PAGE_TRANSFORMS, strip_embedded

    html = gkmodel.render(HUAIAN, to="html")
    assert isinstance(html, str)
    text = PAGE_TRANSFORMS[page](strip_embedded(html), random.Random(1))
    assert "自然人 法人或其他组织 总计" in text or "自然人\n法人或其他组织\n总计" in text
    result = read_never_shifted(HUAIAN, text)
    assert not [d for d in result.diagnostics if "another order" in d.message]
