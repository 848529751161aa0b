"""``gkmodel build``: a report tallied from registers (台账), checked, written as JSON and, with
``--render``, as documents next to it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

import attrs

from gkmodel.cli._common import (
    EXIT_STATUS,
    LANG_ARGS,
    LANG_OPTIONS,
    findings_status,
    findings_summary,
    read_report,
    refuse_overwrite,
)
from gkmodel.editions import edition_for_year
from gkmodel.errors import GkmodelError
from gkmodel.renderers import FORMATS


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import dumps, write_files_atomic
    from gkmodel.model import Organ, OrganLevel, ReportMeta
    from gkmodel.tally import read_applications, read_cases, tally_appeals, tally_requests

    declaration = edition_for_year(args.year)
    edition = declaration.edition
    apps = read_applications(Path(args.register), edition=edition)
    meta = ReportMeta(
        organ=Organ(
            name=args.organ,
            level=OrganLevel.from_label(args.level) if args.level else OrganLevel.OTHER,
        ),
        year=args.year,
    )
    report = declaration.report_class.empty(meta)
    changes: dict[str, Any] = {"requests": tally_requests(apps, year=args.year, edition=edition)}
    if args.cases:
        changes["appeals"] = tally_appeals(read_cases(Path(args.cases)), year=args.year)
    report = attrs.evolve(report, **changes)
    formats = _formats(args.render)
    if formats and not args.output:
        raise GkmodelError("--render needs -o OUT.json: the documents are written next to it")
    from gkmodel.rules import Severity, check, check_pair

    findings = list(check(report, lang=args.lang).at_least(Severity.WARNING))
    if args.previous:
        pair = check_pair(read_report(args.previous), report, lang=args.lang)
        findings += pair.at_least(Severity.WARNING)
    for f in findings:
        sys.stderr.write(f"gkmodel build: {f.severity.value} {f.code} {f.message}\n")
    text = dumps(report)
    if not args.output:
        out.write(text)
        return findings_status(findings)
    outputs: dict[Path, bytes] = {Path(args.output): text.encode("utf-8")}
    if formats:
        from gkmodel.renderers import render

        base = Path(args.output)
        for fmt in formats:
            result = render(report, to=fmt)
            data = result if isinstance(result, bytes) else result.encode("utf-8")
            path = base.with_suffix(_SUFFIXES[fmt])
            if path in outputs:  # (-o out.html --render html: the JSON and the page one file)
                refuse_overwrite([], [args.output, path])
            outputs[path] = data
    refuse_overwrite([args.register, args.cases, args.previous], list(outputs))
    write_files_atomic(outputs)  # everything rendered first, then all or none written
    written = ", ".join(str(p) for p in outputs)
    if args.lang == "zh":
        counted = findings_summary(findings, lang="zh") if findings else "没有警告及以上的发现"
        out.write(f"{len(apps)} 条申请 → {written}；{counted}\n")
    else:
        counted = findings_summary(findings, lang="en") if findings else "no findings"
        out.write(f"{len(apps)} applications → {written}; {counted} of severity warning or worse\n")
    return findings_status(findings)


_SUFFIXES = {fmt: {"text": ".txt"}.get(fmt, f".{fmt}") for fmt in FORMATS}  # md, html, docx


def _formats(option: str | None) -> list[str]:
    formats = [f.strip() for f in (option or "").split(",") if f.strip()]
    unknown = [f for f in formats if f not in _SUFFIXES]
    if unknown:
        raise GkmodelError(
            f"--render: unknown format(s) {', '.join(unknown)} (choose from {', '.join(_SUFFIXES)})"
        )
    return formats


def add_build(sub: Any) -> None:
    """The ``build`` command's arguments."""
    p = sub.add_parser(
        "build",
        help="count tables 三 and 四 from registers (台账); check; write JSON and documents",
        description="Tally a register of applications (CSV or XLSX with the columns 编号, "
        "申请日期, 申请人类型, 办理结果, 办结日期) and optionally one of reviews and lawsuits "
        "(编号, 类型, 结果) into the report of --year; check it; write its JSON and, with "
        "--render, its documents next to the JSON. Findings go to standard error.",
        epilog=EXIT_STATUS,
    )
    p.add_argument("register", metavar="REGISTER", help="the applications register (.csv, .xlsx)")
    p.add_argument("--year", type=int, required=True, help="the report year, e.g. 2024")
    p.add_argument("--organ", required=True, help="the organ's full name (机关名称)")
    p.add_argument("--level", help="the organ's level, e.g. 县级政府 (default: 其他)")
    p.add_argument("--cases", metavar="CASES", help="the register of reviews and lawsuits")
    p.add_argument("--previous", metavar="FILE", help="last year's report: check the carry-over")
    p.add_argument("-o", "--output", metavar="OUT.json", help="write the JSON to OUT.json")
    p.add_argument(
        "--render",
        metavar="FORMATS",
        help=f"also write these documents next to OUT.json (comma-separated: {','.join(FORMATS)})",
    )
    p.add_argument(*LANG_ARGS, **LANG_OPTIONS)
    p.set_defaults(run=_cmd_build)
