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
from datetime import UTC, datetime
from typing import Any

from gkmodel.errors import GkmodelError
from gkmodel.model.layout import sections
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
from gkmodel.renderers._ooxml import (
    document_properties,
    keep_with_next,
    page_number_footer,
    row_properties,
)

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

_SIZES = {"title": 22, "body": 16, "heading1": 16, "heading2": 16, "table": 9, "page": 14}
TABLE_STYLE = "Table Text"
"""The paragraph style of every table cell: the table font, single spacing, no indent."""
_ROW_MM = {"二": 7.0, "三": 5.5, "四": 9.0}  # the least height of a body row of each table


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
    if role in ("intro", "caption"):
        p.paragraph_format.keep_with_next = True  # stays with the table it introduces
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(28)
    run = p.add_run(text)
    _set_font(run, fonts["body"], fonts["latin"], _SIZES["body"])


def _cell_text(
    cell: Any, text: str, fonts: Mapping[str, str], *, align: str, bold: bool = False
) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    p.style = TABLE_STYLE  # a blank cell's paragraph mark is as small as the text
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    if text:
        run = p.add_run(text)
        _set_font(run, fonts["table"], fonts["latin"], _SIZES["table"], bold=bold)


def _table_style(doc: Any, fonts: Mapping[str, str]) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    _set_font(style, fonts["table"], fonts["latin"], _SIZES["table"])
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.space_before = Pt(1)
    fmt.space_after = Pt(1)
    fmt.line_spacing = 1.0


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
            bold = cell.kind is CellKind.CAPTION
            _cell_text(target, cell.text, fonts, align=align, bold=bold)
    _keep_rows(table, grid)


def _keep_rows(table: Any, grid: Grid) -> None:
    """Rows never split; header rows repeat; a table (table 二: each sub-table) kept on one page.

    Every row but the last of a block is kept with the next, so Word and LibreOffice
    move the block whole to the next page where it fits there, and never leave a
    group label on one page and the rest of its rows on the next.
    """
    rows = table.rows
    starts = {r for r, row in enumerate(grid.rows) if row and row[0].kind is CellKind.CAPTION}
    height = _ROW_MM.get(grid.table)
    for r, row in enumerate(rows):
        header = r < grid.header_rows
        row_properties(row, header=header, min_height_mm=None if header else height)
        if r + 1 < len(rows) and r + 1 not in starts:
            keep_with_next(row)


def _local(doc: Any, table: LocalTable, fonts: Mapping[str, str]) -> None:
    if table.caption:
        _paragraph(doc, table.caption, fonts, role="caption")
    t = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    t.style = "Table Grid"
    for c, text in enumerate(table.columns):
        _cell_text(t.cell(0, c), text, fonts, align="center")
    for r, row in enumerate(table.rows, start=1):
        _cell_text(t.cell(r, 0), row.label, fonts, align="left")
        for c, value in enumerate(row.values, start=1):
            _cell_text(t.cell(r, c), cell_text_local(value), fonts, align="center")
    for r, row in enumerate(t.rows):
        row_properties(row, header=r == 0)
        if r + 1 < len(t.rows):
            keep_with_next(row)


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


def _styles(doc: Any, fonts: Mapping[str, str]) -> None:
    """Normal, the two heading levels (every 一 to 六 alike) and the table text."""
    from docx.shared import Pt

    _set_font(doc.styles["Normal"], fonts["body"], fonts["latin"], _SIZES["body"])
    for level, key in ((1, "heading1"), (2, "heading2")):
        style = doc.styles[f"Heading {level}"]
        _set_font(style, fonts[key], fonts["latin"], _SIZES[key], bold=level == 2)
        style.font.italic = False
        fmt = style.paragraph_format
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        fmt.line_spacing = Pt(28)
        fmt.keep_with_next = True
        fmt.keep_together = True
    _table_style(doc, fonts)


def render_docx(
    report: AnnualReport,
    *,
    fonts: Mapping[str, str] | None = None,
    embed_json: bool = True,
    created: datetime | None = None,
) -> bytes:
    """The report as a Word document (bytes of a .docx file).

    ``embed_json`` stores the canonical JSON of the report in a part of the
    package (Word ignores it), so that the file can be read back losslessly.
    The document properties name the report and its organ, created at
    ``created`` (by default now; pass a time for reproducible files).
    """
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    chosen = {**DEFAULT_FONTS, **(fonts or {})}
    doc = docx.Document()
    _page(doc)
    _styles(doc, chosen)
    page_number_footer(
        doc.sections[0],
        lambda run: _set_font(run, "宋体", chosen["latin"], _SIZES["page"]),
    )
    when = created if created is not None else datetime.now(UTC).replace(microsecond=0)
    document_properties(
        doc,
        title=_property(report.meta.display_title),
        organ=_property(report.meta.signatory),
        created=when,
    )
    requests_heading = next(s.heading for s in sections(type(report)) if s.name == "requests")
    for block in blocks(report, fees_once=embed_json):
        if isinstance(block, Title):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(16)
            _set_font(p.add_run(block.text), chosen["title"], chosen["latin"], _SIZES["title"])
        elif isinstance(block, Heading):
            heading = doc.add_heading(block.text, level=block.level)
            # Table 三 starts a page, so that it stands whole on one page where it fits
            # (LibreOffice does not keep a table together by its rows' keep-with-next).
            heading.paragraph_format.page_break_before = block.text == requests_heading
        elif isinstance(block, Paragraph):
            _paragraph(doc, block.text, chosen, role=block.role)
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
