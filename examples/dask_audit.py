"""Audit on Dask: the same outputs as ``gkmodel audit --parquet``, from a cluster's workers.

``gkmodel.audit_one(path)`` is pure and picklable, so any engine that maps a
function over a list can run it; ``gkmodel.batch.write_audit`` writes the records
it gets back, in the order of the files, as the same CSV and Parquet files
``gkmodel audit -o OUT --parquet`` writes.  The partitions are computed a few at
a time ahead of the writer, so the client holds only those, however many files.

The same code runs on a cluster (``Client("tcp://scheduler:8786")``) when every
worker sees the files under the same paths (a shared file system).

Run: ``python examples/dask_audit.py [FOLDER] [OUT_DIR]``
(defaults: ``examples/data`` and ``out/dask-audit``; a local cluster of two workers).
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag as db
from dask.distributed import Client, LocalCluster

import gkmodel
from gkmodel.batch import AuditRecord, AuditResult, find_reports, write_audit

HERE = Path(__file__).resolve().parent


def audit_on_dask(
    folders: list[Path], out_dir: Path, client: Any, *, per_partition: int = 50, ahead: int = 4
) -> AuditResult:
    """Audit every report in ``folders`` on the Dask ``client``; write ``out_dir`` as
    ``gkmodel audit --parquet`` does."""
    files = [str(p) for p in find_reports(folders)]
    partitions = max(1, -(-len(files) // per_partition))
    bag = db.from_sequence(files, npartitions=partitions).map(gkmodel.audit_one)

    def records() -> Iterator[AuditRecord]:
        window: deque[Any] = deque()
        for part in bag.to_delayed():  # in the order of the files
            window.append(client.compute(part))
            if len(window) > ahead:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()

    return write_audit(records(), out_dir, parquet=True, total=len(files))


def main(folder: Path, out_dir: Path) -> None:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        result = audit_on_dask([folder], out_dir, client)
    print(result.summary())
    print(f"wrote {out_dir}/files, findings and cells (csv and parquet)")


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "data",
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out/dask-audit"),
    )
