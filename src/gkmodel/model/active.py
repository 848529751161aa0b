"""二、主动公开政府信息情况 — table 二, both editions.

Table 二 is a set of sub-tables, one per item of 条例第二十条, each with a
caption row (``第二十条第（一）项``), a header row starting with ``信息内容``
and one row per kind of information.  The 2019 edition has five
sub-tables and 22 cells; the 2021 edition four sub-tables and 10 cells.

>>> t = ActiveDisclosure2021(item8=Item8_2021(fees=FeeAmountRow2021(
...     amount=Money(amount=Decimal("4068.208"), unit=MoneyUnit.WAN_YUAN))))
>>> str(t.item8.fees.amount)
'4068.208万元'
"""

from __future__ import annotations

from decimal import Decimal  # noqa: F401  (used in the doctest)
from typing import Any, ClassVar

import attrs

from gkmodel.model._build import Table
from gkmodel.model._fields import count, group, money, prose, row, signed
from gkmodel.model._views import Row
from gkmodel.model.common import Money, MoneyUnit

__all__ = [
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "DecisionsRow2021",
    "Documents2019",
    "Documents2021",
    "DocumentsRow2019",
    "DocumentsRow2021",
    "Enforcement2019",
    "Enforcement2021",
    "FeeAmountRow2021",
    "FeeItemsRow2019",
    "Fees2019",
    "Fees2021",
    "Item1_2019",
    "Item1_2021",
    "Item5_2019",
    "Item5_2021",
    "Item6_2019",
    "Item6_2021",
    "Item8_2019",
    "Item8_2021",
    "Item9_2019",
    "ItemsRow2019",
    "Licensing2019",
    "Licensing2021",
    "Procurement2019",
    "ProcurementRow2019",
]

BASIS = "条例第二十条、第五十条第（一）项；年报格式 表二"
FIRST_COLUMN = "信息内容"

# -- the rows: each column label is declared once --------------------------------


def _previous() -> Any:
    return count("上一年项目数量", en="items at the end of last year", basis=BASIS)


def _change() -> Any:
    return signed("本年增/减", en="change this year (signed)", basis=BASIS)


@attrs.frozen(kw_only=True)
class DocumentsRow2019(Row):
    """规章 / 规范性文件 row of 第二十条第（一）项 (2019 edition)."""

    made: int | None = count("本年新制作数量", en="newly made this year", basis=BASIS)
    published: int | None = count("本年新公开数量", en="newly disclosed this year", basis=BASIS)
    total_published: int | None = count("对外公开总数量", en="disclosed in total", basis=BASIS)


@attrs.frozen(kw_only=True)
class ItemsRow2019(Row):
    """A row of 第二十条第（五）（六）项 (2019 edition): counts of items and decisions."""

    previous: int | None = _previous()
    change: int | None = _change()
    decisions: int | None = count("处理决定数量", en="decisions made", basis=BASIS)


@attrs.frozen(kw_only=True)
class FeeItemsRow2019(Row):
    """行政事业性收费 row of 第二十条第（八）项 (2019 edition): counts of fee items, not money."""

    previous: int | None = _previous()
    change: int | None = _change()


@attrs.frozen(kw_only=True)
class ProcurementRow2019(Row):
    """政府集中采购 row of 第二十条第（九）项 (2019 edition).

    The template does not state the unit of 采购总金额; the amount keeps the
    unit it was published with (元 or 万元).
    """

    projects: int | None = count("采购项目数量", en="procurement projects", basis=BASIS)
    amount: Money | None = money("采购总金额", en="total procurement amount", basis=BASIS)


@attrs.frozen(kw_only=True)
class DocumentsRow2021(Row):
    """规章 / 行政规范性文件 row of 第二十条第（一）项 (2021 edition)."""

    issued: int | None = count("本年制发件数", en="issued this year", basis=BASIS)
    repealed: int | None = count("本年废止件数", en="repealed this year", basis=BASIS)
    in_force: int | None = count("现行有效件数", en="currently in force", basis=BASIS)


@attrs.frozen(kw_only=True)
class DecisionsRow2021(Row):
    """A row of 第二十条第（五）（六）项 (2021 edition): decisions made this year."""

    decisions: int | None = count("本年处理决定数量", en="decisions this year", basis=BASIS)


@attrs.frozen(kw_only=True)
class FeeAmountRow2021(Row):
    """行政事业性收费 row of 第二十条第（八）项 (2021 edition): money in 万元."""

    amount: Money | None = money(
        "本年收费金额（单位：万元）",
        en="fees charged this year (10,000 yuan)",
        basis=BASIS,
        unit=MoneyUnit.WAN_YUAN,
    )


# -- the sub-tables: each caption and row label is declared once ----------------


def _item(n: str, cls: type) -> Any:
    return group(f"第二十条第（{n}）项", cls, en=f"article 20 item ({n})", basis=BASIS)


def _rules(cls: type) -> Any:
    return row("规章", cls, en="rules (regulations)", basis=BASIS)


def _licensing(cls: type) -> Any:
    return row("行政许可", cls, en="administrative licensing", basis=BASIS)


def _penalty(cls: type) -> Any:
    return row("行政处罚", cls, en="administrative penalties", basis=BASIS)


def _coercion(cls: type) -> Any:
    return row("行政强制", cls, en="administrative coercion", basis=BASIS)


def _fees(cls: type) -> Any:
    return row("行政事业性收费", cls, en="administrative fees", basis=BASIS)


@attrs.frozen(kw_only=True)
class Item1_2019:  # noqa: N801  (named after the article item)
    """第二十条第（一）项 (2019 edition)."""

    rules: DocumentsRow2019 = _rules(DocumentsRow2019)
    normative: DocumentsRow2019 = row(
        "规范性文件", DocumentsRow2019, en="normative documents", basis=BASIS
    )


@attrs.frozen(kw_only=True)
class Item5_2019:  # noqa: N801
    """第二十条第（五）项 (2019 edition)."""

    licensing: ItemsRow2019 = _licensing(ItemsRow2019)
    other_services: ItemsRow2019 = row(
        "其他对外管理服务事项", ItemsRow2019, en="other external services", basis=BASIS
    )


@attrs.frozen(kw_only=True)
class Item6_2019:  # noqa: N801
    """第二十条第（六）项 (2019 edition)."""

    penalty: ItemsRow2019 = _penalty(ItemsRow2019)
    coercion: ItemsRow2019 = _coercion(ItemsRow2019)


@attrs.frozen(kw_only=True)
class Item8_2019:  # noqa: N801
    """第二十条第（八）项 (2019 edition)."""

    fees: FeeItemsRow2019 = _fees(FeeItemsRow2019)


@attrs.frozen(kw_only=True)
class Item9_2019:  # noqa: N801
    """第二十条第（九）项 (2019 edition only)."""

    procurement: ProcurementRow2019 = row(
        "政府集中采购", ProcurementRow2019, en="centralised government procurement", basis=BASIS
    )


@attrs.frozen(kw_only=True)
class Item1_2021:  # noqa: N801
    """第二十条第（一）项 (2021 edition)."""

    rules: DocumentsRow2021 = _rules(DocumentsRow2021)
    normative: DocumentsRow2021 = row(
        "行政规范性文件", DocumentsRow2021, en="administrative normative documents", basis=BASIS
    )


@attrs.frozen(kw_only=True)
class Item5_2021:  # noqa: N801
    """第二十条第（五）项 (2021 edition)."""

    licensing: DecisionsRow2021 = _licensing(DecisionsRow2021)


@attrs.frozen(kw_only=True)
class Item6_2021:  # noqa: N801
    """第二十条第（六）项 (2021 edition)."""

    penalty: DecisionsRow2021 = _penalty(DecisionsRow2021)
    coercion: DecisionsRow2021 = _coercion(DecisionsRow2021)


@attrs.frozen(kw_only=True)
class Item8_2021:  # noqa: N801
    """第二十条第（八）项 (2021 edition)."""

    fees: FeeAmountRow2021 = _fees(FeeAmountRow2021)


# Readable names of the 第二十条 sub-tables (the classes are named after the article's items).
Documents2019 = Item1_2019
"""第二十条第（一）项 (2019 edition): 规章 and 规范性文件."""
Licensing2019 = Item5_2019
"""第二十条第（五）项 (2019 edition): 行政许可 and 其他对外管理服务事项."""
Enforcement2019 = Item6_2019
"""第二十条第（六）项 (2019 edition): 行政处罚 and 行政强制."""
Fees2019 = Item8_2019
"""第二十条第（八）项 (2019 edition): 行政事业性收费 (counts of items)."""
Procurement2019 = Item9_2019
"""第二十条第（九）项 (2019 edition): 政府集中采购."""
Documents2021 = Item1_2021
"""第二十条第（一）项 (2021 edition): 规章 and 行政规范性文件."""
Licensing2021 = Item5_2021
"""第二十条第（五）项 (2021 edition): 行政许可."""
Enforcement2021 = Item6_2021
"""第二十条第（六）项 (2021 edition): 行政处罚 and 行政强制."""
Fees2021 = Item8_2021
"""第二十条第（八）项 (2021 edition): 行政事业性收费 (money)."""


class _Active(Table):
    __slots__ = ()
    TABLE: ClassVar[str] = "二"
    FIRST_COLUMN: ClassVar[str] = FIRST_COLUMN


@attrs.frozen(kw_only=True)
class ActiveDisclosure2019(_Active):
    """Table 二 of the 2019 edition: five sub-tables, 22 cells."""

    item1: Item1_2019 = _item("一", Item1_2019)
    item5: Item5_2019 = _item("五", Item5_2019)
    item6: Item6_2019 = _item("六", Item6_2019)
    item8: Item8_2019 = _item("八", Item8_2019)
    item9: Item9_2019 = _item("九", Item9_2019)
    intro: tuple[str, ...] = prose()
    notes: tuple[str, ...] = prose()


@attrs.frozen(kw_only=True)
class ActiveDisclosure2021(_Active):
    """Table 二 of the 2021 edition: four sub-tables, 10 cells."""

    item1: Item1_2021 = _item("一", Item1_2021)
    item5: Item5_2021 = _item("五", Item5_2021)
    item6: Item6_2021 = _item("六", Item6_2021)
    item8: Item8_2021 = _item("八", Item8_2021)
    intro: tuple[str, ...] = prose()
    notes: tuple[str, ...] = prose()
