"""What a user's type checker sees of gkmodel's public API (checked by mypy in ``make test``).

Nothing here runs: mypy checks that each ``assert_type`` holds, and with
``warn_unused_ignores`` that each line marked ``# type: ignore[...]`` really
is an error, so a change that loosens or breaks a public type fails the build.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, assert_type

import gkmodel
from gkmodel import (
    AnnualReport,
    AnnualReport2019,
    AnnualReport2021,
    ApplicantType,
    Application,
    AuditResult,
    Edition,
    Finding,
    Findings,
    GkmodelError,
    LoadError,
    Money,
    MoneyUnit,
    Organ,
    ReadResult,
    ReportMeta,
    Severity,
)
from gkmodel.model import (
    ApplicantCounts,
    Requests2019,
    Requests2021,
)


def loading(text: str, data: bytes, path: Path) -> None:
    assert_type(gkmodel.loads(text), AnnualReport)
    assert_type(gkmodel.loads(data), AnnualReport)
    assert_type(gkmodel.load(path), AnnualReport)
    assert_type(gkmodel.load("report.json"), AnnualReport)
    assert_type(gkmodel.from_data({"edition": "2021"}), AnnualReport)
    assert_type(gkmodel.dumps(gkmodel.load(path)), str)
    assert_type(gkmodel.dumps(gkmodel.load(path), compact=True), str)
    assert_type(gkmodel.to_data(gkmodel.load(path)), dict[str, Any])
    gkmodel.loads(text, "name.json")  # type: ignore[call-arg]  # options are keyword-only
    gkmodel.dumps(text)  # type: ignore[arg-type]  # a report, not its text


def narrowing(report: AnnualReport) -> None:
    if isinstance(report, AnnualReport2019):
        assert_type(report.requests, Requests2019)
    else:
        assert_type(report, AnnualReport2021)
        assert_type(report.requests, Requests2021)
    assert_type(report.requests.new_received, ApplicantCounts)
    assert_type(report.requests.new_received.total, int | None)  # blank is None, never 0
    assert_type(report.edition, Edition)


def building() -> None:
    meta = ReportMeta(organ=Organ(name="某局"), year=2024, published=dt.date(2025, 1, 20))
    report = AnnualReport2021.empty(meta, zeros=True)
    assert_type(report, AnnualReport2021)
    assert_type(ApplicantCounts.of(1, 0, 0, 0, 0, 0, 1), ApplicantCounts)
    assert_type(Money(amount=Decimal("1.5"), unit=MoneyUnit.WAN_YUAN).amount, Decimal)
    report.meta = meta  # type: ignore[misc]  # frozen: use attrs.evolve


def checking(report: AnnualReport) -> None:
    findings = gkmodel.check(report, lang="en", min_severity=Severity.WARNING)
    assert_type(findings, Findings)
    for f in findings:
        assert_type(f, Finding)
        assert_type(f.reported, int | Decimal | None)
        assert_type(f.severity, Severity)
    assert_type(findings.failed, bool)
    assert_type(gkmodel.validate(report), AnnualReport)
    assert_type(gkmodel.is_valid(report), bool)
    gkmodel.check(report, lang="fr")  # type: ignore[arg-type]  # zh or en


def rendering(report: AnnualReport, fmt: str) -> None:
    assert_type(gkmodel.render(report), str)
    assert_type(gkmodel.render(report, to="html"), str)
    assert_type(gkmodel.render(report, to="md"), str)
    assert_type(gkmodel.render(report, to="docx"), bytes)
    assert_type(gkmodel.render(report, to=fmt), str | bytes)  # unknown until run time


def reading(path: Path) -> None:
    result = gkmodel.read(path)
    assert_type(result, ReadResult)
    assert_type(result.report, AnnualReport)
    assert_type(gkmodel.read(b"...", format="html"), ReadResult)


def tallying(apps: list[Application]) -> None:
    assert_type(gkmodel.tally_requests(apps, year=2020, edition=Edition.E2019), Requests2019)
    assert_type(gkmodel.tally_requests(apps, year=2024, edition=Edition.E2021), Requests2021)
    edition = Edition.for_year(2024)
    assert_type(
        gkmodel.tally_requests(apps, year=2024, edition=edition), Requests2019 | Requests2021
    )
    assert_type(gkmodel.read_applications(Path("台账.xlsx"), edition=edition), list[Application])
    Application(id="1", received=dt.date(2024, 1, 2), applicant=ApplicantType.OTHER)
    Application(id="1", received="2024-01-02", applicant=ApplicantType.OTHER)  # type: ignore[arg-type]


def auditing() -> None:
    assert_type(gkmodel.audit(["reports"], out_dir="out"), AuditResult)
    assert_type(gkmodel.json_schema(Edition.E2021), dict[str, Any])


def errors(exc: Exception) -> None:
    if isinstance(exc, LoadError):
        assert_type(exc.source, str)
        for problem in exc.problems:
            assert_type(problem.path, str)
    if isinstance(exc, GkmodelError):
        assert_type(exc, GkmodelError)
