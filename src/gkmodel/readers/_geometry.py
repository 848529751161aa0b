"""Table grids with geometry: spans expanded, each cell's x-extent kept, limits checked first.

The HTML and DOCX readers describe a table as rows of :class:`SourceCell`
(a cell as written: its text, spans and declared width); :func:`expand` turns
them into :class:`~gkmodel.readers._items.Row` items whose ``extents`` say where
each expanded cell lies across the table, in one unit for the whole table.

Units, in order of preference:

- ``px`` when every cell of the table declares an absolute width (HTML
  ``width="…"``/``style="width:…"`` in px, pt, cm, mm or in; percentages of a
  table whose own width is absolute), or when the caller gives the column
  edges (Word's ``w:gridCol``, in twentieths of a point, converted to px);
- ``%`` when every cell declares a percentage and the table has no absolute
  width;
- ``grid`` otherwise: grid column indexes, a cell spanning columns 2–3 lying
  at (2, 4).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from gkmodel import limits

if TYPE_CHECKING:
    from gkmodel.readers._items import Row

__all__ = ["GridLimitError", "SourceCell", "expand", "parse_width"]


class GridLimitError(Exception):
    """A table beyond a limit of :mod:`gkmodel.limits`; the message names the limit."""


@attrs.frozen
class SourceCell:
    """A table cell as written: text, spans and declared width (value, unit) if any."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    width: tuple[float, str] | None = None


_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*(px|pt|cm|mm|in|%)?\s*$", re.I)
_STYLE_WIDTH = re.compile(r"(?:^|;)\s*width\s*:\s*([^;]+)", re.I)
_TO_PX = {"px": 1.0, "pt": 4 / 3, "cm": 96 / 2.54, "mm": 96 / 25.4, "in": 96.0}


@functools.lru_cache(maxsize=1024)  # pages repeat the same few widths and styles
def parse_width(width: str | None, style: str | None) -> tuple[float, str] | None:
    """A declared width as (value, "px" or "%"); the style wins over the attribute.

    >>> parse_width("120", None), parse_width(None, "mso-x: 1; width:45pt")
    ((120.0, 'px'), (60.0, 'px'))
    >>> parse_width("25%", None), parse_width("auto", None)
    ((25.0, '%'), None)
    """
    for text in (_style_width(style), width):
        if not text:
            continue
        m = _LENGTH.match(text)
        if m:
            value, unit = float(m.group(1)), (m.group(2) or "px").lower()
            if unit == "%":
                return (value, "%")
            return (value * _TO_PX[unit], "px")
    return None


def _style_width(style: str | None) -> str | None:
    if not style:
        return None
    m = _STYLE_WIDTH.search(style)
    return m.group(1).strip() if m else None


def check_span(value: int, where: str) -> int:
    """``value`` when within :data:`gkmodel.limits.MAX_SPAN`, else :class:`GridLimitError`."""
    if value > limits.MAX_SPAN:
        raise GridLimitError(
            f"{where} spans {value} columns or rows, more than gkmodel.limits.MAX_SPAN"
            f" ({limits.MAX_SPAN})"
        )
    return max(value, 1)


def check_cells(count: int, table: int) -> None:
    """Raise when ``count`` grid cells exceed :data:`gkmodel.limits.MAX_GRID_CELLS`."""
    if count > limits.MAX_GRID_CELLS:
        raise GridLimitError(
            f"table {table} has more than gkmodel.limits.MAX_GRID_CELLS"
            f" ({limits.MAX_GRID_CELLS}) cells once its spans are expanded"
        )


def expand(
    rows: Sequence[Sequence[SourceCell]],
    table: int,
    *,
    table_width: tuple[float, str] | None = None,
    column_edges: Sequence[float] | None = None,
) -> list[Row]:
    """Rows with spans expanded and each cell's extent; limits checked before expanding.

    A cell spanning columns repeats its text in each of them (a copy), as a cell
    spanning rows does in the rows below; every copy carries the extent of the
    whole source cell.  ``column_edges`` (n + 1 increasing positions for n grid
    columns) place cells by grid position when given and wide enough.
    """
    area = 0
    where = f"a cell of table {table}"
    for row in rows:
        for cell in row:
            check_span(cell.rowspan, where)
            check_span(cell.colspan, where)
            area += cell.rowspan * cell.colspan
            check_cells(area, table)
    unit = _unit(rows, table_width)
    widths = [
        [_convert(c.width, unit, table_width) if unit != "grid" and c.width else 0.0 for c in row]
        for row in rows
    ]
    pending: dict[tuple[int, int], _Placed] = {}
    origin_cols: dict[int, tuple[int, int]] = {}  # source cell → its first and last grid column
    placed_rows: list[list[_Placed]] = []
    serial = 0
    for r, row in enumerate(rows):
        placed: list[_Placed] = []
        col = 0
        x = 0.0
        for cell, w in zip(row, widths[r], strict=True):
            col, x = _take_pending(pending, r, col, x, placed)
            ext = (float(col), float(col + cell.colspan)) if unit == "grid" else (x, x + w)
            serial += 1
            origin_cols[serial] = (col, col + cell.colspan - 1)
            for dc in range(cell.colspan):
                placed.append(_Placed(cell.text, ext, dc > 0, col + dc, serial))
                for dr in range(1, cell.rowspan):
                    pending[(r + dr, col + dc)] = _Placed(cell.text, ext, True, col + dc, serial)
            col += cell.colspan
            x = ext[1]
        _take_pending(pending, r, col, x, placed)
        placed_rows.append(placed)
    from gkmodel.readers._items import Row

    out: list[Row] = []
    # The grid's edges place every row, or none: a row past the grid (a cell too many, a
    # gridBefore the grid was not widened for) would be in other units than the rest.
    on_grid = column_edges is not None and all(
        len(column_edges) > max(p.col for p in placed) + 1 for placed in placed_rows if placed
    )
    for placed in placed_rows:
        if not placed:
            continue
        extents = [p.extent for p in placed]
        if on_grid and column_edges is not None:
            extents = [
                (column_edges[origin_cols[p.origin][0]], column_edges[origin_cols[p.origin][1] + 1])
                for p in placed
            ]
        out.append(
            Row(
                tuple(p.text for p in placed),
                table,
                extents=tuple(extents),
                copies=tuple(p.copy for p in placed),
            )
        )
    return out


class _Placed(NamedTuple):  # a tuple: tens of thousands are made per page
    text: str
    extent: tuple[float, float]
    copy: bool
    col: int
    origin: int


def _take_pending(
    pending: dict[tuple[int, int], _Placed], r: int, col: int, x: float, placed: list[_Placed]
) -> tuple[int, float]:
    """Cells spanning down into row ``r`` at ``col`` and after it; the next free column."""
    while (r, col) in pending:
        p = pending.pop((r, col))
        placed.append(p)
        x = max(x, p.extent[1])
        col += 1
    return col, x


def _unit(rows: Sequence[Sequence[SourceCell]], table_width: tuple[float, str] | None) -> str:
    units = {c.width[1] if c.width else None for row in rows for c in row}
    if not units or None in units:
        return "grid"
    if units == {"px"}:
        return "px"
    if units == {"%"}:
        return "px" if table_width and table_width[1] == "px" else "%"
    return "px" if table_width and table_width[1] == "px" else "grid"


def _convert(width: tuple[float, str], unit: str, table_width: tuple[float, str] | None) -> float:
    value, u = width
    if unit == "%" and u == "px":
        return value
    if u == unit:
        return value
    assert table_width is not None and u == "%"
    return value * table_width[0] / 100
