"""Table transformations seen on real sites, applied to gkmodel's own rendered HTML.

Each is a function ``(html, rnd) -> html`` that takes a page rendered by
``gkmodel.render(report, to="html")`` and returns it as a CMS or Word would
have published it, drawing its choices from ``rnd`` (a :class:`random.Random`)
so that a test can replay it.  They are catalogued in :data:`TABLE_TRANSFORMS`
and re-exported by :mod:`gkmodel.testing` (together with the document-level
transformations, in the same shape).

Every transformation but :func:`without_embedded_json` keeps gkmodel's
embedded JSON; compose with it to make a reader read the visible tables.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

__all__ = [
    "TABLE_TRANSFORMS",
    "data_row_duplicated",
    "extra_cell",
    "first_value_colspan",
    "footnote_mark",
    "group_span_short",
    "missing_cell",
    "split_table",
    "swapped_columns",
    "width_span_mismatch",
    "without_embedded_json",
    "word_html",
]

Transform = Callable[[str, random.Random], str]

_SCRIPT = re.compile(r'<script type="application/json" id="gkmodel-report">.*?</script>', re.S)
_TABLE3 = re.compile(r'(<table class="gk-table gk-table-三".*?</table>)', re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])([^>]*)>(.*?)</t[hd]>", re.S)


def without_embedded_json(html: str, rnd: random.Random) -> str:
    """The page without gkmodel's embedded JSON (as a CMS that strips scripts serves it)."""
    return _SCRIPT.sub("", html)


def word_html(html: str, rnd: random.Random) -> str:
    """Word's "save as web page": ``mso-*`` styles, ``<o:p>``, text split across
    ``<span>``/``<font>`` runs, and cells of several ``<p>`` paragraphs."""

    def cell(m: re.Match[str]) -> str:
        tag, attrs, text = m.group(1), m.group(2), m.group(3)
        style = ' style="mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"'
        if text and rnd.random() < 0.5:
            k = rnd.randrange(len(text) + 1)
            amp = text.rfind("&", 0, k)
            if amp != -1 and ";" not in text[amp:k]:
                k = amp  # Word splits runs between characters, never inside a reference (&#x27;)
            body = (
                f'<span lang="EN-US" style="font-size:10.5pt;mso-bidi-font-size:11pt">{text[:k]}'
                f'</span><font face="宋体">{text[k:]}</font>'
            )
        else:
            body = f'<span style="font-family:宋体">{text}</span>'
        if not text[:1].isdigit() and rnd.random() < 0.3:
            body = (
                f'<p class="MsoNormal" align="center">{body}</p>'
                '<p class="MsoNormal"><o:p></o:p></p>'
            )
        else:
            body = f'<p class="MsoNormal" align="center">{body}<o:p></o:p></p>'
        return f"<{tag}{attrs}{style}>{body}</{tag}>"

    return _in_tables(html, lambda t: _CELL.sub(cell, t))


def swapped_columns(html: str, rnd: random.Random) -> str:
    """Two applicant columns of table 三 swapped together with their headers."""
    a, b = sorted(rnd.sample(range(5), 2))

    def table(t: str) -> str:
        rows = _ROW.findall(t)
        out = t
        for row in rows:
            cells = [m.group(0) for m in _CELL.finditer(row)]
            if "商业企业" in row:
                idx = [0, 1, 2, 3, 4]
            elif 'class="gk-value"' in row:
                first = next(k for k, c in enumerate(cells) if 'class="gk-value"' in c)
                idx = [first + 1 + k for k in range(5)]
            else:
                continue
            cells[idx[a]], cells[idx[b]] = cells[idx[b]], cells[idx[a]]
            out = out.replace(f"<tr>{row}</tr>", "<tr>" + "".join(cells) + "</tr>", 1)
        return out

    return _TABLE3.sub(lambda m: table(m.group(1)), html)


def _value_rows(html: str, rnd: random.Random, edit: Callable[[list[str], int], list[str]]) -> str:
    """Apply ``edit(cells, first value index)`` to one data row of table 三 drawn by ``rnd``."""

    def table(t: str) -> str:
        rows = [r for r in _ROW.findall(t) if 'class="gk-value"' in r]
        row = rnd.choice(rows)
        cells = [m.group(0) for m in _CELL.finditer(row)]
        first = next(k for k, c in enumerate(cells) if 'class="gk-value"' in c)
        return t.replace(f"<tr>{row}</tr>", "<tr>" + "".join(edit(cells, first)) + "</tr>", 1)

    return _TABLE3.sub(lambda m: table(m.group(1)), html)


def first_value_colspan(html: str, rnd: random.Random) -> str:
    """A data row of table 三 whose first value has ``colspan=2`` where its header has one."""
    return _value_rows(
        html,
        rnd,
        lambda cells, k: [*cells[:k], cells[k].replace("<td ", '<td colspan="2" ', 1),
                          *cells[k + 1 :]],
    )  # fmt: skip


def extra_cell(html: str, rnd: random.Random) -> str:
    """A data row of table 三 with one cell too many at its end (an empty cell or a stray 0)."""
    extra = rnd.choice(["<td></td>", "<td>0</td>"])
    return _value_rows(html, rnd, lambda cells, k: [*cells, extra])


def missing_cell(html: str, rnd: random.Random) -> str:
    """A data row of table 三 with one value cell missing."""
    j = rnd.randrange(7)
    return _value_rows(html, rnd, lambda cells, k: [c for n, c in enumerate(cells) if n != k + j])


_MARKS = (
    "<sup>{n}</sup>",
    "<sub>{n}</sub>",
    '<span style="vertical-align: super">{n}</span>',
    '<a href="#fn{n}">{n}</a>',
)


def footnote_mark(html: str, rnd: random.Random) -> str:
    """A cell of table 三 with a footnote's mark after its value: ``3119<sup>1</sup>``, a
    subscript, a span raised by its style, or (after a number) a link to the note."""
    n = rnd.randint(1, 9)

    def edit(cells: list[str], k: int) -> list[str]:
        j = k + rnd.randrange(len(cells) - k)
        blank = re.search(r">\s*</td>$", cells[j]) is not None
        mark = rnd.choice(_MARKS[:3] if blank else _MARKS).format(n=n)
        return [*cells[:j], re.sub(r"</td>$", mark + "</td>", cells[j]), *cells[j + 1 :]]

    return _value_rows(html, rnd, edit)


def group_span_short(html: str, rnd: random.Random) -> str:
    """The header 法人或其他组织 of table 三 spanning one column less than its five: the header
    puts 总计 over 其他 (an editor's slip in a CMS table)."""

    def table(t: str) -> str:
        return re.sub(r'colspan="5"(>法人或其他组织<)', r'colspan="4"\1', t, count=1)

    return _TABLE3.sub(lambda m: table(m.group(1)), html)


def data_row_duplicated(html: str, rnd: random.Random) -> str:
    """A data row of table 三 printed twice, the copy with a different first value."""

    def table(t: str) -> str:
        rows = [r for r in _ROW.findall(t) if 'class="gk-value"' in r and 'colspan="3"' in r]
        row = rnd.choice(rows)
        copy = re.sub(
            r'(class="gk-value"[^>]*>)(\d*)(</td>)',
            lambda m: f"{m.group(1)}{int(m.group(2) or 0) + 1}{m.group(3)}",
            row,
            count=1,
        )
        return t.replace(f"<tr>{row}</tr>", f"<tr>{row}</tr><tr>{copy}</tr>", 1)

    return _TABLE3.sub(lambda m: table(m.group(1)), html)


def width_span_mismatch(html: str, rnd: random.Random) -> str:
    """Cells with Word's widths, and data rows of table 三 split differently from the header:
    a value cell spans two grid columns while keeping its width (so grid positions lie and
    widths tell the truth)."""
    label_widths = (60, 80, 160)
    value_width = 50

    def table(t: str) -> str:
        out = []
        below: dict[int, int] = {}  # grid column → rows still covered by a rowspan from above
        for row in _ROW.findall(t):
            col = 0
            new = []
            spanned = False
            covered = {c for c, n in below.items() if n > 0}
            below = {c: n - 1 for c, n in below.items() if n > 1}
            for m in _CELL.finditer(row):
                tag, attrs, text = m.groups()
                while col in covered:
                    col += 1
                span = _attr(attrs, "colspan")
                if _attr(attrs, "rowspan") > 1:
                    for c in range(col, col + span):
                        below[c] = _attr(attrs, "rowspan") - 1
                widths = [label_widths[c] if c < 3 else value_width for c in range(col, col + span)]
                if 'class="gk-value"' in attrs and not spanned and rnd.random() < 0.4:
                    attrs += ' colspan="2"'
                    spanned = True
                new.append(f'<{tag}{attrs} width="{sum(widths)}">{text}</{tag}>')
                col += span
            out.append((row, "".join(new)))
        for old, new_row in out:
            t = t.replace(f"<tr>{old}</tr>", f"<tr>{new_row}</tr>", 1)
        return t

    return _TABLE3.sub(lambda m: table(m.group(1)), html)


def split_table(html: str, rnd: random.Random) -> str:
    """Table 三 broken in two before a data row no cell spans across (a page or section break
    in Word, a page of a CMS): the rest a table of its own, without a header."""

    def table(t: str) -> str:
        head, body = t.split("<tbody>", 1)
        rows = _ROW.findall(body)
        starts = [k for k, r in enumerate(rows) if k and 'colspan="3"' in r.split("</th>", 1)[0]]
        if not starts:  # no row to break the table before (a part broken off already)
            return t
        cut = f"<tr>{rows[rnd.choice(starts)]}</tr>"
        before, after = body.split(cut, 1)
        return (
            f"{head}<tbody>{before}</tbody></table>\n<p>\u00a0</p>\n"
            f'<table class="gk-table gk-table-三" data-table="三"><tbody>{cut}{after}'
        )

    return _TABLE3.sub(lambda m: table(m.group(1)), html)


def _attr(attrs: str, name: str) -> int:
    m = re.search(rf'{name}="(\d+)"', attrs)
    return int(m.group(1)) if m else 1


def _in_tables(html: str, fn: Callable[[str], str]) -> str:
    return re.sub(r"<table.*?</table>", lambda m: fn(m.group(0)), html, flags=re.S)


TABLE_TRANSFORMS: dict[str, Transform] = {
    "without_embedded_json": without_embedded_json,
    "word_html": word_html,
    "swapped_columns": swapped_columns,
    "first_value_colspan": first_value_colspan,
    "extra_cell": extra_cell,
    "footnote_mark": footnote_mark,
    "group_span_short": group_span_short,
    "missing_cell": missing_cell,
    "data_row_duplicated": data_row_duplicated,
    "width_span_mismatch": width_span_mismatch,
    "split_table": split_table,
}
"""The table transformations by name."""
