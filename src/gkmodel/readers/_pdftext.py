"""Lines of text on a PDF page: characters into lines, columns and paragraphs; a cell's text.

Characters are grouped into lines by their vertical centres and read left to
right; text turned in a cell is read along its direction.  A two-column page is
cut at its gutter and read column by column; lines wrapped by the page are
joined into paragraphs by their geometry.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import attrs

from gkmodel.readers._items import Line
from gkmodel.readers._pdf import Char


@attrs.define
class _Text:
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    head: float = 0.0  # width of the line's first unbreakable piece (a word, a character)
    page: int = 0
    left: float = 0.0
    right: float = 0.0


def _cell_text(chars: list[Char]) -> str:
    """A cell's characters as text: its lines in order, read the way the characters run."""
    if not chars:
        return ""
    turned = sum(not ch.upright for ch in chars) * 2 > len(chars)
    if turned:  # text drawn rotated: a line is a column of characters
        # PDFium measures the angle clockwise: about 3π/2 is text running bottom to top
        # (its lines then run left to right; turned clockwise, right to left)
        up = sum(ch.angle > 3.2 for ch in chars) * 2 > len(chars)
        columns: list[list[Char]] = []
        for ch in sorted(chars, key=lambda ch: (ch.x0 + ch.x1) / 2, reverse=not up):
            mid = (ch.x0 + ch.x1) / 2
            if columns and abs(mid - (columns[-1][0].x0 + columns[-1][0].x1) / 2) <= ch.size / 2:
                columns[-1].append(ch)
            else:
                columns.append([ch])
        return _join_lines(
            [
                "".join(ch.text for ch in sorted(col, key=lambda ch: -ch.top if up else ch.top))
                for col in columns
            ]
        )
    return _join_lines([_line_text(line) for line in _lines(chars)])


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if out and _latin(out[-1]) and _latin(text[0]) and not (out[-1] + text[0]).isdigit():
            out += " "  # a line wrapped between two words (a number wraps inside itself)
        out += text
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into lines by their vertical centres, each line left to right."""
    rows: list[list[Char]] = []
    bounds: list[tuple[float, float]] = []
    for ch in sorted(chars, key=lambda ch: ((ch.top + ch.bottom) / 2, ch.x0)):
        mid = (ch.top + ch.bottom) / 2
        if rows and bounds[-1][0] <= mid <= bounds[-1][1]:
            rows[-1].append(ch)
        else:
            rows.append([ch])
            bounds.append((ch.top, ch.bottom))
    return [sorted(r, key=lambda ch: ch.x0) for r in rows]


def _line_text(chars: Sequence[Char]) -> str:
    """A line's characters as text; a character smaller than the line's and raised or lowered
    off its baseline (a footnote's mark, ``3119`` and a raised ``1``) is set apart by spaces,
    never run into a number (no 31191)."""
    out = ""
    prev: Char | None = None
    marks = _marks(chars)
    for k, ch in enumerate(chars):
        if prev is not None and ch.text != " " and not out.endswith(" "):
            gap = ch.x0 - prev.x1
            if gap > 0.6 * max(ch.size, 1.0) and (prev.text.isascii() or ch.text.isascii()):
                out += " "
        if k in marks or (k - 1) in marks:
            out += " "
        out += ch.text
        prev = ch
    return re.sub(r" {2,}", " ", out).strip()


def _marks(chars: Sequence[Char]) -> set[int]:
    """The indexes of characters set off the line: smaller than most and raised or lowered."""
    visible = [ch for ch in chars if ch.text.strip()]
    if len(visible) < 2:
        return set()
    size = sorted(ch.size for ch in visible)[len(visible) // 2]
    base = sorted(ch.bottom for ch in visible)[len(visible) // 2]
    return {
        k
        for k, ch in enumerate(chars)
        if ch.text.strip()
        and ch.size < 0.9 * size
        and abs(ch.bottom - base) > 0.15 * size  # off the baseline: raised or lowered
    }


_NO_BREAK_BEFORE = set("，。、；：！？）》」』”’%,.;:!?)")
_NO_BREAK_AFTER = set("（《「『“‘(")


def _head(line: Sequence[Char]) -> float:
    """Width of what a line could not have been broken inside: a Latin word or number, or its
    first character, with the punctuation that may not end a line before it and the
    punctuation that may not open a line after it."""
    chars = [ch for ch in line if ch.text != " "]
    end = 1
    while end < len(chars) and chars[end - 1].text in _NO_BREAK_AFTER:
        end += 1
    if _latin(chars[end - 1].text):
        while end < len(chars) and _latin(chars[end].text):
            end += 1
    while end < len(chars) and chars[end].text in _NO_BREAK_BEFORE:
        end += 1
    return chars[end - 1].x1 - chars[0].x0


def _gutter(lines: Sequence[Sequence[Char]], width: float) -> float | None:
    """The x of the gap between two columns of text, when at least three lines have one there.

    A gap is a space of more than one and a half characters in a line, reaching into the
    middle of the page; the gutter is where the gaps of all such lines overlap.
    """
    gaps: list[tuple[float, float]] = []
    for line in lines:
        solid = [ch for ch in line if ch.text != " "]
        for a, b in itertools.pairwise(solid):
            if (
                b.x0 - a.x1 >= 1.5 * max(a.size, b.size)
                and a.x1 < 0.7 * width
                and b.x0 > 0.3 * width
            ):
                gaps.append((a.x1, b.x0))
                break
    if len(gaps) < 3:
        return None
    start, end = max(g[0] for g in gaps), min(g[1] for g in gaps)
    return (start + end) / 2 if start < end else None


def _texts(chars: Sequence[Char], width: float) -> tuple[list[_Text], float | None]:
    """Lines of text, cut at the gutter of a two-column page; and the gutter's x, if any."""
    lines = _lines(chars)
    gutter = _gutter(lines, width)
    if gutter is not None:
        cut: list[list[Char]] = []
        for line in lines:
            left = [ch for ch in line if ch.x1 <= gutter]
            right = [ch for ch in line if ch.x0 >= gutter]
            if len(left) + len(right) < len(line):  # a line across the gutter stays whole
                cut.append(list(line))
            else:
                cut += [part for part in (left, right) if part]
        lines = cut
    return _text_lines(lines), gutter


def _text_lines(lines: Sequence[Sequence[Char]]) -> list[_Text]:
    out = []
    for line in lines:
        text = _line_text(line)
        if text:
            sizes = sorted(ch.size for ch in line)
            out.append(
                _Text(
                    min(ch.top for ch in line),
                    max(ch.bottom for ch in line),
                    min(ch.x0 for ch in line if ch.text != " "),
                    max(ch.x1 for ch in line if ch.text != " "),
                    text,
                    sizes[len(sizes) // 2],
                    _head(line),
                )
            )
    return out


def _columns(texts: list[_Text], gutter: float | None) -> list[_Text]:
    """Lines in reading order: a two-column stretch is read left column, then right column.

    Lines across the gutter (a title over both columns) end the stretch above them.  Each
    column has its own edges, for joining its lines into paragraphs.
    """
    if gutter is None:
        return texts
    out: list[_Text] = []
    lcol: list[_Text] = []
    rcol: list[_Text] = []

    def flush() -> None:
        for col in (lcol, rcol):
            if col:
                left, right = min(t.x0 for t in col), _right_edge(col)
                for t in col:
                    t.left, t.right = left, right
        out.extend(lcol + rcol)
        lcol.clear()
        rcol.clear()

    for t in texts:
        if t.x1 <= gutter:
            lcol.append(t)
        elif t.x0 >= gutter:
            rcol.append(t)
        else:
            flush()
            out.append(t)
    flush()
    return out


def _paragraphs(texts: list[_Text]) -> list[Line]:
    """Lines wrapped by the page joined into paragraphs, by where each line starts and ends.

    A line goes on in the next when the next one is not indented and its first word
    would not have fitted at the end of the line (across a page break too), or when both
    are in a font larger than the body's (a title wrapped over two lines).
    """
    if not texts:
        return []
    sizes = sorted(t.size for t in texts)
    body = sizes[len(sizes) // 2]
    out: list[Line] = []
    prev: _Text | None = None
    for t in texts:
        indent = t.x0 > t.left + 0.8 * t.size
        same_size = prev is not None and abs(prev.size - t.size) <= 0.1 * t.size
        follows = prev is not None and (prev.page != t.page or t.top - prev.bottom < 1.5 * t.size)
        joins = (
            prev is not None
            and out
            and same_size
            and follows
            and not _HEADING.match(t.text)
            and (
                (not indent and prev.x1 + t.head > prev.right - 0.1 * prev.size)
                or (t.size > 1.2 * body and prev.page == t.page)
            )
        )
        if joins:
            out[-1] = Line(_join_lines([out[-1].text, t.text]), indent=out[-1].indent)
        else:
            out.append(Line(t.text, indent=indent))
        prev = t
    return out


_HEADING = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)")


def _right_edge(texts: Sequence[_Text]) -> float:
    """Where the page's full lines end: the median end of the lines reaching 80% of the widest.

    A line may end a little past the others (punctuation hung in the margin), so the
    widest line alone would make full lines look short.
    """
    widest = max(t.x1 for t in texts)
    left = min(t.x0 for t in texts)
    full = sorted(t.x1 for t in texts if t.x1 - left >= 0.8 * (widest - left))
    return full[len(full) // 2]
