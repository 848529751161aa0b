"""Official tables found by their signature wherever they sit; the edition from the signatures."""

from __future__ import annotations

import itertools
import random

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

import gkmodel
from gkmodel.io.cells import to_cells
from gkmodel.model import AnnualReport2019, AnnualReport2021, LocalTable
from gkmodel.readers import UNREAD_CODES, ReadResult
from gkmodel.readers._signatures import MIN_HITS, Signature, signatures
from gkmodel.testing import PAGE_TRANSFORMS

from .conftest import CORPUS, EXAMPLES

HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
SEED = gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json")
MD = gkmodel.render(HUAIAN, to="md")
TEXT = gkmodel.render(HUAIAN, to="text")
H3 = "三、收到和处理政府信息公开申请情况"
H4 = "四、政府信息公开行政复议、行政诉讼情况"
T3 = MD[MD.index("## " + H3) : MD.index("## " + H4)].split("\n", 1)[1]  # table 三 in Markdown


def _cells(report: gkmodel.AnnualReport) -> dict[str, object]:
    return {c["path"]: c["value"] for c in to_cells(report)}


def _diagnostics(result: ReadResult) -> list[tuple[str, str | None, str | None, str | None, str]]:
    return [
        (d.code, d.table, d.section, d.found, d.action)
        for d in result.diagnostics
        if d.code.startswith("table") or d.code in ("section-missing", "edition")
    ]


def _table(report: gkmodel.AnnualReport, numeral: str) -> list[str]:
    return [c["path"] for c in to_cells(report) if c["table"] == numeral]


def test_signatures_are_derived_from_the_model() -> None:
    t2, t3, t4 = signatures(AnnualReport2021)
    assert (t2.name, t3.name, t4.name) == ("active_disclosure", "requests", "appeals")
    assert {"第二十条第（一）项", "规章", "本年制发件数", "行政事业性收费"} <= t2.labels
    assert {"自然人", "法人或其他组织", "（一）予以公开", "（七）总计"} <= t3.labels
    assert {"行政复议", "行政诉讼", "未经复议直接起诉", "结果维持", "尚未审结"} <= t4.labels
    # 总计 is a column of 三 and of 四: it tells neither
    assert not any("总计" in s.labels for s in (t2, t3, t4))
    old2, _, _ = signatures(AnnualReport2019)
    assert {"政府集中采购", "本年新制作数量", "第二十条第（九）项"} <= old2.labels
    assert "本年制发件数" not in old2.labels
    assert MIN_HITS == 3


@pytest.mark.parametrize(("heading", "table", "host"), [(H3, "三", "二"), (H4, "四", "三")])
def test_heading_dropped(heading: str, table: str, host: str) -> None:
    result = gkmodel.read(TEXT.replace(heading + "\n", ""))
    assert _diagnostics(result) == [
        ("section-missing", None, table, None, "left empty"),
        ("table-elsewhere", table, host, None, f"read from section {host}"),
    ]
    assert _cells(result.report) == _cells(HUAIAN)
    assert result.unreadable_cells == ()


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_table_after_the_next_heading(fmt: str) -> None:
    """Table 四 after 五's heading: read from 五, and 五's narrative is its text alone."""
    page = gkmodel.render(SEED, to=fmt, **({"embed_json": False} if fmt == "html" else {}))
    assert isinstance(page, str)
    moved = PAGE_TRANSFORMS["heading_after_table"](page, random.Random(5))
    result = gkmodel.read(moved.encode())
    assert _diagnostics(result) == [("table-elsewhere", "四", "五", None, "read from section 五")]
    assert _cells(result.report) == _cells(SEED)
    assert result.report.problems == SEED.problems
    assert not [d for d in result.diagnostics if d.code == "local-table" and d.section == "五"]


def test_tables_in_an_appendix() -> None:
    """Every table after 六 (Markdown rows one after another: one run, cut by signature)."""
    cut = [MD.index("## " + h) for h in ("二、主动公开政府信息情况", H3, H4, "五、")]
    tables = [MD[a:b].split("\n", 1)[1] for a, b in itertools.pairwise(cut)]
    bare = MD
    for t in tables:
        bare = bare.replace(t, "\n", 1)
    page = bare + "\n附表\n\n" + "\n".join(tables)
    result = gkmodel.read(page)
    assert [(c, t, s) for c, t, s, _, _ in _diagnostics(result)] == [
        ("table-mixed", None, "六"),
        ("table-elsewhere", "二", "六"),
        ("table-elsewhere", "三", "六"),
        ("table-elsewhere", "四", "六"),
    ]
    assert result.unreadable_cells == ()
    want = {p: v for p, v in _cells(HUAIAN).items()}
    assert {p: v for p, v in _cells(result.report).items()} == want
    assert result.report.other_matters.content == HUAIAN.other_matters.content


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_table_above_every_heading(fmt: str) -> None:
    """Table 三 printed above the title: found there, read whole, and said where."""
    page = gkmodel.render(HUAIAN, to=fmt, **({"embed_json": False} if fmt == "html" else {}))
    assert isinstance(page, str)
    if fmt == "md":
        table = T3
        page = table + "\n" + page.replace(table, "\n", 1)
    else:
        first = page.index("<table", page.index(H3))
        table = page[first : page.index("</table>", first) + len("</table>")]
        body = page.index(">", page.index("<body")) + 1
        page = page[:body] + table + page[body:].replace(table, "", 1)
    result = gkmodel.read(page.encode())
    where = "read from the text before the first section heading"
    assert _diagnostics(result) == [("table-elsewhere", "三", None, None, where)]
    assert result.unreadable_cells == ()
    assert _cells(result.report) == _cells(HUAIAN)
    assert result.report.meta == HUAIAN.meta


def test_headings_lost_tables_found() -> None:
    """No section heading survives (styled away by a site): the tables are still found by their
    signatures and read whole; every section is said missing; nothing is guessed."""
    headings = [s.heading for s in gkmodel.editions.section_headings() if s.heading]
    page = "\n".join(line for line in MD.split("\n") if line.lstrip("# ") not in headings)
    assert all(h not in page.split("\n") for h in headings)
    result = gkmodel.read(page)
    where = "read from the text before the first section heading"
    assert _diagnostics(result)[6:] == [  # 三 and 四 are one run of Markdown rows, cut in order
        ("table-mixed", None, None, None, "cut where the labels of each next table begin"),
        ("table-elsewhere", "二", None, None, where),
        ("table-elsewhere", "三", None, None, where),
        ("table-elsewhere", "四", None, None, where),
    ]
    assert [d[0] for d in _diagnostics(result)[:6]] == ["section-missing"] * 6
    assert result.unreadable_cells == ()
    for name in ("active_disclosure", "requests", "appeals"):
        assert getattr(result.report, name) == getattr(HUAIAN, name), name
    assert result.report.meta.organ == HUAIAN.meta.organ
    assert result.report.meta.year == HUAIAN.meta.year


def test_no_heading_and_no_table_is_no_report() -> None:
    prose = "\n".join([TEXT.split("\n")[0], *HUAIAN.overview.content[:2]])  # type: ignore[list-item]
    assert prose.startswith("淮安市人民政府2024年政府信息公开工作年度报告")
    with pytest.raises(gkmodel.ReadError, match="no section 二 or 三 of an annual report"):
        gkmodel.read(prose)


def test_table_twice_is_read_in_its_own_section() -> None:
    page = MD.rstrip("\n") + "\n\n附表\n\n" + T3
    result = gkmodel.read(page)
    assert _diagnostics(result) == [("table-twice", "三", None, "三 六", "read from section 三")]
    assert result.unreadable_cells == ()
    assert result.report.requests == HUAIAN.requests
    assert result.report.other_matters == HUAIAN.other_matters  # the copy is no local table


def test_table_twice_outside_its_section_is_ambiguous() -> None:
    own = MD.index("## " + H3)
    page = MD[:own] + f"## {H3}\n\n" + MD[MD.index("## " + H4) :]
    five = page.index("## 六、")
    page = page[:five] + T3 + "\n" + page[five:] + "\n附表\n\n" + T3
    result = gkmodel.read(page)
    assert _diagnostics(result) == [
        ("table-twice", "三", None, "五 六", "cells left blank"),
        ("table-ambiguous", "三", None, None, "cells left blank"),
    ]
    assert "table-ambiguous" in UNREAD_CODES
    assert result.unreadable_cells == tuple(_table(HUAIAN, "三"))
    assert all(v is None for p, v in _cells(result.report).items() if p in _table(HUAIAN, "三"))


def test_mixed_table_cut_in_order() -> None:
    """三 and 四 in one run of Markdown rows (四's heading dropped): cut where 四 begins."""
    result = gkmodel.read(MD.replace(f"## {H4}\n", ""))
    assert _diagnostics(result) == [
        ("section-missing", None, "四", None, "left empty"),
        ("table-mixed", None, "三", None, "cut where the labels of each next table begin"),
        ("table-elsewhere", "四", "三", None, "read from section 三"),
    ]
    assert result.unreadable_cells == ()
    assert result.report.requests == HUAIAN.requests
    assert result.report.appeals == HUAIAN.appeals


def test_mixed_table_interleaved_is_ambiguous() -> None:
    """四's header row above 三's rows: neither table can be told apart, neither is read."""
    header = "|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|---|\n"
    page = MD.replace(f"## {H4}\n", "").replace(header, "")
    first = page.index("| 一、本年新收")
    page = page[:first] + header.splitlines()[0] + "\n" + page[first:]
    result = gkmodel.read(page)
    assert _diagnostics(result) == [
        ("section-missing", None, "四", None, "left empty"),
        ("table-mixed", None, "三", None, "cells of these tables left blank"),
        ("table-ambiguous", "三", None, None, "cells left blank"),
        ("table-ambiguous", "四", None, None, "cells left blank"),
    ]
    assert result.unreadable_cells == (*_table(HUAIAN, "三"), *_table(HUAIAN, "四"))


class TestEdition:
    """The edition whose tables the document shows best; the year when they do not tell."""

    def test_layout_over_the_year(self) -> None:
        page = TEXT.replace("2024年政府信息公开工作年度报告", "2020年政府信息公开工作年度报告", 1)
        result = gkmodel.read(page)
        assert result.report.meta.year == 2020
        assert result.report.edition is gkmodel.Edition.E2021
        assert _diagnostics(result) == [
            ("edition", None, None, "2020", "2021 edition by the layout")
        ]

    def test_no_table_label_goes_by_the_year(self) -> None:
        page = "某县人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n无。\n"
        result = gkmodel.read(page)
        assert result.report.edition is gkmodel.Edition.E2019
        assert _diagnostics(result)[0] == (
            "edition",
            None,
            None,
            "2020",
            "2019 edition by the year",
        )

    @pytest.mark.parametrize(("year", "edition"), [(2020, "2019"), (2022, "2021")])
    def test_only_shared_tables_go_by_the_year(self, year: int, edition: str) -> None:
        """Without table 二, tables 三 and 四 of the 2019 edition show no label of one edition
        alone: the year tells."""
        page = gkmodel.render(SEED, to="text")
        assert isinstance(page, str)
        page = page[: page.index("二、主动公开政府信息情况")] + page[page.index(H3) :]
        page = page.replace(
            "2020年政府信息公开工作年度报告", f"{year}年政府信息公开工作年度报告", 1
        )
        result = gkmodel.read(page)
        assert result.report.edition.value == edition
        assert [(d.found, d.action) for d in result.diagnostics if d.code == "edition"] == [
            (str(year), f"{edition} edition by the year")
        ]

    def test_corpus(self) -> None:
        editions = {
            p.name: gkmodel.read(p).report.edition.value for p in sorted(CORPUS.glob("*.txt"))
        }
        assert editions == {
            "2020_shangguan-xiang.txt": "2019",
            "2023_hongze-quzf_1.txt": "2021",
            "2023_hongze-quzf_2.txt": "2021",
            "2024_hongze-quzf_1.txt": "2021",
            "2024_huaian-shizf_1.txt": "2021",
            "2024_huaian-shizf_2.txt": "2021",
            "2024_shanghai-kewei_1.txt": "2021",
            "2025_shanghai-bgt_1.txt": "2021",
            "2025_shuyang-xianzf_1.txt": "2021",
        }


def test_table_two_columns_by_header() -> None:
    """Each 第二十条 item's columns are mapped by its header's text, not by position."""
    page = """<p>某县人民政府2024年政府信息公开工作年度报告</p><h2>二、主动公开政府信息情况</h2><table>
    <tr><td colspan="4">第二十条第（一）项</td></tr>
    <tr><td>信息内容</td><td>现行有效件数</td><td>本年制发件数</td><td>本年废止件数</td></tr>
    <tr><td>规章</td><td>11</td><td>1</td><td>0</td></tr>
    <tr><td>行政规范性文件</td><td>66</td><td>8</td><td>26</td></tr>
    <tr><td colspan="4">第二十条第（五）项</td></tr>
    <tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
    <tr><td>行政许可</td><td colspan="3">447228</td></tr></table>
    <h2>三、收到和处理政府信息公开申请情况</h2>"""
    result = gkmodel.read(page.encode())
    item1 = result.report.active_disclosure.item1
    assert (item1.rules.issued, item1.rules.repealed, item1.rules.in_force) == (1, 0, 11)
    assert (item1.normative.issued, item1.normative.repealed, item1.normative.in_force) == (
        8,
        26,
        66,
    )
    assert result.report.active_disclosure.item5.licensing.decisions == 447228
    assert not [d for d in result.diagnostics if d.table == "二" and d.code != "unreadable"]


def test_local_table_with_official_row_labels_stays_local() -> None:
    """Rows named 行政许可, 行政处罚, 行政强制 under columns of the organ's own: a local table of 一
    (three labels of table 二's rows, none of its columns)."""
    local = "| 事项 | 办件量 | 按时办结 |\n|---|---|---|\n| 行政许可 | 12 | 12 |\n"
    local += "| 行政处罚 | 3 | 3 |\n| 行政强制 | 1 | 0 |\n"
    at = MD.index("## 二、")
    result = gkmodel.read(MD[:at] + local + "\n" + MD[at:])
    assert _diagnostics(result) == []
    assert result.unreadable_cells == ()
    want = {p: v for p, v in _cells(HUAIAN).items()}
    assert {p: v for p, v in _cells(result.report).items()} == want
    table = result.report.overview.subsections[-1].content[-1]
    assert isinstance(table, LocalTable)
    assert [(r.label, r.values) for r in table.rows] == [
        ("行政许可", (12, 12)),
        ("行政处罚", (3, 3)),
        ("行政强制", (1, 0)),
    ]


def _item_texts(
    draw: st.DrawFn, labels: list[str], *, parts: int, cells: int
) -> tuple[frozenset[str], str]:
    """A row's cells and a line made of ``labels``, their pieces and others."""
    pieces = labels + [x[:2] for x in labels] + [x[1:] for x in labels] + ["总计", "，", " ", "x"]
    text = st.lists(st.sampled_from(pieces), max_size=parts).map("".join)
    drawn = draw(st.lists(text, max_size=cells))
    return frozenset(c for c in drawn if c), draw(text)


@st.composite
def _items_near(draw: st.DrawFn) -> tuple[Signature, tuple[frozenset[str], str]]:
    """A signature, and a row's cells and a line made of its labels, their pieces and others."""
    sig = draw(
        st.sampled_from([s for r in (AnnualReport2019, AnnualReport2021) for s in signatures(r)])
    )
    return sig, _item_texts(draw, sorted(sig.labels), parts=3, cells=4)


@given(_items_near())
@settings(max_examples=1500)
def test_hits_as_the_rule_says(drawn: tuple[Signature, tuple[frozenset[str], str]]) -> None:
    # The labels an item shows, found by looking up openings, are those of trying every label.
    from gkmodel.readers._signatures import _hits, _hits_plain

    sig, texts = drawn
    assert _hits(texts, sig.rows, sig.columns) == _hits_plain(texts, sig.rows, sig.columns)
    assert _hits(texts, sig.rows) == _hits_plain(texts, sig.rows)


@st.composite
def _items_of_all(draw: st.DrawFn) -> tuple[type, tuple[frozenset[str], str]]:
    """A report class, and a row's cells and a line made of any of its tables' labels."""
    cls = draw(st.sampled_from([AnnualReport2019, AnnualReport2021]))
    labels = sorted(set().union(*(s.labels for s in signatures(cls))))
    return cls, _item_texts(draw, labels, parts=4, cells=5)


@given(_items_of_all())
@settings(max_examples=800)
def test_hits_of_all_signatures_at_once(drawn: tuple[type, tuple[frozenset[str], str]]) -> None:
    # Looked up once for an edition's signatures, the labels fall to each as if per signature.
    from gkmodel.readers._signatures import _hits, _hits_each

    cls, texts = drawn
    sigs = signatures(cls)
    assert _hits_each(texts, sigs) == [_hits(texts, s.rows, s.columns) for s in sigs]
