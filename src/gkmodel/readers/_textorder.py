"""Lines of text under a header that names the columns in another order than the official one.

Text without cells (``pdftotext -layout`` without a rule, a page copied as plain text, a table
copied one cell a line) writes a row as its label and its values; a header above the rows
that names every column once, in another order (``总计`` first, ``科研机构`` before
``商业企业``), says in which order those values stand. Read in the official order, each value
would sit under another column's header, and the checker blame the organ for the sums this
breaks.

The table's rows, as a whole, say which order is right (as for a table with geometry, see
:func:`gkmodel.readers._rowplace.trusted`): the header's, when more rows' sums hold under it and
not in the official order than the other way round; the official order in the opposite case (a
header drawn wrong), and the text passes unchanged. Otherwise each row's sums decide, and a row
that no order proves is not read; a table without sums (table 二) is read under its header. A row
with fewer values than columns, or more, can never be placed: its blank cells left no trace. The
lines are then marked ``run_on`` (values taken only where they cannot have shifted: a row short
of values is ``unreadable``).
"""

from __future__ import annotations

from collections.abc import Sequence

from gkmodel.readers._columns import Column, loose
from gkmodel.readers._common import State, Value, line_tokens, sums_hold, trailing
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize

__all__ = ["place_lines_by_header"]


def place_lines_by_header(
    items: Sequence[Item],
    columns: Sequence[Column],
    sums: Sequence[tuple[int, tuple[int, ...]]],
    table: str,
    state: State,
) -> list[Item]:
    """``items`` (lines of text, no rows) with each row's values in the official order when
    the header above them names ``columns`` in another order; else ``items`` as they are."""
    if any(isinstance(i, Row) for i in items):
        return list(items)
    width = len(columns)
    first = next((k for k, i in enumerate(items) if len(_values(i)) >= 2), None)
    if first is None:
        return list(items)
    order = _header_order(items[:first], columns)
    if order is None:
        return list(items)
    rows = [(k, _values(items[k])) for k in range(first, len(items))]
    full = [(k, v) for k, v in rows if len(v) == width]

    def placed(values: Sequence[Value]) -> tuple[Value, ...]:
        return tuple(values[order[j]] for j in range(width))

    under_header = in_order = 0
    for _, values in full:
        header_holds, plain_holds = _holds(placed(values), sums), _holds(values, sums)
        under_header += header_holds and not plain_holds
        in_order += plain_holds and not header_holds
    if in_order > under_header:
        return list(items)  # the header is drawn wrong: the rows bear out the official order
    out = list(items)
    unproven = []
    for k, values in rows:
        item = out[k]
        assert isinstance(item, Line)
        text = item.text
        if len(values) == width:
            header_holds = not sums or under_header > in_order or _holds(placed(values), sums)
            if header_holds:
                text = _with_values(item.text, placed(values))
            elif not _holds(values, sums):
                text = _with_values(item.text, values[:-1])  # short of a value: unread
                unproven.append(item.text)
        out[k] = Line(text, indent=item.indent, paragraph=item.paragraph, run_on=True)
    state.add(
        "realigned",
        "a header names the columns in another order: each row's values placed under it",
        table=table,
        found=" ".join(columns[j].label for j in sorted(range(width), key=order.__getitem__)),
        action="values in the official order; a row short of values unread",
    )
    for text in unproven:
        state.add(
            "stray-value",
            "a row whose sums hold neither under the header nor in the official order",
            table=table,
            found=text,
            action="not read",
        )
    return out


def _values(item: Item) -> list[Value]:
    return trailing(line_tokens(item.text), row=False) if isinstance(item, Line) else []


def _header_order(header: Sequence[Item], columns: Sequence[Column]) -> list[int] | None:
    """For each official column, its position among the header's, when the header (the words
    of the lines above the rows) names each column once and in another order; else None."""
    words = [normalize(w) for i in header if isinstance(i, Line) for w in i.text.split()]
    if len({c.label for c in columns}) != len(columns):
        return None  # columns named alike (table 四's under its groups): words cannot tell
    for key in (lambda t: t, loose):
        keys = [key(w) for w in words]
        wanted = [key(c.label) for c in columns]
        if all(keys.count(w) == 1 for w in wanted):
            at = [keys.index(w) for w in wanted]
            if at == sorted(at):
                return None
            rank = sorted(range(len(at)), key=at.__getitem__)  # printed position -> column
            return [rank.index(j) for j in range(len(at))]
    return None


def _holds(values: Sequence[Value], sums: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    return sums_hold([v.number for v in values], sums)


def _with_values(text: str, values: Sequence[Value]) -> str:
    """``text`` (a label and its values) with ``values`` in place of its values."""
    tokens = line_tokens(text)
    label = tokens[: len(tokens) - len(trailing(tokens, row=False))]
    return " ".join([*label, *(v.raw or "-" for v in values)])
