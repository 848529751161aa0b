"""Tables with geometry: columns mapped by header text, values placed by extent, checked by sums.

A table found by its signature (a header row carrying every column label of
the model's table, derived from the layout) is rewritten, row by row, into
rows whose value cells are in the model's column order, whatever the order,
spans and widths of the source.  For each data row two alignments are built:

- *geometry*: each value cell under the header column its extent overlaps
  most (a tie, two cells under one column, or a cell under none spoils it);
- *position*: the value cells in order under the header columns in order
  (only when there are as many as columns).

When both agree the row is read.  When they differ, or only one exists, the
table's own sums (总计 = the parts) decide: an alignment under which they hold
is taken, with a ``realigned`` diagnostic when it is not the plain positional
one; when no alignment is clearly right the row is left out (its cells blank
and reported ``unreadable`` once, by the table reader, with the row's model
path).  A row label seen twice is a
``duplicate-row`` diagnostic, never "the last one wins".

The header is found by :mod:`._columns` (as written, or loosely); the rows are placed one by
one by :mod:`._rowplace`.  A table without a header right after one placed by its header, whose
rows name official rows, is its continuation (a table broken in two) and is placed under that
header.  Text tables (no geometry) pass unchanged, but for one whose cells are its columns and
whose header names the columns in another order than the official one: each cell then sits at
its position, and the table is placed like the others; lines of text under such a header are
placed by :mod:`._textorder`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from gkmodel.model.layout import RowSpec
from gkmodel.readers._columns import Column, filled, find_header, loose
from gkmodel.readers._common import Diagnostic, State, parse_value
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize
from gkmodel.readers._pagecut import across_pages
from gkmodel.readers._rowplace import blank, by_geometry, place_row, trusted
from gkmodel.readers._textorder import place_lines_by_header

__all__ = ["Column", "place_by_header", "place_groups_by_header"]


def place_by_header(
    items: Sequence[Item],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table_name: str,
    state: State,
    *,
    labels: Sequence[str] = (),
    groups: Mapping[str, str] | None = None,
) -> list[Item]:
    """``items`` with the rows of the table whose header carries ``columns`` rewritten.

    Each rewritten row keeps its label cells and then has one cell per column,
    in ``columns`` order.  ``sums`` lists (total column, part columns) by index.
    A row cut in two by a page break is joined again when ``labels`` (the official
    row labels, normalised) or the sums say so (:mod:`._pagecut`).
    Items without geometry, and tables without such a header, pass unchanged (lines of text
    under a header in another order are placed by its words: ``groups`` gives the group label
    above a column, by column label, see :func:`place_lines_by_header`).
    """
    items = place_lines_by_header(items, columns, sums, table_name, state, groups=groups)
    out: list[Item | None] = list(
        _place_text(items, columns, sums, table_name, state, labels=labels)
    )
    above: tuple[int, list[Row]] | None = None  # the last table placed: its number, header rows
    for table in sorted({i.table for i in items if isinstance(i, Row) and i.extents}):
        idx = [k for k, i in enumerate(out) if isinstance(i, Row) and i.table == table]
        rows: list[Row] = [out[k] for k in idx]  # type: ignore[misc]
        header = find_header(rows, columns)
        if header is not None:
            placed = _place_table(
                rows, header, columns, sums, table_name=table_name, state=state, labels=labels
            )
            above = (table, rows[: header[0] + 1])
        elif above is not None and above[0] == table - 1 and _continues(rows, labels):
            placed = _continued(
                above[1], rows, columns, sums, table_name=table_name, state=state, labels=labels
            )
            above = (table, above[1])  # a third part continues the second
        else:
            continue
        for k, row in zip(idx, placed, strict=True):
            out[k] = row
    return [i for i in out if i is not None]


def _continues(rows: Sequence[Row], labels: Sequence[str]) -> bool:
    """Whether a table without a header is the rest of the table above (a table broken in two
    by a page or section break): a row of it names an official row of the table (its first
    row may be a group's, without a number: ``（三）不予公开``)."""
    wanted = set(labels)
    return any(normalize(c) in wanted for row in rows for c in row.cells[:3])


def _continued(
    header: Sequence[Row],
    rows: Sequence[Row],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    *,
    table_name: str,
    state: State,
    labels: Sequence[str],
) -> list[Row | None]:
    """The rows of a table continued without its header, placed under the header above.

    Their cells are taken column for column under the header's grid when every row has as
    many as the header's rows (the two tables' widths need not agree); else, when the header
    above is in the official order, they pass unchanged, to be read as before by their labels
    and sums, and when it is not, they are left unread: their order cannot be known."""
    width = len(header[-1].cells)
    if all(len(r.cells) == width for r in (*header, *rows)):
        found = find_header([_gridded(r) for r in header], columns)
        assert found is not None  # the same labels at the same positions
        gridded = [_gridded(r) for r in (*header, *rows)]
        placed = _place_table(
            gridded, found, columns, sums, table_name=table_name, state=state, labels=labels
        )
        state.add(
            "realigned",
            "a table continued without its header: its rows placed under the header above",
            table=table_name,
            found=" | ".join(rows[0].cells),
            action="placed by the header of the table above",
        )
        return placed[len(header) :]
    found = find_header(header, columns)
    assert found is not None
    col_ext = found[1]
    if sorted(range(len(col_ext)), key=lambda k: col_ext[k]) == list(range(len(col_ext))):
        return list(rows)
    n = len(columns)
    out: list[Row | None] = []
    for row in rows:
        label = "/".join(c for c in row.cells if c and parse_value(c) is None)
        state.unplaced.append(
            Diagnostic(
                code="unreadable",
                message="a table continued without its header, its cells not as the header's, "
                "under a header in another order than the official one",
                action="cells left blank",
                table=table_name,
                row=label or None,
                found=" | ".join(row.cells),
            )
        )
        out.append(Row((*(c for c in row.cells if parse_value(c) is None), *([""] * n)), row.table))
    return out


def place_groups_by_header(
    items: Sequence[Item], specs: Sequence[RowSpec], table_name: str, state: State
) -> list[Item]:
    """``items`` with each group of rows placed under its own header (table 二's items).

    Each outermost group (a 第二十条 item) is a small table of its own: from the row or
    line naming it to the next group's, its header maps the group's columns by their
    text, as :func:`place_by_header` does for a whole table.
    """
    out = list(items)
    starts: list[tuple[int, RowSpec]] = []
    for spec in specs:
        if starts and starts[-1][1].labels[0] == spec.labels[0]:
            continue
        group = normalize(spec.labels[0])
        at = next((k for k, i in enumerate(out) if normalize(_first(i)) == group), None)
        if at is not None:
            starts.append((at, spec))
    starts.sort(key=lambda s: s[0])
    ends = [k for k, _ in starts[1:]] + [len(out)] * bool(starts)
    # From the last group up: a row joined across a page leaves the groups above in place.
    for (start, spec), end in reversed(list(zip(starts, ends, strict=True))):
        columns = [Column(normalize(info.label)) for _, info in spec.columns]
        labels = [normalize(s.labels[-1]) for s in specs if s.labels[0] == spec.labels[0]]
        out[start:end] = place_by_header(
            out[start:end], columns, (), table_name, state, labels=labels
        )
    return out


def _place_text(
    items: Sequence[Item],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table_name: str,
    state: State,
    *,
    labels: Sequence[str] = (),
) -> list[Item]:
    """``items`` with the rows of each text table whose header has ``columns`` in another
    order than the official one placed under its header (see :func:`_text_tables`), as
    :func:`place_by_header` places a table with geometry."""
    out: list[Item | None] = list(items)
    for run in _text_tables(items, columns):
        rows = [items[k] for k in run]
        gridded = [_gridded(r) for r in rows]  # type: ignore[arg-type]
        header = find_header(gridded, columns)
        if header is None:
            continue
        placed = _place_table(
            gridded, header, columns, sums, table_name=table_name, state=state, labels=labels
        )
        for k, row, was, grid in zip(run, placed, rows, gridded, strict=True):
            out[k] = was if row is grid else row  # header rows as they were
    return [i for i in out if i is not None]


def _text_tables(items: Sequence[Item], columns: Sequence[Column]) -> list[list[int]]:
    """The runs of text rows (cells without geometry: Markdown, tab-separated or aligned text)
    whose header has every column in another order than the official one, by index.

    The cells of such rows are the columns of their table, in order, so the header's cell
    places each value as a cell's extent would.  A header in the official order reads as
    before, by the rows' labels and the tables' sums (and with no header, there is no other
    order to read)."""
    runs: list[list[int]] = []
    run: list[int] = []
    for k, item in enumerate([*items, None]):
        text_row = isinstance(item, Row) and not item.extents
        if text_row and (not run or item.table == items[run[-1]].table):  # type: ignore[union-attr]
            run.append(k)
            continue
        if run and _reordered(items, run, columns):
            runs.append(run)
        run = [k] if text_row else []
    return runs


_HEADER_ROWS = 6  # a table's header is among its first rows


def _reordered(items: Sequence[Item], run: list[int], columns: Sequence[Column]) -> bool:
    """Whether a row among the first of ``run`` names each column once (as written, or
    loosely), in another order than the official one, or after an empty cell that follows the
    label (a label spanning two columns, flattened into an empty cell in every row)."""
    rows = [items[k].cells for k in run[:_HEADER_ROWS]]  # type: ignore[union-attr]
    blob = loose("".join(c for row in rows for c in row))
    if not all(loose(c.label) in blob for c in columns):
        return False  # (a cheap screen: most text tables are no such table)
    for key in (lambda t: t, loose):
        wanted = [key(c.label) for c in columns]
        above: tuple[list[str], list[tuple[float, float]]] | None = None
        for cells in rows:
            texts = [normalize(c) for c in cells]
            extents = [(float(k), float(k + 1)) for k in range(len(texts))]  # as _gridded
            if above is not None:
                texts = filled(texts, extents, above)
            above = (texts, extents)
            keys = [key(t) for t in texts]
            if all(keys.count(w) == 1 for w in wanted):
                at = [keys.index(w) for w in wanted]
                # another order, or an empty cell between the label and the columns (a label
                # spanning two columns, flattened): the cells are not where the order says
                return at != sorted(at) or any(not t for t in texts[1 : min(at)])
    return False


def _gridded(row: Row) -> Row:
    """``row`` with each cell at its position: cell k from k to k + 1."""
    n = len(row.cells)
    return attrs.evolve(
        row, extents=tuple((float(k), float(k + 1)) for k in range(n)), copies=(False,) * n
    )


def _first(item: Item) -> str:
    """The item's text, or its first cell, without Markdown's emphasis or heading marks."""
    if isinstance(item, Line):
        return item.text.strip("*#_ ")
    return item.cells[0].strip("*#_ ") if item.cells else ""


def _place_table(
    rows: Sequence[Row],
    header: tuple[int, list[tuple[float, float]], bool],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    *,
    table_name: str,
    state: State,
    labels: Sequence[str] = (),
) -> list[Row | None]:
    """``rows`` (a header found in them: ``header``, see :func:`find_header`) placed."""
    h, col_ext, loosely = header
    if loosely:
        state.add(
            "loose-label",
            "a header written otherwise than the official labels (其它, 合计, a unit, 维持)",
            table=table_name,
            found=" | ".join(c for c in rows[h].cells if c),
            action="columns placed by the labels so read",
        )
    left = min(e[0] for e in col_ext)

    def numbers(row: Row) -> list[Decimal | None] | None:
        cells = [
            (t, e)
            for t, e, copy in zip(row.cells, row.extents or (), row.copies or (), strict=True)
            if (e[0] + e[1]) / 2 >= left and not copy
        ]
        placed, _ = by_geometry(cells, col_ext)
        if placed is None:
            return None
        values = [parse_value(t) for t in placed]
        return [v.number if v is not None else None for v in values]

    data = across_pages(
        rows[h + 1 :],
        left=left,
        sums=sums,
        labels=labels,
        numbers=numbers,
        table_name=table_name,
        state=state,
    )
    # A header with a total left of one of its parts (总计 before 其他: a group's span one
    # column short) may be a header drawn wrong: its rows are read only as their sums confirm.
    # (Parts in another order, 科研机构 before 商业企业, leave the sums alike either way: the
    # header's text places them.)
    reordered = any(col_ext[p][0] > col_ext[total][0] for total, parts in sums for p in parts)
    trust = trusted(data, col_ext, left, sums) if reordered else None
    out: list[Row | None] = list(rows[: h + 1])
    seen: dict[str, int] = {}
    for row in data:
        if row is None:
            out.append(None)
            continue
        new = place_row(
            row,
            col_ext=col_ext,
            left=left,
            sums=sums,
            table_name=table_name,
            state=state,
            reordered=reordered,
            trust=trust,
        )
        label = normalize("".join(dict.fromkeys(c for c in new.cells[: -len(columns)] if c)))
        if labels and not any(label.endswith(official) for official in labels):
            label = ""  # a group's label only (its row's on a row of its own): no row's twice
        if label and label in seen:
            first = out[seen[label]]
            assert first is not None
            same = first.cells[-len(columns) :] == new.cells[-len(columns) :]
            state.add(
                "duplicate-row",
                "a row label seen twice" + (" with the same values" if same else ""),
                table=table_name,
                found=" | ".join(row.cells),
                action="kept once" if same else "both rows left unread",
            )
            if not same:
                out[seen[label]] = blank(first, len(columns))
                state.unplaced.append(  # the table reader names the row's path: unreadable
                    Diagnostic(
                        code="unreadable",
                        message="a row label seen twice, with other values",
                        table=table_name,
                        row=label,
                        found=" | ".join(row.cells),
                        action="cells left blank",
                    )
                )
            out.append(blank(new, len(columns)) if not same else Row(new.cells[:1], new.table))
            continue
        if label:
            seen[label] = len(out)
        out.append(new)
    return out
