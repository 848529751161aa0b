"""The report as a sequence of blocks, in publication order, for every renderer to draw.

Section order, heading numbering, where a table's intro and notes go, the
信息处理费 line and the signature are decided here once.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from gkmodel.model import info_of
from gkmodel.model.common import Money
from gkmodel.model.layout import get_path, outline, sections, table_rows
from gkmodel.model.narrative import LocalTable, Narrative, OtherMatters, ProcessingFees
from gkmodel.model.report import AnnualReport
from gkmodel.renderers._grid import Grid, cell_text, table_grids
from gkmodel.renderers.zh import format_date_zh, numeral

__all__ = [
    "Block",
    "FlatRow",
    "FlatTable",
    "Heading",
    "LocalTableBlock",
    "Paragraph",
    "Signature",
    "TableBlock",
    "Title",
    "blocks",
    "flat_tables",
]


@attrs.frozen
class Title:
    text: str


@attrs.frozen
class Heading:
    level: int  # 1: 一、…; 2: （一）…
    text: str


@attrs.frozen
class Paragraph:
    text: str
    role: str = "body"  # body / preface / intro / note / fees
    path: str | None = None  # its model path (the audit view marks paragraphs by it)


@attrs.frozen
class TableBlock:
    name: str  # active_disclosure / requests / appeals
    grid: Grid


@attrs.frozen
class LocalTableBlock:
    table: LocalTable


@attrs.frozen
class Signature:
    organ: str
    date: str | None


Block = Title | Heading | Paragraph | TableBlock | LocalTableBlock | Signature


def subsection_heading(index: int, title: str) -> str:
    """``（一）主动公开`` for the first sub-section titled 主动公开."""
    return f"（{numeral(index + 1)}）{title}"


def _fee_values(fees: ProcessingFees) -> list[tuple[str, str]]:
    """Each stated fee fact: its label and its value as the tables write numbers (``3940元``)."""
    out = []
    for field in attrs.fields(ProcessingFees):
        value = getattr(fees, field.name)
        info = info_of(field)
        if value is None or info is None:
            continue
        out.append((info.label, str(value) if isinstance(value, Money) else f"{value}件"))
    return out


def fees_text(fees: ProcessingFees) -> str | None:
    """The 信息处理费 facts as one line, labels from the model; None when nothing is stated.

    Numbers are written as in the tables and in reports' prose (``3940元``, not ``3,940元``).
    """
    parts = [label + value for label, value in _fee_values(fees)]
    return ProcessingFees.PREFIX + "；".join(parts) + "。" if parts else None


def fees_stated(n: OtherMatters) -> bool:
    """Whether the text of section 六 already states every fee fact, each value as written."""
    if n.fees is None:
        return False
    values = _fee_values(n.fees)
    paragraphs = [b for b in n.content if isinstance(b, str)]
    paragraphs += [b for s in n.subsections for b in s.content if isinstance(b, str)]
    text = "".join(paragraphs)
    return bool(values) and all(value in text for _, value in values)


def _narrative(n: Narrative, base: str, *, fees_once: bool = False) -> Iterator[Block]:
    for i, block in enumerate(n.content):
        if isinstance(block, LocalTable):
            yield LocalTableBlock(block)
        else:
            yield Paragraph(block, path=f"{base}.content[{i}]")
    for k, sub in enumerate(n.subsections):
        yield Heading(2, subsection_heading(k, sub.title))
        for i, block in enumerate(sub.content):
            if isinstance(block, LocalTable):
                yield LocalTableBlock(block)
            else:
                yield Paragraph(block, path=f"{base}.subsections[{k}].content[{i}]")
    if isinstance(n, OtherMatters) and n.fees is not None:
        if fees_once and fees_stated(n):
            return
        text = fees_text(n.fees)
        if text:
            yield Paragraph(text, "fees", f"{base}.fees")


def blocks(report: AnnualReport, *, fees_once: bool = False) -> Iterator[Block]:
    """Every block of the report, in order.

    With ``fees_once`` the 信息处理费 line is left out when the text of section 六
    already states every fee fact as the line would (for a document that carries
    the facts in its embedded JSON); otherwise the line is there to be read back.
    """
    meta = report.meta
    yield Title(meta.display_title)
    for i, text in enumerate(meta.preface):
        yield Paragraph(text, "preface", f"$.meta.preface[{i}]")
    grids = table_grids(report)
    for s in sections(type(report)):
        yield Heading(1, s.heading)
        value = getattr(report, s.name)
        if isinstance(value, Narrative):
            yield from _narrative(value, f"$.{s.name}", fees_once=fees_once)
        else:
            for i, text in enumerate(value.intro):
                yield Paragraph(text, "intro", f"$.{s.name}.intro[{i}]")
            yield TableBlock(s.name, grids[s.name])
            for i, text in enumerate(value.notes):
                yield Paragraph(text, "note", f"$.{s.name}.notes[{i}]")
    date = format_date_zh(meta.published) if meta.published else None
    yield Signature(meta.signatory, date)


@attrs.frozen
class FlatRow:
    """A row of a flattened table: its depth, label and values (None for a group label)."""

    depth: int
    label: str
    values: tuple[str, ...] | None


@attrs.frozen
class FlatTable:
    """A table without spans: an optional caption, a header row and rows."""

    caption: str | None
    header: tuple[str, ...]
    rows: tuple[FlatRow, ...]


def flat_tables(report: AnnualReport, name: str) -> list[FlatTable]:
    """Table ``name`` flattened for text and Markdown: table 二 as one table per sub-table."""
    table = getattr(report, name)
    cls = type(table)
    notes = {n.path: n.text for n in report.cell_notes}
    specs = {s.path[1:]: s for s in table_rows(cls, (name,))}

    def values(path: tuple[str, ...]) -> tuple[str, ...]:
        spec = specs[path]
        row = get_path(table, path)
        base = "$." + ".".join(spec.path)
        return tuple(
            cell_text(getattr(row, n), info, notes.get(f"{base}.{n}")) for n, info in spec.columns
        )

    items = outline(cls)
    if name == "active_disclosure":
        out = []
        for top in (i for i in items if i.depth == 0):
            members = [i for i in items if i.is_row and i.path[0] == top.path[0]]
            header = (cls.FIRST_COLUMN, *(info.label for _, info in specs[members[0].path].columns))
            flat = tuple(FlatRow(0, i.info.label, values(i.path)) for i in members)
            out.append(FlatTable(top.info.label, header, flat))
        return out
    first = next(i for i in items if i.is_row)
    header = ("", *(info.label for _, info in specs[first.path].columns))
    rows = tuple(
        FlatRow(i.depth, i.info.label, values(i.path) if i.is_row else None) for i in items
    )
    return [FlatTable(None, header, rows)]
