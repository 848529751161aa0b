"""The checker: evaluate the catalogue on a report, never raising, never changing data.

Arithmetic rules are linear equations over cells (``Σ lhs = Σ rhs``), built
once per report class from the layout declarations.  A blank cell is not a
number: by default an equation that involves a blank cell is not evaluated
(and the blank cells are reported as ``R-BLANK``); with ``blank_as_zero=True``
blanks count as 0 and each finding lists the blank addends.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import compress, repeat
from typing import Any, Literal, NamedTuple

import attrs
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from gkmodel._codegen import define, init_free
from gkmodel.errors import GkmodelError
from gkmodel.model._fields import ValueKind
from gkmodel.model.active import ActiveDisclosure2019
from gkmodel.model.common import Edition, decimal_text
from gkmodel.model.layout import (
    CellSpec,
    class_cache,
    get_path,
    replace_paths,
    report_cells,
    report_rows,
    sections,
)
from gkmodel.model.narrative import LocalTable, Narrative
from gkmodel.model.report import REPORT_CLASSES, AnnualReport
from gkmodel.rules._completeness import blank_tables, empty_sections
from gkmodel.rules.catalogue import RULES, Rule, Severity

__all__ = [
    "Finding",
    "Findings",
    "ReportInvalidError",
    "check",
    "check_pair",
    "check_rollup",
    "derive_totals",
    "is_valid",
    "validate",
]

Lang = Literal["zh", "en"]
REPORT_CLASSES_TUPLE = tuple(REPORT_CLASSES.values())
Number = int | Decimal
_LOCALES = {"zh": "zh_CN", "en": "en"}


@functools.cache
def _locale(lang: str) -> Locale:
    """The babel locale of a message language, parsed once."""
    return Locale.parse(_LOCALES[lang])


@functools.lru_cache(maxsize=4096)
def _format_int(value: int, lang: str) -> str:
    """A count as the messages print it (babel is slow enough to be worth a cache)."""
    return format_decimal(value, locale=_locale(lang))


@functools.lru_cache(maxsize=256)
def _format_list(items: tuple[str, ...], lang: str) -> str:
    return format_list(list(items), locale=_locale(lang))


@functools.lru_cache(maxsize=1024)
def _format_date(value: dt.date, lang: str) -> str:
    return format_date(value, "long", locale=_locale(lang))


@attrs.frozen(kw_only=True)
class Finding:
    """One finding: which rule, how serious, where, and the numbers behind it.

    ``path`` is the model path of the cell (or text) the finding is about;
    ``table``/``row``/``column`` name the official cell when there is one.
    ``reported`` is the value the report gives, ``computed`` what the rule
    computes from the other cells, ``difference`` = reported − computed.
    ``blank`` lists the paths of addends that were blank (taken as 0 only
    with ``blank_as_zero``).  ``suggestion`` is a repair hint, never applied.
    """

    code: str
    severity: Severity
    message: str
    path: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    reported: Number | None = None
    computed: Number | None = None
    difference: Number | None = None
    blank: tuple[str, ...] = ()
    suggestion: str | None = None

    @property
    def rule(self) -> Rule:
        """The catalogue entry of this finding."""
        return RULES[self.code]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (decimals as strings)."""
        data = attrs.asdict(self, recurse=False)
        data["severity"] = self.severity.value
        data["blank"] = list(self.blank)
        for key in ("reported", "computed", "difference"):
            if isinstance(data[key], Decimal):
                data[key] = decimal_text(data[key])
        return data


@functools.cache
def _finding_maker() -> Callable[..., Finding]:
    """``Finding(...)`` without its ``__init__``, which has nothing to check: every argument
    is required and keyword-only.  The checker makes many findings; a test holds the two
    ways to equal objects."""
    names = [f.name for f in attrs.fields(Finding)]
    build, namespace = init_free(Finding, "finding", {n: n for n in names})
    lines = [f"def make(*, {', '.join(names)}):", *(f"    {line}" for line in build)]
    lines.append("    return finding")
    maker: Callable[..., Finding] = define("make", lines, namespace, "findings")
    return maker


class Findings(tuple[Finding, ...]):
    """The findings of a check, in catalogue order; a tuple with a few helpers."""

    __slots__ = ()

    def at_least(self, severity: Severity) -> Findings:
        """The findings of ``severity`` or worse."""
        return Findings(f for f in self if f.severity.rank >= severity.rank)

    @property
    def failed(self) -> bool:
        """True when a finding is of severity error or inconsistency."""
        return any(f.severity.rank >= Severity.INCONSISTENCY.rank for f in self)

    def codes(self) -> list[str]:
        """The codes of the findings, in order (with repeats)."""
        return [f.code for f in self]


class ReportInvalidError(GkmodelError):
    """Raised by :func:`validate`: the report has findings of severity error or inconsistency."""

    code = "invalid"

    def __init__(self, findings: Findings) -> None:
        self.findings = findings
        lines = [f"{f.code} {f.message} @ {f.path}" for f in findings]
        super().__init__(f"{len(findings)} finding(s):\n  " + "\n  ".join(lines))


# -- equations ------------------------------------------------------------------------


@attrs.frozen
class _Equation:
    code: str
    focus: str  # the reported cell
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    cells: tuple[str, ...] = attrs.field(init=False, eq=False)  # lhs + rhs
    cell_set: frozenset[str] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "cells", (*self.lhs, *self.rhs))
        object.__setattr__(self, "cell_set", frozenset(self.cells))


def _cls(report: object) -> type:
    """The class of a report, typed for the layout caches."""
    return type(report)


def _p(*parts: str) -> str:
    return "$." + ".".join(parts)


_APPEAL_CODES = {
    "reconsideration": "T4-REV",
    "litigation.direct": "T4-LIT-D",
    "litigation.after_reconsideration": "T4-LIT-R",
}


@class_cache
def _equations(report_cls: type) -> tuple[_Equation, ...]:
    """The arithmetic rules of tables 三 and 四 of a report class, as equations."""
    eqs: list[_Equation] = []
    rows = report_rows(report_cls)
    t3 = [r for r in rows if r.table == "三"]
    columns = [name for name, _ in t3[0].columns]
    outcomes = [r for r in t3 if r.path[1] == "results" and r.path[2] != "total"]
    for c in columns:
        eqs.append(
            _Equation(
                "T3-REC",
                _p("requests", "results", "total", c),
                (_p("requests", "new_received", c), _p("requests", "carried_over", c)),
                (_p("requests", "results", "total", c), _p("requests", "carried_forward", c)),
            )
        )
    for c in columns:
        eqs.append(
            _Equation(
                "T3-TOT",
                _p("requests", "results", "total", c),
                (_p("requests", "results", "total", c),),
                tuple(_p(*r.path, c) for r in outcomes),
            )
        )
    for r in t3:
        eqs.append(
            _Equation(
                "T3-ROW",
                _p(*r.path, "total"),
                (_p(*r.path, "total"),),
                tuple(_p(*r.path, c) for c in columns if c != "total"),
            )
        )
    for r in (r for r in rows if r.table == "四"):
        code = _APPEAL_CODES[".".join(r.path[1:])]
        parts = [name for name, _ in r.columns if name != "total"]
        eqs.append(
            _Equation(
                code,
                _p(*r.path, "total"),
                (_p(*r.path, "total"),),
                tuple(_p(*r.path, c) for c in parts),
            )
        )
    return tuple(eqs)


@class_cache
def _cell_specs(report_cls: type) -> dict[str, CellSpec]:
    return {c.model_path: c for c in report_cells(report_cls)}


# -- the checking context ---------------------------------------------------------------


_Labels = tuple[str | None, str | None, str | None]


@attrs.define
class _Context:
    report: AnnualReport
    lang: Lang
    blank_as_zero: bool
    cells: tuple[Any, ...]  # the values of the tables' cells, in the order of _cell_reader
    index: dict[str, int]  # where each table cell is in cells, by path (_cell_index)
    official: dict[str, _Labels]  # the (table, row, column) of each table cell (_labels)
    # The cells of local tables with total rows, by path, and their (section, row, column):
    local_values: dict[str, Any] = attrs.Factory(dict)
    local_labels: dict[str, _Labels] = attrs.Factory(dict)

    def value(self, path: str) -> Any:
        """The value of the cell at ``path`` (a table cell or a local table's cell)."""
        i = self.index.get(path)
        return self.cells[i] if i is not None else self.local_values[path]

    def labels(self, path: str) -> _Labels:
        """The official (table, row, column) of the cell at ``path``, or Nones."""
        found = self.official.get(path) or self.local_labels.get(path)
        return found or (None, None, None)

    def num(self, value: Number | None) -> str:
        if value is None:
            return "空白" if self.lang == "zh" else "blank"
        if type(value) is int:
            return _format_int(value, self.lang)
        return format_decimal(value, locale=_locale(self.lang), decimal_quantization=False)

    def date(self, value: dt.date) -> str:
        return _format_date(value, self.lang)

    def finding(
        self,
        code: str,
        path: str,
        *,
        reported: Number | None = None,
        computed: Number | None = None,
        difference: Number | None = None,
        blank: Sequence[str] = (),
        suggestion: str | None = None,
        **fields: Any,
    ) -> Finding:
        """The finding of rule ``code`` at ``path``, its message filled in.

        The message template gets the cell's labels (or ``table``/``row``/
        ``column`` given here), the numbers given (formatted), and ``fields``.
        """
        rule = RULES[code]
        labels = self.official.get(path)
        # A local table is no official table: its cells are named by row and column only.
        official = labels is not None or "table" in fields
        table, row, column = labels or self.local_labels.get(path) or (None, None, None)
        if fields:
            table = fields.get("table", table)
            row = fields.get("row", row)
            column = fields.get("column", column)
        fields["table"] = table or ""
        fields["row"] = row or ""
        fields["column"] = column or ""
        zh = self.lang == "zh"
        if zh:
            fields["table_label"] = f"表{table}" if table and official else ""
        else:
            fields["table_label_en"] = f"Table {table} " if table and official else ""
        num = self.num
        if reported is not None:
            fields["reported"] = num(reported)
        if computed is not None:
            fields["computed"] = num(computed)
        if difference is not None:
            fields["difference"] = num(difference)
        template = rule.message if zh else rule.message_en
        return _finding_maker()(
            code=code,
            severity=rule.severity,
            message=template.format_map(fields),
            path=path,
            table=table,
            row=row,
            column=column,
            reported=reported,
            computed=computed,
            difference=difference,
            blank=tuple(blank),
            suggestion=suggestion,
        )


@class_cache
def _cell_reader(report_cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    """The model paths of every cell of the tables, and one function reading all their values.

    The function is generated: it walks down to each row once and returns the
    cells of every row in table order, so reading a report's cells costs about
    one attribute access per cell.
    """
    specs = report_cells(report_cls)
    names: dict[tuple[str, ...], str] = {(): "o"}
    lines = ["def cells(o):"]
    for spec in specs:
        for depth in range(1, len(spec.path)):
            prefix = spec.path[:depth]
            if prefix not in names:
                names[prefix] = f"r{len(names)}"
                lines.append(f"    {names[prefix]} = {names[prefix[:-1]]}.{prefix[-1]}")
    row_cells = (f"{names[s.path[:-1]]}.{s.path[-1]}" for s in specs)
    lines.append(f"    return ({', '.join(row_cells)},)")
    cells = define("cells", lines, {}, f"cells of {report_cls.__name__}")
    return tuple(s.model_path for s in specs), cells


@class_cache
def _labels(report_cls: type) -> dict[str, _Labels]:
    """The official (table, row, column) of every cell, by model path."""
    return {c.model_path: (c.table, c.row, c.column.label) for c in report_cells(report_cls)}


def _values(report: AnnualReport) -> dict[str, Any]:
    """Every cell's value by model path."""
    paths, read_cells = _cell_reader(_cls(report))
    return dict(zip(paths, read_cells(report), strict=True))


@class_cache
def _cell_index(report_cls: type) -> dict[str, int]:
    """Where each cell is in the order of :func:`_cell_reader`, by model path."""
    return {p: i for i, p in enumerate(_cell_reader(report_cls)[0])}


def _context(report: AnnualReport, lang: Lang, blank_as_zero: bool) -> _Context:
    cls = _cls(report)
    cells = _cell_reader(cls)[1](report)
    return _Context(report, lang, blank_as_zero, cells, _cell_index(cls), _labels(cls))


# -- the rules ------------------------------------------------------------------------------


class _Evaluated(NamedTuple):
    eq: _Equation
    k: int | None  # the index of a class equation in _equations; None for a local table's
    reported: Number
    computed: Number
    blank: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return self.reported == self.computed


@class_cache
def _screen(report_cls: type) -> Callable[[tuple[Any, ...]], tuple[list[int], list[int]]]:
    """The arithmetic rules of a report class compiled into one function.

    It takes the cell values in the order of :func:`_cell_reader` and returns
    the indices (into :func:`_equations`) of the equations that fail and of
    those that involve a blank cell, in one pass and without a Python call
    per cell: each equation tests its cells for blanks (``is None``, which
    costs less than comparing) and then compares its sums.  Only the few
    equations it returns go through :func:`_evaluate`, which builds the
    findings; ``test_rules`` checks that both agree on generated reports.
    """
    index = _cell_index(report_cls)
    lines = ["def screen(v):", "    failing = []", "    blank = []"]
    for k, eq in enumerate(_equations(report_cls)):
        lhs = " + ".join(f"v[{index[p]}]" for p in eq.lhs)
        rhs = " + ".join(f"v[{index[p]}]" for p in eq.rhs)
        blanks = " or ".join(f"v[{index[p]}] is None" for p in eq.cells)
        lines += [
            f"    if {blanks}:",
            f"        blank.append({k})",
            f"    elif {lhs} != {rhs}:",
            f"        failing.append({k})",
        ]
    lines.append("    return failing, blank")
    screen: Callable[[tuple[Any, ...]], tuple[list[int], list[int]]] = define(
        "screen", lines, {}, f"rules of {report_cls.__name__}"
    )
    return screen


@class_cache
def _cell_indices(report_cls: type) -> tuple[tuple[int, ...], ...]:
    """Each class equation's cells (lhs, then rhs) as indices into :func:`_cell_reader`'s order."""
    index = _cell_index(report_cls)
    return tuple(tuple(index[p] for p in eq.cells) for eq in _equations(report_cls))


@class_cache
def _equations_of_cell(report_cls: type) -> tuple[tuple[int, ...], ...]:
    """For each cell (in the order of :func:`_cell_reader`), the class equations it is in."""
    of_cell: list[list[int]] = [[] for _ in _cell_reader(report_cls)[0]]
    for k, cells in enumerate(_cell_indices(report_cls)):
        for i in dict.fromkeys(cells):
            of_cell[i].append(k)
    return tuple(tuple(ks) for ks in of_cell)


@class_cache
def _getters(report_cls: type) -> tuple[Callable[[tuple[Any, ...]], tuple[Any, ...]], ...]:
    """For each class equation, a function picking the values of its cells from the cells."""
    getters = []
    for cells in _cell_indices(report_cls):
        assert len(cells) > 1  # so that itemgetter returns a tuple
        getters.append(operator.itemgetter(*cells))
    return tuple(getters)


def _evaluate(
    ctx: _Context, ks: Iterable[int], local_eqs: Iterable[_Equation] = ()
) -> list[_Evaluated]:
    """The class equations ``ks`` and the local tables' equations, evaluated.

    An equation with a blank cell is left out unless blanks count as 0.
    """
    cls = _cls(ctx.report)
    eqs, getters, cells, local = _equations(cls), _getters(cls), ctx.cells, ctx.local_values
    todo: list[tuple[int | None, _Equation, Sequence[Any]]]
    todo = [(k, eqs[k], getters[k](cells)) for k in ks]
    todo += [(None, eq, [local[p] for p in eq.cells]) for eq in local_eqs]
    out = []
    for k, eq, values in todo:
        n = len(eq.lhs)
        if None not in values:
            out.append(_Evaluated(eq, k, sum(values[:n]), sum(values[n:]), ()))
        elif ctx.blank_as_zero:
            blank = tuple(compress(eq.cells, map(operator.is_, values, repeat(None))))
            lhs = sum(v or 0 for v in values[:n])
            rhs = sum(v or 0 for v in values[n:])
            out.append(_Evaluated(eq, k, lhs, rhs, blank))
    return out


def _local_equations(ctx: _Context) -> list[_Equation]:
    """LT-TOTAL equations of every local table; registers their cells in the context."""
    eqs: list[_Equation] = []
    for path, table in _local_tables(ctx.report):
        rows = table.rows
        if _settled(table, ctx.blank_as_zero):
            continue  # no finding, and no repair can touch a cell of this table
        heading = None
        for i, row in enumerate(rows):
            if not row.total_of:
                continue  # no rule reads a row that is no total nor part of one
            heading = heading or _section_heading(ctx.report, path)
            for j in range(len(row.values)):
                focus = f"{path}.rows[{i}].values[{j}]"
                parts = tuple(f"{path}.rows[{k}].values[{j}]" for k in row.total_of)
                eqs.append(_Equation("LT-TOTAL", focus, (focus,), parts))
                for k, cell in zip((i, *row.total_of), (focus, *parts), strict=True):
                    ctx.local_values[cell] = rows[k].values[j]
                    ctx.local_labels[cell] = (heading, rows[k].label, table.columns[j + 1])
    return eqs


def _settled(table: LocalTable, blank_as_zero: bool) -> bool:
    """Whether every total row of a local table holds (or is not evaluated, for a blank)."""
    rows = table.rows
    for row in rows:
        for j, total in enumerate(row.values if row.total_of else ()):
            parts = [rows[k].values[j] for k in row.total_of]
            if total is not None and None not in parts:  # all numbers
                if total != sum(parts):  # type: ignore[arg-type]
                    return False
            elif blank_as_zero and (total or 0) != sum(p or 0 for p in parts):
                return False
    return True


def _narratives(report: AnnualReport) -> Iterator[tuple[str, Narrative]]:
    for s in sections(_cls(report)):
        value = getattr(report, s.name)
        if isinstance(value, Narrative):
            yield f"$.{s.name}", value


def _local_tables(report: AnnualReport) -> Iterator[tuple[str, LocalTable]]:
    for base, narrative in _narratives(report):
        for i, block in enumerate(narrative.content):
            if isinstance(block, LocalTable):
                yield f"{base}.content[{i}]", block
        for k, sub in enumerate(narrative.subsections):
            for i, block in enumerate(sub.content):
                if isinstance(block, LocalTable):
                    yield f"{base}.subsections[{k}].content[{i}]", block


def _section_heading(report: AnnualReport, path: str) -> str:
    name = path.split(".")[1]
    spec = next(s for s in sections(_cls(report)) if s.name == name)
    return spec.info.numeral or ""


def _equation_finding(ctx: _Context, ev: _Evaluated, hints: list[str] | None) -> Finding:
    """The finding of a failing equation, with the repairs that would mend it as suggestion."""
    return ctx.finding(
        ev.eq.code,
        ev.eq.focus,
        reported=ev.reported,
        computed=ev.computed,
        difference=ev.reported - ev.computed,
        blank=ev.blank,
        suggestion=" ".join(hints) if hints else None,
    )


def _repairs(
    ctx: _Context, evaluated: list[_Evaluated], unsettled: set[int]
) -> list[tuple[str, Finding]]:
    """Single cells whose change satisfies every failing equation they are in (at least two).

    A cell in an equation that holds is no candidate.  ``unsettled`` are the
    class equations that fail or were not evaluated (a blank): every other
    class equation holds, whether or not it was evaluated one by one.
    """
    failing = [ev for ev in evaluated if not ev.holds]
    seen: set[str] = set()
    shared: set[str] = set()  # the cells of two failing equations or more
    for ev in failing:
        shared |= seen & ev.eq.cell_set
        seen |= ev.eq.cell_set
    if not shared:
        return []
    cls = _cls(ctx.report)
    index, of_cell = _cell_index(cls), _equations_of_cell(cls)
    local_holding = [ev.eq for ev in evaluated if ev.k is None and ev.holds]

    def in_holding_equation(path: str) -> bool:
        i = index.get(path)
        if i is None:  # a local table's cell
            return any(path in eq.cell_set for eq in local_holding)
        return any(k not in unsettled for k in of_cell[i])

    def first_place(path: str) -> tuple[int, int]:
        return next(
            (j, ev.eq.cells.index(path)) for j, ev in enumerate(failing) if path in ev.eq.cell_set
        )

    out: list[tuple[str, Finding]] = []
    # In equation order, then cell order: a stable order of the hints.
    for path in sorted(shared, key=first_place) if len(shared) > 1 else shared:
        value = ctx.value(path)
        if value is None or in_holding_equation(path):
            continue
        evs = [ev for ev in failing if path in ev.eq.cell_set]
        # The change that mends each equation: on the left side the cell must make up the
        # difference, on the right side it must take it away.
        deltas = {
            (ev.computed - ev.reported) if path in ev.eq.lhs else (ev.reported - ev.computed)
            for ev in evs
        }
        if len(deltas) != 1:
            continue
        new = value + deltas.pop()
        if new < 0:
            continue
        codes = tuple(dict.fromkeys(ev.eq.code for ev in evs))
        all_hold = len(evs) == len(failing)
        zh = "，其余勾稽关系亦均成立" if all_hold else ""
        en = ", and every other rule would hold" if all_hold else ""
        finding = ctx.finding(
            "R-REPAIR",
            path,
            reported=value,
            computed=new,
            difference=value - new,
            fixed=_format_list(codes, ctx.lang),
            all_hold=zh if ctx.lang == "zh" else en,
        )
        out.append((path, finding))
    return out


@attrs.frozen
class _Paths:
    """Cells some rules look at, as (index in the order of :func:`_cell_reader`, model path)."""

    rules: tuple[tuple[int, str], ...]  # the cells of the 规章 row of table 二
    money: tuple[tuple[int, str], ...]  # the money cells


@class_cache
def _paths_of(report_cls: type) -> _Paths:
    specs = list(enumerate(report_cells(report_cls)))
    return _Paths(
        rules=tuple(
            (i, s.model_path)
            for i, s in specs
            if s.path[:3] == ("active_disclosure", "item1", "rules")
        ),
        money=tuple((i, s.model_path) for i, s in specs if s.column.value is ValueKind.MONEY),
    )


def _check_active(ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    item1 = report.active_disclosure.item1
    if isinstance(report.active_disclosure, ActiveDisclosure2019):
        for name in ("rules", "normative"):
            row = getattr(item1, name)
            if (
                row.published is not None
                and row.total_published is not None
                and row.published > row.total_published
            ):
                path = _p("active_disclosure", "item1", name, "published")
                yield ctx.finding(
                    "T2-PUB", path, reported=row.published, computed=row.total_published
                )
    level = report.meta.organ.level
    if level.may_make_rules is False:
        for i, path in _paths_of(_cls(report)).rules:
            value = ctx.cells[i]
            if value:
                yield ctx.finding(
                    "T2-REGS",
                    path,
                    reported=value,
                    organ_level=level.label,
                    organ_level_en=level.label_en,
                )
    for i, path in _paths_of(_cls(report)).money:
        value = ctx.cells[i]
        if value is not None:
            fen = Decimal(1).scaleb(-value.unit.fen_places)
            if value.amount % fen:
                yield ctx.finding("T2-MONEY", path, reported=value.amount)


def _check_report(ctx: _Context) -> Iterator[Finding]:
    meta = ctx.report.meta
    expected = Edition.for_year(meta.year)
    if ctx.report.edition is not expected:
        yield ctx.finding(
            "R-EDITION",
            "$.edition",
            year=meta.year,
            expected=expected.value,
            actual=ctx.report.edition.value,
        )
    year_start, year_end = dt.date(meta.year, 1, 1), dt.date(meta.year, 12, 31)
    if meta.period is not None and not (
        year_start <= meta.period.start and meta.period.end <= year_end
    ):
        yield ctx.finding(
            "R-PERIOD",
            "$.meta.period",
            start=ctx.date(meta.period.start),
            end=ctx.date(meta.period.end),
            year=meta.year,
        )
    if meta.published is not None:
        end = meta.period.end if meta.period is not None else year_end
        if meta.published <= end:
            yield ctx.finding(
                "R-EARLY", "$.meta.published", published=ctx.date(meta.published), end=ctx.date(end)
            )
        deadline = meta.organ.level.deadline(meta.year)
        if deadline is not None and meta.published > deadline:
            yield ctx.finding(
                "R-DEADLINE",
                "$.meta.published",
                organ_level=meta.organ.level.label,
                organ_level_en=meta.organ.level.label_en,
                deadline=ctx.date(deadline),
                published=ctx.date(meta.published),
            )


@class_cache
def _table_spans(report_cls: type) -> dict[str, tuple[int, int]]:
    """Where each table's cells are in the order of :func:`_cell_reader` (start, stop)."""
    spans: dict[str, tuple[int, int]] = {}
    for i, spec in enumerate(report_cells(report_cls)):
        start = spans.get(spec.table, (i, i))[0]
        spans[spec.table] = (start, i + 1)
    return spans


def _check_blanks(ctx: _Context) -> Iterator[Finding]:
    if None not in ctx.cells:
        return
    paths = _cell_reader(_cls(ctx.report))[0]
    by_table: dict[str, list[str]] = {}
    for table, (start, stop) in _table_spans(_cls(ctx.report)).items():
        cells = ctx.cells[start:stop]
        if None in cells:
            by_table[table] = list(
                compress(paths[start:stop], map(operator.is_, cells, repeat(None)))
            )
    zh = "，已按 0 计入勾稽关系" if ctx.blank_as_zero else "；涉及空白单元格的勾稽关系未核对"
    en = (
        ", taken as 0 in the rules"
        if ctx.blank_as_zero
        else "; rules involving them were not checked"
    )
    for table in ("二", "三", "四"):
        blanks = by_table.get(table)
        if blanks:
            yield ctx.finding(
                "R-BLANK",
                blanks[0],
                table=table,
                row=None,
                column=None,
                reported=len(blanks),
                blank=blanks,
                treatment=zh,
                treatment_en=en,
            )


def _check_parts(ctx: _Context) -> Iterator[Finding]:
    for path, heading in empty_sections(ctx.report):
        yield ctx.finding("R-SECTION", path, row=heading)
    cls = _cls(ctx.report)
    paths = _cell_reader(cls)[0]
    for table, path, count in blank_tables(ctx.report, ctx.cells, _table_spans(cls), paths):
        yield ctx.finding("R-TABLE", path, table=table, row=None, column=None, reported=count)


_NUMERALS = "一二三四五六七八九十"
# A numeral + 是 at the start or after punctuation or a space: the lookbehind, placed after the
# numeral so that the search starts from the numerals, says "the numeral is not preceded by
# anything else" (a test holds it to the plain lookbehind on generated texts).
_ENUM = re.compile(rf"([{_NUMERALS}])(?<![^。；;，,：:、！!？?\s（(].)是")


def _paragraph_lists(report: AnnualReport) -> Iterator[tuple[tuple[object, ...], str, Any]]:
    """(blocks, path, where) of every list of paragraphs of the report.

    ``blocks`` may hold tables beside the paragraphs (str); the path of block
    ``i`` is ``f"{path}[{i}]"``.  ``where`` is the heading, or a (heading,
    subsection) pair to be joined when a finding needs it.  The paths of a
    report class's lists are written once.
    """
    yield report.meta.preface, "$.meta.preface", ""
    for name, heading, content, intro, notes in _list_paths(_cls(report)):
        value = getattr(report, name)
        if isinstance(value, Narrative):
            yield value.content, content, heading
            for k, sub in enumerate(value.subsections):
                yield sub.content, f"$.{name}.subsections[{k}].content", (heading, sub.title)
        else:
            yield value.intro, intro, heading
            yield value.notes, notes, heading


@class_cache
def _list_paths(report_cls: type) -> tuple[tuple[str, str, str, str, str], ...]:
    """(name, heading, path of content, of intro, of notes) of each section."""
    return tuple(
        (s.name, s.heading, f"$.{s.name}.content", f"$.{s.name}.intro", f"$.{s.name}.notes")
        for s in sections(report_cls)
    )


_NUMBER = {numeral: n for n, numeral in enumerate(_NUMERALS, 1)}


def _check_enumerations(ctx: _Context) -> Iterator[Finding]:
    for blocks, path, where in _paragraph_lists(ctx.report):
        for i, text in enumerate(blocks):
            # An enumeration that is checked starts with 一是 (a table is no str).
            if text.__class__ is not str or "一是" not in text:
                continue
            found = _ENUM.findall(text)
            if len(found) < 2 or found[0] != "一":
                continue
            numbers = [_NUMBER[m] for m in found]
            top = max(numbers)
            if len(set(numbers)) == top:
                continue  # 一 to the last, none missing
            missing = [n for n in range(1, top + 1) if n not in numbers]
            yield ctx.finding(
                "R-ENUM",
                f"{path}[{i}]",
                row=where if isinstance(where, str) else "/".join(where),
                found=_join(ctx, [f"{_NUMERALS[n - 1]}是" for n in numbers]),
                missing=_join(ctx, [f"{_NUMERALS[n - 1]}是" for n in missing]),
            )


def _join(ctx: _Context, items: Sequence[str]) -> str:
    return "、".join(items) if ctx.lang == "zh" else ", ".join(items)


# -- the public verbs ---------------------------------------------------------------------


def check(
    report: AnnualReport,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    min_severity: Severity = Severity.INFO,
    blank_as_zero: bool = False,
    lang: Lang = "zh",
) -> Findings:
    """Every finding of the rule catalogue on ``report``; never raises, never changes data.

    ``select``/``ignore`` pick rules by code; ``min_severity`` drops milder
    findings; ``blank_as_zero`` counts blank cells as 0 (by default a rule
    that involves a blank cell is not evaluated: a blank is not a number,
    and the blank cells are listed by ``R-BLANK``); ``lang`` is ``"zh"`` or
    ``"en"`` for the messages.

    >>> import gkmodel
    >>> seed = gkmodel.load("examples/data/shangguan_2020.json")
    >>> [f.code for f in check(seed, min_severity=Severity.INCONSISTENCY)]
    ['T3-REC', 'T3-REC', 'T3-TOT', 'T3-TOT']
    >>> f = check(seed, select=["T3-TOT"], lang="en")[0]
    >>> f.column, f.reported, f.computed
    ('自然人', 4, 0)
    >>> print(f.message)  # doctest: +NORMALIZE_WHITESPACE
    Table 三 “三、本年度办理结果/（七）总计” × “自然人”: reported 4,
    the outcome rows add up to 0 (difference 4).
    """
    try:
        return _check(
            report,
            select=select,
            ignore=ignore,
            min_severity=min_severity,
            blank_as_zero=blank_as_zero,
            lang=lang,
        )
    except Exception as exc:  # noqa: BLE001  (check never raises: an internal failure is a finding)
        return Findings([_internal_error(report, exc)])


def _internal_error(report: object, exc: Exception) -> Finding:
    return Finding(
        code="R-CHECK",
        severity=Severity.ERROR,
        message=RULES["R-CHECK"].message.format(kind=type(report).__name__, reason=exc),
        path="$",
    )


_ALL_CODES = frozenset(RULES)
_ORDER = {code: i for i, code in enumerate(RULES)}
_CHECKERS: tuple[tuple[Callable[[_Context], Iterator[Finding]], frozenset[str]], ...] = (
    (_check_active, frozenset({"T2-PUB", "T2-REGS", "T2-MONEY"})),
    (_check_report, frozenset({"R-EDITION", "R-PERIOD", "R-EARLY", "R-DEADLINE"})),
    (_check_blanks, frozenset({"R-BLANK"})),
    (_check_parts, frozenset({"R-SECTION", "R-TABLE"})),
    (_check_enumerations, frozenset({"R-ENUM"})),
)
"""The checkers beside the equations, with the codes each can find."""


def _check(
    report: AnnualReport,
    *,
    select: Iterable[str] | None,
    ignore: Iterable[str],
    min_severity: Severity,
    blank_as_zero: bool,
    lang: Lang,
) -> Findings:
    if not isinstance(report, REPORT_CLASSES_TUPLE):
        raise TypeError(
            f"expected AnnualReport2019 or AnnualReport2021, got {type(report).__name__}"
        )
    wanted = _wanted(select, ignore, min_severity)
    ctx = _context(report, lang, blank_as_zero)
    findings = _check_equations(ctx, wanted) if wanted & _equation_codes(_cls(report)) else []
    for checker, codes in _CHECKERS:
        if wanted & codes:  # a rule that is not wanted is not evaluated
            findings.extend(checker(ctx))
    if wanted is not _ALL_CODES:
        findings = [f for f in findings if f.code in wanted]
    findings.sort(key=lambda f: _ORDER[f.code])  # stable: table order within a rule
    return Findings(findings)


def _wanted(
    select: Iterable[str] | None, ignore: Iterable[str], min_severity: Severity
) -> frozenset[str]:
    """The codes of the rules to apply."""
    if select is None and not ignore and min_severity is Severity.INFO:
        return _ALL_CODES
    chosen = _ALL_CODES if select is None else frozenset(select)
    dropped = frozenset(ignore)
    unknown = (chosen | dropped) - _ALL_CODES
    if unknown:
        raise GkmodelError(f"unknown rule code(s): {', '.join(sorted(unknown))}")
    return frozenset(c for c in chosen - dropped if RULES[c].severity.rank >= min_severity.rank)


@class_cache
def _equation_codes(report_cls: type) -> frozenset[str]:
    """The codes of the equations (local tables' included) and of the repairs they lead to."""
    return frozenset(eq.code for eq in _equations(report_cls)) | {"LT-TOTAL", "R-REPAIR"}


def _check_equations(ctx: _Context, wanted: frozenset[str]) -> list[Finding]:
    """The findings of the arithmetic rules and of the repairs (R-REPAIR) among ``wanted``."""
    local_eqs = _local_equations(ctx)
    failing, blank = _screen(_cls(ctx.report))(ctx.cells)
    # Only the equations that fail (or that take a blank as 0) are evaluated one by one;
    # the screen has shown that the others hold.
    suspects = sorted({*failing, *blank}) if ctx.blank_as_zero else failing
    evaluated = _evaluate(ctx, suspects, local_eqs)
    broken = [ev for ev in evaluated if not ev.holds]
    repairs: list[tuple[str, Finding]] = []
    hints: dict[int, list[str]] = {}  # by position in broken
    # A repair needs two failing rules; it is a finding and a hint on the rules it mends.
    if len(broken) > 1 and ("R-REPAIR" in wanted or any(ev.eq.code in wanted for ev in broken)):
        unsettled = {ev.k for ev in broken if ev.k is not None}
        if not ctx.blank_as_zero:
            unsettled.update(blank)  # not evaluated: neither holding nor failing
        repairs = _repairs(ctx, evaluated, unsettled)
        for path, repair in repairs:
            for j, ev in enumerate(broken):
                if path in ev.eq.cell_set:
                    hints.setdefault(j, []).append(repair.message)
    findings = [
        _equation_finding(ctx, ev, hints.get(j))
        for j, ev in enumerate(broken)
        if ev.eq.code in wanted
    ]
    if "R-REPAIR" in wanted:
        findings.extend(r for _, r in repairs)
    return findings


def validate(report: AnnualReport, **options: Any) -> AnnualReport:
    """Return ``report`` if it has no finding of severity error or inconsistency.

    Otherwise raise :class:`ReportInvalidError` carrying all those findings.
    Takes the options of :func:`check`.
    """
    findings = check(report, **options).at_least(Severity.INCONSISTENCY)
    if findings:
        raise ReportInvalidError(findings)
    return report


def is_valid(report: object, **options: Any) -> bool:
    """True when ``report`` is a report without findings of severity error or inconsistency.

    Never raises: anything that is not a report is simply not valid.
    """
    try:
        return not check(report, **options).failed  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001
        return False


def derive_totals(report: AnnualReport) -> AnnualReport:
    """The report with every 总计 cell of tables 三 and 四 computed from its parts.

    For people generating a report: row totals of table 三 from the six
    applicant columns, （七）总计 from the outcome rows, and table 四's 总计
    from the four results.  A total whose parts are all blank stays blank.
    Nothing else is changed; :func:`check` never calls this.
    """
    values = _values(report)
    changes: dict[tuple[str, ...], Any] = {}
    # Row totals first, then the results total per column (whose row total follows).
    eqs = _equations(_cls(report))
    ordered = [e for e in eqs if e.code == "T3-ROW" and "results.total" not in e.focus]
    ordered += [e for e in eqs if e.code == "T3-TOT"]
    ordered += [e for e in eqs if e.code.startswith("T4-")]
    for eq in ordered:
        parts = [values[p] for p in eq.rhs]
        known = [v for v in parts if v is not None]
        total = sum(known) if known else None
        values[eq.focus] = total
        changes[tuple(eq.focus[2:].split("."))] = total
    return replace_paths(report, changes)


# -- across reports -------------------------------------------------------------------------


def check_pair(previous: AnnualReport, current: AnnualReport, *, lang: Lang = "zh") -> Findings:
    """Cross-year checks of one organ's reports for two consecutive years (all warnings).

    X-CARRY: 二、上年结转 of ``current`` = 四、结转下年度继续办理 of ``previous``, per column;
    X-ITEMS (2019 edition): 上一年项目数量 moves by 本年增/减; X-VALID (2021 edition):
    现行有效件数 moves by 制发 − 废止.  X-PAIR warns when the two are not one organ's
    consecutive years.
    """
    ctx = _context(current, lang, blank_as_zero=False)
    out: list[Finding] = []
    pm, cm = previous.meta, current.meta
    if pm.organ.name != cm.organ.name or cm.year != pm.year + 1:
        out.append(
            ctx.finding(
                "X-PAIR",
                "$.meta",
                previous=f"{pm.organ.name} {pm.year}",
                current=f"{cm.organ.name} {cm.year}",
            )
        )
    years: dict[str, Any] = {"year": cm.year, "previous_year": pm.year}
    carried_over = current.requests.carried_over
    carried_forward = previous.requests.carried_forward
    for name in _applicant_columns():
        now, before = getattr(carried_over, name), getattr(carried_forward, name)
        if now is not None and before is not None and now != before:
            out.append(
                ctx.finding(
                    "X-CARRY",
                    _p("requests", "carried_over", name),
                    reported=now,
                    computed=before,
                    difference=now - before,
                    **years,
                )
            )
    out.extend(_pair_active(ctx, previous, current, years))
    return Findings(out)


def _applicant_columns() -> list[str]:
    from gkmodel.model.requests import ApplicantCounts

    return [f.name for f in attrs.fields(ApplicantCounts)]


def _pair_active(
    ctx: _Context, previous: AnnualReport, current: AnnualReport, years: dict[str, Any]
) -> Iterator[Finding]:
    if previous.edition is Edition.E2019 and current.edition is Edition.E2019:
        for spec in _cell_specs(_cls(current)).values():
            if spec.path[-1] != "previous":
                continue
            row_path = spec.path[:-1]
            now = get_path(current, spec.path)
            before = get_path(previous, (*row_path, "previous"))
            change = get_path(previous, (*row_path, "change"))
            if None in (now, before, change):
                continue
            if now != before + change:
                yield ctx.finding(
                    "X-ITEMS",
                    spec.model_path,
                    reported=now,
                    computed=before + change,
                    difference=now - before - change,
                    **years,
                )
    if previous.edition is Edition.E2021 and current.edition is Edition.E2021:
        for name in ("rules", "normative"):
            row_now = getattr(current.active_disclosure.item1, name)
            row_before = getattr(previous.active_disclosure.item1, name)
            parts = (row_before.in_force, row_now.issued, row_now.repealed, row_now.in_force)
            if None in parts:
                continue
            expected = row_before.in_force + row_now.issued - row_now.repealed
            if row_now.in_force != expected:
                path = _p("active_disclosure", "item1", name, "in_force")
                yield ctx.finding(
                    "X-VALID",
                    path,
                    reported=row_now.in_force,
                    computed=expected,
                    difference=row_now.in_force - expected,
                )


def check_rollup(
    total: AnnualReport, parts: Sequence[AnnualReport], *, lang: Lang = "zh"
) -> Findings:
    """Each cell of ``total``'s tables equals the sum of that cell over ``parts`` (X-ROLLUP).

    Parts must be of ``total``'s edition.  A cell is compared when it and all
    its parts are filled; money is compared when every amount has the same unit.
    """
    for i, part in enumerate(parts):
        if part.edition is not total.edition:
            raise GkmodelError(
                f"part {i} is of the {part.edition.value} edition, the total of the "
                f"{total.edition.value} edition"
            )
    ctx = _context(total, lang, blank_as_zero=False)
    part_values = [_values(p) for p in parts]
    out: list[Finding] = []
    for spec in _cell_specs(_cls(total)).values():
        path = spec.model_path
        reported = ctx.value(path)
        values = [pv[path] for pv in part_values]
        if reported is None or any(v is None for v in values):
            continue
        if spec.column.value is ValueKind.MONEY:
            if any(v.unit is not reported.unit for v in values):
                continue
            reported_n: Number = reported.amount
            computed: Number = sum((v.amount for v in values), Decimal(0))
        else:
            reported_n, computed = reported, sum(values)
        if reported_n != computed:
            out.append(
                ctx.finding(
                    "X-ROLLUP",
                    path,
                    reported=reported_n,
                    computed=computed,
                    difference=reported_n - computed,
                )
            )
    return Findings(out)
