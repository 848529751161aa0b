"""The checker: evaluate the catalogue on a report, never raising, never changing data.

Every rule is a declaration of :data:`~gkmodel.rules.catalogue.RULES`; this
module spells none of them.  It evaluates each declared form generically:
the equations (:mod:`gkmodel.rules._equations`), the inequalities
(:class:`~gkmodel.rules.forms.AtMost`), the cross-year equations
(:class:`~gkmodel.rules.forms.AcrossYears`,
:class:`~gkmodel.rules.forms.EachColumnAcrossYears`) and the named check
functions (:class:`~gkmodel.rules.forms.Function`).  A blank cell is not a
number: by default a rule that involves a blank cell is not evaluated (and
the blank cells are reported as ``R-BLANK``); with ``blank_as_zero=True``
blanks count as 0 and each finding lists the blank addends.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from gkmodel.editions import EDITIONS, declaration_for_class
from gkmodel.errors import GkmodelError
from gkmodel.model.layout import RowSpec, class_cache, get_path, replace_paths, report_rows
from gkmodel.model.report import AnnualReport
from gkmodel.rules._equations import check_equations, equation_codes, total_definitions
from gkmodel.rules.catalogue import RULES, Rule, Scope, Severity
from gkmodel.rules.context import Context, context, values
from gkmodel.rules.findings import Finding, Findings, Lang, Number, ReportInvalidError
from gkmodel.rules.forms import (
    AcrossYears,
    AtMost,
    EachColumnAcrossYears,
    Function,
    Internal,
)

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


def _cls(report: object) -> type:
    """The class of a report, typed for the layout caches."""
    return type(report)


# -- the forms that are no equation ------------------------------------------------------------


@functools.cache
def _function(target: str) -> Callable[..., Iterator[Finding]]:
    """The check function a :class:`Function` form names (``"package.module:name"``)."""
    module, _, name = target.partition(":")
    fn: Callable[..., Iterator[Finding]] = getattr(importlib.import_module(module), name)
    return fn


def _has_columns(row: RowSpec, names: Iterable[str]) -> bool:
    have = {name for name, _ in row.columns}
    return all(n in have for n in names)


@class_cache
def _at_most_rows(report_cls: type, form: AtMost) -> tuple[RowSpec, ...]:
    return tuple(
        r for r in form.rows.select(report_cls) if _has_columns(r, (form.cell, form.bound))
    )


def _at_most(ctx: Context, code: str, form: AtMost) -> Iterator[Finding]:
    """X[r][cell] ≤ X[r][bound] for each row of the form that has both columns."""
    for r in _at_most_rows(_cls(ctx.report), form):
        row = get_path(ctx.report, r.path)
        value, bound = getattr(row, form.cell), getattr(row, form.bound)
        if value is not None and bound is not None and value > bound:
            path = "$." + ".".join((*r.path, form.cell))
            yield ctx.finding(code, path, reported=value, computed=bound)


def _report_rule(rule: Rule) -> Callable[[Context], Iterator[Finding]] | None:
    """How a rule of report scope that is no equation is checked (None: not by itself)."""
    form, code = rule.form, rule.code
    if isinstance(form, Function):
        fn = _function(form.target)
        return lambda ctx: fn(ctx, code)
    if isinstance(form, AtMost):
        return lambda ctx: _at_most(ctx, code, form)
    return None


def check(
    report: AnnualReport,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    min_severity: Severity = Severity.INFO,
    blank_as_zero: bool = False,
    lang: Lang = "zh",
    unread: Iterable[str] = (),
) -> Findings:
    """Every finding of the rule catalogue on ``report``; never raises, never changes data.

    ``select``/``ignore`` pick rules by code; ``min_severity`` drops milder
    findings; ``blank_as_zero`` counts blank cells as 0 (by default a rule
    that involves a blank cell is not evaluated: a blank is not a number,
    and the blank cells are listed by ``R-BLANK``); ``lang`` is ``"zh"`` or
    ``"en"`` for the messages.

    ``unread`` names what a reader could not read (pass
    :attr:`gkmodel.ReadResult.unread`): table cells blank in the model that are
    not the organ's blanks, so ``R-BLANK`` and ``R-TABLE`` leave them out and
    no rule counts them as 0, even with ``blank_as_zero`` (a rule that needs
    one is not evaluated); and text sections whose heading was not found,
    which ``R-SECTION`` does not call empty.  A reading problem is never
    reported as the report's error.  Other paths are ignored.

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
            unread=unread,
        )
    except Exception as exc:  # noqa: BLE001  (check never raises: an internal failure is a finding)
        return Findings([_internal_error(report, exc)])


def _internal_error(report: object, exc: Exception) -> Finding:
    rule = next(r for r in RULES.values() if isinstance(r.form, Internal))  # R-CHECK
    return Finding(
        code=rule.code,
        severity=rule.severity,
        message=rule.message.format(kind=type(report).__name__, reason=exc),
        path="$",
    )


_ALL_CODES = frozenset(RULES)
_ORDER = {code: i for i, code in enumerate(RULES)}


@functools.cache
def _plan(
    wanted: frozenset[str], report_cls: type
) -> tuple[Callable[[Context], Iterator[Finding]], ...]:
    """The checks of the wanted rules of report scope that are no equation and apply to the
    edition of ``report_cls``, in catalogue order."""
    declaration = declaration_for_class(report_cls)
    assert declaration is not None
    out = []
    for rule in RULES.values():
        if rule.code in wanted and rule.scope is Scope.REPORT and declaration.applies(rule.code):
            run = _report_rule(rule)
            if run is not None:
                out.append(run)
    return tuple(out)


def _check(
    report: AnnualReport,
    *,
    select: Iterable[str] | None,
    ignore: Iterable[str],
    min_severity: Severity,
    blank_as_zero: bool,
    lang: Lang,
    unread: Iterable[str] = (),
) -> Findings:
    if declaration_for_class(_cls(report)) is None:
        names = " or ".join(d.report_class.__name__ for d in EDITIONS.values())
        raise TypeError(f"expected {names}, got {type(report).__name__}")
    wanted = _wanted(select, ignore, min_severity)
    ctx = context(report, lang, blank_as_zero, frozenset(unread) if unread else frozenset())
    findings = check_equations(ctx, wanted) if wanted & equation_codes(_cls(report)) else []
    for run in _plan(wanted, _cls(report)):  # a rule that is not wanted is not evaluated
        findings.extend(run(ctx))
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
    return _wanted_of(chosen, dropped, min_severity)


@functools.lru_cache(maxsize=64)
def _wanted_of(
    chosen: frozenset[str], dropped: frozenset[str], min_severity: Severity
) -> frozenset[str]:
    unknown = (chosen | dropped) - _ALL_CODES
    if unknown:
        raise GkmodelError(f"unknown rule code(s): {', '.join(sorted(unknown))}")
    return frozenset(c for c in chosen - dropped if RULES[c].severity.rank >= min_severity.rank)


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

    For people generating a report: every cell that a rule defines as the sum
    of others (row totals of table 三 from the six applicant columns,
    （七）总计 from the outcome rows, and table 四's 总计 from the four
    results), parts before their totals.  A total whose parts are all blank
    stays blank.  Nothing else is changed; :func:`check` never calls this.
    """
    from gkmodel.errors import expect_report

    expect_report("derive_totals", report)
    cells = values(report)
    changes: dict[tuple[str, ...], Any] = {}
    for eq in total_definitions(_cls(report)):
        known = [v for v in (cells[p] for p in eq.rhs) if v is not None]
        total = sum(known) if known else None
        cells[eq.focus] = total
        changes[tuple(eq.focus[2:].split("."))] = total
    return replace_paths(report, changes)


# -- across reports -------------------------------------------------------------------------


def _pair_rule(
    rule: Rule,
) -> Callable[[Context, AnnualReport, AnnualReport, dict[str, Any]], Iterator[Finding]]:
    form, code = rule.form, rule.code
    if isinstance(form, Function):
        fn = _function(form.target)
        return lambda ctx, previous, current, years: fn(ctx, code, previous, current)
    if isinstance(form, EachColumnAcrossYears):
        return lambda ctx, previous, current, years: _each_column_across_years(
            ctx, code, form, previous, current, years=years
        )
    if isinstance(form, AcrossYears):
        return lambda ctx, previous, current, years: _across_years(
            ctx, code, form, previous, current, years=years
        )
    raise TypeError(f"rule {code}: a rule of pair scope cannot take the form {form!r}")


def check_pair(previous: AnnualReport, current: AnnualReport, *, lang: Lang = "zh") -> Findings:
    """Cross-year checks of one organ's reports for two consecutive years (warnings, one info).

    Every rule of pair scope in the catalogue, in catalogue order: X-PAIR
    warns when the two are not one organ's consecutive years (names compared
    when both state their organ); X-PAIR-UNSTATED (info) says when one does
    not, so the organs cannot be compared; X-CARRY:
    二、上年结转 of ``current`` = 四、结转下年度继续办理 of ``previous``, per column;
    X-ITEMS (2019 edition): 上一年项目数量 moves by 本年增/减; X-VALID (2021
    edition): 现行有效件数 moves by 制发 − 废止.
    """
    from gkmodel.errors import expect_report

    expect_report("check_pair", previous, "previous")
    expect_report("check_pair", current, "current")
    ctx = context(current, lang, blank_as_zero=False)
    years: dict[str, Any] = {"year": current.meta.year, "previous_year": previous.meta.year}
    out: list[Finding] = []
    both = [declaration_for_class(_cls(r)) for r in (previous, current)]
    for rule in RULES.values():
        if rule.scope is Scope.PAIR and all(d is None or d.applies(rule.code) for d in both):
            out.extend(_pair_rule(rule)(ctx, previous, current, years))
    return Findings(out)


def _path(row: tuple[str, ...], column: str) -> str:
    return "$." + ".".join((*row, column))


def _row_of(report: AnnualReport, row: RowSpec, columns: Iterable[str]) -> Any:
    """The row at ``row``'s path in ``report`` when its class has it with ``columns``; else None."""
    found = _rows_by_path(_cls(report)).get(row.path)
    if found is None or not _has_columns(found, columns):
        return None
    return get_path(report, row.path)


@class_cache
def _rows_by_path(report_cls: type) -> dict[tuple[str, ...], RowSpec]:
    return {r.path: r for r in report_rows(report_cls)}


def _each_column_across_years(
    ctx: Context,
    code: str,
    form: EachColumnAcrossYears,
    previous: AnnualReport,
    current: AnnualReport,
    *,
    years: dict[str, Any],
) -> Iterator[Finding]:
    """X_Y[this_year][c] = X_{Y−1}[last_year][c] for each column both rows have."""
    now_rows = form.this_year.select(_cls(current))
    before_rows = form.last_year.select(_cls(previous))
    if len(now_rows) != 1 or len(before_rows) != 1:
        return
    now_row = get_path(current, now_rows[0].path)
    before_row = get_path(previous, before_rows[0].path)
    before_columns = {name for name, _ in before_rows[0].columns}
    for name, _ in now_rows[0].columns:
        if name not in before_columns:
            continue
        now, before = getattr(now_row, name), getattr(before_row, name)
        if now is not None and before is not None and now != before:
            yield ctx.finding(
                code,
                _path(now_rows[0].path, name),
                reported=now,
                computed=before,
                difference=now - before,
                **years,
            )


def _across_years(
    ctx: Context,
    code: str,
    form: AcrossYears,
    previous: AnnualReport,
    current: AnnualReport,
    *,
    years: dict[str, Any],
) -> Iterator[Finding]:
    """X_Y[r][reported] = Σ terms, for each row of the form both reports have."""
    now_columns = [form.reported, *(t.column for t in form.computed if not t.last_year)]
    before_columns = [t.column for t in form.computed if t.last_year]
    for r in form.rows.select(_cls(current)):
        if not _has_columns(r, now_columns):
            continue
        now_row = get_path(current, r.path)
        before_row = _row_of(previous, r, before_columns)
        if before_row is None:
            continue
        reported = getattr(now_row, form.reported)
        terms = [
            (t.sign, getattr(before_row if t.last_year else now_row, t.column))
            for t in form.computed
        ]
        if reported is None or any(v is None for _, v in terms):
            continue
        computed: Number = sum(sign * v for sign, v in terms)
        if reported != computed:
            yield ctx.finding(
                code,
                _path(r.path, form.reported),
                reported=reported,
                computed=computed,
                difference=reported - computed,
                **years,
            )


def _as_list(values: object) -> list[object]:
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        from gkmodel.errors import ArgumentTypeError

        raise ArgumentTypeError("check_rollup", "parts", "a sequence of reports", values)
    return list(values)


def check_rollup(
    total: AnnualReport, parts: Sequence[AnnualReport], *, lang: Lang = "zh"
) -> Findings:
    """Each cell of ``total``'s tables equals the sum of that cell over ``parts`` (X-ROLLUP).

    Parts must be of ``total``'s edition.  A cell is compared when it and all
    its parts are filled; money is compared when every amount has the same unit.
    Every rule of roll-up scope in the catalogue is applied, in catalogue order.
    """
    from gkmodel.errors import expect_report

    for name, value in (("total", total), *(("parts", p) for p in _as_list(parts))):
        expect_report("check_rollup", value, name)
    for i, part in enumerate(parts):
        if part.edition is not total.edition:
            raise GkmodelError(
                f"part {i} is of the {part.edition.value} edition, the total of the "
                f"{total.edition.value} edition"
            )
    ctx = context(total, lang, blank_as_zero=False)
    out: list[Finding] = []
    for rule in RULES.values():
        if rule.scope is Scope.ROLLUP:
            if not isinstance(rule.form, Function):
                raise TypeError(f"rule {rule.code}: a roll-up rule is checked by a function")
            out.extend(_function(rule.form.target)(ctx, rule.code, total, parts))
    return Findings(out)
