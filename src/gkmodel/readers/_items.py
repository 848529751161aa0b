"""Published documents (text, HTML, DOCX) as one sequence of lines and table rows.

Every format is first turned into :class:`Line` (a line or paragraph of
text) and :class:`Row` (the cells of one table row, spans expanded) items;
the assembler works on those alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

import attrs

from gkmodel.renderers.text import display_width

__all__ = ["Line", "Row", "html_items", "text_items"]


@attrs.frozen
class Line:
    """A line of running text; ``indent`` when it opened with white space."""

    text: str
    indent: bool = False
    paragraph: bool = False  # opened by two full-width spaces: a paragraph, never a heading


@attrs.frozen
class Row:
    """The cells of a table row; ``table`` counts the tables of the document."""

    cells: tuple[str, ...]
    table: int = 0


Item = Line | Row

_PAGE_NUMBER = re.compile(r"^\s*[-—–－]\s*\d{1,3}\s*[-—–－]\s*$|^\s*第\s*\d{1,3}\s*页.*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DASH_RULE = re.compile(r"^-+(  -+)+$|^-+$")


def _md_cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    return tuple(c.strip() for c in body.split("|"))


def _cut(line: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Cut ``line`` into cells at display-width column ``spans``."""
    cells = [""] * len(spans)
    col = 0
    for ch in line:
        w = display_width(ch)
        for i, (start, end) in enumerate(spans):
            if start <= col < end + 2:  # the gap after a column belongs to it
                cells[i] += ch
                break
        col += w
    return tuple(c.strip(" ") for c in cells)


def text_items(text: str) -> list[Item]:
    """Lines of ``text`` as items; tab-per-cell blocks, Markdown and aligned tables as rows."""
    lines = text.splitlines()
    if lines and lines[0].startswith("# source: "):
        lines = lines[1:]  # provenance line of the development corpus, not part of a report
    out: list[Item] = []
    table = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if _PAGE_NUMBER.match(line):
            i += 1
            continue
        if line.startswith("\t"):
            table += 1
            i = _tab_block(lines, i, out, table)
            continue
        if line.lstrip().startswith("|"):
            if not _MD_RULE.match(line):
                out.append(Row(_md_cells(line), table))
            i += 1
            continue
        if _DASH_RULE.match(line) and out and isinstance(out[-1], Line):
            table += 1
            i = _aligned_block(lines, i, out, table)
            continue
        if line.strip():
            out.append(
                Line(
                    line.strip(),
                    indent=line[:1] in (" ", "\u3000"),
                    paragraph=line.startswith("\u3000\u3000") and not line[2:3].isspace(),
                )
            )
        i += 1
    return out


def _tab_block(lines: list[str], i: int, out: list[Item], table: int) -> int:
    """Cells one per line, each opened by a tab; an empty line ends a row."""
    cells: list[str] = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            cells.append(line[1:].strip())
        elif line.strip() == "":
            if cells:
                out.append(Row(tuple(cells), table))
                cells = []
            if i + 1 < len(lines) and not lines[i + 1].startswith("\t"):
                i += 1
                break
        elif cells:  # a cell's text continued on a line of its own
            cells[-1] += line.strip()
        else:
            break
        i += 1
    if cells:
        out.append(Row(tuple(cells), table))
    return i


def _aligned_block(lines: list[str], i: int, out: list[Item], table: int) -> int:
    """A table aligned in columns under a rule of dashes (gkmodel's own text output)."""
    rule = lines[i]
    spans = [(part.start(), part.end()) for part in re.finditer(r"-+", rule)]
    header = out.pop()
    assert isinstance(header, Line)
    head_line = lines[i - 1]
    out.append(Row(_cut(head_line, spans), table))
    i += 1
    while i < len(lines) and lines[i].strip():
        out.append(Row(_cut(lines[i], spans), table))
        i += 1
    return i


# -- HTML ---------------------------------------------------------------------------------

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article", "header",
    "footer", "blockquote", "pre", "title", "dt", "dd", "caption", "hr",
}  # fmt: skip
_SKIP = {"script", "style", "noscript", "template", "head"}
MAX_SPAN = 200  # no published table spans more; bounds memory on hostile input
_BREAK = "\x1f"  # a paragraph break inside a table cell (a layout table's cell holds several)


class _HtmlItems(HTMLParser):
    """Collects lines and table rows; expands rowspan/colspan; keeps gkmodel's embedded JSON."""

    def __init__(self, json_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.json_id = json_id
        self.embedded: str | None = None
        self.items: list[Item] = []
        self.buffer: list[str] = []
        self.skip = 0
        self.capture_json = False
        self.tables: list[dict[str, Any]] = []  # stack of open tables
        self.table_count = 0

    # text outside tables
    def _flush(self) -> None:
        text = "".join(self.buffer).strip()
        self.buffer = []
        if text:
            self.items.append(Line(re.sub(r"[ \t\r\n]+", " ", text)))

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        a = dict(attrs_)
        if tag == "script" and a.get("id") == self.json_id:
            self.capture_json = True
            self.embedded = ""
            return
        if tag in _SKIP:
            self.skip += 1
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "tr":
                t["row"] = []
            elif tag in ("td", "th"):
                t["cell"] = []
                t["spans"] = (_span(a.get("rowspan")), _span(a.get("colspan")))
            elif tag == "table":
                self._layout(t)
                self._open_table()
            elif tag in _BLOCKS and t["cell"] is not None:
                t["cell"].append(_BREAK)
            return
        if tag == "table":
            self._flush()
            self._open_table()
        elif tag in _BLOCKS:
            self._flush()

    def _open_table(self) -> None:
        self.table_count += 1
        self.tables.append(
            {"rows": [], "row": None, "cell": None, "pending": {}, "n": self.table_count}
        )

    def handle_endtag(self, tag: str) -> None:
        if self.capture_json and tag == "script":
            self.capture_json = False
            return
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.tables:
            t = self.tables[-1]
            if tag in _BLOCKS and t["cell"] is not None:
                t["cell"].append(_BREAK)
            if tag in ("td", "th") and t["cell"] is not None:
                self._end_cell(t)
            elif tag == "tr" and t["row"] is not None:
                if t["cell"] is not None:
                    self._end_cell(t)
                self._end_row(t)
            elif tag == "table":
                if t["row"] is not None:
                    self._end_row(t)
                self.tables.pop()
                for cells in t["rows"]:
                    if cells:
                        self.items.append(Row(tuple(map(_joined, cells)), t["n"]))
            return
        if tag in _BLOCKS:
            self._flush()

    def _layout(self, t: dict[str, Any]) -> None:
        """A table holding a table lays out the page: its cells are text, in order.

        Real pages put a whole report (headings, paragraphs and the official tables) in
        the cells of one layout table; its rows so far and the open cell become lines.
        """
        if t.get("layout"):
            return
        t["layout"] = True
        for cells in t["rows"]:
            for text in dict.fromkeys(cells):
                self._lines(text)
        t["rows"] = []
        t["pending"] = {}
        for text, _, _ in t["row"] or []:
            self._lines(text)
        if t["row"] is not None:
            t["row"] = []
        if t["cell"] is not None:
            self._lines("".join(t["cell"]))
            t["cell"] = []

    def _lines(self, text: str) -> None:
        for piece in text.split(_BREAK):
            line = re.sub(r"[ \t\r\n]+", " ", piece).strip()
            if line:
                self.items.append(Line(line))

    def _end_cell(self, t: dict[str, Any]) -> None:
        if t.get("layout"):
            self._lines("".join(t["cell"]))
            t["cell"] = None
            return
        text = re.sub(r"[ \t\r\n]+", " ", "".join(t["cell"])).strip()  # breaks kept until the end
        if t["row"] is None:
            t["row"] = []
        t["row"].append((text, *t["spans"]))
        t["cell"] = None

    def _end_row(self, t: dict[str, Any]) -> None:
        """Place the row's cells into the grid, honouring cells spanning down from above."""
        if t.get("layout"):
            t["row"] = None
            return
        r = len(t["rows"])
        pending: dict[tuple[int, int], str] = t["pending"]
        cells: list[str] = []
        col = 0
        for text, rowspan, colspan in t["row"]:
            while (r, col) in pending:
                cells.append(pending.pop((r, col)))
                col += 1
            for dc in range(colspan):
                cells.append(text)
                for dr in range(1, rowspan):
                    pending[(r + dr, col + dc)] = text
            col += colspan
        while (r, col) in pending:
            cells.append(pending.pop((r, col)))
            col += 1
        t["rows"].append(cells)
        t["row"] = None

    def handle_data(self, data: str) -> None:
        if self.capture_json:
            self.embedded = (self.embedded or "") + data
            return
        if self.skip:
            return
        if self.tables:
            t = self.tables[-1]
            if t["cell"] is not None:
                t["cell"].append(data)
            return
        self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def close_buffer(self) -> None:
        """Flush the text still buffered (when events came from another parser)."""
        self._flush()


def _joined(cell: str) -> str:
    """A cell's text with its paragraph breaks removed (pieces joined as before)."""
    return re.sub(r"[ \t\r\n]+", " ", cell.replace(_BREAK, "")).strip() if _BREAK in cell else cell


def _span(value: str | None) -> int:
    try:
        n = int(value or 1)
    except ValueError:
        return 1
    return min(max(n, 1), MAX_SPAN)


class _LxmlTarget:
    """Feeds lxml's fast HTML parser events to the collector (same events as html.parser)."""

    def __init__(self, collector: _HtmlItems) -> None:
        self.collector = collector

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.collector.handle_starttag(tag.lower(), list(attrib.items()))

    def end(self, tag: str) -> None:
        self.collector.handle_endtag(tag.lower())

    def data(self, data: str) -> None:
        self.collector.handle_data(data)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def html_items(html: str, *, json_id: str) -> tuple[list[Item], str | None]:
    """Items of an HTML page, and gkmodel's embedded JSON when the page carries it.

    Uses lxml's parser when it is installed (it comes with the ``docx`` extra) and the
    standard library's otherwise; both give the same items.
    """
    collector = _HtmlItems(json_id)
    try:
        from lxml import etree  # type: ignore[import-untyped]
    except ImportError:
        collector.feed(html)
        collector.close()
        return collector.items, collector.embedded
    parser = etree.HTMLParser(target=_LxmlTarget(collector), recover=True, huge_tree=False)
    try:
        parser.feed(html)
        parser.close()
    except (etree.LxmlError, ValueError):
        collector = _HtmlItems(json_id)  # fall back on the forgiving standard parser
        collector.feed(html)
    collector.close_buffer()
    return collector.items, collector.embedded


def flatten(items: Iterable[Item]) -> Iterator[str]:
    """The text of every item (for searching the whole document)."""
    for item in items:
        yield item.text if isinstance(item, Line) else " ".join(item.cells)
