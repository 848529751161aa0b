"""Plain text: readable in a terminal, tables aligned for CJK double-width characters.

Tables are flattened (text has no merged cells): group labels stand on their
own line and the rows below them are indented; table 四 is drawn with its
three kinds of case as rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from gkmodel.model.narrative import LocalTable
from gkmodel.model.report import AnnualReport
from gkmodel.renderers._document import (
    FlatTable,
    Heading,
    LocalTableBlock,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    blocks,
    flat_tables,
)
from gkmodel.renderers._grid import cell_text_local

__all__ = ["display_width", "render_text"]

INDENT = "\u3000\u3000"  # two full-width spaces open a paragraph
GAP = "  "


def _width(ch: str) -> int:
    kind = unicodedata.east_asian_width(ch)
    if kind in "WF":
        return 2
    # Quotes and dashes of General Punctuation (“ ” ‘ ’ — …) are "ambiguous"; in Chinese
    # text and CJK fonts they are as wide as a character.
    if kind == "A" and "\u2010" <= ch <= "\u206f":
        return 2
    return 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a CJK terminal: 2 for wide characters (and CJK-context
    quotes and dashes), 1 otherwise.

    >>> display_width("3.危及“三安全一稳定”"), display_width("abc")
    (22, 3)
    """
    return sum(_width(ch) for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def _table(rows: Sequence[Sequence[str]], *, header: int = 1) -> list[str]:
    """Align ``rows``: the first column left, the others right; a rule under the header."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [_pad(row[0], widths[0])]
        cells += [_pad(c, w, right=True) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append(GAP.join(cells).rstrip())
        if n == header - 1:
            lines.append(GAP.join("-" * w for w in widths))
    return lines


def _flat(table: FlatTable) -> list[str]:
    lines = [table.caption] if table.caption else []
    rows: list[list[str]] = [list(table.header)]
    for row in table.rows:
        label = INDENT * row.depth + row.label
        rows.append([label, *(row.values or [""] * (len(table.header) - 1))])
    return lines + _table(rows)


def _local(table: LocalTable) -> list[str]:
    lines = [table.caption] if table.caption else []
    rows = [list(table.columns)]
    rows += [[r.label, *(cell_text_local(v) for v in r.values)] for r in table.rows]
    return lines + _table(rows)


def render_text(report: AnnualReport) -> str:
    """The whole report as plain text."""
    out: list[str] = []
    for block in blocks(report):
        if isinstance(block, (Title, Heading)):
            out.append(block.text)
        elif isinstance(block, Paragraph):
            out.append(INDENT + block.text)
        elif isinstance(block, TableBlock):
            tables = flat_tables(report, block.name)
            out.append("\n\n".join("\n".join(_flat(t)) for t in tables))
        elif isinstance(block, LocalTableBlock):
            out.append("\n".join(_local(block.table)))
        elif isinstance(block, Signature):
            out.append("\n".join(x for x in (block.organ, block.date) if x))
    return "\n\n".join(out) + "\n"
