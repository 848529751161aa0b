"""HTML: a standalone, printable A4 page (or a fragment) with the official merged-cell tables.

Every text value is escaped.  The page embeds the canonical JSON of the
report in ``<script type="application/json" id="gkmodel-report">``, so a
published page can be read back losslessly; ``<`` inside it is written as
``\\u003c``, so no text of the report can close the script element.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from gkmodel.io.json import dumps
from gkmodel.model.narrative import LocalTable
from gkmodel.model.report import AnnualReport
from gkmodel.renderers._document import (
    Heading,
    LocalTableBlock,
    Paragraph,
    Signature,
    TableBlock,
    Title,
    blocks,
)
from gkmodel.renderers._grid import Cell, CellKind, Grid, cell_text_local

if TYPE_CHECKING:
    from gkmodel.rules.engine import Finding

__all__ = ["CSS", "JSON_SCRIPT_ID", "render_html"]

JSON_SCRIPT_ID = "gkmodel-report"

CSS = """\
@page { size: A4; margin: 25mm 20mm 25mm 20mm; }
.gk-report { font-family: "FangSong", "仿宋", "STFangsong", "Songti SC", "SimSun",
  "Noto Serif CJK SC", serif; font-size: 12pt; line-height: 1.6; color: #000;
  max-width: 170mm; margin: 0 auto; }
.gk-report h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Songti SC",
  "Noto Serif CJK SC", serif; font-size: 20pt; font-weight: normal; text-align: center;
  margin: 0 0 1em; }
.gk-report h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif;
  font-size: 14pt; font-weight: normal; margin: 1.2em 0 0.5em; }
.gk-report h3 { font-family: "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif;
  font-size: 12pt; font-weight: bold; margin: 1em 0 0.4em; }
.gk-report p { text-indent: 2em; margin: 0 0 0.5em; }
.gk-report .gk-signature { text-align: right; margin-top: 2em; }
.gk-report .gk-signature p { text-indent: 0; margin: 0; }
.gk-report table { border-collapse: collapse; width: 100%; table-layout: fixed;
  margin: 0.5em 0 1em; font-size: 9pt; line-height: 1.3; page-break-inside: auto; }
.gk-report thead { display: table-header-group; }
.gk-report tr { page-break-inside: avoid; }
.gk-report th, .gk-report td { border: 0.75pt solid #000; padding: 2pt 3pt;
  vertical-align: middle; }
.gk-report th { font-weight: normal; text-align: center; }
.gk-report td.gk-value { text-align: center; white-space: nowrap; }
.gk-report h1, .gk-report h2, .gk-report h3, .gk-report caption, .gk-report p.gk-intro {
  break-after: avoid; page-break-after: avoid; break-inside: avoid; }
.gk-report th.gk-note { font-size: 8pt; text-align: left; }
.gk-report th.gk-caption { text-align: left; font-weight: bold; }
.gk-report th.gk-label { text-align: left; }
.gk-table-三 col.gk-label-col { width: 9%; }
.gk-table-三 col.gk-label-col-2 { width: 12%; }
.gk-table-三 col.gk-label-col-3 { width: 24%; }
@media screen { body { background: #f4f4f4; } .gk-report { background: #fff; padding: 20mm;
  box-shadow: 0 0 4px #aaa; margin: 1em auto; } }
@media screen and (max-width: 720px) { body { margin: 0; }
  .gk-report { padding: 4mm; margin: 0; box-shadow: none; }
  .gk-report table { display: block; overflow-x: auto; table-layout: auto; width: auto;
    max-width: 100%; }
  .gk-report col { width: auto !important; }
  .gk-report th { min-width: 3em; } .gk-report th.gk-label { min-width: 7em; }
  .gk-report th.gk-label[rowspan] { min-width: 3em; }
  .gk-report th.gk-note { min-width: 10em; } }
.gk-report td.gk-unread { outline: 2px dashed #6b7280; outline-offset: -3px; }
.gk-report .gk-partial { border-left: 4px solid #6b7280; padding: 0.3em 0.6em; background: #f3f4f6;
  text-indent: 0; }
"""


def _row(row: tuple[Cell, ...]) -> str:
    cells = []
    for cell in row:
        spans = ""
        if cell.rowspan > 1:
            spans += f' rowspan="{cell.rowspan}"'
        if cell.colspan > 1:
            spans += f' colspan="{cell.colspan}"'
        text = escape(cell.text)
        if cell.kind is CellKind.VALUE:
            path = escape(cell.path or "")
            cells.append(f'<td class="gk-value"{spans} data-path="{path}">{text}</td>')
        elif cell.kind is CellKind.LABEL:
            cells.append(f'<th class="gk-label" scope="row"{spans}>{text}</th>')
        else:
            scope = ' scope="col"' if cell.kind is CellKind.HEADER else ""
            cells.append(f'<th class="gk-{cell.kind.value}"{scope}{spans}>{text}</th>')
    return "<tr>" + "".join(cells) + "</tr>"


def _grid(grid: Grid) -> str:
    cls = f"gk-table gk-table-{grid.table}"
    out = [f'<table class="{cls}" data-table="{grid.table}">']
    if grid.table == "三":
        cols = ["gk-label-col", "gk-label-col-2", "gk-label-col-3"][: grid.label_columns]
        out.append("<colgroup>")
        out.extend(f'<col class="{c}">' for c in cols)
        out.extend('<col class="gk-value-col">' for _ in range(grid.width - grid.label_columns))
        out.append("</colgroup>")
    head, body = grid.rows[: grid.header_rows], grid.rows[grid.header_rows :]
    if head:
        out.append("<thead>")
        out.extend(_row(row) for row in head)
        out.append("</thead>")
    out.append("<tbody>")
    out.extend(_row(row) for row in body)
    out.append("</tbody></table>")
    return "\n".join(out)


def _local(table: LocalTable) -> str:
    out = ['<table class="gk-table gk-local">']
    if table.caption:
        out.append(f"<caption>{escape(table.caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(c)}</th>' for c in table.columns))
    out.append("</tr></thead><tbody>")
    for row in table.rows:
        values = "".join(
            f'<td class="gk-value">{escape(cell_text_local(v))}</td>' for v in row.values
        )
        out.append(f'<tr><th class="gk-label" scope="row">{escape(row.label)}</th>{values}</tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _embedded_json(report: AnnualReport) -> str:
    text = dumps(report).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{JSON_SCRIPT_ID}">\n{text}</script>'


UNREAD = {
    "zh": (
        "仅部分读取：{n} 个表格单元格无法读取，以虚线框标出；它们是读取不出，不是原报告空白。",
        "无法读取（读取问题，不是原报告空白）",
    ),
    "en": (
        "Read only in part: {n} table cells could not be read, framed in dashes; they were not "
        "read, not left blank by the report.",
        "could not be read (a reading problem, not a blank of the report)",
    ),
}
"""The note on a page of a report read only in part, and the title of each unread cell."""
_TD = re.compile(r'<td class="gk-value"([^>]*) data-path="([^"]*)">(.*?)</td>', re.S)


def unread_cell(spans: str, ident: str, path: str, text: str, lang: str) -> str:
    """A value cell marked as one the reader could not read."""
    tip = escape(UNREAD[lang][1])
    return (
        f'<td class="gk-value gk-unread"{spans}{ident} data-path="{path}" data-unread=""'
        f' title="{tip}">{text}</td>'
    )


def unread_note(count: int, lang: str) -> str:
    """The note saying a report was read only in part (placed after its title)."""
    note = escape(UNREAD[lang][0].format(n=count))
    return f'<p class="gk-partial" data-unread-count="{count}">{note}</p>'


def _mark_unread(article: str, unread: frozenset[str], lang: str) -> str:
    def mark(m: re.Match[str]) -> str:
        if m.group(2) not in unread:
            return m.group(0)
        return unread_cell(m.group(1), "", m.group(2), m.group(3), lang)

    article = _TD.sub(mark, article)
    note = unread_note(len(unread), lang)
    return re.sub(r"(<h1>.*?</h1>)", lambda m: m.group(1) + note, article, count=1, flags=re.S)


def render_html(
    report: AnnualReport,
    *,
    fragment: bool = False,
    embed_json: bool = True,
    lang: str = "zh-CN",
    findings: Sequence[Finding] | None = None,
    unreadable: Sequence[str] = (),
) -> str:
    """The report as HTML: a whole page, or with ``fragment=True`` an ``<article>`` to embed.

    ``embed_json`` puts the canonical JSON of the report in the page (on by default).
    With ``findings`` (those of :func:`gkmodel.check`), the page is the audit
    view of :mod:`gkmodel.renderers.audit_view`, marking them where they are.  The
    cells ``unreadable`` names (``ReadResult.unreadable_cells``) are marked as unread,
    with a note that the report was read only in part, with or without findings.
    """
    if findings is not None:  # the audit view (gkmodel.renderers.audit_view)
        from gkmodel.renderers.audit_view import render_audit_view

        return render_audit_view(
            report,
            findings,
            fragment=fragment,
            embed_json=embed_json,
            lang=lang,
            unreadable=unreadable,
        )
    body: list[str] = []
    for block in blocks(report, fees_once=embed_json):
        if isinstance(block, Title):
            body.append(f"<h1>{escape(block.text)}</h1>")
        elif isinstance(block, Heading):
            tag = "h2" if block.level == 1 else "h3"
            body.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            body.append(f'<p class="gk-{block.role}">{escape(block.text)}</p>')
        elif isinstance(block, TableBlock):
            body.append(_grid(block.grid))
        elif isinstance(block, LocalTableBlock):
            body.append(_local(block.table))
        elif isinstance(block, Signature):
            lines = "".join(f"<p>{escape(x)}</p>" for x in (block.organ, block.date) if x)
            body.append(f'<div class="gk-signature">{lines}</div>')
    if embed_json:
        body.append(_embedded_json(report))
    edition = report.edition.value
    article = (
        f'<article class="gk-report" lang="{escape(lang)}" data-edition="{edition}">\n'
        + "\n".join(body)
        + "\n</article>\n"
    )
    if unreadable:
        article = _mark_unread(
            article, frozenset(unreadable), "en" if lang.startswith("en") else "zh"
        )
    if fragment:
        return article
    title = escape(report.meta.display_title)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="gkmodel">\n<title>{title}</title>\n'
        f"<style>\n{CSS}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )
