"""The outputs of an audit: writers that take records one by one and commit all together.

Every writer writes to temporary files named ``.NAME.tmpPID`` in the output
folder and renames them into place on :meth:`Outputs.commit`, so memory stays
flat however many files there are, and a batch that fails leaves no partial
output behind.  Temporary files of an audit whose process is gone (``kill -9``)
are removed by the next audit into the same folder.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shutil
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from gkmodel._batch.record import AuditRecord
from gkmodel.errors import GkmodelError

__all__ = ["CELL_COLUMNS", "FILE_COLUMNS", "FINDING_COLUMNS", "OutputWriter", "Outputs"]

FILE_COLUMNS = ("file", "status", "format", "edition", "organ", "year", "diagnostics",
                "unreadable", "errors", "inconsistencies", "warnings", "infos",
                "error", "sha256")  # fmt: skip
FINDING_COLUMNS = ("file", "organ", "year", "edition", "code", "severity", "table", "row",
                   "column", "path", "reported", "computed", "difference", "message")  # fmt: skip
CELL_COLUMNS = ("file", "organ", "year", "edition", "table", "row", "column", "value", "unit",
                "path", "note", "unread")  # fmt: skip

OUTPUT_NAMES = ("files", "findings", "cells")
"""The tables of an audit, each written as ``NAME.csv`` (and ``NAME.parquet`` with Parquet)."""

_TMP = re.compile(r"^\.(?:files|findings|cells)\.(?:csv|parquet)\.tmp(\d+)$")
_TMP_VIEWS = re.compile(r"^\.views\.tmp(\d+)$")  # the audit views being written (a folder)


class OutputWriter(Protocol):
    """One output of an audit: takes every record in order, then commits or discards."""

    def add(self, record: AuditRecord) -> None:
        """Write what ``record`` adds to this output (to temporary files)."""

    def commit(self) -> None:
        """Close the temporary files and move them into place."""

    def discard(self) -> None:
        """Close and remove the temporary files (nothing is left behind)."""


def tmp_path(out: Path, name: str) -> Path:
    """The temporary name of output ``name`` while this process writes it."""
    return out / f".{name}.tmp{os.getpid()}"


def _gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, and belongs to someone else
        return False
    return False


def remove_stale(out: Path) -> list[str]:
    """Remove the temporary outputs of audits whose process is gone; their names, sorted."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(out):
            match = _TMP.match(entry.name)
            if match and entry.is_file(follow_symlinks=False) and _gone(int(match[1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
            views = _TMP_VIEWS.match(entry.name)
            if views and entry.is_dir(follow_symlinks=False) and _gone(int(views[1])):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(entry.name)
    return sorted(removed)


def _text(value: object) -> object:
    if value is True or value is False:
        return "true" if value else "false"  # as DuckDB, polars and pandas read a boolean
    return format(value, "f") if isinstance(value, Decimal) else value


def file_row(r: AuditRecord) -> tuple[object, ...]:
    """The record's line of ``files``, in :data:`FILE_COLUMNS` order."""
    if r.status == "error":
        return (r.file, r.status, *([None] * 10), r.error, r.sha256)
    return (r.file, r.status, r.format, r.edition, r.organ, r.year, r.diagnostics, r.unreadable,
            r.errors, r.inconsistencies, r.warnings, r.infos, None, r.sha256)  # fmt: skip


class CsvTables:
    """``files.csv``, ``findings.csv`` and ``cells.csv``: UTF-8 with a BOM (Excel opens them)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: list[io.TextIOWrapper] = []
        self.writers = []
        try:
            for name, columns in zip(OUTPUT_NAMES, (FILE_COLUMNS, FINDING_COLUMNS, CELL_COLUMNS),
                                     strict=True):  # fmt: skip
                f = tmp_path(out, f"{name}.csv").open(
                    "w", encoding="utf-8-sig", errors="backslashreplace", newline=""
                )  # (a file name that is no UTF-8: its bytes escaped, never a crash)
                self.files.append(f)
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(columns)
                self.writers.append(writer)
        except OSError:
            self.discard()
            raise

    def add(self, record: AuditRecord) -> None:
        files, findings, cells = self.writers
        files.writerow(["" if v is None else v for v in file_row(record)])
        if record.status == "error":
            return
        meta = (record.file, record.organ, record.year, record.edition)
        findings.writerows((*meta, *("" if v is None else _text(v) for v in f))
                           for f in record.findings)  # fmt: skip
        cells.writerows((*meta, *("" if v is None else _text(v) for v in c))
                        for c in record.cells)  # fmt: skip

    def commit(self) -> None:
        for f in self.files:
            f.close()
        for name in OUTPUT_NAMES:
            os.replace(tmp_path(self.out, f"{name}.csv"), self.out / f"{name}.csv")

    def discard(self) -> None:
        for f in self.files:
            f.close()
        for name in OUTPUT_NAMES:
            with contextlib.suppress(OSError):
                tmp_path(self.out, f"{name}.csv").unlink()


class Outputs:
    """Every output of an audit into ``out``; ``parquet`` adds the Parquet tables.

    The writers are made in :meth:`writers`: another output of an audit (an
    index page, say) is one more writer there, taking the same records.
    """

    def __init__(self, out: Path, *, parquet: bool = False) -> None:
        self.out = out
        self.parquet = parquet
        self.open: list[OutputWriter] = []

    def writers(self) -> Iterable[OutputWriter]:
        """The writers, made one by one (each makes its temporary files)."""
        yield CsvTables(self.out)
        if self.parquet:
            from gkmodel._batch.parquet import ParquetTables

            yield ParquetTables(self.out)

    def __enter__(self) -> Outputs:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            remove_stale(self.out)
            for writer in self.writers():
                self.open.append(writer)
        except OSError as exc:
            self.discard()
            raise GkmodelError(f"{self.out}: cannot write: {exc.strerror}") from None
        except BaseException:
            self.discard()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        """Nothing: the caller commits or discards."""

    def add(self, record: AuditRecord) -> None:
        try:
            for writer in self.open:
                writer.add(record)
        except OSError as exc:  # a full disk, a folder gone: say so, as GkmodelError
            raise GkmodelError(f"{self.out}: cannot write: {exc.strerror}") from None

    def commit(self) -> None:
        try:
            for writer in self.open:
                writer.commit()
        except OSError as exc:
            self.discard()
            raise GkmodelError(f"{self.out}: cannot write: {exc.strerror}") from None

    def discard(self) -> None:
        for writer in self.open:
            writer.discard()
