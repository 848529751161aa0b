"""The official table 三 read by label and arithmetic (二: :mod:`._active`, 四: :mod:`._appeals`),
and the cells of a row written into the model."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any

import attrs

from gkmodel.editions import EDITIONS, EditionDeclaration
from gkmodel.model import FieldInfo, ValueKind
from gkmodel.model.common import (
    CellNote,
    Money,
)
from gkmodel.model.layout import RowSpec, table_rows
from gkmodel.readers._align import EXACT, LOOSE, align, closest, label_score
from gkmodel.readers._blankrows import blank_rows
from gkmodel.readers._common import (
    NUMBER_ONLY,
    UNITS,
    Candidate,
    State,
    Value,
    candidates,
    holding_run,
    lone_number,
    sums_hold,
)
from gkmodel.readers._grid import Column, place_by_header
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize, without_numbering
from gkmodel.readers._oneline import by_own_label
from gkmodel.readers._split import split_by_total
from gkmodel.readers._wraps import rejoined, with_pending_labels


def _cell_value(
    v: Value, info: FieldInfo, path: str, state: State, where: Mapping[str, Any]
) -> Any:
    if v.note:
        state.notes.append(CellNote(path=path, text=v.note))
        state.add(
            "cell-note",
            "a note written in the cell was kept",
            path=path,
            found=v.raw,
            action=f"{'cell blank' if v.number is None else 'number kept'}, note in cell_notes",
            **where,
        )
    if v.number is None and v.note and NUMBER_ONLY.match(v.note.strip()):
        # （53） alone: a note on a blank cell, as gkmodel writes one, or a count (a negative as
        # accountants write it) in brackets; never the organ's blank
        state.add("unreadable", "a number in brackets alone: a note, or the cell's number",
                  path=path, found=v.raw, action="left blank, note kept", **where)  # fmt: skip
        return None
    if v.number is None:
        return None
    if v.number < 0 and info.value is not ValueKind.SIGNED:
        what = "amount" if info.value is ValueKind.MONEY else "count"
        state.add("unreadable", f"a negative {what}", path=path, found=v.raw,
                  action="left blank", **where)  # fmt: skip
        return None
    if info.value is ValueKind.MONEY:
        unit = UNITS.get(v.unit or "") or info.unit
        if unit is None:
            state.add(
                "unit",
                "an amount without a unit",
                path=path,
                found=v.raw,
                action="left blank",
                **where,
            )
            return None
        if info.unit is not None and unit is not info.unit:
            state.add(
                "unit",
                f"the column takes {info.unit.value}",
                path=path,
                found=v.raw,
                action="left blank",
                **where,
            )
            return None
        return Money(amount=v.number, unit=unit)
    if v.number != v.number.to_integral_value():
        state.add(
            "unreadable",
            "a count that is not a whole number",
            path=path,
            found=v.raw,
            action="left blank",
            **where,
        )
        return None
    if v.unit and v.unit not in ("个", "件", "条", "项", "次"):
        state.add(
            "unit",
            "a count written with a unit of money",
            path=path,
            found=v.raw,
            action="left blank",
            **where,
        )
        return None
    return int(v.number)


def fill_row(
    spec: RowSpec, values: Sequence[Value], state: State, changes: dict[tuple[str, ...], Any]
) -> None:
    for (name, info), value in zip(spec.columns, values, strict=True):
        path = "$." + ".".join((*spec.path, name))
        where = {"table": spec.table, "row": spec.label, "column": info.label}
        changes[(*spec.path, name)] = _cell_value(value, info, path, state, where)


def unreadable(
    spec: RowSpec, state: State, found: str | None, why: str, *, label: str | None = None
) -> None:
    """The row's one ``unreadable`` diagnostic, with its model path.

    When the geometry step could not place the row (its pending diagnostic
    found by ``label``, by default the row's own label), that diagnostic is
    the one given, with the path added.
    """
    pending = state.unplaced_for(spec.table, spec.labels[-1] if label is None else label)
    if pending is not None:
        why, found = pending.message, pending.found
    state.add(
        "unreadable",
        why,
        table=spec.table,
        row=spec.label,
        path="$." + ".".join(spec.path),
        found=found,
        action="cells left blank",
    )


def read_requests(
    items: Sequence[Item], cls: type, state: State, changes: dict[tuple[str, ...], Any]
) -> None:
    """Table 三: rows found in the source aligned with the official rows."""
    specs = list(table_rows(cls, ("requests",)))
    width = len(specs[0].columns)
    columns = [Column(normalize(info.label)) for _, info in specs[0].columns]
    sums = [(width - 1, tuple(range(width - 1)))]  # 总计 = the six applicant columns
    labels = [normalize(s.labels[-1]) for s in specs]
    groups = {normalize(i.label): normalize(i.group) for _, i in specs[0].columns if i.group}
    items = place_by_header(items, columns, sums, "三", state, labels=labels, groups=groups)
    found = with_pending_labels(
        rejoined(candidates(items, width), width, sums, "三", state), labels
    )
    full = _without_strays(found, state, _above_a_lone_number(items))
    full = _collapsed_groups(full, specs, cls, state)
    if not any(c.run_on for c in full):  # (text run on one line: by_own_label says it)
        full = _without_duplicates(full, labels, state)
    matched = blank_rows(items, labels, width, full, state=state, table="三")  # never another row's
    for j in matched:
        fill_row(specs[j], [Value(None)] * width, state, changes)
    run_on = any(c.run_on for c in full)
    wrapped = any(c.wrapped for c in full)  # labels and values apart: never placed by position
    rest = [j for j in range(len(specs)) if j not in matched]
    wanted = [labels[j] for j in rest]
    pairs = by_own_label(full, wanted, state, "三") if run_on else align(full, wanted)
    for ci, k, score in pairs:
        oj = rest[k]
        spec, cand = specs[oj], full[ci]
        where = {"table": spec.table, "row": spec.label, "path": "$." + ".".join(spec.path)}
        if score < EXACT and cand.label:
            best, best_score = closest(cand.label, labels)
            if best != oj and best_score >= LOOSE:
                # the label written carries another row's label as well or better
                why = (
                    "several official rows are as close"
                    if best is None
                    else f"closer to {specs[best].label}"
                )
                state.add(
                    "loose-label",
                    f"row label matched loosely, but {why}: not read as {spec.labels[-1]}",
                    **where,
                    found=cand.label,
                    action="not matched",
                )
                continue
            how = "matched loosely" if score >= LOOSE else "placed by its position"
            if score < LOOSE and _not_by_position(cand, spec, items=items, sums=sums, state=state):
                continue
            state.add(
                "loose-label",
                f"row label {how}, read as {spec.labels[-1]}",
                **where,
                found=cand.label,
                action=how,
            )
        elif not cand.label and wrapped:
            unreadable(spec, state, cand.raw, "a row without its label in wrapped text")
            matched.add(oj)
            continue
        elif not cand.label:
            state.add(
                "loose-label",
                "a row without its label, placed by its position",
                **where,
                found=cand.raw,
                action="placed by position",
            )
        matched.add(oj)
        values = _row_values(cand, spec, sums, state, run_on=run_on)
        if values is None:
            continue
        fill_row(spec, values, state, changes)
    if not run_on:  # (one-line text says which numbers it ignored as it cuts the rows)
        _extra_rows(full, {ci for ci, _, _ in pairs}, state)
    for j, spec in enumerate(specs):
        if j not in matched:
            unreadable(spec, state, None, "the row was not found in the source")
    state.flush_unplaced("三")


def _extra_rows(full: Sequence[Candidate], used: set[int], state: State) -> None:
    """An ``extra-row`` for each labelled row with numbers not read as an official row."""
    for ci, cand in enumerate(full):
        if ci not in used and cand.label:
            state.add(
                "extra-row",
                "a row with numbers that matches no row of the edition's table",
                table="三",
                found=cand.label,
                action="ignored",
            )


_NUMBERED = re.compile(r"^\s*\d")  # the label, then its row's values (a line of text)


def _not_by_position(
    cand: Candidate,
    spec: RowSpec,
    *,
    items: Sequence[Item],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    state: State,
) -> bool:
    """Whether a row whose label is unlike the official ``label`` may not stand for it by its
    position (said as a ``loose-label``): when a row of the table carries that label itself,
    or the row is not whole or its own sums fail (a part of a row cut by a page, the row of
    another table)."""
    label = normalize(spec.labels[-1])
    core = without_numbering(label)
    if without_numbering(cand.label).endswith(core):
        return False  # its label is the official one, numbered otherwise (予以公开)
    printed = (
        without_numbering(normalize(c))
        for i in items
        for c in (i.cells if isinstance(i, Row) else (i.text,))
    )
    if any(p == core or (p.startswith(core) and _NUMBERED.match(p[len(core) :])) for p in printed):
        why = "that row is printed with its own label"
    elif cand.partial or not sums_hold([v.number for v in cand.values], sums):
        why = "its own sums do not hold"
    else:
        return False
    state.add(
        "loose-label",
        f"row label unlike the official one, not read as {spec.labels[-1]}: {why}",
        table=spec.table,
        row=spec.label,
        path="$." + ".".join(spec.path),
        found=cand.label,
        action="not matched",
    )
    return True


def _without_duplicates(
    found: Sequence[Candidate], labels: Sequence[str], state: State
) -> list[Candidate]:
    """The rows less the second of two with one official label (``duplicate-row``): kept once
    when both say the same, otherwise both left unread (never "the first one wins")."""
    out: list[Candidate] = []
    seen: dict[str, int] = {}
    for c in found:
        label = next((x for x in labels if c.label.endswith(x)), None) if c.label else None
        if label is None:
            out.append(c)
            continue
        if label not in seen:
            seen[label] = len(out)
            out.append(c)
            continue
        first = out[seen[label]]
        same = [(v.number, v.unit, v.note) for v in first.values] == [
            (v.number, v.unit, v.note) for v in c.values
        ] and bool(first.values)
        state.add(
            "duplicate-row",
            "a row label seen twice" + (" with the same values" if same else ""),
            table="三",
            row=label,
            found=c.raw,
            action="kept once" if same else "both rows left unread",
        )
        if not same:
            out[seen[label]] = attrs.evolve(first, values=(), partial=True, over=False)
    return out


def _above_a_lone_number(items: Sequence[Item]) -> set[str]:
    """The text (as a candidate's ``raw``) of each item right above a line of one number."""
    out = set()
    for above, item in pairwise(items):
        if lone_number(item):
            out.add(above.text if isinstance(above, Line) else " | ".join(above.cells))
    return out


def _without_strays(
    found: Sequence[Candidate], state: State, above_one: set[str]
) -> list[Candidate]:
    """The candidates less single numbers outside any row (each a ``stray-value``).

    A number alone right below a row (``above_one``: see :func:`_above_a_lone_number`) may be
    the rest of one of the row's numbers, wrapped in its narrow cell (``311`` on the row's
    line, ``9`` below it, in ``pdftotext -layout`` text): the row is then left unread, never
    read with the number cut short.
    """
    full: list[Candidate] = []
    for c in found:
        if c.partial and len(c.values) == 1 and not c.label:
            last = full[-1] if full else None
            above = (
                last
                if last and last.values and not last.partial and last.raw in above_one
                else None
            )
            state.add(
                "stray-value",
                "a number outside any row of the table"
                + (": below a row, maybe the rest of a number of it" if above else ""),
                table="三",
                found=c.raw,
                action="ignored" + (", the row above left unread" if above else ""),
            )
            if above is not None:
                full[-1] = attrs.evolve(above, values=(), partial=True)
        else:
            full.append(c)
    return full


def _holds(values: Sequence[Value], sums: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    return sums_hold([v.number for v in values], sums)


def _row_values(
    cand: Candidate,
    spec: RowSpec,
    sums: Sequence[tuple[int, tuple[int, ...]]],
    state: State,
    *,
    run_on: bool,
) -> tuple[Value, ...] | None:
    """The values of the row ``cand`` read as ``spec``, or None (said ``unreadable``)."""
    width = len(spec.columns)
    if run_on and cand.run_on and not cand.partial and not _holds(cand.values, sums):
        # a blank cell gone without a trace and a number more (a note, a cell too many) give as
        # many values as columns, shifted: sums that fail cannot be told from the organ's error
        why = "values in text run on one line whose sums do not hold: a blank cell may be gone"
        unreadable(spec, state, cand.raw, why)
        return None
    values = None if run_on and cand.partial else _complete(cand, spec, state)
    if values is None:
        unreadable(spec, state, cand.raw, _why_unread(cand, width, run_on=run_on))
    return values


def _why_unread(cand: Candidate, width: int, *, run_on: bool) -> str:
    if cand.over:
        return f"{len(cand.values)} values for {width} columns, and the sums do not say which"
    why = " in text run on one line, where blank cells leave no trace" if run_on else ""
    return f"{len(cand.values)} of {width} values{why}"


def _window(cand: Candidate, spec: RowSpec, state: State) -> tuple[Value, ...] | None:
    """A row with more values than columns: its first values (see :func:`holding_run`), whose
    总计 is the sum of the six before it, or None (several or none: unreadable)."""
    width = len(spec.columns)
    run = holding_run(cand.values, width, [(width - 1, tuple(range(width - 1)))])
    if run is None:
        return None
    state.add(
        "row-shape",
        f"a row with {len(cand.values)} values for {width} columns, read as its first {width}, "
        "whose sums hold and no other run's do",
        table=spec.table,
        row=spec.label,
        path="$." + ".".join(spec.path),
        found=cand.raw,
        action="read as " + " ".join(v.raw for v in run),
    )
    return run


def _complete(cand: Candidate, spec: RowSpec, state: State) -> tuple[Value, ...] | None:
    """The row's values; a partial row only when its digits split in exactly one way."""
    width = len(spec.columns)
    if not cand.partial:
        return cand.values
    if cand.over:
        return _window(cand, spec, state)
    if any(v.number is None or v.unit or v.note or v.decimal for v in cand.values):
        return None
    raws = [v.raw.replace(",", "") for v in cand.values]
    if not any(len(r) > 1 and r[0] == "0" for r in raws):
        # Each number reads as written: fewer than the columns is a blank cell the text
        # dropped as likely as digits run together, so nothing is split (``0 0 0 0 0 11`` is
        # no ``0 0 0 0 0 1 1``).  Only digits no number is written as (``00000``) are split.
        return None
    split = split_by_total(raws, width)
    if split is None:  # none or several splits give a row whose 总计 = its six columns
        return None
    state.add(
        "split",
        "digits that ran together were split by the row's own arithmetic",
        table=spec.table,
        row=spec.label,
        found=cand.raw,
        action="split into " + " ".join(map(str, split)),
    )
    return tuple(Value(Decimal(n), raw=str(n)) for n in split)


def _collapsed_groups(
    found: list[Candidate], specs: list[RowSpec], cls: type, state: State
) -> list[Candidate]:
    """A group of rows printed as one row, the way another edition has it.

    The 2021 edition's （六）其他处理 is one row in the 2019 edition
    (:attr:`~gkmodel.editions.EditionDeclaration.groups_as_rows`).  Printed as one row of
    zeros, each of the group's rows is 0; with other numbers its rows cannot be told apart.
    """
    declaration = edition_declaration(cls)
    for group in declaration.groups_as_rows if declaration is not None else ():
        rows = [s for s in specs if s.path[: len(group)] == group]
        found = _collapsed(found, rows, len(group), state)
    return found


def edition_declaration(table_cls: type) -> EditionDeclaration | None:
    """The declaration of the edition whose report has the official table ``table_cls``."""
    return next(
        (d for d in EDITIONS.values() if any(t.info.target is table_cls for t in d.tables)), None
    )


def _collapsed(
    found: list[Candidate], rows: list[RowSpec], depth: int, state: State
) -> list[Candidate]:
    if len(rows) < 2:
        return found
    sub_labels = [normalize(s.labels[-1]) for s in rows]
    # the group's own label: its path is ``depth`` names long, the section's name has no label
    group_label = rows[0].labels[depth - 1 - (len(rows[0].path) - len(rows[0].labels))]
    has_subrows = any(
        label_score(c.label, lbl, frozenset(c.label)) > 0.8 for c in found for lbl in sub_labels
    )
    group = normalize(group_label)
    where = {"table": rows[0].table, "row": group_label}
    out = []
    for c in found:
        if not has_subrows and c.label.endswith(group) and not c.partial:
            if all(v.number == 0 for v in c.values):
                state.add(
                    "split",
                    f"{group_label} printed as one row of zeros; each of its {len(rows)} "
                    "rows is then 0",
                    **where,
                    found=c.raw,
                    action=f"{len(rows)} rows of 0",
                )
                out += [attrs.evolve(c, label=lbl) for lbl in sub_labels]
            else:
                state.add(
                    "unreadable",
                    f"{group_label} printed as one row; its {len(rows)} rows cannot be told apart",
                    **where,
                    found=c.raw,
                    action="cells left blank",
                )
            continue
        out.append(c)
    return out
