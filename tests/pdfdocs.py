"""Documents for the PDF and Word 97 readers: gkmodel's DOCX in variants, exported by LibreOffice.

Each variant is a DOCX rendered by gkmodel from an example report and changed the
way published reports differ: landscape pages, other fonts, a header and a footer
with the page number (``— 3 —``) on every page, table headers not repeated on the
next page.  :func:`export` converts them with LibreOffice in one run (a few seconds
each), to PDF, Word 97 (``.doc``) or RTF.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gkmodel
from gkmodel import AnnualReport

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "data"
SEED = gkmodel.load(EXAMPLES / "shangguan_2020.json")
HUAIAN = gkmodel.load(EXAMPLES / "huaian_2024.json")

OTHER_FONTS = {
    "title": "Noto Sans CJK SC",
    "body": "Noto Serif CJK SC",
    "heading1": "Noto Sans CJK SC",
    "heading2": "Noto Serif CJK SC",
    "table": "Noto Sans CJK SC",
    "latin": "DejaVu Sans",
}


def _edit(data: bytes, change: Callable[[Any], None]) -> bytes:
    import docx

    doc = docx.Document(io.BytesIO(data))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _landscape(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    for section in doc.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(25), Mm(25)


def _no_repeated_header(doc: Any) -> None:
    from docx.oxml.ns import qn

    for el in list(doc.element.body.iter(qn("w:tblHeader"))):
        el.getparent().remove(el)


def _header_footer(doc: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for section in doc.sections:
        section.header.paragraphs[0].text = "淮安市人民政府办公室"
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("— ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        p._p.append(field)
        p.add_run(" —")


def _vertical_labels(doc: Any) -> None:
    """Table 三's group labels drawn vertically: 三、本年度办理结果 bottom to top, the
    （三） and （五） groups top to bottom (the two ways Word turns text in a cell)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    turned = {"三、本年度办理结果": "btLr", "（三）不予公开": "tbRl", "（五）不予处理": "tbRl"}
    for tc in doc.element.body.iter(qn("w:tc")):
        text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
        if text in turned:
            direction = OxmlElement("w:textDirection")
            direction.set(qn("w:val"), turned[text])
            tc.get_or_add_tcPr().append(direction)


def _rows_may_break(size: float, push: int) -> Callable[[Any], None]:
    """Rows allowed to break across pages (Word's default), table 三 set at ``size`` points
    (its labels and numbers wrap in their cells) and pushed ``push`` empty paragraphs down,
    so that a page break falls inside one of its rows."""

    def change(doc: Any) -> None:
        import copy

        from docx.oxml.ns import qn
        from docx.shared import Pt

        body = doc.element.body
        for tag in ("w:cantSplit", "w:keepNext"):
            for el in list(body.iter(qn(tag))):
                el.getparent().remove(el)
        table = next(t for t in doc.tables if "申请人情况" in t._tbl.xml)
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(size)
        last = doc.paragraphs[-1]._p
        for _ in range(push):  # empty paragraphs in the style of the last one
            p = copy.deepcopy(last)
            for child in list(p):
                if child.tag != qn("w:pPr"):
                    p.remove(child)
            table._tbl.addprevious(p)

    return change


def _narrow_rows_may_break(push: int, *, repeat_header: bool) -> Callable[[Any], None]:
    """Rows allowed to break across pages, table 三's value columns narrowed so that its
    numbers wrap in their cells (3050 over two lines: ``30`` / ``50``), and the table pushed
    ``push`` empty paragraphs down: page breaks cut numbers and labels anywhere, with the
    header repeated on the next page (Word's default for the renderer's header) or not."""
    breaks = _rows_may_break(12, push)

    def change(doc: Any) -> None:
        from docx.oxml.ns import qn

        breaks(doc)
        table = next(t for t in doc.tables if "申请人情况" in t._tbl.xml)
        tbl = table._tbl
        if not repeat_header:
            for el in list(tbl.iter(qn("w:tblHeader"))):
                el.getparent().remove(el)
        cols = tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
        for k, col in enumerate(cols):
            if k >= 3:  # the seven value columns, at 45 % of their width
                col.set(qn("w:w"), str(int(int(col.get(qn("w:w"))) * 0.45)))
        widths = [int(col.get(qn("w:w"))) for col in cols]
        for tr in tbl.findall(qn("w:tr")):
            k = 0
            for tc in tr.findall(qn("w:tc")):
                props = tc.find(qn("w:tcPr"))
                grid_span = props.find(qn("w:gridSpan"))
                span = int(grid_span.get(qn("w:val"))) if grid_span is not None else 1
                props.find(qn("w:tcW")).set(qn("w:w"), str(sum(widths[k : k + span])))
                k += span

    return change


def hostile() -> dict[str, tuple[AnnualReport, bytes]]:
    """Name → (the source, the DOCX): layouts whose page breaks cut table 三's wrapped numbers,
    where a row may only be read whole or not at all (found by an adversarial pass: read as
    the digits above the break, or placed as another row, and the organ then blamed)."""
    return {
        f"narrow-{push}{'' if repeat else '-no-repeat'}": (
            HUAIAN,
            _edit(_docx(HUAIAN), _narrow_rows_may_break(push, repeat_header=repeat)),
        )
        for push, repeat in ((2, True), (8, True), (22, True), (24, True), (25, False))
    }


def _docx(report: AnnualReport, **options: Any) -> bytes:
    out = gkmodel.render(report, to="docx", embed_json=False, **options)
    assert isinstance(out, bytes)
    return out


def variants() -> dict[str, tuple[AnnualReport, bytes]]:
    """Name → (the source report, the DOCX to export)."""
    return {
        "huaian": (HUAIAN, _docx(HUAIAN)),
        "seed": (SEED, _docx(SEED)),
        "huaian-landscape": (HUAIAN, _edit(_docx(HUAIAN), _landscape)),
        "seed-landscape-fonts": (
            SEED,
            _edit(_docx(SEED, fonts=OTHER_FONTS), _landscape),
        ),
        "huaian-fonts-no-repeat": (
            HUAIAN,
            _edit(_docx(HUAIAN, fonts=OTHER_FONTS), _no_repeated_header),
        ),
        "huaian-header-footer": (HUAIAN, _edit(_docx(HUAIAN), _header_footer)),
        "huaian-vertical-labels": (HUAIAN, _edit(_docx(HUAIAN), _vertical_labels)),
        # A page break inside a row of table 三: a number wrapped in its cell cut in two
        # (293 | 2), a label and its group label cut (（三）不予公 | 开), a label cut (…、行 |
        # 政机关…), as LibreOffice 7.4 lays them out (the test asserts that the cuts happen).
        "rows-cut-number": (HUAIAN, _edit(_docx(HUAIAN), _rows_may_break(13, 6))),
        "rows-cut-group": (HUAIAN, _edit(_docx(HUAIAN), _rows_may_break(13, 30))),
        "rows-cut-label": (HUAIAN, _edit(_docx(HUAIAN), _rows_may_break(11, 16))),
    }


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export(docs: dict[str, bytes], folder: Path, to: str) -> dict[str, Path]:
    """Convert DOCX ``docs`` (name → bytes) to ``to`` (pdf, doc, rtf) with LibreOffice."""
    program = office()
    assert program is not None
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, data in docs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        sources.append(str(path))
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
         "--outdir", str(folder), *sources],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return {name: folder / f"{name}.{to}" for name in docs}
