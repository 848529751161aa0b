"""The audit index: ``index.html`` of a batch audit, and an audit view of each report beside it.

:func:`write_audit_index` reads the CSV files a batch audit wrote
(``files.csv``, ``findings.csv``, ``cells.csv``) and writes

* ``views/NNNN-name.html``: the audit view of each report read
  (:mod:`gkmodel.renderers.audit_view`);
* ``index.html``: a table of the reports (organ, year, edition, status,
  findings by severity) linking to each view, sortable by a click on a column
  head (a small inline script; the table reads without it), and plots an
  auditor wants at a glance (findings by rule, reports by status and year, the
  distribution of requests received) as inline SVG, drawn by matplotlib (the
  ``plots`` extra).  Without the extra the page says the plots are left out.

The page needs no external resource and escapes every text.  Views go to a
temporary folder renamed into place, and the index is written atomically, so
a failure leaves no partial page.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import warnings
from collections import Counter
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Literal

from gkmodel.errors import GkmodelError

__all__ = ["INDEX_NAME", "VIEWS_DIR", "plots_available", "write_audit_index"]

INDEX_NAME = "index.html"
VIEWS_DIR = "views"
_RECEIVED = "$.requests.new_received.total"
_SEVERITIES = ("error", "inconsistency", "warning", "info")
_COLUMNS = {"error": "errors", "inconsistency": "inconsistencies", "warning": "warnings",
            "info": "infos"}  # fmt: skip
_ZH = {
    "title": "政府信息公开工作年度报告 审核汇总",
    "file": "文件", "organ": "机关", "year": "年度", "edition": "格式", "status": "状态",
    "error": "错误", "inconsistency": "不一致", "warning": "警告", "info": "提示",
    "received": "本年新收申请", "view": "审核视图", "ok": "已读取", "failed": "无法读取",
    "partial": "部分读取", "partial_n": "部分读取：{n}个单元格无法读取",
    "by_rule": "各规则的发现数", "by_year": "各年度报告数（按状态）",
    "dist": "本年新收申请数的分布（表三 一 × 总计）", "count": "份数", "findings": "发现数",
    "no_plots": "未安装绘图扩展（pip install 'gkmodel[plots]'），图表从略。",
    "sort": "点击表头可排序。", "reports": "份报告",
}  # fmt: skip
_EN = {
    "title": "Audit of annual reports on government information disclosure",
    "file": "file", "organ": "organ", "year": "year", "edition": "edition", "status": "status",
    "error": "errors", "inconsistency": "inconsistencies", "warning": "warnings", "info": "infos",
    "received": "new requests", "view": "audit view", "ok": "read", "failed": "unreadable",
    "partial": "read in part", "partial_n": "read in part: {n} cells unreadable",
    "by_rule": "Findings by rule", "by_year": "Reports by year and status",
    "dist": "New requests received (table 三 一 × 总计)", "count": "reports",
    "findings": "findings",
    "no_plots": "The plots extra is not installed (pip install 'gkmodel[plots]'); plots left out.",
    "sort": "Click a column head to sort.", "reports": "reports",
}  # fmt: skip

CSS = """\
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  margin: 0; padding: 1em; color: #111; background: #fff; font-size: 14px; }
h1 { font-size: 1.4em; margin: 0 0 0.6em; }
h2 { font-size: 1.1em; margin: 1.2em 0 0.4em; }
.gk-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table.gk-index { border-collapse: collapse; min-width: 100%; }
table.gk-index th, table.gk-index td { border: 1px solid #999; padding: 3px 6px;
  white-space: nowrap; }
table.gk-index th { background: #eee; cursor: pointer; user-select: none; }
table.gk-index td.gk-num { text-align: right; font-variant-numeric: tabular-nums; }
table.gk-index tr[data-status="error"] td { color: #b00020; }
td.gk-has-error { background: #fde2e4; } td.gk-has-inconsistency { background: #ffedd5; }
td.gk-has-warning { background: #fef9c3; }
.gk-plots { display: flex; flex-wrap: wrap; gap: 1em; }
.gk-plot { flex: 1 1 320px; max-width: 560px; }
.gk-plot svg { width: 100%; height: auto; }
.gk-note { color: #555; }
@media print { table.gk-index th { cursor: auto; } .gk-plot { break-inside: avoid; } }
"""

SORT_SCRIPT = """\
document.querySelectorAll("table.gk-index th").forEach((th, col) => {
  th.addEventListener("click", () => {
    const body = th.closest("table").tBodies[0];
    const down = th.dataset.dir !== "asc";
    th.dataset.dir = down ? "asc" : "desc";
    const key = r => r.cells[col].dataset.sort ?? r.cells[col].textContent;
    const rows = [...body.rows].sort((a, b) => {
      const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
      const c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return down ? c : -c;
    });
    rows.forEach(r => body.appendChild(r));
  });
});
"""


def plots_available() -> bool:
    """True when matplotlib (the ``plots`` extra) can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _rows(path: Path) -> Iterator[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            yield from csv.DictReader(f)
    except OSError as exc:
        raise GkmodelError(f"{path}: cannot read: {exc.strerror}") from None


def _view_name(n: int, file: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(file).stem)[:60] or "report"
    return f"{n:04d}-{stem}.html"


def _write_views(
    out: Path, files: list[dict[str, str]], lang: Literal["zh", "en"]
) -> dict[str, str]:
    """The audit view of each report read, in a folder renamed into place; names by file."""
    from gkmodel.readers import read
    from gkmodel.renderers.audit_view import render_audit_view
    from gkmodel.rules import check

    tmp = out / f".{VIEWS_DIR}.tmp{os.getpid()}"
    names: dict[str, str] = {}
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for n, row in enumerate(files, 1):
            if row.get("status") not in ("ok", "partial"):
                continue
            try:
                result = read(Path(row["file"]))
            except GkmodelError:
                continue  # the file changed since the audit read it: no view, no guess
            report, unread = result.report, result.unreadable_cells
            page = render_audit_view(
                report,
                check(report, lang=lang, unread=result.unread),
                lang="en" if lang == "en" else "zh-CN",
                unreadable=unread,
            )
            name = _view_name(n, row["file"])
            (tmp / name).write_text(page, encoding="utf-8")
            names[row["file"]] = f"{VIEWS_DIR}/{name}"
        final = out / VIEWS_DIR
        if final.exists():
            shutil.rmtree(final)
        tmp.rename(final)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise GkmodelError(f"{out}: cannot write the audit views: {exc.strerror}") from None
    return names


def _svg(figure: object) -> str:
    import io

    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(figure)  # type: ignore[arg-type]
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # inline: without the XML prolog and DOCTYPE


def _plots(
    files: list[dict[str, str]], by_rule: Counter[str], received: list[int], t: dict[str, str]
) -> str:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager
    from matplotlib.ticker import MaxNLocator

    known = {f.name for f in font_manager.fontManager.ttflist}
    # A CJK font for measuring the labels where there is one (the browser draws the text).
    cjk = [f for f in ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                       "Microsoft YaHei", "PingFang SC") if f in known]  # fmt: skip
    plt.rcParams["font.family"] = [*cjk[:1], "DejaVu Sans"]
    plt.rcParams["svg.fonttype"] = "none"  # text stays text: small, searchable, escaped by us
    plt.rcParams["axes.unicode_minus"] = False
    out = []
    if by_rule:
        codes = sorted(by_rule, key=lambda c: (-by_rule[c], c))
        fig, ax = plt.subplots(figsize=(5, 0.3 * len(codes) + 1))
        ax.barh(codes[::-1], [by_rule[c] for c in codes[::-1]], color="#c2410c")
        ax.set_xlabel(t["findings"])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        out.append((t["by_rule"], _svg(fig)))
    years = sorted({r.get("year") or "?" for r in files})
    fig, ax = plt.subplots(figsize=(5, 3))

    def per_year(*statuses: str) -> list[int]:
        return [
            sum(1 for r in files if (r.get("year") or "?") == y and r["status"] in statuses)
            for y in years
        ]

    ok, partial = per_year("ok"), per_year("partial")
    bad = per_year("error")
    ax.bar(years, ok, label=t["ok"], color="#1d4ed8")
    ax.bar(years, partial, bottom=ok, label=t["partial"], color="#d97706")
    ax.bar(years, bad, bottom=[a + b for a, b in zip(ok, partial, strict=True)],
           label=t["failed"], color="#b00020")  # fmt: skip
    ax.set_ylabel(t["count"])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)  # beside: never on a bar
    out.append((t["by_year"], _svg(fig)))
    if received:
        fig, ax = plt.subplots(figsize=(5, 3))
        ax.hist(received, bins=min(20, max(5, len(set(received)))), color="#15803d")
        ax.set_xlabel(t["received"])
        ax.set_ylabel(t["count"])
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        out.append((t["dist"], _svg(fig)))
    return "".join(
        f'<figure class="gk-plot"><figcaption>{escape(title)}</figcaption>{svg}</figure>'
        for title, svg in out
    )


def _cell(value: str, *, num: bool = False, extra: str = "") -> str:
    cls = ' class="gk-num"' if num else ""
    sort = f' data-sort="{escape(value)}"' if num else ""
    return f"<td{cls}{sort}{extra}>{escape(value)}</td>"


def write_audit_index(
    out_dir: str | os.PathLike[str], *, lang: Literal["zh", "en"] = "zh", views: bool = True
) -> Path:
    """Write ``index.html`` (and, with ``views``, an audit view of each report) to ``out_dir``.

    ``out_dir`` holds the CSV files of :func:`gkmodel.batch.audit`.  Returns
    the path of the index.  Raises :class:`~gkmodel.GkmodelError` naming the
    folder when it cannot be read or written.
    """
    from gkmodel.io.json import write_text_atomic

    out = Path(out_dir)
    t = _EN if lang == "en" else _ZH
    files = list(_rows(out / "files.csv"))
    by_rule: Counter[str] = Counter(r["code"] for r in _rows(out / "findings.csv"))
    received = []
    for cell in _rows(out / "cells.csv"):
        if cell["path"] == _RECEIVED and cell["value"].isdigit():
            received.append(int(cell["value"]))
    links = _write_views(out, files, lang) if views else {}
    heads = ["organ", "year", "edition", "status", *_SEVERITIES, "view", "file"]
    head = "".join(f'<th scope="col">{escape(t[h])}</th>' for h in heads)
    body = []
    for row in files:
        status = row.get("status", "")
        if status == "ok":
            state = t["ok"]
        elif status == "partial":  # read in part: a reading problem, not the organ's error
            state = t["partial_n"].format(n=row.get("unreadable", "?"))
        else:
            state = f"{t['failed']}: {row.get('error', '')}"
        cells = [_cell(row.get("organ", "")), _cell(row.get("year", ""), num=True),
                 _cell(row.get("edition", "")), _cell(state)]  # fmt: skip
        for s in _SEVERITIES:
            n = row.get(_COLUMNS[s]) or ""
            extra = f' class="gk-num gk-has-{s}"' if n not in ("", "0") else ""
            cells.append(_cell(n, num=True) if not extra else
                         f'<td{extra} data-sort="{escape(n)}">{escape(n)}</td>')  # fmt: skip
        link = links.get(row["file"])
        view = f'<a href="{escape(link)}">{escape(t["view"])}</a>' if link else ""
        cells.append(f"<td>{view}</td>")
        cells.append(_cell(row["file"]))
        body.append(f'<tr data-status="{escape(status)}">{"".join(cells)}</tr>')
    if plots_available():
        with warnings.catch_warnings():
            # Without a CJK font matplotlib measures the labels with another and says so for each
            # glyph; the SVG keeps its text as text, which the browser draws with its own fonts.
            warnings.filterwarnings("ignore", "Glyph .* missing from", UserWarning)
            plots = f'<div class="gk-plots">{_plots(files, by_rule, received, t)}</div>'
    else:
        plots = f'<p class="gk-note" id="gk-no-plots">{escape(t["no_plots"])}</p>'
    html_lang = "en" if lang == "en" else "zh-CN"
    page = (
        f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="gkmodel">\n<title>{escape(t["title"])}</title>\n'
        f"<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{escape(t['title'])}</h1>\n"
        f"<p>{len(files)} {escape(t['reports'])}。{escape(t['sort'])}</p>\n"
        f'<div class="gk-scroll"><table class="gk-index"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>\n{plots}\n"
        f"<script>\n{SORT_SCRIPT}</script>\n</body>\n</html>\n"
    )
    target = out / INDEX_NAME
    write_text_atomic(target, page)
    return target
