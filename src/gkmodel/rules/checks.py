"""The check functions of the rules that are no equation.

Each rule of the form :class:`~gkmodel.rules.forms.Function` in the
catalogue names one function here (or in another module) by
``"module:name"``.  A function gets the checking context and the code of the
rule it checks, and yields that rule's findings in order:

* report scope: ``fn(ctx, code)``;
* pair scope: ``fn(ctx, code, previous, current)``;
* roll-up scope: ``fn(ctx, code, total, parts)``.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import compress, repeat
from typing import Any

from gkmodel.editions import edition_for_year
from gkmodel.model import ValueKind
from gkmodel.model.layout import class_cache, report_cells, sections
from gkmodel.model.narrative import Narrative
from gkmodel.model.report import AnnualReport
from gkmodel.rules.context import Context, cell_reader, cell_specs, table_spans, values
from gkmodel.rules.findings import Finding, Number

__all__ = [
    "blank_cells",
    "blank_tables_2021",
    "dated_after_period",
    "edition_of_year",
    "empty_sections_2021",
    "enumerations",
    "money_precision",
    "organ_unstated",
    "period_within_year",
    "rollup_cells",
    "rules_without_power",
    "same_organ_next_year",
    "statutory_deadline",
]


def _cls(report: object) -> type:
    """The class of a report, typed for the layout caches."""
    return type(report)


# -- table 二 --------------------------------------------------------------------------------


@class_cache
def _rule_cells(report_cls: type) -> tuple[tuple[int, str], ...]:
    """The cells of the 规章 row of table 二, as (index in cell_reader's order, model path)."""
    return tuple(
        (i, s.model_path)
        for i, s in enumerate(report_cells(report_cls))
        if s.path[:3] == ("active_disclosure", "item1", "rules")
    )


@class_cache
def _money_cells(report_cls: type) -> tuple[tuple[int, str], ...]:
    """The money cells, as (index in cell_reader's order, model path)."""
    return tuple(
        (i, s.model_path)
        for i, s in enumerate(report_cells(report_cls))
        if s.column.value is ValueKind.MONEY
    )


def rules_without_power(ctx: Context, code: str) -> Iterator[Finding]:
    """T2-REGS: an organ without rule-making power that reports rules."""
    level = ctx.report.meta.organ.level
    if level.may_make_rules is False:
        for i, path in _rule_cells(_cls(ctx.report)):
            value = ctx.cells[i]
            if value:
                yield ctx.finding(
                    code,
                    path,
                    reported=value,
                    organ_level=level.label,
                    organ_level_en=level.label_en,
                )


def money_precision(ctx: Context, code: str) -> Iterator[Finding]:
    """T2-MONEY: an amount given more precisely than one fen."""
    for i, path in _money_cells(_cls(ctx.report)):
        value = ctx.cells[i]
        if value is not None:
            fen = Decimal(1).scaleb(-value.unit.fen_places)
            if value.amount % fen:
                yield ctx.finding(code, path, reported=value.amount)


# -- the report as a whole -------------------------------------------------------------------


def edition_of_year(ctx: Context, code: str) -> Iterator[Finding]:
    """R-EDITION: the edition is the one prescribed for the report year."""
    meta = ctx.report.meta
    expected = edition_for_year(meta.year).edition
    if ctx.report.edition is not expected:
        yield ctx.finding(
            code,
            "$.edition",
            year=meta.year,
            expected=expected.value,
            actual=ctx.report.edition.value,
        )


def period_within_year(ctx: Context, code: str) -> Iterator[Finding]:
    """R-PERIOD: the statistical period lies within the report year."""
    meta = ctx.report.meta
    year_start, year_end = dt.date(meta.year, 1, 1), dt.date(meta.year, 12, 31)
    if meta.period is not None and not (
        year_start <= meta.period.start and meta.period.end <= year_end
    ):
        yield ctx.finding(
            code,
            "$.meta.period",
            start=ctx.date(meta.period.start),
            end=ctx.date(meta.period.end),
            year=meta.year,
        )


def dated_after_period(ctx: Context, code: str) -> Iterator[Finding]:
    """R-EARLY: the report is dated after its period (or its year) ends."""
    meta = ctx.report.meta
    if meta.published is not None:
        end = meta.period.end if meta.period is not None else dt.date(meta.year, 12, 31)
        if meta.published <= end:
            yield ctx.finding(
                code, "$.meta.published", published=ctx.date(meta.published), end=ctx.date(end)
            )


def statutory_deadline(ctx: Context, code: str) -> Iterator[Finding]:
    """R-DEADLINE: the report is published by the deadline of its organ's level."""
    meta = ctx.report.meta
    if meta.published is not None:
        deadline = meta.organ.level.deadline(meta.year)
        if deadline is not None and meta.published > deadline:
            yield ctx.finding(
                code,
                "$.meta.published",
                organ_level=meta.organ.level.label,
                organ_level_en=meta.organ.level.label_en,
                deadline=ctx.date(deadline),
                published=ctx.date(meta.published),
            )


def blank_cells(ctx: Context, code: str) -> Iterator[Finding]:
    """R-BLANK: the blank cells of each table, one finding per table in table order."""
    if None not in ctx.cells:
        return
    paths = cell_reader(_cls(ctx.report))[0]
    zh = "，已按 0 计入勾稽关系" if ctx.blank_as_zero else "；涉及空白单元格的勾稽关系未核对"
    en = (
        ", taken as 0 in the rules"
        if ctx.blank_as_zero
        else "; rules involving {} were not checked"
    )
    unread = ctx.unread
    for table, (start, stop) in table_spans(_cls(ctx.report)).items():
        cells = ctx.cells[start:stop]
        if None in cells:
            blanks = list(compress(paths[start:stop], map(operator.is_, cells, repeat(None))))
            if unread:  # cells a reader could not read are no blanks of the organ's
                blanks = [p for p in blanks if p not in unread]
                if not blanks:
                    continue
            yield ctx.finding(
                code,
                blanks[0],
                table=table,
                row=None,
                column=None,
                reported=len(blanks),
                blank=blanks,
                treatment=zh,
                treatment_en=en.format("it" if len(blanks) == 1 else "them"),
                cells_en="cell" if len(blanks) == 1 else "cells",
            )


def empty_sections_2021(ctx: Context, code: str) -> Iterator[Finding]:
    """R-SECTION: each text section of a 2021-edition report that says nothing."""
    from gkmodel.rules._completeness import empty_sections

    for path, heading in empty_sections(ctx.report):
        if path not in ctx.unread:  # a section a reader did not find is not known to be empty
            yield ctx.finding(code, path, row=heading)


def blank_tables_2021(ctx: Context, code: str) -> Iterator[Finding]:
    """R-TABLE: each table of a 2021-edition report blank in every cell."""
    from gkmodel.rules._completeness import blank_tables

    cls = _cls(ctx.report)
    paths = cell_reader(cls)[0]
    spans = table_spans(cls)
    for table, path, count in blank_tables(ctx.report, ctx.cells, spans, paths):
        start, stop = spans[table]
        if ctx.unread and not ctx.unread.isdisjoint(paths[start:stop]):
            continue  # blank because unread: not known to be blank
        yield ctx.finding(code, path, table=table, row=None, column=None, reported=count)


# -- enumerations ----------------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"
# A numeral + 是 at the start or after punctuation or a space: the lookbehind, placed after the
# numeral so that the search starts from the numerals, says "the numeral is not preceded by
# anything else" (a test holds it to the plain lookbehind on generated texts).
ENUM = re.compile(rf"([{NUMERALS}])(?<![^。；;，,：:、！!？?\s（(].)是")
_NUMBER = {numeral: n for n, numeral in enumerate(NUMERALS, 1)}


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


def enumerations(ctx: Context, code: str) -> Iterator[Finding]:
    """R-ENUM: a paragraph whose 一是、二是… skips a number."""
    for blocks, path, where in _paragraph_lists(ctx.report):
        for i, text in enumerate(blocks):
            # An enumeration that is checked starts with 一是 (a table is no str).
            if text.__class__ is not str or "一是" not in text:
                continue
            found = ENUM.findall(text)
            if len(found) < 2 or found[0] != "一":
                continue
            numbers = [_NUMBER[m] for m in found]
            top = max(numbers)
            if len(set(numbers)) == top:
                continue  # 一 to the last, none missing
            missing = [n for n in range(1, top + 1) if n not in numbers]
            yield ctx.finding(
                code,
                f"{path}[{i}]",
                row=where if isinstance(where, str) else "/".join(where),
                found=_join(ctx, [f"{NUMERALS[n - 1]}是" for n in numbers]),
                missing=_join(ctx, [f"{NUMERALS[n - 1]}是" for n in missing]),
            )


def _join(ctx: Context, items: Sequence[str]) -> str:
    return "、".join(items) if ctx.lang == "zh" else ", ".join(items)


# -- across reports --------------------------------------------------------------------------


def same_organ_next_year(
    ctx: Context, code: str, previous: AnnualReport, current: AnnualReport
) -> Iterator[Finding]:
    """X-PAIR: the two reports compared are one organ's consecutive years.

    The organs' names are compared only when both reports state one (X-PAIR-UNSTATED says when
    one does not); the years always.
    """
    pm, cm = previous.meta, current.meta
    stated = pm.organ.stated and cm.organ.stated
    if (stated and pm.organ.name != cm.organ.name) or cm.year != pm.year + 1:
        yield ctx.finding(
            code,
            "$.meta",
            previous=f"{pm.organ.name} {pm.year}",
            current=f"{cm.organ.name} {cm.year}",
        )


def organ_unstated(
    ctx: Context, code: str, previous: AnnualReport, current: AnnualReport
) -> Iterator[Finding]:
    """X-PAIR-UNSTATED: a report of the pair does not state its organ, so whether the two are one
    organ's cannot be told."""
    pm, cm = previous.meta, current.meta
    if not (pm.organ.stated and cm.organ.stated):
        yield ctx.finding(
            code,
            "$.meta.organ.name",
            previous=f"{pm.organ.name} {pm.year}",
            current=f"{cm.organ.name} {cm.year}",
        )


def rollup_cells(
    ctx: Context, code: str, total: AnnualReport, parts: Sequence[AnnualReport]
) -> Iterator[Finding]:
    """X-ROLLUP: each cell of the total = the sum of that cell over the parts.

    A cell is compared when it and all its parts are filled; money when every
    amount has the same unit.
    """
    part_values = [values(p) for p in parts]
    for spec in cell_specs(_cls(total)).values():
        path = spec.model_path
        reported = ctx.value(path)
        found = [pv[path] for pv in part_values]
        if reported is None or any(v is None for v in found):
            continue
        if spec.column.value is ValueKind.MONEY:
            if any(v.unit is not reported.unit for v in found):
                continue
            reported_n: Number = reported.amount
            computed: Number = sum((v.amount for v in found), Decimal(0))
        else:
            reported_n, computed = reported, sum(found)
        if reported_n != computed:
            yield ctx.finding(
                code,
                path,
                reported=reported_n,
                computed=computed,
                difference=reported_n - computed,
            )
