"""``gkmodel audit``: every report in folders or files read and checked, into CSV (and Parquet)
files and an index page with an audit view of each report."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from gkmodel._sources import AUDIT_SUFFIXES
from gkmodel.cli._common import EXIT_INTERRUPTED, EXIT_OK, LANG_ARGS, LANG_OPTIONS
from gkmodel.errors import GkmodelError


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
    zh = args.lang == "zh"
    out.write(result.summary("zh" if zh else "en") + "\n")
    if args.output:
        if zh:
            kinds = "CSV 和 Parquet" if args.parquet else "CSV"
            out.write(f"已写入 {args.output}/files、findings、cells（{kinds}）\n")
        else:
            kinds = "csv and parquet" if args.parquet else "csv"
            out.write(f"wrote {args.output}/files, findings and cells ({kinds})\n")
        if not args.no_index:
            if zh:
                out.write(f"已写入 {args.output}/index.html 及每份报告的审核视图\n")
            else:
                out.write(f"wrote {args.output}/index.html and an audit view of each report\n")
    return EXIT_INTERRUPTED if result.interrupted else EXIT_OK


def add_audit(sub: Any) -> None:
    """The ``audit`` command's arguments."""
    p = sub.add_parser(
        "audit",
        help="read and check every report in folders or files; write CSV for analysis",
        description=f"Read and check every report found ({' '.join(AUDIT_SUFFIXES)}); "
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
