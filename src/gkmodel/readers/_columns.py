"""A table's columns found in its header rows, by their labels and the geometry above them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from gkmodel.readers._items import Row
from gkmodel.readers._labels import normalize

__all__ = ["Column", "filled", "find_header", "loose"]


@attrs.frozen
class Column:
    """A model column: its leaf header label and the group labels above it (normalised)."""

    label: str
    groups: tuple[str, ...] = ()


def find_header(
    rows: Sequence[Row], columns: Sequence[Column]
) -> tuple[int, list[tuple[float, float]], bool] | None:
    """(index of the leaf header row, the extent of each model column, whether the header's
    labels were matched loosely) or None.  The labels are matched as written first, then
    loosely (see :func:`loose`) when that tells the columns apart."""
    found = _header_by(rows, columns, lambda t: t)
    if found is not None:
        return (*found, False)
    if len({(loose(c.label), c.groups) for c in columns}) < len(set(columns)):
        return None  # loose labels that would not tell two columns apart
    found = _header_by(rows, columns, loose)
    return None if found is None else (*found, True)


# A unit of counts in brackets; a unit of money is no variation (元 is not 万元).
_UNIT_SUFFIX = re.compile(r"[（(](?:单位[:：])?(?:件|个|项|条|次|宗)[）)]$")


def loose(label: str) -> str:
    """A header label as published variously: without a unit of counts in brackets
    (``自然人（件）``), 其它 for 其他, 合计 for 总计, and table 四's results without 结果
    (``维持``)."""
    key = _UNIT_SUFFIX.sub("", label).replace("其它", "其他").replace("合计", "总计")
    return key.removeprefix("结果").removesuffix("结果") or key


def _header_by(
    rows: Sequence[Row], columns: Sequence[Column], key: Callable[[str], str]
) -> tuple[int, list[tuple[float, float]]] | None:
    header: list[tuple[list[str], tuple[tuple[float, float], ...]]] = []  # rows 0..h, normalised
    labels = [key(col.label) for col in columns]
    for row in rows:
        assert row.extents is not None
        texts = [normalize(c) for c in row.cells]
        if header:
            texts = filled(texts, row.extents, header[-1])
        header.append((texts, row.extents))
        keys = [key(t) for t in texts]
        extents: list[tuple[float, float]] = []
        for col, label in zip(columns, labels, strict=True):
            hits = sorted(
                {
                    row.extents[k]
                    for k, t in enumerate(keys)
                    if t == label and under(header, row.extents[k], col.groups)
                }
            )
            if len(hits) != 1:
                break
            extents.append(hits[0])
        else:
            if len(set(extents)) == len(extents):
                return len(header) - 1, extents
    return None


def filled(
    texts: list[str],
    extents: Sequence[tuple[float, float]],
    above: tuple[list[str], Sequence[tuple[float, float]]],
) -> list[str]:
    """A header row's ``texts`` with each empty cell given the text of the cell above it.

    A label standing in the upper row of a two-row header, the cell below it left empty (not
    spanned down: Markdown has no spans, and conversions often drop them), is the label of
    both rows' column, as a cell spanning them would be.
    """
    if all(texts):
        return texts
    out = list(texts)
    for k, (text, (x0, x1)) in enumerate(zip(texts, extents, strict=True)):
        if text:
            continue
        half = (x1 - x0) / 2
        for label, (e0, e1) in zip(*above, strict=True):
            if label and (e1 if e1 < x1 else x1) - (e0 if e0 > x0 else x0) > half:
                out[k] = label
                break
    return out


def under(
    rows: Sequence[tuple[list[str], tuple[tuple[float, float], ...]]],
    extent: tuple[float, float],
    groups: tuple[str, ...],
) -> bool:
    """Whether header cells above ``extent`` carry every group label.

    ``rows`` are the header rows so far, their cells normalised, with their extents.
    A cell is above when it covers most of ``extent`` (Word's widths of a group
    and of its columns often differ by a few points).
    """
    if not groups:
        return True
    above = set()
    x0, x1 = extent
    half = (x1 - x0) / 2
    for texts, extents in rows:
        for text, (e0, e1) in zip(texts, extents, strict=True):
            if (e1 if e1 < x1 else x1) - (e0 if e0 > x0 else x0) > half:
                above.add(text)
    return all(g in above for g in groups)
