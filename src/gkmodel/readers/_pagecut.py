"""Table rows cut in two by a page break (PDF): joined again when labels or sums say so.

Word and LibreOffice let a table row break across pages unless told not to: the
lines of each cell that fit stay on the page, the rest open the next page in the
same columns.  A wrapped label ends up as ``3.要求提供公开出版`` above the break and
``物`` below it; a number wrapped in a narrow cell as ``293`` above and ``2`` below.
The PDF reader marks the first row of a table continued from the page before
(:attr:`Row.cut <gkmodel.readers._items.Row>`); this module decides, cell by cell
and by the table's own content, whether that row is the rest of the row above it.

- The joined row's label is an official label as written while neither part's is (or
  the part above has no label at all): one row (``page-break``).
- The lower part has no label of its own, only values: it cannot be a row of its own,
  and its values join the row's.
- When digits stand on both sides of the break in one column (a number cut in two),
  the joined numbers are taken only when the row's own sums hold with them and not
  with the numbers above the break; otherwise the row is ``unreadable``, never read as
  the numbers above the break alone.
- Anything else is read as two rows, as printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from gkmodel.readers._align import EXACT, closest
from gkmodel.readers._common import Diagnostic, State, parse_value, sums_hold
from gkmodel.readers._items import Row
from gkmodel.readers._labels import normalize

__all__ = ["across_pages"]

_SAME_COLUMN = 3.0  # points: cells of the two parts in one column start and end this close


def across_pages(
    rows: Sequence[Row],
    *,
    left: float,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    labels: Sequence[str],
    numbers: Callable[[Row], Sequence[Decimal | None] | None],
    table_name: str,
    state: State,
) -> list[Row | None]:
    """``rows`` (data rows of one table, with geometry) with each row cut by a page break
    joined to the row above it, when the labels or the sums say so (the row below is then
    None: the list keeps its length).

    ``left`` is the left edge of the value columns (cells centred left of it are labels),
    ``sums`` (total column, part columns) by column index, ``labels`` the official row
    labels (normalised) of the table, and ``numbers`` gives a row's numbers by column (None
    when its cells cannot be placed under the columns).
    """

    def decide(above: Row, below: Row, under: tuple[str, ...]) -> Row | None:
        """The two parts as one row, an unreadable row (both parts dropped), or None (two rows).

        ``under`` are the cells of ``below`` in the positions of ``above``'s.
        """
        cells: list[str] = []
        cut_numbers = False  # a value made of text on both sides of the break
        below_values = False
        for k, (a, b) in enumerate(zip(above.cells, under, strict=True)):
            if _is_label(above, k, left):
                cells.append(a if not b or b == a else b if not a else a + b)
                continue
            below_values = below_values or bool(b.strip())
            if a.strip() and b.strip():
                cut_numbers = True
                cells.append(a.strip() + b.strip())
            else:
                cells.append(a if a.strip() else b)
        joined = Row(tuple(cells), above.table, extents=above.extents, copies=above.copies)
        label_above, label_joined = _label(above, left), _label(joined, left)
        found = f"{' | '.join(above.cells)} / {' | '.join(below.cells)}"
        where = {"table": table_name, "row": label_joined or None, "found": found}
        label_added = label_joined != label_above  # the part below carries words of a label
        if label_added:
            best, score = closest(label_joined, labels) if labels else (None, 0.0)
            if best is None or score < EXACT:
                return None
            parts = (label_above, _label(below, left))
            if label_above and any(closest(part, labels)[1] >= EXACT for part in parts):
                return None  # a part is a row of its own
        elif not below_values:
            return None  # nothing below the break but what the row above already says
        if cut_numbers:
            # Digits on both sides of the break: the joined numbers only when the row's own sums
            # hold with them and not with the numbers above the break (two whole rows whose sums
            # hold may hold joined as well: 1 + 2 = 3 and 4 + 5 = 9 make 14 + 25 = 39).
            joined_numbers, above_numbers = numbers(joined), numbers(above)
            if (
                joined_numbers is None
                or not sums_hold(joined_numbers, sums)
                or (above_numbers is not None and sums_hold(above_numbers, sums))
            ):
                return _unreadable(
                    joined,
                    "a table row cut by a page break, with digits on both sides of the break "
                    "that the row's own sums do not tell apart",
                    row=label_joined,
                    found=found,
                    where=(left, table_name, state),
                )
        joins = [what for what, done in (("label", label_added), ("values", below_values)) if done]
        state.add(
            "page-break",
            f"a table row cut by a page break, its {' and '.join(joins)} joined"
            + (" (its own sums hold so)" if cut_numbers else ""),
            **where,
            action="read as one row",
        )
        return joined

    out: list[Row | None] = []
    renamed: dict[str, str] = {}  # the rest of a cut label cell → the whole label
    for given in rows:
        row, above = given, out[-1] if out else None
        renamed = {} if row.cut else renamed
        row = _with_whole_labels(row, renamed)
        under = None if not row.cut or above is None else _under(above, row, left)
        if above is not None and under is None and row.cut and _rest_of_a_row(row, left, labels):
            # Values below the break, without a label of the table, not in the columns of the
            # row above: that row may be cut, its numbers whole only below. Neither part is read.
            out[-1] = _unreadable(
                above,
                "a table row cut by a page break, whose rest below the break cannot be placed "
                "under its columns",
                row=_label(above, left),
                found=f"{' | '.join(above.cells)} / {' | '.join(row.cells)}",
                where=(left, table_name, state),
            )
            out.append(row)
            continue
        joined = None if above is None or under is None else decide(above, row, under)
        if joined is None:
            out.append(row)
            continue
        assert above is not None and under is not None
        out[-1] = joined
        out.append(None)  # its rest, now in the row above
        renamed = {
            b: a + b
            for k, (a, b) in enumerate(zip(above.cells, under, strict=True))
            if _is_label(above, k, left) and a and b and a != b
        }
    return out


def _with_whole_labels(row: Row, renamed: dict[str, str]) -> Row:
    """``row`` with each label cell it copies from a cut label cell above made whole (rows below
    a joined row that a cut group label spans down to)."""
    if not renamed or row.copies is None:
        return row
    cells = tuple(
        renamed.get(t, t) if copy else t for t, copy in zip(row.cells, row.copies, strict=True)
    )
    return attrs.evolve(row, cells=cells)


def _under(above: Row, below: Row, left: float) -> tuple[str, ...] | None:
    """The cells of ``below`` in the positions of ``above``'s cells, or None when its columns
    are not ``above``'s.

    The part below the break is a table of its own on its page, whose grid may lack a
    rule of the page before (a label cell that spanned two columns there is one cell
    here): a cell below stands under each cell above whose middle it covers, its text in
    the first of them only.  The value columns must be the same on both sides.
    """
    if above.extents is None or below.extents is None:
        return None
    out: list[str] = []
    used: set[int] = set()
    for x0, x1 in above.extents:
        mid = (x0 + x1) / 2
        j = next(
            (
                j
                for j, (b0, b1) in enumerate(below.extents)
                if b0 - _SAME_COLUMN <= mid <= b1 + _SAME_COLUMN
            ),
            None,
        )
        if j is None:
            return None
        if mid >= left:  # a value column: the same cell on both sides
            b0, b1 = below.extents[j]
            if abs(b0 - x0) > _SAME_COLUMN or abs(b1 - x1) > _SAME_COLUMN:
                return None
        out.append("" if j in used else below.cells[j])
        used.add(j)
    if any(t.strip() for j, t in enumerate(below.cells) if j not in used):
        return None  # text below that stands under no cell above
    return tuple(out)


def _unreadable(
    part: Row, message: str, *, row: str, found: str, where: tuple[float, str, State]
) -> Row:
    """``part`` with its values blank, said ``unreadable`` (by the table reader, with the row's
    model path): ``where`` is (the left edge of the values, the table's name, the state)."""
    left, table_name, state = where
    state.unplaced.append(
        Diagnostic(
            code="unreadable",
            message=message,
            action="cells left blank",
            table=table_name,
            row=row or None,
            found=found,
        )
    )
    blank = tuple("" if not _is_label(part, k, left) else c for k, c in enumerate(part.cells))
    return attrs.evolve(part, cells=blank)


def _rest_of_a_row(row: Row, left: float, labels: Sequence[str]) -> bool:
    """Whether ``row``, opening a page, holds numbers but no official label of the table:
    the rest of a row cut by the break, not a row of its own."""
    if row.extents is None or not any(_number(t) for t in row.cells):
        return False
    label = _label(row, left)
    return not label or not labels or closest(label, labels)[1] < EXACT


def _is_label(row: Row, k: int, left: float) -> bool:
    assert row.extents is not None
    x0, x1 = row.extents[k]
    return (x0 + x1) / 2 < left


def _label(row: Row, left: float) -> str:
    assert row.copies is not None
    texts = [t for k, t in enumerate(row.cells) if _is_label(row, k, left) and t and not _number(t)]
    return normalize("".join(dict.fromkeys(texts)))


def _number(text: str) -> bool:
    value = parse_value(text)
    return value is not None and value.number is not None
