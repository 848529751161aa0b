"""Rows wrapped onto the next line (text cut at a fixed width): joined again when the columns and
the row's own sums say so, otherwise left unread, never placed by guess."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from gkmodel.readers._common import Candidate, State, Unlabelling, Value, sums_hold

__all__ = ["complementary", "rejoined", "with_pending_labels"]


def rejoined(
    found: Iterable[Candidate | str],
    width: int,
    sums: Sequence[tuple[int, Sequence[int]]],
    table: str,
    state: State,
) -> list[Candidate | str]:
    """Rows wrapped onto the next line joined again, when geometry and arithmetic say so.

    A line of values without a label right after a row that has blank cells, or fewer
    values than the table has columns, may continue it (text wrapped at a fixed width).
    It is joined to the row when the two fill complementary columns (by the cells'
    extents) or, without extents, when their values together fill the row, and the row's
    own sums then hold (``sums``: total column, part columns, by index).  When they do
    not, neither is read: the row keeps no values (so it is reported unreadable) and the
    line is a ``stray-value``.  Numbers that are no row's values at all
    (:class:`Unlabelling`) after a row with blank cells leave that row unread too.
    """
    out: list[Candidate | str] = []
    for c in found:
        last = out[-1] if out else None
        prev = last if isinstance(last, Candidate) else None
        if isinstance(c, Candidate) and not c.label and not c.run_on and prev is None:
            _after_a_line_between(out, c, table, state)
        if isinstance(c, Unlabelling):
            gaps = prev is not None and _gaps(prev)
            if prev is not None and gaps:
                out[-1] = attrs.evolve(prev, values=(), partial=True)  # left unreadable
            state.add(
                "stray-value",
                "numbers that fit no row of the table"
                + (", after a row with blank cells they may belong to" if gaps else ""),
                table=table,
                found=str(c),
                action="ignored" + (", and the row before left unread" if gaps else ""),
            )
            out.append(c)
            continue
        if (
            prev is not None
            and prev.label
            and isinstance(c, Candidate)
            and not c.label
            and not c.run_on
            and not prev.run_on
            and any(v.number is not None for v in prev.values)
            and any(v.number is not None for v in c.values)
            and _gaps(prev)
            and not _gaps(c)
        ):
            # a whole row of numbers without a label after a row with blank cells: it may be
            # the row's own numbers, wrapped (30 cut as 3 over 0 1 0 … 31), so the row is unread
            out[-1] = attrs.evolve(prev, values=(), partial=True)
            state.add(
                "stray-value",
                "a row of numbers without a label after a row with blank cells it may continue",
                table=table,
                found=c.raw,
                action="the row before left unread",
            )
            out.append(c)
            continue
        if (
            prev is None
            or isinstance(c, str)
            or c.label
            or c.run_on
            or prev.run_on
            or not prev.values
            or not any(v.number is not None for v in c.values)
            or not _gaps(prev)
            or not _gaps(c)  # a whole row without a label is a row of its own
        ):
            out.append(c)
            continue
        joined: tuple[Value, ...] | None = None
        if not prev.partial and not c.partial:
            joined = complementary(prev.values, c.values)
        elif prev.partial and c.partial:
            joined = prev.values + c.values
        elif (
            not prev.partial and c.partial
        ):  # blank cells at the end, their values on the next line
            filled = len(prev.values) - len(c.values)
            if filled > 0 and all(v.raw == "" for v in prev.values[filled:]):
                joined = prev.values[:filled] + c.values
        numbers = [v.number for v in joined or ()]
        if joined is not None and len(joined) == width and sums_hold(numbers, sums):
            out[-1] = attrs.evolve(prev, values=joined, raw=f"{prev.raw} / {c.raw}", partial=False)
            state.add(
                "realigned",
                "a row continued on the next line, joined by its columns and its own sums",
                table=table,
                found=f"{prev.raw} / {c.raw}",
                action=f"joined into {width} values",
            )
            continue
        if prev.partial and c.partial and len(joined or ()) < width:
            out.append(c)  # a row and a part of the next, or two rows cut short: read as they are
            continue
        out[-1] = attrs.evolve(prev, values=(), partial=True)  # left unreadable
        state.add(
            "stray-value",
            "a line of numbers without a label after a row it may continue (the sums do not say)",
            table=table,
            found=c.raw,
            action="ignored, and the row before left unread",
        )
    return out


def _after_a_line_between(
    out: list[Candidate | str], c: Candidate, table: str, state: State
) -> None:
    """A row with blank cells, a line of text, then numbers without a label that fill those
    blanks (a page's running title, or a page break, inside a wrapped row): the numbers may be
    the row's, so the row is left unread (the line may as well be the next row's label)."""
    k = len(out) - 1
    while k >= 0 and isinstance(out[k], str) and not isinstance(out[k], Unlabelling):
        k -= 1
    row = out[k] if k >= 0 and k < len(out) - 1 else None
    if not isinstance(row, Candidate) or row.run_on or not row.values or not _gaps(row):
        return
    if not (row.partial or c.partial) and complementary(row.values, c.values) is None:
        return  # the numbers do not fall in the row's blank cells
    out[k] = attrs.evolve(row, values=(), partial=True)  # left unreadable
    state.add(
        "stray-value",
        "numbers without a label after a row with blank cells they may fill, a line of text "
        "between them",
        table=table,
        found=c.raw,
        action="the row before left unread",
    )


def _gaps(c: Candidate) -> bool:
    """Whether a row has blank cells, or fewer values than columns."""
    return (c.partial and not c.over) or any(v.raw == "" for v in c.values)


def complementary(row: Sequence[Value], rest: Sequence[Value]) -> tuple[Value, ...] | None:
    """A row's blank cells filled by the cells of its continuation in the same columns, when
    each column is filled on exactly one of the two lines; else None."""
    if len(row) != len(rest):
        return None
    if any((p.raw == "") == (q.raw == "") for p, q in zip(row, rest, strict=True)):
        return None
    return tuple(p if p.raw else q for p, q in zip(row, rest, strict=True))


def with_pending_labels(
    seq: Iterable[Candidate | str], labels: Sequence[str] = ()
) -> list[Candidate]:
    """Candidates; a line of values without a label takes the label text just before it.

    With the table's official row ``labels`` (normalised): when two lines of that text each
    open a different row (``4.无正当理由大量反复申请``, then ``5.要求行政机关确认或重新出``
    with its values below), the values are the last one's (a row printed with its cells
    empty, above a row whose long label wraps around its values, as ``pdftotext -layout``
    prints them), never the first one's.  A line of values with the end of a label takes the
    lines before it too when together they make an official label, as written; one with the
    start of a label takes the lines after it that complete it (:func:`_label_ends`).
    """
    out: list[Candidate] = []
    pending: list[str] = []
    items = list(seq)
    skip = 0
    for i, item in enumerate(items):
        if skip:
            skip -= 1
            continue
        if isinstance(item, Unlabelling):
            pending = []  # text before numbers that are no row's is no label of the next row
            continue
        if isinstance(item, str):
            pending.append(item)
            continue
        c = item
        # rows: nearby text is not a label; nor is it for a line cut out of text run on one line
        if not c.label and pending and c.line and not c.partial and not c.run_on:
            c = attrs.evolve(c, label="".join(_from_last_row(pending, labels)))
        elif c.label and pending and c.line and not c.run_on and c.label not in labels:
            # the end of a label wrapped around its values (``一、本年新收政府`` above
            # ``信息公开申请数量  3001 …``): the lines above are its start when together they
            # make an official label exactly
            opening = [k for k, line in enumerate(pending) if _opens(line, labels) is not None]
            joined = "".join([*pending[opening[-1] :], c.label]) if opening else ""
            if joined in labels:
                c = attrs.evolve(c, label=joined)
        if c.label and not c.run_on and c.label not in labels:
            ends = _label_ends(c.label, items[i + 1 :], labels)
            if ends is not None:  # the label's end on the lines below its values
                c, skip = attrs.evolve(c, label=c.label + "".join(ends)), len(ends)
        pending = []
        out.append(c)
    return out


def _label_ends(
    start: str, after: Sequence[Candidate | str], labels: Sequence[str]
) -> list[str] | None:
    """The lines of text right after a line of values that end the label it starts
    (``（二）部分公开（区`` with the values, then ``分处理的，只计这一情`` and
    ``形，不计其他情形）``), making an official label exactly; else None."""
    if not any(label.startswith(start) for label in labels):
        return None
    ends: list[str] = []
    label = start
    for line in after:
        if not isinstance(line, str) or isinstance(line, Unlabelling):
            return None
        label += line
        ends.append(line)
        if label in labels:
            return ends
        if not any(official.startswith(label) for official in labels):
            return None
    return None


def _from_last_row(lines: list[str], labels: Sequence[str]) -> list[str]:
    """``lines`` from the last one that opens an official row, when an earlier one opens
    another row; else all of them."""
    opened = [(k, _opens(line, labels)) for k, line in enumerate(lines)]
    rows = [(k, j) for k, j in opened if j is not None]
    if len({j for _, j in rows}) < 2:
        return lines
    return lines[rows[-1][0] :]


def _opens(line: str, labels: Sequence[str]) -> int | None:
    """The index of the one official row label ``line`` is, starts, or begins with (both
    normalised)."""
    if len(line) < 4:
        return None  # too short to tell one row from another
    found = {
        j for j, label in enumerate(labels) if label.startswith(line) or line.startswith(label)
    }
    return found.pop() if len(found) == 1 else None
