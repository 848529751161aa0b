"""Page transformations seen on real sites, over gkmodel's rendered HTML or text.

Each is a function ``(page, rnd) -> page``: ``page`` is what :func:`gkmodel.render`
wrote (``to="html"`` or ``to="text"``), ``rnd`` a :class:`random.Random` that picks
among the forms (the wordings the editions declare, and a few plausible ones not seen in
the corpus: :data:`PLAUSIBLE`, :data:`SUFFIXES`).  They change how the report is
*presented* (where the title sits, how headings are written, how the page was served or
crawled), never a number, so a reader must give the report's numbers back or mark the
cells it could not read.
Every HTML transformation drops gkmodel's embedded JSON first: real pages carry none.

>>> import random
>>> indented_headings("一、总体情况\\n\\n　　正文。", random.Random(0))
'　　一、总体情况\\n\\n　　正文。'

The catalogue is :data:`PAGE_TRANSFORMS` (name → function), re-exported by
:mod:`gkmodel.testing`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from gkmodel.editions import section_headings

__all__ = [
    "PAGE_TRANSFORMS",
    "bracketed_suffixes",
    "cells_one_a_line",
    "cms_fragment",
    "cms_prefixes",
    "hard_wrapped",
    "heading_after_table",
    "heading_dropped",
    "heading_with_sentence",
    "headings_in_layout_table",
    "indented_headings",
    "one_line",
    "strip_embedded",
    "title_outside_body",
    "variant_headings",
]

PageTransform = Callable[[str, random.Random], str]

_HEADINGS = tuple(h.heading for h in section_headings())
_NUMERALS = {h.heading: h.numeral for h in section_headings()}
_RULE = re.compile(r"^-+(?:  -+)*$")  # the rule under a table's header in gkmodel's text
_TABLE_HEADINGS = tuple(h.heading for h in section_headings() if h.table)
_JSON = re.compile(r'<script type="application/json"[^>]*>.*?</script>\s*', re.DOTALL)
_H2 = re.compile(r"<h2>(.*?)</h2>")

PLAUSIBLE: dict[str, tuple[str, ...]] = {
    "三": ("收到和处理政府信息公开申请的情况",),
    "六": ("其他需报告的事项",),
}
"""Plausible wordings of section headings, not seen in the corpus: they exercise the readers'
tolerance of a close variant, which no edition declares (test data, never read)."""


def _variants() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for h in section_headings():
        out[h.numeral] = tuple(dict.fromkeys((*out.get(h.numeral, ()), *h.variants)))
    for numeral, wordings in PLAUSIBLE.items():
        out[numeral] = (*out.get(numeral, ()), *wordings)
    return out


VARIANTS: dict[str, tuple[str, ...]] = _variants()
"""Other wordings of section headings, by section numeral: those the editions declare
(``heading_variants``, each with where it was seen) and the :data:`PLAUSIBLE` ones."""

SUFFIXES = ("（有关情况附表）", "（附表）", "（见下表）")
"""Plausible bracketed suffixes after a section heading (not seen in the corpus)."""

_CHROME_LINKS = ("首页", "政务公开", "政策文件", "政府信息公开年报", "互动交流", "办事服务")


def _is_html(page: str) -> bool:
    return page.lstrip().startswith("<")


def strip_embedded(page: str) -> str:
    """``page`` without gkmodel's embedded JSON (real pages carry none)."""
    return _JSON.sub("", page)


def _body(page: str) -> str:
    """The inside of ``<body>`` (the whole page when it has none), without embedded JSON."""
    page = strip_embedded(page)
    m = re.search(r"<body[^>]*>(.*)</body>", page, re.DOTALL)
    return m.group(1) if m else page


def _title(page: str) -> str | None:
    m = re.search(r"<h1>(.*?)</h1>", page) if _is_html(page) else None
    if m:
        return m.group(1)
    if not _is_html(page):
        first = page.strip().splitlines()
        return first[0].strip() if first else None
    return None


def cms_fragment(page: str, rnd: random.Random) -> str:
    """A CMS page body: a ``<div>`` with site chrome before it, no ``<html>``/``<body>``.

    The chrome (breadcrumbs, menus) takes 20–60 KB, so the first ``<table>`` is far in.
    """
    if not _is_html(page):
        return page
    links = " | ".join(_CHROME_LINKS)
    menu = "".join(
        f'<li><a href="/c/{n}.html">{rnd.choice(_CHROME_LINKS)}</a></li>'
        for n in range(rnd.randint(400, 1200))
    )
    return (
        f'<div class="top"><div class="crumb">当前位置：{links}</div><ul class="menu">{menu}</ul>'
        f'</div>\n<div class="article-content">\n{_body(page)}\n</div>\n'
        '<div class="footer"><p>主办单位：本网站 网站标识码：0000000000</p></div>\n'
    )


def indented_headings(page: str, rnd: random.Random) -> str:
    """Section headings indented with two ideographic spaces (U+3000), as typed in Word."""
    del rnd
    if _is_html(page):
        page = strip_embedded(page)
        return _H2.sub(lambda m: f"<p>\u3000\u3000{m.group(1)}</p>", page)
    lines = page.split("\n")
    return "\n".join(f"\u3000\u3000{x}" if x in _HEADINGS else x for x in lines)


def heading_with_sentence(page: str, rnd: random.Random) -> str:
    """A heading and the first sentence of its section on one line."""
    sep = rnd.choice(["", "\u3000", " "])
    if _is_html(page):
        page = strip_embedded(page)
        return re.sub(
            r"<h2>(.*?)</h2>\s*<p class=\"gk-body\">(.*?)</p>",
            lambda m: f"<p>{m.group(1)}{sep}{m.group(2)}</p>",
            page,
        )
    lines = page.split("\n")
    out: list[str] = []
    k = 0
    while k < len(lines):
        x = lines[k]
        nxt = lines[k + 2] if k + 2 < len(lines) else ""
        if x in _HEADINGS and lines[k + 1 : k + 2] == [""] and nxt.startswith("\u3000\u3000"):
            out.append(x + sep + nxt[2:])
            k += 3
            continue
        out.append(x)
        k += 1
    return "\n".join(out)


def headings_in_layout_table(page: str, rnd: random.Random) -> str:
    """The whole report in one layout table: a row per heading, a row per section's content.

    The official tables sit inside the layout table's cells (nested tables).
    """
    del rnd
    if not _is_html(page):
        return page
    body = _body(page)
    parts = re.split(r"(<h2>.*?</h2>)", body)
    rows = [f"<tr><td>{parts[0]}</td></tr>"]
    for k in range(1, len(parts), 2):
        heading = _H2.sub(lambda m: f"<p><strong>{m.group(1)}</strong></p>", parts[k])
        rows.append(f"<tr><td>{heading}</td></tr>")
        rows.append(f"<tr><td>{parts[k + 1]}</td></tr>")
    return '<table width="100%" border="0">' + "".join(rows) + "</table>"


def _replace_headings(page: str, change: Callable[[str], str]) -> str:
    if _is_html(page):
        page = strip_embedded(page)
        return _H2.sub(lambda m: f"<h2>{change(m.group(1))}</h2>", page)
    return "\n".join(change(x) if x in _HEADINGS else x for x in page.split("\n"))


def bracketed_suffixes(page: str, rnd: random.Random) -> str:
    """Headings with a suffix in brackets: ``二、主动公开政府信息情况（有关情况附表）``."""
    return _replace_headings(page, lambda h: h + rnd.choice(SUFFIXES))


def variant_headings(page: str, rnd: random.Random) -> str:
    """Headings in other wordings, declared or plausible (:data:`VARIANTS`)."""

    def change(heading: str) -> str:
        numeral = _NUMERALS[heading]
        wordings = VARIANTS.get(numeral)
        return f"{numeral}、{rnd.choice(wordings)}" if wordings else heading

    return _replace_headings(page, change)


def one_line(page: str, rnd: random.Random) -> str:
    """The page body as a crawler extracts it: all its text on one line.

    Paragraphs run on with nothing between them; table cells are joined by one space
    (or, as some crawlers do, by nothing, so that numbers run together).
    """
    cell = rnd.choice([" ", " ", ""])
    if _is_html(page):
        body = _body(page)
        body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", body, flags=re.DOTALL)
        body = re.sub(r"</t[dh]>", cell, body)
        body = re.sub(r"</tr>", cell, body)
        text = re.sub(r"<[^>]+>", "", body)
        text = re.sub(r"&lt;", "<", re.sub(r"&gt;", ">", re.sub(r"&amp;", "&", text)))
        parts = [x.strip() for x in text.split("\n")]
    else:
        parts = [x.strip() for x in page.split("\n")]
    return re.sub(r" {2,}", " ", "".join(p for p in parts if p)) + "\n"


def hard_wrapped(page: str, rnd: random.Random) -> str:
    """The page as :func:`one_line` text, then wrapped at a fixed width as some crawlers and
    mail tools store it: every ``width`` characters (a break may fall inside a number, a label
    or a heading); as ``fold -s`` does, after the last space that fits (kept at the line's
    end); or as ``textwrap`` does, at that space, dropped (then a break between two numbers
    does not show whether it cut one)."""
    text = one_line(page, rnd).rstrip("\n")
    width = rnd.randint(30, 200)
    how = rnd.choice(["chars", "fold -s", "textwrap"])
    if how == "chars":
        return "\n".join(text[k : k + width] for k in range(0, len(text), width)) + "\n"
    lines, start = [], 0
    while len(text) - start > width:
        space = text.rfind(" ", start, start + width)
        end = space + 1 if space > start else start + width
        lines.append(text[start:end] if how == "fold -s" else text[start:end].rstrip(" "))
        start = end
    lines.append(text[start:])
    return "\n".join(lines) + "\n"


def cells_one_a_line(page: str, rnd: random.Random) -> str:
    """The page as text copied from a PDF viewer or some pages: every table cell on a line of
    its own, blank cells leaving no line (or, one time in two, an empty line between every
    two lines, so that a blank cell shows nothing either)."""
    if _is_html(page):
        body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", _body(page), flags=re.DOTALL)
        body = re.sub(r"</(t[dh]|tr|p|h\d|div|li|caption)>", "\n", body)
        text = re.sub(r"<[^>]+>", "", body)
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        lines = [x.strip() for x in text.split("\n")]
    else:  # gkmodel's text: the columns of an aligned table are two spaces or more apart
        lines = [
            cell
            for line in page.split("\n")
            if not _RULE.match(line.strip())
            for cell in re.split(r"\s{2,}", line.strip())
        ]
    sep = rnd.choice(["\n", "\n\n"])
    return sep.join(x for x in lines if x) + "\n"


def cms_prefixes(page: str, rnd: random.Random) -> str:
    """The title given as ``标题：…``, with the CMS's ``发布时间：`` / ``来源：`` lines before it.

    The published date is the report's (from its signature), the source its organ.
    """
    title = _title(page)
    if title is None:
        return page
    date_m = re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", page)
    lines = [f"标题：{title}"]
    meta = []
    if date_m:
        y, m, d = date_m[-1]
        meta.append(f"发布时间：{int(y):04d}-{int(m):02d}-{int(d):02d} {rnd.randint(8, 18):02d}:00")
    signature = re.findall(r'<div class="gk-signature"><p>(.*?)</p>', page)
    if signature:
        meta.append(f"来源：{signature[0]}")
    meta.append(f"索引号：{rnd.randint(10**8, 10**9 - 1)}/{rnd.randint(2019, 2030)}-00001")
    lines.append(rnd.choice(["  ", "\u3000"]).join(meta))
    if _is_html(page):
        page = strip_embedded(page)
        head = "".join(f"<p>{x}</p>" for x in lines)
        return re.sub(r"<h1>.*?</h1>", lambda _: head, page, count=1)
    _, _, rest = page.partition("\n")
    return "\n".join(lines) + "\n" + rest


def title_outside_body(page: str, rnd: random.Random) -> str:
    """The title only in the HTML page's ``<title>`` (site templates put it in a banner)."""
    del rnd
    if not _is_html(page):
        return page
    return re.sub(r"<h1>.*?</h1>\s*", "", strip_embedded(page), count=1)


def heading_dropped(page: str, rnd: random.Random) -> str:
    """A table section's heading (二, 三 or 四) left out: its table follows the section before."""
    heading = rnd.choice(_TABLE_HEADINGS)
    if _is_html(page):
        return strip_embedded(page).replace(f"<h2>{heading}</h2>", "", 1)
    lines = page.split("\n")
    return "\n".join(x for x in lines if x != heading)


def heading_after_table(page: str, rnd: random.Random) -> str:
    """A table section's table placed after the next section's heading (a layout slip).

    Its heading and its sentences stay where they are; the table (the span from its
    first table line to its last, 二's items with their captions) moves.
    """
    heading = rnd.choice(_TABLE_HEADINGS)
    following = _HEADINGS[_HEADINGS.index(heading) + 1]
    if _is_html(page):
        page = strip_embedded(page)
        at, nxt = page.find(f"<h2>{heading}</h2>"), page.find(f"<h2>{following}</h2>")
        first, last = page.find("<table", at, nxt), page.rfind("</table>", at, nxt)
        if min(at, nxt, first, last) < 0:
            return page
        table, end = page[first : last + len("</table>")], nxt + len(f"<h2>{following}</h2>")
        return page[:first] + page[last + len("</table>") : end] + table + page[end:]
    lines = page.split("\n")
    if heading not in lines or following not in lines:
        return page
    at, nxt = lines.index(heading), lines.index(following)
    blocks: list[list[int]] = [[]]  # the section's blocks of lines, blank lines between
    for k in range(at + 1, nxt):
        if lines[k].strip():
            blocks[-1].append(k)
        elif blocks[-1]:
            blocks.append([])
    rows = [k for b in blocks if any(_RULE.match(lines[j]) for j in b) for k in b]
    if not rows:
        return page
    moved = lines[rows[0] : rows[-1] + 1]
    rest = lines[: rows[0]] + lines[rows[-1] + 1 :]
    nxt = rest.index(following)
    return "\n".join([*rest[: nxt + 1], "", *moved, "", *rest[nxt + 1 :]])


PAGE_TRANSFORMS: dict[str, PageTransform] = {
    "cms_fragment": cms_fragment,
    "indented_headings": indented_headings,
    "heading_with_sentence": heading_with_sentence,
    "headings_in_layout_table": headings_in_layout_table,
    "bracketed_suffixes": bracketed_suffixes,
    "variant_headings": variant_headings,
    "one_line": one_line,
    "cells_one_a_line": cells_one_a_line,
    "hard_wrapped": hard_wrapped,
    "cms_prefixes": cms_prefixes,
    "title_outside_body": title_outside_body,
    "heading_dropped": heading_dropped,
    "heading_after_table": heading_after_table,
}
"""The document-level transformations, by name (table-level ones live beside them)."""
