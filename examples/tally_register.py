"""Tally a register (台账) into tables 三 and 四, and write a register to try `gkmodel build` on.

An organ's register lists each application: when it came, from whom, how
and when it was closed.  This script makes a plausible one (a fixed random
seed, so the same every time), counts it with gkmodel, and checks that the
tables it gives pass every rule.  With ``-o`` it writes the register as
the organ would keep it (CSV or XLSX, Chinese column names), with the
register of reviews and lawsuits next to it, ready for::

    python examples/tally_register.py --records 3000 -o out/register.xlsx
    gkmodel build out/register.xlsx --cases out/register-cases.xlsx --year 2024 \\
        --organ 某县人民政府 --level 县级政府 -o out/built.json --render html,docx

Run: ``python examples/tally_register.py [--records N] [--year Y] [-o REGISTER.csv|.xlsx]``
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

import attrs

from gkmodel import Edition, Organ, ReportMeta
from gkmodel.model import REPORT_CLASSES
from gkmodel.rules import Severity, check
from gkmodel.tally import (
    APPLICATION_COLUMNS,
    CASE_COLUMNS,
    ApplicantType,
    Application,
    Case,
    CaseKind,
    CaseResult,
    outcome_labels,
    outcomes,
    tally_appeals,
    tally_requests,
)

# Most applicants are people; most applications are granted (weights, roughly as published).
APPLICANTS = {ApplicantType.NATURAL_PERSON: 80, ApplicantType.COMMERCIAL: 10,
              ApplicantType.RESEARCH: 1, ApplicantType.PUBLIC_INTEREST: 1,
              ApplicantType.LEGAL_SERVICES: 5, ApplicantType.OTHER: 3}  # fmt: skip
CASE_KINDS = {"行政复议": CaseKind.RECONSIDERATION, "未经复议直接起诉": CaseKind.DIRECT,
              "复议后起诉": CaseKind.AFTER_RECONSIDERATION}  # fmt: skip
CASE_RESULTS = {"结果维持": CaseResult.UPHELD, "结果纠正": CaseResult.CORRECTED,
                "其他结果": CaseResult.OTHER, "尚未审结": CaseResult.PENDING}  # fmt: skip


def applications(n: int, *, year: int, seed: int = 2024) -> list[Application]:
    """``n`` applications: a few from last December still open on 1 January, the rest this year.

    Each is closed within 40 days (as 第三十三条 allows, extensions included)
    unless that falls after 31 December: then it is still open.
    """
    rng = random.Random(seed)
    keys = outcomes(Edition.for_year(year))
    weights = [60 if k == "granted" else 15 if k == "partial" else 2 for k in keys]
    out = []
    for i in range(n):
        received = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(-20, 365))
        closed = received + dt.timedelta(days=rng.randrange(1, 41))
        if received.year < year and closed.year < year:
            closed = dt.date(year, 1, 2)  # still open on 1 January: carried over
        still_open = closed.year > year
        out.append(
            Application(
                id=f"{received.year}-{i + 1:05d}",
                received=received,
                applicant=rng.choices(list(APPLICANTS), weights=list(APPLICANTS.values()))[0],
                outcome=None if still_open else rng.choices(keys, weights=weights)[0],
                closed=None if still_open else closed,
            )
        )
    return out


def cases(n: int, *, seed: int = 2024) -> list[Case]:
    """``n`` review and litigation cases (most of them reviews)."""
    rng = random.Random(seed)
    kinds, results = list(CASE_KINDS.values()), list(CASE_RESULTS.values())
    return [
        Case(
            id=f"F-{i + 1:04d}",
            kind=rng.choices(kinds, weights=[6, 2, 1])[0],
            result=rng.choices(results, weights=[6, 1, 1, 2])[0],
        )
        for i in range(n)
    ]


def register_rows(apps: list[Application], edition: Edition) -> list[list[object]]:
    """The register as an organ writes it: the Chinese columns, labels for the codes."""
    labels = outcome_labels(edition)
    rows: list[list[object]] = [list(APPLICATION_COLUMNS)]
    for a in apps:
        outcome = labels[a.outcome] if a.outcome else ""
        rows.append([a.id, a.received, a.applicant.label, outcome, a.closed or ""])
    return rows


def case_rows(items: list[Case]) -> list[list[object]]:
    kind_names = {v: k for k, v in CASE_KINDS.items()}
    result_names = {v: k for k, v in CASE_RESULTS.items()}
    rows: list[list[object]] = [list(CASE_COLUMNS)]
    rows += [[c.id, kind_names[c.kind], result_names[c.result]] for c in items]
    return rows


def write(path: Path, rows: list[list[object]]) -> None:
    """Write rows as CSV (UTF-8 with BOM, so Excel opens it) or XLSX (dates as dates)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        import openpyxl  # the xlsx extra: pip install 'gkmodel[xlsx]'

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in rows:
            sheet.append(row)
        book.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(
            [[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in rows]
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("-o", "--output", type=Path, help="write the register (.csv or .xlsx)")
    args = parser.parse_args()
    edition = Edition.for_year(args.year)
    apps = applications(args.records, year=args.year)
    appeal_cases = cases(max(1, args.records // 50))
    requests = tally_requests(apps, year=args.year, edition=edition)
    appeals = tally_appeals(appeal_cases)
    print(f"{len(apps)} applications: 一 {requests.new_received.total} received, "
          f"二 {requests.carried_over.total} carried over, "
          f"三（七） {requests.results.total.total} closed, "
          f"四 {requests.carried_forward.total} carried forward")  # fmt: skip
    print(f"{len(appeal_cases)} cases: 行政复议 {appeals.reconsideration.total}, "
          f"行政诉讼 {appeals.litigation.direct.total + appeals.litigation.after_reconsideration.total}")  # fmt: skip
    meta = ReportMeta(organ=Organ(name="某县人民政府"), year=args.year)
    report = REPORT_CLASSES[edition].empty(meta, zeros=True)
    report = attrs.evolve(report, requests=requests, appeals=appeals)
    failed = check(report).at_least(Severity.INCONSISTENCY)
    print("tables 三 and 四 pass every rule" if not failed else f"findings: {failed.codes()}")
    if args.output:
        write(args.output, register_rows(apps, edition))
        suffix = args.output.suffix
        cases_path = args.output.with_name(f"{args.output.stem}-cases{suffix}")
        write(cases_path, case_rows(appeal_cases))
        print(f"wrote {args.output} and {cases_path}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
