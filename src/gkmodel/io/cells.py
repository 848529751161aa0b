"""The cells export: one record per cell of tables 二, 三 and 四.

The contract other tools rely on (see ``docs/cells.md``): each record has
``table`` (``"二"``, ``"三"`` or ``"四"``), ``row`` (the official row labels,
groups joined by ``/``), ``column`` (the official column label), ``value``
(an int, ``null`` for a blank cell, or a decimal string for money) and
``path`` (the model path).  Money cells add ``unit``; a cell with a note in
the report adds ``note``; a cell named in ``unread`` (a reader could not read
it: blank, and no blank of the report) adds ``"unread": true``.

>>> from gkmodel.model import AnnualReport2021, Organ, ReportMeta
>>> r = AnnualReport2021.empty(ReportMeta(organ=Organ(name="某局"), year=2023), zeros=True)
>>> rows = to_cells(r)
>>> len(rows)
200
>>> rows[0]
{'table': '二', 'row': '第二十条第（一）项/规章', 'column': '本年制发件数', 'value': 0, \
'path': '$.active_disclosure.item1.rules.issued'}
>>> rows[9]['value'], rows[9]['unit']
('0', '万元')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from gkmodel.errors import expect_report
from gkmodel.model.common import Money, decimal_text
from gkmodel.model.layout import iter_cells
from gkmodel.model.report import AnnualReport

__all__ = ["CELL_KEYS", "dumps_cells", "to_cells"]

CELL_KEYS = ("table", "row", "column", "value", "path")
"""The keys every cell record has, in order (``unit`` and ``note`` are added when present)."""


def to_cells(report: AnnualReport, *, unread: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Every cell of the report's tables as a record (see the module docs); ``unread`` are the
    cells a reader could not read (``ReadResult.unreadable_cells``)."""
    expect_report("to_cells", report)
    notes = {n.path: n.text for n in report.cell_notes}
    not_read = frozenset(unread)
    out: list[dict[str, Any]] = []
    for spec, value in iter_cells(report):
        record: dict[str, Any] = {
            "table": spec.table,
            "row": spec.row,
            "column": spec.column.label,
            "value": decimal_text(value.amount) if isinstance(value, Money) else value,
            "path": spec.model_path,
        }
        if isinstance(value, Money):
            record["unit"] = value.unit.value
        if spec.model_path in notes:
            record["note"] = notes[spec.model_path]
        if spec.model_path in not_read:
            record["unread"] = True
        out.append(record)
    return out


def dumps_cells(report: AnnualReport, *, unread: Iterable[str] = ()) -> str:
    """The cells export as JSON lines (one object per line, UTF-8 text)."""
    expect_report("dumps_cells", report)
    cells = to_cells(report, unread=unread)
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cells)
