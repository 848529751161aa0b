"""Sections by their headings, and the text sections: paragraphs, subsections, local tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from gkmodel.editions import section_headings
from gkmodel.model.common import Money
from gkmodel.model.narrative import (
    LocalRow,
    LocalTable,
    Narrative,
    OtherMatters,
    ProcessingFees,
    Subsection,
)
from gkmodel.readers._common import UNITS, State, Value, parse_value
from gkmodel.readers._headings import HeadingMatch, inline_headings, match_heading
from gkmodel.readers._items import Item, Line, Row


def section_names() -> tuple[str, ...]:
    """The sections of every registered edition, in report order (the same six in both)."""
    return tuple(dict.fromkeys(h.name for h in section_headings()))


def split_sections(
    items: Sequence[Item], state: State | None = None
) -> tuple[list[Item], dict[str, list[Item]], list[str]]:
    """(items before the first section, items of each section, headings as found).

    Headings are recognised by the model's labels (:mod:`gkmodel.readers._headings`),
    also inside a line (a page body on one line), in a layout table and with text after
    them; every loose match is a ``loose-label`` diagnostic on ``state``.
    """
    head: list[Item] = []
    parts: dict[str, list[Item]] = {}
    current: str | None = None
    found: list[str] = []
    for item in _unfolded(items):
        hm = _heading(item)
        if hm is not None and (current is None or hm.name != current):
            if hm.name not in parts:
                current = hm.name
                parts[hm.name] = []
                found.append(hm.heading)
                if hm.loose and state is not None:
                    state.add(
                        "loose-label",
                        f"section heading matched loosely: {hm.loose}",
                        section=hm.section.numeral,
                        found=item.text,  # type: ignore[union-attr]
                        action=f"read as {hm.section.heading}",
                    )
                if hm.rest:
                    parts[hm.name].append(Line(hm.rest))
                continue
        elif hm is not None:
            if hm.rest:  # the same heading again (e.g. a table's own title): keep its text
                parts[hm.name].append(Line(hm.rest))
            continue
        if current is None:
            head.append(item)
        else:
            parts[current].append(item)
    return head, parts, found


def _heading(item: Item) -> HeadingMatch | None:
    if not isinstance(item, Line):
        return None
    hm = match_heading(item.text)
    if hm is not None and item.paragraph and hm.heading[:1] not in _NUMERAL_CHARS:
        return None  # an indented paragraph opens a section only with its numeral
    return hm


_NUMERAL_CHARS = frozenset("一二三四五六七八九十第#")


def _unfolded(items: Sequence[Item]) -> list[Item]:
    """Lines cut before inline headings; single-column layout tables holding a heading as lines."""
    out: list[Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, Row):
            end = k
            while (
                end < len(items)
                and isinstance(items[end], Row)
                and (
                    items[end].table == item.table  # type: ignore[union-attr]
                )
            ):
                end += 1
            rows = [r for r in items[k:end] if isinstance(r, Row)]
            texts = [_single(r) for r in rows]
            if all(t is not None for t in texts) and any(
                match_heading(t or "") is not None for t in texts
            ):
                out.extend(Line(t) for t in texts if t)  # a layout table: prose and headings
            else:
                out.extend(rows)
            k = end
            continue
        parts = inline_headings(item.text) if len(item.text) > 40 else [item.text]
        if len(parts) == 1:
            out.append(item)
        else:
            out.extend(Line(p) for p in parts)
        k += 1
    return out


def _single(row: Row) -> str | None:
    """The text of a row with one distinct non-empty cell (a spanned cell repeats), or None."""
    cells = {c for c in row.cells if c.strip()}
    return cells.pop() if len(cells) == 1 else ("" if not cells else None)


# -- narrative ----------------------------------------------------------------------------------

_SUB = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
_TOPIC = re.compile(r"^([一二三四五六七八九十]+)、(.{1,20})$")
_END = ("。", "！", "？", "；", "：", "”", "）", "」")


def paragraphs(lines: Sequence[Line], *, wrapped: bool) -> list[str]:
    return [text for text, _ in _marked_paragraphs(lines, wrapped=wrapped)]


def _marked_paragraphs(lines: Sequence[Line], *, wrapped: bool) -> list[tuple[str, bool]]:
    """Paragraphs, each with whether its source marked it as a paragraph (never a heading)."""
    out: list[str] = []
    marked: list[bool] = []
    for line in lines:
        text = line.text if line.paragraph else line.text.lstrip("#").strip()
        if not text:
            continue
        if line.paragraph:
            out.append(text)
            marked.append(True)
            continue
        if (
            out
            and wrapped
            and not line.indent
            and not out[-1].endswith(_END)
            and not _is_heading(text)
            and not _is_heading(out[-1])
            and not marked[-1]
        ):
            out[-1] += text
        else:
            out.append(text)
            marked.append(False)
    return list(zip(out, marked, strict=True))


def _is_heading(text: str) -> bool:
    return bool(_SUB.match(text) and len(text) <= 30 and not text.endswith("。")) or bool(
        _TOPIC.match(text)
    )


def narrative(items: Sequence[Item], state: State, section: str, *, wrapped: bool) -> Narrative:
    """A text section from its items: paragraphs, numbered sub-sections and local tables."""
    blocks: list[Any] = []  # str paragraphs, LocalTable, or ("sub", title)
    lines: list[Line] = []
    rows: list[Row] = []

    def flush_lines() -> None:
        for p, is_paragraph in _marked_paragraphs(lines, wrapped=wrapped):
            if is_paragraph:
                blocks.append(p)
                continue
            m = _SUB.match(p)
            t = _TOPIC.match(p)
            if m and len(p) <= 30 and not p.endswith("。"):
                blocks.append(("sub", m.group(2)))
            elif t and _is_heading(p):
                blocks.append(("sub", t.group(2)))
            elif m and "。" in m.group(2)[:26]:
                title, rest = m.group(2).split("。", 1)
                blocks.append(("sub", title))
                if rest.strip():
                    blocks.append(rest.strip())
            else:
                blocks.append(p)
        lines.clear()

    def flush_rows() -> None:
        if rows:
            blocks.append(_local_table(rows, state, section))
            rows.clear()

    for item in items:
        if isinstance(item, Row):
            flush_lines()
            if rows and rows[-1].table != item.table:
                flush_rows()
            rows.append(item)
        else:
            flush_rows()
            lines.append(item)
    flush_lines()
    flush_rows()
    content: list[Any] = []
    subs: list[Subsection] = []
    for block in blocks:
        if isinstance(block, tuple):
            subs.append(Subsection(title=block[1]))
        elif subs:
            subs[-1] = attrs.evolve(subs[-1], content=(*subs[-1].content, *_as_blocks(block)))
        else:
            content.extend(_as_blocks(block))
    return Narrative(content=tuple(content), subsections=tuple(subs))


def _as_blocks(block: Any) -> list[Any]:
    return block if isinstance(block, list) else [block]


def _local_table(rows: Sequence[Row], state: State, section: str) -> Any:
    header = rows[0].cells
    width = len(header)
    body = []
    for r in rows[1:]:
        cells = list(r.cells) + [""] * (width - len(r.cells))
        values = [parse_value(c) for c in cells[1:width]]
        if len(r.cells) > width or any(v is None or v.unit or v.note for v in values):
            state.add(
                "local-table",
                "a table in a text section has cells that are not numbers; kept as text",
                section=section,
                found=" | ".join(r.cells),
                action="kept as paragraphs",
            )
            return [" | ".join(x.cells) for x in rows]
        body.append(
            LocalRow(
                label=cells[0] or "—",
                values=tuple(_local_number(v) for v in values if v is not None),
            )
        )
    if not body or width < 2:
        return [" | ".join(x.cells) for x in rows]
    state.add(
        "local-table",
        "a local table was read; which rows are totals is not stated in the source",
        section=section,
        found=" | ".join(header),
        action="read without total rows",
    )
    return LocalTable(columns=tuple(c or "—" for c in header), rows=tuple(body))


def _local_number(v: Value) -> int | Decimal | None:
    if v.number is None:
        return None
    return v.number if v.decimal else int(v.number)


_FEE_PART = re.compile(r"^(?P<label>[^0-9]+?)(?P<num>[\d,]+(?:\.\d+)?)(?P<unit>件|元|万元|亿元)$")


def _fees(block: object) -> Any:
    """The ProcessingFees of the 信息处理费 line gkmodel writes, or None."""
    if not (
        isinstance(block, str) and block.startswith(ProcessingFees.PREFIX) and block.endswith("。")
    ):
        return None
    labels = {
        info.label: f.name
        for f in attrs.fields(ProcessingFees)
        if (info := f.metadata.get("gkmodel")) is not None
    }
    values: dict[str, Any] = {}
    for part in block[len(ProcessingFees.PREFIX) : -1].split("；"):
        m = _FEE_PART.match(part)
        if not m or m.group("label") not in labels:
            return None
        number = Decimal(m.group("num").replace(",", ""))
        unit = m.group("unit")
        values[labels[m.group("label")]] = (
            int(number) if unit == "件" else Money(amount=number, unit=UNITS[unit])
        )
    return ProcessingFees(**values) if values else None


def other_matters(n: Narrative, state: State) -> OtherMatters:
    """Section 六, with the 信息处理费 line gkmodel writes (its last block) read into fields."""
    subsections = list(n.subsections)
    content = list(n.content)
    last = subsections[-1].content if subsections else tuple(content)
    fees = _fees(last[-1]) if last else None
    if fees is not None:
        if subsections:
            subsections[-1] = attrs.evolve(subsections[-1], content=last[:-1])
        else:
            content = content[:-1]
    return OtherMatters(content=tuple(content), subsections=tuple(subsections), fees=fees)
