"""A Word document's body as items, read from its XML: paragraphs, and table rows with geometry.

The package is opened with the standard zip module and lxml (:func:`open_docx`):
only the main part and its relationships are parsed, where python-docx would
parse every part (styles, numbering, settings, theme) into its own element
classes first, three times the work of parsing the body.

Tables are read from ``w:tbl`` directly (not through python-docx's merged-cell
handling, which hides the grid and is slow on wide spans): ``w:gridSpan``
becomes a column span, a ``w:vMerge`` run a row span, ``w:gridBefore`` an empty
leading cell, and the extents come from the table's ``w:gridCol`` widths (in
twentieths of a point, given as px), from the cells' ``w:tcW`` when the grid
is missing, or from grid positions.  Spans are checked against
:mod:`gkmodel.limits` before anything is expanded.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import Any
from urllib.parse import unquote

import attrs

from gkmodel._sources import read_part
from gkmodel.readers._docxtext import Styles, hides_text, paragraph_text, read_styles
from gkmodel.readers._geometry import SourceCell, check_cells, check_span, expand
from gkmodel.readers._items import Item, Line

__all__ = ["DocxError", "docx_items", "open_docx", "paragraph_text"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TWIP_PX = 96 / 1440
_TR_PR, _TC_PR, _GRID_BEFORE = f"{_W}trPr", f"{_W}tcPr", f"{_W}gridBefore"
_GRID_SPAN, _V_MERGE, _TC_W = f"{_W}gridSpan", f"{_W}vMerge", f"{_W}tcW"


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_MAIN = "/officeDocument"  # the end of the main part's relationship type (transitional, strict)
_STYLES = "/styles"


class DocxError(Exception):
    """The package is not a readable Word document (the reader names the file)."""


def open_docx(data: bytes, relationship: str) -> tuple[Any, str | None, Styles]:
    """The ``w:body`` of a Word package's main part (None when it has none), the text of
    the part the main part relates to by ``relationship`` (None when there is none), and the
    looks of its styles (:func:`read_styles`).

    The main part is found as Word finds it, by the package's relationships
    (``word/document.xml`` by convention, not by rule).  Entities are not resolved
    and nothing is fetched from the network; a part with a DTD (which no Word part
    has) is refused.  Raises :class:`DocxError`.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            return _open(package, relationship)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError,
            NotImplementedError, KeyError) as exc:  # fmt: skip
        raise DocxError(str(exc) or type(exc).__name__) from None


def _open(package: zipfile.ZipFile, relationship: str) -> tuple[Any, str | None, Styles]:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    names = set(package.namelist())
    folded = {name.casefold(): name for name in names}

    def item(part: str) -> str:
        """The package's item of ``part``: part names are compared without case, and a name
        percent-encoded in a relationship (``my%20part.xml``) may be stored decoded."""
        for name in (part, unquote(part)):
            if name in names:
                return name
            if name.casefold() in folded:
                return folded[name.casefold()]
        return part

    def parse(part: str, *, strict: bool = False, data: bytes | None = None) -> Any:
        if data is None:
            data = read_part(package, package.getinfo(part))
        if strict:  # ISO 29500 Strict: the same elements in another namespace
            data = data.replace(_STRICT_W, _W[1:-1].encode())
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise DocxError(f"{part} is not well-formed XML: {exc.msg}") from None
        if root.getroottree().docinfo.doctype:  # its entities would be read as nothing
            raise DocxError(f"{part} declares a DTD, which no Word document part may")
        return root

    def relations(part: str) -> list[tuple[str, str]]:
        """(type, part name) of each relationship of ``part`` to a part of the package."""
        folder, base = posixpath.split(part)
        rels = item(posixpath.join(folder, "_rels", base + ".rels"))
        out = []
        for rel in parse(rels).iter(_RELS) if rels in names else ():
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            target = target.replace("\\", "/")  # written by some producers as a Windows path
            path = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
            out.append((rel.get("Type") or "", item(path)))
        return out

    main = next((p for t, p in relations("") if t.endswith(_MAIN)), "word/document.xml")
    if main not in names:
        raise DocxError(f"its main part {main} is not in the package")
    root = parse(main, strict=True)
    if not str(root.tag).endswith("}document"):
        raise DocxError("its main part is not w:document")
    related_parts = relations(main)
    related = next((p for t, p in related_parts if t == relationship), None)
    styles_part = next((p for t, p in related_parts if t.endswith(_STYLES)), None)
    styles: Styles = {}
    if styles_part in names:
        data = read_part(package, package.getinfo(styles_part))
        if _styles_matter(data, root):
            styles = read_styles(parse(styles_part, strict=True, data=data))
    text = None
    if related is not None and related in names:
        try:
            text = read_part(package, package.getinfo(related)).decode("utf-8")
        except UnicodeDecodeError:
            raise DocxError(f"{related} is not UTF-8 text") from None
    return root.find(f"{_W}body"), text, styles


def _styles_matter(styles: bytes, document: Any) -> bool:
    """Whether a styles part may say something of a run: a style hides text, or a run names a
    character style and some style raises its text or is a note's reference.  Else (most
    documents; a template's 300 KB of latent styles) the part is not parsed."""
    if b"vanish" in styles:
        return True
    marks = b"vertAlign" in styles or b"position" in styles or b"eference" in styles
    return marks and next(document.iter(f"{_W}rStyle"), None) is not None


_WRAPPERS = (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")


def _kids(el: Any, *tags: str) -> Iterator[Any]:
    """The children of ``el`` with one of ``tags``, in order, and those wrapped in content
    controls (``w:sdt``) or custom XML (a table, a row, a cell or a paragraph may be)."""
    for child in el.iterchildren(*tags, *_WRAPPERS):
        if child.tag in _WRAPPERS:
            yield from _kids(child, *tags)
        else:
            yield child


def _find(el: Any, parent: str, tag: str) -> Any:
    """``el.find("parent/tag")`` by plain child steps (a path goes through Python in lxml)."""
    for p in el.iterchildren(parent):
        found = p.find(tag)
        if found is not None:
            return found
    return None


def _int(el: Any, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{_W}val", default))
    except ValueError:
        return default


def docx_items(body: Any, styles: Styles | None = None) -> list[Item]:
    """Lines and rows of a document body (``w:body``; None: no items), its runs as ``styles``
    (:func:`read_styles`) show them.

    A table that holds tables (a page laid out in a table, or the whole report in a table
    of one cell) is a layout, not a table of the report: its cells' paragraphs and tables are
    read in order, as if they stood outside it.
    """
    items: list[Item] = []
    if body is not None:
        _blocks(body, items, _Doc(styles or {}, hides_text(body)), [0])
    return items


@attrs.frozen
class _Doc:
    styles: Styles
    hides: bool  # whether the body has text not shown (see hides_text)

    def text(self, p: Any) -> str:
        return paragraph_text(p, self.styles, hides=self.hides)


def _blocks(el: Any, items: list[Item], doc: _Doc, tables: list[int]) -> None:
    for child in _kids(el, f"{_W}p", f"{_W}tbl"):
        if child.tag == f"{_W}p":
            text = doc.text(child).strip()
            if text:
                items.append(Line(text))
        elif next(child.iterdescendants(f"{_W}tbl"), None) is not None:  # a layout table
            for tr in _kids(child, f"{_W}tr"):
                for tc in _kids(tr, f"{_W}tc"):
                    _blocks(tc, items, doc, tables)
        else:
            tables[0] += 1
            items.extend(_table_rows(child, tables[0], doc))


def _table_rows(tbl: Any, table: int, doc: _Doc) -> list[Item]:
    edges = [0.0]
    for col in tbl.iterfind(f"{_W}tblGrid/{_W}gridCol"):
        edges.append(edges[-1] + _int_attr(col, "w") * _TWIP_PX)
    # First pass: each row's cells at their grid columns, with their vMerge state.
    raw: list[list[tuple[int, int, str | None, str, tuple[float, str] | None]]] = []
    area = 0
    where = f"a cell of table {table}"
    for tr in _kids(tbl, f"{_W}tr"):
        before = _int(_find(tr, _TR_PR, _GRID_BEFORE), 0)
        col = check_span(before, f"a row of table {table}") if before > 0 else 0
        row: list[tuple[int, int, str | None, str, tuple[float, str] | None]] = []
        if col:
            row.append((0, col, None, "", None))
        for tc in _kids(tr, f"{_W}tc"):
            span = check_span(_int(_find(tc, _TC_PR, _GRID_SPAN)), where)
            vm = _find(tc, _TC_PR, _V_MERGE)
            merge = None if vm is None else (vm.get(f"{_W}val") or "continue")
            text = "\n".join(doc.text(p) for p in _kids(tc, f"{_W}p")).strip()
            tcw = _find(tc, _TC_PR, _TC_W)
            width = None
            if tcw is not None and tcw.get(f"{_W}type", "dxa") == "dxa" and _int_attr(tcw, "w"):
                width = (_int_attr(tcw, "w") * _TWIP_PX, "px")
            row.append((col, span, merge, text, width))
            col += span
            area += span
            check_cells(area, table)
        raw.append(row)
    # Second pass: a vMerge run becomes a row span of its first cell.
    spans: dict[tuple[int, int], int] = {}
    runs: dict[int, tuple[int, int]] = {}  # grid column → (row, index) of the run's first cell
    for r, row in enumerate(raw):
        present = set()
        for k, (col, span, merge, _text, _width) in enumerate(row):
            present.add(col)
            if merge == "continue" and col in runs:
                key = runs[col]
                spans[key] = spans.get(key, 1) + 1
                area += span
                check_cells(area, table)
            elif merge == "restart":
                runs[col] = (r, k)
            else:
                runs.pop(col, None)
        runs = {c: key for c, key in runs.items() if c in present}
    rows = _with_spans(raw, spans)
    use_edges = len(edges) > 1
    return list(expand(rows, table, column_edges=edges if use_edges else None))


def _with_spans(
    raw: list[list[tuple[int, int, str | None, str, tuple[float, str] | None]]],
    spans: dict[tuple[int, int], int],
) -> list[list[SourceCell]]:
    out: list[list[SourceCell]] = []
    dropped = _dropped(raw)
    for r, row in enumerate(raw):
        out.append(
            [
                SourceCell(text, check_span(spans.get((r, k), 1), "a merged cell"), span, width)
                for k, (_col, span, _merge, text, width) in enumerate(row)
                if (r, k) not in dropped
            ]
        )
    return out


def _dropped(
    raw: list[list[tuple[int, int, str | None, str, tuple[float, str] | None]]],
) -> set[tuple[int, int]]:
    """The continuation cells of vMerge runs (covered by the run's first cell)."""
    out: set[tuple[int, int]] = set()
    open_runs: set[int] = set()
    for r, row in enumerate(raw):
        present = set()
        for k, (col, _span, merge, _text, _width) in enumerate(row):
            present.add(col)
            if merge == "continue" and col in open_runs:
                out.add((r, k))
            elif merge == "restart":
                open_runs.add(col)
            else:
                open_runs.discard(col)
        open_runs &= present
    return out


def _int_attr(el: Any, name: str) -> int:
    try:
        return int(float(el.get(f"{_W}{name}", 0)))
    except (ValueError, OverflowError):  # not a number, or INF
        return 0
