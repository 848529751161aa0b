"""HTML tables whose rows stand a column left of their header: a label cell spanning a column
short, or the rows after a page break that lost the cell 三、本年度办理结果 spanned over them,
with Word's empty last column taking the place of the last value.

Found by an adversarial pass: before, the row's first number was dropped as "a number among the
row labels" and the others were read one column to the left (3001 53 0 0 61 4 3119 read as 53 0
0 61 4 3119 and a blank 总计), and the checker blamed the organ for table 三's sums.  Now such a
row is read shifted back right only when its own sums say so, else it is unreadable; every cell
is the published one or unreadable.
"""

from __future__ import annotations

import re

import pytest

import gkmodel
from gkmodel.io.cells import to_cells

from .conftest import EXAMPLES

REPORTS = {
    name: gkmodel.load(EXAMPLES / "data" / f"{name}.json")
    for name in ("huaian_2024", "shangguan_2020")
}
_JSON = re.compile(r'<script type="application/json".*?</script>', re.S)
PAGES = {name: _JSON.sub("", gkmodel.render(r, to="html")) for name, r in REPORTS.items()}


def _spans(name: str) -> list[tuple[int, int]]:
    """(position in the page, the span's new value) of every colspan and rowspan one off."""
    page = PAGES[name]
    return [
        (m.start(), new)
        for m in re.finditer(r'(?:colspan|rowspan)="(\d+)"', page)
        for new in (int(m.group(1)) - 1, int(m.group(1)) + 1)
        if new >= 1
    ]


def _read_as_published(name: str, page: str) -> gkmodel.ReadResult:
    want = {
        c["path"]: c["value"] for c in to_cells(REPORTS[name]) if c["table"] in ("二", "三", "四")
    }
    result = gkmodel.read(page)
    got = {c["path"]: c["value"] for c in to_cells(result.report)}
    assert [p for p, v in want.items() if got[p] is not None and got[p] != v] == []
    blank = [p for p, v in want.items() if got[p] is None and v is not None]
    assert set(blank) <= set(result.unreadable_cells)
    return result


def test_row_a_column_short_is_read_by_its_sums() -> None:
    """Row 一's label spanning two columns, not three, and an empty last column in every row:
    its values are shifted back right, as its sums say, and the checker finds nothing."""
    page = PAGES["huaian_2024"].replace('colspan="3">一、', 'colspan="2">一、', 1)
    page = page.replace("</tr>", "<td></td></tr>")
    result = _read_as_published("huaian_2024", page)
    assert result.report.requests == REPORTS["huaian_2024"].requests
    assert list(gkmodel.check(result.report, unread=result.unread)) == []
    [shifted] = [d for d in result.diagnostics if d.code == "realigned" and "right of" in d.message]
    assert shifted.action == "3001 | 53 | 0 | 0 | 61 | 4 | 3119"


@pytest.mark.parametrize("empty_column", [True, False])
@pytest.mark.parametrize(("name", "at", "new"), [(n, *s) for n in PAGES for s in _spans(n)])
def test_span_one_off(name: str, at: int, new: int, empty_column: bool) -> None:
    page = PAGES[name]
    page = page[:at] + re.sub(r'(?<=span=")\d+', str(new), page[at:], count=1)
    if empty_column:
        page = page.replace("</tr>", "<td></td></tr>")
    _read_as_published(name, page)


def _page_breaks(name: str) -> list[int]:
    """Where table 三 may be cut by a page break: before each of its rows but the first."""
    table = re.search(r'<table class="gk-table gk-table-三".*?</table>', PAGES[name], re.S)
    assert table is not None
    body = table.group(0).index("<tbody>")
    return [m.start() for m in re.finditer("<tr>", table.group(0)) if m.start() > body][1:]


@pytest.mark.parametrize("header_repeated", [True, False])
@pytest.mark.parametrize(("name", "cut"), [(n, c) for n in PAGES for c in _page_breaks(n)])
def test_page_break_with_an_empty_last_column(name: str, cut: int, header_repeated: bool) -> None:
    """Table 三 cut in two at a page break (the rows after it lose the spanned cells above
    them), with or without its header repeated, and Word's empty last column."""
    page = PAGES[name]
    table = re.search(r'<table class="gk-table gk-table-三".*?</table>', page, re.S)
    assert table is not None
    t3 = table.group(0)
    head = re.search(r"<thead>.*?</thead>", t3, re.S)
    assert head is not None
    again = head.group(0) if header_repeated else ""
    cut_t3 = t3[:cut] + "</tbody></table><table>" + again + "<tbody>" + t3[cut:]
    _read_as_published(name, page.replace(t3, cut_t3.replace("</tr>", "<td></td></tr>")))


@pytest.mark.parametrize("written", ["（53）", "(53)", "(-53)"])
def test_number_in_brackets_is_never_the_organs_blank(written: str) -> None:
    """A cell holding only a number in brackets: a note on a blank cell (as gkmodel writes one)
    or a count the author bracketed (a negative as accountants write it).  It was read as the
    organ's blank with a note, and the diagnostic said the number was kept: now the cell is
    unreadable, its note kept, and the diagnostic says the cell is blank."""
    cell = 'data-path="$.requests.new_received.commercial">'
    page = PAGES["huaian_2024"].replace(cell + "53<", cell + written + "<")
    result = _read_as_published("huaian_2024", page)
    path = "$.requests.new_received.commercial"
    assert result.report.requests.new_received.commercial is None
    assert path in result.unreadable_cells
    assert [n.path for n in result.report.cell_notes] == [path]
    [note] = [d for d in result.diagnostics if d.code == "cell-note"]
    assert note.action == "cell blank, note in cell_notes"


def _grouped_rows(name: str) -> list[tuple[str, str]]:
    """(row label, its group's label) of every row of table 三 under a group label spanned
    over its rows (（三）不予公开, （四）无法提供, …)."""
    page = PAGES[name]
    out = []
    for group in re.finditer(r'rowspan="(\d+)">(（[三四五六]）[^<]+)<', page):
        rows = page[group.end() :].split("</tr>")[: int(group.group(1))]
        for row in rows:
            label = re.search(r'<th class="gk-label" scope="row">([^<]+)</th>', row)
            if label:
                out.append((label.group(1), group.group(2)))
    return out


@pytest.mark.parametrize(
    ("name", "row", "group"), [(n, *g) for n in PAGES for g in _grouped_rows(n)]
)
def test_label_on_a_row_of_its_own_above_its_values(name: str, row: str, group: str) -> None:
    """A row of table 三 whose label stands on a table row of its own, with empty cells, and
    whose numbers are on the next table row under an empty label cell: the row was read as the
    organ's blanks (R-BLANK) and its numbers dropped as an extra row; now it is unreadable."""
    page = PAGES[name]
    label = f'<th class="gk-label" scope="row">{row}</th>'
    start = page.index(label)
    cells = page[start + len(label) : page.index("</tr>", start)]
    page = page.replace(label + cells, f"{label}{'<td></td>' * 7}</tr><tr><td></td>{cells}", 1)
    for spanned in ("三、本年度办理结果", group):  # the spanned labels cover one row more
        page = re.sub(
            rf'rowspan="(\d+)">{re.escape(spanned)}',
            lambda m: f'rowspan="{int(m.group(1)) + 1}">' + m.group(0).split(">", 1)[1],
            page,
            count=1,
        )
    result = _read_as_published(name, page)
    cells = [c["path"] for c in to_cells(REPORTS[name]) if c["row"].endswith(row)]
    assert len(cells) == 7
    assert set(cells) <= set(result.unreadable_cells)  # never the organ's blanks


_HUAIAN_MD = gkmodel.render(REPORTS["huaian_2024"], to="md")


def test_markdown_label_cut_at_its_brackets() -> None:
    """（二）部分公开 with its numbers, then （区分处理的，只计这一情形，不计其他情形） on a row of
    its own with empty cells: the bracketed words were read as a cell's note and the row as
    the organ's blanks; now they are a piece of label, and the numbers are the row's."""
    full = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    md = _HUAIAN_MD.replace(f"| \u3000\u3000{full} |", "| \u3000\u3000（二）部分公开 |", 1)
    end = md.index("\n", md.index("| \u3000\u3000（二）部分公开 |"))
    md = md[:end] + "\n| （区分处理的，只计这一情形，不计其他情形） | | | | | | | |" + md[end:]
    result = _read_as_published("huaian_2024", md)
    assert result.report.requests.results.partial == REPORTS["huaian_2024"].requests.results.partial


def _html_row(page: str, label: str) -> str:
    """The ``<tr>…</tr>`` of the row labelled ``label`` in one of gkmodel's HTML pages."""
    at = page.index(f'<th class="gk-label" scope="row">{label}</th>')
    return page[page.rindex("<tr>", 0, at) : page.index("</tr>", at) + len("</tr>")]


@pytest.mark.parametrize("markdown", [True, False])
def test_table_two_label_cut_into_two_rows(markdown: bool) -> None:
    """行政规范性文件 cut into 行政 (with the numbers) and 规范性文件 (empty cells, the 2019
    edition's label): the empty row was read as the organ's blanks; now it is unreadable."""
    if markdown:
        page = _HUAIAN_MD.replace(
            "| 行政规范性文件 | 8 | 26 | 66 |", "| 行政 | 8 | 26 | 66 |\n| 规范性文件 |  |  |  |"
        )
    else:
        page = PAGES["huaian_2024"]
        row = _html_row(page, "行政规范性文件")
        cut = (
            row.replace("行政规范性文件", "行政")
            + "<tr><th>规范性文件</th>"
            + "<td></td>" * 3
            + "</tr>"
        )
        page = page.replace(row, cut)
    result = _read_as_published("huaian_2024", page)
    assert "$.active_disclosure.item1.normative.issued" in result.unreadable_cells


@pytest.mark.parametrize("markdown", [True, False])
def test_table_two_label_above_its_values(markdown: bool) -> None:
    """2019 edition, 政府集中采购 on a row of its own with empty cells, its numbers on the next
    row under an empty label cell: read as blanks before; now unreadable."""
    if markdown:
        md = gkmodel.render(REPORTS["shangguan_2020"], to="md")
        [row] = [line for line in md.split("\n") if line.startswith("| 政府集中采购 |")]
        values = row[len("| 政府集中采购 |") :]
        page = md.replace(row, "| 政府集中采购 |  |  |\n| " + values)
    else:
        page = PAGES["shangguan_2020"]
        label = '<th class="gk-label" scope="row">政府集中采购</th>'
        row = _html_row(page, "政府集中采购")
        values = row[row.index("</th>") + len("</th>") : -len("</tr>")]
        page = page.replace(
            row, f'<tr>{label}<td></td><td colspan="2"></td></tr><tr><td></td>{values}</tr>'
        )
    result = _read_as_published("shangguan_2020", page)
    assert "$.active_disclosure.item9.procurement.projects" in result.unreadable_cells


@pytest.mark.parametrize("name", list(PAGES))
def test_an_empty_last_column_loses_no_cell(name: str) -> None:
    """Word's empty last column in every row of every table: the cells past the header's
    columns are empty, so no cell is in doubt and every row is read, blanks included (the seed
    report, whose rows have blank cells, lost 183 cells before; DOCX likewise)."""
    result = _read_as_published(name, PAGES[name].replace("</tr>", "<td></td></tr>"))
    assert result.unreadable_cells == ()
