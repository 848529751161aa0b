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

from collections.abc import Callable, Mapping, Sequence

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
    *,
    groups: Mapping[str, str] | None = None,
) -> list[Item]:
    """``items`` (lines of text, no rows) with each row's values in the official order when
    the header above them names ``columns`` in another order; else ``items`` as they are.

    ``groups`` gives the group label above a column (法人或其他组织 above 商业企业 … 其他), by
    column label: a header of two rows flattened into text names the group where its columns
    stand (``自然人 法人或其他组织 总计 商业企业 … 其他`` is the official order)."""
    if any(isinstance(i, Row) for i in items):
        return list(items)
    width = len(columns)
    first = next((k for k, i in enumerate(items) if len(_values(i)) >= 2), None)
    if first is None:
        return list(items)
    # the header: the lines above the first row, and what stands before its label's values (in
    # text run on one line, the header and the first row are one piece)
    above = [*items[:first], Line(_with_values(items[first].text, ()))]  # type: ignore[union-attr]
    order = _header_order(above, columns, groups or {})
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


def _header_order(
    header: Sequence[Item], columns: Sequence[Column], groups: Mapping[str, str]
) -> list[int] | None:
    """For each official column, its position among the header's, when the header (the words
    of the lines above the rows) names each column once and in another order; else None.  A
    column under a group named before it stands where its group is named."""
    if len({c.label for c in columns}) != len(columns):
        return None  # columns named alike (table 四's under its groups): words cannot tell
    lines = [normalize(i.text) for i in header if isinstance(i, Line)]
    for key in (lambda t: t, loose):
        wanted = [key(c.label) for c in columns]
        keys = _words(lines, {*wanted, *(key(g) for g in groups.values())}, key)
        if all(keys.count(w) == 1 for w in wanted):
            where = []
            for column, w in zip(columns, wanted, strict=True):
                at = keys.index(w)
                group = groups.get(column.label)
                named = keys.index(key(group)) if group and key(group) in keys else None
                where.append((named, 1, at) if named is not None and named < at else (at, 0, 0))
            if where == sorted(where):
                return None
            rank = sorted(range(len(where)), key=where.__getitem__)  # printed place -> column
            return [rank.index(j) for j in range(len(where))]
    return None


def _words(lines: Sequence[str], vocabulary: set[str], key: Callable[[str], str]) -> list[str]:
    """The words of ``vocabulary`` in ``lines``, in order, each the longest that starts where
    it does (so 其他 inside 法人或其他组织 is no word of its own); the lines are normalised (no
    spaces), so words glued together (``自然人商业企业``) are found as well as words apart."""
    longest = sorted(vocabulary, key=len, reverse=True)
    out: list[str] = []
    for line in lines:
        text, k = key(line), 0
        while k < len(text):
            word = next((w for w in longest if w and text.startswith(w, k)), None)
            if word is None:
                k += 1
            else:
                out.append(word)
                k += len(word)
    return out


def _holds(values: Sequence[Value], sums: Sequence[tuple[int, tuple[int, ...]]]) -> bool:
    return sums_hold([v.number for v in values], sums)


def _with_values(text: str, values: Sequence[Value]) -> str:
    """``text`` (a label and its values) with ``values`` in place of its values."""
    tokens = line_tokens(text)
    label = tokens[: len(tokens) - len(trailing(tokens, row=False))]
    return " ".join([*label, *(v.raw or "-" for v in values)])
