"""The ``gkmodel`` command line.

Exit status: 0 success; 1 the checked report has findings of severity error
or inconsistency; 2 the input could not be read or the command was misused;
3 (``check``) the report was read only in part: cells of its tables could not be
read, and what could be read has no finding of severity error or inconsistency;
130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from gkmodel import __version__
from gkmodel.editions import EDITIONS, declaration_of, edition_for_year
from gkmodel.errors import GkmodelError
from gkmodel.model.report import AnnualReport
from gkmodel.renderers import FORMATS

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_PARTIAL = 3


def _read_report(path: str, *, diagnostics: bool = False) -> AnnualReport:
    """The report in ``path`` (JSON, text, HTML or DOCX); diagnostics go to standard error."""
    from gkmodel.readers import read

    result = read(Path(path))
    if diagnostics:
        for d in result.diagnostics:
            sys.stderr.write(f"gkmodel: {path}: {d}\n")
    return result.report


def _emit(args: argparse.Namespace, out: TextIO, text: str) -> None:
    """Write ``text`` to ``-o OUT`` (atomically) or to standard output."""
    if getattr(args, "output", None):
        from gkmodel.io.json import write_text_atomic

        write_text_atomic(Path(args.output), text)
    else:
        out.write(text)


def _cmd_cells(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.cells import dumps_cells

    _emit(args, out, dumps_cells(_read_report(args.file)))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.schema import json_schema

    edition = declaration_of(args.edition).edition if args.edition else None
    _emit(args, out, json.dumps(json_schema(edition), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_read(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import dumps, to_data
    from gkmodel.readers import read

    result = read(Path(args.file))
    if args.json:
        data = {
            "format": result.format,
            "report": to_data(result.report),
            "diagnostics": [attrs.asdict(d) for d in result.diagnostics],
        }
        _emit(args, out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for d in result.diagnostics:
        sys.stderr.write(f"gkmodel read: {args.file}: {d}\n")
    _emit(args, out, dumps(result.report))
    return EXIT_OK


_COLOURS = {"error": "31;1", "inconsistency": "31", "warning": "33", "info": "36"}


def _use_colour(out: TextIO) -> bool:
    return out.isatty() and "NO_COLOR" not in os.environ


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.rules import RULES, Severity, check

    for option in (args.select, args.ignore):
        unknown = sorted(set((option or "").split(",")) - set(RULES) - {""})
        if unknown:
            raise GkmodelError(
                f"unknown rule code(s): {', '.join(unknown)} (see docs/reference/rules.md)"
            )
    from gkmodel.readers import read

    result = read(Path(args.file))
    report = result.report
    unread = result.unreadable_cells
    findings = check(
        report,
        select=args.select.split(",") if args.select else None,
        ignore=args.ignore.split(",") if args.ignore else (),
        min_severity=Severity(args.min_severity),
        blank_as_zero=args.blank_as_zero,
        lang=args.lang,
    )
    if args.html:  # the audit view (gkmodel.renderers.audit_view)
        from gkmodel.io.json import write_text_atomic
        from gkmodel.renderers.audit_view import render_audit_view

        page = render_audit_view(report, findings, lang="en" if args.lang == "en" else "zh-CN")
        write_text_atomic(Path(args.html), page)
    status = check_status(findings.failed, len(unread))
    if args.json:
        if unread:  # a reading problem, never mixed into the report's own findings
            sys.stderr.write(
                f"gkmodel check: {args.file}: {_partial_text(len(unread), args.lang)}\n"
            )
        data = [f.to_dict() for f in findings]
        _emit(args, out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return status
    colour = _use_colour(out) and not args.output
    meta = report.meta
    if args.lang == "zh":
        head = f"{args.file}：{meta.organ.name} {meta.year}年度（{report.edition.value}年版格式）"
    else:
        head = f"{args.file}: {meta.organ.name}, {meta.year} ({report.edition.value} edition)"
    lines = [head]
    if unread:
        lines.append(f"  {_partial_text(len(unread), args.lang)}")
    for f in findings:
        severity = f"{f.severity.value:<13}"
        if colour:
            severity = f"\033[{_COLOURS[f.severity.value]}m{severity}\033[0m"
        lines.append(f"  {severity} {f.code:<10} {f.message}")
        lines.append(f"  {'':<13} {'':<10} @ {f.path}")
    lines.append(findings_summary(findings, lang=args.lang))
    _emit(args, out, "\n".join(lines) + "\n")
    return status


def check_status(failed: bool, unreadable: int) -> int:
    """The exit status of ``check``: 1 findings, else 3 read only in part, else 0 clean."""
    if failed:
        return EXIT_FINDINGS
    return EXIT_PARTIAL if unreadable else EXIT_OK


def _partial_text(n: int, lang: str) -> str:
    if lang == "zh":
        return (
            f"仅部分读取：{n} 个表格单元格无法读取（读取问题，非报告本身的错误），"
            "已检查可读取的部分"
        )
    return (
        f"read only in part: {n} table cell(s) could not be read (a reading problem, "
        "not the report's error); what could be read was checked"
    )


_PLURALS = {"info": "info", "warning": "warnings", "inconsistency": "inconsistencies",
            "error": "errors"}  # fmt: skip


def findings_summary(findings: Sequence[Any], *, lang: str = "zh") -> str:
    """How many findings of each severity, most serious first, in the language of the messages.

    ``4 inconsistencies, 1 warning`` in English, ``4 项不一致，1 项警告`` in Chinese.
    """
    from gkmodel.rules import Severity

    counts = [(s, sum(f.severity is s for f in findings)) for s in reversed(Severity)]
    if lang == "zh":
        return "，".join(f"{n} 项{s.label}" for s, n in counts if n) or "没有发现问题"
    parts = [f"{n} {s.value if n == 1 else _PLURALS[s.value]}" for s, n in counts if n]
    return ", ".join(parts) or "no findings"


def _cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import write_bytes_atomic
    from gkmodel.renderers import render

    report = _read_report(args.file)
    options = {"fragment": True} if args.fragment else {}
    if args.fragment and args.to != "html":
        raise GkmodelError("--fragment applies to --to html only")
    result = render(report, to=args.to, **options)
    data = result if isinstance(result, bytes) else result.encode("utf-8")
    if args.output:
        write_bytes_atomic(Path(args.output), data)
        return EXIT_OK
    if isinstance(result, bytes):
        if out.isatty():
            raise GkmodelError("DOCX is binary: write it to a file with -o OUT.docx")
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise GkmodelError("DOCX is binary: write it to a file with -o OUT.docx")
        buffer.write(data)
        return EXIT_OK
    out.write(result)
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.batch import AuditInterrupted, audit, default_jobs, terminal_progress

    if args.jobs is not None and args.jobs < 1:
        raise GkmodelError("--jobs must be 1 or more")
    progress = terminal_progress()
    try:
        result = audit(
            args.paths,
            out_dir=args.output,
            progress=progress,
            lang=args.lang,
            jobs=args.jobs or default_jobs(),
            parquet=args.parquet,
            resume=args.resume,
            index=not args.no_index,
        )
    except AuditInterrupted as stopped:
        if progress is not None:
            sys.stderr.write("\n")
        result = stopped.result
    out.write(result.summary() + "\n")
    if args.output:
        kinds = "csv and parquet" if args.parquet else "csv"
        out.write(f"wrote {args.output}/files, findings and cells ({kinds})\n")
        if not args.no_index:
            out.write(f"wrote {args.output}/index.html and an audit view of each report\n")
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import dumps, write_bytes_atomic
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
        findings += check_pair(_read_report(args.previous), report, lang=args.lang)
    for f in findings:
        sys.stderr.write(f"gkmodel build: {f.severity.value} {f.code} {f.message}\n")
    text = dumps(report)
    if not args.output:
        out.write(text)
        return _status(findings)
    outputs: dict[Path, bytes] = {Path(args.output): text.encode("utf-8")}
    if formats:
        from gkmodel.renderers import render

        base = Path(args.output)
        for fmt in formats:
            result = render(report, to=fmt)
            data = result if isinstance(result, bytes) else result.encode("utf-8")
            outputs[base.with_suffix(_SUFFIXES[fmt])] = data
    for path, data in outputs.items():  # everything rendered first: no partial set of files
        write_bytes_atomic(path, data)
    written = ", ".join(str(p) for p in outputs)
    counted = findings_summary(findings, lang="en") if findings else "no findings"
    out.write(f"{len(apps)} applications → {written}; {counted} of severity warning or worse\n")
    return _status(findings)


_SUFFIXES = {fmt: {"text": ".txt"}.get(fmt, f".{fmt}") for fmt in FORMATS}  # md, html, docx


def _formats(option: str | None) -> list[str]:
    formats = [f.strip() for f in (option or "").split(",") if f.strip()]
    unknown = [f for f in formats if f not in _SUFFIXES]
    if unknown:
        raise GkmodelError(
            f"--render: unknown format(s) {', '.join(unknown)} (choose from {', '.join(_SUFFIXES)})"
        )
    return formats


def _status(findings: Sequence[Any]) -> int:
    from gkmodel.rules import Severity

    failed = any(f.severity.rank >= Severity.INCONSISTENCY.rank for f in findings)
    return EXIT_FINDINGS if failed else EXIT_OK


_EXIT_STATUS = (
    "exit status: 0 done; 1 the report has findings of severity error or inconsistency; "
    "2 the input could not be read or the command was misused; "
    "3 (check) read only in part: table cells unreadable, no such finding in what was read"
)
LANG_ARGS = ("--lang",)
LANG_OPTIONS: dict[str, Any] = {
    "choices": ["zh", "en"],
    "default": "zh",
    "help": "language of the messages: zh (default) or en",
}


_FILE_HELP = "a report: JSON, text, Markdown, HTML or DOCX"


def _output(p: argparse.ArgumentParser, what: str = "the output") -> None:
    p.add_argument(
        "-o", "--output", metavar="OUT", help=f"write {what} to OUT (default: standard output)"
    )


def _add_audit(sub: Any) -> None:
    """The ``audit`` command's arguments."""
    p = sub.add_parser(
        "audit",
        help="read and check every report in folders or files; write CSV for analysis",
        description="Read and check every report found (.json .txt .md .html .htm .docx); "
        "write files.csv, findings.csv and cells.csv to OUT, and index.html (a sortable table "
        "with plots) linking to an audit view of each report; one bad file never stops the batch.",
        epilog="exit status: 0 done (findings are in the CSV files); "
        "2 a path named is not a file or folder, the output folder could not be written, "
        "or the command was misused; 130 interrupted (Ctrl-C): the outputs hold the files "
        "done, and --resume finishes",
    )
    p.add_argument("paths", nargs="+", metavar="DIR_OR_FILE")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="folder for the CSV (and Parquet) files and index.html",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="processes auditing files at once (default: the CPUs available); "
        "the outputs are the same whatever N",
    )
    p.add_argument(
        "--parquet",
        action="store_true",
        help="also write files, findings and cells as Parquet (typed columns; needs pyarrow)",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="take files whose contents an earlier audit into OUT did from its state",
    )
    p.add_argument(
        "--no-index",
        action="store_true",
        help="write the CSV files only (no index.html, no audit view of each report)",
    )
    p.add_argument(*LANG_ARGS, **LANG_OPTIONS)
    p.set_defaults(run=_cmd_audit)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gkmodel`` command."""
    parser = argparse.ArgumentParser(
        prog="gkmodel",
        description="政府信息公开工作年度报告 (annual reports on government information "
        "disclosure): build them from registers, check their 勾稽 rules, render them in the "
        "official layout, read published ones back.",
        epilog="examples:\n"
        "  gkmodel build 台账.xlsx --year 2024 --organ 某县人民政府 --level 县级政府 "
        "-o report.json --render html,docx\n"
        "  gkmodel check report.json --lang en\n"
        "  gkmodel render report.json --to docx -o report.docx\n"
        "  gkmodel read published.html > report.json\n"
        "  gkmodel audit reports/ -o audit/\n\n" + _EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gkmodel {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "build",
        help="count tables 三 and 四 from registers (台账); check; write JSON and documents",
        description="Tally a register of applications (CSV or XLSX with the columns 编号, "
        "申请日期, 申请人类型, 办理结果, 办结日期) and optionally one of reviews and lawsuits "
        "(编号, 类型, 结果) into the report of --year; check it; write its JSON and, with "
        "--render, its documents next to the JSON. Findings go to standard error.",
        epilog=_EXIT_STATUS,
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

    p = sub.add_parser(
        "check",
        help="check every 勾稽 rule; exit 1 when a finding is an error or inconsistency",
        description="Check a report against the rule catalogue (docs/reference/rules.md) "
        "and print the findings.",
        epilog=_EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    p.add_argument(*LANG_ARGS, **LANG_OPTIONS)
    p.add_argument("--select", metavar="CODES", help="only these rules (comma-separated codes)")
    p.add_argument("--ignore", metavar="CODES", help="skip these rules (comma-separated codes)")
    p.add_argument(
        "--min-severity",
        choices=["info", "warning", "inconsistency", "error"],
        default="info",
        help="drop milder findings (default: info, i.e. show all)",
    )
    p.add_argument(
        "--blank-as-zero",
        action="store_true",
        help="count blank cells as 0 (default: rules that involve a blank cell are not evaluated)",
    )
    _output(p, "the findings")
    p.add_argument(
        "--html",
        metavar="OUT.html",
        help="also write the audit view: the report with its findings marked (an HTML page)",
    )
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser(
        "render",
        help="render a report in the official layout: text, md, html or docx",
        description="Render a report as plain text, Markdown, HTML (an A4 page) or Word (DOCX), "
        "in the official layout of its edition.",
        epilog=_EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    p.add_argument("--to", choices=FORMATS, default="text", help="the format")
    _output(p, "the document (DOCX needs -o)")
    p.add_argument("--fragment", action="store_true", help="HTML: an <article> to embed, no page")
    p.set_defaults(run=_cmd_render)

    p = sub.add_parser(
        "read",
        help="read a published report (text, HTML, DOCX) and print its canonical JSON",
        description="Read a report (JSON, text, Markdown, HTML or DOCX) and print its "
        "canonical JSON; what the reader was unsure of goes to standard error.",
        epilog=_EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    p.add_argument(
        "--json",
        action="store_true",
        help="print the report, its format and the diagnostics as one JSON object",
    )
    _output(p, "the JSON")
    p.set_defaults(run=_cmd_read)

    _add_audit(sub)

    p = sub.add_parser(
        "cells",
        help="print every table cell as a JSON line (表二、表三、表四)",
        description="Print one JSON object per table cell: table, row, column, value, unit, path.",
        epilog=_EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=_FILE_HELP)
    _output(p, "the JSON lines")
    p.set_defaults(run=_cmd_cells)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of canonical JSON",
        description="Print the JSON Schema of canonical JSON; titles are the official labels.",
        epilog=_EXIT_STATUS,
    )
    p.add_argument(
        "--edition",
        choices=[d.key for d in EDITIONS.values()],
        help="only this edition (default: either edition)",
    )
    _output(p, "the schema")
    p.set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    out = stdout or sys.stdout
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:  # reported with the usage line of the command that was misused
            commands = _subparsers(parser)
            target = commands.get(getattr(args, "command", None) or "", parser)
            target.error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exc:  # argparse exits 2 on misuse and 0 on --help
        return int(exc.code or 0)
    run: Callable[[argparse.Namespace, TextIO], int] = args.run
    try:
        return run(args, out)
    except GkmodelError as exc:
        sys.stderr.write(f"gkmodel {args.command}: {exc}\n")
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C (audit stops on the first one itself, see _cmd_audit)
        sys.stderr.write(f"gkmodel {args.command}: interrupted\n")
        return EXIT_INTERRUPTED
    except OSError as exc:  # an input or output the system refuses (permissions, a full disk)
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"gkmodel {args.command}: {where}{exc.strerror or exc}\n")
        return EXIT_INPUT


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def console_main() -> None:  # pragma: no cover - thin wrapper for the console script
    """Entry point of the ``gkmodel`` console script."""
    sys.exit(main())
