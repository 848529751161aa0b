"""The ``gkmodel`` command line.

Exit status: 0 success; 1 the checked report has findings of severity error
or inconsistency; 2 the input could not be read or the command was misused.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from gkmodel import __version__
from gkmodel.errors import GkmodelError
from gkmodel.io.json import load
from gkmodel.model.common import Edition
from gkmodel.model.report import AnnualReport

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


def _read_report(path: str) -> AnnualReport:
    """The report in ``path`` (canonical JSON)."""
    return load(path)


def _cmd_cells(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.cells import dumps_cells

    out.write(dumps_cells(_read_report(args.file)))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.schema import json_schema

    edition = Edition(args.edition) if args.edition else None
    out.write(json.dumps(json_schema(edition), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_read(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import dumps

    out.write(dumps(_read_report(args.file)))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``gkmodel`` command."""
    parser = argparse.ArgumentParser(
        prog="gkmodel",
        description="政府信息公开工作年度报告: the typed model, its checks and its formats.",
        epilog="Exit status: 0 ok; 1 findings of severity error/inconsistency; 2 unreadable input.",
    )
    parser.add_argument("--version", action="version", version=f"gkmodel {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "cells",
        help="print every table cell as a JSON line (表二、表三、表四)",
        description="Print one JSON object per table cell: table, row, column, value, path.",
    )
    p.add_argument("file", metavar="FILE", help="a report (canonical JSON)")
    p.set_defaults(run=_cmd_cells)

    p = sub.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of the report",
        description="Print the JSON Schema of canonical JSON; titles are the official labels.",
    )
    p.add_argument(
        "--edition",
        choices=[e.value for e in Edition],
        help="only this edition (default: either edition)",
    )
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser(
        "read",
        help="read a report and print it as canonical JSON",
        description="Read a report and print its canonical JSON.",
    )
    p.add_argument("file", metavar="FILE", help="a report (canonical JSON)")
    p.set_defaults(run=_cmd_read)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (the console script exits with it)."""
    out = stdout or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
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


def console_main() -> None:  # pragma: no cover - thin wrapper for the console script
    """Entry point of the ``gkmodel`` console script."""
    sys.exit(main())
