"""Audit files in worker processes, results in the order of the files, a bounded window ahead.

Each worker holds one file at a time, so a worker that dies (killed, out of
memory, a crash in a C library) is one failed file: its record says so, a new
worker takes its place, and the batch goes on.  At most ``window`` results wait
for an earlier file to finish, so memory stays flat whatever the number of
files.  Workers ignore SIGINT: Ctrl-C reaches the parent, which stops.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Literal

from gkmodel._batch.record import AuditRecord, audit_one

__all__ = ["Job", "records"]

Job = tuple[str, "AuditRecord | None"]
"""A file to audit, with its record when it is already known (``--resume``)."""

_PRELOAD = ["gkmodel.batch", "gkmodel.readers", "gkmodel.rules", "gkmodel.io.cells"]


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:  # no fork of a parent that may hold threads
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


AuditOne = Callable[..., AuditRecord]
""":func:`audit_one`, or a function of the same shape (a module-level one: it is pickled)."""


def _work(conn: Connection, lang: Literal["zh", "en"], fn: AuditOne) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path = task
        conn.send((index, fn(path, lang=lang)))


def died(path: str, exitcode: int | None) -> AuditRecord:
    """The record of a file whose worker process ended without a result."""
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit {exitcode}"
    return AuditRecord(file=path, error=f"{path}: the process reading it died ({how})")


class _Worker:
    def __init__(self, ctx: Any, lang: Literal["zh", "en"], fn: AuditOne) -> None:
        self.conn, theirs = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(theirs, lang, fn), daemon=True)
        self.process.start()
        theirs.close()
        self.task: tuple[int, str] | None = None

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.conn.close()


def records(
    jobs: Iterable[Job],
    *,
    workers: int,
    lang: Literal["zh", "en"],
    stop: Callable[[], bool],
    window: int | None = None,
    fn: AuditOne = audit_one,
) -> Iterator[AuditRecord]:
    """The record of each job, in order; audited by ``workers`` processes (1: in this one).

    ``stop()`` is asked between files: when it is true no more files are
    started and the records so far are all that is yielded.  ``fn`` audits one file.
    """
    if workers <= 1:
        for path, known in jobs:
            if stop():
                return
            yield known if known is not None else fn(path, lang=lang)
        return
    yield from _parallel(iter(jobs), workers, lang, stop, window=window or workers * 4, fn=fn)


def _parallel(
    jobs: Iterator[Job], count: int, lang: Literal["zh", "en"], stop: Callable[[], bool],
    *, window: int, fn: AuditOne,
) -> Iterator[AuditRecord]:  # fmt: skip
    ctx = _context()
    pool: list[_Worker] = []
    ready: dict[int, AuditRecord] = {}
    todo: list[tuple[int, str]] = []
    taken = emitted = 0
    exhausted = False
    try:
        pool = [_Worker(ctx, lang, fn) for _ in range(count)]
        while True:
            # take jobs while the window allows: known records are ready at once
            while not exhausted and taken < emitted + window and len(todo) < count:
                job = next(jobs, None)
                if job is None:
                    exhausted = True
                    break
                path, known = job
                if known is not None:
                    ready[taken] = known
                else:
                    todo.append((taken, path))
                taken += 1
            for worker in pool:
                if worker.task is None and todo:
                    worker.task = todo.pop(0)
                    worker.conn.send(worker.task)
            while emitted in ready:
                yield ready.pop(emitted)
                emitted += 1
            if stop() or (exhausted and emitted == taken):
                return
            busy = [w for w in pool if w.task is not None]
            if not busy:
                continue
            signalled = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], 0.2)
            for i, worker in enumerate(pool):
                if worker.task is None or (
                    worker.conn not in signalled and worker.process.sentinel not in signalled
                ):
                    continue
                try:
                    index, record = worker.conn.recv()
                except (EOFError, OSError):  # it died with the file
                    index, path = worker.task
                    worker.process.join()
                    ready[index] = died(path, worker.process.exitcode)
                    worker.stop()
                    pool[i] = _Worker(ctx, lang, fn)
                    continue
                ready[index] = record
                worker.task = None
    finally:
        for worker in pool:
            worker.stop()
