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
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from gkmodel.model.layout import RowSpec
from gkmodel.readers._common import Diagnostic, State, parse_value, sums_hold
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize
from gkmodel.readers._pagecut import across_pages

__all__ = ["Column", "place_by_header", "place_groups_by_header"]


@attrs.frozen
class Column:
    """A model column: its leaf header label and the group labels above it (normalised)."""

    label: str
    groups: tuple[str, ...] = ()


def place_by_header(
    items: Sequence[Item],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table_name: str,
    state: State,
    *,
    labels: Sequence[str] = (),
) -> list[Item]:
    """``items`` with the rows of the table whose header carries ``columns`` rewritten.

    Each rewritten row keeps its label cells and then has one cell per column,
    in ``columns`` order.  ``sums`` lists (total column, part columns) by index.
    A row cut in two by a page break is joined again when ``labels`` (the official
    row labels, normalised) or the sums say so (:mod:`._pagecut`).
    Items without geometry, and tables without such a header, pass unchanged.
    """
    out: list[Item | None] = list(items)
    for table in sorted({i.table for i in items if isinstance(i, Row) and i.extents}):
        idx = [k for k, i in enumerate(out) if isinstance(i, Row) and i.table == table]
        rows = [out[k] for k in idx]
        placed = _place_table(rows, columns, sums, table_name, state, labels=labels)  # type: ignore[arg-type]
        if placed is None:
            continue
        for k, row in zip(idx, placed, strict=True):
            out[k] = row
    return [i for i in out if i is not None]


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


def _first(item: Item) -> str:
    if isinstance(item, Line):
        return item.text
    return item.cells[0] if item.cells else ""


def _header(
    rows: Sequence[Row], columns: Sequence[Column]
) -> tuple[int, list[tuple[float, float]]] | None:
    """(index of the leaf header row, the extent of each model column) or None."""
    header: list[tuple[list[str], tuple[tuple[float, float], ...]]] = []  # rows 0..h, normalised
    for row in rows:
        assert row.extents is not None
        texts = [normalize(c) for c in row.cells]
        header.append((texts, row.extents))
        extents: list[tuple[float, float]] = []
        for col in columns:
            hits = sorted(
                {
                    row.extents[k]
                    for k, t in enumerate(texts)
                    if t == col.label and _under(header, row.extents[k], col.groups)
                }
            )
            if len(hits) != 1:
                break
            extents.append(hits[0])
        else:
            if len(set(extents)) == len(extents):
                return len(header) - 1, extents
    return None


def _under(
    rows: Sequence[tuple[list[str], tuple[tuple[float, float], ...]]],
    extent: tuple[float, float],
    groups: tuple[str, ...],
) -> bool:
    """Whether header cells above ``extent`` carry every group label.

    ``rows`` are the header rows so far, their cells normalised, with their extents.
    A cell is above when it covers most of ``extent`` (Word's widths of a group
    and of its columns often differ by a few points).
    """
    if not groups:
        return True
    above = set()
    x0, x1 = extent
    half = (x1 - x0) / 2
    for texts, extents in rows:
        for text, (e0, e1) in zip(texts, extents, strict=True):
            if (e1 if e1 < x1 else x1) - (e0 if e0 > x0 else x0) > half:
                above.add(text)
    return all(g in above for g in groups)


def _place_table(
    rows: Sequence[Row],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table_name: str,
    state: State,
    *,
    labels: Sequence[str] = (),
) -> list[Row | None] | None:
    header = _header(rows, columns)
    if header is None:
        return None
    h, col_ext = header
    left = min(e[0] for e in col_ext)

    def numbers(row: Row) -> list[Decimal | None] | None:
        cells = [
            (t, e)
            for t, e, copy in zip(row.cells, row.extents or (), row.copies or (), strict=True)
            if (e[0] + e[1]) / 2 >= left and not copy
        ]
        placed, _ = _by_geometry(cells, col_ext)
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
    out: list[Row | None] = list(rows[: h + 1])
    seen: dict[str, int] = {}
    for row in data:
        if row is None:
            out.append(None)
            continue
        new = _place_row(
            row,
            col_ext=col_ext,
            left=left,
            sums=sums,
            table_name=table_name,
            state=state,
            reordered=reordered,
        )
        label = normalize("".join(dict.fromkeys(c for c in new.cells[: -len(columns)] if c)))
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
                out[seen[label]] = _blank(first, len(columns))
            out.append(_blank(new, len(columns)) if not same else Row(new.cells[:1], new.table))
            continue
        if label:
            seen[label] = len(out)
        out.append(new)
    return out


def _blank(row: Row, width: int) -> Row:
    return Row((*row.cells[:-width], *([""] * width)), row.table)


def _place_row(
    row: Row,
    *,
    col_ext: Sequence[tuple[float, float]],
    left: float,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table_name: str,
    state: State,
    reordered: bool = False,
) -> Row:
    assert row.extents is not None and row.copies is not None
    n = len(col_ext)
    labels: list[str] = []
    values: list[tuple[str, tuple[float, float]]] = []
    stray: list[str] = []
    for text, ext, copy in zip(row.cells, row.extents, row.copies, strict=True):
        centre = (ext[0] + ext[1]) / 2
        if centre < left:
            value = parse_value(text)
            if value is not None and value.number is not None:
                if not copy:
                    stray.append(text)  # a number under the row labels: never a label
                continue
            labels.append(text)
        elif not copy and (parse_value(text) is not None or not text):
            values.append((text, ext))
        elif not copy:
            labels.append(text)  # text among the values: not a number
    label = "/".join(dict.fromkeys(t for t in labels if t))
    where = {"table": table_name, "row": label or None, "found": " | ".join(row.cells)}
    for text in stray:
        state.add(
            "stray-value",
            "a number among the row labels",
            action="ignored",
            **{**where, "found": text},
        )
    if not values:
        return Row((*labels, *([""] * n)), row.table)
    geometry, outside = _by_geometry(values, col_ext)
    position = _by_position(values, col_ext)
    if len(values) != n:
        state.add(
            "row-shape",
            f"the row has {len(values)} value cells where the header has {n} columns",
            action="placed by geometry and arithmetic",
            **where,
        )
    # The values in the official column order, left to right (the header's order when it is
    # the official one).
    plain = tuple(t for t, _ in sorted(values, key=lambda v: v[1])) if len(values) == n else None
    chosen = _choose(
        geometry, position, plain, sums, reordered=reordered, misshapen=len(values) != n
    )
    if chosen is None:  # reported by the table reader, with the row's model path
        state.unplaced.append(
            Diagnostic(
                code="unreadable",
                message="the row's values cannot be placed under its header with certainty",
                action="cells left blank",
                **where,
            )
        )
        return Row((*labels, *([""] * n)), row.table)
    if chosen == plain and chosen not in (geometry, position):
        state.add(
            "realigned",
            "values placed in the official order of the columns, not under the header's "
            "columns (in another order); the table's sums hold so",
            action=" | ".join(chosen),
            **where,
        )
    elif chosen != position:
        how = "by the cells' extents" if chosen == geometry else "by position"
        state.add(
            "realigned",
            f"values placed under their header columns {how}; the table's sums hold so",
            action=" | ".join(chosen),
            **where,
        )
    if chosen == geometry:
        for text in outside:
            state.add(
                "stray-value",
                "a value outside every column of the header",
                table=table_name,
                row=label or None,
                found=text,
                action="ignored",
            )
    return Row((*labels, *chosen), row.table)


Placement = tuple[str, ...] | None


def _choose(
    geometry: Placement,
    position: Placement,
    plain: Placement,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    *,
    reordered: bool,
    misshapen: bool,
) -> Placement:
    """The placement of a row's values to read, or None (see the module's docs)."""
    if reordered:  # the sums tell: under the header's columns, else in the official order
        header = [o for o in (geometry, position) if o is not None and _holds(o, sums)]
        if header:
            return header[0] if len(set(header)) == 1 else None
        return plain if plain is not None and _holds(plain, sums) else None
    options = [o for o in (geometry, position) if o is not None]
    distinct = list(dict.fromkeys(options))
    if len(distinct) == 1:
        if len(options) == 1 and misshapen and not _holds(distinct[0], sums):
            return None  # a misshapen row placed one way only, and its sums fail
        return distinct[0]
    holding = [o for o in distinct if _holds(o, sums)]
    return holding[0] if len(holding) == 1 else None


def _by_geometry(
    values: Sequence[tuple[str, tuple[float, float]]], col_ext: Sequence[tuple[float, float]]
) -> tuple[tuple[str, ...] | None, list[str]]:
    placed: dict[int, str] = {}
    stray: list[str] = []
    for text, (x0, x1) in values:
        overlaps = [
            max(0.0, (x1 if x1 < c1 else c1) - (x0 if x0 > c0 else c0)) for c0, c1 in col_ext
        ]
        best = max(overlaps)
        if best <= 0:
            if text:
                stray.append(text)
            continue
        winners = [k for k, o in enumerate(overlaps) if o == best]
        if len(winners) != 1 or winners[0] in placed:
            return None, stray
        placed[winners[0]] = text
    if len(placed) != len(col_ext):
        return None, stray
    return tuple(placed[k] for k in range(len(col_ext))), stray


def _by_position(
    values: Sequence[tuple[str, tuple[float, float]]], col_ext: Sequence[tuple[float, float]]
) -> tuple[str, ...] | None:
    if len(values) != len(col_ext):
        return None
    order = sorted(range(len(col_ext)), key=lambda k: col_ext[k])
    texts = [t for t, _ in sorted(values, key=lambda v: v[1])]
    out = [""] * len(col_ext)
    for k, text in zip(order, texts, strict=True):
        out[k] = text
    return tuple(out)


def _holds(cells: Sequence[str], sums: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    values = [parse_value(c) for c in cells]
    return sums_hold([v.number if v is not None else None for v in values], sums)
