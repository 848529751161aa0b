"""Table 四 read by label and arithmetic: one row of all its values, or its labelled rows."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from gkmodel.model.layout import RowSpec, table_rows
from gkmodel.readers._align import LOOSE, closest
from gkmodel.readers._blankrows import blank_table
from gkmodel.readers._common import (
    Candidate,
    State,
    Value,
    candidates,
    holding_run,
    line_tokens,
    lone_number,
    numbers_alone,
    parse_value,
    sums_hold,
    trailing,
)
from gkmodel.readers._grid import Column, place_by_header
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize
from gkmodel.readers._oneline import own_rows
from gkmodel.readers._tables import fill_row, unreadable
from gkmodel.readers._wraps import complementary

__all__ = ["read_appeals"]


def read_appeals(
    items: Sequence[Item], cls: type, state: State, changes: dict[tuple[str, ...], Any]
) -> None:
    """Table 四: one row of all its values (15), or its labelled rows (3 of 5, blanks included)."""
    specs = list(table_rows(cls, ("appeals",)))
    columns = [
        Column(normalize(info.label), tuple(normalize(g) for g in spec.labels))
        for spec in specs
        for _, info in spec.columns
    ]
    width = len(specs[0].columns)  # every row: its results, then their 总计
    sums = [(width * k + width - 1, tuple(range(width * k, width * k + width - 1)))
            for k in range(len(specs))]  # fmt: skip
    placed = place_by_header(items, columns, sums, "四", state)
    groups = {normalize(label) for spec in specs for label in spec.labels}
    if placed == list(items) and not any(
        isinstance(i, Row) and len(groups.intersection(map(normalize, i.cells))) > 1 for i in items
    ):  # no header of the official layout: maybe its rows each under a group's label
        leaves = [Column(normalize(info.label)) for _, info in specs[0].columns]
        placed = place_by_header(items, leaves, sums[:1], "四", state)
    items = placed
    found = [c for c in candidates(items, len(columns)) if isinstance(c, Candidate)]
    whole = [
        c
        for k, c in enumerate(found)
        if not c.partial and len(c.values) == len(columns) and not _cut_below(found, k, state)
    ]
    whole = whole or _windows(found, len(columns), sums, state)
    whole = whole or blank_table(items, len(columns), found, state=state, table="四")  # all blank
    if whole:
        values = whole[-1].values
        for k, spec in enumerate(specs):
            fill_row(spec, values[width * k : width * k + width], state, changes)
        state.flush_unplaced("四")
        return
    read = own_rows(items, [s.labels[-1] for s in specs], width, state, "四")
    if read is not None:  # the rows of text run on one line: each by its own label
        for j, spec in enumerate(specs):
            if j in read:
                fill_row(spec, read[j], state, changes)
            else:
                unreadable(
                    spec, state, None, f"{width} values not after its own label in one-line text"
                )
        state.flush_unplaced("四")
        return
    joins = State()  # what joining wrapped rows says, said only when the rows are read
    labelled = _labelled_rows(items, specs, joins)
    if len(labelled) == len(specs) and not any(d.table == "四" for d in state.unplaced):
        state.diagnostics += joins.diagnostics
        for spec in specs:
            fill_row(spec, labelled[spec.path], state, changes)
        state.flush_unplaced("四")
        return
    grouped = _grouped_rows(items, specs, state)
    if grouped is not None:
        for spec in specs:
            fill_row(spec, grouped[spec.path], state, changes)
        state.flush_unplaced("四")
        return
    # Numbers scattered over several lines are never placed by their order: a blank
    # cell collapsed by the extractor would shift every number after it.
    pending = state.unplaced_for("四", "")  # the one source row of the three model rows
    why = "the row of table 四 was not found with certainty"
    for spec in specs:
        if pending is not None:
            state.unplaced.append(pending)
        unreadable(spec, state, None, why, label="")
    state.flush_unplaced("四")


def _cut_below(found: Sequence[Candidate], k: int, state: State) -> bool:
    """Whether numbers alone follow the row ``found[k]`` (said as a ``stray-value``): the rest
    of a number of the row cut in its narrow cell (35 on the row's line, 1 below it)."""
    below = found[k + 1] if k + 1 < len(found) else None
    if below is None or below.label or not below.partial or len(below.values) > 2:
        return False
    state.add(
        "stray-value",
        "numbers alone below the row of table 四: maybe the rest of a number of it",
        table="四",
        found=below.raw,
        action="the row left unread",
    )
    return True


def _windows(
    found: Sequence[Candidate], n: int, sums: Sequence[tuple[int, Sequence[int]]], state: State
) -> list[Candidate]:
    """The whole row of table 四 in a row with more values than its ``n`` columns (a
    footnote's number, a cell added): its first ``n`` values (see ``holding_run``), said as a
    ``row-shape``; none when no row, or more than one run, holds."""
    out = []
    for c in found:
        if not c.over:
            continue
        run = holding_run(c.values, n, sums)
        if run is not None:
            state.add(
                "row-shape",
                f"a row with {len(c.values)} values for {n} columns, read as its first {n}, "
                "whose sums hold and no other run's do",
                table="四",
                found=c.raw,
                action="read as " + " ".join(v.raw for v in run),
            )
            out.append(attrs.evolve(c, values=run, partial=False, over=False))
    return out[-1:]


def _grouped_rows(
    items: Sequence[Item], specs: Sequence[RowSpec], state: State
) -> dict[tuple[str, ...], tuple[Value, ...]] | None:
    """Table 四 printed as three small tables, each under its group's name.

    Each official row is a table row of exactly five numbers whose 总计 = its
    four results, after a line naming the row's group (行政复议, 未经复议直接起诉,
    复议后起诉), as written or loosely (the one closest label: a ``loose-label``);
    every official row found once, or None.
    """
    out: dict[tuple[str, ...], tuple[Value, ...]] = {}
    loose: list[tuple[RowSpec, str]] = []
    labels = [normalize(s.labels[-1]) for s in specs]
    before = ""
    width = len(specs[0].columns)
    for c in candidates(items, width):
        if isinstance(c, str):
            before += c
            continue
        text = before + c.label
        named = [s for s, label in zip(specs, labels, strict=True) if label in text]
        if not named:
            best, score = closest(text, labels)
            if best is not None and score >= LOOSE:
                named = [specs[best]]
                loose.append((specs[best], text))
        numbers = [v.number for v in c.values if v.number is not None]
        if (
            c.partial
            or c.line
            or len(named) != 1
            or named[0].path in out
            or len(numbers) != width
            or any(n != n.to_integral_value() for n in numbers)
            or sum(numbers[:-1], Decimal(0)) != numbers[-1]
        ):
            return None
        out[named[0].path] = c.values
        before = ""
    if len(out) != len(specs):
        return None
    for spec, text in loose:
        state.add(
            "loose-label",
            f"row label matched loosely, read as {spec.labels[-1]}",
            table=spec.table,
            row=spec.label,
            path="$." + ".".join(spec.path),
            found=text,
            action="matched loosely",
        )
    return out


def _labelled_rows(
    items: Sequence[Item], specs: Sequence[RowSpec], state: State
) -> dict[tuple[str, ...], tuple[Value, ...]]:
    """Rows of a table whose first cell is an official row label, with their values."""
    out: dict[tuple[str, ...], tuple[Value, ...]] = {}
    for k, item in enumerate(items):
        if k + 1 < len(items) and lone_number(items[k + 1]):
            _cut_here(item, items[k + 1], state)
            continue  # a number alone below the row: maybe the rest of one of its numbers
        if isinstance(item, Line) and not item.run_on:  # a line: its label, then its values
            tokens = line_tokens(item.text)
            found = trailing(tokens, row=False)
            label = normalize("".join(tokens[: len(tokens) - len(found)]))
            for spec in specs:
                if label == normalize(spec.labels[-1]) and len(found) == len(spec.columns):
                    out[spec.path] = tuple(found)
            continue
        if not isinstance(item, Row) or not item.cells:
            continue
        label = normalize(item.cells[0])
        for spec in specs:
            width = len(spec.columns)
            values = [parse_value(c) for c in item.cells[1:]]
            present = [v for v in values if v is not None]
            if label == normalize(spec.labels[-1]) and len(present) == len(values) == width:
                nxt = items[k + 1] if k + 1 < len(items) else None
                if any(v.raw == "" for v in present) and nxt is not None and numbers_alone(nxt):
                    joined = _joined(present, nxt)
                    if joined is None:
                        continue  # a row wrapped onto the next: unread unless its sum says so
                    state.add(
                        "realigned",
                        "a row continued on the next line, joined by its columns and its own sums",
                        table=spec.table,
                        row=spec.label,
                        path="$." + ".".join(spec.path),
                        found=f"{' | '.join(item.cells)} / {' | '.join(nxt.cells)}",  # type: ignore[union-attr]
                        action=f"joined into {width} values",
                    )
                    present = list(joined)
                out[spec.path] = tuple(present)
    return out


def _cut_here(item: Item, below: Item, state: State) -> None:
    """Say that the row ``item`` is left unread for the number alone ``below`` it."""
    text = item.text if isinstance(item, Line) else " ".join(item.cells)
    if numbers_alone(item) or not trailing(line_tokens(text), row=False):
        return  # no row with values: nothing is left unread
    state.add(
        "stray-value",
        "a number alone below a row of table 四: maybe the rest of a number of it",
        table="四",
        found=(below.text if isinstance(below, Line) else " ".join(below.cells)).strip(),
        action="the row left unread",
    )


def _joined(values: Sequence[Value], nxt: Item) -> tuple[Value, ...] | None:
    """The row's blank cells filled by the next row's cells in the same columns, when the two
    are complementary and the row's 总计 is then the sum of its results."""
    if not isinstance(nxt, Row) or normalize(nxt.cells[0]):
        return None
    more = [parse_value(c) for c in nxt.cells[1:]]
    if any(v is None for v in more):
        return None
    out = complementary(values, [v for v in more if v is not None])
    last = len(values) - 1
    if out is None or not sums_hold([v.number for v in out], [(last, tuple(range(last)))]):
        return None
    return out
