"""一、总体情况 / 五、存在的主要问题及改进情况 / 六、其他需要报告的事项 — the text sections.

A text section is an ordered sequence of blocks (a block is a paragraph,
``str``, or a local table, :class:`LocalTable`) followed by numbered
sub-sections (``（一）主动公开`` …), each again a sequence of blocks.
Sub-section titles are stored without their numeral; renderers number them.

Section 六 may also carry structured 信息处理费 facts
(:class:`ProcessingFees`) when the report states them.

>>> t = LocalTable(columns=("项目", "年末统计（条）"), rows=(
...     LocalRow(label="累计主动公开信息", values=(3,), total_of=(1, 2)),
...     LocalRow(label="其中：组织机构", values=(1,)),
...     LocalRow(label="乡镇动态", values=(2,)),
... ))
>>> [r.label for r in t.parts_of(0)]
['其中：组织机构', '乡镇动态']
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import attrs

from gkmodel.errors import CellTypeError, CellValueError
from gkmodel.limits import MAX_COUNT
from gkmodel.model._fields import Confidence, count, money
from gkmodel.model._views import Row
from gkmodel.model.common import (
    Money,
    check_decimal,
    check_text,
    instance_of,
    nonempty_str,
    optional_str,
    texts,
    tuple_of,
)

__all__ = [
    "Block",
    "LocalRow",
    "LocalTable",
    "Narrative",
    "OtherMatters",
    "ProcessingFees",
    "Subsection",
]

LocalValue = int | Decimal | None


def local_values(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a local table row's values, each a count (int >= 0), a Decimal or None."""
    if not isinstance(value, tuple):
        raise CellTypeError(attribute.name, "a tuple of int, Decimal or None", value)
    for v in value:
        if v is None:
            continue
        if type(v) is int:
            if not 0 <= v <= MAX_COUNT:
                raise CellValueError(attribute.name, "counts from 0 to gkmodel.limits.MAX_COUNT", v)
        else:
            check_decimal(attribute.name, v)


def row_indices(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a tuple of row indices (int >= 0)."""
    if not isinstance(value, tuple) or not all(type(i) is int and i >= 0 for i in value):
        raise CellTypeError(attribute.name, "a tuple of row indices (int >= 0)", value)


@attrs.frozen(kw_only=True)
class LocalRow:
    """A row of a local table: its label, one value per value column, and what it totals.

    ``total_of`` lists the (0-based) indices of the rows whose sum this row is
    declared to be; empty for an ordinary row.
    """

    label: str = attrs.field(validator=nonempty_str)
    values: tuple[LocalValue, ...] = attrs.field(validator=local_values)
    total_of: tuple[int, ...] = attrs.field(default=(), validator=row_indices)


@attrs.frozen(kw_only=True)
class LocalTable:
    """A table that is not part of the national format, e.g. a count table in 一、总体情况.

    ``columns`` are all column headers, the label column's first; each row
    has one value per remaining column.
    """

    caption: str | None = attrs.field(default=None, validator=optional_str)
    columns: tuple[str, ...] = attrs.field(validator=texts)
    rows: tuple[LocalRow, ...] = attrs.field(validator=tuple_of(LocalRow))

    @columns.validator
    def _at_least_two(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        if len(value) < 2:
            raise CellValueError(
                attribute.name, "a label column and at least one value column", value
            )

    @rows.validator
    def _row_shapes(self, attribute: attrs.Attribute[Any], value: tuple[LocalRow, ...]) -> None:
        width = len(self.columns) - 1
        for i, r in enumerate(value):
            if len(r.values) != width:
                raise CellValueError(f"rows[{i}].values", f"{width} values", len(r.values))
            for j in r.total_of:
                if j >= len(value) or j == i:
                    raise CellValueError(f"rows[{i}].total_of", "indices of other rows", j)

    def parts_of(self, index: int) -> tuple[LocalRow, ...]:
        """The rows that row ``index`` is declared to total."""
        return tuple(self.rows[j] for j in self.rows[index].total_of)


Block = str | LocalTable


def blocks(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """attrs validator: a tuple of paragraphs (str) and local tables."""
    if not isinstance(value, tuple) or not all(isinstance(b, (str, LocalTable)) for b in value):
        raise CellTypeError(attribute.name, "a tuple of paragraphs (str) and LocalTable", value)
    for b in value:
        if b.__class__ is str:
            check_text(attribute.name, b)


@attrs.frozen(kw_only=True)
class Subsection:
    """A numbered sub-section, e.g. （一）主动公开: its title (without numeral) and blocks."""

    title: str = attrs.field(validator=nonempty_str)
    content: tuple[Block, ...] = attrs.field(default=(), validator=blocks)


@attrs.frozen(kw_only=True)
class Narrative:
    """A text section: opening blocks, then numbered sub-sections."""

    content: tuple[Block, ...] = attrs.field(default=(), validator=blocks)
    subsections: tuple[Subsection, ...] = attrs.field(
        default=(),
        validator=tuple_of(Subsection),
    )

    def tables(self) -> tuple[LocalTable, ...]:
        """Every local table of the section, in order."""
        blocks = [*self.content, *(b for s in self.subsections for b in s.content)]
        return tuple(b for b in blocks if isinstance(b, LocalTable))


FEE_BASIS = "条例第四十二条；政府信息公开信息处理费管理办法（国办函〔2020〕109号）；年报格式 六"
_M = Confidence.RECALLED


@attrs.frozen(kw_only=True)
class ProcessingFees(Row):
    """信息处理费 facts stated in section 六 (amounts in the unit the report used, normally 元).

    The format's wording of these items was not read in full (spec §4.2, [M]).
    """

    PREFIX: ClassVar[str] = "信息处理费："
    """How the renderers open the sentence that states these facts, and the readers find it."""

    notices_issued: int | None = count(
        "发出收费通知的件数", en="fee notices issued", basis=FEE_BASIS, confidence=_M
    )
    amount_billed: Money | None = money(
        "收费通知总金额", en="total amount billed", basis=FEE_BASIS, confidence=_M
    )
    amount_collected: Money | None = money(
        "实际收取的总金额", en="total amount collected", basis=FEE_BASIS, confidence=_M
    )


@attrs.frozen(kw_only=True)
class OtherMatters(Narrative):
    """六、其他需要报告的事项: text, and the 信息处理费 facts when the report states them."""

    fees: ProcessingFees | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(ProcessingFees)),
    )
