"""What the readers share: diagnostics, the reading state, values and candidate rows."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from gkmodel.model.common import (
    CellNote,
    MoneyUnit,
)
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something a reader was not sure of, and what it did about it.

    ``code`` is stable: ``loose-label`` (a label matched loosely),
    ``unreadable`` (cells left blank because the source does not show them
    with certainty), ``split`` (a row's digits split by the table's own
    arithmetic), ``cell-note`` (a note written in a cell), ``section-missing``,
    ``stray-value`` (a number outside any row, ignored), ``extra-row`` (a row of table 三
    matching no row of the edition, ignored), ``edition``,
    ``meta`` (metadata inferred or missing), ``unit`` (an amount in a unit the
    cell does not take), ``embedded`` (the report was read from gkmodel's
    embedded JSON), ``tables-disagree`` (the embedded JSON and the visible
    tables differ), ``embedded-unchecked`` (a warning: the visible tables
    cannot be found, so the embedded JSON is unchecked), ``local-table`` (a
    table in a text section kept as text), ``one-line`` (a table run on one
    line cut into rows), ``realigned`` (a table row's values placed under their
    header columns by the cells' extents or by position, chosen by the table's
    own sums), ``row-shape`` (a table row with more or fewer value cells than its
    header has columns), ``duplicate-row`` (a row label seen twice in one
    table), ``page-break`` (a table row cut by a page break, joined again),
    ``table-elsewhere`` (an official table found by its signature
    outside its section), ``table-twice`` (its signature in several sections),
    ``table-mixed`` (one table carrying several signatures), ``table-ambiguous``
    (an official table that cannot be told with certainty: its cells blank).
    A ``loose-label`` with a ``section`` and no ``table`` is a section heading
    matched loosely.
    """

    code: str
    message: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    path: str | None = None
    found: str | None = None
    action: str = ""

    def __str__(self) -> str:
        where = "/".join(x for x in (self.table and f"表{self.table}", self.row, self.column) if x)
        parts = [self.code, self.message]
        if where:
            parts.append(f"[{where}]")
        if self.found is not None:
            parts.append(f"found “{shown(self.found)}”")
        if self.action:
            parts.append(f"→ {self.action}")
        return " ".join(parts)


def shown(text: str) -> str:
    """``text`` as a person reads it: every character itself (``\u3000`` stays a wide space),
    only control characters such as a line break written as escapes (``\n``)."""
    return "".join(
        repr(ch)[1:-1] if not ch.isprintable() and unicodedata.category(ch) == "Cc" else ch
        for ch in text
    )


# -- values ---------------------------------------------------------------------------------

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?"  # a full-width point too
_VALUE = re.compile(
    rf"^(?:(?P<num>[-−－]?{_NUMBER})\s*(?P<unit>个|件|条|项|次|万元|元|亿元)?)?"
    r"\s*(?:[（(](?P<note>.*)[）)])?$",
    re.S,
)
NUMBER_ONLY = re.compile(rf"^[-−－]?{_NUMBER}$")
"""A number and nothing else (a note that is one may as well be a count in brackets)."""
_BLANKS = {"", "/", "／", "—", "——", "-", "－", "–", "无", "\\"}
_LINE_BLANKS = {"/", "／", "—", "——", "无"}
UNITS = {u.value: u for u in MoneyUnit}


@attrs.frozen
class Value:
    """A cell as found: its number (or None for blank), unit and note."""

    number: Decimal | None
    unit: str | None = None
    note: str | None = None
    raw: str = ""

    @property
    def decimal(self) -> bool:
        """Whether the number was written with a decimal point."""
        return self.number is not None and self.number.as_tuple().exponent != 0


@functools.lru_cache(maxsize=4096)  # the same few cells (0, 1, /) recur by the hundred
def parse_value(token: str, *, line: bool = False) -> Value | None:
    """A value token, or None when ``token`` is not a value.

    A value is a number (with an optional unit such as 个 or 万元) and/or a note
    in brackets, ``22（其中修订 16 件）``; a blank marker is a value without a number.

    >>> parse_value("185.5897万元").number, parse_value("11个").number
    (Decimal('185.5897'), Decimal('11'))
    >>> parse_value("22（其中修订 16 件）").note, parse_value("（二）部分公开") is None
    ('其中修订 16 件', True)
    """
    text = token.strip()
    if text in (_LINE_BLANKS if line else _BLANKS):
        return Value(None, raw=token)
    m = _VALUE.match(text)
    if not m or (m.group("num") is None and m.group("note") is None):
        return None
    note = m.group("note")
    if note is not None and not _balanced(note):
        return None  # e.g. the label （二）部分公开（…）, not a note
    number = m.group("num")
    if number is None and line:
        return None  # in running text a bracketed phrase alone is not a cell
    return Value(
        Decimal(number.replace(",", "").replace("．", ".").replace("−", "-").replace("－", "-"))
        if number
        else None,
        m.group("unit"),
        note,
        raw=token,
    )


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def line_tokens(text: str) -> list[str]:
    text = text.replace("(", "（").replace(")", "）")
    text = re.sub(r"（[^）]*）", lambda m: re.sub(r"\s+", "", m.group(0)), text)
    return text.split()


@attrs.frozen
class Candidate:
    """A row of values found in the source, with the label text around it."""

    label: str  # normalised
    values: tuple[Value, ...]
    raw: str
    partial: bool = False  # fewer values than columns, or more (``over``)
    over: bool = False  # more values than columns: which are the row's is not known
    line: bool = False  # found in running text (not in a table row)
    run_on: bool = False  # cut out of a table run on one line: blank cells may be gone
    wrapped: bool = False  # numbers alone under a label (wrapped text): blank cells may be gone


def candidates(items: Sequence[Item], width: int) -> Iterator[Candidate | str]:
    """Rows of ``width`` values (or partial rows), and label fragments (str) between them."""
    for item in items:
        if isinstance(item, Row):
            cells = list(item.cells)
            if item.copies is not None and any(item.copies):
                # a value cell spanning columns is one value, not one a column it spans
                cells = [
                    c
                    for c, copy in zip(cells, item.copies, strict=True)
                    if not (copy and parse_value(c) is not None)
                ]
            alone = [parse_value(c) for c in cells if c.strip()]
            if len(alone) == 1 and alone[0] is not None and alone[0].number is not None:
                # one number in a row of its own: the rest of a number wrapped in its narrow
                # cell (31 printed 3 over 1), never a row
                yield Candidate("", (alone[0],), " | ".join(cells), partial=True, line=True)
                continue
            if cells and not any(cells[1:]) and len(_NUMBERS.findall(cells[0] + " ")) >= 2:
                numbers = trailing(line_tokens(cells[0]), row=False)
                if len(numbers) == len(line_tokens(cells[0])):  # only numbers, in the label column
                    # a line of values under its label (wrapped text): read as a line of text
                    partial = len(numbers) != width
                    yield Candidate(
                        "", tuple(numbers), cells[0], partial=partial, line=True, wrapped=True
                    )
                    continue
            label, parsed = label_and_values(cells, width)
            spilled = _spilled_label(cells[: len(cells) - len(parsed)])
            if spilled is not None:  # values inside the label's column: which are whose?
                yield Candidate(spilled, (), " | ".join(cells), partial=True)
                continue
            values = [v for v in parsed if v is not None]
            while len(values) > width and values[-1].raw == "":
                values.pop()  # an empty column at the end of a broken Markdown table
            if label and _ONLY_DIGITS.match(label):  # numbers cut apart by the columns
                yield Unlabelling(" | ".join(cells))
                continue
            if not any(v.number is not None or v.note for v in values):
                count = len(_NUMBERS.findall(" ".join(cells) + " "))
                yield Unlabelling(" | ".join(cells)) if count >= 2 else label
                continue
            # A value too many (a footnote's number, a cell added) leaves every value's column in
            # doubt: the row is kept whole, and read only when its own sums tell its values.
            yield Candidate(
                label,
                tuple(values),
                " | ".join(cells),
                partial=len(values) != width,
                over=len(values) > width,
            )
        else:
            tokens = line_tokens(item.text)
            found = trailing(tokens, row=False)
            if not found and tokens and (glued := _GLUED.match(tokens[-1])):
                # a row's last value with a piece of a spanned label run into it (PDF text of a
                # vertically centred cell: ``1288 21 0 0 50 3 1362度办理结``): its row only when
                # the values fill the row
                cut = [*tokens[:-1], glued.group(1)]
                if len(trailing(cut, row=False)) == width:
                    tokens = cut
                    found = trailing(cut, row=False)
            label = normalize("".join(tokens[: len(tokens) - len(found)]))
            over = len(found) > width
            if over and item.run_on:
                found = found[-width:]  # text run on one line: the row's own are its last
            if found:
                yield Candidate(
                    label,
                    tuple(found),
                    item.text,
                    partial=len(found) < width or over,
                    line=True,
                    run_on=item.run_on,
                    over=over and not item.run_on,
                )
            elif len(_NUMBERS.findall(item.text)) >= 2:
                yield Unlabelling(normalize(item.text))
            else:
                yield normalize(item.text)


class Unlabelling(str):
    """A line with numbers that are no row's values (they do not end it): it is no label
    either, so a line of values after it does not take its text as a label."""


_ONLY_DIGITS = re.compile(r"^[\d.,．，]+$")
_GLUED = re.compile(r"^(\d[\d,]*)[\u4e00-\u9fff（）()、]+$")
_NUMBERS = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?=\s)")


def row_name(item: Item, names: Sequence[str], others: Sequence[str]) -> str | None:
    """The one of ``names`` (a row's label and its older wordings) that opens ``item``.

    A line's values are its row's only when no other row's label stands between
    the label and them (a row left blank runs into the next one in crawled text);
    a line cut out of text run on one line carries its label last, just before its
    values.
    """
    if isinstance(item, Row):
        text = normalize(item.cells[0])
    elif item.run_on:
        before = line_label(item)
        ends = [n for n in names if before.endswith(n)]
        return max(ends, key=len) if ends else None
    else:
        text = normalize(item.text)
    for name in sorted(names, key=len, reverse=True):
        if text == name:
            return name
        if text.startswith(name):
            rest = "" if isinstance(item, Row) else line_label(item)[len(name) :]
            return None if any(n in rest for n in others) else name
    return None


def line_label(line: Line) -> str:
    """The text of ``line`` before its values, normalised."""
    tokens = line_tokens(line.text)
    return normalize("".join(tokens[: len(tokens) - len(trailing(tokens, row=False))]))


def label_and_values(cells: Sequence[str], width: int) -> tuple[str, list[Value | None]]:
    """A table row's label (normalised) and its cells after the last label cell, parsed.

    A bracketed text first is a piece of label, not a cell's note: a row's numbering
    (``（一）``, its words in the next row) or the words in brackets of a label cut into a
    row of its own (``（区分处理的，只计这一情形，不计其他情形）``).  So is an empty first cell
    in a row of more cells than the table has columns: the row's label cell, left empty (its
    label on the line above), not a blank value; else the row's last blank cell would be
    taken for an empty column at the end, and its values read one column right."""
    parsed = [parse_value(c) for c in cells]
    first = parsed[0] if parsed else None
    if first is not None and (
        (first.number is None and first.note is not None)
        or (len(parsed) > width and not cells[0].strip())
    ):
        parsed[0] = None
    labelled = [k for k, v in enumerate(parsed) if v is None]
    start = labelled[-1] + 1 if labelled else 0
    return normalize("".join(_unique(list(cells[:start])))), parsed[start:]


def _spilled_label(labels: Sequence[str]) -> str | None:
    """The label (normalised) of a row whose last label cell ends in numbers, without them
    (``（一）予以公开 447 7``: a row of aligned text that lost its padding, its first values
    inside the label's column); else None."""
    tokens = line_tokens(labels[-1]) if labels else []
    numbers = trailing(tokens, row=False)
    if not any(v.number is not None for v in numbers) or len(numbers) == len(tokens):
        return None
    words = " ".join(tokens[: len(tokens) - len(numbers)])
    return normalize("".join(_unique([*labels[:-1], words])))


def numbers_alone(item: Item) -> bool:
    """Whether ``item`` is numbers without any word (a row's values under its label, or the
    rest of a wrapped row)."""
    text = item.text if isinstance(item, Line) else " ".join(item.cells)
    return bool(_NUMBERS.search(text + " ")) and not _IDEOGRAPH.search(text)


def lone_number(item: Item) -> bool:
    """Whether ``item`` is one number alone (the rest of a number wrapped in its narrow cell,
    ``3`` on the row's line and ``1`` below it, or a page's number)."""
    text = item.text if isinstance(item, Line) else " ".join(item.cells)
    return numbers_alone(item) and len(text.split()) == 1


def sums_hold(numbers: Sequence[Decimal | None], sums: Sequence[tuple[int, Sequence[int]]]) -> bool:
    """Whether each (total column, part columns) of ``sums`` holds among ``numbers``; a blank
    holds no sum, and a row with no sums to check is confirmed by none."""
    for total, parts in sums:
        if total >= len(numbers) or any(k >= len(numbers) for k in parts):
            return False
        if numbers[total] is None or any(numbers[k] is None for k in parts):
            return False
        if sum(numbers[k] or 0 for k in parts) != numbers[total]:
            return False
    return bool(sums)


def holding_run(
    values: Sequence[Value], n: int, sums: Sequence[tuple[int, Sequence[int]]]
) -> tuple[Value, ...] | None:
    """The first ``n`` of ``values`` (more than ``n``: a stray number after the row, a footnote's
    number) when their ``sums`` hold and no other run of ``n`` holds them; else None.  Any other
    run is never taken: with small numbers the sums may hold by chance for a run shifted by a
    value added inside the row."""
    runs = [tuple(values[i : i + n]) for i in range(len(values) - n + 1)]
    holding = [k for k, r in enumerate(runs) if sums_hold([v.number for v in r], sums)]
    return runs[0] if holding == [0] else None


_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def trailing(tokens: Sequence[str], *, row: bool) -> list[Value]:
    """The values that end ``tokens`` (a line's, or ``row``'s cells).  On a line, values right
    after a number ending in its point (``96171. 6``, ``30. 01``, as extraction and OCR print
    numbers) are none: they may be the rest of that number."""
    out: list[Value] = []
    for token in reversed(tokens):
        value = parse_value(token, line=not row)
        if value is None:
            if not row and out and _CUT_AT_POINT.match(token):
                return []
            break
        out.append(value)
    return out[::-1]


_CUT_AT_POINT = re.compile(r"^\d[\d,]*[.．]$")


def _unique(cells: Sequence[str]) -> list[str]:
    """Cells with repeats removed (a spanned label repeats after span expansion)."""
    out: list[str] = []
    for c in cells:
        if c and c not in out:
            out.append(c)
    return out


@attrs.define
class State:
    """What a read has found so far.

    ``unplaced`` holds the rows the geometry step could not place (their
    ``unreadable`` diagnostic without a model path yet): the table reader
    gives each its row's path when it knows the row (:meth:`unplaced_for`),
    and adds the rest as they are (:meth:`flush_unplaced`), so that a failed
    row is reported once.
    """

    diagnostics: list[Diagnostic] = attrs.Factory(list)
    notes: list[CellNote] = attrs.Factory(list)
    unplaced: list[Diagnostic] = attrs.Factory(list)

    def add(self, code: str, message: str, **kw: Any) -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message, **kw))

    def unplaced_for(self, table: str, label: str) -> Diagnostic | None:
        """The pending diagnostic of ``table``'s row whose label ends with ``label``.

        Without ``label``, the table's first pending diagnostic.  It is
        removed from the pending ones.
        """
        want = normalize(label)
        for k, d in enumerate(self.unplaced):
            if d.table == table and (not want or normalize(d.row or "").endswith(want)):
                return self.unplaced.pop(k)
        return None

    def pending(self, table: str, label: str) -> bool:
        """Whether a row of ``table`` whose label ends with ``label`` (normalised) is pending
        as unplaced (its cells emptied by the geometry step, never a blank row)."""
        return any(
            d.table == table and normalize(d.row or "").endswith(label) for d in self.unplaced
        )

    def flush_unplaced(self, table: str) -> None:
        """Add ``table``'s pending diagnostics whose row the reader did not name."""
        self.diagnostics += [d for d in self.unplaced if d.table == table]
        self.unplaced = [d for d in self.unplaced if d.table != table]
