"""Batch audit: read every report in folders or files, check each, and write tables for analysis.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> result = audit(["examples/data"], out_dir=out)
>>> result.read, result.failed
(2, 0)
>>> sorted(p.name for p in out.iterdir())
['.audit-state', 'cells.csv', 'files.csv', 'findings.csv']

Files are audited by :func:`audit_one` (pure and picklable), in ``jobs``
processes, and the records are written in the order of the files
(:mod:`gkmodel._batch`: the record, the outputs, the pool, the resume state).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Literal, TextIO

import attrs

from gkmodel._batch.outputs import CELL_COLUMNS, FILE_COLUMNS, FINDING_COLUMNS, Outputs
from gkmodel._batch.pool import Job, records
from gkmodel._batch.record import AuditRecord, audit_one, content_hash
from gkmodel._batch.state import State
from gkmodel._sources import AUDIT_SUFFIXES
from gkmodel.errors import GkmodelError

if TYPE_CHECKING:
    from gkmodel.readers import ReadResult

__all__ = [
    "CELL_COLUMNS",
    "EXTENSIONS",
    "FILE_COLUMNS",
    "FINDING_COLUMNS",
    "STATUSES",
    "AuditInterrupted",
    "AuditRecord",
    "AuditResult",
    "audit",
    "audit_one",
    "default_jobs",
    "file_status",
    "find_reports",
    "write_audit",
]

EXTENSIONS = AUDIT_SUFFIXES
"""The suffixes of the files an audit reads in a folder."""
"""The files a folder is searched for."""

STATUSES = ("ok", "partial", "error")
"""The ``status`` of a file in ``files.csv``: ``ok`` read whole (its findings, if any, are
the report's own, in the finding columns); ``partial`` read only in part, ``unreadable``
table cells could not be read and were left blank (a reading problem, not the report's);
``error`` the file could not be read at all (the ``error`` column says why)."""


def file_status(result: ReadResult) -> str:
    """The ``status`` of a file that was read: ``partial`` when cells were unreadable, or ``ok``."""
    return "partial" if result.unreadable_cells else "ok"


def default_jobs() -> int:
    """The CPUs this process may use (the default of ``gkmodel audit --jobs``)."""
    with contextlib.suppress(AttributeError):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


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
    partial: int = 0
    """Reports read only in part (status ``partial``): cells of their tables unreadable."""
    total: int | None = None
    """The files found (None when the records came from an iterable of unknown length)."""
    resumed: int = 0
    """Records taken from the state of an earlier run (``resume``), not audited again."""
    interrupted: bool = False
    """True when the audit was stopped (Ctrl-C) before every file was done."""

    def summary(self, lang: Literal["en", "zh"] = "en") -> str:
        """A short report for people, in English or (``lang="zh"``) in Chinese."""
        t = _SUMMARY[lang]
        editions = "".join(
            t["edition"].format(e=e, n=n) for e, n in sorted(self.by_edition.items())
        )
        top = t["sep"].join(f"{c} ×{n}" for c, n in self.top_rules) or t["none"]
        lines = [
            t["read"].format(n=self.read, editions=editions),
            t["flagged"].format(diag=self.with_diagnostics, err=self.with_errors),
            t["top"].format(top=top),
            t["partial"].format(n=self.partial),
        ]
        if self.resumed:
            lines.append(t["resumed"].format(n=self.resumed))
        if self.failures:
            lines.append(t["failed"].format(n=self.failed))
            lines += [t["failure"].format(f=f, e=e.splitlines()[0]) for f, e in self.failures[:20]]
            if self.failed > 20:
                lines.append(t["more"].format(n=self.failed - 20))
        if self.interrupted:
            lines.append(t["interrupted"].format(done=self.read + self.failed, total=self.total))
        return "\n".join(lines)


_SUMMARY: dict[str, dict[str, str]] = {
    "en": {
        "read": "reports read: {n}{editions}",
        "edition": ", {n} of the {e} edition",
        "flagged": "with diagnostics: {diag}; with errors or inconsistencies: {err}",
        "top": "top rules failed: {top}",
        "sep": ", ",
        "none": "none",
        "partial": "read only in part (table cells unreadable, left blank): {n}",
        "resumed": "taken from the earlier run (--resume): {n}",
        "failed": "files that could not be read: {n}",
        "failure": "  {f}: {e}",
        "more": "  … and {n} more (files.csv lists them all)",
        "interrupted": "interrupted: {done} of {total} files done; "
        "the same command with --resume finishes the audit",
    },
    "zh": {
        "read": "读取报告：{n} 份{editions}",
        "edition": "，{e}年版格式 {n} 份",
        "flagged": "有读取诊断：{diag} 份；有错误或不一致：{err} 份",
        "top": "未通过最多的规则：{top}",
        "sep": "，",
        "none": "无",
        "partial": "仅部分读取（表格单元格无法读取，留空）：{n} 份",
        "resumed": "沿用上次运行的结果（--resume）：{n} 份",
        "failed": "无法读取的文件：{n} 个",
        "failure": "  {f}：{e}",
        "more": "  ……另有 {n} 个（files.csv 列出全部）",
        "interrupted": "已中断：{total} 个文件中完成 {done} 个；以同一命令加 --resume 完成审核",
    },
}
"""The lines of :meth:`AuditResult.summary`, in each language."""


class AuditInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped :func:`audit`: the outputs of the files done are complete and in place,
    and ``result`` says what was done (``--resume`` goes on from there)."""

    def __init__(self, result: AuditResult) -> None:
        super().__init__("audit interrupted")
        self.result = result


def _check_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The paths named, each an existing folder or regular file; else one GkmodelError.  One
    path given alone (``audit("reports")``) is one path, not a list of its characters."""
    from gkmodel.errors import ArgumentTypeError

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    for named in paths:
        if not isinstance(named, (str, os.PathLike)):
            raise ArgumentTypeError("audit", "paths", "paths (str or os.PathLike)", named)
        p = Path(named)
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            missing = isinstance(exc, FileNotFoundError)
            raise GkmodelError(
                f"{p}: {'no such file or folder' if missing else exc.strerror}"
            ) from None
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise GkmodelError(f"{p}: not a regular file or folder")
        out.append(p)
    return out


def find_reports(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every report file named or found (recursively) in the folders named, in sorted order.

    Each file once: a path named twice, or a folder or report file inside a folder also named, is
    taken where the walk finds it (only the paths named are remembered: memory stays constant).
    """
    named = list(map(Path, paths))
    roots = [p.resolve() for p in named if p.is_dir()]
    seen: list[Path] = []
    for p in named:
        real = p.resolve()
        if real in seen:
            continue
        seen.append(real)
        inside = any(root in real.parents for root in roots)
        if inside and (p.is_dir() or _found_by_walk(p)):
            continue
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and _found_by_walk(f)
            )  # fmt: skip
        else:
            yield p


def _found_by_walk(path: Path) -> bool:
    return path.suffix.lower() in EXTENSIONS and path.name.upper() != "INDEX.MD"


class _Tally:
    """The counts of :class:`AuditResult`, kept as records go by (nothing else is held)."""

    def __init__(self) -> None:
        self.done = self.failed = self.partial = self.with_diag = self.with_err = 0
        self.resumed = 0
        self.editions: Counter[str] = Counter()
        self.rules: Counter[str] = Counter()
        self.failures: list[tuple[str, str]] = []

    def add(self, r: AuditRecord) -> None:
        self.done += 1
        if r.status == "error":
            self.failed += 1
            self.failures.append((r.file, r.error or ""))
            return
        self.editions[r.edition or ""] += 1
        failed = r.failed_codes
        self.rules.update(failed)
        self.with_diag += r.diagnostics > 0
        self.with_err += bool(failed)
        self.partial += r.status == "partial"

    def result(self, total: int | None, *, interrupted: bool = False) -> AuditResult:
        return AuditResult(
            read=self.done - self.failed,
            failed=self.failed,
            by_edition=dict(self.editions),
            with_diagnostics=self.with_diag,
            with_errors=self.with_err,
            top_rules=self.rules.most_common(5),
            failures=self.failures,
            partial=self.partial,
            total=total,
            resumed=self.resumed,
            interrupted=interrupted,
        )


Progress = Callable[[int, int, Path], None]


def write_audit(
    records: Iterable[AuditRecord],
    out_dir: str | os.PathLike[str],
    *,
    parquet: bool = False,
    total: int | None = None,
    progress: Progress | None = None,
) -> AuditResult:
    """Write the outputs of an audit from records made anywhere (in order, e.g. on a cluster).

    The same files as :func:`audit` (without its resume state): ``files``,
    ``findings`` and ``cells`` as CSV and, with ``parquet``, as Parquet.
    """
    if parquet:
        from gkmodel._batch.parquet import require_pyarrow

        require_pyarrow()
    tally = _Tally()
    with _committing(Outputs(Path(out_dir), parquet=parquet)) as outputs:
        for n, record in enumerate(records, 1):
            outputs.add(record)
            tally.add(record)
            if progress is not None:
                progress(n, total or n, Path(record.file))
    return tally.result(total)


@contextlib.contextmanager
def _committing(outputs: Outputs) -> Iterator[Outputs]:
    with outputs:
        try:
            yield outputs
        except BaseException:
            outputs.discard()
            raise
        outputs.commit()


class _Stop:
    """Ctrl-C asks the audit to stop after the file at hand; a second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.asked = False
        self.previous: object = None

    def __call__(self) -> bool:
        return self.asked

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        self.asked = True
        signal.signal(signal.SIGINT, signal.default_int_handler)

    def __enter__(self) -> _Stop:
        if (
            threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler
        ):
            self.previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)  # type: ignore[arg-type]


def _check_outputs(out: Path, *, parquet: bool, index: bool) -> None:
    """Refuse, before anything is audited, an output folder where an output cannot be written
    (a folder in the way of a file, a file in the way of the folder): no audit stops at its
    end with its tables written and its index not."""
    from gkmodel._batch.outputs import OUTPUT_NAMES

    if out.exists() and not out.is_dir():
        raise GkmodelError(f"{out}: cannot write the audit into it: a file, not a folder")
    names = [f"{n}.csv" for n in OUTPUT_NAMES] + [f"{n}.parquet" for n in OUTPUT_NAMES] * parquet
    names += ["index.html"] * index
    for name in names:
        if (out / name).is_dir():
            raise GkmodelError(f"{out / name}: cannot write: a folder, not a file name")
    if index and (out / "views").exists() and not (out / "views").is_dir():
        raise GkmodelError(f"{out / 'views'}: cannot write the audit views: a file, not a folder")


def audit(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    lang: Literal["zh", "en"] = "zh",
    jobs: int = 1,
    parquet: bool = False,
    resume: bool = False,
    index: bool = False,
) -> AuditResult:
    """Read and check every report in ``paths``; write ``files``, ``findings`` and ``cells``
    to ``out_dir`` as CSV (UTF-8 with BOM, so Excel opens them) and, with ``parquet``, as
    Parquet, when it is given.

    One bad file never stops the batch: it is listed in ``files.csv`` with its error.
    ``jobs`` processes audit the files (1: this process); the outputs are the same
    whatever the number.  ``out_dir`` also keeps the resume state: with ``resume``,
    files whose contents were audited by an earlier run into ``out_dir`` are taken
    from it, not audited again.  Ctrl-C stops after the files at hand, writes their
    outputs in full and raises :class:`AuditInterrupted`.  ``lang`` is the language of
    the findings' messages; ``progress`` is called after each file with (number done,
    total, path).  A path that is neither a folder nor a regular file is a
    GkmodelError, before anything is written.
    With ``index=True``, ``index.html`` and an audit view of each report are
    written to ``out_dir`` too (:func:`gkmodel.renderers.audit_index.write_audit_index`).
    """
    roots = _check_paths(paths)
    if out_dir is None and (parquet or resume):
        raise GkmodelError("Parquet output and --resume need an output folder (-o OUT)")
    if parquet:
        from gkmodel._batch.parquet import require_pyarrow

        require_pyarrow()
    if out_dir is not None:
        _check_outputs(Path(out_dir), parquet=parquet, index=index)
    files = [str(p) for p in find_reports(roots)]
    jobs = max(1, min(jobs, len(files)))  # no more workers than files
    tally = _Tally()
    with _Stop() as stop:
        if out_dir is None:
            for n, record in enumerate(records(((f, None) for f in files), workers=jobs,
                                               lang=lang, stop=stop), 1):  # fmt: skip
                tally.add(record)
                if progress is not None:
                    progress(n, len(files), Path(record.file))
        else:
            _audit_into(Path(out_dir), files, tally, stop, progress=progress, lang=lang,
                        jobs=jobs, parquet=parquet, resume=resume)  # fmt: skip
            if index:  # the audit index page, from the CSV files just written
                from gkmodel.renderers.audit_index import write_audit_index

                write_audit_index(out_dir, lang=lang)
    result = tally.result(len(files), interrupted=tally.done < len(files))
    if result.interrupted:
        raise AuditInterrupted(result)
    return result


def _audit_into(
    out: Path, files: list[str], tally: _Tally, stop: _Stop, *, progress: Progress | None,
    lang: Literal["zh", "en"], jobs: int, parquet: bool, resume: bool,
) -> None:  # fmt: skip
    with _committing(Outputs(out, parquet=parquet)) as outputs:
        state = State(out, lang=lang, resume=resume)
        reused: deque[bool] = deque()  # for each job taken, in order: was it in the state?
        try:

            def jobs_of() -> Iterator[Job]:
                for f in files:
                    known = state.get(content_hash(f), f) if len(state) else None
                    reused.append(known is not None)
                    yield f, known

            for n, record in enumerate(records(jobs_of(), workers=jobs, lang=lang, stop=stop),
                                       1):  # fmt: skip
                outputs.add(record)
                tally.add(record)
                if reused.popleft():
                    tally.resumed += 1
                else:
                    state.add(record)
                if progress is not None:
                    progress(n, len(files), Path(record.file))
        except OSError as exc:
            raise GkmodelError(f"{out}: cannot write: {exc.strerror}") from None
        finally:
            state.close()


def terminal_progress(stream: TextIO | None = None) -> Progress | None:
    """A one-line progress bar with rate and ETA on a terminal; None when not a terminal."""
    out = stream or sys.stderr
    if not out.isatty():
        return None
    start = time.monotonic()
    shown = [0.0]

    def show(n: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if n < total and now - shown[0] < 0.1:
            return
        shown[0] = now
        width = 30
        done = width * n // max(total, 1)
        rate = n / max(now - start, 1e-9)
        eta = int((total - n) / rate) if rate else 0
        out.write(
            f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {rate:.1f}/s "
            f"ETA {eta // 3600}:{eta // 60 % 60:02d}:{eta % 60:02d} {path.name[:30]:<30}"
        )
        if n == total:
            out.write("\n")
        out.flush()

    return show
