"""One data row of a table placed under its header's columns: by geometry, by position, or
by the table's sums (see :mod:`gkmodel.readers._grid`)."""

from __future__ import annotations

from collections.abc import Sequence

from gkmodel.readers._common import Diagnostic, State, parse_value, sums_hold
from gkmodel.readers._items import Row

__all__ = ["blank", "by_geometry", "place_row", "trusted"]


def blank(row: Row, width: int) -> Row:
    return Row((*row.cells[:-width], *([""] * width)), row.table)


Values = list[tuple[str, tuple[float, float]]]


def _cells(row: Row, left: float) -> tuple[list[str], Values, list[str]]:
    """A row's label cells, value cells (with their extents) and numbers among its labels."""
    assert row.extents is not None and row.copies is not None
    labels: list[str] = []
    values: Values = []
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
    return labels, values, stray


def trusted(
    rows: Sequence[Row | None],
    col_ext: Sequence[tuple[float, float]],
    left: float,
    sums: Sequence[tuple[int, tuple[int, ...]]],
) -> str | None:
    """For a header whose total stands left of one of its parts (maybe drawn wrong): which
    order the table's rows say, as a whole: ``"header"`` when more rows' sums hold under the
    header's columns and not in the official order than the other way round, ``"plain"`` (the
    official order) in the opposite case, else None (each row as its own sums say).

    Decided for the table, not row by row: a row whose sums fail under the header that the
    other rows bear out is the organ's error, to be read as printed and found by the checker.
    """
    under_header = in_order = 0
    for row in rows:
        if row is None:
            continue
        _, values, _ = _cells(row, left)
        if not any(t for t, _ in values) or len(values) != len(col_ext):
            continue
        geometry, _ = by_geometry(values, col_ext)
        plain = tuple(t for t, _ in sorted(values, key=lambda v: v[1]))
        header_holds = geometry is not None and _holds(geometry, sums)
        plain_holds = _holds(plain, sums)
        under_header += header_holds and not plain_holds
        in_order += plain_holds and not header_holds
    if under_header != in_order:
        return "header" if under_header > in_order else "plain"
    return None


def place_row(
    row: Row,
    *,
    col_ext: Sequence[tuple[float, float]],
    left: float,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table_name: str,
    state: State,
    reordered: bool = False,
    trust: str | None = None,
) -> Row:
    n = len(col_ext)
    labels, values, stray = _cells(row, left)
    labels = [t for t in labels if t]  # (an empty cell under a label spanning two columns)
    label = "/".join(dict.fromkeys(t for t in labels if t))
    where = {"table": table_name, "row": label or None, "found": " | ".join(row.cells)}
    if not any(t for t, _ in values):
        if not stray and (not values or len(values) == n):  # labels only (a group's), or blank
            return Row((*labels, *([""] * n)), row.table)
        _stray(stray, state, where)
        # blank cells, but not one a column (the column without a cell may hold anything), or
        # numbers among the labels (the row's own, standing left of their columns)
        state.unplaced.append(
            Diagnostic(
                code="unreadable",
                message="numbers among the row labels and none under its columns: they may "
                "be the row's, standing left of their columns"
                if stray
                else f"the row has {len(values)} blank cells where the header has {n} "
                "columns: the column without a cell is not known to be blank",
                action="cells left blank",
                **where,
            )
        )
        return Row((*labels, *([""] * n)), row.table)
    geometry, outside = by_geometry(values, col_ext)
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
        geometry,
        position,
        plain,
        sums,
        reordered=reordered and trust != "header",
        # (cells past the header's columns, empty, as Word's empty last column: no cell in doubt)
        misshapen=len(values) != n
        and not (geometry is not None and not outside and len(values) > n),
    )
    if reordered and trust == "plain":  # the header drawn wrong: each row as its sums confirm
        chosen = plain if plain is not None and _holds(plain, sums) else None
        if (
            chosen is not None
            and geometry is not None
            and not _wrong_only_at_totals(geometry, chosen, sums)
        ):
            chosen = None  # the header says more than a total misplaced: the rest is in doubt
    if stray and chosen is not None:
        chosen, shifted = _with_stray(stray, values, chosen, n, sums)
        if shifted:
            state.add(
                "realigned",
                "values placed one column or more right of where they stand, the numbers among "
                "the row labels first (a label cell spanning a column short, or a spanned cell "
                "lost at a page break); the row's sums hold so, and not as they stand",
                action=" | ".join(chosen or ()),
                **where,
            )
            stray = []
    _stray(stray, state, where)
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


def _stray(stray: Sequence[str], state: State, where: dict[str, str | None]) -> None:
    for text in stray:
        state.add("stray-value", "a number among the row labels", action="ignored",
                  **{**where, "found": text})  # fmt: skip


def _with_stray(
    stray: Sequence[str],
    values: Values,
    placed: tuple[str, ...],
    n: int,
    sums: Sequence[tuple[int, tuple[int, ...]]],
) -> tuple[Placement, bool]:
    """A row with numbers among its labels: its values may stand left of their columns (a
    label cell spanning a column short, a row that lost a spanned cell at a page break,
    Word's empty last column taking the place of the last value).  Read only where the row's
    sums say: shifted back right (the numbers among the labels first, the cells past the last
    column empty), or as ``placed``, whichever of the two the sums confirm, and not both;
    else not at all (None).  Also whether the values were shifted."""
    texts = [*stray, *(t for t, _ in values)]
    shifted = tuple(texts[:n]) if len(texts) >= n and not any(texts[n:]) else None
    holding = [o for o in (shifted, placed) if o is not None and _holds(o, sums)]
    if len(set(holding)) != 1:
        return None, False
    return holding[0], holding[0] != placed


def by_geometry(
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


def _wrong_only_at_totals(
    header: Sequence[str], plain: Sequence[str], sums: Sequence[tuple[int, tuple[int, ...]]]
) -> bool:
    """Whether a header drawn wrong (its sums failing where the official order's hold) differs
    from the official order only where the sums tell: a total, and the part it changed places
    with (法人或其他组织 spanning a column short puts 总计 over 其他).  Where it also differs
    in parts the sums cannot tell apart (商业企业 and 法律服务机构 swapped, header and all),
    which of the two orders is right there is not known."""
    differ = {k for k, (h, p) in enumerate(zip(header, plain, strict=True)) if h != p}
    totals = {total for total, _ in sums}
    return len(differ - totals) <= len(differ & totals)


def _holds(cells: Sequence[str], sums: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    values = [parse_value(c) for c in cells]
    return sums_hold([v.number if v is not None else None for v in values], sums)
