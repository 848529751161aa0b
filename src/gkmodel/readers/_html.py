"""HTML pages as lines and table rows (see :mod:`gkmodel.readers._items`).

One collector, :class:`_HtmlItems`, turns the events of a page (an opening tag
with its attributes, a closing tag, text) into items.  The events come from a
walk over the tree lxml's HTML parser builds, when lxml is installed (the
``speed`` extra; it also comes with ``docx``), and from the standard library's
:class:`html.parser.HTMLParser` otherwise.  The walk hands the collector only
the tags it acts on, which is what makes it fast; both give the same items
(asserted by the tests on every HTML file of the corpus and on rendered pages
passed through every page transformation).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from gkmodel.readers._geometry import (
    SourceCell,
    check_cells,
    check_span,
    expand,
    parse_width,
)
from gkmodel.readers._items import Item, Line

__all__ = ["html_items"]

_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "section", "article", "header",
    "footer", "blockquote", "pre", "dt", "dd", "caption", "hr",
}  # fmt: skip
# The page's <title> is not its text (the reader takes it apart, as a hint).  <head> itself is
# not skipped: parsers disagree on where it ends (lxml ends it at the first tag of a body,
# and moves it into the body after stray text), and what it holds is text-less or skipped.
_HIDDEN_TAG = "gk-hidden"  # a hidden element (see _HIDDEN), so renamed in lxml's tree
_SKIP = {"script", "style", "noscript", "template", "title", _HIDDEN_TAG}
_BREAK = "\x1f"  # a paragraph break inside a table cell (a layout table's cell holds several)
# A footnote's mark is never run into a number (``3119<sup>1</sup>`` is no 31191).  Raised or
# lowered text (``sup``, ``sub``, a span raised by its style) is a note in a table cell, read as
# the cell's note (``3119（1）``), and set apart by spaces elsewhere; a link to a place on the
# page (``<a href="#fn1">1</a>``), which may as well carry a cell's value, is set apart by
# spaces (``3119 1``: no number the reader would take).
_MARKS = {"sup", "sub"}
_LINK = "gk-link"  # an in-page link, renamed so before the walk of lxml's tree
_RAISED = re.compile(r"vertical-align\s*:\s*(?:super|sub)", re.IGNORECASE)
_NOTE, _APART = "note", "apart"
# Inline tags whose closing needs to know their opening: a mark, or hidden (a <b> or <em> with
# display:none hides its digits as a span does).
_STACKED = (
    "span", "a", "font", "small", "b", "strong", "em", "i", "u", "s", "strike", "big", "mark",
    "label", "ins", "tt", "cite", "q", "abbr",
)  # fmt: skip


# Weaker signs of a mark (text moved up by Word's export, made small, a class named so, a link
# to a note on a page): set apart, never a note, for they may as well hold a whole value.
_SHIFTED = re.compile(
    r"mso-text-raise|vertical-align\s*:\s*(?!baseline)[\w.-]+|position\s*:\s*relative[^\"]*?top\s*:\s*-",
    re.IGNORECASE,
)
_MARK_CLASS = re.compile(r"sup|footnote", re.IGNORECASE)
_SMALL_FONTS = {"1", "-1", "-2", "-3"}

# Text a browser does not show (Word exports its hidden text as display:none;mso-hide:all) is
# not read, as the DOCX reader skips hidden runs: a hidden 9 after 3119 is no 31199.  Text made
# invisible in other ways (no size, white, a class that may hide it) is set apart: it may be
# shown after all, and may as well hold a whole value.
_HIDDEN = "hidden"
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE
)
_INVISIBLE_STYLE = re.compile(
    r"font-size\s*:\s*(?:0+\.?0*|\.0+)(?:[a-z%]+)?\s*(?:;|!|$)"
    r"|(?<![\w-])color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))",
    re.IGNORECASE,
)
_WHITE = re.compile(r"\s*(?:#fff(?:fff)?|white)\s*$", re.IGNORECASE)
_HIDING_CLASS = re.compile(r"hidden|\bhide\b|invisible|sr-only|\bd-none\b", re.IGNORECASE)


def _mark_kind(tag: str, a: Mapping[str, str | None]) -> str | None:
    """How an opening tag's text is kept apart (``_NOTE``, ``_APART``) or left out (``_HIDDEN``),
    or None: no mark."""
    if tag in _MARKS:
        return _NOTE
    if tag in _STACKED:
        style = a.get("style") or ""
        if "hidden" in a or _HIDDEN_STYLE.search(style):
            return _HIDDEN
        if (
            _INVISIBLE_STYLE.search(style)
            or _WHITE.match(a.get("color") or "x")
            or _HIDING_CLASS.search(a.get("class") or "")
        ):
            return _APART
    if tag in (_LINK, "small"):
        return _APART
    if tag == "font":
        return _APART if (a.get("size") or "").strip() in _SMALL_FONTS else None
    if tag == "span":
        style = a.get("style") or ""
        if _RAISED.search(style):
            return _NOTE
        if _SHIFTED.search(style) or _MARK_CLASS.search(a.get("class") or ""):
            return _APART
        return None
    if tag == "a":
        return _APART if "#" in (a.get("href") or "") else None
    return None


_SPACES = re.compile(r"[ \t\r\n]+")
_CELL_SPACES = re.compile(r"[ \t\r\n\u00a0]+")


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
        self.spans: list[tuple[str, str | None]] = []  # open inline tags and their kind of mark

    # text outside tables
    def _flush(self) -> None:
        text = "".join(self.buffer).strip()
        self.buffer = []
        if text:
            self.items.append(Line(_SPACES.sub(" ", text)))

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.start(tag, dict(attrs_))

    def start(self, tag: str, a: Mapping[str, str | None]) -> None:
        """An opening tag, its attributes by name (the last of a repeated one)."""
        if tag == "script" and a.get("id") == self.json_id:
            self.capture_json = True
            self.embedded = ""
            return
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _MARKS or tag in _STACKED or tag == _LINK:
            kind = _mark_kind(tag, a)
            if tag in _STACKED:
                self.spans.append((tag, kind))
            if kind == _HIDDEN:
                self.skip += 1
            elif kind:
                self._apart(kind, opening=True)
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

    def _apart(self, kind: str, *, opening: bool) -> None:
        """Where a footnote's mark begins or ends (see ``_MARKS``): a bracket of a note in a
        table cell, a space elsewhere."""
        if self.skip or self.capture_json:
            return
        if self.tables:
            cell = self.tables[-1]["cell"]
            if cell is not None:
                cell.append(("（" if opening else "）") if kind == _NOTE else " ")
            return
        self.buffer.append(" ")

    def _open_table(self, a: Mapping[str, str | None]) -> None:
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
        if tag in _STACKED:
            # The tag closes its last opening, and the inline tags left open inside it.
            opened = [k for k, (name, _) in enumerate(self.spans) if name == tag]
            if opened:
                closed = self.spans[opened[-1] :]
                del self.spans[opened[-1] :]
                for _, kind in reversed(closed):
                    self._close(kind)
            return
        if tag in _MARKS or tag == _LINK:
            self._close(_mark_kind(tag, {}))
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
                if t["cell"] is not None:
                    self._end_cell(t)  # a cell left open ends with its table
                if t["row"] is not None:
                    self._end_row(t)
                self.tables.pop()
                if not t.get("layout"):  # paragraphs of one cell are one text
                    rows = [[_joined_cell(c) for c in row] for row in t["rows"]]
                    self.items.extend(expand(rows, t["n"], table_width=t["width"]))
            return
        if tag in _BLOCKS:
            self._flush()

    def _close(self, kind: str | None) -> None:
        """Where a mark or hidden text (of ``kind``) ends."""
        if kind == _HIDDEN:
            self.skip = max(0, self.skip - 1)
        elif kind:
            self._apart(kind, opening=False)

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
            line = _SPACES.sub(" ", piece).strip()
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
    return SourceCell(_joined(cell.text), cell.rowspan, cell.colspan, cell.width)


def _joined(cell: str) -> str:
    """A cell's text on one line: its paragraphs joined by a space, white space folded."""
    return _CELL_SPACES.sub(" ", cell.replace(_BREAK, " ")).strip()


def _span(value: str | None) -> int:
    try:
        n = int(value or 1)
    except ValueError:
        return 1
    return check_span(n, "a cell")


_CELLS = ("td", "th")
_EVENTS = frozenset(_BLOCKS | _SKIP | _MARKS | {_LINK, "table", "tr", *_CELLS, "script"})
"""The tags the collector acts on; every other tag only passes its text on (an inline tag that
is a footnote's mark, or hidden, is renamed ``sup``, ``_LINK`` or ``_HIDDEN_TAG`` before the
walk)."""


def _walk(collector: _HtmlItems, root: Any) -> None:
    """The events of ``root``'s tree, in document order."""
    start, end, data = collector.start, collector.handle_endtag, collector.handle_data

    def walk(element: Any) -> None:
        tag = element.tag
        if tag.__class__ is str:  # comments and processing instructions give only their tail
            acts = tag in _EVENTS
            if acts:
                start(tag, element.attrib)
            text = element.text  # each read of .text or .tail makes a new str
            if text:
                data(text)
            for child in element:
                walk(child)
            if acts:
                end(tag)
        tail = element.tail
        if tail:
            data(tail)

    walk(root)


def _standard(html: str, json_id: str) -> _HtmlItems:
    collector = _HtmlItems(json_id)
    collector.feed(html)
    collector.close()
    return collector


def html_items(html: str, *, json_id: str, standard: bool = False) -> tuple[list[Item], str | None]:
    """Items of an HTML page, and gkmodel's embedded JSON when the page carries it.

    Walks lxml's tree of the page when lxml is installed, and uses the standard
    library's parser otherwise or when ``standard`` is true; both give the same
    items.  A page lxml refuses, or nests beyond a walk, goes to the standard parser.
    """
    try:
        if standard:
            raise ImportError
        from lxml import etree  # type: ignore[import-untyped]
    except ImportError:
        collector = _standard(html, json_id)
        return collector.items, collector.embedded
    parser = etree.HTMLParser(recover=True, huge_tree=False)
    try:
        parser.feed(html)
        root = parser.close()
    except (etree.LxmlError, ValueError):
        root = None
    if root is None:
        collector = _standard(html, json_id)  # the forgiving standard parser
        return collector.items, collector.embedded
    for mark in list(root.iter(*_STACKED)):  # footnotes' marks, as the collector tells them
        kind = _mark_kind(mark.tag, mark.attrib)
        if kind is not None:
            mark.tag = {_NOTE: "sup", _HIDDEN: _HIDDEN_TAG}.get(kind, _LINK)
    # Tags the collector does not act on are dissolved into their text, in C, before the walk.
    passive = {e.tag for e in root.iter()} - _EVENTS
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction, *passive)
    collector = _HtmlItems(json_id)
    try:
        _walk(collector, root)
    except RecursionError:
        collector = _standard(html, json_id)
    else:
        collector.close_buffer()
    return collector.items, collector.embedded
