"""Published documents (text, HTML, DOCX) as one sequence of lines and table rows.

Every format is first turned into :class:`Line` (a line or paragraph of
text) and :class:`Row` (the cells of one table row, spans expanded) items;
the assembler works on those alone.  Text is split here, HTML in
:mod:`gkmodel.readers._html`, DOCX in :mod:`gkmodel.readers._docx`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import attrs

from gkmodel.renderers.text import display_width

__all__ = ["Line", "Row", "text_items"]


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

    ``cut`` is True for the first row of a table continued from the page before
    (PDF): the page break may have cut the row above it in two, this row being its
    rest (see :mod:`._pagecut`).
    """

    cells: tuple[str, ...]
    table: int = 0
    extents: tuple[tuple[float, float], ...] | None = attrs.field(default=None, eq=False)
    copies: tuple[bool, ...] | None = attrs.field(default=None, eq=False)
    cut: bool = attrs.field(default=False, eq=False)


Item = Line | Row

_PAGE_NUMBER = re.compile(r"^\s*[-—–－]\s*\d{1,3}\s*[-—–－]\s*$|^\s*第\s*\d{1,3}\s*页.*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DASH_RULE = re.compile(r"^-+(  -+)+$")  # the rule under the header of an aligned table
_HORIZONTAL_RULE = re.compile(r"^-{3,}$")  # a rule across the page (or a table's, cut by a wrap)


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


@functools.lru_cache(maxsize=8192)
def _char_width(ch: str) -> int:
    return display_width(ch)


def _cut(line: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """Cut ``line`` into cells at display-width column ``spans``.

    The spans are runs of dashes two spaces apart, left to right; the gap after
    a column belongs to it, so each column counts from its start to the next one's.
    """
    cells: list[list[str]] = [[] for _ in spans]
    col = 0
    k = 0  # the column that ``col`` is in or before
    for ch in line:
        while col >= spans[k][1] + 2:
            k += 1
            if k == len(spans):
                return tuple("".join(c).strip(" ") for c in cells)
        if spans[k][0] <= col:
            cells[k].append(ch)
        col += _char_width(ch)
    return tuple("".join(c).strip(" ") for c in cells)


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
        if line.startswith("\t") and "\t" not in line[1:]:  # one cell a line (not a row of
            table += 1  # tab-separated cells whose first is empty: a header's corner)
            i = _tab_block(lines, i, out, table)
            continue
        if line.lstrip().startswith("|"):
            if not _MD_RULE.match(line):
                # a row broken over lines (no closing pipe; its rest ends in one): joined by a
                # space, so that a number cut at the break is no number (31 as "3 1")
                while (
                    not line.rstrip().endswith("|")
                    and i + 1 < len(lines)
                    and not lines[i + 1].lstrip().startswith("|")
                    and lines[i + 1].rstrip().endswith("|")
                ):
                    i += 1
                    line = f"{line.rstrip()} {lines[i].strip()}"
                out.append(Row(_md_cells(line), table))
            i += 1
            continue
        if _DASH_RULE.match(line) and out and isinstance(out[-1], Line):
            table += 1
            i = _aligned_block(lines, i, out, table)
            continue
        if _HORIZONTAL_RULE.match(line.strip()):
            i += 1  # no text, and no columns to cut the lines below by
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
        if _PAGE_NUMBER.match(lines[i]):  # a page's number between two rows, or inside one
            i += 1
            continue
        # A line whose text leaves the columns (a label made longer, a value added or moved)
        # is no row of the grid: cut at the columns, its values would shift; it is read as a
        # line of text, by its label and its values.
        fits = _fits(lines[i], spans)
        out.append(Row(_cut(lines[i], spans), table) if fits else Line(lines[i].strip()))
        i += 1
    return i


def _fits(line: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every character of ``line`` but spaces is under a run of dashes of the rule."""
    col = 0
    k = 0
    for ch in line:
        width = _char_width(ch)
        if ch not in " \u3000":
            while k < len(spans) and col >= spans[k][1]:
                k += 1
            if k == len(spans) or col < spans[k][0] or col + width > spans[k][1]:
                return False
        col += width
    return True


def flatten(items: Iterable[Item]) -> Iterator[str]:
    """The text of every item (for searching the whole document)."""
    for item in items:
        yield item.text if isinstance(item, Line) else " ".join(item.cells)
