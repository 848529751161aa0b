"""Pages as text extraction and site editors leave them: rows wrapped onto the next line, pieces of a
spanned label run into a row's last value, numbers cut or written with other points.

Each page was found by an adversarial pass over gkmodel's own renderings of the 淮安市 2024 report
(``examples/data/huaian_2024.json``); before the fix each read a number under the wrong row, or left
cells blank without saying so.  Now every cell is either the published one or blank and listed in
``unreadable_cells``: never another cell's number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.io.cells import to_cells

from .conftest import CORPUS, EXAMPLES

PAGES = Path(__file__).parent / "data" / "pages"
HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
WANT = {c["path"]: c["value"] for c in to_cells(HUAIAN) if c["table"] in ("二", "三", "四")}


def _read(name: str) -> gkmodel.ReadResult:
    return gkmodel.read(PAGES / name)


def _never_another_number(result: gkmodel.ReadResult) -> list[str]:
    """The table cells read with a number the source does not have there (must be none); the
    blank cells that hold a number in the source are returned, each must be unreadable."""
    got = {c["path"]: c["value"] for c in to_cells(result.report)}
    wrong = [p for p, v in WANT.items() if got.get(p) is not None and got[p] != v]
    assert wrong == []
    return [p for p, v in WANT.items() if got.get(p) is None and v is not None]


@pytest.mark.parametrize("name", ["t3_glued_fragments.txt", "t3_row_wrapped.txt", "wrapped_80.txt"])
def test_read_whole(name: str) -> None:
    """Pieces of 三、本年度办理结果 run into the values of （一） and （七） (a vertically centred
    label in PDF text); a row wrapped after three values; every label on a line of its own above
    its values: each table read whole, and the checker finds nothing."""
    result = _read(name)
    assert _never_another_number(result) == []
    assert result.unreadable_cells == ()
    for table in ("active_disclosure", "requests", "appeals"):
        assert getattr(result.report, table) == getattr(HUAIAN, table)
    assert list(gkmodel.check(result.report)) == []


def test_wrapped_row_is_joined_by_its_sums() -> None:
    result = _read("t3_row_wrapped.txt")
    [joined] = [d for d in result.diagnostics if d.code == "realigned"]
    assert (joined.table, joined.action) == ("三", "joined into 7 values")
    assert joined.found is not None and joined.found.endswith("0            61     4  3119")


def test_label_around_values_is_no_other_rows_label() -> None:
    """（一）'s values end in a piece of the spanned label, and （二）'s label is split around its
    values: （一） keeps its own numbers, never （二）'s."""
    result = _read("t3_label_around_values.txt")
    _never_another_number(result)
    results = result.report.requests.results
    assert results.granted == HUAIAN.requests.results.granted
    assert results.partial == HUAIAN.requests.results.partial


def test_misaligned_continuation_is_unreadable() -> None:
    """A wrapped row whose continuation does not line up with the columns: the row is unread,
    said so, and no number moves."""
    result = _read("t3_row_wrapped_misaligned.txt")
    blank = _never_another_number(result)
    row = [p for p in WANT if p.startswith("$.requests.new_received.")]
    assert set(blank) == set(row)
    assert set(result.unreadable_cells) == set(row)
    [stray] = [d for d in result.diagnostics if d.code == "stray-value"]
    assert stray.action == "ignored, and the row before left unread"


def test_number_cut_at_its_point_is_unreadable() -> None:
    """Text wrapped at 40 columns cuts 96171.6 into 96171 and .6: the fee is unread, not 96171."""
    result = _read("wrapped_40.txt")
    blank = _never_another_number(result)
    assert result.report.active_disclosure.item8.fees.amount is None
    assert "$.active_disclosure.item8.fees.amount" in result.unreadable_cells
    assert "$.active_disclosure.item8.fees.amount" in blank


def test_table_two_row_with_an_extra_empty_cell_is_read_by_geometry() -> None:
    """An empty cell past the header's columns (Word's empty last cell) leaves no cell in doubt:
    the row's values are under their columns."""
    result = _read("t2_trailing_cell.html")
    rules = result.report.active_disclosure.item1.rules
    assert (rules.issued, rules.repealed, rules.in_force) == (1, 0, 11)
    assert not [p for p in result.unreadable_cells if ".item1." in p]


def test_table_two_row_with_an_extra_cell_is_unreadable() -> None:
    """Table 二 has no sums to decide where an extra number goes: its row is unread, and said so."""
    page = (PAGES / "t2_trailing_cell.html").read_text(encoding="utf-8")
    result = gkmodel.read(page.replace("<td>11</td><td>&nbsp;</td>", "<td>11</td><td>5</td>"))
    rules = result.report.active_disclosure.item1.rules
    assert (rules.issued, rules.repealed, rules.in_force) == (None, None, None)
    assert {
        "$.active_disclosure.item1.rules.issued",
        "$.active_disclosure.item1.rules.repealed",
        "$.active_disclosure.item1.rules.in_force",
    } <= set(result.unreadable_cells)
    normative = result.report.active_disclosure.item1.normative
    assert (normative.issued, normative.repealed, normative.in_force) == (8, 26, 66)


@pytest.mark.parametrize(
    ("written", "amount"), [("96171．6", "96171.6"), ("96171,6", None), ("＋96171.6", None)]
)
def test_fee_as_written(written: str, amount: str | None) -> None:
    """A full-width point is a point; a decimal comma or a plus sign is no number as written:
    the cell is unread, never blank in silence."""
    page = (PAGES / "t2_fullwidth_point.html").read_text(encoding="utf-8")
    result = gkmodel.read(page.replace("96171．6", written).encode())
    fees = result.report.active_disclosure.item8.fees.amount
    if amount is None:
        assert fees is None
        assert "$.active_disclosure.item8.fees.amount" in result.unreadable_cells
    else:
        assert fees is not None and str(fees.amount) == amount


_TEXT = gkmodel.render(HUAIAN, to="text")
_T3 = _TEXT.index("三、收到和处理政府信息公开申请情况")
_ROWS = [  # the lines of table 三 that end in its seven values
    k
    for k, line in enumerate(_TEXT.split("\n"))
    if _TEXT.index(line) > _T3
    and len(line.split()) >= 8
    and all(t.isdigit() for t in line.split()[-7:])
][:30]


@settings(max_examples=60, deadline=None)
@given(row=st.sampled_from(_ROWS), kept=st.integers(1, 6), indent=st.integers(0, 90))
def test_any_row_wrapped_never_moves_a_number(row: int, kept: int, indent: int) -> None:
    """Any row of table 三 wrapped after any number of its values, the rest indented anyhow: every
    cell is the published one, or blank and unreadable."""
    lines = _TEXT.split("\n")
    line = lines[row]
    cut = 0
    for _ in range(len(line.split()) - 7 + kept):  # past the label and ``kept`` values
        cut = line.index(line[cut:].split()[0], cut) + len(line[cut:].split()[0])
    lines[row : row + 1] = [line[:cut], " " * indent + line[cut:].lstrip()]
    result = gkmodel.read("\n".join(lines))
    blank = _never_another_number(result)
    assert set(blank) <= set(result.unreadable_cells)


def test_wrapped_with_blank_cells_never_placed_by_position() -> None:
    """The report with its zeros left blank, wrapped at 60 columns: its values stand under their
    labels with the blanks gone, so no row is placed by its position; each is read or unread."""
    source = gkmodel.load(PAGES / "huaian_blanks.json")
    want = {c["path"]: c["value"] for c in to_cells(source) if c["table"] in ("二", "三", "四")}
    result = _read("wrapped_60_blanks.txt")
    got = {c["path"]: c["value"] for c in to_cells(result.report)}
    assert [p for p, v in want.items() if got[p] is not None and got[p] != v] == []
    blank = {p for p, v in want.items() if got[p] is None and v is not None}
    assert blank and blank <= set(result.unreadable_cells)
    assert not [d for d in result.diagnostics if d.action == "placed by position"]


@pytest.mark.parametrize(("total", "joined"), [("351", True), ("350", False)])
def test_table_four_row_wrapped_is_joined_by_its_total(total: str, joined: bool) -> None:
    """A row of table 四 wrapped after two results, the rest in the same columns of a row without
    a label: joined when its 总计 is the sum of its results, else unread."""
    md = gkmodel.render(HUAIAN, to="md")
    row = "| 行政复议 | 72 | 64 | 178 | 37 | 351 |"
    assert row in md
    page = md.replace(row, f"| 行政复议 | 72 | 64 |  |  |  |\n|  |  |  | 178 | 37 | {total} |")
    result = gkmodel.read(page)
    _never_another_number(result)
    said = [d for d in result.diagnostics if d.code == "realigned" and d.table == "四"]
    if joined:
        assert result.report.appeals == HUAIAN.appeals
        assert [(d.row, d.action) for d in said] == [("行政复议", "joined into 5 values")]
    else:
        assert result.report.appeals.reconsideration.total is None
        assert "$.appeals.reconsideration.total" in result.unreadable_cells
        assert said == []


_ABOVE_A_WRAPPED_LABEL = ("3.要求提供公开出版物", "4.无正当理由大量反复申请")


@pytest.mark.parametrize("emptied", [_ABOVE_A_WRAPPED_LABEL[1:], _ABOVE_A_WRAPPED_LABEL])
def test_empty_row_above_a_label_wrapped_around_its_values(emptied: tuple[str, ...]) -> None:
    """``pdftotext -layout`` text of a row printed with its cells empty, right above
    ``5.要求行政机关确认或重新出`` / values / ``具已获取信息``: the values are row 5's, never
    the empty row's (before, row 4 took them and row 5 was unread)."""
    lines = (CORPUS / "2024_huaian-shizf_1.txt").read_text(encoding="utf-8").split("\n")
    for label in emptied:
        [k] = [k for k, line in enumerate(lines) if label in line]
        lines[k] = lines[k][: lines[k].index(label) + len(label)]  # the label, its cells empty
    result = gkmodel.read("\n".join(lines))
    _never_another_number(result)
    kept = result.report.requests.results.not_processed
    assert kept.reconfirmation == HUAIAN.requests.results.not_processed.reconfirmation
    assert kept.reconfirmation.natural_person == 1
    emptied_rows = {"3.要求提供公开出版物": "publications", "4.无正当理由大量反复申请": "excessive"}
    for label in emptied:
        name = emptied_rows[label]
        assert getattr(kept, name).total is None
        assert f"$.requests.results.not_processed.{name}.total" in result.unreadable_cells


@pytest.mark.parametrize("numbering", ["(3)", "（3）", "③", "（三）"])
def test_row_numbered_otherwise_keeps_its_place_before_an_extra_row(numbering: str) -> None:
    """``3.其他`` numbered in another style, followed by an organ's own extra row numbered
    ``4.其他``: the official row keeps its own numbers (before, it took the extra row's, and
    its own were ignored as an extra row)."""
    row = "               3、其他                  108          2        0         0        0         0    110"
    extra = "               4.其他                  9          0        0         0        0         0    9"
    text = (CORPUS / "2024_huaian-shizf_1.txt").read_text(encoding="utf-8")
    assert row in text
    result = gkmodel.read(text.replace(row, row.replace("3、", numbering) + "\n\n" + extra))
    _never_another_number(result)
    assert result.report.requests.results.other == HUAIAN.requests.results.other
    assert result.report.requests.results.other.other.total == 110
    [extra_row] = [d for d in result.diagnostics if d.code == "extra-row"]
    assert extra_row.found == "4.其他"
    [loose] = [
        d
        for d in result.diagnostics
        if d.found and d.found.endswith("其他") and d.code == "loose-label"
    ]
    assert loose.action == "matched loosely"


_MD = gkmodel.render(HUAIAN, to="md").split("\n")
_NUMBERED_ROW = re.compile(r"^\| \u3000*(（[一二三四五六七]）|\d\\\.)([^|]+?) \|((?: [\d ]+ \|)+)$")
_NUMBERED_ROWS = [k for k, line in enumerate(_MD) if _NUMBERED_ROW.match(line)]


@pytest.mark.parametrize("empty_cells", [True, False])
@pytest.mark.parametrize("k", _NUMBERED_ROWS)
def test_row_numbering_in_a_markdown_row_of_its_own(k: int, empty_cells: bool) -> None:
    """A row of table 三 whose numbering is cut into a Markdown row of its own (``| （一） |``,
    with or without empty cells, then ``| 予以公开 | 1288 | …``): every cell is the published
    one or unreadable, never blank in silence (before, ``（一）`` was read as a cell's note, the
    row as blank, and R-BLANK blamed the organ)."""
    m = _NUMBERED_ROW.match(_MD[k])
    assert m is not None
    numbering, words, cells = m.groups()
    first = f"| {numbering} |" + ("  |" * cells.count("|") if empty_cells else "")
    page = "\n".join([*_MD[:k], first, f"| {words} |{cells}", *_MD[k + 1 :]])
    result = gkmodel.read(page)
    blank = _never_another_number(result)
    assert set(blank) <= set(result.unreadable_cells)
    assert "R-BLANK" not in {f.code for f in gkmodel.check(result.report, unread=result.unread)}
