"""Tables 三 and 四 counted from registers: the rules hold by construction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gkmodel import AnnualReport2021, Edition, Organ, ReportMeta
from gkmodel.model import ApplicantCounts
from gkmodel.rules import Severity, check
from gkmodel.tally import (
    ApplicantType,
    Application,
    Case,
    CaseKind,
    CaseResult,
    TallyError,
    outcomes,
    tally_appeals,
    tally_requests,
)

YEAR = 2024


def test_applicant_types_are_the_columns() -> None:
    assert [t.value for t in ApplicantType] == [f.name for f in attrs.fields(ApplicantCounts)][:-1]
    assert [t.label for t in ApplicantType][:2] == ["自然人", "商业企业"]


def test_outcomes_per_edition() -> None:
    assert len(outcomes(Edition.E2019)) == 19 and len(outcomes(Edition.E2021)) == 21
    assert "other" in outcomes(Edition.E2019) and "other.fee_unpaid" in outcomes(Edition.E2021)


def test_bad_records_are_errors_naming_the_record() -> None:
    day = dt.date(YEAR, 6, 1)
    bad = [
        Application(id="late", received=dt.date(YEAR + 1, 1, 2), applicant=ApplicantType.OTHER),
        Application(id="early", received=dt.date(YEAR - 1, 1, 1), applicant=ApplicantType.OTHER,
                    outcome="granted", closed=dt.date(YEAR - 1, 5, 1)),
        Application(id="backwards", received=day, applicant=ApplicantType.OTHER, outcome="granted",
                    closed=dt.date(YEAR, 1, 1)),
        Application(id="2019-row", received=day, applicant=ApplicantType.OTHER, outcome="other",
                    closed=day),
    ]  # fmt: skip
    with pytest.raises(TallyError) as info:
        tally_requests(bad, year=YEAR, edition=Edition.E2021)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("record late", "received 2025-01-02, after the year 2024"),
        ("record early", "closed 2023-05-01, before the year 2024"),
        ("record backwards", "closed 2024-01-01 before it was received"),
        ("record 2019-row", "outcome 'other' is not a row of the edition"),
    ]


def test_appeals() -> None:
    cases = [
        Case(id="1", kind=CaseKind.RECONSIDERATION, result=CaseResult.UPHELD),
        Case(id="2", kind=CaseKind.RECONSIDERATION, result=CaseResult.PENDING),
        Case(id="3", kind=CaseKind.AFTER_RECONSIDERATION, result=CaseResult.CORRECTED),
    ]
    t = tally_appeals(cases)
    assert t.reconsideration.outcomes == (1, 0, 0, 1) and t.reconsideration.total == 2
    assert t.litigation.after_reconsideration.total == 1 and t.litigation.direct.total == 0


def _applications(edition: Edition) -> st.SearchStrategy[list[Application]]:
    @st.composite
    def one(draw: st.DrawFn, n: int) -> Application:
        received = draw(st.dates(dt.date(YEAR - 1, 1, 1), dt.date(YEAR, 12, 31)))
        closed = draw(
            st.none() | st.dates(max(received, dt.date(YEAR, 1, 1)), dt.date(YEAR + 1, 6, 30))
        )
        return Application(
            id=str(n),
            received=received,
            applicant=draw(st.sampled_from(ApplicantType)),
            outcome=draw(st.sampled_from(outcomes(edition))) if closed else None,
            closed=closed,
        )

    return st.lists(st.integers(0, 10**6), max_size=60).flatmap(
        lambda ids: st.tuples(*(one(n) for n in range(len(ids)))).map(list)
    )


@settings(max_examples=60)
@given(
    _applications(Edition.E2021),
    st.lists(
        st.builds(
            Case,
            id=st.just("c"),
            kind=st.sampled_from(CaseKind),
            result=st.sampled_from(CaseResult),
        ),
        max_size=30,
    ),
)
def test_any_register_tallies_into_tables_that_pass_every_rule(
    apps: list[Application], cases: list[Case]
) -> None:
    meta = ReportMeta(
        organ=Organ(name="某县人民政府"), year=YEAR, published=dt.date(YEAR + 1, 1, 20)
    )
    empty = AnnualReport2021.empty(meta, zeros=True)
    report = attrs.evolve(
        empty,
        requests=tally_requests(apps, year=YEAR, edition=Edition.E2021),
        appeals=tally_appeals(cases),
        # the text sections written, so that no part is left out (R-SECTION)
        overview=attrs.evolve(empty.overview, content=("总体情况。",)),
        problems=attrs.evolve(empty.problems, content=("存在的问题。",)),
        other_matters=attrs.evolve(empty.other_matters, content=("无其他需要报告的事项。",)),
    )
    assert check(report).at_least(Severity.WARNING) == ()
    assert report.requests.new_received.total == sum(a.received.year == YEAR for a in apps)


class TestRegisters:
    """Registers as organs keep them: CSV with Chinese column names."""

    def test_template(self) -> None:
        from gkmodel.tally import read_applications

        from .conftest import EXAMPLES

        apps = read_applications(EXAMPLES / "register_template.csv", edition=Edition.E2021)
        assert [(a.id, a.applicant.label, a.outcome) for a in apps] == [
            ("2024-001", "自然人", "granted"),
            ("2024-002", "商业企业", "partial"),
            ("2024-003", "自然人", "unable.not_held"),
            ("2024-004", "法律服务机构", "denied.state_secret"),
            ("2024-005", "自然人", None),
            ("2023-118", "自然人", "not_processed.repeated"),
        ]
        t = tally_requests(apps, year=YEAR, edition=Edition.E2021)
        assert (
            t.new_received.total,
            t.carried_over.total,
            t.results.total.total,
            t.carried_forward.total,
        ) == (5, 1, 5, 1)

    def test_bad_lines(self, tmp_path: Path) -> None:
        from gkmodel.tally import read_applications

        text = "编号,申请日期,申请人类型,办理结果,办结日期\nx,2024-13-01,自然人,,\ny,2024-01-02,个人,予以公开,2024-01-03\nz,2024-01-02,自然人,查无此项,2024-01-03\n"
        (tmp_path / "r.csv").write_text(text, encoding="utf-8")
        with pytest.raises(TallyError) as info:
            read_applications(tmp_path / "r.csv", edition=Edition.E2021)
        assert [p.path for p in info.value.problems] == [
            f"{tmp_path / 'r.csv'}, line 2",
            f"{tmp_path / 'r.csv'}, line 3",
            f"{tmp_path / 'r.csv'}, line 4",
        ]
        assert "查无此项" in info.value.problems[2].message

    def test_missing_column(self) -> None:
        from gkmodel.tally import read_applications

        with pytest.raises(TallyError, match="missing column"):
            read_applications("编号,申请日期\n", edition=Edition.E2021)

    def test_xlsx_template_is_the_csv_template(self) -> None:
        from gkmodel.tally import read_applications, read_cases

        from .conftest import EXAMPLES

        for edition in Edition:
            assert read_applications(
                EXAMPLES / "register_template.xlsx", edition=edition
            ) == read_applications(EXAMPLES / "register_template.csv", edition=edition)
        assert read_cases(EXAMPLES / "cases_template.xlsx") == read_cases(
            EXAMPLES / "cases_template.csv"
        )

    def test_xlsx_typed_cells(self, tmp_path: Path) -> None:
        """Dates typed as dates, ids typed as numbers, blank rows skipped, rows numbered."""
        import openpyxl

        from gkmodel.tally import read_applications

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["编号", "申请日期", "申请人类型", "办理结果", "办结日期", "备注"])
        sheet.append([17, dt.datetime(2024, 3, 1), "自然人", "予以公开", dt.date(2024, 3, 9), "x"])
        sheet.append([None, None, None, None, None, None])
        sheet.append(["A-2", "2024年3月2日", "商业企业", None, None, None])
        sheet.append(["A-3", dt.datetime(2024, 3, 3), "外星人", None, None, None])
        book.save(tmp_path / "r.xlsx")
        with pytest.raises(TallyError) as info:
            read_applications(tmp_path / "r.xlsx", edition=Edition.E2021)
        assert [(p.path, p.message) for p in info.value.problems] == [
            (
                f"{tmp_path / 'r.xlsx'}, row 5",
                "申请人类型 '外星人' is not one of " + "、".join(t.label for t in ApplicantType),
            ),
        ]
        sheet.delete_rows(5)
        book.save(tmp_path / "r.xlsx")
        apps = read_applications((tmp_path / "r.xlsx").read_bytes(), edition=Edition.E2021)
        assert apps == [
            Application(id="17", received=dt.date(2024, 3, 1), applicant=ApplicantType.NATURAL_PERSON,
                        outcome="granted", closed=dt.date(2024, 3, 9)),
            Application(id="A-2", received=dt.date(2024, 3, 2), applicant=ApplicantType.COMMERCIAL),
        ]  # fmt: skip

    def test_gb18030_csv(self) -> None:
        from gkmodel.tally import read_cases

        data = "编号,类型,结果\nF1,行政复议,结果维持\n".encode("gb18030")
        assert read_cases(data) == [
            Case(id="F1", kind=CaseKind.RECONSIDERATION, result=CaseResult.UPHELD)
        ]

    def test_unreadable_registers(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import sys

        from gkmodel.tally import read_cases

        with pytest.raises(TallyError, match="not a readable XLSX workbook"):
            read_cases(b"PK\x03\x04 not a zip at all")
        with pytest.raises(TallyError, match="cannot read file"):
            read_cases(tmp_path)  # a folder
        with pytest.raises(TallyError, match="empty register"):
            read_cases(b"")
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(TallyError, match=r"needs openpyxl: pip install 'gkmodel\[xlsx\]'"):
            read_cases(b"PK\x03\x04")


def test_build_command(tmp_path: Path) -> None:
    import io

    import gkmodel
    from gkmodel.cli import main

    from .conftest import EXAMPLES

    out = tmp_path / "report.json"
    args = ["build", str(EXAMPLES / "register_template.csv"), "--year", "2024", "--organ", "某县人民政府",
            "--level", "县级政府", "--cases", str(EXAMPLES / "cases_template.csv"), "-o", str(out)]  # fmt: skip
    assert main(args, stdout=io.StringIO()) == 0
    report = gkmodel.load(out)
    assert report.meta.organ.level.label == "县级政府"
    assert report.requests.results.total.total == 5
    assert report.appeals.reconsideration.total == 2
    assert check(report).at_least(Severity.INCONSISTENCY) == ()


class TestAppealsByYear:
    """Cases with dates: one year's table 四 from a register that spans years."""

    def case(self, id: str, result: CaseResult, filed: str | None, closed: str | None) -> Case:
        return Case(
            id=id,
            kind=CaseKind.RECONSIDERATION,
            result=result,
            filed=dt.date.fromisoformat(filed) if filed else None,
            closed=dt.date.fromisoformat(closed) if closed else None,
        )

    def test_closed_after_the_year_was_pending(self) -> None:
        cases = [
            self.case("A", CaseResult.UPHELD, "2024-02-01", "2024-03-01"),
            self.case("B", CaseResult.CORRECTED, "2024-12-01", "2025-01-15"),
            self.case("C", CaseResult.PENDING, "2023-12-20", None),
        ]
        row = tally_appeals(cases, year=2024).reconsideration
        assert (row.upheld, row.corrected, row.other, row.pending, row.total) == (1, 0, 0, 2, 3)
        row = tally_appeals(cases).reconsideration  # without a year: each under its result
        assert (row.upheld, row.corrected, row.pending, row.total) == (1, 1, 1, 3)

    def test_records_outside_the_year_are_errors(self) -> None:
        cases = [
            self.case("late", CaseResult.UPHELD, "2025-01-02", "2025-02-01"),
            self.case("early", CaseResult.UPHELD, "2023-05-01", "2023-06-01"),
            self.case("backwards", CaseResult.OTHER, "2024-06-01", "2024-05-01"),
            self.case("open?", CaseResult.PENDING, "2024-06-01", "2024-07-01"),
            self.case("fine", CaseResult.UPHELD, "2024-06-01", "2024-07-01"),
        ]
        with pytest.raises(TallyError) as info:
            tally_appeals(cases, year=2024)
        assert [(p.path, p.message) for p in info.value.problems] == [
            ("record late", "filed on 2025-01-02, after 2024"),
            ("record early", "closed on 2023-06-01, before 2024"),
            ("record backwards", "closed on 2024-05-01, before it was filed (2024-06-01)"),
            ("record open?", "尚未审结 but closed on 2024-07-01"),
        ]

    def test_register_with_dates(self) -> None:
        from gkmodel.tally import read_cases

        from .conftest import EXAMPLES

        cases = read_cases(EXAMPLES / "cases_template.csv")
        assert [(c.id, c.filed, c.closed) for c in cases] == [
            ("F-2024-01", dt.date(2024, 3, 4), dt.date(2024, 5, 10)),
            ("F-2024-02", dt.date(2024, 12, 2), None),
            ("S-2024-01", dt.date(2024, 6, 20), dt.date(2024, 11, 28)),
        ]
        assert read_cases("编号,类型,结果\nF1,行政复议,结果维持\n")[0].filed is None
        with pytest.raises(TallyError, match="not a date: '2024-02-30' @ <register>, line 2"):
            read_cases("编号,类型,结果,立案日期\nF1,行政复议,结果维持,2024-02-30\n")
