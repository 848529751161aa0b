"""The checking context: a report's cells read once, and the findings made from them.

A check function (a rule of the form :class:`~gkmodel.rules.forms.Function`)
receives a :class:`Context`: the report, the message language, whether blanks
count as 0, the values of every table cell in layout order, and
:meth:`Context.finding`, which fills in a rule's message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from babel.numbers import format_decimal

from gkmodel._codegen import define
from gkmodel.model.layout import CellSpec, class_cache, report_cells
from gkmodel.model.report import AnnualReport
from gkmodel.rules.catalogue import RULES
from gkmodel.rules.findings import (
    Finding,
    Lang,
    Number,
    _finding_maker,
    format_date_cached,
    format_int_cached,
    locale_of,
)

__all__ = [
    "Context",
    "cell_index",
    "cell_reader",
    "cell_specs",
    "context",
    "table_spans",
    "values",
]


def _cls(report: object) -> type:
    """The class of a report, typed for the layout caches."""
    return type(report)


@class_cache
def cell_specs(report_cls: type) -> dict[str, CellSpec]:
    """Every cell of the tables of a report class, by model path."""
    return {c.model_path: c for c in report_cells(report_cls)}


_Labels = tuple[str | None, str | None, str | None]


@attrs.define
class Context:
    """What the checker knows of one report while it applies the rules."""

    report: AnnualReport
    lang: Lang
    blank_as_zero: bool
    cells: tuple[Any, ...]  # the values of the tables' cells, in the order of cell_reader
    index: dict[str, int]  # where each table cell is in cells, by path (cell_index)
    official: dict[str, _Labels]  # the (table, row, column) of each table cell (_labels)
    # The cells of local tables with total rows, by path, and their (section, row, column):
    local_values: dict[str, Any] = attrs.Factory(dict)
    local_labels: dict[str, _Labels] = attrs.Factory(dict)
    # The table cells a reader could not read (ReadResult.unreadable_cells): blank in the
    # model, but not the organ's blanks, and never counted as 0.
    unread: frozenset[str] = frozenset()

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
            return format_int_cached(value, self.lang)
        return format_decimal(value, locale=locale_of(self.lang), decimal_quantization=False)

    def date(self, value: dt.date) -> str:
        return format_date_cached(value, self.lang)

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
def cell_reader(report_cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
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


def values(report: AnnualReport) -> dict[str, Any]:
    """Every cell's value by model path."""
    paths, read_cells = cell_reader(_cls(report))
    return dict(zip(paths, read_cells(report), strict=True))


@class_cache
def cell_index(report_cls: type) -> dict[str, int]:
    """Where each cell is in the order of :func:`cell_reader`, by model path."""
    return {p: i for i, p in enumerate(cell_reader(report_cls)[0])}


def context(
    report: AnnualReport, lang: Lang, blank_as_zero: bool, unread: frozenset[str] = frozenset()
) -> Context:
    cls = _cls(report)
    cells = cell_reader(cls)[1](report)
    ctx = Context(report, lang, blank_as_zero, cells, cell_index(cls), _labels(cls))
    if unread:
        ctx.unread = unread
    return ctx


@class_cache
def table_spans(report_cls: type) -> dict[str, tuple[int, int]]:
    """Where each table's cells are in the order of :func:`cell_reader` (start, stop)."""
    spans: dict[str, tuple[int, int]] = {}
    for i, spec in enumerate(report_cells(report_cls)):
        start = spans.get(spec.table, (i, i))[0]
        spans[spec.table] = (start, i + 1)
    return spans
