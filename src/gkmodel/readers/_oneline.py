"""A table run on one line (crawler text) cut into rows where a number meets a row label.

A crawler that flattens a page writes a table as ``规章 1 0 11行政规范性文件 8 26 66``:
cells joined by a space (or by nothing), rows and paragraphs by nothing, blank cells
gone without a trace.  Such text is cut into lines only where the boundary is certain:
after a sentence's end (``。``), and where a number (or a unit or note closing a cell)
meets an official row label of the table (``…26行政规范性文件``, ``…829722.其他法律…``:
the row numbers of table 三 are one digit).  A number followed by anything else (a note
starting with digits, ``…0.0587999。``) has no visible end, so it is left in the text,
where it is no value.

The lines are marked ``run_on``; the table readers take such a line's values only when
they are exactly its row's, after its own label, never split by the table's arithmetic
nor placed by position (otherwise the row's cells are unreadable).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

from gkmodel.model.layout import sections, table_rows
from gkmodel.model.report import REPORT_CLASSES
from gkmodel.readers._common import Candidate, State, Value, candidates, parse_value
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize

__all__ = ["ONE_LINE", "by_own_label", "own_rows", "relined", "unfolded"]

ONE_LINE = 2
"""A table section of at most this many lines (and no table rows) is a table run on one line."""

_MIN_NUMBERS = 4  # a line with fewer numbers is not a table
_NUMBERS = re.compile(r"\d+")
_CELL_END = frozenset("0123456789）)个件条项次元")
_LOOKAHEAD = 80  # characters normalised to compare with a label


def unfolded(text: str) -> tuple[str, int | None]:
    """``text`` whose one line was cut at a fixed width, joined back as it was; and that width
    (None for text not so cut, returned as it is).

    A line cut every ``width`` characters (every line but the last as long) or, as ``fold -s``
    does, after a space (every line but the last ending in one) loses nothing at a break, so
    joining the lines gives the line back exactly: a number or a heading cut by a break is
    whole again.

    >>> line = "一二三四五六七八九十" * 2
    >>> joined, width = unfolded(f"{line}\\n{line}\\n{line}\\n一二三四五\\n")
    >>> joined == line * 3 + "一二三四五\\n", width
    (True, 20)
    >>> unfolded("二、主动公开政府信息情况\\n三、收到和处理政府信息公开申请情况\\n")[1] is None
    True
    """
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) < _FOLDED_LINES or not all(lines):
        return text, None
    width = len(lines[0])
    if width >= _FOLDED_WIDTH and all(len(x) == width for x in lines[1:-1]):
        if len(lines[-1]) > width:
            return text, None
    elif all(x.endswith(" ") for x in lines[:-1]):
        width = max(len(x) for x in lines)
    else:
        return text, None
    return "".join(lines) + "\n", width


_FOLDED_LINES = 4  # fewer lines of one width may be chance
_FOLDED_WIDTH = 20


@cache
def row_starts(section: str) -> tuple[str, ...]:
    """The labels (rows and groups, both editions) that open a row of ``section``'s table."""
    labels: set[str] = set()
    for cls in REPORT_CLASSES.values():
        for spec in sections(cls):
            if spec.name == section and spec.info.target is not None:
                for row in table_rows(spec.info.target, (section,)):
                    labels.update(normalize(x) for x in row.labels)
    return tuple(sorted(labels, key=len, reverse=True))


def cut(text: str, starts: tuple[str, ...]) -> list[str]:
    """``text`` cut after each ``。`` and where a cell's end meets one of ``starts``.

    >>> cut("规章 1 0 11行政规范性文件 8 26 66", ("规章", "行政规范性文件"))
    ['规章 1 0 11', '行政规范性文件 8 26 66']
    >>> cut("收费 0.0587999。作。", ("收费",))  # where the number ends does not show
    ['收费 0.0587999。', '作。']
    """
    pieces: list[str] = []
    begin = 0
    for k in range(1, len(text)):
        if text[k].isspace():
            continue
        j = k - 1
        while j > begin and text[j].isspace():
            j -= 1
        if text[j] == "。" or (
            text[j] in _CELL_END and normalize(text[k : k + _LOOKAHEAD]).startswith(starts)
        ):
            pieces.append(text[begin:k])
            begin = k
    pieces.append(text[begin:])
    return [p.strip() for p in pieces if p.strip()]


def relined(items: list[Item], state: State, section: str, name: str) -> list[Item]:
    """``items`` of the table section ``name`` (numeral ``section``), a table run on one
    line cut into rows (:func:`cut`), as are the lines of a table of lines that hold more than
    one row (a table run on one line, then broken at a fixed width); a table of rows as it
    is."""
    if any(isinstance(i, Row) for i in items):  # a table of rows: cut, but for a line of
        return _several_rows_cut(items, state, section, name)  # several rows among them
    if len(items) > ONE_LINE:
        return _lines_of_rows(items, state, section, name)
    out: list[Item] = []
    for item in items:
        if isinstance(item, Line) and len(_NUMBERS.findall(item.text)) >= _MIN_NUMBERS:
            pieces = cut(item.text, row_starts(name))
            out.extend(Line(p, run_on=True) for p in pieces)
            state.add(
                "one-line",
                "a table run on one line was cut into rows where a number meets a row label",
                section=section,
                found=item.text[:60] + "…",
                action=f"{len(pieces)} lines",
            )
        else:
            out.append(item)
    return _broken_numbers(out, state, section, row_starts(name)) if len(items) > 1 else out


def _several_rows_cut(items: list[Item], state: State, section: str, name: str) -> list[Item]:
    """``items`` of a table of rows with each line among them that holds more than one row (a
    line that left the columns of an aligned table) cut into rows, marked ``run_on``."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Row) and not item.extents:
            rows = _rows_of(item, row_starts(name))
            if len(rows) > 1:
                out.extend(rows)
                state.add(
                    "one-line",
                    "a text row holding more than one row of a table was cut into rows where a "
                    "cell after a value opens with a row label",
                    section=section,
                    found=" | ".join(item.cells)[:60] + "…",
                    action=f"{len(rows)} rows",
                )
                continue
        pieces = cut(item.text, row_starts(name)) if isinstance(item, Line) else []
        if len(pieces) > 1:
            out.extend(_pieces(item.text, pieces, state, section))  # type: ignore[union-attr]
        else:
            out.append(item)
    return out


def _pieces(text: str, pieces: list[str], state: State, section: str) -> list[Item]:
    """The rows a line holding several was cut into (:func:`cut`), said as ``one-line``."""
    state.add(
        "one-line",
        "a line holding more than one row of a table was cut into rows where a number meets "
        "a row label",
        section=section,
        found=text[:60] + "…",
        action=f"{len(pieces)} lines",
    )
    return [Line(p, run_on=True) for p in pieces]


_RULE_CELL = re.compile(r"^:?-{3,}:?$")


def _rows_of(row: Row, starts: tuple[str, ...]) -> list[Row]:
    """A text row (Markdown run on one line) cut before each cell that opens with a row label
    right after a value (or a blank) cell; the cells of a rule (``---``) are dropped."""
    cells = [c for c in row.cells if not _RULE_CELL.match(c.strip())]
    cuts = [
        k
        for k in range(1, len(cells))
        if normalize(cells[k].strip("*_ ")).startswith(starts)
        and parse_value(cells[k - 1]) is not None
    ]
    if not cuts:
        return [row]
    bounds = [0, *cuts, len(cells)]
    return [Row(tuple(cells[a:b]), row.table) for a, b in pairwise(bounds)]


def _lines_of_rows(items: list[Item], state: State, section: str, name: str) -> list[Item]:
    """``items`` of a table of lines, those that hold more than one row (text run on one line
    and broken at a fixed width) cut into rows as :func:`cut` does, marked ``run_on``; in
    such text, a break between two digits may cut a number in two (:func:`_broken_numbers`)."""
    starts = row_starts(name)
    out: list[Item] = []
    broken = False  # lines broken at a fixed width, not at the rows' ends
    for item in _cells_joined(items, state, section):
        if isinstance(item, Line) and len(_NUMBERS.findall(item.text)) >= 1:
            pieces = cut(item.text, starts)
            lead = _LEAD.match(item.text)
            broken = (
                broken
                or len(pieces) > 1
                or (
                    lead is not None
                    and not item.indent
                    and not _opens_row(item.text, starts)
                    and bool(item.text[lead.end() :].strip(" \u3000"))
                )
            )
            if len(pieces) > 1:
                out.extend(_pieces(item.text, pieces, state, section))
                continue
        out.append(item)
    return _broken_numbers(out, state, section, starts) if broken else out


def _cells_joined(items: list[Item], state: State, section: str) -> list[Item]:
    """``items`` with each run of lines of one number right after a line that ends in no number
    (a label) joined to that line: a table copied from a PDF viewer or a page one cell a line
    (``一、本年新收…`` / ``3001`` / ``53`` / …) made a row, its label and its values on one
    line.  Blank cells that left no line behind leave the row short, and unread."""
    out: list[Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        out.append(item)
        k += 1
        if not isinstance(item, Line) or _ENDS_IN_A_NUMBER.search(item.text):
            continue  # (a label may open with its row's number: 1.属于国家秘密)
        end = k
        while end < len(items) and _one_number(items[end]):
            end += 1
        if end - k >= 2:
            values = " ".join(i.text for i in items[k:end] if isinstance(i, Line))
            out[-1] = Line(f"{item.text} {values}", indent=item.indent, run_on=True)
            state.add(
                "one-line",
                "a row's cells one a line, joined into one line",
                section=section,
                found=f"{item.text[:30]} / {values[:40]}",
                action=f"{end - k} values",
            )
            k = end
    return out


def _one_number(item: Item) -> bool:
    return isinstance(item, Line) and _ONE_NUMBER.fullmatch(item.text) is not None


_ENDS_IN_A_NUMBER = re.compile(r"\d$")
_NUMBERING_CUT = re.compile(r"[.．、]\s*[\u4e00-\u9fff“]")
_ONE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LEAD = re.compile(r"(\d[\d,.]*)(?=\s|$|[^\d.,])")
_TAIL = re.compile(r"(?<![\d.,])(\d[\d,.]*)$")
_A_NUMBER = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")


def _opens_row(text: str, starts: tuple[str, ...]) -> bool:
    """Whether ``text`` opens with a row label, or with the start of one broken off
    (``2、申请人逾期未按收费通知要``)."""
    if normalize(text[:_LOOKAHEAD]).startswith(starts):
        return True
    head = normalize(text.split(maxsplit=1)[0]) if text.strip() else ""
    return _CJK.search(head) is not None and any(s.startswith(head) for s in starts)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _broken_numbers(
    items: list[Item], state: State, section: str, starts: tuple[str, ...]
) -> list[Item]:
    """Lines of text broken at a fixed width whose break falls between two digits: the
    number ending one line and the number opening the next may be one number cut in two
    (``…0 0 45`` and ``4 （三）不予公开``, printed ``454``).  Neither is read: the number
    ending the line is taken out of its row (which is then unread, its values short) and
    the number opening the next is ignored; each a ``stray-value``."""
    out = list(items)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not (isinstance(a, Line) and isinstance(b, Line)) or b.indent:
            continue
        tail, lead = _TAIL.search(a.text), _LEAD.match(b.text)
        if tail is None:
            continue
        if _NUMBERING_CUT.match(b.text):
            # ``… 0 54`` / ``.保护第三方合法权益``: the next row's number may end the line (5 and 4)
            why = ("a line ending in a number, the next opening with the point of a row's "
                   "number: the number may end with the next row's number")  # fmt: skip
            found, action = f"{tail.group(1)} / {b.text[:8]}", "not read, its row left unread"
        elif lead is None or _opens_row(b.text, starts):
            continue
        elif not _A_NUMBER.fullmatch(normalize(tail.group(1) + lead.group(1))):
            continue  # 0 and 5 are two numbers: no number is written 05
        else:
            why = ("a line broken between two digits: the numbers on either side may be one "
                   "number cut in two")  # fmt: skip
            found, action = (
                f"{tail.group(1)} / {lead.group(1)}",
                "neither read, the row of the first left unread",
            )
            out[k + 1] = Line(b.text[lead.end() :].strip(), run_on=True)
        state.add("stray-value", why, section=section, found=found, action=action)
        out[k] = Line(a.text[: tail.start()].rstrip(), run_on=True)
    return [i for i in out if not isinstance(i, Line) or i.text]


def by_own_label(
    found: Sequence[Candidate], labels: Sequence[str], state: State, table: str
) -> list[tuple[int, int, float]]:
    """Rows of text run on one line paired with the official row whose label ends theirs.

    Nothing is placed by its position or a loose label: the values after a label are
    that row's only when the label is its own (the longest official label the text
    ends with); a row claimed twice is paired with neither.
    """
    norm = [normalize(x) for x in labels]
    claims: dict[int, list[int]] = {}
    for ci, c in enumerate(found):
        ends = [oj for oj, lbl in enumerate(norm) if lbl and c.label.endswith(lbl)]
        if not ends:
            state.add(
                "stray-value",
                "numbers after no row label of the table (text run on one line)",
                table=table,
                found=c.raw,
                action="ignored",
            )
            continue
        claims.setdefault(max(ends, key=lambda oj: len(norm[oj])), []).append(ci)
    for oj, cis in claims.items():
        if len(cis) > 1:
            state.add(
                "duplicate-row",
                "a row label seen twice in text run on one line",
                table=table,
                row=labels[oj],
                found=" / ".join(found[ci].raw for ci in cis),
                action="neither read",
            )
    return sorted((cis[0], oj, 1.0) for oj, cis in claims.items() if len(cis) == 1)


def own_rows(
    items: Sequence[Item], labels: Sequence[str], width: int, state: State, table: str
) -> dict[int, tuple[Value, ...]] | None:
    """The rows of a table run on one line read by their own label with all ``width`` of
    their values, by index of ``labels``; None when ``items`` are not such a table."""
    run_on = [c for c in candidates(items, width) if isinstance(c, Candidate) and c.run_on]
    if not run_on:
        return None
    pairs = by_own_label(run_on, labels, state, table)
    return {oj: run_on[ci].values for ci, oj, _ in pairs if not run_on[ci].partial}
