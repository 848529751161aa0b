"""Rows and tables printed blank: the organ's blanks only when no number nearby may be theirs."""

from __future__ import annotations

from collections.abc import Sequence

from gkmodel.readers._common import (
    Candidate,
    State,
    Value,
    label_and_values,
    numbers_alone,
    parse_value,
)
from gkmodel.readers._items import Item, Row
from gkmodel.readers._labels import normalize

__all__ = ["blank_rows", "blank_table", "numbers_of_no_row"]


def blank_rows(
    items: Sequence[Item],
    labels: Sequence[str],
    width: int,
    found: Sequence[Candidate],
    *,
    state: State,
    table: str,
) -> set[int]:
    """The indexes of ``labels`` printed as a table row of ``width`` empty cells after the
    label: a row left blank, read as blank cells (a group heading is no official row).

    A label on two rows is no blank row (a row printed twice is emptied, not blank), nor
    is a label that carries numbers elsewhere (``found``), nor a row whose values the
    geometry step could not place (emptied, pending in ``state``)."""
    norm = [normalize(x) for x in labels]
    numbered = {j for c in found for j, lbl in enumerate(norm) if c.label.endswith(lbl)}
    rows: dict[int, list[bool]] = {}
    for k, item in enumerate(items):
        if not isinstance(item, Row):
            continue
        if k + 1 < len(items) and (
            numbers_alone(items[k + 1]) or numbers_of_no_row(items[k + 1], norm, width)
        ):
            continue  # its values on the next line or row, without its label: no blank row
        label, values = label_and_values(item.cells, width)
        ends = [j for j, lbl in enumerate(norm) if lbl and label.endswith(lbl)]
        if ends:
            empty = all(v is not None and not v.raw.strip() for v in values)
            rows.setdefault(max(ends, key=lambda j: len(norm[j])), []).append(
                len(values) == width and empty
            )
    return {
        j
        for j, blank in rows.items()
        if blank == [True] and j not in numbered and not state.pending(table, norm[j])
    }


def numbers_of_no_row(item: Item, labels: Sequence[str], width: int) -> bool:
    """Whether ``item`` is a table row with numbers whose label is no row's (a group's
    label spanned over it, or none): the values of the row above, printed a row below its
    label."""
    if not isinstance(item, Row):
        return False
    label, values = label_and_values(item.cells, width)
    if not any(v is not None and v.number is not None for v in values):
        return False
    return not any(lbl and label.endswith(lbl) for lbl in labels)


def blank_table(
    items: Sequence[Item], width: int, found: Sequence[Candidate], *, state: State, table: str
) -> list[Candidate]:
    """A table printed as one row of ``width`` empty cells, no number anywhere in it (table 四
    left blank): that row, as blank values.  None when a row was emptied by the reader."""
    if found or any(d.table == table for d in state.unplaced):
        return []
    empty = [
        i
        for i in items
        if isinstance(i, Row)
        and len(i.cells) >= width
        and all(
            (v := parse_value(c)) is not None and v.number is None and not v.note for c in i.cells
        )
    ]
    if len(empty) != 1:
        return []
    return [Candidate("", (Value(None),) * width, " | ".join(empty[0].cells))]
