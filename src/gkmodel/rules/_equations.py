"""The arithmetic rules: the equations the catalogue declares, compiled once per report class.

Each rule of the forms :class:`~gkmodel.rules.forms.EachColumn` and
:class:`~gkmodel.rules.forms.EachRow` is expanded over the layout of a
report class into linear equations over cells (``Σ lhs = Σ rhs``); the
equations of a class are compiled into one screening function, and only
those that fail (or take a blank as 0) are evaluated one by one.  A blank
cell is not a number: by default an equation that involves a blank cell is
not evaluated; with ``blank_as_zero=True`` blanks count as 0 and each
finding lists the blank addends.  Local tables' declared totals
(``LT-TOTAL``) and the repair hints (``R-REPAIR``) are made here too.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from typing import Any, NamedTuple

import attrs

from gkmodel._codegen import define
from gkmodel.editions import declaration_for_class
from gkmodel.model.layout import class_cache, sections
from gkmodel.model.narrative import LocalTable, Narrative
from gkmodel.model.report import AnnualReport
from gkmodel.rules.catalogue import RULES
from gkmodel.rules.context import Context, cell_index, cell_reader
from gkmodel.rules.findings import Finding, Number, format_list_cached
from gkmodel.rules.forms import EachColumn, EachRow, Form, LocalTotals, Repairs

__all__ = ["Equation", "check_equations", "equation_codes", "equations", "total_definitions"]


def _cls(report: object) -> type:
    """The class of a report, typed for the layout caches."""
    return type(report)


@attrs.frozen
class Equation:
    """One linear equation of a rule: Σ lhs = Σ rhs, reported at ``focus``."""

    code: str
    focus: str  # the reported cell
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    cells: tuple[str, ...] = attrs.field(init=False, eq=False)  # lhs + rhs
    cell_set: frozenset[str] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "cells", (*self.lhs, *self.rhs))
        object.__setattr__(self, "cell_set", frozenset(self.cells))


def _path(*parts: str) -> str:
    return "$." + ".".join(parts)


def _expand(code: str, form: Form, report_cls: type) -> Iterator[Equation]:
    """The equations of one rule's form over the layout of ``report_cls``."""
    if isinstance(form, EachColumn):
        lhs = [r for sel in form.lhs for r in sel.select(report_cls)]
        rhs = [r for sel in form.rhs for r in sel.select(report_cls)]
        focus = form.focus.select(report_cls)
        if not lhs or len(focus) != 1:
            return  # the report class has no such table
        for c, _ in lhs[0].columns:
            yield Equation(
                code,
                _path(*focus[0].path, c),
                tuple(_path(*r.path, c) for r in lhs),
                tuple(_path(*r.path, c) for r in rhs),
            )
    elif isinstance(form, EachRow):
        for r in form.rows.select(report_cls):
            total = _path(*r.path, form.total)
            parts = tuple(_path(*r.path, c) for c, _ in r.columns if c != form.total)
            yield Equation(code, total, (total,), parts)


def _code_of(form: type[Form]) -> str:
    """The code of the one rule of the catalogue declared in ``form``."""
    (code,) = (rule.code for rule in RULES.values() if type(rule.form) is form)
    return code


_LOCAL = _code_of(LocalTotals)  # LT-TOTAL
_REPAIR = _code_of(Repairs)  # R-REPAIR


@class_cache
def equations(report_cls: type) -> tuple[Equation, ...]:
    """Every equation the catalogue declares for a report class, in catalogue and table order
    (the rules that the class's edition does not apply left out)."""
    declaration = declaration_for_class(report_cls)
    return tuple(
        eq
        for rule in RULES.values()
        if declaration is None or declaration.applies(rule.code)
        for eq in _expand(rule.code, rule.form, report_cls)
    )


@class_cache
def total_definitions(report_cls: type) -> tuple[Equation, ...]:
    """The equations that define a cell as the sum of others (``total = Σ parts``), in an order
    where every total comes after the totals among its parts.

    A cell that two equations define (（七）总计's own 总计) takes the first in catalogue order.
    """
    defining: dict[str, Equation] = {}
    for eq in equations(report_cls):
        if eq.lhs == (eq.focus,):
            defining.setdefault(eq.focus, eq)
    ordered: dict[str, Equation] = {}

    def visit(eq: Equation) -> None:
        if eq.focus in ordered:
            return
        for part in eq.rhs:
            below = defining.get(part)
            if below is not None:
                visit(below)
        ordered[eq.focus] = eq

    for eq in defining.values():
        visit(eq)
    return tuple(ordered.values())


class _Evaluated(NamedTuple):
    eq: Equation
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

    It takes the cell values in the order of :func:`cell_reader` and returns
    the indices (into :func:`equations`) of the equations that fail and of
    those that involve a blank cell, in one pass and without a Python call
    per cell: each equation tests its cells for blanks (``is None``, which
    costs less than comparing) and then compares its sums.  Only the few
    equations it returns go through :func:`_evaluate`, which builds the
    findings; ``test_rules`` checks that both agree on generated reports.
    """
    index = cell_index(report_cls)
    lines = ["def screen(v):", "    failing = []", "    blank = []"]
    for k, eq in enumerate(equations(report_cls)):
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
    """Each class equation's cells (lhs, then rhs) as indices into :func:`cell_reader`'s order."""
    index = cell_index(report_cls)
    return tuple(tuple(index[p] for p in eq.cells) for eq in equations(report_cls))


@class_cache
def _equations_of_cell(report_cls: type) -> tuple[tuple[int, ...], ...]:
    """For each cell (in the order of :func:`cell_reader`), the class equations it is in."""
    of_cell: list[list[int]] = [[] for _ in cell_reader(report_cls)[0]]
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
    ctx: Context, ks: Iterable[int], local_eqs: Iterable[Equation] = ()
) -> list[_Evaluated]:
    """The class equations ``ks`` and the local tables' equations, evaluated.

    An equation with a blank cell is left out unless blanks count as 0.
    """
    cls = _cls(ctx.report)
    eqs, getters, cells, local = equations(cls), _getters(cls), ctx.cells, ctx.local_values
    todo: list[tuple[int | None, Equation, Sequence[Any]]]
    todo = [(k, eqs[k], getters[k](cells)) for k in ks]
    todo += [(None, eq, [local[p] for p in eq.cells]) for eq in local_eqs]
    out = []
    for k, eq, values in todo:
        n = len(eq.lhs)
        if None not in values:
            out.append(_Evaluated(eq, k, sum(values[:n]), sum(values[n:]), ()))
        elif ctx.blank_as_zero:
            blank = tuple(compress(eq.cells, map(operator.is_, values, repeat(None))))
            if ctx.unread and not ctx.unread.isdisjoint(blank):
                continue  # a cell that could not be read is not 0: not evaluated
            lhs = sum(v or 0 for v in values[:n])
            rhs = sum(v or 0 for v in values[n:])
            out.append(_Evaluated(eq, k, lhs, rhs, blank))
    return out


def _local_equations(ctx: Context) -> list[Equation]:
    """LT-TOTAL equations of every local table; registers their cells in the context."""
    eqs: list[Equation] = []
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
                eqs.append(Equation(_LOCAL, focus, (focus,), parts))
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


def _equation_finding(ctx: Context, ev: _Evaluated, hints: list[str] | None) -> Finding:
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
    ctx: Context, evaluated: list[_Evaluated], unsettled: set[int]
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
    index, of_cell = cell_index(cls), _equations_of_cell(cls)
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
            _REPAIR,
            path,
            reported=value,
            computed=new,
            difference=value - new,
            fixed=format_list_cached(codes, ctx.lang),
            all_hold=zh if ctx.lang == "zh" else en,
        )
        out.append((path, finding))
    return out


@class_cache
def equation_codes(report_cls: type) -> frozenset[str]:
    """The codes of the equations (local tables' included) and of the repairs they lead to."""
    return frozenset(eq.code for eq in equations(report_cls)) | {_LOCAL, _REPAIR}


def check_equations(ctx: Context, wanted: frozenset[str]) -> list[Finding]:
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
    if len(broken) > 1 and (_REPAIR in wanted or any(ev.eq.code in wanted for ev in broken)):
        unsettled = {ev.k for ev in broken if ev.k is not None}
        if not ctx.blank_as_zero:
            unsettled.update(blank)  # not evaluated: neither holding nor failing
        elif ctx.unread:  # those with an unread cell are not evaluated either
            evaluated_ks = {ev.k for ev in evaluated}
            unsettled.update(k for k in blank if k not in evaluated_ks)
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
    if _REPAIR in wanted:
        findings.extend(r for _, r in repairs)
    return findings
