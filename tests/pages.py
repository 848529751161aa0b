"""Helpers shared by the tests of pages as published: cells compared, Markdown columns moved."""

from __future__ import annotations

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
