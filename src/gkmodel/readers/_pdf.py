"""A PDF's pages as characters with their boxes and ruled lines, read with PDFium (pypdfium2).

Needs the ``pdf`` extra.  Every page becomes a :class:`Page`: the characters
of its text layer (each with its box in points, measured from the top left
corner of the page as it is shown, its font size and whether it is drawn
rotated) and the horizontal and vertical strokes of its drawings, from which
:mod:`gkmodel.readers._pdflayout` rebuilds tables and lines of text.

Problems with the file itself (not a PDF, damaged, encrypted, more pages than
:data:`gkmodel.limits.MAX_PDF_PAGES`, no text layer at all) raise
:class:`PdfError` with a one-line reason.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from typing import Any

import attrs

from gkmodel import limits

__all__ = ["Char", "Page", "PdfError", "pdf_pages"]

_OCR_HINT = (
    "the PDF has no text layer (a scanned image?): gkmodel does not do OCR;"
    " add a text layer first, e.g. ocrmypdf -l chi_sim in.pdf out.pdf"
)
_MAX_FORM_DEPTH = 8  # form XObjects nested deeper than this are not searched for ruled lines


class PdfError(Exception):
    """The PDF cannot be read; the message says why in one line."""


@attrs.frozen
class Char:
    """One character: its text, box (x0, top, x1, bottom in points), size and rotation."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    upright: bool = True
    angle: float = 0.0


@attrs.frozen
class Page:
    """One page: its size, characters, horizontal (y, x0, x1) and vertical (x, y0, y1) strokes."""

    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    horizontal: tuple[tuple[float, float, float], ...]
    vertical: tuple[tuple[float, float, float], ...]


def _pdfium() -> tuple[Any, Any]:
    try:
        import pypdfium2  # type: ignore[import-untyped]
        from pypdfium2 import raw
    except ImportError as exc:
        from gkmodel.errors import GkmodelError

        raise GkmodelError("reading PDF needs pypdfium2: pip install 'gkmodel[pdf]'") from exc
    return pypdfium2, raw


def pdf_pages(data: bytes) -> list[Page]:
    """The pages of a PDF document (bytes), each with its characters and strokes."""
    pdfium, raw = _pdfium()
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise PdfError(
                "the PDF is encrypted: open it with its password and save it unprotected first"
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise PdfError("the PDF uses an unsupported security handler") from None
        raise PdfError("not a readable PDF (damaged or truncated)") from None
    try:
        count = len(doc)
        if count == 0:
            raise PdfError("the PDF has no pages")
        if count > limits.MAX_PDF_PAGES:
            raise PdfError(
                f"the PDF has {count} pages, more than gkmodel.limits.MAX_PDF_PAGES"
                f" ({limits.MAX_PDF_PAGES})"
            )
        pages = [_page(doc, i, raw) for i in range(count)]
    except pdfium.PdfiumError as exc:  # a page the document declares but cannot give
        raise PdfError(f"not a readable PDF (damaged: {exc})") from None
    finally:
        doc.close()
    if not any(p.chars for p in pages):
        raise PdfError(_OCR_HINT)
    return pages


def _page(doc: Any, index: int, raw: Any) -> Page:
    page = doc[index]
    try:
        width, height = page.get_size()  # as shown, rotation applied
        rotation = page.get_rotation() % 360
        mw, mh = (height, width) if rotation in (90, 270) else (width, height)

        def place(x: float, y: float) -> tuple[float, float]:
            """User space (y up) to the shown page (y down from the top left corner)."""
            if rotation == 90:
                return y, x
            if rotation == 180:
                return mw - x, y
            if rotation == 270:
                return mh - y, mw - x
            return x, mh - y

        textpage = page.get_textpage()
        try:
            chars = _chars(textpage.raw, raw, place)
        finally:
            textpage.close()
        horizontal, vertical = _strokes(page.raw, raw, place)
    finally:
        page.close()
    return Page(index + 1, width, height, tuple(chars), tuple(horizontal), tuple(vertical))


def _chars(tp: Any, raw: Any, place: Any) -> list[Char]:
    out: list[Char] = []
    rect = raw.FS_RECTF()
    for i in range(raw.FPDFText_CountChars(tp)):
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or raw.FPDFText_IsGenerated(tp, i) == 1:
            continue
        text = chr(code)
        if text.isspace() and text != " ":
            continue
        if not raw.FPDFText_GetLooseCharBox(tp, i, rect):
            continue
        ax, ay = place(rect.left, rect.top)
        bx, by = place(rect.right, rect.bottom)
        angle = raw.FPDFText_GetCharAngle(tp, i)
        angle = angle if angle >= 0 else 0.0
        turned = abs(math.sin(angle)) > 0.5
        out.append(
            Char(
                text,
                min(ax, bx),
                min(ay, by),
                max(ax, bx),
                max(ay, by),
                raw.FPDFText_GetFontSize(tp, i),
                upright=not turned,
                angle=angle,
            )
        )
    return out


_STROKE_MAX = 3.0  # a filled rectangle thinner than this (points) is drawn as a rule


def _strokes(
    page: Any, raw: Any, place: Any
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()

    def visit(obj: Any, matrix: tuple[float, ...], depth: int) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        m = raw.FS_MATRIX()
        own = (
            (m.a, m.b, m.c, m.d, m.e, m.f)
            if raw.FPDFPageObj_GetMatrix(obj, m)
            else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        )
        full = _compose(own, matrix)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < _MAX_FORM_DEPTH:
                for k in range(raw.FPDFFormObj_CountObjects(obj)):
                    visit(raw.FPDFFormObj_GetObject(obj, k), full, depth + 1)
            return
        if kind != raw.FPDF_PAGEOBJ_PATH:
            return
        points: list[list[tuple[float, float]]] = []
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            if not raw.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            px, py = place(*_apply(full, x.value, y.value))
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not points:
                points.append([(px, py)])
            else:
                points[-1].append((px, py))
            if raw.FPDFPathSegment_GetClose(seg):
                points[-1].append(points[-1][0])
        _rules(points, horizontal, vertical)

    for k in range(raw.FPDFPage_CountObjects(page)):
        visit(raw.FPDFPage_GetObject(page, k), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    return horizontal, vertical


def _rules(
    subpaths: list[list[tuple[float, float]]],
    horizontal: list[tuple[float, float, float]],
    vertical: list[tuple[float, float, float]],
) -> None:
    """Axis-aligned rules of a path: its straight edges, or the path itself when it is thin."""
    pts = [p for sub in subpaths for p in sub]
    if not pts:
        return
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if h <= _STROKE_MAX and w > _STROKE_MAX:
        horizontal.append(((min(ys) + max(ys)) / 2, min(xs), max(xs)))
        return
    if w <= _STROKE_MAX and h > _STROKE_MAX:
        vertical.append(((min(xs) + max(xs)) / 2, min(ys), max(ys)))
        return
    for sub in subpaths:
        for (ax, ay), (bx, by) in itertools.pairwise(sub):
            if abs(ay - by) < 0.5 and abs(ax - bx) > 0.5:
                horizontal.append((ay, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) < 0.5 and abs(ay - by) > 0.5:
                vertical.append((ax, min(ay, by), max(ay, by)))


def _compose(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix applying ``a`` then ``b`` (PDF's row-vector convention)."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]
