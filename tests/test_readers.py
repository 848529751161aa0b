"""Readers on every file of the corpus: every cell the source still shows, asserted exactly."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import gkmodel
from gkmodel import AnnualReport, AnnualReport2021, Organ, ReportMeta
from gkmodel.io.cells import to_cells
from gkmodel.readers import ReadError, read
from gkmodel.rules import Severity, check

from . import handmade
from .conftest import CORPUS, EXAMPLES

META = ReportMeta(organ=Organ(name="x"), year=2024)


def _tables(active: object, requests: object, appeals: object) -> AnnualReport:
    r = AnnualReport2021.empty(META)
    return attrs.evolve(r, active_disclosure=active, requests=requests, appeals=appeals)


def _cells(report: AnnualReport, table: str | None = None) -> dict[str, object]:
    return {c["path"]: c["value"] for c in to_cells(report) if table in (None, c["table"])}


SEED = gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json")
HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
HONGZE_2023 = handmade.hongze_2023()

# file → (edition, year, organ as read, expected tables, published errors from INDEX.md)
CASES = {
    "2020_shangguan-xiang.txt": (
        "2019",
        2020,
        "杭州市富阳区上官乡人民政府",
        SEED,
        ["T3-REC", "T3-REC", "T3-TOT", "T3-TOT"],
    ),
    "2023_hongze-quzf_1.txt": ("2021", 2023, "洪泽区人民政府", HONGZE_2023, ["T4-REV", "T4-LIT-R"]),
    "2023_hongze-quzf_2.txt": ("2021", 2023, "洪泽区人民政府", HONGZE_2023, ["T4-REV", "T4-LIT-R"]),
    "2024_hongze-quzf_1.txt": (
        "2021",
        2024,
        "淮安市洪泽区人民政府",
        _tables(*handmade.HONGZE_2024),
        [],
    ),
    "2024_huaian-shizf_1.txt": ("2021", 2024, "淮安市人民政府", HUAIAN, []),
    "2024_huaian-shizf_2.txt": ("2021", 2024, "淮安市人民政府", HUAIAN, []),
    "2024_shanghai-kewei_1.txt": ("2021", 2024, "上海市科委", _tables(*handmade.KEWEI_2024), []),
    "2025_shuyang-xianzf_1.txt": (
        "2021",
        2025,
        "沐阳县人民政府",
        _tables(*handmade.SHUYANG_XIANZF_2025),
        [],
    ),
    "2023_shuyang-fgj_1.html": (
        "2021",
        2023,
        "沭阳县发展和改革局",
        _tables(*handmade.SHUYANG_FGJ_2023),
        [],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
class TestCorpus:
    """Each published report reads, cell by cell, and checks to exactly its published errors."""

    def test_cells(self, name: str) -> None:
        edition, year, organ, expected, _ = CASES[name]
        result = read(CORPUS / name)
        report = result.report
        assert (report.edition.value, report.meta.year, report.meta.organ.name) == (
            edition,
            year,
            organ,
        )
        assert _cells(report) == _cells(expected)

    def test_published_errors(self, name: str) -> None:
        report = read(CORPUS / name).report
        assert check(report).at_least(Severity.INCONSISTENCY).codes() == CASES[name][4]


class TestShanghai2025:
    """上海市人民政府办公厅 2025: table 二 (一) lost a column in the extraction."""

    def test_tables(self) -> None:
        result = read(CORPUS / "2025_shanghai-bgt_1.txt")
        expected = _tables(*handmade.BGT_2025)
        assert _cells(result.report) == _cells(expected)
        unreadable = [d for d in result.diagnostics if d.code == "unreadable"]
        assert [(d.table, d.row, d.found) for d in unreadable] == [
            ("二", "第二十条第（一）项/规章", "规章 | 22 | 235"),
            ("二", "第二十条第（一）项/行政规范性文件", "行政规范性文件 | 34 | 189"),
        ]
        assert check(result.report).at_least(Severity.INCONSISTENCY) == ()


def test_saved_page_preface_is_the_reports_own() -> None:
    """A saved page: the crawler's lines (单位：, 采集时间：) and the site's navigation above the
    title are no part of the preface, and the crawl time is no published date."""
    meta = read(CORPUS / "2023_shuyang-fgj_1.html").report.meta
    assert meta.title == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert len(meta.preface) == 1
    assert meta.preface[0].startswith("根据《中华人民共和国政府信息公开条例》")
    assert meta.preface[0].endswith("电话：0527—83593059）。")
    assert meta.published is not None and meta.published.isoformat() == "2024-01-17"


class TestDiagnostics:
    """What the readers say about what they were unsure of."""

    def test_kewei(self) -> None:
        result = read(CORPUS / "2024_shanghai-kewei_1.txt")
        codes = [d.code for d in result.diagnostics]
        assert codes.count("section-missing") == 1  # 五 missing: its text recovered after table 四
        assert any(d.code == "loose-label" and d.found == "规范性文件" for d in result.diagnostics)
        [stray] = [d for d in result.diagnostics if d.code == "stray-value"]
        assert stray.found == "1"
        assert result.report.problems.subsections[0].title == "主要问题"

    def test_hongze_single_other_row(self) -> None:
        result = read(CORPUS / "2023_hongze-quzf_1.txt")
        [split] = [d for d in result.diagnostics if d.code == "split"]
        assert (split.row, split.action) == ("（六）其他处理", "3 rows of 0")
        assert (
            split.message
            == "（六）其他处理 printed as one row of zeros; each of its 3 rows is then 0"
        )

    @pytest.mark.parametrize(
        "name", ["2023_hongze-quzf_1.txt", "2023_hongze-quzf_2.txt", "2024_hongze-quzf_1.txt"]
    )
    def test_hongze_typo_is_a_loose_match(self, name: str) -> None:
        """The typo 2.其他法律行政止公开 (for 2.其他法律行政法规禁止公开) is read, and said."""
        result = read(CORPUS / name)
        loose = [d for d in result.diagnostics if d.code == "loose-label"]
        assert [(d.message, d.path, d.found, d.action) for d in loose] == [
            (
                "row label matched loosely, read as 2.其他法律行政法规禁止公开",
                "$.requests.results.denied.prohibited_by_law",
                "2.其他法律行政止公开",
                "matched loosely",
            )
        ]
        assert result.report.requests.results.denied.prohibited_by_law.total == 0

    def test_table_four_group_typo_is_a_loose_match(self) -> None:
        """行政法复议 for 行政复议 over one of table 四's three small tables: read, and said."""
        text = (CORPUS / "2025_shuyang-xianzf_1.txt").read_text(encoding="utf-8")
        broken = text.replace("### 行政复议\n", "### 行政法复议\n", 1)
        assert broken != text
        result = read(broken)
        assert _cells(result.report, "四") == _cells(read(text).report, "四")
        assert result.report.appeals.reconsideration.total == 61
        loose = [d for d in result.diagnostics if d.code == "loose-label" and d.table == "四"]
        assert [(d.message, d.path, d.found) for d in loose] == [
            (
                "row label matched loosely, read as 行政复议",
                "$.appeals.reconsideration",
                "###行政法复议结果维持结果纠正其他结果尚未审结总计",
            )
        ]

    @pytest.mark.parametrize(
        ("written", "why"),
        [
            (
                "1.属于法律行政法规禁止",
                "closer to 三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开",
            ),
            ("1.其他法律国家秘密", "several official rows are as close"),
        ],
    )
    def test_a_loose_label_never_takes_another_rows_place(self, written: str, why: str) -> None:
        """A label written loosely is read only as the one official label it is closest to."""
        text = (CORPUS / "2023_hongze-quzf_2.txt").read_text(encoding="utf-8")
        broken = text.replace("1.属于国家秘密 1 0", f"{written} 1 0", 1)
        assert broken != text
        result = read(broken)
        denied = result.report.requests.results.denied
        assert denied.state_secret.total is None  # not read as 1.属于国家秘密 …
        assert denied.prohibited_by_law.total == 0  # … nor in place of row 2
        [refused] = [d for d in result.diagnostics if d.action == "not matched"]
        assert (refused.path, refused.found) == ("$.requests.results.denied.state_secret", written)
        assert (
            refused.message == f"row label matched loosely, but {why}: not read as 1.属于国家秘密"
        )
        [blank] = [d for d in result.diagnostics if d.code == "unreadable"]
        assert (blank.path, blank.message) == (refused.path, "the row was not found in the source")

    def test_seed(self) -> None:
        result = read(CORPUS / "2020_shangguan-xiang.txt")
        assert (
            result.report.meta.published is not None
            and str(result.report.meta.published) == "2020-12-31"
        )
        table = result.report.overview.subsections[0].content[1]
        assert isinstance(table, gkmodel.model.LocalTable)
        assert [r.values[0] for r in table.rows] == [450, 51, 322, 36, 7, 21, 13]
        assert [s.title for s in result.report.overview.subsections] == [
            "主动公开",
            "依申请公开",
            "政府信息管理",
            "信息公开平台建设",
            "信息公开监督保障",
        ]
        assert result.report.appeals.intro == SEED.appeals.intro

    def test_unit_suffixes(self) -> None:
        procurement = read(
            CORPUS / "2020_shangguan-xiang.txt"
        ).report.active_disclosure.item9.procurement
        assert procurement.projects == 11
        assert str(procurement.amount) == "185.5897万元"

    def test_cell_note_and_blank_markers(self) -> None:
        text = (CORPUS / "2025_shuyang-xianzf_1.txt").read_text(encoding="utf-8")
        text = text.replace(
            "| 行政规范性文件 | 6 | 1 | 32 |", "| 行政规范性文件 | 22（其中修订 16 件） | / | — |"
        )
        result = read(text)
        row = result.report.active_disclosure.item1.normative
        assert (row.issued, row.repealed, row.in_force) == (22, None, None)
        assert [(n.path, n.text) for n in result.report.cell_notes] == [
            ("$.active_disclosure.item1.normative.issued", "其中修订 16 件")
        ]


class TestRoundTrip:
    """gkmodel's own HTML and DOCX read back losslessly (and their tables agree with the JSON)."""

    @pytest.mark.parametrize("report", [SEED, HUAIAN], ids=["2019", "2021"])
    @pytest.mark.parametrize("fmt", ["html", "docx"])
    def test_embedded(self, report: AnnualReport, fmt: str) -> None:
        result = read(gkmodel.render(report, to=fmt))  # type: ignore[call-overload]
        assert result.report == report
        assert result.format == fmt
        assert [d.code for d in result.diagnostics] == ["embedded"]

    def test_tables_disagree(self) -> None:
        html = gkmodel.render(HUAIAN, to="html")
        tampered = html.replace(
            'data-path="$.requests.new_received.total">3119<',
            'data-path="$.requests.new_received.total">3120<',
        )
        result = read(tampered)
        assert result.report == HUAIAN
        [d] = [d for d in result.diagnostics if d.code == "tables-disagree"]
        assert (d.path, d.found) == ("$.requests.new_received.total", "3120")

    @pytest.mark.parametrize("fmt", ["html", "docx"])
    def test_without_embedded_json(self, fmt: str) -> None:
        out = gkmodel.render(HUAIAN, to=fmt, embed_json=False)  # type: ignore[call-overload]
        result = read(out)
        assert _cells(result.report) == _cells(HUAIAN)
        assert result.report.other_matters.fees == HUAIAN.other_matters.fees

    @pytest.mark.parametrize("report", [SEED, HUAIAN], ids=["2019", "2021"])
    def test_text(self, report: AnnualReport) -> None:
        result = read(gkmodel.render(report, to="text"))
        assert _cells(result.report) == _cells(report)
        assert result.report.meta == report.meta
        for name in ("active_disclosure", "requests", "appeals", "problems", "other_matters"):
            assert getattr(result.report, name) == getattr(report, name), name
        # What plain text cannot say: which rows of a local table are totals.
        assert result.report.overview.tables() == tuple(
            attrs.evolve(t, rows=tuple(attrs.evolve(r, total_of=()) for r in t.rows))
            for t in report.overview.tables()
        )


class TestErrors:
    """The only error a reader raises is ReadError (or LoadError for JSON), naming the source."""

    @pytest.mark.parametrize(
        "data", [b"", b"hello", "一、总体情况\n没有表格".encode(), b"\x00\xff" * 50]
    )
    def test_no_report(self, data: bytes) -> None:
        with pytest.raises(ReadError) as info:
            read(data)
        assert info.value.source == "<bytes>"
        assert isinstance(info.value, gkmodel.GkmodelError)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ReadError, match="no such file"):
            read(tmp_path / "nope.txt")

    def test_broken_docx(self) -> None:
        with pytest.raises(ReadError, match="not a readable Word document"):
            read(b"PK\x03\x04broken")

    def test_json(self) -> None:
        assert read(json.dumps(gkmodel.io.json.to_data(SEED)).encode()).report == SEED
        with pytest.raises(gkmodel.LoadError):
            read(b'{"edition": "2030"}')


class TestSplitByArithmetic:
    """Digits that ran together are split only when the row's arithmetic leaves one possibility."""

    SOURCE = (CORPUS / "2024_huaian-shizf_1.txt").read_text(encoding="utf-8")
    ROW = "1.属于国家秘密            2          0        0        0        0    0    2"

    def test_unique_split(self) -> None:
        assert self.ROW in self.SOURCE
        result = read(
            self.SOURCE.replace(self.ROW, "1.属于国家秘密            2          00000    2")
        )
        assert (
            result.report.requests.results.denied.state_secret
            == gkmodel.model.ApplicantCounts.of(2, 0, 0, 0, 0, 0, 2)
        )
        [split] = [d for d in result.diagnostics if d.code == "split"]
        assert (split.row, split.action) == (
            "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            "split into 2 0 0 0 0 0 2",
        )

    def test_ambiguous_row_stays_blank(self) -> None:
        result = read(
            self.SOURCE.replace(self.ROW, "1.属于国家秘密            23          0000    23")
        )
        assert result.report.requests.results.denied.state_secret == gkmodel.model.ApplicantCounts()
        [d] = [d for d in result.diagnostics if d.code == "unreadable"]
        assert d.row == "三、本年度办理结果/（三）不予公开/1.属于国家秘密"
        assert d.found is not None and "0000" in d.found


def test_title_in_a_breadcrumb_line_above_the_title() -> None:
    """A site's breadcrumb line carrying the title, then the title on its own line: the preface
    is what follows the title line, not the title and the page's chrome."""
    text = gkmodel.render(HUAIAN, to="text")
    title, rest = text.split("\n", 1)
    crumbs = f"首页 > 政务公开 > 政府信息公开年报 > {title} 浏览次数：123 字号：大 中 小 打印本页"
    meta = read(crumbs + "\n" + title + "\n" + rest).report.meta
    assert meta.title == title
    assert meta.preface == HUAIAN.meta.preface
