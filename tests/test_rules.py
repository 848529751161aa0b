"""The checker on real reports, on generated reports, and its options."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel import (
    AnnualReport,
    AnnualReport2019,
    AnnualReport2021,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
)
from gkmodel.io.cells import to_cells
from gkmodel.model.layout import get_path, replace_paths, report_cells
from gkmodel.rules import (
    RULES,
    Findings,
    ReportInvalidError,
    Severity,
    check,
    check_pair,
    check_rollup,
    derive_totals,
    is_valid,
    validate,
)
from gkmodel.testing import reports, valid_reports

from . import handmade
from .conftest import CORPUS, EXAMPLES


@pytest.fixture
def huaian() -> AnnualReport2021:
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    assert isinstance(report, AnnualReport2021)
    return report


def _summary(findings: gkmodel.rules.Findings) -> list[tuple[str, str, object, object]]:
    return [(f.code, f.path, f.reported, f.computed) for f in findings]


class TestSeed:
    """The seed report yields exactly its published errors."""

    def test_findings(self, seed: AnnualReport2019) -> None:
        total = "$.requests.results.total"
        assert _summary(check(seed)) == [
            ("T3-REC", f"{total}.natural_person", 0, 4),
            ("T3-REC", f"{total}.total", 0, 4),
            ("T3-TOT", f"{total}.natural_person", 4, 0),
            ("T3-TOT", f"{total}.total", 4, 0),
            ("R-EARLY", "$.meta.published", None, None),
            ("R-BLANK", "$.requests.new_received.commercial", 115, None),
            ("R-ENUM", "$.overview.subsections[2].content[0]", None, None),
            ("R-REPAIR", f"{total}.natural_person", 4, 0),
            ("R-REPAIR", f"{total}.total", 4, 0),
        ]

    def test_messages(self, seed: AnnualReport2019) -> None:
        f = check(seed)
        assert f[0].message == "表三“自然人”列：一 + 二 = 0，三（七）总计 + 四 = 4，相差 -4。"
        assert f[2].message == (
            "表三“三、本年度办理结果/（七）总计”×“自然人”：报告值 4，各项办理结果合计 0，相差 4。"
        )
        assert (f[2].table, f[2].row, f[2].column) == (
            "三",
            "三、本年度办理结果/（七）总计",
            "自然人",
        )
        assert f[2].difference == 4
        assert f[6].message == "“一、总体情况/政府信息管理”中列举序号为 一是、三是，缺少 二是。"
        assert f[7].message == (
            "表三“三、本年度办理结果/（七）总计”×“自然人”报告为 4；若为 0，T3-REC和T3-TOT均成立。"
        )
        assert f[0].suggestion == f[7].message
        assert len(f[5].blank) == 115

    def test_english(self, seed: AnnualReport2019) -> None:
        f = check(seed, select=["T3-TOT", "R-REPAIR"], lang="en")
        assert f[0].message == (
            "Table 三 “三、本年度办理结果/（七）总计” × “自然人”: reported 4, "
            "the outcome rows add up to 0 (difference 4)."
        )
        assert f[-1].message.endswith("if it were 0, T3-TOT would hold.") is False
        assert "if it were 0, T3-REC and T3-TOT would hold" in check(seed, lang="en")[-1].message

    def test_nothing_else_is_an_inconsistency(self, seed: AnnualReport2019) -> None:
        assert (
            check(seed, min_severity=Severity.INCONSISTENCY).codes()
            == ["T3-REC"] * 2 + ["T3-TOT"] * 2
        )
        assert not is_valid(seed)
        with pytest.raises(ReportInvalidError) as info:
            validate(seed)
        assert len(info.value.findings) == 4
        assert isinstance(info.value, ValueError)

    def test_local_table_total(self, seed: AnnualReport2019) -> None:
        table = seed.overview.subsections[0].content[1]
        assert isinstance(table, gkmodel.model.LocalTable)
        broken = attrs.evolve(
            table, rows=(attrs.evolve(table.rows[0], values=(451,)), *table.rows[1:])
        )
        sub = attrs.evolve(
            seed.overview.subsections[0], content=(seed.overview.subsections[0].content[0], broken)
        )
        report = attrs.evolve(
            seed,
            overview=attrs.evolve(seed.overview, subsections=(sub, *seed.overview.subsections[1:])),
        )
        [f] = check(report, select=["LT-TOTAL"])
        assert (f.path, f.reported, f.computed) == (
            "$.overview.subsections[0].content[1].rows[0].values[0]",
            451,
            450,
        )
        assert f.message == (
            "“2020年上官乡累计主动公开信息(区政府门户网站信息公开平台)”×“年末统计（条）”："
            "报告值 451，组成各行合计 450，相差 1。"
        )

    def test_local_table_repair(self, seed: AnnualReport2019) -> None:
        """A part shared by two broken total rows is named as the one cell that mends both."""
        rows = (
            gkmodel.model.LocalRow(label="甲", values=(10,), total_of=(1, 2)),
            gkmodel.model.LocalRow(label="乙", values=(3,)),
            gkmodel.model.LocalRow(label="丙", values=(5,)),
            gkmodel.model.LocalRow(label="丁", values=(9,), total_of=(1, 4)),
            gkmodel.model.LocalRow(label="戊", values=(4,)),
        )
        table = gkmodel.model.LocalTable(columns=("项目", "数量"), rows=rows)
        report = attrs.evolve(seed, problems=gkmodel.model.Narrative(content=("说明。", table)))
        findings = Findings(
            f for f in check(report, select=["LT-TOTAL", "R-REPAIR"]) if "problems" in f.path
        )
        cell = "$.problems.content[1].rows[{}].values[0]"
        assert _summary(findings) == [
            ("LT-TOTAL", cell.format(0), 10, 8),
            ("LT-TOTAL", cell.format(3), 9, 7),
            ("R-REPAIR", cell.format(1), 3, 5),
        ]
        assert findings[2].message == "“乙”×“数量”报告为 3；若为 5，LT-TOTAL均成立。"
        english = check(report, select=["R-REPAIR"], lang="en")[-1]
        assert english.message == (
            "“乙” × “数量” is reported as 3; if it were 5, LT-TOTAL would hold."
        )
        assert findings[0].suggestion == findings[1].suggestion == findings[2].message


class TestCorpus:
    """Real 2021-edition reports built by hand from the corpus."""

    def test_hongze_2023_table_4(self) -> None:
        findings = check(handmade.hongze_2023())
        assert _summary(findings.at_least(Severity.INCONSISTENCY)) == [
            ("T4-REV", "$.appeals.reconsideration.total", 0, 11),
            ("T4-LIT-R", "$.appeals.litigation.after_reconsideration.total", 0, 5),
        ]
        # the hand-made copy holds the tables only: its text sections are parts left out
        assert findings.codes() == ["T4-REV", "T4-LIT-R", "R-SECTION", "R-SECTION", "R-SECTION"]

    def test_huaian_2024_is_clean(self, huaian: AnnualReport2021) -> None:
        assert check(huaian) == ()
        assert is_valid(huaian)
        assert validate(huaian) is huaian


class TestOptions:
    """Selecting rules, severities, blanks and languages."""

    def test_select_and_ignore(self, seed: AnnualReport2019) -> None:
        assert check(seed, select=["T3-TOT"]).codes() == ["T3-TOT", "T3-TOT"]
        codes = check(seed, ignore=["T3-REC", "R-REPAIR", "R-BLANK", "R-ENUM", "R-EARLY"]).codes()
        assert codes == ["T3-TOT", "T3-TOT"]

    def test_unknown_code_is_a_finding(self, seed: AnnualReport2019) -> None:
        [f] = check(seed, select=["NOPE"])
        assert (f.code, f.severity) == ("R-CHECK", Severity.ERROR)
        assert "NOPE" in f.message

    def test_not_a_report(self) -> None:
        [f] = check("not a report")  # type: ignore[arg-type]
        assert f.code == "R-CHECK"
        assert not is_valid("not a report")

    def test_blank_as_zero(self, seed: AnnualReport2019) -> None:
        findings = check(seed, blank_as_zero=True)
        assert findings.at_least(Severity.INCONSISTENCY).codes() == ["T3-REC"] * 2 + ["T3-TOT"] * 2
        blank = next(f for f in findings if f.code == "R-BLANK")
        assert blank.message == "表三有 115 个空白单元格，已按 0 计入勾稽关系。"
        # In the total column, (七)总计 × 总计 is also in a row rule that holds, so only one repair.
        assert [f.path for f in findings if f.code == "R-REPAIR"] == []

    def test_blank_as_zero_lists_blank_addends(self, huaian: AnnualReport2021) -> None:
        r = replace_paths(huaian, {("requests", "results", "granted", "research"): None})
        assert check(r) == check(r, select=["R-BLANK"])
        r2 = replace_paths(r, {("requests", "results", "granted", "total"): 1000})
        [f] = check(r2, blank_as_zero=True, select=["T3-ROW"])
        assert f.blank == ("$.requests.results.granted.research",)

    def test_english_numbers_use_babel(self, huaian: AnnualReport2021) -> None:
        r = replace_paths(huaian, {("requests", "new_received", "total"): 3120})
        f = check(r, select=["T3-REC"], lang="en")[0]
        assert f.message == (
            "Table 三, column “总计”: new + carried over = 3,154, "
            "results total + carried forward = 3,153 (difference 1)."
        )
        assert check(r, select=["T3-REC"])[0].message == (
            "表三“总计”列：一 + 二 = 3,154，三（七）总计 + 四 = 3,153，相差 1。"
        )

    def test_to_dict(self, seed: AnnualReport2019) -> None:
        d = check(seed)[2].to_dict()
        assert d["severity"] == "inconsistency" and d["reported"] == 4 and d["blank"] == []


class TestReportRules:
    """Rules on the report as a whole and on table 二."""

    def test_edition_must_match_year(self, seed: AnnualReport2019) -> None:
        r = attrs.evolve(seed, meta=attrs.evolve(seed.meta, year=2021))
        [f] = check(r, select=["R-EDITION"])
        assert f.severity is Severity.ERROR
        assert f.message == "2021年度报告应使用2021年版格式，实际为2019年版。"

    def test_deadline(self, huaian: AnnualReport2021) -> None:
        dept = gkmodel.Organ(name="某市某局", level=OrganLevel.CITY_DEPARTMENT)
        r = attrs.evolve(
            huaian, meta=attrs.evolve(huaian.meta, organ=dept, published=dt.date(2025, 2, 1))
        )
        [f] = check(r, select=["R-DEADLINE"])
        assert f.message == "市级部门的年报应于2025年1月31日前公布，报告日期为 2025年2月1日。"
        on_time = attrs.evolve(r, meta=attrs.evolve(r.meta, published=dt.date(2025, 1, 31)))
        assert check(on_time, select=["R-DEADLINE"]) == ()
        gov = attrs.evolve(huaian, meta=attrs.evolve(huaian.meta, published=dt.date(2025, 3, 31)))
        assert check(gov, select=["R-DEADLINE"]) == ()

    def test_period(self, huaian: AnnualReport2021) -> None:
        period = gkmodel.Period(start=dt.date(2024, 1, 1), end=dt.date(2025, 1, 31))
        r = attrs.evolve(huaian, meta=attrs.evolve(huaian.meta, period=period))
        assert check(r).codes() == ["R-PERIOD"]

    def test_rules_row_for_a_township(self, huaian: AnnualReport2021) -> None:
        town = gkmodel.Organ(name="某镇人民政府", level=OrganLevel.TOWNSHIP)
        r = attrs.evolve(huaian, meta=attrs.evolve(huaian.meta, organ=town))
        assert [f.path for f in check(r, select=["T2-REGS"])] == [
            "$.active_disclosure.item1.rules.issued",
            "$.active_disclosure.item1.rules.in_force",
        ]

    def test_published_not_more_than_total(self, seed: AnnualReport2019) -> None:
        r = replace_paths(seed, {("active_disclosure", "item1", "normative", "published"): 3})
        [f] = check(r, select=["T2-PUB"])
        assert (f.reported, f.computed) == (3, 0)

    def test_money_precision(self, huaian: AnnualReport2021) -> None:
        fine = Money(amount=Decimal("96171.123456"), unit=MoneyUnit.WAN_YUAN)
        r = replace_paths(huaian, {("active_disclosure", "item8", "fees", "amount"): fine})
        assert check(r) == ()
        too_fine = Money(amount=Decimal("96171.1234567"), unit=MoneyUnit.WAN_YUAN)
        r = replace_paths(huaian, {("active_disclosure", "item8", "fees", "amount"): too_fine})
        [f] = check(r)
        assert (f.code, f.reported) == ("T2-MONEY", Decimal("96171.1234567"))


class TestDerive:
    """derive_totals fills 总计 cells from their parts, and only those."""

    def test_restores_totals(self, huaian: AnnualReport2021) -> None:
        totals = {
            tuple(c.path): None
            for c in report_cells(AnnualReport2021)
            if c.path[-1] == "total" or c.path[:3] == ("requests", "results", "total")
        }
        blanked = replace_paths(huaian, totals)
        assert blanked.requests.results.total.total is None
        assert derive_totals(blanked) == huaian

    def test_leaves_blank_parts_blank(self, seed: AnnualReport2019) -> None:
        derived = derive_totals(seed)
        assert derived.requests.results.total == gkmodel.model.ApplicantCounts(
            natural_person=0, total=0
        )
        assert derived.requests.new_received == seed.requests.new_received
        assert check(derived, min_severity=Severity.INCONSISTENCY) == ()


class TestAcrossReports:
    """check_pair and check_rollup."""

    def test_pair(self, huaian: AnnualReport2021) -> None:
        nxt = attrs.evolve(huaian, meta=attrs.evolve(huaian.meta, year=2025))
        findings = check_pair(huaian, nxt)
        # 2025's carried over (34) is not 2024's carried forward (103); in force 11 ≠ 11 + 1 − 0.
        assert _summary(findings) == [
            ("X-CARRY", "$.requests.carried_over.natural_person", 34, 103),
            ("X-CARRY", "$.requests.carried_over.total", 34, 103),
            ("X-VALID", "$.active_disclosure.item1.rules.in_force", 11, 12),
            ("X-VALID", "$.active_disclosure.item1.normative.in_force", 66, 48),
        ]
        assert all(f.severity is Severity.WARNING for f in findings)

    def test_pair_not_consecutive(self, huaian: AnnualReport2021) -> None:
        assert check_pair(huaian, huaian).codes()[0] == "X-PAIR"

    def test_pair_with_an_unstated_organ(self) -> None:
        """洪泽区's 2023 and 2024 reports name the organ differently; unstated, it is not compared."""
        before = gkmodel.read(CORPUS / "2023_hongze-quzf_1.txt").report
        after = gkmodel.read(CORPUS / "2024_hongze-quzf_1.txt").report
        assert check_pair(before, after).codes() == ["X-PAIR"]
        unstated = Organ(name=Organ.UNSTATED)
        before = attrs.evolve(before, meta=attrs.evolve(before.meta, organ=unstated))
        [f] = check_pair(before, after)
        assert (f.code, f.severity, f.path, f.message) == (
            "X-PAIR-UNSTATED",
            Severity.INFO,
            "$.meta.organ.name",
            "（未载明） 2023 与 淮安市洪泽区人民政府 2024：有报告未载明机关名称，无法判断是否为同一机关，未比较机关。",
        )
        [f] = check_pair(before, after, lang="en")
        assert f.message == (
            "（未载明） 2023 and 淮安市洪泽区人民政府 2024: a report does not state its organ, "
            "so whether both are the same organ's cannot be told (the organs are not compared)."
        )
        after = attrs.evolve(after, meta=attrs.evolve(after.meta, organ=unstated))
        assert [(f.code, f.path) for f in check_pair(after, before)] == [
            ("X-PAIR", "$.meta"),  # 2024 then 2023: the years are compared still
            ("X-PAIR-UNSTATED", "$.meta.organ.name"),
            ("X-VALID", "$.active_disclosure.item1.normative.in_force"),  # backwards: 5, not 3
        ]
        assert (
            check_pair(after, before)[0].message
            == "（未载明） 2024 与 （未载明） 2023 不是同一机关的相邻年度。"
        )

    def test_pair_2019_items(self, seed: AnnualReport2019) -> None:
        prev = attrs.evolve(seed, meta=attrs.evolve(seed.meta, year=2019))
        prev = replace_paths(prev, {("active_disclosure", "item5", "licensing", "change"): -2})
        findings = check_pair(prev, seed, lang="en")
        [f] = [f for f in findings if f.code == "X-ITEMS"]
        assert (f.path, f.reported, f.computed) == (
            "$.active_disclosure.item5.licensing.previous",
            0,
            -2,
        )

    def test_rollup(self, huaian: AnnualReport2021) -> None:
        assert (
            check_rollup(huaian, [huaian, gkmodel.AnnualReport2021.empty(huaian.meta, zeros=True)])
            == ()
        )
        findings = check_rollup(huaian, [huaian, huaian])
        nonzero = [c for c in to_cells(huaian) if c["value"] not in (0, "0")]
        assert [f.path for f in findings] == [c["path"] for c in nonzero]
        f = next(f for f in findings if f.path == "$.active_disclosure.item8.fees.amount")
        assert (f.reported, f.computed) == (Decimal("96171.6"), Decimal("192343.2"))

    def test_rollup_editions_must_match(
        self, huaian: AnnualReport2021, seed: AnnualReport2019
    ) -> None:
        with pytest.raises(gkmodel.GkmodelError, match="edition"):
            check_rollup(huaian, [seed])  # type: ignore[list-item]


class TestProperties:
    """Generated reports: valid ones pass, and a single changed count is caught near the cell."""

    @settings(max_examples=40)
    @given(valid_reports())
    def test_valid_reports_pass_every_rule(self, report: AnnualReport) -> None:
        assert check(report) == ()

    @settings(max_examples=60)
    @given(valid_reports(), st.randoms(use_true_random=False), st.integers(1, 5))
    def test_single_mutation_is_caught(
        self, report: AnnualReport, rnd: random.Random, delta: int
    ) -> None:
        cells = [c for c in report_cells(type(report)) if c.table in ("三", "四")]
        cell = rnd.choice(cells)
        value = get_path(report, cell.path)
        mutated = replace_paths(report, {cell.path: value + delta})
        findings = check(mutated).at_least(Severity.INCONSISTENCY)
        assert findings
        row, column = cell.path[:-1], cell.path[-1]
        for f in findings:
            path = tuple(f.path[2:].split("."))
            assert path == cell.path or path[:-1] == row or path[-1] == column, f


def test_catalogue_is_complete() -> None:
    assert list(RULES)[:6] == ["T3-REC", "T3-TOT", "T3-ROW", "T4-REV", "T4-LIT-D", "T4-LIT-R"]
    for rule in RULES.values():
        assert rule.title and rule.title_en and rule.formula and rule.basis


class TestFastPaths:
    """The checker's compiled screen and cell reader agree with the plain definitions."""

    @settings(max_examples=40)
    @given(st.one_of(reports(), valid_reports()))
    def test_screen_agrees_with_the_equations(self, report: AnnualReport) -> None:
        from gkmodel.rules._equations import _evaluate, _screen
        from gkmodel.rules._equations import equations as _equations
        from gkmodel.rules.context import context as _context

        ctx = _context(report, "zh", blank_as_zero=True)
        eqs = _equations(type(report))
        evaluated = _evaluate(ctx, range(len(eqs)))  # with blanks as 0 all are evaluated
        failing, blank = _screen(type(report))(ctx.cells)
        assert blank == [k for k, ev in enumerate(evaluated) if ev.blank]
        assert failing == [k for k, ev in enumerate(evaluated) if not ev.holds and not ev.blank]

    @pytest.mark.parametrize("cls", [AnnualReport2019, AnnualReport2021])
    def test_cells_and_tables(self, cls: type[AnnualReport]) -> None:
        from gkmodel.rules.context import cell_reader as _cell_reader
        from gkmodel.rules.context import table_spans as _table_spans

        report = cls.empty(gkmodel.ReportMeta(organ=gkmodel.Organ(name="某局"), year=2021))
        paths, getter = _cell_reader(cls)
        specs = report_cells(cls)
        assert paths == tuple(s.model_path for s in specs)
        assert getter(report) == tuple(get_path(report, s.path) for s in specs)
        spans = _table_spans(cls)
        assert list(spans) == ["二", "三", "四"]
        for table, (start, stop) in spans.items():
            assert {s.table for s in specs[start:stop]} == {table}
        assert sum(stop - start for start, stop in spans.values()) == len(specs)


@settings(max_examples=500)
@given(st.text(alphabet="一二三十是。，；a （\n\u3000", max_size=16))
def test_enumeration_pattern(text: str) -> None:
    """R-ENUM's fast pattern finds what the plain definition finds."""
    import re

    from gkmodel.rules.checks import ENUM as _ENUM
    from gkmodel.rules.checks import NUMERALS as _NUMERALS

    plain = re.compile(rf"(?:^|(?<=[。；;，,：:、！!？?\s（(]))([{_NUMERALS}])是")
    assert _ENUM.findall(text) == plain.findall(text)


@pytest.mark.parametrize("name", ["shangguan_2020", "huaian_2024"])
def test_select_gives_the_same_findings_as_filtering(name: str) -> None:
    """Rules not selected are skipped, which changes nothing but the time taken."""
    report = gkmodel.load(EXAMPLES / "data" / f"{name}.json")
    every = check(report)
    for code in RULES:
        assert check(report, select=[code]) == tuple(f for f in every if f.code == code), code
        assert check(report, ignore=[code]) == tuple(f for f in every if f.code != code), code


@st.composite
def _mended_reports(draw: st.DrawFn) -> AnnualReport:
    """Valid reports with one to three cells of tables 三 and 四 changed or blanked.

    Such reports break a few equations in the ways a repair hint can mend.
    """
    report = draw(valid_reports())
    cells = [c for c in report_cells(type(report)) if c.table in ("三", "四")]
    changes: dict[tuple[str, ...], int | None] = {}
    for cell in draw(st.lists(st.sampled_from(cells), min_size=1, max_size=3, unique=True)):
        value = get_path(report, cell.path)
        delta = draw(st.integers(-3, 3).filter(bool))
        blank = draw(st.integers(0, 5)) == 0
        changes[cell.path] = None if blank else max(0, value + delta)
    return replace_paths(report, changes)


def _plain_repairs(
    report: AnnualReport, blank_as_zero: bool
) -> list[tuple[str, object, object, frozenset[tuple[str, str]]]]:
    """R-REPAIR by its definition, evaluating every equation one by one.

    A repair is a single filled cell, in no equation that holds, whose change
    by one amount mends every failing equation it is in (at least two), and
    leaves it non-negative.  Returns (path, value, new value, the (code, focus)
    of the equations it mends).
    """
    from gkmodel.rules._equations import Equation as _Equation
    from gkmodel.rules._equations import _local_tables
    from gkmodel.rules._equations import equations as _equations
    from gkmodel.rules.context import context as _context

    ctx = _context(report, "zh", blank_as_zero)
    values_at = dict(ctx.local_values)
    local = []  # LT-TOTAL: each total row, column by column, against the rows it totals
    for path, table in _local_tables(report):
        for i, row in enumerate(table.rows):
            for j, value in enumerate(row.values):
                values_at[f"{path}.rows[{i}].values[{j}]"] = value
            for j in range(len(row.values) if row.total_of else 0):
                cell = f"{path}.rows[{i}].values[{j}]"
                parts = tuple(f"{path}.rows[{k}].values[{j}]" for k in row.total_of)
                local.append(_Equation("LT-TOTAL", cell, (cell,), parts))
    evaluated = []
    for eq in [*_equations(type(report)), *local]:
        values = [values_at[p] if p in values_at else ctx.value(p) for p in eq.cells]
        if None in values and not blank_as_zero:
            continue  # not evaluated: it neither holds nor fails
        n = len(eq.lhs)
        evaluated.append((eq, sum(v or 0 for v in values[:n]), sum(v or 0 for v in values[n:])))
    failing = [(eq, lhs, rhs) for eq, lhs, rhs in evaluated if lhs != rhs]
    if len(failing) < 2:
        return []
    holding = [eq for eq, lhs, rhs in evaluated if lhs == rhs]
    out = []
    for path in dict.fromkeys(p for eq, _, _ in failing for p in eq.cells):
        mended = [(eq, lhs, rhs) for eq, lhs, rhs in failing if path in eq.cells]
        value = values_at[path] if path in values_at else ctx.value(path)
        if len(mended) < 2 or value is None or any(path in eq.cells for eq in holding):
            continue
        deltas = {(rhs - lhs) * (1 if path in eq.lhs else -1) for eq, lhs, rhs in mended}
        if len(deltas) != 1 or value + (delta := deltas.pop()) < 0:
            continue
        out.append(
            (path, value, value + delta, frozenset((eq.code, eq.focus) for eq, _, _ in mended))
        )
    return out


@settings(max_examples=150)
@given(st.one_of(_mended_reports(), reports()), st.booleans())
def test_repairs_agree_with_their_definition(report: AnnualReport, blank_as_zero: bool) -> None:
    """The checker's repair hints are those of the plain definition, and name their rules."""
    findings = check(report, blank_as_zero=blank_as_zero)
    plain = _plain_repairs(report, blank_as_zero)
    repairs = [f for f in findings if f.code == "R-REPAIR"]
    assert [(f.path, f.reported, f.computed) for f in repairs] == [p[:3] for p in plain]
    for f in findings:
        if f.code in ("R-REPAIR", "R-BLANK") or f.severity is not Severity.INCONSISTENCY:
            continue
        hints = [r.message for r, p in zip(repairs, plain, strict=True) if (f.code, f.path) in p[3]]
        assert f.suggestion == (" ".join(hints) if hints else None)


@settings(max_examples=100)
@given(
    st.sampled_from(sorted(RULES)),
    st.text(max_size=5),
    st.one_of(st.none(), st.integers()),
    st.lists(st.text(max_size=3), max_size=3),
)
def test_findings_made_without_init_equal_those_init_makes(
    code: str, text: str, number: int | None, blank: list[str]
) -> None:
    from gkmodel.rules.findings import Finding, _finding_maker

    fields = dict(
        code=code,
        severity=RULES[code].severity,
        message=text,
        path=f"$.{text}",
        table=text or None,
        row=None,
        column=text,
        reported=number,
        computed=Decimal(number or 0),
        difference=None,
        blank=tuple(blank),
        suggestion=text or None,
    )
    made = _finding_maker()(**fields)
    assert type(made) is Finding
    assert made == Finding(**fields)
    assert attrs.asdict(made, recurse=False) == fields
