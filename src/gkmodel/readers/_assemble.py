"""From lines and rows to a report: sections by label, tables by label and arithmetic.

Every decision that is not certain becomes a :class:`Diagnostic`.  No number
is invented: a cell that cannot be placed with certainty stays blank and is
reported unreadable.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from gkmodel.model._fields import FieldInfo, ValueKind
from gkmodel.model.common import (
    CellNote,
    Edition,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.model.layout import RowSpec, replace_paths, sections, table_rows
from gkmodel.model.narrative import LocalRow, LocalTable, Narrative, OtherMatters, Subsection
from gkmodel.model.report import REPORT_CLASSES, AnnualReport
from gkmodel.readers._items import Item, Line, Row
from gkmodel.readers._labels import containment, normalize

__all__ = ["Diagnostic", "assemble"]


@attrs.frozen(kw_only=True)
class Diagnostic:
    """Something a reader was not sure of, and what it did about it.

    ``code`` is stable: ``loose-label`` (a label matched loosely),
    ``unreadable`` (cells left blank because the source does not show them
    with certainty), ``split`` (a row's digits split by the table's own
    arithmetic), ``cell-note`` (a note written in a cell), ``section-missing``,
    ``stray-value`` (a number outside any row, ignored), ``edition``,
    ``meta`` (metadata inferred or missing), ``unit`` (an amount in a unit the
    cell does not take), ``embedded`` (the report was read from gkmodel's
    embedded JSON), ``tables-disagree`` (the embedded JSON and the visible
    tables differ), ``local-table`` (a table in a text section kept as text).
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
            parts.append(f"found {self.found!r}")
        if self.action:
            parts.append(f"→ {self.action}")
        return " ".join(parts)


# -- values ---------------------------------------------------------------------------------

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_VALUE = re.compile(
    rf"^(?:(?P<num>[-−－]?{_NUMBER})\s*(?P<unit>个|件|条|项|次|万元|元|亿元)?)?"
    r"\s*(?:[（(](?P<note>.*)[）)])?$",
    re.S,
)
_BLANKS = {"", "/", "／", "—", "——", "-", "－", "–", "无", "\\"}
_LINE_BLANKS = {"/", "／", "—", "——", "无"}
_UNITS = {u.value: u for u in MoneyUnit}


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
        Decimal(number.replace(",", "").replace("−", "-").replace("－", "-")) if number else None,
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


def _line_tokens(text: str) -> list[str]:
    text = text.replace("(", "（").replace(")", "）")
    text = re.sub(r"（[^）]*）", lambda m: re.sub(r"\s+", "", m.group(0)), text)
    return text.split()


@attrs.frozen
class Candidate:
    """A row of values found in the source, with the label text around it."""

    label: str  # normalised
    values: tuple[Value, ...]
    raw: str
    partial: bool = False  # fewer values than columns
    line: bool = False  # found in running text (not in a table row)


def candidates(items: Sequence[Item], width: int) -> Iterator[Candidate | str]:
    """Rows of ``width`` values (or partial rows), and label fragments (str) between them."""
    for item in items:
        if isinstance(item, Row):
            cells = list(item.cells)
            parsed = [parse_value(c) for c in cells]
            labelled = [k for k, v in enumerate(parsed) if v is None]
            start = labelled[-1] + 1 if labelled else 0
            values = [v for v in parsed[start:] if v is not None]
            while len(values) > width and values[-1].raw == "":
                values.pop()  # an empty column at the end of a broken Markdown table
            label = normalize("".join(_unique(cells[:start])))
            if not any(v.number is not None or v.note for v in values):
                yield label
                continue
            yield Candidate(
                label, tuple(values[-width:]), " | ".join(cells), partial=len(values) < width
            )
        else:
            tokens = _line_tokens(item.text)
            found = _trailing(tokens, row=False)
            if len(found) > width:
                found = found[-width:]
            if found:
                label = normalize("".join(tokens[: len(tokens) - len(found)]))
                partial = len(found) < width
                yield Candidate(label, tuple(found), item.text, partial=partial, line=True)
            else:
                yield normalize(item.text)


def _with_pending_labels(seq: Iterable[Candidate | str]) -> list[Candidate]:
    """Candidates; a line of values without a label takes the label text just before it."""
    out: list[Candidate] = []
    pending: list[str] = []
    for item in seq:
        if isinstance(item, str):
            pending.append(item)
            continue
        c = item
        if not c.label and pending and c.line and not c.partial:  # rows: nearby text is not a label
            c = attrs.evolve(c, label="".join(pending))
        pending = []
        out.append(c)
    return out


def _trailing(tokens: Sequence[str], *, row: bool) -> list[Value]:
    out: list[Value] = []
    for token in reversed(tokens):
        value = parse_value(token, line=not row)
        if value is None:
            break
        out.append(value)
    return out[::-1]


def _unique(cells: Sequence[str]) -> list[str]:
    """Cells with repeats removed (a spanned label repeats after span expansion)."""
    out: list[str] = []
    for c in cells:
        if c and c not in out:
            out.append(c)
    return out


# -- aligning rows with the official rows ---------------------------------------------------

_SKIP_OFFICIAL = 0.35
_SKIP_CANDIDATE = 0.6
_POSITION = 0.25  # the score of a row placed by position alone


def _score(text: str, label: str, text_chars: frozenset[str]) -> float:
    """How well ``text`` carries the official ``label``; weak matches count as position only."""
    if not text:
        return _POSITION
    if label in text:
        return 1.0
    # The label's characters found in the text bound the containment from above, cheaply.
    bound = sum(ch in text_chars for ch in label) / len(label)
    s = bound if bound < 0.6 else containment(label, text)
    return s if s >= 0.6 else _POSITION * s


def align(cands: Sequence[Candidate], labels: Sequence[str]) -> list[tuple[int, int, float]]:
    """Monotone alignment of candidate rows to official labels: (candidate, official, score)."""
    n, m = len(cands), len(labels)
    norm = [normalize(x) for x in labels]

    chars = [frozenset(c.label) for c in cands]
    scores: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        if (i, j) not in scores:
            scores[(i, j)] = _score(cands[i].label, norm[j], chars[i])
        return scores[(i, j)]

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if j > 0:
                options.append((best[i][j - 1] - _SKIP_OFFICIAL, 1))
            if i > 0:
                options.append((best[i - 1][j] - _SKIP_CANDIDATE, 2))
            if i > 0 and j > 0:
                options.append((best[i - 1][j - 1] + score(i - 1, j - 1), 3))
            best[i][j], move[i][j] = max(options)
    out = []
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == 3:
            out.append((i - 1, j - 1, score(i - 1, j - 1)))
            i, j = i - 1, j - 1
        elif step == 1:
            j -= 1
        else:
            i -= 1
    return out[::-1]


# -- the assembler ------------------------------------------------------------------------------


@attrs.define
class _State:
    diagnostics: list[Diagnostic] = attrs.Factory(list)
    notes: list[CellNote] = attrs.Factory(list)

    def add(self, code: str, message: str, **kw: Any) -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message, **kw))


_SECTION_NAMES = (
    "overview",
    "active_disclosure",
    "requests",
    "appeals",
    "problems",
    "other_matters",
)
_NUMERAL_PREFIX = re.compile(
    r"^(?:#+\s*)?(?:表[一二三四五六]\s*[：:]\s*)?(?:第?[一二三四五六七八九十]+[、.．，,]|（[一二三四五六七八九十]+）)?"
)


def _section_of(line: str) -> str | None:
    """The section a heading line opens, matched by label (not by numeral)."""
    text = normalize(line)
    if len(text) > 40:
        return None
    body = _NUMERAL_PREFIX.sub("", text)
    prefixed = body != text
    if not prefixed and len(body) > 24:
        return None
    if body.endswith("总体情况") and len(body) <= 8:
        return "overview"
    if body.endswith("主动公开政府信息情况") and len(body) <= 14:
        return "active_disclosure"
    if body.endswith("收到和处理政府信息公开申请情况"):
        return "requests"
    if "行政复议" in body and "行政诉讼" in body and body.endswith("情况") and len(body) <= 30:
        return "appeals"
    if "存在的主要问题" in body and len(body) <= 26:
        return "problems"
    if body.endswith("其他需要报告的事项") or (prefixed and body == "其他事项"):
        return "other_matters"
    return None


def split_sections(items: Sequence[Item]) -> tuple[list[Item], dict[str, list[Item]], list[str]]:
    """(items before the first section, items of each section, headings as found)."""
    head: list[Item] = []
    parts: dict[str, list[Item]] = {}
    current: str | None = None
    found: list[str] = []
    for item in items:
        if isinstance(item, Line) and not item.paragraph:
            name = _section_of(item.text)
            if name is not None and (current is None or name != current):
                if name not in parts:
                    current = name
                    parts[name] = []
                    found.append(item.text)
                    continue
            elif name is not None:
                continue  # the same heading again (e.g. a table's own title)
        if current is None:
            head.append(item)
        else:
            parts[current].append(item)
    return head, parts, found


# -- narrative ----------------------------------------------------------------------------------

_SUB = re.compile(r"^（([一二三四五六七八九十]+)）(.+)$")
_TOPIC = re.compile(r"^([一二三四五六七八九十]+)、(.{1,20})$")
_END = ("。", "！", "？", "；", "：", "”", "）", "」")


def _paragraphs(lines: Sequence[Line], *, wrapped: bool) -> list[str]:
    return [text for text, _ in _marked_paragraphs(lines, wrapped=wrapped)]


def _marked_paragraphs(lines: Sequence[Line], *, wrapped: bool) -> list[tuple[str, bool]]:
    """Paragraphs, each with whether its source marked it as a paragraph (never a heading)."""
    out: list[str] = []
    marked: list[bool] = []
    for line in lines:
        text = line.text if line.paragraph else line.text.lstrip("#").strip()
        if not text:
            continue
        if line.paragraph:
            out.append(text)
            marked.append(True)
            continue
        if (
            out
            and wrapped
            and not line.indent
            and not out[-1].endswith(_END)
            and not _is_heading(text)
            and not _is_heading(out[-1])
            and not marked[-1]
        ):
            out[-1] += text
        else:
            out.append(text)
            marked.append(False)
    return list(zip(out, marked, strict=True))


def _is_heading(text: str) -> bool:
    return bool(_SUB.match(text) and len(text) <= 30 and not text.endswith("。")) or bool(
        _TOPIC.match(text)
    )


def narrative(items: Sequence[Item], state: _State, section: str, *, wrapped: bool) -> Narrative:
    """A text section from its items: paragraphs, numbered sub-sections and local tables."""
    blocks: list[Any] = []  # str paragraphs, LocalTable, or ("sub", title)
    lines: list[Line] = []
    rows: list[Row] = []

    def flush_lines() -> None:
        for p, is_paragraph in _marked_paragraphs(lines, wrapped=wrapped):
            if is_paragraph:
                blocks.append(p)
                continue
            m = _SUB.match(p)
            t = _TOPIC.match(p)
            if m and len(p) <= 30 and not p.endswith("。"):
                blocks.append(("sub", m.group(2)))
            elif t and _is_heading(p):
                blocks.append(("sub", t.group(2)))
            elif m and "。" in m.group(2)[:26]:
                title, rest = m.group(2).split("。", 1)
                blocks.append(("sub", title))
                if rest.strip():
                    blocks.append(rest.strip())
            else:
                blocks.append(p)
        lines.clear()

    def flush_rows() -> None:
        if rows:
            blocks.append(_local_table(rows, state, section))
            rows.clear()

    for item in items:
        if isinstance(item, Row):
            flush_lines()
            if rows and rows[-1].table != item.table:
                flush_rows()
            rows.append(item)
        else:
            flush_rows()
            lines.append(item)
    flush_lines()
    flush_rows()
    content: list[Any] = []
    subs: list[Subsection] = []
    for block in blocks:
        if isinstance(block, tuple):
            subs.append(Subsection(title=block[1]))
        elif subs:
            subs[-1] = attrs.evolve(subs[-1], content=(*subs[-1].content, *_as_blocks(block)))
        else:
            content.extend(_as_blocks(block))
    return Narrative(content=tuple(content), subsections=tuple(subs))


def _as_blocks(block: Any) -> list[Any]:
    return block if isinstance(block, list) else [block]


def _local_table(rows: Sequence[Row], state: _State, section: str) -> Any:
    header = rows[0].cells
    width = len(header)
    body = []
    for r in rows[1:]:
        cells = list(r.cells) + [""] * (width - len(r.cells))
        values = [parse_value(c) for c in cells[1:width]]
        if len(r.cells) > width or any(v is None or v.unit or v.note for v in values):
            state.add(
                "local-table",
                "a table in a text section has cells that are not numbers; kept as text",
                section=section,
                found=" | ".join(r.cells),
                action="kept as paragraphs",
            )
            return [" | ".join(x.cells) for x in rows]
        body.append(
            LocalRow(
                label=cells[0] or "—",
                values=tuple(_local_number(v) for v in values if v is not None),
            )
        )
    if not body or width < 2:
        return [" | ".join(x.cells) for x in rows]
    state.add(
        "local-table",
        "a local table was read; which rows are totals is not stated in the source",
        section=section,
        found=" | ".join(header),
        action="read without total rows",
    )
    return LocalTable(columns=tuple(c or "—" for c in header), rows=tuple(body))


def _local_number(v: Value) -> int | Decimal | None:
    if v.number is None:
        return None
    return v.number if v.decimal else int(v.number)


# -- the official tables ---------------------------------------------------------------------------


def _cell_value(
    v: Value, info: FieldInfo, path: str, state: _State, where: Mapping[str, Any]
) -> Any:
    if v.note:
        state.notes.append(CellNote(path=path, text=v.note))
        state.add(
            "cell-note",
            "a note written in the cell was kept",
            path=path,
            found=v.raw,
            action="number kept, note in cell_notes",
            **where,
        )
    if v.number is None:
        return None
    if info.value is ValueKind.MONEY:
        unit = _UNITS.get(v.unit or "") or info.unit
        if unit is None:
            state.add(
                "unit",
                "an amount without a unit",
                path=path,
                found=v.raw,
                action="left blank",
                **where,
            )
            return None
        if info.unit is not None and unit is not info.unit:
            state.add(
                "unit",
                f"the column takes {info.unit.value}",
                path=path,
                found=v.raw,
                action="left blank",
                **where,
            )
            return None
        return Money(amount=v.number, unit=unit)
    if v.number != v.number.to_integral_value():
        state.add(
            "unreadable",
            "a count that is not a whole number",
            path=path,
            found=v.raw,
            action="left blank",
            **where,
        )
        return None
    if v.unit and v.unit not in ("个", "件", "条", "项", "次"):
        state.add(
            "unit",
            "a count written with a unit of money",
            path=path,
            found=v.raw,
            action="left blank",
            **where,
        )
        return None
    n = int(v.number)
    if info.value is ValueKind.COUNT and n < 0:
        state.add("unreadable", "a negative count", path=path, found=v.raw, action="left blank",
                  **where)  # fmt: skip
        return None
    return n


def _fill_row(
    spec: RowSpec, values: Sequence[Value], state: _State, changes: dict[tuple[str, ...], Any]
) -> None:
    for (name, info), value in zip(spec.columns, values, strict=True):
        path = "$." + ".".join((*spec.path, name))
        where = {"table": spec.table, "row": spec.label, "column": info.label}
        changes[(*spec.path, name)] = _cell_value(value, info, path, state, where)


def _unreadable(spec: RowSpec, state: _State, found: str | None, why: str) -> None:
    state.add(
        "unreadable",
        why,
        table=spec.table,
        row=spec.label,
        path="$." + ".".join(spec.path),
        found=found,
        action="cells left blank",
    )


def read_requests(
    items: Sequence[Item], cls: type, state: _State, changes: dict[tuple[str, ...], Any]
) -> None:
    """Table 三: rows found in the source aligned with the official rows."""
    specs = list(table_rows(cls, ("requests",)))
    width = len(specs[0].columns)
    found = _with_pending_labels(candidates(items, width))
    full, stray = [], []
    for c in found:
        if c.partial and len(c.values) == 1 and not c.label:
            stray.append(c)
        else:
            full.append(c)
    for c in stray:
        state.add(
            "stray-value",
            "a number outside any row of the table",
            table="三",
            found=c.raw,
            action="ignored",
        )
    full = _collapsed_other(full, specs, state)
    labels = [s.labels[-1] for s in specs]
    matched: set[int] = set()
    for ci, oj, score in align(full, labels):
        spec, cand = specs[oj], full[ci]
        matched.add(oj)
        if score < 0.999 and cand.label:
            how = "placed by its position" if score < 0.6 else "matched loosely"
            state.add(
                "loose-label",
                f"row label {how}",
                table="三",
                row=spec.label,
                found=cand.label,
                action=how,
            )
        elif not cand.label:
            state.add(
                "loose-label",
                "a row without its label, placed by its position",
                table="三",
                row=spec.label,
                found=cand.raw,
                action="placed by position",
            )
        values = _complete(cand, spec, state)
        if values is None:
            _unreadable(spec, state, cand.raw, f"{len(cand.values)} of {width} values")
            continue
        _fill_row(spec, values, state, changes)
    for j, spec in enumerate(specs):
        if j not in matched:
            _unreadable(spec, state, None, "the row was not found in the source")


def _complete(cand: Candidate, spec: RowSpec, state: _State) -> tuple[Value, ...] | None:
    """The row's values; a partial row only when its digits split in exactly one way."""
    width = len(spec.columns)
    if not cand.partial:
        return cand.values
    if any(v.number is None or v.unit or v.note or v.decimal for v in cand.values):
        return None
    options = _splits([v.raw.replace(",", "") for v in cand.values], width)
    valid = [o for o in options if sum(o[:-1]) == o[-1]]  # the row's 总计 = its six columns
    if len(valid) != 1:
        return None
    state.add(
        "split",
        "digits that ran together were split by the row's own arithmetic",
        table=spec.table,
        row=spec.label,
        found=cand.raw,
        action="split into " + " ".join(map(str, valid[0])),
    )
    return tuple(Value(Decimal(n), raw=str(n)) for n in valid[0])


def _splits(tokens: Sequence[str], width: int) -> list[tuple[int, ...]]:
    """Every way to cut the digit strings into ``width`` numbers (no leading zeros)."""
    if sum(len(t) for t in tokens) > 40:
        return []
    per_token = [_cuts(t) for t in tokens]
    out = []
    for combo in itertools.product(*per_token):
        flat = tuple(n for part in combo for n in part)
        if len(flat) == width:
            out.append(flat)
            if len(out) > 50:
                break
    return out


def _cuts(digits: str) -> list[tuple[int, ...]]:
    if not digits:
        return [()]
    out = []
    for k in range(1, len(digits) + 1):
        head = digits[:k]
        if len(head) > 1 and head[0] == "0":
            break
        out += [(int(head), *rest) for rest in _cuts(digits[k:])]
    return out


def _collapsed_other(
    found: list[Candidate], specs: list[RowSpec], state: _State
) -> list[Candidate]:
    """A 2021-edition table printed with a single （六）其他处理 row (the 2019 layout)."""
    other = [s for s in specs if s.path[:3] == ("requests", "results", "other")]
    if len(other) < 2:
        return found
    sub_labels = [normalize(s.labels[-1]) for s in other]
    has_subrows = any(
        _score(c.label, lbl, frozenset(c.label)) > 0.8 for c in found for lbl in sub_labels
    )
    group = normalize("（六）其他处理")
    out = []
    for c in found:
        if not has_subrows and c.label.endswith(group) and not c.partial:
            if all(v.number == 0 for v in c.values):
                state.add(
                    "split",
                    "（六）其他处理 printed as one row of zeros; each of its three "
                    "rows of the 2021 edition is then 0",
                    table="三",
                    row="（六）其他处理",
                    found=c.raw,
                    action="three rows of 0",
                )
                out += [attrs.evolve(c, label=lbl) for lbl in sub_labels]
            else:
                state.add(
                    "unreadable",
                    "（六）其他处理 printed as one row; its three rows of the "
                    "2021 edition cannot be told apart",
                    table="三",
                    row="（六）其他处理",
                    found=c.raw,
                    action="cells left blank",
                )
            continue
        out.append(c)
    return out


def read_appeals(items: Sequence[Item], state: _State, changes: dict[tuple[str, ...], Any]) -> None:
    """Table 四: one row of 15 values, or three labelled rows of 5 (blank cells included)."""
    from gkmodel.model.appeals import Appeals

    specs = list(table_rows(Appeals, ("appeals",)))
    found = [c for c in candidates(items, 15) if isinstance(c, Candidate)]
    whole = [c for c in found if not c.partial and len(c.values) == 15]
    if whole:
        values = whole[-1].values
        for k, spec in enumerate(specs):
            _fill_row(spec, values[5 * k : 5 * k + 5], state, changes)
        return
    labelled = _labelled_rows(items, specs)
    if len(labelled) == len(specs):
        for spec in specs:
            _fill_row(spec, labelled[spec.path], state, changes)
        return
    numbers = [v for c in found for v in c.values]
    if len(numbers) == 15:
        state.add(
            "loose-label",
            "the 15 values of table 四 were read in order from scattered lines",
            table="四",
            found=" ".join(v.raw for v in numbers),
            action="placed by position",
        )
        for k, spec in enumerate(specs):
            _fill_row(spec, numbers[5 * k : 5 * k + 5], state, changes)
        return
    for spec in specs:
        _unreadable(spec, state, None, "the row of table 四 was not found with certainty")


def _labelled_rows(
    items: Sequence[Item], specs: Sequence[RowSpec]
) -> dict[tuple[str, ...], tuple[Value, ...]]:
    """Rows of a table whose first cell is an official row label, with their values."""
    out: dict[tuple[str, ...], tuple[Value, ...]] = {}
    for item in items:
        if not isinstance(item, Row) or not item.cells:
            continue
        label = normalize(item.cells[0])
        for spec in specs:
            width = len(spec.columns)
            values = [parse_value(c) for c in item.cells[1:]]
            present = [v for v in values if v is not None]
            if label == normalize(spec.labels[-1]) and len(present) == len(values) == width:
                out[spec.path] = tuple(present)
    return out


_T2_ALIASES = {"行政规范性文件": ("规范性文件",), "规范性文件": ("行政规范性文件",)}


def read_active(
    items: Sequence[Item], cls: type, state: _State, changes: dict[tuple[str, ...], Any]
) -> None:
    """Table 二: each official row found by its label, its values after it."""
    specs = list(table_rows(cls, ("active_disclosure",)))
    for spec in specs:
        width = len(spec.columns)
        label = normalize(spec.labels[-1])
        names = (label, *(normalize(a) for a in _T2_ALIASES.get(spec.labels[-1], ())))
        hit = None
        for k, item in enumerate(items):
            if isinstance(item, Row) and not item.cells:
                continue
            text = normalize(item.cells[0] if isinstance(item, Row) else item.text)
            for name in names:
                if text == name or (
                    text.startswith(name)
                    and not any(text.startswith(n) for n in names if len(n) > len(name))
                ):
                    hit = (k, name)
                    break
            if hit:
                break
        if hit is None:
            _unreadable(spec, state, None, "the row was not found in the source")
            continue
        k, name = hit
        if name != label:
            state.add(
                "loose-label",
                "older wording of the row label",
                table="二",
                row=spec.label,
                found=name,
                action="matched loosely",
            )
        values = _values_after(items, k, width)
        if values is None:
            _unreadable(spec, state, _text(items[k]), f"{width} values not found after the label")
            continue
        _fill_row(spec, values, state, changes)


def _text(item: Item) -> str:
    return item.text if isinstance(item, Line) else " | ".join(item.cells)


def _values_after(items: Sequence[Item], k: int, width: int) -> tuple[Value, ...] | None:
    item = items[k]
    if isinstance(item, Row):
        parsed = [parse_value(c) for c in item.cells[1:]]
        values = [v for v in parsed if v is not None]
        if len(item.cells) - 1 >= width and len(values) >= width:
            return tuple(values[:width])
        return None
    tokens = _line_tokens(item.text)
    found = _trailing(tokens, row=False)
    if len(found) == width:
        return tuple(found)
    if not found and k + 1 < len(items) and isinstance(items[k + 1], Line):
        nxt = _line_tokens(items[k + 1].text)  # type: ignore[union-attr]
        vals = [parse_value(t, line=True) for t in nxt]
        present = [v for v in vals if v is not None]
        if len(vals) == width and len(present) == width:
            return tuple(present)
    return None


# -- metadata --------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_LINE = re.compile(r"^[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$")
_ORGAN_LINE = re.compile(
    r"^[^。，；：,;:]{2,30}(政府|局|委员会|委|办公室|办公厅|中心|院|处|所|厅|部|署|会)$"
)
_YEAR = re.compile(r"(\d{4})\s*年度?")


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _level(name: str) -> OrganLevel:
    if re.search(r"(乡|镇)人民政府$|街道办事处$", name):
        return OrganLevel.TOWNSHIP
    if re.search(r"(县|区|旗)人民政府$", name):
        return OrganLevel.COUNTY_GOVERNMENT
    if re.search(r"市人民政府$", name):
        return OrganLevel.CITY_GOVERNMENT
    if re.search(r"(省|自治区)人民政府$", name):
        return OrganLevel.PROVINCE_GOVERNMENT
    return OrganLevel.OTHER


def read_meta(
    head: Sequence[Item], tail: Sequence[Item], state: _State
) -> tuple[ReportMeta, tuple[str, ...]]:
    """The title, organ, year, date and preface from the items before section 一 and the end."""
    head_lines = [i for i in head if isinstance(i, Line)]
    lines = [i.text.lstrip("#").strip() for i in head_lines]
    k = next(
        (n for n, line in enumerate(lines) if "报告" in line and not head_lines[n].paragraph), None
    )
    title_lines: list[str] = []
    if k is not None:
        title_lines = [lines[k]]
        j = k - 1
        while (
            j >= 0
            and 0 < len(lines[j]) <= 24
            and lines[j] != "正文"
            and not _DATE_LINE.match(lines[j])
        ):
            title_lines.insert(0, lines[j])
            j -= 1
    title = re.sub(r"\s+", "", "".join(title_lines))
    preface_items = [head_lines[n] for n in range(len(lines)) if k is None or n > k]
    preface_lines = [i.text for i in preface_items]
    published = None
    for item in preface_items[:2]:
        if _DATE_LINE.match(item.text):
            published = _date(item.text)
            preface_items.remove(item)
            break
    year_m = _YEAR.search(title)
    if year_m is None:
        raise ValueError("no report year in the title")
    year = int(year_m.group(1))
    organ = title[: year_m.start()] or title[year_m.end() :].split("政府信息公开")[0]
    signatory = None
    tail_lines = [i.text.strip() for i in tail if isinstance(i, Line)][-3:]
    signature: list[str] = []
    if tail_lines and _DATE_LINE.match(tail_lines[-1]):
        published = _date(tail_lines[-1])
        signature.append(tail_lines.pop())
    if tail_lines and _ORGAN_LINE.match(tail_lines[-1]):
        signatory = tail_lines[-1]
        signature.append(signatory)
    name = signatory or organ
    level = _level(name)
    how = "inferred from the name" if level is not OrganLevel.OTHER else "unknown"
    state.add("meta", f"organ level {how}", found=name, action=level.label)
    period = None
    for x in preface_lines:
        if "统计" in x or "期限" in x:
            dates = [d for d in (_date(p) for p in re.split(r"[至到]", x)) if d]
            if len(dates) == 2 and dates[0] <= dates[1]:
                period = Period(start=dates[0], end=dates[1])
            break
    meta = ReportMeta(
        organ=Organ(name=name or "（未载明）", level=level),
        year=year,
        title=title or None,
        published=published,
        period=period,
        preface=tuple(_paragraphs(preface_items, wrapped=True)),
    )
    return meta, tuple(signature)


def detect_edition(parts: dict[str, list[Item]], year: int, state: _State) -> Edition:
    """The edition from the table layout, then from the year."""
    t2 = "".join(normalize(_text(i)) for i in parts.get("active_disclosure", []))
    t3 = "".join(normalize(_text(i)) for i in parts.get("requests", []))
    votes = []
    if "本年制发件数" in t2 or "现行有效件数" in t2 or "本年处理决定数量" in t2:
        votes.append(Edition.E2021)
    if "本年新制作数量" in t2 or "政府集中采购" in t2 or "对外公开总数量" in t2:
        votes.append(Edition.E2019)
    if "逾期不补正" in t3 or "缴纳费用" in t3:
        votes.append(Edition.E2021)
    by_year = Edition.for_year(year)
    if not votes:
        state.add(
            "edition",
            "the table layout does not tell the edition",
            found=str(year),
            action=f"{by_year.value} edition by the year",
        )
        return by_year
    edition = max(set(votes), key=votes.count)
    if edition is not by_year or len(set(votes)) > 1:
        state.add(
            "edition",
            "the table layout and the year disagree on the edition",
            found=str(year),
            action=f"{edition.value} edition by the layout",
        )
    return edition


def assemble(items: Sequence[Item], *, wrapped: bool) -> tuple[AnnualReport, list[Diagnostic]]:
    """A report from the items of a published document."""
    state = _State()
    head, parts, _ = split_sections(items)
    if "requests" not in parts and "active_disclosure" not in parts:
        raise ValueError("no section 二 or 三 of an annual report was found")
    present = [parts[n] for n in _SECTION_NAMES if n in parts]
    meta, signature = read_meta(head, parts.get("other_matters") or present[-1], state)
    edition = detect_edition(parts, meta.year, state)
    cls = REPORT_CLASSES[edition]
    headings = {s.name: s.heading for s in sections(cls)}
    for name in _SECTION_NAMES:
        if name not in parts:
            state.add(
                "section-missing",
                f"section {headings[name]} was not found",
                section=headings[name][0],
                action="left empty",
            )
    if "problems" not in parts and "appeals" in parts:
        _recover_problems(parts, state)
    changes: dict[tuple[str, ...], Any] = {}
    targets: dict[str, Any] = {s.name: s.info.target for s in sections(cls)}
    tables = {  # paragraphs marked as such are prose around a table, never part of it
        name: [i for i in parts.get(name, []) if not (isinstance(i, Line) and i.paragraph)]
        for name in ("active_disclosure", "requests", "appeals")
    }
    read_active(tables["active_disclosure"], targets["active_disclosure"], state, changes)
    read_requests(tables["requests"], targets["requests"], state, changes)
    read_appeals(tables["appeals"], state, changes)
    kwargs: dict[str, Any] = {}
    for name in ("overview", "problems", "other_matters"):
        section_items = [
            i
            for i in parts.get(name, [])
            if not (name == "other_matters" and isinstance(i, Line) and i.text in signature)
        ]
        n = narrative(section_items, state, headings[name][0], wrapped=wrapped)
        kwargs[name] = _other_matters(n, state) if name == "other_matters" else n
    for name in ("active_disclosure", "requests", "appeals"):
        intro, notes = _table_prose(parts.get(name, []))
        if intro or notes:
            target: Any = targets[name]
            kwargs[name] = target(intro=intro, notes=notes)
    report = replace_paths(cls(meta=meta, **kwargs), changes)
    if state.notes:
        report = attrs.evolve(report, cell_notes=tuple(state.notes))
    return report, state.diagnostics


def _recover_problems(parts: dict[str, list[Item]], state: _State) -> None:
    """Text after table 四 and before 六 is section 五 whose heading was lost."""
    items4 = parts["appeals"]
    rows = [n for n, i in enumerate(items4) if isinstance(i, Row) or _has_numbers(i)]
    last_row = max(rows, default=-1)
    after = [i for i in items4[last_row + 1 :] if isinstance(i, Line)]
    if after:
        parts["appeals"] = items4[: last_row + 1]
        parts["problems"] = list(after)
        state.add(
            "section-missing",
            "the text after table 四 was taken as section 五",
            section="五",
            action="read as 五、存在的主要问题及改进情况",
        )


def _table_prose(items: Sequence[Item]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Sentences before and after a table (a fragment of a table is never a sentence)."""
    prose = [
        n
        for n, i in enumerate(items)
        if isinstance(i, Line) and (i.paragraph or (len(i.text) >= 20 and i.text.endswith("。")))
    ]
    rows = [n for n, i in enumerate(items) if n not in prose]
    first, last = (rows[0], rows[-1]) if rows else (len(items), len(items))
    texts = {n: items[n].text for n in prose}  # type: ignore[union-attr]
    intro = tuple(texts[n] for n in prose if n < first)
    notes = tuple(texts[n] for n in prose if n > last)
    return intro, notes


_FEE_PART = re.compile(r"^(?P<label>[^0-9]+?)(?P<num>[\d,]+(?:\.\d+)?)(?P<unit>件|元|万元|亿元)$")


def _fees(block: object) -> Any:
    """The ProcessingFees of the 信息处理费 line gkmodel writes, or None."""
    from gkmodel.model.narrative import ProcessingFees
    from gkmodel.renderers._document import FEES_PREFIX

    if not (isinstance(block, str) and block.startswith(FEES_PREFIX) and block.endswith("。")):
        return None
    labels = {
        info.label: f.name
        for f in attrs.fields(ProcessingFees)
        if (info := f.metadata.get("gkmodel")) is not None
    }
    values: dict[str, Any] = {}
    for part in block[len(FEES_PREFIX) : -1].split("；"):
        m = _FEE_PART.match(part)
        if not m or m.group("label") not in labels:
            return None
        number = Decimal(m.group("num").replace(",", ""))
        unit = m.group("unit")
        values[labels[m.group("label")]] = (
            int(number) if unit == "件" else Money(amount=number, unit=_UNITS[unit])
        )
    return ProcessingFees(**values) if values else None


def _other_matters(n: Narrative, state: _State) -> OtherMatters:
    """Section 六, with the 信息处理费 line gkmodel writes (its last block) read into fields."""
    subsections = list(n.subsections)
    content = list(n.content)
    last = subsections[-1].content if subsections else tuple(content)
    fees = _fees(last[-1]) if last else None
    if fees is not None:
        if subsections:
            subsections[-1] = attrs.evolve(subsections[-1], content=last[:-1])
        else:
            content = content[:-1]
    return OtherMatters(content=tuple(content), subsections=tuple(subsections), fees=fees)


def _has_numbers(item: Item) -> bool:
    return isinstance(item, Line) and bool(_trailing(_line_tokens(item.text), row=False))
