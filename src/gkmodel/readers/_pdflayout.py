"""Pages of characters and strokes as the readers' items: lines of text and table rows.

Tables come from ruled lines: the strokes that cross one another form a grid,
whose column edges are the x of its vertical rules and whose row edges the y
of its horizontal rules; a missing rule between two grid cells merges them
(a merged cell), so every cell's span is read from the drawing, never guessed.
A character belongs to the cell its centre lies in; the lines of a cell are
joined (no space between Chinese characters, one between Latin words).

A table whose last row ends a page and whose continuation opens the next page
with the same column edges is one table; rows at the top of the continuation
that repeat the table's first rows (a repeated header) are dropped; the first row left is
marked ``cut``: the page break may have cut the row above it in two, which the table
readers decide by its labels and sums (:mod:`._pagecut`).

Text outside tables is cut into lines by the characters' vertical positions;
headers and footers (a line repeated in the margin of several pages, page
numbers such as ``— 3 —``) are dropped, two-column pages are read column by
column, and lines wrapped by the page are joined into paragraphs by their
geometry (a line that reaches the right edge goes on in the next one unless
that one is indented).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import takewhile

import attrs

from gkmodel.readers._geometry import SourceCell, expand
from gkmodel.readers._items import Item
from gkmodel.readers._pdf import Char, Page
from gkmodel.readers._pdftext import _cell_text, _columns, _paragraphs, _right_edge, _Text, _texts

__all__ = ["page_items"]

_TOL = 2.0  # points: rules closer than this are one rule
_PAGE_NUMBER = re.compile(r"^\s*[-—–－]*\s*\d{1,4}\s*[-—–－]*\s*$|^\s*第\s*\d{1,4}\s*页.*$")
_MARGIN = 0.1  # headers and footers lie in the top and bottom tenth of a page


@attrs.define
class _Table:
    """A ruled grid: row and column edges, the merged cell owning each grid cell, its text."""

    xs: list[float]
    ys: list[float]
    owner: list[list[tuple[int, int]]]
    chars: dict[tuple[int, int], list[Char]] = attrs.field(factory=dict)
    page: int = 0

    @property
    def top(self) -> float:
        return self.ys[0]

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        c, r = bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1
        if 0 <= r < len(self.ys) - 1 and 0 <= c < len(self.xs) - 1:
            return self.owner[r][c]
        return None

    def source_rows(self) -> list[list[SourceCell]]:
        """The rows as written: each merged cell once, in the row and column it starts in."""
        span: dict[tuple[int, int], list[int]] = {}
        for r, row in enumerate(self.owner):
            for c, o in enumerate(row):
                s = span.setdefault(o, [r, c])
                s[0], s[1] = max(s[0], r), max(s[1], c)
        rows: list[list[SourceCell]] = [[] for _ in self.owner]
        for (r, c), (r1, c1) in sorted(span.items()):
            text = _cell_text(self.chars.get((r, c), []))
            rows[r].append(SourceCell(text, rowspan=r1 - r + 1, colspan=c1 - c + 1))
        return rows


def _cluster(values: Sequence[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _TOL:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _merge(segments: Sequence[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear rules joined: (position, start, end), overlapping or touching ones as one."""
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted(segments, key=lambda s: (round(s[0] / _TOL), s[1])):
        if out and abs(out[-1][0] - pos) <= _TOL and a <= out[-1][2] + _TOL:
            p, a0, b0 = out[-1]
            out[-1] = (p, a0, max(b0, b))
        else:
            out.append((pos, a, b))
    return out


def _components(
    hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]
) -> list[tuple[list[int], list[int]]]:
    """Groups of rules that cross or touch one another (one group per table)."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - _TOL <= x <= hx1 + _TOL and vy0 - _TOL <= y <= vy1 + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(hs)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(vs)):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(j)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _covers(rules: Sequence[tuple[float, float, float]], pos: float, at: float) -> bool:
    return any(abs(p - pos) <= _TOL and a - _TOL <= at <= b + _TOL for p, a, b in rules)


def _tables(page: Page) -> list[_Table]:
    hs, vs = _merge(page.horizontal), _merge(page.vertical)
    tables = []
    for hi, vi in _components(hs, vs):
        h = [hs[i] for i in hi]
        v = [vs[j] for j in vi]
        ys, xs = _cluster([r[0] for r in h]), _cluster([r[0] for r in v])
        if len(ys) < 2 or len(xs) < 2:
            continue
        tables.append(_Table(xs, ys, _owners(h, v, xs, ys)))
    return tables


def _owners(
    h: list[tuple[float, float, float]],
    v: list[tuple[float, float, float]],
    xs: list[float],
    ys: list[float],
) -> list[list[tuple[int, int]]]:
    """For each grid cell, the top-left grid cell of the merged cell it belongs to."""
    nr, nc = len(ys) - 1, len(xs) - 1
    owner = [[(r, c) for c in range(nc)] for r in range(nr)]
    for r in range(nr):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c > 0 and not _covers(v, xs[c], mid_y):
                owner[r][c] = owner[r][c - 1]  # no rule between: one merged cell
            elif r > 0 and not _covers(h, ys[r], mid_x):
                owner[r][c] = owner[r - 1][c]
    return owner


@attrs.define
class _PageLayout:
    page: Page
    tables: list[_Table]
    texts: list[_Text]
    gutter: float | None = None


def _layout(page: Page) -> _PageLayout:
    tables = _tables(page)
    free: list[Char] = []
    placed: list[tuple[_Table, tuple[int, int]] | None] = []
    for ch in page.chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for t in tables:
            cell = t.cell_at(cx, cy)
            if cell is not None:
                t.chars.setdefault(cell, []).append(ch)
                placed.append((t, cell))
                break
        else:
            free.append(ch)
            placed.append(None)
    _mark_overflow(page.chars, placed)
    texts, gutter = _texts(free, page.width)
    return _PageLayout(page, sorted(tables, key=lambda t: t.top), texts, gutter)


_NUMERIC = frozenset("0123456789.,")


def _mark_overflow(
    chars: Sequence[Char], placed: Sequence[tuple[_Table, tuple[int, int]] | None]
) -> None:
    """A number whose digits run over a cell's rule (a cell too narrow for a number that may not
    wrap) is no number of either cell: each cell it touches gets a mark (``…``) that makes its
    text no number, so the row is unread, never read as ``300`` and ``153`` for 3001 | 53."""
    for k in range(1, len(chars)):
        a, b = chars[k - 1], chars[k]
        if a.text not in _NUMERIC or b.text not in _NUMERIC or placed[k - 1] == placed[k]:
            continue
        size = max(a.size, b.size, 1.0)
        if abs(a.bottom - b.bottom) > 0.3 * size or not -0.3 * size < b.x0 - a.x1 < 0.3 * size:
            continue  # not one run of characters
        for where, ch in ((placed[k - 1], a), (placed[k], b)):
            if where is not None:
                table, cell = where
                table.chars[cell].append(Char("…", ch.x1, ch.top, ch.x1 + 0.1, ch.bottom, ch.size))


def _margin_lines(layouts: list[_PageLayout]) -> set[tuple[int, int]]:
    """(page, line) of headers, footers and page numbers."""
    out: set[tuple[int, int]] = set()
    seen: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for p, lay in enumerate(layouts):
        h = lay.page.height
        for i, t in enumerate(lay.texts):
            in_margin = t.bottom < h * _MARGIN or t.top > h * (1 - _MARGIN)
            if not in_margin:
                continue
            if _PAGE_NUMBER.match(t.text):
                out.add((p, i))
                continue
            key = (re.sub(r"\d+", "#", t.text), round(t.top / 5))
            seen.setdefault(key, []).append((p, i))
    for where in seen.values():
        if len({p for p, _ in where}) >= 2:
            out.update(where)
    return out


def page_items(pages: Sequence[Page]) -> list[Item]:
    """The items of a document's pages: paragraphs and table rows, tables joined across pages."""
    layouts = [_layout(p) for p in pages]
    skip = _margin_lines(layouts)
    blocks: list[_Table | _Text] = []
    for p, lay in enumerate(layouts):
        texts = [
            t
            for i, t in enumerate(lay.texts)
            if (p, i) not in skip and not any(tb.top <= t.top < tb.ys[-1] for tb in lay.tables)
        ]
        if texts:
            left, right = min(t.x0 for t in texts), _right_edge(texts)
            for t in texts:
                t.page, t.left, t.right = p, left, right
        page_blocks: list[tuple[float, _Table | list[_Text]]] = [(t.top, t) for t in lay.tables]
        cuts = sorted(tb.top for tb in lay.tables)
        groups: dict[int, list[_Text]] = {}  # the text between two tables, read column by column
        for t in sorted(texts, key=lambda t: t.top):
            groups.setdefault(bisect_right(cuts, t.top), []).append(t)
        for k, group in groups.items():
            at = group[0].top if k == 0 else cuts[k - 1] + 0.001
            page_blocks.append((at, _columns(group, lay.gutter)))
        page_blocks.sort(key=lambda b: b[0])
        for _, block in page_blocks:
            if isinstance(block, list):
                blocks += block
            else:
                block.page = p
                blocks.append(block)
    return _items(blocks)


def _items(blocks: list[_Table | _Text]) -> list[Item]:
    items: list[Item] = []
    count = 0
    pending: list[_Text] = []
    head: list[list[str]] = []
    prev: _Table | _Text | None = None
    for block in blocks:
        if isinstance(block, _Text):
            pending.append(block)
            prev = block
            continue
        if pending:
            items += _paragraphs(pending)
            pending = []
        source = block.source_rows()
        rows = [[c.text for c in row] for row in source]
        continued = (
            isinstance(prev, _Table)
            and prev.page + 1 == block.page
            and abs(prev.xs[0] - block.xs[0]) <= 2 * _TOL
            and abs(prev.xs[-1] - block.xs[-1]) <= 2 * _TOL
        )
        if continued:
            assert isinstance(prev, _Table)
            drop = _repeated(head, rows)
            source = source[drop:]
            if source:
                source[0] = _carry_down(prev, source[0])
            expanded = expand(source, count, column_edges=block.xs)
            if expanded:  # the page break may have cut the row above it in two
                expanded[0] = attrs.evolve(expanded[0], cut=True)
        else:
            count += 1
            head = rows
            expanded = expand(source, count, column_edges=block.xs)
        items += expanded
        prev = block
    if pending:
        items += _paragraphs(pending)
    return items


def _carry_down(prev: _Table, row: list[SourceCell]) -> list[SourceCell]:
    """The first row of a continuation, with the text of the cells merged down across the page.

    A cell spanning rows that the page break cut in two shows its text in the part above
    only.  An empty cell at the top of the continuation that lies exactly under a cell of
    the same columns is the rest of it, and takes its text, when either part spans rows
    (the part above comes down from a row above, or the part below goes on below).
    """
    last = len(prev.owner) - 1
    spans: dict[tuple[int, int], list[int]] = {}
    for c, o in enumerate(prev.owner[last]):
        spans.setdefault(o, []).append(c)
    out: list[SourceCell] = []
    col = 0
    for cell in row:
        covered = list(range(col, col + cell.colspan))
        col += cell.colspan
        if cell.text:
            out.append(cell)
            continue
        above = [
            o for o, cols in spans.items() if cols == covered and (o[0] < last or cell.rowspan > 1)
        ]
        text = _cell_text(prev.chars.get(above[0], [])) if above else ""
        out.append(attrs.evolve(cell, text=text) if text else cell)
    return out


def _repeated(head: list[list[str]], rows: list[list[str]]) -> int:
    """How many rows at the top of a continuation repeat the table's first rows: as they were,
    or laid out anew (in narrow columns the header's words wrap otherwise, ``自商然业人企业``),
    rows without a digit made only of the header's characters."""
    n = 0
    while n < len(rows) - 1 and n < len(head) and rows[n] == head[n] and any(rows[n]):
        n += 1
    header = takewhile(lambda row: not any(ch.isdigit() for t in row for ch in t), head)
    chars = {ch for row in header for text in row for ch in text}  # of the rows above the numbers
    while n < len(rows) - 1 and _header_like(rows[n], chars):
        n += 1
    return n


def _header_like(row: list[str], chars: set[str]) -> bool:
    """Whether ``row`` has text, no digit, and words only of ``chars`` in two cells or more."""
    texts = [t.replace(" ", "") for t in row if t.strip()]
    return (
        len(set(texts)) > 1
        and not any(ch.isdigit() for t in texts for ch in t)
        and all(set(t) <= chars for t in texts)
    )
