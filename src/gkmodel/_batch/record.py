"""One file audited: :func:`audit_one` and the :class:`AuditRecord` it returns.

A record holds plain values only (strings, ints, Decimals, None and tuples of
them), so it pickles cheaply between processes and machines; the writers of
:mod:`gkmodel._batch.outputs` turn it into rows of every output.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs

from gkmodel import limits
from gkmodel.errors import GkmodelError

__all__ = ["AuditRecord", "CellRow", "FindingRow", "audit_one", "content_hash"]

CellRow = tuple[str, str, str, "int | Decimal | None", "str | None", str, "str | None", bool]
"""table, row, column, value (an int, a Decimal for money, None when blank), unit, path, the
note written in the cell (or None), and whether the reader could not read it (blank then)."""

FindingRow = tuple[
    str, str, "str | None", "str | None", "str | None", str,
    "int | Decimal | None", "int | Decimal | None", "int | Decimal | None", str,
]  # fmt: skip
"""code, severity, table, row, column, path, reported, computed, difference, message."""


@attrs.frozen(kw_only=True)
class AuditRecord:
    """What auditing one file found: its status, the report's metadata, its findings and cells.

    ``status`` is ``ok`` (read whole), ``partial`` (read in part: ``unreadable``
    table cells were left blank) or ``error`` (not read: ``error`` says why, and
    the report's fields are None).  ``sha256`` is the hex digest of the file's
    bytes (None when it could not be read), the key of ``--resume``.
    """

    file: str
    sha256: str | None = None
    status: str = "error"
    format: str | None = None
    edition: str | None = None
    organ: str | None = None
    year: int | None = None
    diagnostics: int = 0
    unreadable: int = 0
    errors: int = 0
    inconsistencies: int = 0
    warnings: int = 0
    infos: int = 0
    error: str | None = None
    findings: tuple[FindingRow, ...] = ()
    cells: tuple[CellRow, ...] = ()

    @property
    def failed_codes(self) -> list[str]:
        """The codes of the findings of severity error or inconsistency, in order."""
        return [f[0] for f in self.findings if f[1] in ("error", "inconsistency")]

    def moved(self, file: str) -> AuditRecord:
        """The same record for a file of the same content under another name."""
        if file == self.file:
            return self
        error = self.error
        if error is not None and error.startswith(self.file + ":"):
            error = file + error[len(self.file) :]
        return attrs.evolve(self, file=file, error=error)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data without loss: a number in a row is an int, or a Decimal as a string."""
        data = attrs.asdict(self, recurse=False)
        data["cells"] = [[_num(v) for v in c] for c in self.cells]
        data["findings"] = [[_num(v) for v in f] for f in self.findings]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuditRecord:
        """The record :meth:`to_json` wrote (numbers in string form are Decimals again)."""
        cells = tuple((*c[:3], _dec(c[3]), *c[4:8]) for c in data.pop("cells"))
        findings = tuple((*f[:6], *map(_dec, f[6:9]), f[9]) for f in data.pop("findings"))
        return cls(**data, cells=cells, findings=findings)


def _num(value: object) -> object:
    return format(value, "f") if isinstance(value, Decimal) else value


def _dec(value: object) -> Any:
    return Decimal(value) if isinstance(value, str) else value


def content_hash(path: str | os.PathLike[str]) -> str | None:
    """The SHA-256 of a regular file's bytes (hex), or None when it is not one or cannot be read."""
    try:
        with open(path, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None
            digest = hashlib.sha256()
            while chunk := f.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def audit_one(path: str | os.PathLike[str], *, lang: Literal["zh", "en"] = "zh") -> AuditRecord:
    """Read and check one file; never raises for anything about the file itself.

    Pure (the same file gives an equal record) and picklable, so it runs as
    well in a process pool or on a cluster (see ``docs/scale.md``) as here.
    A file that cannot be read, or whose reading fails in any way (even
    ``RecursionError`` or ``MemoryError``), is a record of status ``error``.

    >>> r = audit_one("tests/data/corpus/2020_shangguan-xiang.txt", lang="en")
    >>> r.status, r.organ, r.year, r.inconsistencies, len(r.cells)
    ('ok', '杭州市富阳区上官乡人民政府', 2020, 4, 198)
    """
    if not isinstance(path, (str, os.PathLike)):
        from gkmodel.errors import ArgumentTypeError

        raise ArgumentTypeError("audit_one", "path", "a path (str or os.PathLike)", path)
    name = str(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return AuditRecord(file=name, error=f"{name}: cannot be read: {exc.strerror}")
    if not stat.S_ISREG(mode):
        return AuditRecord(file=name, error=f"{name}: not a regular file")
    sha = content_hash(path)
    try:
        return _audit(Path(path), name, sha, lang)
    except GkmodelError as exc:
        return AuditRecord(file=name, sha256=sha, error=str(exc))
    except RecursionError:
        return AuditRecord(file=name, sha256=sha, error=f"{name}: nested too deeply to read")
    except MemoryError:
        return AuditRecord(file=name, sha256=sha, error=f"{name}: out of memory while reading")
    except Exception as exc:  # noqa: BLE001  one file's failure never stops a batch
        return AuditRecord(
            file=name, sha256=sha, error=f"{name}: internal error: {type(exc).__name__}: {exc}"
        )


def _audit(path: Path, name: str, sha: str | None, lang: Literal["zh", "en"]) -> AuditRecord:
    from gkmodel.batch import file_status
    from gkmodel.io.cells import to_cells
    from gkmodel.readers import read
    from gkmodel.rules import check

    result = read(path)
    report = result.report
    findings = check(report, lang=lang, unread=result.unread)  # not the organ's blanks
    unread_cells = frozenset(result.unreadable_cells)
    cells = tuple(
        (
            c["table"],
            c["row"],
            c["column"],
            Decimal(c["value"]) if "unit" in c else c["value"],
            c.get("unit"),
            c["path"],
            c.get("note"),
            c["path"] in unread_cells,
        )
        for c in to_cells(report)
    )
    rows = tuple(
        (f.code, f.severity.value, f.table, f.row, f.column, f.path,
         f.reported, f.computed, f.difference, f.message)
        for f in findings
    )  # fmt: skip
    too_fine = _unheld_amount(cells, rows)
    if too_fine is not None:
        return AuditRecord(file=name, sha256=sha, error=f"{name}: {too_fine}")
    counts = Counter(f.severity.value for f in findings)
    return AuditRecord(
        file=name,
        sha256=sha,
        status=file_status(result),
        format=result.format,
        edition=report.edition.value,
        organ=report.meta.organ.name,
        year=report.meta.year,
        diagnostics=len(result.diagnostics),
        unreadable=len(unread_cells),
        errors=counts["error"],
        inconsistencies=counts["inconsistency"],
        warnings=counts["warning"],
        infos=counts["info"],
        findings=rows,
        cells=cells,
    )


def _unheld_amount(cells: tuple[CellRow, ...], findings: tuple[FindingRow, ...]) -> str | None:
    """Why an amount cannot be kept exactly in the audit's decimal columns, or None."""
    places = limits.MAX_AMOUNT_PLACES
    digits = 38 - places
    values = [(c[5], c[3]) for c in cells] + [(f[5], v) for f in findings for v in f[6:9]]
    for where, value in values:
        if not isinstance(value, Decimal):
            continue
        exponent = value.as_tuple().exponent
        if (isinstance(exponent, int) and exponent < -places) or value.adjusted() >= digits:
            return (
                f"the amount {format(value, 'f')} at {where} has more than {places} decimal "
                f"places or {digits} whole digits, more than an audit keeps exactly "
                "(gkmodel.limits.MAX_AMOUNT_PLACES)"
            )
    return None
