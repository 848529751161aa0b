"""The official table 二 read by label: each row found by its label, its values after it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from gkmodel.model import ValueKind
from gkmodel.model.layout import RowSpec, table_rows
from gkmodel.readers._blankrows import numbers_of_no_row
from gkmodel.readers._common import (
    State,
    Value,
    line_label,
    line_tokens,
    numbers_alone,
    parse_value,
    row_name,
    trailing,
)
from gkmodel.readers._grid import place_groups_by_header
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize
from gkmodel.readers._tables import edition_declaration, fill_row, unreadable

__all__ = ["item_text", "read_active"]


def read_active(
    items: Sequence[Item], cls: type, state: State, changes: dict[tuple[str, ...], Any]
) -> None:
    """Table 二: each official row found by its label, its values after it (by header)."""
    specs = list(table_rows(cls, ("active_disclosure",)))
    items = place_groups_by_header(items, specs, "二", state)
    declaration = edition_declaration(cls)
    variants = declaration.row_variants if declaration is not None else {}
    all_names = {
        spec.path: (
            normalize(spec.labels[-1]),
            *(normalize(a) for a in variants.get(spec.path, ())),
        )
        for spec in specs
    }
    for spec in specs:
        width = len(spec.columns)
        label = normalize(spec.labels[-1])
        names = all_names[spec.path]
        others = [n for path, ns in all_names.items() if path != spec.path for n in ns]
        hit = None
        for k, item in enumerate(items):
            if isinstance(item, Row) and not item.cells:
                continue
            name = row_name(item, names, others)
            if name is not None:
                hit = (k, name)
                break
        if hit is None:
            unreadable(spec, state, None, "the row was not found in the source")
            continue
        k, name = hit
        if name != label:
            state.add(
                "loose-label",
                f"the row's label in another edition, read as {spec.labels[-1]}",
                table=spec.table,
                row=spec.label,
                path="$." + ".".join(spec.path),
                found=name,
                action="matched loosely",
            )
        if state.pending(spec.table, name):  # the geometry step could not place its values
            unreadable(spec, state, item_text(items[k]), "", label=name)
            continue
        values = _values_after(items, k, width)
        if values is None:
            unreadable(spec, state, item_text(items[k]), _why_not_after(items[k], width))
            continue
        if all(v.number is None for v in values) and _beside_numbers_of_no_row(
            items, k, all_names, width
        ):
            unreadable(spec, state, item_text(items[k]), _BESIDE)
            continue
        again = _again(items, k + 1, spec, names, width)
        if again is not None:  # the row printed twice (a table kept from last year, a copy)
            j, twice = again
            same = [(v.number, v.unit, v.note) for v in values] == [
                (v.number, v.unit, v.note) for v in twice
            ]
            state.add(
                "duplicate-row",
                "a row label seen twice" + (" with the same values" if same else ""),
                table=spec.table,
                row=spec.label,
                found=item_text(items[j]),
                action="kept once" if same else "both rows left unread",
            )
            if not same:
                unreadable(spec, state, item_text(items[j]), "a row label seen twice")
                continue
        fill_row(spec, _in_stated_units(spec, values, items[:k]), state, changes)
    state.flush_unplaced("二")


_BESIDE = (
    "a row of blank cells beside a row of numbers whose label is no row's: they may be its own"
)


def _beside_numbers_of_no_row(
    items: Sequence[Item], k: int, names: dict[tuple[str, ...], tuple[str, ...]], width: int
) -> bool:
    """Whether a table row right above or below ``items[k]`` holds numbers under a label that
    is no row's (``行政`` above ``规范性文件``, a label cut into two rows; an empty label above or
    below: the label on a row of its own, the values on the next)."""
    every = [n for ns in names.values() for n in ns]
    return any(
        numbers_of_no_row(items[j], every, width) for j in (k - 1, k + 1) if 0 <= j < len(items)
    )


_STATED_UNIT = re.compile(r"单位[:：]\s*(万元|元)|[（(](万元|元)[）)]")


def _in_stated_units(
    spec: RowSpec, values: tuple[Value, ...], before: Sequence[Item]
) -> tuple[Value, ...]:
    """``values`` with the unit of money their column's header states (``本年收费金额（单位：元）``)
    given to each amount written without one: an amount in 元 under a column of 万元 is then
    refused with a ``unit`` diagnostic, never read as 万元."""
    out = list(values)
    for k, (_, info) in enumerate(spec.columns):
        if info.value is not ValueKind.MONEY or out[k].unit:
            continue
        stem = normalize(info.label).split("（", 1)[0]
        header = next((item_text(i) for i in reversed(before) if stem in item_text(i)), "")
        stated = _STATED_UNIT.search(header[header.index(stem) :] if header else "")
        if stated is not None:
            out[k] = attrs.evolve(out[k], unit=stated.group(1) or stated.group(2))
    return tuple(out)


def _again(
    items: Sequence[Item], start: int, spec: RowSpec, names: Sequence[str], width: int
) -> tuple[int, tuple[Value, ...]] | None:
    """The row printed again after ``start``: its own label exactly, with its values, below
    its group's label printed again (a copy of the table, not a line of text or a table of the
    organ's own that names the same thing), or None."""
    group = normalize(spec.labels[0])
    copy = next((j for j in range(start, len(items)) if _opens(items[j], group)), None)
    for j in range(len(items) if copy is None else copy, len(items)):
        item = items[j]
        label = _opens_with(item) if isinstance(item, Row) else line_label(item)
        if label in names:
            values = _values_after(items, j, width)
            if values is not None:
                return j, values
    return None


def _opens_with(item: Item) -> str:
    """The text an item opens with (a line's, a row's first cell), without Markdown's marks."""
    if isinstance(item, Line):
        return normalize(item.text.strip("*#_ "))
    return normalize(item.cells[0].strip("*#_ ")) if item.cells else ""


def _opens(item: Item, group: str) -> bool:
    return _opens_with(item).startswith(group)


_DIGIT = re.compile(r"\d")
_CUT = re.compile(r"\s*[.．,，]\d")


def item_text(item: Item) -> str:
    return item.text if isinstance(item, Line) else " | ".join(item.cells)


def _why_not_after(item: Item, width: int) -> str:
    """Why the values after a row's label were not read: how many there are, if not ``width``."""
    if isinstance(item, Row):
        n = sum(1 for c in item.cells[1:] if c.strip())
        n = n or len(trailing(line_tokens(item.cells[0]), row=False))
    else:
        n = len(trailing(line_tokens(item.text), row=False))
    if n != width:
        return f"{n} of {width} values after the label"
    return f"the {width} values after the label cannot be read as written"


def _values_after(items: Sequence[Item], k: int, width: int) -> tuple[Value, ...] | None:
    item = items[k]
    after = items[k + 1] if k + 1 < len(items) else None
    if after is not None and _CUT.match(item_text(after)):
        return None  # the last number runs on into the next line (96171 / .6): not read
    if isinstance(item, Row):
        if not any(c.strip() for c in item.cells[1:]) and trailing(
            line_tokens(item.cells[0]), row=False
        ):
            return None  # numbers in the label's column, none under the values: not a blank row
        cells = item.cells[1:]
        if item.copies is not None:  # a value spanning columns is one value
            cells = tuple(c for c, copy in zip(cells, item.copies[1:], strict=True) if not copy)
        parsed = [parse_value(c) for c in cells]
        if any(v is None and _DIGIT.search(c) for v, c in zip(parsed, cells, strict=True)):
            return None  # a cell with digits that is no number as written (96171,6): not read
        values = [v for v in parsed if v is not None]
        while len(values) > width and values[-1].raw == "":
            values.pop()  # an empty column at the end of a broken Markdown table
        if after is not None and numbers_alone(after):
            return None  # numbers alone below: a wrapped row, or a number cut in its cell
        if len(item.cells) - 1 >= width and len(values) == width:
            return tuple(values)
        return None  # a cell too many (table 二 has no sums to tell which) or too few
    tokens = line_tokens(item.text)
    found = trailing(tokens, row=False)
    if found and after is not None and numbers_alone(after):
        return None  # numbers alone below the line's: a number cut in its cell (447228: 4472 / 28)
    if len(found) == width:
        return tuple(found)
    if (
        not found
        and not item.run_on
        and not _DIGIT.search(item.text)  # (numbers on the line that are none as written)
        and k + 1 < len(items)
        and isinstance(items[k + 1], Line)
    ):
        nxt = line_tokens(items[k + 1].text)  # type: ignore[union-attr]
        vals = [parse_value(t, line=True) for t in nxt]
        present = [v for v in vals if v is not None]
        if len(vals) == width and len(present) == width:
            return tuple(present)
    return None
