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

from gkmodel.readers._geometry import (
    GridLimitError,
    SourceCell,
    check_cells,
    check_span,
    expand,
    parse_width,
)
from gkmodel.renderers.text import display_width

__all__ = ["Line", "Row", "html_items", "text_items"]


@attrs.frozen
class Line:
    """A line of running text; ``indent`` when it opened with white space.

    ``run_on`` marks a line cut out of a table run on one line (crawler text):
    its blank cells may be gone without a trace, so its values are taken only
    where they cannot have shifted.
    """

    text: str
    indent: bool = False
    paragraph: bool = False  # opened by two full-width spaces: a paragraph, never a heading
    run_on: bool = False


@attrs.frozen
class Row:
    """The cells of a table row; ``table`` counts the tables of the document.

    ``cells`` is the row with spans expanded: a cell spanning three grid
    columns appears three times, and a cell spanning rows appears again in
    each row below it.

    Geometry, when the source has it (HTML and DOCX tables; a PDF reader fills
    the same fields from the characters' x-positions), is kept per expanded
    cell, index for index with ``cells``:

    - ``extents[k]`` is the horizontal extent ``(x0, x1)`` (x0 < x1, growing to
      the right) of the *source* cell that covers position ``k``; the copies of
      a spanned cell carry the extent of the whole cell.  All rows of one table
      use one unit (px, percent of the table's width, or grid column indexes
      when the source declares no widths), so extents compare across rows of
      the same table only.
    - ``copies[k]`` is True when position ``k`` repeats a cell that starts
      elsewhere (to its left by ``colspan``/``gridSpan``, or above by
      ``rowspan``/``vMerge``), False for the cell's own first position.

    Both are None for rows without geometry (text sources).
    """

    cells: tuple[str, ...]
    table: int = 0
    extents: tuple[tuple[float, float], ...] | None = attrs.field(default=None, eq=False)
    copies: tuple[bool, ...] | None = attrs.field(default=None, eq=False)


Item = Line | Row

_PAGE_NUMBER = re.compile(r"^\s*[-—–－]\s*\d{1,3}\s*[-—–－]\s*$|^\s*第\s*\d{1,3}\s*页.*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DASH_RULE = re.compile(r"^-+(  -+)+$|^-+$")


_MD_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
_MD_ENTITY = re.compile("&(?:lt|gt|amp);")


def _md_cells(line: str) -> tuple[str, ...]:
    r"""The cells of a Markdown table row, as written: ``\\|`` is a pipe inside a cell, a
    backslash before punctuation (``96171\\.6``) and ``&lt;``/``&gt;``/``&amp;`` are
    unescaped, and an empty cell (``| |``) stays an empty cell.

    >>> _md_cells(r"| 行政事业性收费 | 96171\.6 |  | a\|b &lt;c&gt; |")
    ('行政事业性收费', '96171.6', '', 'a|b <c>')
    """
    cells: list[str] = []
    cell: list[str] = []
    body = line.strip()
    k, closed = 0, False
    while k < len(body):
        ch, closed = body[k], False
        if ch == "\\" and k + 1 < len(body) and _is_punct(body[k + 1]):
            cell.append(body[k + 1])
            k += 2
            continue
        if ch == "|":
            cells.append("".join(cell))
            cell, closed = [], True
        else:
            cell.append(ch)
        k += 1
    if not closed:
        cells.append("".join(cell))
    if body.startswith("|"):
        cells = cells[1:]
    return tuple(_MD_ENTITY.sub(lambda m: _MD_ENTITIES[m.group(0)], c).strip() for c in cells)


def _is_punct(ch: str) -> bool:
    return ch.isascii() and not ch.isalnum() and not ch.isspace()


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
                if t["cell"] is not None:
                    self._end_cell(t)
                if t["row"] is not None:
                    self._end_row(t)
                t["row"] = []
            elif tag in ("td", "th"):
                if t["cell"] is not None:
                    self._end_cell(t)  # an unclosed cell ends where the next one starts
                t["cell"] = []
                t["spans"] = (
                    _span(a.get("rowspan")),
                    _span(a.get("colspan")),
                    parse_width(a.get("width"), a.get("style")),
                )
            elif tag == "table":
                self._layout(t)
                self._open_table(a)
            elif tag in _BLOCKS and t["cell"] is not None:
                t["cell"].append(_BREAK)
            return
        if tag == "table":
            self._flush()
            self._open_table(a)
        elif tag in _BLOCKS:
            self._flush()

    def _open_table(self, a: dict[str, str | None]) -> None:
        self.table_count += 1
        self.tables.append(
            {
                "rows": [],
                "row": None,
                "cell": None,
                "n": self.table_count,
                "width": parse_width(a.get("width"), a.get("style")),
                "area": 0,
            }
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
                if not t.get("layout"):  # paragraphs of one cell are one text
                    rows = [[_joined_cell(c) for c in row] for row in t["rows"]]
                    self.items.extend(expand(rows, t["n"], table_width=t["width"]))
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
        for row in t["rows"]:
            for cell in row:
                self._lines(cell.text)
        t["rows"] = []
        for cell in t["row"] or []:
            self._lines(cell.text)
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
        text = "".join(t["cell"])  # paragraph breaks kept: a layout table's cells need them
        if t["row"] is None:
            t["row"] = []
        rowspan, colspan, width = t["spans"]
        t["area"] += rowspan * colspan  # bounded before any grid is built
        check_cells(t["area"], t["n"])
        t["row"].append(SourceCell(text, rowspan, colspan, width))
        t["cell"] = None

    def _end_row(self, t: dict[str, Any]) -> None:
        if not t.get("layout"):
            t["rows"].append(t["row"])
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


def _joined_cell(cell: SourceCell) -> SourceCell:
    return attrs.evolve(cell, text=_joined(cell.text))


def _joined(cell: str) -> str:
    """A cell's text on one line: its paragraphs joined by a space, white space folded."""
    return re.sub(r"[ \t\r\n\u00a0]+", " ", cell.replace(_BREAK, " ")).strip()


def _span(value: str | None) -> int:
    try:
        n = int(value or 1)
    except ValueError:
        return 1
    return check_span(n, "a cell")


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
    except GridLimitError:
        raise
    except (etree.LxmlError, ValueError):
        collector = _HtmlItems(json_id)  # fall back on the forgiving standard parser
        collector.feed(html)
    collector.close_buffer()
    return collector.items, collector.embedded


def flatten(items: Iterable[Item]) -> Iterator[str]:
    """The text of every item (for searching the whole document)."""
    for item in items:
        yield item.text if isinstance(item, Line) else " ".join(item.cells)
