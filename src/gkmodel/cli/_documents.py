"""The commands turning one report into another document: ``render``, ``read``, ``cells`` and
``schema`` (the JSON Schema of canonical JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import attrs

from gkmodel.cli._common import (
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_STATUS,
    FILE_HELP,
    add_output,
    emit,
    read_in_part,
)
from gkmodel.editions import EDITIONS, declaration_of
from gkmodel.errors import GkmodelError
from gkmodel.renderers import FORMATS


def _cmd_cells(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.cells import dumps_cells

    result = read_in_part("cells", args.file)
    unread = result.unreadable_cells
    emit(args, out, dumps_cells(result.report, unread=unread))
    return EXIT_PARTIAL if unread else EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.schema import json_schema

    edition = declaration_of(args.edition).edition if args.edition else None
    emit(args, out, json.dumps(json_schema(edition), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _cmd_read(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import dumps, to_data
    from gkmodel.readers import read

    result = read(Path(args.file))
    status = EXIT_PARTIAL if result.unreadable_cells else EXIT_OK
    if args.json:
        data = {
            "format": result.format,
            "report": to_data(result.report),
            "diagnostics": [attrs.asdict(d) for d in result.diagnostics],
            "unread": list(result.unread),
        }
        emit(args, out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return status
    for d in result.diagnostics:
        sys.stderr.write(f"gkmodel read: {args.file}: {d}\n")
    if status == EXIT_PARTIAL:
        sys.stderr.write(
            f"gkmodel read: {args.file}: read only in part: {len(result.unreadable_cells)} "
            "table cell(s) could not be read; they are blank in the JSON, not blanks of the "
            'report (--json keeps them in "unread")\n'
        )
    emit(args, out, dumps(result.report))
    return status


def _cmd_render(args: argparse.Namespace, out: TextIO) -> int:
    from gkmodel.io.json import write_bytes_atomic
    from gkmodel.renderers import render

    to = _format(args.to, args.output)
    if args.fragment and to != "html":
        raise GkmodelError("--fragment applies to --to html only")
    read = read_in_part("render", args.file)
    status = EXIT_PARTIAL if read.unreadable_cells else EXIT_OK
    options: dict[str, Any] = {"fragment": True} if args.fragment else {}
    if to == "html" and read.unreadable_cells:
        options["unreadable"] = read.unreadable_cells  # marked as unread on the page
    result = render(read.report, to=to, **options)
    data = result if isinstance(result, bytes) else result.encode("utf-8")
    if args.output:
        write_bytes_atomic(Path(args.output), data)
        return status
    if isinstance(result, bytes):
        if out.isatty():
            raise GkmodelError("DOCX is binary: write it to a file with -o OUT.docx")
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise GkmodelError("DOCX is binary: write it to a file with -o OUT.docx")
        buffer.write(data)
        return status
    out.write(result)
    return status


_SUFFIXES = {".txt": "text", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx"}


def _format(to: str | None, output: str | None) -> str:
    """The format to render: ``--to``, else the one ``-o OUT``'s suffix names, else text."""
    by_suffix = _SUFFIXES.get(Path(output).suffix.lower()) if output else None
    if to is None:
        return by_suffix or "text"
    if by_suffix is not None and by_suffix != to:
        raise GkmodelError(
            f"--to {to} but {output} is named as {by_suffix}: give one or the other, or both alike"
        )
    return to


def add_render(sub: Any) -> None:
    """The ``render`` command's arguments."""
    p = sub.add_parser(
        "render",
        help="render a report in the official layout: text, md, html or docx",
        description="Render a report as plain text, Markdown, HTML (an A4 page) or Word (DOCX), "
        "in the official layout of its edition.",
        epilog=EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--to",
        choices=FORMATS,
        help="the format (default: the one -o OUT's suffix names, .txt .md .html .docx; else text)",
    )
    add_output(p, "the document (DOCX: to a file or a pipe, never a terminal)")
    p.add_argument("--fragment", action="store_true", help="HTML: an <article> to embed, no page")
    p.set_defaults(run=_cmd_render)


def add_read(sub: Any) -> None:
    """The ``read`` command's arguments."""
    p = sub.add_parser(
        "read",
        help="read a published report (text, HTML, DOCX, PDF, …) and print its canonical JSON",
        description="Read a report (JSON, text, Markdown, HTML, DOCX, PDF, Word 97/WPS or RTF) "
        "and print its canonical JSON; what the reader was unsure of goes to standard error.",
        epilog=EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    p.add_argument(
        "--json",
        action="store_true",
        help="print the report, its format, the diagnostics and what could not be read (unread) "
        "as one JSON object",
    )
    add_output(p, "the JSON")
    p.set_defaults(run=_cmd_read)


def add_cells(sub: Any) -> None:
    """The ``cells`` command's arguments."""
    p = sub.add_parser(
        "cells",
        help="print every table cell as a JSON line (表二、表三、表四)",
        description="Print one JSON object per table cell: table, row, column, value, unit, path "
        "(and note, and unread: true for a cell the reader could not read).",
        epilog=EXIT_STATUS,
    )
    p.add_argument("file", metavar="FILE", help=FILE_HELP)
    add_output(p, "the JSON lines")
    p.set_defaults(run=_cmd_cells)


def add_schema(sub: Any) -> None:
    """The ``schema`` command's arguments."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of canonical JSON",
        description="Print the JSON Schema of canonical JSON; titles are the official labels.",
        epilog=EXIT_STATUS,
    )
    p.add_argument(
        "--edition",
        choices=[d.key for d in EDITIONS.values()],
        help="only this edition (default: either edition)",
    )
    add_output(p, "the schema")
    p.set_defaults(run=_cmd_schema)
