"""The audit view: the report in the official layout with its findings marked where they are.

Every table cell carries ``data-path`` (its path in the cells export); a cell
that findings name also carries ``data-findings`` (their codes, space-separated)
and ``data-severity`` (the gravest), is tinted by severity, shows the numbers
of its findings, and gives their messages and repair hints on hover.  Under
each table a numbered list links each finding to its cells; narrative
sentences behind ``N-`` findings are marked the same way; findings that name
no table cell are listed at the top.  The page is printable, readable on a
phone (tables scroll sideways instead of wrapping numbers digit by digit),
needs no external resource and escapes every text.

>>> import gkmodel
>>> seed = gkmodel.load("examples/data/shangguan_2020.json")
>>> page = render_audit_view(seed, gkmodel.check(seed))
>>> 'data-path="$.requests.results.total.natural_person" data-findings="T3-REC T3-TOT R-REPAIR"' \\
...     in page
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

import attrs

from gkmodel.model.report import AnnualReport
from gkmodel.renderers._document import Paragraph, blocks
from gkmodel.renderers.html import unread_cell, unread_note
from gkmodel.rules.catalogue import Severity
from gkmodel.rules.engine import Finding

__all__ = ["AUDIT_CSS", "render_audit_view"]


AUDIT_CSS = """\
.gk-audit { --gk-error: #b00020; --gk-inconsistency: #c2410c; --gk-warning: #a16207;
  --gk-info: #1d4ed8; }
.gk-audit .gk-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
.gk-audit td.gk-value { overflow-wrap: normal; word-break: keep-all; white-space: nowrap; }
.gk-audit td[data-severity] { position: relative; print-color-adjust: exact;
  -webkit-print-color-adjust: exact; }
.gk-audit td[data-severity="error"] { background: #fde2e4; outline: 2px solid var(--gk-error); }
.gk-audit td[data-severity="inconsistency"] { background: #ffedd5;
  outline: 2px solid var(--gk-inconsistency); }
.gk-audit td[data-severity="warning"] { background: #fef9c3;
  outline: 2px dashed var(--gk-warning); }
.gk-audit td[data-severity="info"] { outline: 1px dotted var(--gk-info); }
.gk-audit sup.gk-ref { font-size: 7pt; margin-left: 1pt; white-space: nowrap; }
.gk-audit sup.gk-ref a { color: inherit; text-decoration: none; }
.gk-audit mark.gk-claim { background: #fef9c3; border-bottom: 2px dashed var(--gk-warning);
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.gk-audit mark.gk-claim[data-severity="inconsistency"] { background: #ffedd5;
  border-bottom: 2px solid var(--gk-inconsistency); }
.gk-audit ol.gk-findings { font-size: 9pt; line-height: 1.4; margin: 0 0 1.2em;
  padding-left: 2.2em; }
.gk-audit ol.gk-findings li { margin: 0.2em 0; overflow-wrap: anywhere; }
.gk-audit .gk-sev { font-weight: bold; }
.gk-audit .gk-sev-error { color: var(--gk-error); }
.gk-audit .gk-sev-inconsistency { color: var(--gk-inconsistency); }
.gk-audit .gk-sev-warning { color: var(--gk-warning); }
.gk-audit .gk-sev-info { color: var(--gk-info); }
.gk-audit .gk-hint { display: block; color: #444; }
.gk-audit .gk-summary { border: 1px solid #999; padding: 0.5em 1em; margin: 0 0 1.5em;
  font-size: 10pt; }
.gk-audit .gk-summary p { text-indent: 0; }
.gk-audit code { font-size: 8pt; }
@media (max-width: 700px) {
  .gk-report.gk-audit { padding: 4mm; }
  .gk-audit table.gk-table-三 { min-width: 720px; }
  .gk-audit table.gk-table-四 { min-width: 560px; }
}
@media print { .gk-audit .gk-scroll { overflow: visible; } }
"""

_SEVERITY_NAMES = {
    "zh": {s: s.label for s in Severity},
    "en": {s: s.value for s in Severity},
}
_TD = re.compile(r'<td class="gk-value"([^>]*) data-path="([^"]*)">(.*?)</td>', re.S)
_TABLE = re.compile(r'<table class="[^"]*" data-table="([^"]*)">.*?</table>', re.S)


@attrs.frozen
class _Numbered:
    number: int
    finding: Finding
    cells: tuple[str, ...]  # the table cells it names


def _cells_named(report: AnnualReport, f: Finding) -> tuple[str, ...]:
    """The table cells a finding names: its path, or for an N- finding the cells of its claim."""
    if f.code.startswith("N-"):
        from gkmodel.rules.narrative import claim_cells, extract_claims

        for claim in extract_claims(report):
            if claim.path == f.path and claim.quantity.code == f.code:
                return claim_cells(claim)
        return ()
    if f.code == "R-BLANK":
        return f.blank
    return (f.path,)


def _cell_ids(paths: Iterable[str]) -> dict[str, str]:
    return {p: f"gk-cell-{i}" for i, p in enumerate(paths)}


def _label(lang: str) -> dict[str, str]:
    if lang == "en":
        return {"summary": "Audit", "none": "No findings.", "others": "Findings outside the tables",
                "hint": "Repair hint", "findings": "findings", "cells": "cell",
                "none_read": "No findings in what could be read."}  # fmt: skip
    return {"summary": "审核结果", "none": "未发现问题。", "others": "表格以外的发现",
            "hint": "修正建议", "findings": "条发现", "cells": "单元格",
            "none_read": "可读取的部分未发现问题。"}  # fmt: skip


def _item(n: _Numbered, ids: dict[str, str], lang: str) -> str:
    f = n.finding
    sev = f.severity.value
    name = _SEVERITY_NAMES["en" if lang == "en" else "zh"][f.severity]
    links = " ".join(
        f'<a href="#{ids[p]}">{escape(p)}</a>' for p in n.cells if p in ids and f.code != "R-BLANK"
    )
    where = links or f"<code>{escape(f.path)}</code>"
    hint = ""
    if f.suggestion:
        hint = (
            f'<span class="gk-hint">{escape(_label(lang)["hint"])}：{escape(f.suggestion)}</span>'
        )
    return (
        f'<li id="gk-finding-{n.number}" value="{n.number}" data-code="{escape(f.code)}"'
        f' data-severity="{sev}">'
        f'<span class="gk-sev gk-sev-{sev}">{escape(name)}</span> <code>{escape(f.code)}</code> '
        f"{escape(f.message)} — {where}{hint}</li>"
    )


def _list(items: Sequence[_Numbered], ids: dict[str, str], lang: str, heading: str = "") -> str:
    if not items:
        return ""
    # Each item carries its own number (value): a table's findings are not consecutive.
    body = "".join(_item(n, ids, lang) for n in items)
    title = f'<p class="gk-list-title">{escape(heading)}</p>' if heading else ""
    return f'{title}<ol class="gk-findings">{body}</ol>'


def _gravest(findings: Iterable[Finding]) -> Severity:
    return max((f.severity for f in findings), key=lambda s: s.rank)


def _tooltip(numbered: Sequence[_Numbered], lang: str) -> str:
    lines = []
    for n in numbered:
        lines.append(f"{n.number}. {n.finding.code} {n.finding.message}")
        if n.finding.suggestion:
            lines.append(f"   {_label(lang)['hint']}：{n.finding.suggestion}")
    return "\n".join(lines)


def _mark_cells(article: str, by_cell: dict[str, list[_Numbered]], ids: dict[str, str],
                lang: str, unread: frozenset[str] = frozenset()) -> str:  # fmt: skip
    def mark(m: re.Match[str]) -> str:
        spans, path, text = m.group(1), m.group(2), m.group(3)
        cell_id = ids.get(path)
        named = by_cell.get(path)
        ident = f' id="{cell_id}"' if cell_id else ""
        if path in unread:
            return unread_cell(spans, ident, path, text, lang)
        if not named:
            return f'<td class="gk-value"{spans}{ident} data-path="{path}">{text}</td>'
        codes = " ".join(dict.fromkeys(n.finding.code for n in named))
        severity = _gravest(n.finding for n in named).value
        refs = [str(n.number) for n in named if n.finding.severity is not Severity.INFO]
        sup = f'<sup class="gk-ref">{",".join(refs)}</sup>' if refs else ""
        if refs:
            sup = f'<sup class="gk-ref"><a href="#gk-finding-{refs[0]}">{",".join(refs)}</a></sup>'
        title = escape(_tooltip(named, lang))
        return (
            f'<td class="gk-value"{spans}{ident} data-path="{path}" data-findings="{escape(codes)}"'
            f' data-severity="{severity}" title="{title}">{text}{sup}</td>'
        )

    return _TD.sub(mark, article)


def _mark_sentences(report: AnnualReport, article: str, numbered: Sequence[_Numbered],
                    lang: str) -> str:  # fmt: skip
    """Narrative sentences behind N- findings, wrapped in ``<mark>``."""
    by_path: dict[str, list[_Numbered]] = {}
    for n in numbered:
        if n.finding.code.startswith("N-"):
            by_path.setdefault(n.finding.path, []).append(n)
    if not by_path:
        return article
    from gkmodel.rules.narrative import extract_claims

    claims = extract_claims(report)
    for block in blocks(report):
        if not isinstance(block, Paragraph) or block.path not in by_path:
            continue
        original = f'<p class="gk-{block.role}">{escape(block.text)}</p>'
        marked = escape(block.text)
        for n in by_path[block.path]:
            sentence = next(
                (c.sentence for c in claims
                 if c.path == block.path and c.quantity.code == n.finding.code),
                None,
            )  # fmt: skip
            if sentence is None:
                continue
            sev = n.finding.severity.value
            title = escape(_tooltip([n], lang))
            mark = (
                f'<mark class="gk-claim" id="gk-claim-{n.number}" data-findings='
                f'"{escape(n.finding.code)}" data-severity="{sev}" title="{title}">'
                f'{escape(sentence)}<sup class="gk-ref"><a href="#gk-finding-{n.number}">'
                f"{n.number}</a></sup></mark>"
            )
            marked = marked.replace(escape(sentence), mark, 1)
        replacement = f'<p class="gk-{block.role}" data-path="{escape(block.path)}">{marked}</p>'
        article = article.replace(original, replacement, 1)
    return article


def _summary(report: AnnualReport, numbered: Sequence[_Numbered], others: Sequence[_Numbered],
             ids: dict[str, str], lang: str, *, partial: bool = False) -> str:  # fmt: skip
    labels = _label(lang)
    names = _SEVERITY_NAMES["en" if lang == "en" else "zh"]
    counts = [
        (s, sum(n.finding.severity is s for n in numbered)) for s in sorted(
            Severity, key=lambda s: -s.rank)
    ]  # fmt: skip
    parts = [
        f'<span class="gk-sev gk-sev-{s.value}" data-severity="{s.value}">'
        f"{escape(names[s])} {c}</span>"
        for s, c in counts
        if c
    ]
    line = "，".join(parts) if lang != "en" else ", ".join(parts)
    none = labels["none_read" if partial else "none"]  # a report read in part is never clean
    head = f"<p><strong>{escape(labels['summary'])}</strong>：{line or escape(none)}</p>"
    return (
        f'<section class="gk-summary" data-findings-count="{len(numbered)}">{head}'
        f"{_list(others, ids, lang, labels['others'])}</section>"
    )


def render_audit_view(
    report: AnnualReport,
    findings: Sequence[Finding],
    *,
    fragment: bool = False,
    embed_json: bool = True,
    lang: str = "zh-CN",
    unreadable: Sequence[str] = (),
) -> str:
    """The report as an HTML audit view marking ``findings`` (those of :func:`gkmodel.check`).

    Options as for :func:`gkmodel.renderers.html.render_html`; the messages
    are the findings' own, in the language they were made in.  ``unreadable``
    are the model paths of the cells a reader could not read
    (:attr:`gkmodel.ReadResult.unreadable_cells`): each is marked as unread, and
    the summary says the report was read only in part, so that a blank left by
    the reader is never taken for a blank of the published report.
    """
    from gkmodel.io.cells import to_cells
    from gkmodel.renderers.html import CSS, render_html

    msg_lang = "en" if lang.startswith("en") else "zh"
    ids = _cell_ids(c["path"] for c in to_cells(report))
    numbered = [
        _Numbered(i, f, _cells_named(report, f)) for i, f in enumerate(findings, 1)
    ]  # fmt: skip
    by_cell: dict[str, list[_Numbered]] = {}
    for n in numbered:
        for p in n.cells:
            if p in ids:
                by_cell.setdefault(p, []).append(n)
    article = render_html(report, fragment=True, embed_json=embed_json, lang=lang)
    article = _mark_cells(article, by_cell, ids, msg_lang, frozenset(unreadable))
    article = _mark_sentences(report, article, numbered, msg_lang)

    def with_list(m: re.Match[str]) -> str:
        table = m.group(0)
        paths = set(re.findall(r'data-path="([^"]*)"', table))
        mine = [n for n in numbered if any(p in paths for p in n.cells)]
        return f'<div class="gk-scroll">{table}</div>{_list(mine, ids, msg_lang)}'

    article = _TABLE.sub(with_list, article)
    others = [n for n in numbered if not any(p in ids for p in n.cells)]
    summary = _summary(report, numbered, others, ids, msg_lang, partial=bool(unreadable))
    if unreadable:
        summary = unread_note(len(unreadable), msg_lang) + summary
    article = article.replace(
        '<article class="gk-report"', '<article class="gk-report gk-audit"', 1
    )
    article = re.sub(
        r"(<h1>.*?</h1>)", lambda m: m.group(1) + summary, article, count=1, flags=re.S
    )
    if fragment:
        return article
    title = escape(report.meta.display_title)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="gkmodel">\n<title>{title}</title>\n'
        f"<style>\n{CSS}{AUDIT_CSS}</style>\n</head>\n<body>\n{article}</body>\n</html>\n"
    )
