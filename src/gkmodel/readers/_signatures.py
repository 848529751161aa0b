"""The official tables found by their signature, wherever they sit in the document.

A table's *signature* is the set of its labels, derived from the model: the labels of
its rows and row groups (``第二十条第（一）项``, ``规章``, ``（一）予以公开``, ``行政复议``)
and of its columns and column groups (``本年制发件数``, ``自然人``, ``结果维持``), less
the labels another official table of the same edition also carries (``总计``).  No
label is typed here: each edition's report class declares them.

The document is cut into *blocks*: runs of items that are not prose (table rows, and
lines that are not sentences), a new block at each new source table.  Neighbouring
blocks that touch the same official table alone are one block (table 二 printed as a
small table per 第二十条 item).  A block *carries* a table when it shows at least
:data:`MIN_HITS` labels of its signature, a row's label and a column's among them
(a local table listing 行政许可 and 行政处罚 under columns of its own carries none).
Each official table is read from the block
that carries it, in its own section or elsewhere; headings then only cut the narrative.
Blocks that carry no signature are local tables and stay where they are.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from gkmodel.editions import EDITIONS, EditionDeclaration, edition_for_year
from gkmodel.model.layout import class_cache, outline, sections, table_rows
from gkmodel.readers._common import State
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import normalize

__all__ = [
    "MIN_HITS",
    "Placement",
    "Signature",
    "detect_edition",
    "is_prose",
    "place",
    "signatures",
]

MIN_HITS = 3
"""Labels of its signature a block shows to carry an official table."""
_SHORT = 3  # a label shorter than this is matched at the start of a line only


@attrs.frozen
class Signature:
    """The labels that tell an official table: ``name`` is its section, ``numeral`` 二/三/四.

    ``rows`` are the labels of its rows and row groups, ``columns`` of its columns and
    column groups (normalised).
    """

    name: str
    numeral: str
    rows: frozenset[str]
    columns: frozenset[str]

    @property
    def labels(self) -> frozenset[str]:
        return self.rows | self.columns

    def carried(self, shown: set[str]) -> bool:
        """Whether labels ``shown`` by a block carry this table: at least :data:`MIN_HITS`,
        a row's label and a column's among them."""
        return len(shown) >= MIN_HITS and bool(shown & self.rows) and bool(shown & self.columns)


@class_cache
def signatures(report_cls: type) -> tuple[Signature, ...]:
    """The signatures of the official tables of ``report_cls``, in table order.

    >>> from gkmodel.model.report import AnnualReport2021
    >>> sigs = signatures(AnnualReport2021)
    >>> [(s.numeral, "自然人" in s.labels, "结果维持" in s.labels, "总计" in s.labels)
    ...  for s in sigs]
    [('二', False, False, False), ('三', True, False, False), ('四', False, True, False)]
    """
    found: list[tuple[str, str, set[str], set[str]]] = []
    for s in sections(report_cls):
        target = s.info.target
        if target is None or not hasattr(target, "TABLE"):
            continue
        rows = {normalize(i.info.label) for i in outline(target)}
        columns = set()
        for spec in table_rows(target):
            for _, info in spec.columns:
                columns.add(normalize(info.label))
                if info.group:
                    columns.add(normalize(info.group))
        found.append((s.name, s.info.numeral or "", rows, columns))
    out = []
    for name, numeral, rows, columns in found:
        shared = set().union(*(r | c for n, _, r, c in found if n != name))
        out.append(
            Signature(
                name,
                numeral,
                frozenset(x for x in rows - shared if x),
                frozenset(x for x in columns - shared if x),
            )
        )
    return tuple(out)


def is_prose(item: Item) -> bool:
    """A sentence around a table, never part of one."""
    return isinstance(item, Line) and (
        item.paragraph or (len(item.text) >= 20 and item.text.endswith("。"))
    )


def _texts(item: Item) -> tuple[frozenset[str], str]:
    if isinstance(item, Row):
        return frozenset(normalize(c) for c in item.cells if c.strip()), ""
    return frozenset(), normalize(item.text)


def _hits(
    texts: tuple[frozenset[str], str], rows: frozenset[str], columns: frozenset[str] = frozenset()
) -> set[str]:
    """The labels an item shows: a cell that is (or opens with) the label; a line that
    opens with a row's label, or holds a column's label (a header line holds several).

    A sentence naming 行政复议 or 结果维持 in passing (prose wrapped into short lines)
    opens with neither, and shows no row label.  A label shorter than three characters
    (``规章``) counts only as a whole cell or at the start of a line.  (Found by looking up
    the openings of each cell and line among the labels, not by trying every label on
    every item: the tests hold it to :func:`_hits_plain`.)
    """
    cells, line = texts
    labels, by_first, long_columns, any_long = _matcher(rows, columns)
    found = set(cells & labels)
    for n in by_first.get(line[:1], ()):
        if n > len(line):
            break
        if line[:n] in labels:
            found.add(line[:n])
    for cell in cells:
        for n in by_first.get(cell[:1], ()):
            if n > len(cell):
                break
            if n >= _SHORT and cell[:n] in labels:
                found.add(cell[:n])
    if line and any_long is not None and any_long.search(line):  # one search screens them all
        found.update(label for label in long_columns if label in line)
    return found


def _hits_each(texts: tuple[frozenset[str], str], sigs: Sequence[Signature]) -> list[set[str]]:
    """:func:`_hits` of each signature of ``sigs``, looked up once: the signatures of an
    edition share no label, so the labels of all, found at once, fall to one each (the
    tests hold it to calling :func:`_hits` per signature)."""
    rows, columns, labels = _union(tuple(sigs))
    found = _hits(texts, rows, columns)
    if not found:
        return [set() for _ in sigs]
    return [found & own for own in labels]


@functools.lru_cache(maxsize=16)
def _union(
    sigs: tuple[Signature, ...],
) -> tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]]:
    """The row labels and the column labels of ``sigs`` (which share none), and the
    labels of each."""
    rows = frozenset().union(*(s.rows for s in sigs))
    columns = frozenset().union(*(s.columns for s in sigs))
    labels = tuple(s.labels for s in sigs)
    assert sum(map(len, labels)) == len(rows | columns)
    return rows, columns, labels


@functools.lru_cache(maxsize=64)
def _matcher(
    rows: frozenset[str], columns: frozenset[str]
) -> tuple[frozenset[str], dict[str, tuple[int, ...]], tuple[str, ...], re.Pattern[str] | None]:
    """(the labels; by first character, the lengths of the labels opening with it, in
    order; the column labels of :data:`_SHORT` or more, and a pattern finding any of them)."""
    labels = rows | columns
    by_first: dict[str, set[int]] = {}
    for label in labels:
        by_first.setdefault(label[:1], set()).add(len(label))
    long_columns = tuple(sorted(label for label in columns if len(label) >= _SHORT))
    any_long = re.compile("|".join(map(re.escape, long_columns))) if long_columns else None
    return (
        labels,
        {first: tuple(sorted(lengths)) for first, lengths in by_first.items()},
        long_columns,
        any_long,
    )


def _hits_plain(
    texts: tuple[frozenset[str], str], rows: frozenset[str], columns: frozenset[str] = frozenset()
) -> set[str]:
    """:func:`_hits` as its rule says it, every label tried on the item (for the tests)."""
    cells, line = texts

    def shows(label: str) -> bool:
        if label in cells or line.startswith(label):
            return True
        if len(label) < _SHORT:
            return False
        return (label in columns and label in line) or any(c.startswith(label) for c in cells)

    return {label for label in rows | columns if shows(label)}


@attrs.frozen
class Block:
    """A run of non-prose items of one part of the document (indexes into the part)."""

    part: str
    indexes: tuple[int, ...]


HEAD = "head"
"""The part of a document before its first section heading (searched for tables too)."""


def _pieces(part: str, items: Sequence[Item]) -> list[Block]:
    out: list[Block] = []
    current: list[int] = []
    table: int | None = None
    for k, item in enumerate(items):
        if is_prose(item):
            if current:
                out.append(Block(part, tuple(current)))
            current, table = [], None
            continue
        if isinstance(item, Row):
            if table is not None and item.table != table and current:
                out.append(Block(part, tuple(current)))
                current = []
            table = item.table
        current.append(k)
    if current:
        out.append(Block(part, tuple(current)))
    return out


@attrs.frozen
class Placement:
    """Where each official table is read from.

    ``items[name]`` are the items to read table ``name`` from; ``taken[part]`` the
    indexes of a part's items that belong to a table (kept out of its narrative and
    out of the other tables); ``unread`` the tables left unread (ambiguous).
    """

    items: Mapping[str, list[Item]]
    taken: Mapping[str, frozenset[int]]
    unread: frozenset[str]


def _blocks(parts: Mapping[str, Sequence[Item]]) -> list[Block]:
    return [b for name, items in parts.items() for b in _pieces(name, items)]


def shows_a_table(items: Sequence[Item]) -> bool:
    """Whether a block of ``items`` carries an official table of some registered edition."""
    blocks = _pieces(HEAD, items)
    for declaration in EDITIONS.values():
        sigs = signatures(declaration.report_class)
        for _, shown in _merged({HEAD: items}, blocks, sigs):
            if any(s.carried(shown[s.name]) for s in sigs):
                return True
    return False


def detect_edition(
    parts: Mapping[str, Sequence[Item]], year: int, state: State
) -> EditionDeclaration:
    """The edition whose tables the document's blocks match best, else the year's.

    Of the labels of every edition's signatures, those the document shows count for
    each edition that has them and against each that has not; the best score wins, a
    tie goes to the year's edition.  A report that shows only what editions share
    (table 三's common rows) is of the year's edition.
    """
    texts = [_texts(parts[b.part][k]) for b in _blocks(parts) for k in b.indexes]
    by_year = edition_for_year(year)
    labels = {d.edition: signatures(d.report_class) for d in EDITIONS.values()}
    rows = frozenset().union(*(s.rows for sigs in labels.values() for s in sigs))
    columns = frozenset().union(*(s.columns for sigs in labels.values() for s in sigs))
    shown: set[str] = set()
    for t in texts:
        shown |= _hits(t, rows, columns)
    scores: dict[Any, int] = {}
    for edition, sigs in labels.items():
        own = frozenset().union(*(s.labels for s in sigs))
        scores[edition] = len(shown & own) - len(shown - own)
    best = max(scores.values())
    winners = [d for d in EDITIONS.values() if scores[d.edition] == best]
    if len(winners) == len(EDITIONS):
        state.add(
            "edition",
            "the table layout does not tell the edition",
            found=str(year),
            action=f"{by_year.key} edition by the year",
        )
        return by_year
    if by_year in winners:
        return by_year
    chosen = winners[-1]
    state.add(
        "edition",
        "the table layout and the year disagree on the edition",
        found=str(year),
        action=f"{chosen.key} edition by the layout",
    )
    return chosen


def _where(part: str, numerals: Mapping[str, str]) -> tuple[str | None, str]:
    """(the section numeral, words) of where ``part`` is."""
    if part == HEAD:
        return None, "the text before the first section heading"
    numeral = numerals.get(part, part)
    return numeral, f"section {numeral}"


def place(parts: Mapping[str, Sequence[Item]], report_cls: type, state: State) -> Placement:
    """Each official table of ``report_cls`` found by its signature among ``parts`` (the
    sections by name, and ``HEAD``: what comes before the first heading)."""
    sigs = signatures(report_cls)
    numerals = {s.name: s.info.numeral or "" for s in sections(report_cls)} | {HEAD: HEAD}
    blocks = _merged(parts, _blocks(parts), sigs)
    carried: dict[str, list[Block]] = {s.name: [] for s in sigs}
    items: dict[str, list[Item]] = {}
    taken: dict[str, set[int]] = {}
    unread: set[str] = set()
    for block, shown in blocks:
        tables = [s for s in sigs if s.carried(shown[s.name])]
        if len(tables) > 1:
            cut = _cut(parts[block.part], block, tables, state, numerals)
            if cut is None:  # read from neither: its rows cannot be told apart
                unread.update(s.name for s in tables)
                taken.setdefault(block.part, set()).update(block.indexes)
                continue
            for s, piece in zip(tables, cut, strict=True):
                carried[s.name].append(piece)
            continue
        for s in tables:
            carried[s.name].append(block)
    for s in sigs:
        if s.name in unread:
            continue
        hosts = sorted({b.part for b in carried[s.name]}, key=list(parts).index)
        if len(hosts) > 1:
            state.add(
                "table-twice",
                f"table {s.numeral} was found in more than one section",
                table=s.numeral,
                found=" ".join(numerals.get(h, h) for h in hosts),
                action=f"read from section {s.numeral}" if s.name in hosts else "cells left blank",
            )
            if s.name not in hosts:
                state.add(
                    "table-ambiguous",
                    f"table {s.numeral} was found in several sections, none its own",
                    table=s.numeral,
                    action="cells left blank",
                )
                unread.add(s.name)
            hosts = [s.name]
        if hosts and hosts[0] != s.name and s.name not in unread:
            host = hosts[0]
            numeral, words = _where(host, numerals)
            state.add(
                "table-elsewhere",
                f"table {s.numeral} was found outside its section",
                table=s.numeral,
                section=numeral,
                action=f"read from {words}",
            )
            indexes = sorted({k for b in carried[s.name] if b.part == host for k in b.indexes})
            items[s.name] = [parts[host][k] for k in indexes]
        for b in carried[s.name]:  # every copy read or not, out of the other parts
            if b.part != s.name:
                taken.setdefault(b.part, set()).update(b.indexes)
    for s in sigs:  # a table read in its own section: its part less the other tables' blocks
        if s.name in items or s.name in unread:
            continue
        own = taken.get(s.name, set())
        items[s.name] = [i for k, i in enumerate(parts.get(s.name, ())) if k not in own]
    return Placement(items, {k: frozenset(v) for k, v in taken.items()}, frozenset(unread))


def _merged(
    parts: Mapping[str, Sequence[Item]], blocks: list[Block], sigs: Sequence[Signature]
) -> list[tuple[Block, dict[str, set[str]]]]:
    """Blocks with the labels of each signature they show; neighbours that touch one
    and the same table alone are merged (table 二 as a small table per item)."""
    out: list[tuple[Block, dict[str, set[str]]]] = []
    for block in blocks:
        each = [_hits_each(_texts(parts[block.part][k]), sigs) for k in block.indexes]
        shown = {s.name: set().union(*(e[j] for e in each)) for j, s in enumerate(sigs)}
        touched = {n for n, v in shown.items() if v}
        if out:
            last, before = out[-1]
            if (
                last.part == block.part
                and last.indexes[-1] + 1 == block.indexes[0]
                and len(touched) == 1
                and touched == {n for n, v in before.items() if v}
            ):
                merged = {n: before[n] | shown[n] for n in shown}
                out[-1] = (Block(block.part, last.indexes + block.indexes), merged)
                continue
        out.append((block, shown))
    return out


def _cut(
    items: Sequence[Item],
    block: Block,
    tables: Sequence[Signature],
    state: State,
    numerals: Mapping[str, str],
) -> list[Block] | None:
    """A block that carries several tables, cut where each next one begins, or None.

    The cut is certain only when each item touches one table and the tables come in
    order (all labels of the first before any of the second, …); otherwise none of
    them is read from it.
    """
    owner: list[int | None] = []
    for k in block.indexes:
        hit = [j for j, found in enumerate(_hits_each(_texts(items[k]), tables)) if found]
        owner.append(hit[0] if len(hit) == 1 else (None if not hit else -1))
    seen = [o for o in owner if o is not None]
    names = "、".join(s.numeral for s in tables)
    ordered = -1 not in seen and seen == sorted(seen) and set(seen) == set(range(len(tables)))
    if not ordered:
        state.add(
            "table-mixed",
            f"one table carries the labels of tables {names}",
            section=_where(block.part, numerals)[0],
            action="cells of these tables left blank",
        )
        for s in tables:
            state.add(
                "table-ambiguous",
                f"table {s.numeral} cannot be told apart from another table",
                table=s.numeral,
                action="cells left blank",
            )
        return None
    cuts = [0, *(owner.index(j) for j in range(1, len(tables))), len(owner)]
    state.add(
        "table-mixed",
        f"one table carries the labels of tables {names}",
        section=_where(block.part, numerals)[0],
        action="cut where the labels of each next table begin",
    )
    return [Block(block.part, block.indexes[a:b]) for a, b in itertools.pairwise(cuts)]
