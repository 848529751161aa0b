"""Batch audit: read every report in folders or files, check each, and write CSV for analysis.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> result = audit(["examples/data"], out_dir=out)
>>> result.read, result.failed
(2, 0)
>>> sorted(p.name for p in out.iterdir())
['cells.csv', 'files.csv', 'findings.csv']
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

import attrs

from gkmodel.errors import GkmodelError
from gkmodel.io.cells import to_cells

__all__ = ["EXTENSIONS", "AuditResult", "audit", "find_reports"]

EXTENSIONS = (".json", ".txt", ".md", ".html", ".htm", ".docx")
"""The files a folder is searched for."""

FILE_COLUMNS = ("file", "status", "format", "edition", "organ", "year", "diagnostics",
                "errors", "inconsistencies", "warnings", "infos", "error")  # fmt: skip
FINDING_COLUMNS = ("file", "organ", "year", "edition", "code", "severity", "table", "row",
                   "column", "path", "reported", "computed", "difference", "message")  # fmt: skip
CELL_COLUMNS = ("file", "organ", "year", "edition", "table", "row", "column", "value", "unit",
                "path")  # fmt: skip


@attrs.frozen(kw_only=True)
class AuditResult:
    """What an audit did: counts, the rules failed most often, and the files that failed."""

    read: int
    failed: int
    by_edition: dict[str, int]
    with_diagnostics: int
    with_errors: int
    top_rules: list[tuple[str, int]]
    failures: list[tuple[str, str]]

    def summary(self) -> str:
        """A short report for people."""
        lines = [
            f"reports read: {self.read}"
            + "".join(f", {n} of the {e} edition" for e, n in sorted(self.by_edition.items())),
            f"with diagnostics: {self.with_diagnostics}; with errors or inconsistencies: "
            f"{self.with_errors}",
            "top rules failed: " + (", ".join(f"{c} ×{n}" for c, n in self.top_rules) or "none"),
        ]
        if self.failures:
            lines.append(f"files that could not be read: {self.failed}")
            lines += [f"  {f}: {e.splitlines()[0]}" for f, e in self.failures]
        return "\n".join(lines)


def find_reports(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every report file named or found (recursively) in the folders named, in sorted order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS
                and f.name.upper() != "INDEX.MD"
            )  # fmt: skip
        else:
            yield p


class _Tables:
    """The three CSV files of an audit, written row by row as the batch goes.

    They go to temporary files in ``out_dir`` and are renamed into place
    together at the end, so memory stays flat however many reports there are,
    and a batch that fails leaves no partial CSV behind.  Without ``out_dir``
    nothing is written (and no cell rows are made).
    """

    NAMES = (("files.csv", FILE_COLUMNS), ("findings.csv", FINDING_COLUMNS),
             ("cells.csv", CELL_COLUMNS))  # fmt: skip

    def __init__(self, out_dir: str | os.PathLike[str] | None) -> None:
        self.out = None if out_dir is None else Path(out_dir)
        self.files: list[io.TextIOWrapper] = []
        self.writers: list[csv.DictWriter[str]] = []

    def __enter__(self) -> _Tables:
        if self.out is None:
            return self
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            for name, columns in self.NAMES:
                f = self._tmp(name).open("w", encoding="utf-8-sig", newline="")
                self.files.append(f)
                writer = csv.DictWriter(
                    f, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
                )
                writer.writeheader()
                self.writers.append(writer)
        except OSError as exc:
            self._discard()
            raise GkmodelError(f"{self.out}: cannot write: {exc.strerror}") from None
        return self

    def _tmp(self, name: str) -> Path:
        assert self.out is not None
        return self.out / f".{name}.tmp{os.getpid()}"

    @property
    def wanted(self) -> bool:
        return self.out is not None

    def add(self, table: int, rows: Iterable[dict[str, object]]) -> None:
        if self.writers:
            self.writers[table].writerows(rows)

    def __exit__(self, kind: object, error: BaseException | None, _: object) -> None:
        for f in self.files:
            f.close()
        if self.out is None:
            return
        try:
            if kind is None:
                for name, _ in self.NAMES:
                    os.replace(self._tmp(name), self.out / name)
                return
        except OSError as exc:
            error = exc
        self._discard()
        if isinstance(error, OSError):  # a full disk, a folder gone: say so, as GkmodelError
            raise GkmodelError(f"{self.out}: cannot write: {error.strerror}") from None

    def _discard(self) -> None:
        for f in self.files:
            f.close()
        for name, _ in self.NAMES:
            with contextlib.suppress(OSError):  # not there, or the folder is not one
                self._tmp(name).unlink()


def audit(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int, Path], None] | None = None,
    lang: Literal["zh", "en"] = "zh",
    index: bool = False,
) -> AuditResult:
    """Read and check every report in ``paths``; write ``files.csv``, ``findings.csv`` and
    ``cells.csv`` to ``out_dir`` (UTF-8 with BOM, so Excel opens them) when it is given.

    One bad file never stops the batch: it is listed in ``files.csv`` with its error.
    ``lang`` is the language of the findings' messages; ``progress`` is called
    before each file with (number, total, path).  With ``index=True``,
    ``index.html`` and an audit view of each report are written to ``out_dir``
    too (:func:`gkmodel.renderers.audit_index.write_audit_index`).
    """
    from gkmodel.readers import read
    from gkmodel.rules import Severity, check

    files = list(find_reports(paths))
    editions: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    with_diag = with_err = 0
    with _Tables(out_dir) as tables:
        for n, path in enumerate(files, 1):
            if progress is not None:
                progress(n, len(files), path)
            name = str(path)
            try:
                result = read(path)
            except GkmodelError as exc:
                failures.append((name, str(exc)))
                tables.add(0, [{"file": name, "status": "error", "error": str(exc)}])
                continue
            report = result.report
            findings = check(report, lang=lang)
            meta = {
                "file": name,
                "organ": report.meta.organ.name,
                "year": report.meta.year,
                "edition": report.edition.value,
            }
            editions[report.edition.value] += 1
            failed = findings.at_least(Severity.INCONSISTENCY)
            rules.update(f.code for f in failed)
            with_diag += bool(result.diagnostics)
            with_err += bool(failed)
            if not tables.wanted:
                continue
            counts = Counter(f.severity.value for f in findings)
            tables.add(0, [{
                **meta, "status": "ok", "format": result.format,
                "diagnostics": len(result.diagnostics), "errors": counts["error"],
                "inconsistencies": counts["inconsistency"], "warnings": counts["warning"],
                "infos": counts["info"],
            }])  # fmt: skip
            tables.add(1, ({**meta, **f.to_dict()} for f in findings))
            tables.add(2, ({**meta, **cell} for cell in to_cells(report)))
    if index and out_dir is not None:  # the audit index page, from the CSV files just written
        from gkmodel.renderers.audit_index import write_audit_index

        write_audit_index(out_dir, lang=lang)
    return AuditResult(
        read=len(files) - len(failures),
        failed=len(failures),
        by_edition=dict(editions),
        with_diagnostics=with_diag,
        with_errors=with_err,
        top_rules=rules.most_common(5),
        failures=failures,
    )


def terminal_progress(
    stream: io.TextIOBase | None = None,
) -> Callable[[int, int, Path], None] | None:
    """A one-line progress bar on a terminal; None when the stream is not a terminal."""
    out = stream or sys.stderr
    if not out.isatty():
        return None

    def show(n: int, total: int, path: Path) -> None:
        width = 30
        done = width * n // max(total, 1)
        out.write(f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {path.name[:40]:<40}")
        if n == total:
            out.write("\n")
        out.flush()

    return show
