"""Table rows keep their geometry (extents, span copies); span bombs end fast with the limit named."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import gkmodel
from gkmodel import limits
from gkmodel.readers import ReadError, read
from gkmodel.readers._html import html_items
from gkmodel.readers._items import Row

from .conftest import EXAMPLES

HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")


def _rows(html: str) -> list[Row]:
    items, _ = html_items(html, json_id="x")
    return [i for i in items if isinstance(i, Row)]


class TestHtmlGeometry:
    def test_grid_positions_without_widths(self) -> None:
        [head, data] = _rows(
            '<table><tr><td rowspan="2">a</td><td colspan="2">b</td></tr><tr><td>1</td><td>2</td>'
            "</tr></table>"
        )
        assert head.cells == ("a", "b", "b")
        assert head.extents == ((0.0, 1.0), (1.0, 3.0), (1.0, 3.0))
        assert head.copies == (False, False, True)
        assert data.cells == ("a", "1", "2")
        assert data.extents == ((0.0, 1.0), (1.0, 2.0), (2.0, 3.0))
        assert data.copies == (True, False, False)

    def test_widths_in_every_unit_become_px(self) -> None:
        [row] = _rows(
            '<table><tr><td width="96">a</td><td style="width:72pt">b</td>'
            '<td style="mso-x:1;width:2.54cm">c</td></tr></table>'
        )
        assert row.extents == ((0.0, 96.0), (96.0, 192.0), (192.0, 288.0))

    def test_percentages_of_an_absolute_table(self) -> None:
        [row] = _rows('<table width="400"><tr><td width="25%">a</td><td width="75%">b</td></tr>'
                      "</table>")  # fmt: skip
        assert row.extents == ((0.0, 100.0), (100.0, 400.0))

    def test_percentages_alone_stay_percent(self) -> None:
        [row] = _rows('<table><tr><td width="25%">a</td><td width="75%">b</td></tr></table>')
        assert row.extents == ((0.0, 25.0), (25.0, 100.0))

    def test_a_missing_width_falls_back_on_grid_positions(self) -> None:
        [row] = _rows('<table><tr><td width="25">a</td><td colspan="2">b</td></tr></table>')
        assert row.extents == ((0.0, 1.0), (1.0, 3.0), (1.0, 3.0))

    def test_word_paragraphs_in_a_cell_are_one_text(self) -> None:
        [row] = _rows(
            '<table><tr><td><p class="MsoNormal"><span>12</span><span>3<o:p></o:p></span></p>'
            "<p>件</p></td></tr></table>"
        )
        assert row.cells == ("123 件",)

    def test_text_rows_have_no_geometry(self) -> None:
        from gkmodel.readers._items import text_items

        [row] = [i for i in text_items("| a | 1 |\n") if isinstance(i, Row)]
        assert (row.extents, row.copies) == (None, None)


class TestDocxGeometry:
    def test_rendered_docx_rows_match_the_grid(self) -> None:
        import docx

        from gkmodel.readers._docx import docx_items

        doc = docx.Document(io.BytesIO(gkmodel.render(HUAIAN, to="docx")))
        rows = [i for i in docx_items(doc.element.body) if isinstance(i, Row)]
        html_rows = _rows(gkmodel.render(HUAIAN, to="html"))
        assert [r.cells for r in rows] == [r.cells for r in html_rows]
        assert [r.copies for r in rows] == [r.copies for r in html_rows]
        head = next(r for r in rows if "自然人" in r.cells)
        k = head.cells.index("自然人")
        total = head.cells.index("总计")
        assert head.extents is not None
        assert head.extents[k][0] < head.extents[k][1] <= head.extents[total][0]


def _docx_with(pattern: str, replacement: str, count: int) -> bytes:
    data = gkmodel.render(HUAIAN, to="docx")
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info.filename)
            if info.filename == "word/document.xml":
                part = re.sub(pattern, replacement, part.decode(), count=count).encode()
            zout.writestr(info, part)
    return out.getvalue()


class TestSpanLimits:
    """Issue 13 items 2 and 4: refused before any grid is built, naming the limit."""

    def test_span_bomb(self) -> None:
        bomb = "<table><tr>" + '<td rowspan="200" colspan="200">1</td>' * 3000
        with pytest.raises(ReadError, match=r"gkmodel\.limits\.MAX_GRID_CELLS \(200000\)"):
            read(bomb.encode(), format="html")

    def test_span_over_the_limit(self) -> None:
        with pytest.raises(ReadError, match=r"spans 201 .*gkmodel\.limits\.MAX_SPAN \(200\)"):
            read(b'<table><tr><td colspan="201">1</td></tr></table>', format="html")

    def test_docx_grid_span(self) -> None:
        data = _docx_with(r"<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="65534"/></w:tcPr>', 50)
        with pytest.raises(ReadError, match=r"spans 65534 .*gkmodel\.limits\.MAX_SPAN"):
            read(data)

    def test_limits_are_read_at_call_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(limits, "MAX_GRID_CELLS", 10)
        with pytest.raises(ReadError, match=r"MAX_GRID_CELLS \(10\)"):
            read(gkmodel.render(HUAIAN, to="html"))


class TestDocxVariants:
    """Word files whose cell widths disagree with their grid read by the grid (Word's layout)."""

    def test_tcw_disagreeing_with_grid_span(self) -> None:
        widths = iter(range(10**6))
        data = gkmodel.render(HUAIAN, to="docx", embed_json=False)
        zin = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                part = zin.read(info.filename)
                if info.filename == "word/document.xml":
                    part = re.sub(
                        rb'<w:tcW w:type="dxa" w:w="\d+"/>',
                        lambda m: (
                            b'<w:tcW w:type="dxa" w:w="%d"/>' % (100 + next(widths) % 7 * 900)
                        ),
                        part,
                    )
                zout.writestr(info, part)
        result = read(out.getvalue())
        assert result.format == "docx"
        assert result.report.requests == HUAIAN.requests
        assert result.report.appeals == HUAIAN.appeals
        assert not [d for d in result.diagnostics if d.code in ("unreadable", "realigned")]

    def test_vmerge_without_its_start_is_a_cell_of_its_own(self) -> None:
        from lxml import etree

        from gkmodel.readers._docx import docx_items

        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        body = etree.fromstring(
            f'<w:body xmlns:w="{w}"><w:tbl><w:tr>'
            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
            '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>b</w:t></w:r></w:p>'
            "</w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body>"
        )
        rows = [i for i in docx_items(body) if isinstance(i, Row)]
        assert [r.cells for r in rows] == [("a", "b"), ("1", "b")]
        assert [r.copies for r in rows] == [(False, False), (False, True)]
        assert [r.extents for r in rows] == [((0.0, 1.0), (1.0, 2.0))] * 2


class TestRealWordPage:
    """2023_shuyang-fgj_1.html, a real Word-exported page: both tables found by their header."""

    def test_headers_found_with_word_widths(self) -> None:
        from gkmodel.model.appeals import Appeals
        from gkmodel.model.layout import table_rows
        from gkmodel.model.requests import Requests2021
        from gkmodel.readers._columns import Column, find_header
        from gkmodel.readers._labels import normalize

        from .conftest import CORPUS

        items, _ = html_items((CORPUS / "2023_shuyang-fgj_1.html").read_text("utf-8"), json_id="x")
        rows = [i for i in items if isinstance(i, Row)]
        t3 = [r for r in rows if r.table == 3]
        t4 = [r for r in rows if r.table == 4]
        req = table_rows(Requests2021, ("requests",))[0]
        header3 = find_header(t3, [Column(normalize(i.label)) for _, i in req.columns])
        assert header3 == (
            2,
            [(323.0, 366.0), (366.0, 412.0), (412.0, 456.0), (456.0, 510.0), (510.0, 557.0),
             (557.0, 600.0), (602.0, 646.0)],
            False,
        )  # fmt: skip
        cols4 = [
            Column(normalize(i.label), tuple(normalize(g) for g in spec.labels))
            for spec in table_rows(Appeals, ("appeals",))
            for _, i in spec.columns
        ]
        header4 = find_header(t4, cols4)
        assert header4 is not None and header4[0] == 2
        assert [round(e[0]) for e in header4[1]][:6] == [0, 39, 79, 123, 164, 202]
