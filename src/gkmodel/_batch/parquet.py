"""The Parquet tables of an audit (``--parquet``, the ``parquet`` extra: pyarrow).

Typed columns, so DuckDB, polars and pandas read them as they are: counts and
years are integers, blanks are nulls, money is ``decimal(38, MAX_AMOUNT_PLACES)``.
A number of a finding or a cell is either a count (``value``, ``reported``, …:
int64) or an amount of money (``amount``, ``reported_amount``, …: decimal), never
a string.  Rows are written in row groups as the batch goes (memory stays flat).
"""

from __future__ import annotations

import contextlib
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from gkmodel import limits
from gkmodel._batch.outputs import OUTPUT_NAMES, file_row, tmp_path
from gkmodel._batch.record import AuditRecord
from gkmodel.errors import GkmodelError

__all__ = ["ParquetTables", "require_pyarrow", "schemas"]

ROW_GROUP = 64_000
"""Rows kept before they are written as one row group."""


def require_pyarrow() -> Any:
    """The pyarrow module, or a GkmodelError that says how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise GkmodelError("Parquet output needs pyarrow: pip install 'gkmodel[parquet]'") from None
    return pyarrow


def schemas() -> dict[str, Any]:
    """The pyarrow schema of each table, by name (``files``, ``findings``, ``cells``)."""
    pa = require_pyarrow()
    text, i32, i64 = pa.string(), pa.int32(), pa.int64()
    money = pa.decimal128(38, limits.MAX_AMOUNT_PLACES)
    meta = [("file", text), ("organ", text), ("year", i32), ("edition", text)]
    numbers = [(f"{n}{suffix}", kind) for suffix, kind in (("", i64), ("_amount", money))
               for n in ("reported", "computed", "difference")]  # fmt: skip
    return {
        "files": pa.schema(
            [
                ("file", text),
                ("status", text),
                ("format", text),
                ("edition", text),
                ("organ", text),
                ("year", i32),
            ]
            + [
                (n, i32)
                for n in (
                    "diagnostics",
                    "unreadable",
                    "errors",
                    "inconsistencies",
                    "warnings",
                    "infos",
                )
            ]
            + [("error", text), ("sha256", text)]
        ),
        "findings": pa.schema(
            [
                *meta,
                *((n, text) for n in ("code", "severity", "table", "row", "column", "path")),
                *numbers,
                ("message", text),
            ]
        ),
        "cells": pa.schema(
            [
                *meta,
                ("table", text),
                ("row", text),
                ("column", text),
                ("value", i64),
                ("amount", money),
                ("unit", text),
                ("path", text),
                ("note", text),
                ("unread", pa.bool_()),
            ]
        ),
    }


def _split(value: object) -> tuple[object, object]:
    """A number as (count, amount): one of them None."""
    return (None, value) if isinstance(value, Decimal) else (value, None)


class ParquetTables:
    """``files.parquet``, ``findings.parquet`` and ``cells.parquet``."""

    def __init__(self, out: Path) -> None:
        pa = require_pyarrow()
        self.pa = pa
        self.out = out
        self.schemas = schemas()
        self.rows: dict[str, list[tuple[object, ...]]] = {n: [] for n in OUTPUT_NAMES}
        self.writers: dict[str, Any] = {}
        for name in OUTPUT_NAMES:
            self.writers[name] = pa.parquet.ParquetWriter(
                tmp_path(out, f"{name}.parquet"), self.schemas[name]
            )

    def add(self, record: AuditRecord) -> None:
        self.rows["files"].append(file_row(record))
        if record.status != "error":
            meta = (record.file, record.organ, record.year, record.edition)
            for f in record.findings:
                (rc, ra), (cc, ca), (dc, da) = map(_split, f[6:9])
                self.rows["findings"].append((*meta, *f[:6], rc, cc, dc, ra, ca, da, f[9]))
            for c in record.cells:
                value, amount = _split(c[3])
                self.rows["cells"].append((*meta, *c[:3], value, amount, *c[4:]))
        for name, rows in self.rows.items():
            if len(rows) >= ROW_GROUP:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self.rows[name]
        if not rows:
            return
        schema = self.schemas[name]
        columns = [self.pa.array(list(col), type=field.type)
                   for col, field in zip(zip(*rows, strict=True), schema, strict=True)]  # fmt: skip
        self.writers[name].write_table(self.pa.Table.from_arrays(columns, schema=schema))
        rows.clear()

    def commit(self) -> None:
        for name in OUTPUT_NAMES:
            self._flush(name)
            self.writers[name].close()
        for name in OUTPUT_NAMES:
            os.replace(tmp_path(self.out, f"{name}.parquet"), self.out / f"{name}.parquet")

    def discard(self) -> None:
        for name, writer in self.writers.items():
            with contextlib.suppress(Exception):  # already closed, or broken by the failure
                writer.close()
            with contextlib.suppress(OSError):
                tmp_path(self.out, f"{name}.parquet").unlink()
