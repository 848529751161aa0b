"""From lines and rows to a report: sections by label, tables by label and arithmetic.

Every decision that is not certain becomes a :class:`Diagnostic`.  No number
is invented: a cell that cannot be placed with certainty stays blank and is
reported unreadable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from gkmodel.model.layout import replace_paths, sections
from gkmodel.model.report import AnnualReport
from gkmodel.readers._active import read_active
from gkmodel.readers._appeals import read_appeals
from gkmodel.readers._common import Diagnostic, State, line_tokens, trailing
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._meta import read_meta
from gkmodel.readers._narrative import narrative, other_matters, section_names, split_sections
from gkmodel.readers._oneline import relined
from gkmodel.readers._signatures import (
    HEAD,
    Placement,
    detect_edition,
    is_prose,
    place,
    shows_a_table,
)
from gkmodel.readers._tables import read_requests

__all__ = ["Diagnostic", "assemble"]


def assemble(
    items: Sequence[Item], *, wrapped: bool, title_hint: str | None = None
) -> tuple[AnnualReport, list[Diagnostic]]:
    """A report from the items of a published document (``title_hint``: a title found
    outside the body, e.g. an HTML page's ``<title>``)."""
    state = State()
    head, parts, _ = split_sections(items, state)
    if not parts.keys() & _TABLE_SECTIONS and not shows_a_table(head):
        raise ValueError(_NO_REPORT)  # no heading, and no table of a report
    present = [parts[n] for n in section_names() if n in parts]
    tail = parts.get("other_matters") or (present[-1] if present else head)
    meta, signature = read_meta(head, tail, state, title_hint=title_hint)
    cls = detect_edition({HEAD: head, **parts}, meta.year, state).report_class
    headings = {s.name: s.heading for s in sections(cls)}
    for name, heading in headings.items():
        if name not in parts:
            state.add(
                "section-missing",
                f"section {heading} was not found",
                section=heading[0],
                action="left empty",
            )
    if "problems" not in parts and "appeals" in parts:
        _recover_problems(parts, state, headings["problems"])
    # each official table where its signature is, in a section or before the first heading
    placed = place({HEAD: head, **parts}, cls, state)
    if not (parts.keys() | _found(placed)) & _TABLE_SECTIONS:
        raise ValueError(_NO_REPORT)
    changes: dict[tuple[str, ...], Any] = {}
    targets: dict[str, Any] = {s.name: s.info.target for s in sections(cls)}
    tables = {  # paragraphs marked as such are prose around a table, never part of it
        name: relined(
            [i for i in placed.items[name] if not (isinstance(i, Line) and i.paragraph)],
            state,
            headings[name][0],
            name,
        )
        for name in placed.items
    }
    readers = {"active_disclosure": read_active, "requests": read_requests, "appeals": read_appeals}
    for name, reader in readers.items():
        if name in placed.unread:
            continue  # its cells are left blank: table-ambiguous says why
        reader(tables.get(name, []), targets[name], state, changes)
    kwargs: dict[str, Any] = {}
    for name in ("overview", "problems", "other_matters"):
        section_items = [
            i
            for k, i in enumerate(parts.get(name, []))
            if k not in placed.taken.get(name, ())
            and not (name == "other_matters" and isinstance(i, Line) and i.text in signature)
        ]
        n = narrative(section_items, state, headings[name][0], wrapped=wrapped)
        kwargs[name] = other_matters(n, state) if name == "other_matters" else n
    for name in readers:
        own = placed.taken.get(name, frozenset())
        intro, notes = _table_prose([i for k, i in enumerate(parts.get(name, [])) if k not in own])
        if intro or notes:
            target: Any = targets[name]
            kwargs[name] = target(intro=intro, notes=notes)
    report = replace_paths(cls(meta=meta, **kwargs), changes)
    if state.notes:
        report = attrs.evolve(report, cell_notes=tuple(state.notes))
    return report, state.diagnostics


_TABLE_SECTIONS = frozenset({"requests", "active_disclosure"})
_NO_REPORT = "no section 二 or 三 of an annual report was found"


def _found(placed: Placement) -> set[str]:
    """The official tables read from some part of the document."""
    return {name for name, items in placed.items.items() if any(isinstance(i, Row) for i in items)}


def _recover_problems(parts: dict[str, list[Item]], state: State, heading: str) -> None:
    """Text after table 四 and before 六 is section 五 (``heading``) whose heading was lost."""
    items4 = parts["appeals"]
    rows = [n for n, i in enumerate(items4) if isinstance(i, Row) or _has_numbers(i)]
    last_row = max(rows, default=-1)
    after = [i for i in items4[last_row + 1 :] if isinstance(i, Line)]
    if after:
        parts["appeals"] = items4[: last_row + 1]
        parts["problems"] = list(after)
        # It was said "not found, left empty": say instead where it was found.
        state.diagnostics = [
            d
            for d in state.diagnostics
            if not (d.code == "section-missing" and d.section == heading[0])
        ]
        state.add(
            "section-missing",
            "the text after table 四 was taken as section 五",
            section=heading[0],
            action=f"read as {heading}",
        )


def _table_prose(items: Sequence[Item]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Sentences before and after a table (a fragment of a table is never a sentence)."""
    prose = [n for n, i in enumerate(items) if is_prose(i)]
    rows = [n for n, i in enumerate(items) if n not in prose]
    first, last = (rows[0], rows[-1]) if rows else (len(items), len(items))
    texts = {n: items[n].text for n in prose}  # type: ignore[union-attr]
    intro = tuple(texts[n] for n in prose if n < first)
    notes = tuple(texts[n] for n in prose if n > last)
    return intro, notes


def _has_numbers(item: Item) -> bool:
    return isinstance(item, Line) and bool(trailing(line_tokens(item.text), row=False))
