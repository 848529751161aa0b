"""The official table layouts, derived from the model's field declarations.

Everything that needs to know where a cell sits in the official tables (the
renderers, the readers, the cells export, the JSON Schema and the docs)
asks this module, which walks ``attrs.fields()`` of the model classes.

>>> cells = report_cells(AnnualReport2021)
>>> len([c for c in cells if c.table == "三"]), len([c for c in cells if c.table == "二"])
(175, 10)
>>> c = next(c for c in cells if c.path[-2:] == ("state_secret", "natural_person"))
>>> c.row, c.column.label
('三、本年度办理结果/（三）不予公开/1.属于国家秘密', '自然人')
>>> c.model_path
'$.requests.results.denied.state_secret.natural_person'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ParamSpec, TypeVar

import attrs

from gkmodel.model._fields import FieldInfo, Kind, info_of
from gkmodel.model.report import AnnualReport, AnnualReport2021  # noqa: F401  (doctest)

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


def class_cache(fn: Callable[P, R]) -> Callable[P, R]:
    """``functools.cache`` keeping ``fn``'s signature for type checkers (classes are hashable)."""
    return functools.cache(fn)  # type: ignore[return-value]


__all__ = [
    "CellSpec",
    "OutlineItem",
    "RowSpec",
    "Rows",
    "SectionSpec",
    "get_path",
    "iter_cells",
    "outline",
    "replace_paths",
    "report_cells",
    "report_rows",
    "sections",
    "table_rows",
]


@attrs.frozen
class RowSpec:
    """A data row of an official table: where it is and what it is called."""

    table: str  # 二 / 三 / 四
    path: tuple[str, ...]  # attribute names from the report root
    infos: tuple[FieldInfo, ...]  # the groups and the row itself, outermost first
    cls: type  # the class of the row (its fields are the columns)

    @property
    def labels(self) -> tuple[str, ...]:
        """The official labels of the groups and the row, outermost first."""
        return tuple(i.label for i in self.infos)

    @property
    def label(self) -> str:
        """The labels joined by ``/``, as in the cells export."""
        return "/".join(self.labels)

    @property
    def columns(self) -> tuple[tuple[str, FieldInfo], ...]:
        """The row's cells as (attribute name, info), in column order."""
        return _columns(self.cls)


@attrs.frozen
class CellSpec:
    """A cell of an official table: its row, its column and its model path."""

    row_spec: RowSpec
    name: str  # attribute name of the cell in its row
    column: FieldInfo  # the cell's declaration; ``column.label`` is the column label

    @property
    def table(self) -> str:
        return self.row_spec.table

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.row_spec.path, self.name)

    @property
    def row(self) -> str:
        """The row labels joined by ``/`` (``第二十条第（一）项/规章``)."""
        return self.row_spec.label

    @property
    def model_path(self) -> str:
        """The path in cattrs' grammar, ``$.requests.new_received.natural_person``."""
        return "$." + ".".join(self.path)


@attrs.frozen
class SectionSpec:
    """One of the six sections: its numeral, label and attribute name."""

    name: str
    info: FieldInfo

    @property
    def heading(self) -> str:
        """The canonical heading, e.g. ``三、收到和处理政府信息公开申请情况``."""
        return f"{self.info.numeral}、{self.info.label}"


@class_cache
def _columns(cls: type) -> tuple[tuple[str, FieldInfo], ...]:
    out = []
    for f in attrs.fields(cls):
        info = info_of(f)
        if info is not None and info.kind is Kind.CELL:
            out.append((f.name, info))
    return tuple(out)


def _rows(
    cls: type, table: str, path: tuple[str, ...], infos: tuple[FieldInfo, ...]
) -> Iterator[RowSpec]:
    for f in attrs.fields(cls):
        info = info_of(f)
        if info is None or info.target is None:
            continue
        if info.kind is Kind.ROW:
            yield RowSpec(table, (*path, f.name), (*infos, info), info.target)
        elif info.kind is Kind.GROUP:
            yield from _rows(info.target, table, (*path, f.name), (*infos, info))


@attrs.frozen
class OutlineItem:
    """A row or a group label of an official table, with its depth and row span."""

    depth: int  # 0 for the outermost labels
    path: tuple[str, ...]  # attribute names from the table root
    info: FieldInfo
    span: int  # data rows covered: 1 for a row, the number of rows below for a group

    @property
    def is_row(self) -> bool:
        return self.info.kind is Kind.ROW


@class_cache
def outline(table_cls: type) -> tuple[OutlineItem, ...]:
    """Every group label and row of a table class, in table order (groups before their rows).

    >>> from gkmodel.model.requests import Requests2021
    >>> [(i.info.label, i.span) for i in outline(Requests2021) if i.depth == 0]
    [('一、本年新收政府信息公开申请数量', 1), ('二、上年结转政府信息公开申请数量', 1), \
('三、本年度办理结果', 22), ('四、结转下年度继续办理', 1)]
    """
    out: list[OutlineItem] = []

    def walk(cls: type, path: tuple[str, ...], depth: int) -> int:
        rows = 0
        for f in attrs.fields(cls):
            info = info_of(f)
            if info is None or info.target is None or info.kind not in (Kind.ROW, Kind.GROUP):
                continue
            if info.kind is Kind.ROW:
                out.append(OutlineItem(depth, (*path, f.name), info, 1))
                rows += 1
            else:
                at = len(out)
                out.append(OutlineItem(depth, (*path, f.name), info, 0))
                span = walk(info.target, (*path, f.name), depth + 1)
                out[at] = attrs.evolve(out[at], span=span)
                rows += span
        return rows

    walk(table_cls, (), 0)
    return tuple(out)


@class_cache
def sections(report_cls: type) -> tuple[SectionSpec, ...]:
    """The six sections of a report class, in order."""
    out = []
    for f in attrs.fields(report_cls):
        info = info_of(f)
        if info is not None and info.kind is Kind.SECTION:
            out.append(SectionSpec(f.name, info))
    return tuple(out)


@class_cache
def table_rows(table_cls: type, prefix: tuple[str, ...] = ()) -> tuple[RowSpec, ...]:
    """The data rows of an official table class, in table order."""
    table = getattr(table_cls, "TABLE", "")
    return tuple(_rows(table_cls, table, prefix, ()))


@class_cache
def report_rows(report_cls: type) -> tuple[RowSpec, ...]:
    """The data rows of tables 二, 三 and 四 of a report class."""
    out: list[RowSpec] = []
    for s in sections(report_cls):
        target = s.info.target
        if target is not None and hasattr(target, "TABLE"):
            out.extend(table_rows(target, (s.name,)))
    return tuple(out)


@class_cache
def report_cells(report_cls: type) -> tuple[CellSpec, ...]:
    """Every cell of tables 二, 三 and 四 of a report class, in table order."""
    return tuple(
        CellSpec(r, name, info) for r in report_rows(report_cls) for name, info in r.columns
    )


@attrs.frozen
class Rows:
    """The data rows of the official tables at or below a model path, in table order.

    ``under`` is a dotted path from the report root (``"requests.results"``);
    ``without`` names children of that path to leave out (``("total",)``).
    A path the report class does not have selects no row.
    """

    under: str
    without: tuple[str, ...] = ()

    def select(self, report_cls: type) -> tuple[RowSpec, ...]:
        """The rows of ``report_cls`` this selector names."""
        return _select(report_cls, self)


@class_cache
def _select(report_cls: type, rows: Rows) -> tuple[RowSpec, ...]:
    prefix = tuple(rows.under.split("."))
    n = len(prefix)
    return tuple(
        r
        for r in report_rows(report_cls)
        if r.path[:n] == prefix and (len(r.path) == n or r.path[n] not in rows.without)
    )


def get_path(obj: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path`` (attribute names) below ``obj``."""
    for name in path:
        obj = getattr(obj, name)
    return obj


def replace_paths(obj: T, changes: Mapping[tuple[str, ...], Any]) -> T:
    """``obj`` with the values at the given paths (attribute names) replaced.

    Every object on the way is rebuilt with :func:`attrs.evolve`, so
    validators run again.

    >>> from gkmodel.model.appeals import Appeals
    >>> replace_paths(Appeals(), {("litigation", "direct", "total"): 3}).litigation.direct.total
    3
    """
    if not changes:
        return obj
    here: dict[str, Any] = {}
    below: dict[str, dict[tuple[str, ...], Any]] = {}
    for path, value in changes.items():
        if len(path) == 1:
            here[path[0]] = value
        else:
            below.setdefault(path[0], {})[path[1:]] = value
    for name, sub in below.items():
        here[name] = replace_paths(getattr(obj, name), sub)
    return attrs.evolve(obj, **here)  # type: ignore[misc]


def iter_cells(report: AnnualReport) -> Iterator[tuple[CellSpec, Any]]:
    """Every cell of the report's tables with its value, in table order."""
    report_cls: type = type(report)
    for r in report_rows(report_cls):
        row = get_path(report, r.path)
        for name, info in r.columns:
            yield CellSpec(r, name, info), getattr(row, name)
