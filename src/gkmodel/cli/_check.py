"""``gkmodel check``: the findings of one report, as lines (coloured on a terminal) or JSON."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from gkmodel.cli._common import (
    EXIT_STATUS,
    FILE_HELP,
    LANG_ARGS,
    LANG_OPTIONS,
    add_output,
    check_status,
    emit,
    findings_summary,
)
from gkmodel.errors import GkmodelError

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
        unread=result.unread,
    )
    page = None
    if args.html:  # the audit view (gkmodel.renderers.audit_view)
        from gkmodel.renderers.audit_view import render_audit_view

        page = render_audit_view(
            report, findings, lang="en" if args.lang == "en" else "zh-CN", unreadable=unread
        )
    status = check_status(findings.failed, len(unread))
    if args.json:
        if unread:  # a reading problem, never mixed into the report's own findings
            sys.stderr.write(
                f"gkmodel check: {args.file}: {_partial_text(len(unread), args.lang)}\n"
            )
        data = [f.to_dict() for f in findings]
        _write(args, out, json.dumps(data, ensure_ascii=False, indent=2) + "\n", page)
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
    lines.append(findings_summary(findings, lang=args.lang, partial=bool(unread)))
    _write(args, out, "\n".join(lines) + "\n", page)
    return status


def _write(args: argparse.Namespace, out: TextIO, text: str, page: str | None) -> None:
    """The findings to ``-o`` or standard output, and the audit view to ``--html``: both files
    or neither (a view beside findings that failed to be written would say what is not)."""
    from gkmodel.io.json import write_files_atomic, write_text_atomic

    if page is not None and args.output:
        write_files_atomic(
            {
                Path(args.html): page.encode("utf-8", errors="backslashreplace"),
                Path(args.output): text.encode("utf-8", errors="backslashreplace"),
            }
        )
        return
    if page is not None:
        write_text_atomic(Path(args.html), page)
    emit(args, out, text)


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


def add_check(sub: Any) -> None:
    """The ``check`` command's arguments."""
    p = sub.add_parser(
        "check",
        help="check every 勾稽 rule; exit 1 when a finding is an error or inconsistency",
        description="Check a report against the rule catalogue (docs/reference/rules.md) "
        "and print the findings.",
        epilog=EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
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
    add_output(p, "the findings")
    p.add_argument(
        "--html",
        metavar="OUT.html",
        help="also write the audit view: the report with its findings marked (an HTML page)",
    )
    p.set_defaults(run=_cmd_check)
