"""Readers: published reports (JSON, text, HTML, DOCX) back into the model, with diagnostics.

>>> import gkmodel
>>> result = gkmodel.read("tests/data/corpus/2020_shangguan-xiang.txt")
>>> result.report.requests.results.total.natural_person
4
>>> result.format, result.report.edition
('text', <Edition.E2019: '2019'>)
"""

from __future__ import annotations

import json
import os
import re
import zipfile
from io import BytesIO
from typing import Literal

import attrs

from gkmodel._sources import Source, source_bytes
from gkmodel.errors import GkmodelError, LoadError, Problem
from gkmodel.io.json import from_data
from gkmodel.model.report import AnnualReport
from gkmodel.readers._assemble import Diagnostic, assemble
from gkmodel.readers._geometry import GridLimitError
from gkmodel.readers._items import Item, html_items, text_items

__all__ = ["FORMATS", "Diagnostic", "ReadError", "ReadResult", "read"]

Format = Literal["json", "html", "docx", "text", "pdf", "doc", "rtf"]
FORMATS: tuple[str, ...] = ("json", "html", "docx", "text", "pdf", "doc", "rtf")
"""Formats :func:`read` takes; ``doc`` is Word 97 and WPS (OLE2 files), read through LibreOffice."""
MAX_BYTES = 50 * 1024 * 1024


class ReadError(GkmodelError):
    """The input holds no report: ``source`` names it, ``reason`` says what was looked for."""

    code = "read"

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


@attrs.frozen(kw_only=True)
class ReadResult:
    """A report read from a source, the format it was read as, and every diagnostic."""

    report: AnnualReport
    diagnostics: tuple[Diagnostic, ...]
    format: str
    source: str


def _detect(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "docx"
    if data[:1024].lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
        return "pdf"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    if data[:5] == b"{\\rtf":
        return "rtf"
    head = data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head[:1] == b"{":
        return "json"
    if re.search(rb"<(!doctype html|html|body|table|article)\b", head):
        return "html"
    return "text"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def read(source: str | bytes | os.PathLike[str], *, format: str | None = None) -> ReadResult:
    """Read a report from a path, bytes or a str; detect the format unless ``format`` is given.

    A ``str`` that names an existing file is read as that file; any other
    ``str`` is the document itself.  Raises :class:`ReadError` only when the
    input holds no report at all (and :class:`~gkmodel.LoadError` for JSON
    that is not a report).
    """
    name, data = _bytes(source)
    if len(data) > MAX_BYTES:
        raise ReadError(name, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    fmt = format or _detect(data)
    if fmt not in FORMATS:
        raise ReadError(name, f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    try:
        if fmt == "json":
            return _from_json(data, name)
        if fmt == "html":
            return _from_html(_decode(data), name)
        if fmt == "docx":
            return _from_docx(data, name)
        if fmt == "pdf":
            return _from_pdf(data, name)
        if fmt in ("doc", "rtf"):
            return _from_converted(data, name, fmt)
        return _from_items(text_items(_decode(data)), name, "text", wrapped=True)
    except (GkmodelError, RecursionError):
        raise
    except ValueError as exc:
        raise ReadError(name, f"no annual report found ({exc})") from None


def _bytes(source: Source) -> tuple[str, bytes]:
    return source_bytes(source, names=("<bytes>", "<string>"), max_bytes=MAX_BYTES, error=ReadError)


def _from_json(data: bytes, name: str) -> ReadResult:
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LoadError(name, [Problem("$", f"malformed JSON: {exc}")]) from None
    return ReadResult(
        report=from_data(parsed, source=name), diagnostics=(), format="json", source=name
    )


def _from_items(items: list[Item], name: str, fmt: str, *, wrapped: bool) -> ReadResult:
    if not items:
        raise ReadError(name, "no text found")
    try:
        report, diagnostics = assemble(items, wrapped=wrapped)
    except ValueError as exc:
        raise ReadError(name, f"no annual report found: {exc}") from None
    return ReadResult(report=report, diagnostics=tuple(diagnostics), format=fmt, source=name)


def _embedded(text: str, name: str, fmt: str, items: list[Item], wrapped: bool) -> ReadResult:
    report = from_data(json.loads(text), source=f"{name} (embedded JSON)")
    diagnostics = [
        Diagnostic(
            code="embedded",
            message="read from gkmodel's embedded JSON",
            action="tables checked against it",
        )
    ]
    try:
        visible, _ = assemble(items, wrapped=wrapped)
    except ValueError:
        visible = None
    if visible is not None:
        from gkmodel.io.cells import to_cells

        shown = {c["path"]: c["value"] for c in to_cells(visible)}
        for cell in to_cells(report):
            if shown.get(cell["path"]) != cell["value"]:
                diagnostics.append(
                    Diagnostic(
                        code="tables-disagree",
                        message="the visible table and the embedded JSON differ",
                        table=cell["table"],
                        row=cell["row"],
                        column=cell["column"],
                        path=cell["path"],
                        found=str(shown.get(cell["path"])),
                        action=f"kept the embedded value {cell['value']!r}",
                    )
                )
    return ReadResult(report=report, diagnostics=tuple(diagnostics), format=fmt, source=name)


def _from_html(html: str, name: str) -> ReadResult:
    from gkmodel.renderers.html import JSON_SCRIPT_ID

    try:
        items, embedded = html_items(html, json_id=JSON_SCRIPT_ID)
    except GridLimitError as exc:
        raise ReadError(name, str(exc)) from None
    if embedded:
        return _embedded(embedded, name, "html", items, wrapped=False)
    return _from_items(items, name, "html", wrapped=False)


def _from_pdf(data: bytes, name: str) -> ReadResult:
    from gkmodel.readers._geometry import GridLimitError
    from gkmodel.readers._pdf import PdfError, pdf_pages
    from gkmodel.readers._pdflayout import page_items

    try:
        items = page_items(pdf_pages(data))
    except (PdfError, GridLimitError) as exc:
        raise ReadError(name, str(exc)) from None
    return _from_items(items, name, "pdf", wrapped=False)


def _from_converted(data: bytes, name: str, fmt: str) -> ReadResult:
    from gkmodel.readers._convert import ConvertError, to_docx

    try:
        docx_data = to_docx(data, fmt)
    except ConvertError as exc:
        raise ReadError(name, str(exc)) from None
    result = _from_docx(docx_data, name)
    return attrs.evolve(result, format=fmt)


def _from_docx(data: bytes, name: str) -> ReadResult:
    try:
        import docx
    except ImportError as exc:
        raise GkmodelError("reading DOCX needs python-docx: pip install 'gkmodel[docx]'") from exc
    try:
        doc = docx.Document(BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(name, f"not a readable Word document ({exc})") from None
    except Exception as exc:  # noqa: BLE001  (python-docx raises many kinds on broken files)
        raise ReadError(name, f"not a readable Word document ({type(exc).__name__})") from None
    from gkmodel.renderers.docx import JSON_RELATIONSHIP

    items = _docx_items(doc, name)
    for rel in doc.part.rels.values():
        if rel.reltype == JSON_RELATIONSHIP:
            return _embedded(
                rel.target_part.blob.decode("utf-8"), name, "docx", items, wrapped=False
            )
    return _from_items(items, name, "docx", wrapped=False)


def _docx_items(doc: object, name: str) -> list[Item]:
    from gkmodel.readers._docx import docx_items

    try:
        return docx_items(doc.element.body)  # type: ignore[attr-defined]
    except GridLimitError as exc:
        raise ReadError(name, str(exc)) from None
