"""Markdown (GitHub-flavoured): headings, paragraphs and pipe tables.

Markdown tables have no merged cells, so the official tables are flattened:
group labels (三、本年度办理结果, （三）不予公开, 行政诉讼 …) get a row of their
own with empty cells, the rows below them are indented with full-width
spaces, and table 二 becomes one table per sub-table under its caption.
Every text is escaped: Markdown punctuation and ``<``/``>``/``&`` cannot
become markup.
"""

from __future__ import annotations

import re

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

__all__ = ["escape_md", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")
_BLOCK_MARK = re.compile(r"^(\s*)([#+=-])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INDENT = "\u3000\u3000"


def escape_md(text: str) -> str:
    """``text`` with Markdown and HTML punctuation escaped, so it renders as itself."""
    text = _SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    text = "".join(_HTML.get(ch, ch) for ch in text)
    text = _LIST_NUMBER.sub(r"\1\\\2", text)
    return _BLOCK_MARK.sub(r"\1\\\2", text)


def _pipe(rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return lines


def _flat(table: FlatTable) -> str:
    rows = [[escape_md(h) for h in table.header]]
    for row in table.rows:
        indent = _INDENT * row.depth
        if row.values is None:  # a group label: bold, outside the indentation (CommonMark flanking)
            rows.append([f"{indent}**{escape_md(row.label)}**", *[""] * (len(table.header) - 1)])
        else:
            rows.append([indent + escape_md(row.label), *(escape_md(v) for v in row.values)])
    head = [f"**{escape_md(table.caption)}**", ""] if table.caption else []
    return "\n".join(head + _pipe(rows))


def _local(table: LocalTable) -> str:
    rows = [[escape_md(c) for c in table.columns]]
    rows += [
        [escape_md(r.label), *(escape_md(cell_text_local(v)) for v in r.values)] for r in table.rows
    ]
    head = [f"**{escape_md(table.caption)}**", ""] if table.caption else []
    return "\n".join(head + _pipe(rows))


def render_markdown(report: AnnualReport) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    out: list[str] = []
    for block in blocks(report):
        if isinstance(block, Title):
            out.append(f"# {escape_md(block.text)}")
        elif isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {escape_md(block.text)}")
        elif isinstance(block, Paragraph):
            out.append(escape_md(block.text))
        elif isinstance(block, TableBlock):
            out.append("\n\n".join(_flat(t) for t in flat_tables(report, block.name)))
        elif isinstance(block, LocalTableBlock):
            out.append(_local(block.table))
        elif isinstance(block, Signature):
            lines = [escape_md(x) for x in (block.organ, block.date) if x]
            out.append("  \n".join(lines))
    return "\n\n".join(out) + "\n"
