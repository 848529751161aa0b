"""Table rows cut in two by a page break (PDF): joined only when labels or sums say so."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkmodel.readers._common import State, parse_value
from gkmodel.readers._items import Row
from gkmodel.readers._pagecut import across_pages

LABEL = (0.0, 100.0)
VALUES = ((100.0, 130.0), (130.0, 160.0), (160.0, 190.0))  # 总计 is the last: 0 + 1 = 2
SUMS = [(2, (0, 1))]
LABELS = ["3.要求提供公开出版物", "4.无正当理由大量反复申请", "（七）总计"]


def _row(*cells: str, cut: bool = False, extents: Sequence[tuple[float, float]] | None = None,
         copies: Sequence[bool] | None = None) -> Row:  # fmt: skip
    ext = tuple(extents or (LABEL, *VALUES))
    return Row(tuple(cells), 1, extents=ext, copies=tuple(copies or [False] * len(cells)), cut=cut)


def _numbers(row: Row) -> list[Decimal | None]:
    values = [parse_value(t) for t in row.cells[-3:]]
    return [v.number if v is not None else None for v in values]


def _join(*rows: Row, labels: Sequence[str] = LABELS) -> tuple[list[Row | None], State]:
    state = State()
    out = across_pages(
        rows, left=100.0, sums=SUMS, labels=labels, numbers=_numbers, table_name="三",
        state=state,
    )  # fmt: skip
    return out, state


def test_label_cut_by_the_page_is_joined() -> None:
    out, state = _join(_row("3.要求提供公开出版", "1", "2", "3"), _row("物", "", "", "", cut=True))
    assert out[1] is None
    assert out[0] is not None and out[0].cells == ("3.要求提供公开出版物", "1", "2", "3")
    assert [d.code for d in state.diagnostics] == ["page-break"]


def test_values_below_a_cut_label_are_joined() -> None:
    """Values centred in a tall row fall below the break, with the rest of the label."""
    out, _ = _join(_row("3.要求提供公开出版", "", "", ""), _row("物", "1", "2", "3", cut=True))
    assert out[0] is not None and out[0].cells == ("3.要求提供公开出版物", "1", "2", "3")
    assert out[1] is None


@pytest.mark.parametrize(
    "below",
    [
        ("4.无正当理由大量反复申请", "", "", ""),  # a row left blank: a row of its own
        ("4.无正当理由大量反复申请", "4", "5", "9"),
        ("（七）总计", "9", "9", "18"),
    ],
)
def test_a_row_with_its_own_label_is_not_joined(below: tuple[str, ...]) -> None:
    above = _row("3.要求提供公开出版物", "1", "2", "3")
    out, state = _join(above, _row(*below, cut=True))
    assert out == [above, _row(*below)]
    assert state.diagnostics == []


def test_label_join_that_makes_no_official_label_is_not_made() -> None:
    above, below = _row("3.要求提供公开", "1", "2", "3"), _row("其他", "", "", "", cut=True)
    out, _ = _join(above, below)
    assert out == [above, below]
    out, _ = _join(above, _row("出版物", "", "", "", cut=True), labels=[])
    assert out[1] is not None  # no labels to confirm it (tables 四): never joined by words


def test_number_cut_by_the_page_is_joined_when_the_sums_hold() -> None:
    out, state = _join(_row("（七）总计", "293", "53", "298"), _row("", "2", "", "5", cut=True))
    assert out[0] is not None and out[0].cells == ("（七）总计", "2932", "53", "2985")
    assert out[1] is None
    assert "sums hold" in state.diagnostics[0].message


def test_number_cut_by_the_page_without_the_sums_is_unreadable() -> None:
    """Neither 293 (the part above) nor 2932 (joined) is read: the row is left unread."""
    out, state = _join(_row("（七）总计", "293", "53", "298"), _row("", "2", "", "6", cut=True))
    assert out[0] is not None and out[0].cells == ("（七）总计", "", "", "")
    assert out[1] is None
    assert state.diagnostics == []
    assert [d.code for d in state.unplaced] == ["unreadable"]
    assert state.pending("三", "（七）总计")  # never a blank row


def test_values_filling_blank_cells_need_no_sums() -> None:
    """No number made of two parts: the cells below fill the blank ones above."""
    out, _ = _join(_row("（七）总计", "", "", ""), _row("", "7", "8", "", cut=True))
    assert out[0] is not None and out[0].cells == ("（七）总计", "7", "8", "")


def test_only_a_row_opening_a_continued_table_is_joined() -> None:
    above, below = _row("（七）总计", "293", "53", "298"), _row("", "2", "", "5")
    assert _join(above, below)[0] == [above, below]


def test_other_value_columns_below_are_not_joined() -> None:
    # Values below the break in other columns, no label of their own: the row above may be cut
    # (2932 and 2985 in this page), so neither part is read (found by an adversarial pass: the
    # part above was read as 293 and 298, or placed as another row).
    above = _row("（七）总计", "293", "53", "298")
    below = _row("", "2", "", "5", cut=True,
                 extents=(LABEL, (100.0, 120.0), (120.0, 160.0), (160.0, 190.0)))  # fmt: skip
    out, state = _join(above, below)
    assert out == [_row("（七）总计", "", "", ""), below]
    [unread] = state.unplaced
    assert (unread.code, unread.row) == ("unreadable", "（七）总计")
    assert "cannot be placed under its columns" in unread.message


def test_a_row_of_its_own_below_the_break_is_not_joined() -> None:
    above = _row("（七）总计", "293", "53", "346")
    below = _row("四、结转下年度继续办理", "2", "", "2", cut=True,
                 extents=(LABEL, (100.0, 120.0), (120.0, 160.0), (160.0, 190.0)))  # fmt: skip
    out, state = _join(above, below, labels=[*LABELS, "四、结转下年度继续办理"])
    assert out == [above, below] and state.unplaced == []


def test_label_cells_merged_below_the_break() -> None:
    """The grid below lacks a rule of the page above: one label cell spans two there."""
    wide = ((0.0, 40.0), (40.0, 100.0), (40.0, 100.0), *VALUES)
    above = _row("三、本年度办理结果", "（七）总计", "（七）总计", "293", "53", "298",
                 extents=wide, copies=[False, False, True, False, False, False])  # fmt: skip
    below = _row("", "", "2", "", "5", cut=True, extents=((0.0, 40.0), (40.0, 100.0), *VALUES))
    out, _ = _join(above, below)
    assert out[0] is not None
    assert out[0].cells == ("三、本年度办理结果", "（七）总计", "（七）总计", "2932", "53", "2985")


def test_group_label_cut_by_the_page_is_whole_on_the_rows_it_spans() -> None:
    ext = ((0.0, 40.0), (40.0, 100.0), *VALUES)
    above = _row("（五）不予", "3.要求提供公开出版", "1", "2", "3", extents=ext)
    below = _row("处理", "物", "", "", "", cut=True, extents=ext)
    next_row = _row("处理", "4.无正当理由大量反复申请", "4", "5", "9", extents=ext,
                    copies=[True, False, False, False, False])  # fmt: skip
    out, _ = _join(above, below, next_row)
    assert [r.cells[:2] for r in out if r is not None] == [
        ("（五）不予处理", "3.要求提供公开出版物"),
        ("（五）不予处理", "4.无正当理由大量反复申请"),
    ]


def test_two_whole_rows_whose_sums_hold_joined_as_well_are_unreadable() -> None:
    """1 + 2 = 3 above, 4 + 5 = 9 below (no label): 14 + 25 = 39 holds too; neither is read."""
    out, state = _join(_row("（七）总计", "1", "2", "3"), _row("", "4", "5", "9", cut=True))
    assert out[0] is not None and out[0].cells == ("（七）总计", "", "", "")
    assert [d.code for d in state.unplaced] == ["unreadable"]


# -- a property: a row of table 三 cut anywhere -----------------------------------------------


def _official_labels() -> list[str]:
    from gkmodel.model import Requests2021
    from gkmodel.model.layout import table_rows
    from gkmodel.readers._labels import normalize

    return [normalize(s.labels[-1]) for s in table_rows(Requests2021, ("requests",))]


OFFICIAL = _official_labels()
WIDE = (LABEL, *((100.0 + 30 * i, 130.0 + 30 * i) for i in range(7)))  # six parts, 总计


@st.composite
def _cut_rows(draw: st.DrawFn) -> tuple[tuple[str, ...], Row, Row]:
    label = draw(st.sampled_from(OFFICIAL))
    parts = draw(st.lists(st.integers(0, 99_999), min_size=6, max_size=6))
    whole = (label, *(str(v) for v in (*parts, sum(parts))))
    at = [draw(st.integers(0, len(t))) for t in whole]  # where the break cuts each cell
    above = _row(*(t[:k] for t, k in zip(whole, at, strict=True)), extents=WIDE)
    below = _row(*(t[k:] for t, k in zip(whole, at, strict=True)), extents=WIDE, cut=True)
    return whole, above, below


@settings(max_examples=400, deadline=None)
@given(_cut_rows())
def test_a_row_cut_anywhere_never_gives_a_number_it_does_not_have(
    case: tuple[tuple[str, ...], Row, Row],
) -> None:
    """Whatever the break cuts (the label, any digits, nothing), every number read is the
    row's own, in its own column, and on one row only: joined, or unreadable, never a part."""
    whole, above, below = case
    state = State()

    def numbers(row: Row) -> list[Decimal | None]:
        values = [parse_value(t) for t in row.cells[1:]]
        return [v.number if v is not None else None for v in values]

    out = across_pages(
        [above, below], left=100.0, sums=[(6, (0, 1, 2, 3, 4, 5))], labels=OFFICIAL,
        numbers=numbers, table_name="三", state=state,
    )  # fmt: skip
    rows = [r for r in out if r is not None]
    with_values = [r for r in rows if any(r.cells[1:])]
    assert len(with_values) <= 1
    for row in with_values:
        assert row.cells[1:] == whole[1:]
    if with_values and any(below.cells[1:]):  # values from below the break: joined, by label
        assert with_values[0].cells[0] == whole[0]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(OFFICIAL), min_size=2, max_size=2, unique=True),
    st.lists(st.integers(0, 999), min_size=12, max_size=12),
)
def test_two_rows_of_their_own_at_a_page_break_stay_two(
    labels: list[str], values: list[int]
) -> None:
    """A row that opens a page with an official label of its own is never joined to the one
    above it, whatever their numbers."""
    first = (labels[0], *map(str, values[:6]), str(sum(values[:6])))
    second = (labels[1], *map(str, values[6:]), str(sum(values[6:])))
    above, below = _row(*first, extents=WIDE), _row(*second, extents=WIDE, cut=True)
    out = across_pages(
        [above, below], left=100.0, sums=[(6, (0, 1, 2, 3, 4, 5))], labels=OFFICIAL,
        numbers=lambda r: None, table_name="三", state=State(),
    )  # fmt: skip
    assert out == [above, below]


def test_table_two_groups_after_a_joined_row_keep_their_rows() -> None:
    """Table 二's groups are placed one by one; a row joined in one leaves the others whole."""
    from gkmodel.model import ActiveDisclosure2021
    from gkmodel.model.layout import table_rows
    from gkmodel.readers._grid import place_groups_by_header

    three = ((0.0, 100.0), (100.0, 200.0), (200.0, 300.0), (300.0, 400.0))
    one = ((0.0, 100.0), (100.0, 400.0))

    def row(*cells: str, ext: tuple[tuple[float, float], ...] = three, cut: bool = False) -> Row:
        return Row(cells, 1, extents=ext, copies=(False,) * len(cells), cut=cut)

    items = [
        row("第二十条第（一）项", "", "", ""),
        row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        row("规章", "1", "0", "11"),
        row("行政规范性", "8", "26", "66"),
        row("文件", "", "", "", cut=True),
        row("第二十条第（五）项", "", ext=one),
        row("信息内容", "本年处理决定数量", ext=one),
        row("行政许可", "447228", ext=one),
        row("第二十条第（六）项", "", ext=one),
        row("信息内容", "本年处理决定数量", ext=one),
        row("行政处罚", "3985758", ext=one),
    ]
    specs = table_rows(ActiveDisclosure2021, ("active_disclosure",))
    state = State()
    out = place_groups_by_header(items, specs, "二", state)
    assert [r.cells for r in out if isinstance(r, Row)][2:] == [
        ("规章", "1", "0", "11"),
        ("行政规范性文件", "8", "26", "66"),
        ("第二十条第（五）项", ""),
        ("信息内容", "本年处理决定数量"),
        ("行政许可", "447228"),
        ("第二十条第（六）项", ""),
        ("信息内容", "本年处理决定数量"),
        ("行政处罚", "3985758"),
    ]
    assert [d.code for d in state.diagnostics] == ["page-break"]
