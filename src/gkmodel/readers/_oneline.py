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

from gkmodel.model.layout import sections, table_rows
from gkmodel.model.report import REPORT_CLASSES
from gkmodel.readers._common import Candidate, State, Value, candidates
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize

__all__ = ["ONE_LINE", "by_own_label", "own_rows", "relined"]

ONE_LINE = 2
"""A table section of at most this many lines (and no table rows) is a table run on one line."""

_MIN_NUMBERS = 4  # a line with fewer numbers is not a table
_NUMBERS = re.compile(r"\d+")
_CELL_END = frozenset("0123456789）)个件条项次元")
_LOOKAHEAD = 80  # characters normalised to compare with a label


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
    line cut into rows (:func:`cut`); a table of rows or of lines as it is."""
    if len(items) > ONE_LINE or any(isinstance(i, Row) for i in items):
        return items  # a table of rows or of lines: already cut
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
    return out


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
