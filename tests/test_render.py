"""Renderers: golden files for each format and edition, escaping, and the DOCX structure."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import attrs
import pytest

import gkmodel
from gkmodel import AnnualReport
from gkmodel.model import Narrative, Subsection
from gkmodel.model.layout import outline, sections
from gkmodel.renderers import FORMATS, render
from gkmodel.renderers._grid import CellKind, table_grids
from gkmodel.renderers.html import JSON_SCRIPT_ID
from gkmodel.renderers.text import display_width

from .conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GKMODEL_UPDATE_GOLDEN") == "1"
REPORTS = {"shangguan_2020": "2019 edition", "huaian_2024": "2021 edition"}


def _report(name: str) -> AnnualReport:
    return gkmodel.load(EXAMPLES / "data" / f"{name}.json")


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {name}: run with GKMODEL_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def docx_structure(data: bytes) -> dict[str, object]:
    """What a reader of the DOCX sees: paragraphs, and each table as a matrix of cell texts."""
    import docx

    doc = docx.Document(BytesIO(data))
    tables = []
    for t in doc.tables:
        tables.append([[cell.text for cell in row.cells] for row in t.rows])
    return {"paragraphs": [p.text for p in doc.paragraphs], "tables": tables}


class TestGolden:
    """Each format of each edition, reviewed by eye once and then held exactly."""

    @pytest.mark.parametrize("name", REPORTS)
    @pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("md", "md"), ("html", "html")])
    def test_text_formats(self, name: str, fmt: str, suffix: str) -> None:
        out = render(_report(name), to=fmt)  # type: ignore[call-overload]
        _golden(f"{name}.{suffix}", out)

    @pytest.mark.parametrize("name", REPORTS)
    def test_docx(self, name: str) -> None:
        structure = docx_structure(render(_report(name), to="docx"))
        _golden(f"{name}.docx.json", json.dumps(structure, ensure_ascii=False, indent=1) + "\n")

    def test_formats(self) -> None:
        assert FORMATS == ("text", "md", "html", "docx")
        with pytest.raises(gkmodel.GkmodelError, match="unknown format 'pdf'"):
            render(_report("huaian_2024"), to="pdf")  # type: ignore[call-overload]


class TestText:
    """Plain text: headings, tables aligned for double-width characters, signature."""

    def test_layout(self) -> None:
        text = render(_report("shangguan_2020"), to="text")
        lines = text.splitlines()
        assert lines[0] == "富阳区上官乡2020年政府信息公开工作年度报告"
        assert lines[-2:] == ["杭州市富阳区上官乡人民政府", "2020年12月31日"]
        for s in sections(gkmodel.AnnualReport2019):
            assert s.heading in lines
        assert "（三）政府信息管理" in lines
        assert "政府集中采购            11  185.5897万元" in lines

    def test_columns_align(self) -> None:
        lines = render(_report("huaian_2024"), to="text").splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("自然人"))
        rows = [
            line
            for line in lines[start : start + 32]
            if line.endswith(("3119", "34", "3050", "103"))
        ]
        assert {display_width(r) for r in rows} == {display_width(lines[start])}

    def test_blank_stays_blank(self) -> None:
        text = render(_report("shangguan_2020"), to="text")
        line = next(x for x in text.splitlines() if x.startswith("一、本年新收"))
        assert re.fullmatch(r"一、本年新收政府信息公开申请数量 +0 +0", line)


class TestGrid:
    """The merged-cell grids follow the official layout."""

    def test_table3_2021(self) -> None:
        grid = table_grids(_report("huaian_2024"))["requests"]
        assert (grid.width, grid.header_rows, grid.label_columns) == (10, 3, 3)
        assert len(grid.rows) - grid.header_rows == 25
        note = grid.rows[0][0]
        assert (note.kind, note.rowspan, note.colspan) == (CellKind.NOTE, 3, 3)
        assert [(c.text, c.rowspan, c.colspan) for c in grid.rows[1]] == [
            ("自然人", 2, 1),
            ("法人或其他组织", 1, 5),
            ("总计", 2, 1),
        ]
        results = next(c for row in grid.rows for c in row if c.text == "三、本年度办理结果")
        assert results.rowspan == 22
        other = next(c for row in grid.rows for c in row if c.text == "（六）其他处理")
        assert other.rowspan == 3
        matrix = grid.matrix()
        assert all(cell is not None for row in matrix for cell in row)
        assert [sum(c.kind is CellKind.VALUE for c in row) for row in matrix[3:]] == [7] * 25

    def test_table3_2019(self) -> None:
        grid = table_grids(_report("shangguan_2020"))["requests"]
        results = next(c for row in grid.rows for c in row if c.text == "三、本年度办理结果")
        assert results.rowspan == 20
        other = next(c for row in grid.rows for c in row if c.text == "（六）其他处理")
        assert (other.rowspan, other.colspan) == (1, 2)

    def test_table4(self) -> None:
        grid = table_grids(_report("huaian_2024"))["appeals"]
        assert (grid.width, grid.header_rows) == (15, 3)
        assert [(c.text, c.colspan) for c in grid.rows[0]] == [("行政复议", 5), ("行政诉讼", 10)]
        assert [c.rowspan for c in grid.rows[1][:5]] == [2] * 5
        assert [c.text for c in grid.rows[1][5:]] == ["未经复议直接起诉", "复议后起诉"]
        assert [c.text for c in grid.rows[3]] == [
            "72",
            "64",
            "178",
            "37",
            "351",
            "13",
            "4",
            "8",
            "1",
            "26",
            "12",
            "1",
            "1",
            "6",
            "20",
        ]

    def test_table2(self) -> None:
        grid = table_grids(_report("huaian_2024"))["active_disclosure"]
        assert grid.width == 4
        captions = [row[0].text for row in grid.rows if row[0].kind is CellKind.CAPTION]
        assert captions == [
            i.info.label
            for i in outline(type(_report("huaian_2024").active_disclosure))
            if i.depth == 0
        ]
        fee = grid.rows[-1]
        assert [(c.text, c.colspan) for c in fee] == [("行政事业性收费", 1), ("96171.6", 3)]


HOSTILE = "<script>alert(1)</script></table><b>x</b> & 1. *a* | b"


def _hostile(report: AnnualReport) -> AnnualReport:
    overview = Narrative(
        content=(HOSTILE,), subsections=(Subsection(title=HOSTILE, content=(HOSTILE,)),)
    )
    meta = attrs.evolve(report.meta, title=HOSTILE)
    return attrs.evolve(report, overview=overview, meta=meta)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


class TestEscaping:
    """Text values render as text, never as markup."""

    def test_html(self) -> None:
        html = render(_hostile(_report("huaian_2024")), to="html")
        parser = _Collector()
        parser.feed(html)
        assert parser.tags.count("script") == 1  # only the embedded JSON
        assert "b" not in parser.tags
        assert parser.tags.count("table") == 3
        # <title>, <h1>, the paragraph, the sub-section heading and its paragraph
        assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/table&gt;") == 5
        embedded = html.split(f'id="{JSON_SCRIPT_ID}">')[1].split("</script>")[0]
        assert "<" not in embedded
        assert gkmodel.loads(embedded) == _hostile(_report("huaian_2024"))

    def test_markdown(self) -> None:
        md = render(_hostile(_report("huaian_2024")), to="md")
        assert "<script>" not in md and "</table>" not in md
        assert (
            "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/table&gt;&lt;b&gt;x&lt;/b&gt; &amp; 1. \\*a\\* \\| b"
            in md
        )

    def test_fragment(self) -> None:
        html = render(_report("huaian_2024"), to="html", fragment=True)
        assert html.startswith('<article class="gk-report" lang="zh-CN" data-edition="2021">')
        assert "<html" not in html
        assert JSON_SCRIPT_ID in html
        assert JSON_SCRIPT_ID not in render(_report("huaian_2024"), to="html", embed_json=False)


class TestDocx:
    """The Word file: merged cells and every label of the edition in its place."""

    @pytest.mark.parametrize("name", REPORTS)
    def test_labels_in_place(self, name: str) -> None:
        import docx

        report = _report(name)
        doc = docx.Document(BytesIO(render(report, to="docx")))
        grids = list(table_grids(report).values())
        assert len(doc.tables) == len(grids) + len(report.overview.tables())
        official = [t for t in doc.tables if len(t.rows) in {len(g.rows) for g in grids}]
        for grid, table in zip(grids, official[: len(grids)], strict=True):
            for r, row in enumerate(grid.matrix()):
                for c, cell in enumerate(row):
                    assert cell is not None
                    assert table.cell(r, c).text == cell.text, (grid.table, r, c)

    def test_merged_cells(self) -> None:
        import docx

        doc = docx.Document(BytesIO(render(_report("huaian_2024"), to="docx")))
        t3 = next(t for t in doc.tables if t.cell(0, 0).text.startswith("（本列数据"))
        assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc  # the note spans 3 × 3
        assert t3.cell(5, 0)._tc is t3.cell(26, 0)._tc  # 三、本年度办理结果 spans 22 rows
        assert t3.cell(5, 0)._tc is not t3.cell(27, 0)._tc
        assert t3.cell(0, 3)._tc is t3.cell(0, 9)._tc  # 申请人情况 spans 7 columns
        header = t3.rows[0]._tr.trPr
        assert header is not None and header.xpath("./w:tblHeader")

    def test_page_and_fonts(self) -> None:
        import docx
        from docx.shared import Mm

        doc = docx.Document(BytesIO(render(_report("huaian_2024"), to="docx")))
        section = doc.sections[0]
        assert abs(section.page_width - Mm(210)) < Mm(0.1)  # stored in twips
        assert abs(section.page_height - Mm(297)) < Mm(0.1)
        xml = doc.element.xml
        for font in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"):
            assert f'w:eastAsia="{font}"' in xml or font in doc.styles.element.xml, font
