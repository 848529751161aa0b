"""The ``gkmodel`` command line.

Exit status: 0 success; 1 the checked report has findings of severity error
or inconsistency; 2 the input could not be read or the command was misused;
3 (``check``) the report was read only in part: cells of its tables could not be
read, and what could be read has no finding of severity error or inconsistency;
130 interrupted (Ctrl-C).

Each command lives in a module of its own (``_build``, ``_check``, ``_audit``, and
``_documents`` for render, read, cells and schema); what they share is in ``_common``.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from gkmodel import __version__
from gkmodel.cli._audit import add_audit
from gkmodel.cli._build import add_build
from gkmodel.cli._check import add_check
from gkmodel.cli._common import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_STATUS,
    LANG_ARGS,
    LANG_OPTIONS,
    check_status,
    findings_summary,
    refuse_overwrite,
)
from gkmodel.cli._documents import add_cells, add_read, add_render, add_schema
from gkmodel.errors import GkmodelError

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "LANG_ARGS",
    "LANG_OPTIONS",
    "build_parser",
    "check_status",
    "console_main",
    "findings_summary",
    "main",
]


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
        "  gkmodel audit reports/ -o audit/\n\n" + EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"gkmodel {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (add_build, add_check, add_render, add_read, add_audit, add_cells, add_schema):
        add(sub)  # in this order in the help
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
    with _terminated_as_interrupt(args.command != "audit"):  # (audit stops on its own)
        return _run(run, args, out)


@contextlib.contextmanager
def _terminated_as_interrupt(wanted: bool) -> Iterator[None]:
    """SIGTERM and SIGHUP stop a command as Ctrl-C does, so that its temporary files are
    removed and nothing is left half-written (in the main thread only, where signals go)."""
    if not wanted or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    kinds = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, stop) for s in kinds}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _run(
    run: Callable[[argparse.Namespace, TextIO], int], args: argparse.Namespace, out: TextIO
) -> int:
    try:
        inputs = [getattr(args, name, None) for name in ("file", "register", "cases", "previous")]
        outputs = [getattr(args, name, None) for name in ("output", "html")]
        if args.command != "audit":  # (audit's output is a folder; its inputs files in folders)
            refuse_overwrite(inputs, outputs)
        return run(args, out)
    except GkmodelError as exc:
        sys.stderr.write(f"gkmodel {args.command}: {exc}\n")
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into head
        return EXIT_OK
    except KeyboardInterrupt:  # Ctrl-C (audit stops on the first one itself, see _audit)
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
