"""The official tables as grids of merged cells, derived from the layout declarations.

Every renderer draws the same :class:`Grid`: HTML and DOCX with real merged
cells, text and Markdown flattened.  A grid is a list of rows; each row lists
the cells that *start* in it (a cell covered by a span above or to the left
is not repeated), exactly as HTML's ``rowspan``/``colspan`` model has it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from gkmodel.model import FieldInfo
from gkmodel.model.common import Money, decimal_text
from gkmodel.model.layout import RowSpec, get_path, outline, table_rows
from gkmodel.model.report import AnnualReport

__all__ = ["Cell", "CellKind", "Grid", "cell_text", "cell_text_local", "table_grids"]


class CellKind(enum.Enum):
    """The role of a grid cell."""

    CAPTION = "caption"  # 第二十条第（一）项 caption rows of table 二
    HEADER = "header"  # column headers
    NOTE = "note"  # the reconciliation note of table 三's corner
    LABEL = "label"  # row and group labels
    VALUE = "value"  # a data cell


@attrs.frozen
class Cell:
    """One cell of a grid: its text, its spans and what it is."""

    text: str
    kind: CellKind
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # model path of a value cell
    depth: int = 0  # labels: nesting depth


@attrs.frozen
class Grid:
    """A whole table: its rows of cells, how many of them are header rows, and its width."""

    table: str  # 二 / 三 / 四
    width: int
    header_rows: int
    rows: tuple[tuple[Cell, ...], ...]
    label_columns: int  # columns at the left that hold labels

    def matrix(self) -> list[list[Cell | None]]:
        """The grid expanded: every position holds the cell that covers it (or None)."""
        out: list[list[Cell | None]] = [[None] * self.width for _ in self.rows]
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while c < self.width and out[r][c] is not None:
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if r + dr < len(out) and c + dc < self.width:
                            out[r + dr][c + dc] = cell
                c += cell.colspan
        return out


def cell_text(value: Any, info: FieldInfo, note: str | None = None) -> str:
    """A cell as published: blank stays blank; money keeps its precision.

    The unit of money is shown only where the column label does not state it.
    """
    if value is None:
        text = ""
    elif isinstance(value, Money):
        text = decimal_text(value.amount)
        if info.unit is None:
            text += value.unit.value
    else:
        text = str(value)
    if note:
        text += f"（{note}）"
    return text


def cell_text_local(value: int | Decimal | None) -> str:
    """A value of a local table as published (blank stays blank)."""
    if value is None:
        return ""
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


def _notes(report: AnnualReport) -> dict[str, str]:
    return {n.path: n.text for n in report.cell_notes}


def _value_cells(report: AnnualReport, spec: RowSpec, prefix: str) -> Iterator[Cell]:
    notes = _notes(report)
    row = get_path(report, spec.path)
    for name, info in spec.columns:
        path = f"{prefix}.{name}"
        yield Cell(cell_text(getattr(row, name), info, notes.get(path)), CellKind.VALUE, path=path)


def _active_grid(report: AnnualReport) -> Grid:
    table = report.active_disclosure
    cls = type(table)
    rows = table_rows(cls, ("active_disclosure",))
    width = 1 + max(len(r.columns) for r in rows)
    out: list[tuple[Cell, ...]] = []
    for item in (i for i in outline(cls) if i.depth == 0):
        out.append((Cell(item.info.label, CellKind.CAPTION, colspan=width),))
        group_rows = [r for r in rows if r.path[1] == item.path[0]]
        columns = group_rows[0].columns
        spans = _spread(len(columns), width - 1)
        header = [Cell(cls.FIRST_COLUMN, CellKind.HEADER)]
        header += [
            Cell(info.label, CellKind.HEADER, colspan=span)
            for (_, info), span in zip(columns, spans, strict=True)
        ]
        out.append(tuple(header))
        for spec in group_rows:
            values = list(_value_cells(report, spec, "$." + ".".join(spec.path)))
            cells = [Cell(spec.labels[-1], CellKind.LABEL)]
            cells += [attrs.evolve(v, colspan=s) for v, s in zip(values, spans, strict=True)]
            out.append(tuple(cells))
    return Grid("二", width, 0, tuple(out), 1)


def _spread(n: int, width: int) -> list[int]:
    """Column spans for ``n`` value columns in ``width`` columns: the last one takes the rest."""
    return [1] * (n - 1) + [width - n + 1]


def _header_tree(columns: tuple[tuple[str, FieldInfo], ...]) -> list[tuple[str, list[str]]]:
    """Leaf column labels grouped by their ``group`` (a group of one is a plain column)."""
    out: list[tuple[str, list[str]]] = []
    for _, info in columns:
        if info.group and out and out[-1][0] == info.group:
            out[-1][1].append(info.label)
        elif info.group:
            out.append((info.group, [info.label]))
        else:
            out.append((info.label, []))
    return out


def _requests_grid(report: AnnualReport) -> Grid:
    cls = type(report.requests)
    items = outline(cls)
    specs = table_rows(cls, ("requests",))
    columns = specs[0].columns
    label_cols = 1 + max(i.depth for i in items)
    header_rows = 3
    width = label_cols + len(columns)
    top = (
        Cell(cls.HEADER_NOTE, CellKind.NOTE, rowspan=header_rows, colspan=label_cols),
        Cell(cls.COLUMN_HEADER, CellKind.HEADER, colspan=len(columns)),
    )
    second: list[Cell] = []
    third: list[Cell] = []
    for label, leaves in _header_tree(columns):
        if leaves:
            second.append(Cell(label, CellKind.HEADER, colspan=len(leaves)))
            third.extend(Cell(leaf, CellKind.HEADER) for leaf in leaves)
        else:
            second.append(Cell(label, CellKind.HEADER, rowspan=2))
    rows: list[tuple[Cell, ...]] = [top, tuple(second), tuple(third)]
    by_path = {s.path[1:]: s for s in specs}
    pending: list[Cell] = []  # group labels that open on the next data row
    for item in items:
        if not item.is_row:
            pending.append(
                Cell(item.info.label, CellKind.LABEL, rowspan=item.span, depth=item.depth)
            )
            continue
        spec = by_path[item.path]
        label_cell = Cell(
            item.info.label, CellKind.LABEL, colspan=label_cols - item.depth, depth=item.depth
        )
        values = _value_cells(report, spec, "$." + ".".join(spec.path))
        rows.append((*pending, label_cell, *values))
        pending = []
    return Grid("三", width, header_rows, tuple(rows), label_cols)


def _appeals_grid(report: AnnualReport) -> Grid:
    cls = type(report.appeals)
    items = outline(cls)
    specs = {s.path[1:]: s for s in table_rows(cls, ("appeals",))}
    levels = 1 + max(i.depth for i in items) + 1  # groups/rows, then the leaf columns
    header: list[list[Cell]] = [[] for _ in range(levels)]
    values: list[Cell] = []
    for item in items:
        if item.is_row:
            spec = specs[item.path]
            n = len(spec.columns)
            header[item.depth].append(Cell(item.info.label, CellKind.HEADER, colspan=n))
            leaf_span = levels - item.depth - 1
            for _, info in spec.columns:
                header[item.depth + 1].append(Cell(info.label, CellKind.HEADER, rowspan=leaf_span))
            values.extend(_value_cells(report, spec, "$." + ".".join(spec.path)))
        else:
            n = sum(
                len(specs[i.path].columns) for i in items if i.is_row and i.path[0] == item.path[0]
            )
            header[item.depth].append(Cell(item.info.label, CellKind.HEADER, colspan=n))
    rows = (*(tuple(h) for h in header), tuple(values))
    return Grid("四", len(values), levels, rows, 0)


def table_grids(report: AnnualReport) -> dict[str, Grid]:
    """The grids of tables 二, 三 and 四 of ``report``, by section attribute name."""
    return {
        "active_disclosure": _active_grid(report),
        "requests": _requests_grid(report),
        "appeals": _appeals_grid(report),
    }
