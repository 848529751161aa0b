"""Readers: published reports (JSON, text, HTML, DOCX) back into the model, with diagnostics.

>>> import gkmodel
>>> result = gkmodel.read("tests/data/corpus/2020_shangguan-xiang.txt")
>>> result.report.requests.results.total.natural_person
4
>>> result.format, result.report.edition
('text', <Edition.E2019: '2019'>)
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from html import unescape
from io import BytesIO
from typing import Literal

import attrs

from gkmodel import limits
from gkmodel._sources import Source, check_zip, source_bytes
from gkmodel.errors import GkmodelError
from gkmodel.io.json import loads
from gkmodel.model.report import AnnualReport
from gkmodel.readers._assemble import Diagnostic, assemble
from gkmodel.readers._geometry import GridLimitError
from gkmodel.readers._html import html_items
from gkmodel.readers._items import Item, text_items
from gkmodel.readers._oneline import unfolded

__all__ = [
    "FORMATS",
    "UNREAD_CODES",
    "Diagnostic",
    "ReadError",
    "ReadResult",
    "read",
    "unreadable_cells",
]

Format = Literal["json", "html", "docx", "text", "pdf", "doc", "rtf"]
FORMATS: tuple[str, ...] = ("json", "html", "docx", "text", "pdf", "doc", "rtf")
"""Formats :func:`read` takes; ``doc`` is Word 97 and WPS (OLE2 files), read through LibreOffice."""


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

    @property
    def unreadable_cells(self) -> tuple[str, ...]:
        """Model paths of the table cells the reader could not read, in table order.

        A cell is unreadable when a diagnostic of code ``unreadable`` (or ``unit``: an
        amount whose unit the cell does not take; or ``table-ambiguous``: a table whose
        block cannot be told with certainty) covers it and the reader left it blank:
        the diagnostic names the cell, its row (every cell of the row) or, with no
        path, the table and row labels (no row: every cell of the table).  This is
        the one source of the "read only in part" status of ``gkmodel check``
        (exit 3) and ``gkmodel audit`` (status ``partial``).  Empty for JSON and
        for gkmodel's own files.
        """
        return unreadable_cells(self.report, self.diagnostics)

    @property
    def unread_sections(self) -> tuple[str, ...]:
        """Model paths of the text sections (一, 五, 六) whose heading the reader did not find,
        left empty.

        A ``section-missing`` diagnostic names each.  The section may be absent from
        the source, or there under a heading no edition declares: the reader cannot
        tell, so an empty section there is not the organ's omission (``R-SECTION``)
        unless a reader finds it.
        """
        from gkmodel.model.layout import sections

        missing = {
            d.section
            for d in self.diagnostics
            if d.code == "section-missing" and d.action == "left empty"
        }
        if not missing:
            return ()
        return tuple(
            f"$.{s.name}"
            for s in sections(type(self.report))
            if s.info.numeral in missing and not hasattr(s.info.target, "TABLE")  # text only
        )

    @property
    def unread(self) -> tuple[str, ...]:
        """Every model path the reader could not read: :attr:`unreadable_cells` and
        :attr:`unread_sections`.  Pass it to :func:`gkmodel.check` as ``unread``, so
        that a reading problem is never reported as the report's own error."""
        return self.unreadable_cells + self.unread_sections

    @property
    def complete(self) -> bool:
        """True when every table cell could be read (no :attr:`unreadable_cells`)."""
        return not self.unreadable_cells


UNREAD_CODES = frozenset({"unreadable", "unit", "table-ambiguous"})
"""Diagnostic codes that leave cells blank because the source does not show them with certainty."""


def unreadable_cells(report: AnnualReport, diagnostics: Sequence[Diagnostic]) -> tuple[str, ...]:
    """The model paths of the blank table cells that ``diagnostics`` say could not be read."""
    from gkmodel.model.layout import iter_cells

    wanted = [d for d in diagnostics if d.code in UNREAD_CODES]
    if not wanted:
        return ()
    out: list[str] = []
    for spec, value in iter_cells(report):
        if value is not None:
            continue
        path = spec.model_path
        for d in wanted:
            if d.path is not None:
                hit = path == d.path or path.startswith(d.path + ".")
            elif d.table is not None:
                hit = (
                    spec.table == d.table
                    and (
                        d.row is None
                        or spec.row == d.row
                        or spec.row.startswith(d.row + "/")
                        or spec.row.endswith("/" + d.row)
                        or f"/{d.row}/" in f"/{spec.row}/"
                    )
                    and (d.column is None or spec.column.label == d.column)
                )
            else:
                hit = False
            if hit:
                out.append(path)
                break
    return tuple(out)


# Block-level tags only: a Markdown table may carry an inline <br> in a cell and stays text.
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|tr|td|th|div|p|"
    rb"article|section|h[1-6]|ul|ol|li|center)(?:\s[^<>]*)?>",
    re.IGNORECASE,
)


def _detect(data: bytes) -> str:
    """The format of ``data`` by its content (never by a file name).

    DOCX by its parts (a zip holding ``word/document.xml``, or declaring a Word main
    part), PDF by its ``%PDF-`` header, JSON by its opening brace, HTML when it holds
    markup anywhere (a CMS page body is a fragment: a ``<div>`` of ``<p>`` paragraphs
    whose first table may sit tens of kilobytes in, with no ``<html>`` or ``<body>``),
    text otherwise.

    >>> _detect(("一" * 20_000 + "<div><p>总体情况</p></div>").encode())
    'html'
    >>> _detect(b"%PDF-1.7 ..."), _detect(b'  {"edition": "2021"}'), _detect(b"plain text")
    ('pdf', 'json', 'text')
    """
    if data[:4] == b"PK\x03\x04":
        return "docx" if _is_docx(data) else "zip"
    if b"%PDF-" in data[:1024]:  # the header may follow a little junk (PDF 1.7, 7.5.2)
        return "pdf"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE2: Word 97, WPS
        return "doc"
    if data[:5] == b"{\\rtf":
        return "rtf"
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"{":
        return "json"
    if _MARKUP.search(data):
        return "html"
    return "text"


_WORD_MAIN = re.compile(rb"wordprocessingml\.document\.main|ms-word\.(?:document|template)")


def _is_docx(data: bytes) -> bool:
    """A zip holding ``word/document.xml``, or whose content types declare a Word main part
    (named otherwise: the package's relationships name it)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            names = z.namelist()
            if "word/document.xml" in names:
                return True
            types = z.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            return _WORD_MAIN.search(types) is not None
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, RuntimeError):
        return False


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
    input holds no report at all, or cannot be read within the limits of
    :mod:`gkmodel.limits` (and :class:`~gkmodel.LoadError` for JSON that is
    not a report, embedded JSON included).
    """
    name, data = _bytes(source)
    if data[:4] == b"PK\x03\x04":  # a zip: its directory is held to the limits before anything
        check_zip(data, name, "Word document", ReadError, prove=False)
    fmt = format or _detect(data)
    if fmt == "zip":
        raise ReadError(name, "not a readable Word document (the zip holds no Word document part)")
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
        return _from_text(_decode(data), name)
    except GkmodelError:
        raise
    except RecursionError:  # a structure nested beyond what a parser below can follow
        raise ReadError(name, "the document is nested too deeply to read") from None
    except ValueError as exc:
        raise ReadError(name, f"no annual report found ({exc})") from None


def _bytes(source: Source) -> tuple[str, bytes]:
    return source_bytes(
        source,
        names=("<bytes>", "<string>"),
        max_bytes=limits.MAX_DOCUMENT_BYTES,
        limit="MAX_DOCUMENT_BYTES",
        error=ReadError,
    )


_READ_DOCUMENT = re.compile(rb'^\s*\{\s*"format"\s*:')
_DIAGNOSTIC_KEYS = frozenset(a.name for a in attrs.fields(Diagnostic))


def _from_json(data: bytes, name: str) -> ReadResult:
    if _READ_DOCUMENT.match(data):
        return _read_document(data, name)
    return ReadResult(report=loads(data, source=name), diagnostics=(), format="json", source=name)


def _read_document(data: bytes, name: str) -> ReadResult:
    """What ``gkmodel read --json`` wrote: the report, the format it was read from and the
    diagnostics, so that a report read in part is still known to be (its ``unread``)."""
    import json

    from gkmodel.errors import LoadError
    from gkmodel.io.json import from_data

    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReadError(name, f"not JSON: {exc}") from None
    keys = set(doc) if isinstance(doc, dict) else set()
    if (
        not {"format", "report", "diagnostics"}
        <= keys
        <= {"format", "report", "diagnostics", "unread"}
    ):
        raise ReadError(name, "a document of gkmodel read --json has the keys format, report, "
                        "diagnostics and unread")  # fmt: skip
    fmt, listed = doc["format"], doc["diagnostics"]
    if fmt not in FORMATS or not isinstance(listed, list):
        raise ReadError(
            name, f'"format" must be one of {", ".join(FORMATS)} and "diagnostics" a list'
        )
    diagnostics = []
    for k, d in enumerate(listed):
        if (
            not isinstance(d, dict)
            or not {"code", "message"} <= d.keys() <= _DIAGNOSTIC_KEYS
            or not all(v is None or isinstance(v, str) for v in d.values())
        ):
            raise ReadError(name, f"diagnostic {k} is not a diagnostic of gkmodel read --json")
        diagnostics.append(Diagnostic(**d))
    try:
        report = from_data(doc["report"], source=f"{name} @ report")
    except LoadError as exc:
        raise ReadError(name, str(exc)) from None
    return ReadResult(report=report, diagnostics=tuple(diagnostics), format=fmt, source=name)


def _from_text(text: str, name: str) -> ReadResult:
    joined, width = unfolded(text)
    result = _from_items(text_items(joined), name, "text", wrapped=True)
    if width is None:
        return result
    diagnostic = Diagnostic(
        code="one-line",
        message="lines cut at a fixed width joined back into the one line they were cut from",
        found=f"{text.count(chr(10))} lines of at most {width} characters",
        action="read as one line",
    )
    return attrs.evolve(result, diagnostics=(diagnostic, *result.diagnostics))


def _from_items(
    items: list[Item], name: str, fmt: str, *, wrapped: bool, title: str | None = None
) -> ReadResult:
    if not items:
        raise ReadError(name, "no text found")
    try:
        report, diagnostics = assemble(items, wrapped=wrapped, title_hint=title)
    except ValueError as exc:
        raise ReadError(name, f"no annual report found: {exc}") from None
    return ReadResult(report=report, diagnostics=tuple(diagnostics), format=fmt, source=name)


def _embedded(text: str, name: str, fmt: str, items: list[Item], wrapped: bool) -> ReadResult:
    report = loads(text, source=f"{name} (embedded JSON)")
    try:
        visible, _ = assemble(items, wrapped=wrapped) if items else (None, None)
    except ValueError:
        visible = None
    diagnostics = [
        Diagnostic(
            code="embedded",
            message="read from gkmodel's embedded JSON",
            action="tables checked against it",
        )
    ]
    if visible is None:
        diagnostics.append(
            Diagnostic(
                code="embedded-unchecked",
                message="warning: the visible tables cannot be found, so the embedded JSON "
                "could not be checked against them",
                action="kept the embedded JSON unchecked: compare it with the document by eye",
            )
        )
    else:
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
    title = _TITLE_TAG.search(html)
    hint = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", "", title.group(1)))) if title else None
    return _from_items(items, name, "html", wrapped=False, title=hint)


_TITLE_TAG = re.compile(r"<title[^>]*>(.{0,500}?)</title\s*>", re.IGNORECASE | re.DOTALL)


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
        import lxml  # type: ignore[import-untyped]  # noqa: F401
    except ImportError as exc:
        raise GkmodelError("reading DOCX needs lxml: pip install 'gkmodel[docx]'") from exc
    check_zip(data, name, "Word document", ReadError, prove=False)
    from gkmodel.readers._docx import DocxError, docx_items, open_docx
    from gkmodel.renderers.docx import JSON_RELATIONSHIP

    try:
        body, embedded, styles = open_docx(data, JSON_RELATIONSHIP)
        items = docx_items(body, styles)
    except DocxError as exc:
        raise ReadError(name, f"not a readable Word document ({exc})") from None
    except GridLimitError as exc:
        raise ReadError(name, str(exc)) from None
    if embedded is not None:
        return _embedded(embedded, name, "docx", items, wrapped=False)
    return _from_items(items, name, "docx", wrapped=False)
