"""Word (DOCX): A4, the usual 公文 fonts, real merged cells and repeated table headers.

Needs the ``docx`` extra (python-docx), imported only when this renderer is
used.  Page and fonts follow the habits of GB/T 9704 official documents:
title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号, first-level headings
in 黑体, second-level in 楷体_GB2312; tables in 仿宋 at a size that fits A4.
Word and LibreOffice substitute a font that is not installed; pass ``fonts``
to choose others.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from gkmodel.errors import GkmodelError
from gkmodel.model.narrative import LocalTable
from gkmodel.model.report import AnnualReport
from gkmodel.renderers._document import (
    Heading,
    LocalTableBlock,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    blocks,
)
from gkmodel.renderers._grid import CellKind, Grid, cell_text_local

__all__ = ["DEFAULT_FONTS", "JSON_PART", "JSON_RELATIONSHIP", "render_docx"]

JSON_RELATIONSHIP = "urn:gkmodel:report-json"
"""The relationship type of the part that holds the report's canonical JSON."""
JSON_PART = "/customXml/gkmodel-report.json"

DEFAULT_FONTS: Mapping[str, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "table": "仿宋_GB2312",
    "latin": "Times New Roman",
}

_SIZES = {"title": 22, "body": 16, "heading1": 16, "heading2": 16, "table": 9}


def _docx() -> Any:
    try:
        import docx
    except ImportError as exc:
        raise GkmodelError("rendering DOCX needs python-docx: pip install 'gkmodel[docx]'") from exc
    return docx


def _set_font(
    run_or_style: Any, east_asian: str, latin: str, size: float, *, bold: bool = False
) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font = run_or_style.font
    font.name = latin
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the fonts set here
    fonts.set(qn("w:eastAsia"), east_asian)


def _paragraph(doc: Any, text: str, fonts: Mapping[str, str], *, role: str = "body") -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    if role != "signature":
        p.paragraph_format.first_line_indent = Pt(_SIZES["body"] * 2)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(28)
    run = p.add_run(text)
    _set_font(run, fonts["body"], fonts["latin"], _SIZES["body"])


def _cell_text(cell: Any, text: str, fonts: Mapping[str, str], *, align: str) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    run = p.add_run(text)
    _set_font(run, fonts["table"], fonts["latin"], _SIZES["table"])


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


TEXT_WIDTH_MM = 156.0  # A4 210 mm less the 28 mm and 26 mm margins
_LABEL_WIDTHS_MM = {1: (40.0,), 3: (14.0, 20.0, 45.0)}  # label columns of tables 二 and 三


_ALIGN = {CellKind.LABEL: "left", CellKind.NOTE: "left", CellKind.CAPTION: "left"}


def _widths(grid: Grid) -> list[float]:
    """Column widths in mm: label columns as wide as their labels need, values sharing the rest."""
    labels = list(_LABEL_WIDTHS_MM.get(grid.label_columns, ()))
    rest = (TEXT_WIDTH_MM - sum(labels)) / (grid.width - len(labels))
    return labels + [rest] * (grid.width - len(labels))


def _apply_widths(table: Any, cells: list[Any], widths: list[float]) -> None:
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for i, cell in enumerate(cells):
        cell.width = Mm(widths[i % len(widths)])


def _grid(doc: Any, grid: Grid, fonts: Mapping[str, str]) -> None:
    table = doc.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = "Table Grid"
    # python-docx's table.cell() walks the whole table on every call; take every cell once,
    # before merging (merges of disjoint rectangles leave the other corners' cells intact).
    cells = table._cells
    _apply_widths(table, cells, _widths(grid))
    placed: set[int] = set()
    for r, row in enumerate(grid.matrix()):
        for c, cell in enumerate(row):
            if cell is None or id(cell) in placed:
                continue
            placed.add(id(cell))
            target = cells[r * grid.width + c]
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = cells[(r + cell.rowspan - 1) * grid.width + c + cell.colspan - 1]
                target = target.merge(corner)
            align = (
                "left"
                if cell.kind in (CellKind.LABEL, CellKind.NOTE, CellKind.CAPTION)
                else "center"
            )
            _cell_text(target, cell.text, fonts, align=align)
    for r in range(grid.header_rows):
        _repeat_header(table.rows[r])


def _local(doc: Any, table: LocalTable, fonts: Mapping[str, str]) -> None:
    if table.caption:
        _paragraph(doc, table.caption, fonts)
    t = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    t.style = "Table Grid"
    for c, text in enumerate(table.columns):
        _cell_text(t.cell(0, c), text, fonts, align="center")
    for r, row in enumerate(table.rows, start=1):
        _cell_text(t.cell(r, 0), row.label, fonts, align="left")
        for c, value in enumerate(row.values, start=1):
            _cell_text(t.cell(r, c), cell_text_local(value), fonts, align="center")
    _repeat_header(t.rows[0])


def _page(doc: Any) -> None:
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def _embed_json(doc: Any, report: AnnualReport) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from gkmodel.io.json import dumps

    data = dumps(report).encode("utf-8")
    part = Part(PackURI(JSON_PART), "application/json", data, doc.part.package)
    doc.part.relate_to(part, JSON_RELATIONSHIP)


MAX_PROPERTY = 255
"""Characters a document property (title, author) of a DOCX holds."""


def _property(text: str) -> str:
    """``text`` for a document property: cut to 255 characters, the last one "…" if it was cut.

    The properties are a file's metadata; the document itself carries the
    whole text.
    """
    return text if len(text) <= MAX_PROPERTY else text[: MAX_PROPERTY - 1] + "…"


def render_docx(
    report: AnnualReport, *, fonts: Mapping[str, str] | None = None, embed_json: bool = True
) -> bytes:
    """The report as a Word document (bytes of a .docx file).

    ``embed_json`` stores the canonical JSON of the report in a part of the
    package (Word ignores it), so that the file can be read back losslessly.
    """
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    chosen = {**DEFAULT_FONTS, **(fonts or {})}
    doc = docx.Document()
    _page(doc)
    _set_font(doc.styles["Normal"], chosen["body"], chosen["latin"], _SIZES["body"])
    for level, key in ((1, "heading1"), (2, "heading2")):
        style = doc.styles[f"Heading {level}"]
        _set_font(style, chosen[key], chosen["latin"], _SIZES[key], bold=level == 2)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
    doc.core_properties.title = _property(report.meta.display_title)
    doc.core_properties.author = _property(report.meta.signatory)
    for block in blocks(report):
        if isinstance(block, Title):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(16)
            _set_font(p.add_run(block.text), chosen["title"], chosen["latin"], _SIZES["title"])
        elif isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block.text, chosen)
        elif isinstance(block, TableBlock):
            _grid(doc, block.grid, chosen)
        elif isinstance(block, LocalTableBlock):
            _local(doc, block.table, chosen)
        elif isinstance(block, Signature):
            for text in (block.organ, block.date):
                if text:
                    p = doc.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    _set_font(p.add_run(text), chosen["body"], chosen["latin"], _SIZES["body"])
    if embed_json:
        _embed_json(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
