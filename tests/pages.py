"""Helpers shared by the tests of pages as published: cells compared, Markdown columns moved."""

from __future__ import annotations

import re

import gkmodel
from gkmodel.io.cells import to_cells


def cells(report: gkmodel.AnnualReport) -> dict[str, object]:
    """Every cell of ``report``'s tables by model path."""
    return {c["path"]: c["value"] for c in to_cells(report)}


def never_shifted(source: gkmodel.AnnualReport, result: gkmodel.ReadResult) -> None:
    """Every cell of ``result`` holds the source's value, or is unread: never another number."""
    want, got = cells(source), cells(result.report)
    unread = set(result.unreadable_cells)
    assert {p: (want[p], got[p]) for p in want if p not in unread and got[p] != want[p]} == {}


def read_never_shifted(source: gkmodel.AnnualReport, page: str | bytes) -> gkmodel.ReadResult:
    """``page`` read, held to :func:`never_shifted`."""
    result = gkmodel.read(page)
    never_shifted(source, result)
    return result


def permuted_markdown(
    md: str, order: tuple[int, ...], *, width: int | None = None, header: str | None = None
) -> str:
    """``md`` with the value columns of its tables in ``order``: every table of ``width``
    values, or the table whose header holds ``header``."""
    out, inside = [], False
    for line in md.split("\n"):
        label, *values = line.strip().strip("|").split("|")
        if header is not None:
            inside = line.startswith("|") and (inside or header in line)
        else:
            inside = line.startswith("|") and len(values) == width
        if inside:
            out.append("|" + "|".join([label, *(values[k] for k in order)]) + "|")
        else:
            out.append(line)
    return "\n".join(out)


def without_cells(md: str, *, one_a_line: bool = False) -> str:
    """``md`` as text without cells: each table row a line of its cells three spaces apart (a
    page copied as plain text), or every cell on a line of its own (a PDF viewer's copy); blank
    cells leave nothing, rules and Markdown escapes are gone."""
    out: list[str] = []
    for line in md.replace("\\", "").split("\n"):
        if not line.startswith("|"):
            out.append(line)
        elif not re.match(r"^\|?\s*:?-{2,}", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|") if c.strip()]
            out.extend(cells) if one_a_line else out.append("   ".join(cells))
    return "\n".join(x for x in out if x.strip() or not one_a_line)
