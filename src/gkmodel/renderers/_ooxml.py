"""Word-processing details of the DOCX renderer that python-docx has no API for.

Page numbers as a ``PAGE`` field, rows that do not split and repeat as headers,
paragraphs kept with the next one, and the document properties.  Every function
takes python-docx objects and changes their XML in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

__all__ = [
    "PAGE_NUMBER_DASH",
    "document_properties",
    "keep_with_next",
    "page_number_footer",
    "row_properties",
]

PAGE_NUMBER_DASH = "—"
"""The 一字线 on each side of the page number (``— 1 —``), as 公文 have it."""


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _field_run(paragraph: Any, instruction: str, placeholder: str) -> list[Any]:
    """The runs of a complex field: begin, instruction, separate, placeholder result, end."""
    runs = []
    for part in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if part == "instr":
            text = _element("w:instrText")
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        elif part == "result":
            run.text = placeholder
        else:
            run._r.append(_element("w:fldChar", fldCharType=part))
        runs.append(run)
    return runs


def page_number_footer(section: Any, set_font: Any) -> None:
    """``— N —`` centred at the foot of every page of ``section``, N a ``PAGE`` field.

    ``set_font(run)`` gives each run its font (宋体 四号 in 公文).
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs = [p.add_run(f"{PAGE_NUMBER_DASH} ")]
    runs += _field_run(p, "PAGE", "1")
    runs.append(p.add_run(f" {PAGE_NUMBER_DASH}"))
    for run in runs:
        set_font(run)


def row_properties(row: Any, *, header: bool = False, min_height_mm: float | None = None) -> None:
    """A table row that never splits across pages; a header row repeats where the table breaks."""
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.shared import Mm

    trpr = row._tr.get_or_add_trPr()
    trpr.append(_element("w:cantSplit", val="true"))
    if header:
        trpr.append(_element("w:tblHeader", val="true"))
    if min_height_mm is not None:
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        row.height = Mm(min_height_mm)


def keep_with_next(row: Any) -> None:
    """Every paragraph of the row kept with the next, so the row stays on the next row's page."""
    for cell in row.cells:
        for p in cell.paragraphs:
            p.paragraph_format.keep_with_next = True


def document_properties(doc: Any, *, title: str, organ: str, created: datetime) -> None:
    """Properties naming the report and its organ at ``created``; nothing of the template."""
    props = doc.core_properties
    props.title = title
    props.subject = "政府信息公开工作年度报告"
    props.author = organ
    props.last_modified_by = organ
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = created
    props.modified = created
