"""Audit at scale: parallel and serial give the same outputs, Parquet, resume, Ctrl-C, failures."""

from __future__ import annotations

import csv
import io
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

import gkmodel
from gkmodel.batch import AuditRecord, audit, audit_one
from gkmodel.cli import main

from .conftest import CORPUS, EXAMPLES

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

NAMES = ("files", "findings", "cells")


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _folder(tmp: Path, copies: int = 1) -> Path:
    """The corpus (and a broken DOCX) in a folder, ``copies`` times over.

    Each copy ends in one more newline, so no two files have the same contents.
    """
    folder = tmp / "in"
    for i in range(copies):
        sub = folder / f"c{i:03d}"
        shutil.copytree(CORPUS, sub)
        (sub / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
        for path in sub.iterdir():
            with path.open("ab") as f:
                f.write(b"\n" * i)
    return folder


def test_jobs_2_gives_the_outputs_of_jobs_1(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    for jobs in ("1", "2"):
        out = io.StringIO()
        args = ["audit", str(folder), "--jobs", jobs, "--parquet", "-o", str(tmp_path / jobs)]
        args += ["--lang", "en"]
        assert main(args, stdout=out) == 0
        assert out.getvalue().splitlines()[-2:] == [
            f"wrote {tmp_path / jobs}/files, findings and cells (csv and parquet)",
            f"wrote {tmp_path / jobs}/index.html and an audit view of each report",
        ]
    for name in NAMES:
        one = (tmp_path / "1" / f"{name}.csv").read_bytes()
        assert (tmp_path / "2" / f"{name}.csv").read_bytes() == one
        assert pq.read_table(tmp_path / "2" / f"{name}.parquet").equals(
            pq.read_table(tmp_path / "1" / f"{name}.parquet")
        )
    files = _rows(tmp_path / "1" / "files.csv")
    assert [(Path(r[0]).name, r[1]) for r in files[1:]] == [
        ("2020_shangguan-xiang.txt", "ok"),
        ("2023_hongze-quzf_1.txt", "ok"),
        ("2023_hongze-quzf_2.txt", "ok"),
        ("2023_shuyang-fgj_1.html", "ok"),
        ("2024_hongze-quzf_1.txt", "ok"),
        ("2024_huaian-shizf_1.txt", "ok"),
        ("2024_huaian-shizf_2.txt", "ok"),
        ("2024_shanghai-kewei_1.txt", "ok"),
        ("2025_shanghai-bgt_1.txt", "partial"),
        ("2025_shuyang-xianzf_1.txt", "ok"),
        ("broken.docx", "error"),
    ]


def test_parquet_has_the_rows_of_the_csv_with_types(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    audit([folder], out_dir=tmp_path / "out", parquet=True)
    out = tmp_path / "out"
    for name in NAMES:
        table = pq.read_table(out / f"{name}.parquet")
        rows = _rows(out / f"{name}.csv")
        assert table.num_rows == len(rows) - 1
        assert table.column("file").to_pylist() == [r[0] for r in rows[1:]]
    files = pq.read_table(out / "files.parquet")
    assert files.schema.field("year").type == pa.int32()
    assert files.schema.field("errors").type == pa.int32()
    seed = files.filter(pa.compute.ends_with(files.column("file"), "2020_shangguan-xiang.txt"))
    assert seed.select(["status", "edition", "organ", "year", "inconsistencies"]).to_pylist() == [
        {"status": "ok", "edition": "2019", "organ": "杭州市富阳区上官乡人民政府", "year": 2020,
         "inconsistencies": 4}
    ]  # fmt: skip
    broken = files.filter(pa.compute.ends_with(files.column("file"), "broken.docx")).to_pylist()
    assert broken[0]["year"] is None and broken[0]["errors"] is None
    assert "not a readable Word document" in broken[0]["error"]

    cells = pq.read_table(out / "cells.parquet")
    assert cells.schema.field("value").type == pa.int64()
    assert cells.schema.field("amount").type == pa.decimal128(38, 18)
    csv_cells = _rows(out / "cells.csv")
    header = csv_cells[0]
    for row, got in zip(csv_cells[1:], cells.to_pylist(), strict=True):
        text = row[header.index("value")]
        if row[header.index("unit")]:  # money: the same amount, as a decimal
            assert got["value"] is None and got["amount"] == Decimal(text)
        elif text == "":  # a blank is a null
            assert got["value"] is None and got["amount"] is None
        else:
            assert got["value"] == int(text) and got["amount"] is None
        assert got["unread"] is (row[header.index("unread")] == "true")
        assert got["note"] == (row[header.index("note")] or None)
    assert cells.schema.field("unread").type == pa.bool_()
    unread = [c["path"] for c in cells.to_pylist() if c["unread"]]
    assert len(unread) == 6  # Shanghai 2025: table 二's 规章 and 规范性文件 rows
    huaian = [c for c in cells.to_pylist() if c["file"].endswith("2024_huaian-shizf_1.txt")]
    assert [c["value"] for c in huaian if c["path"] == "$.requests.new_received.total"] == [3119]

    findings = pq.read_table(out / "findings.parquet").to_pylist()
    rev = next(f for f in findings if f["code"] == "T4-REV")
    assert (rev["organ"], rev["reported"], rev["computed"], rev["reported_amount"]) == (
        "洪泽区人民政府", 0, 11, None,
    )  # fmt: skip


def test_parquet_is_read_by_duckdb_and_pandas(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    pandas = pytest.importorskip("pandas")
    audit([CORPUS], out_dir=tmp_path, parquet=True)
    failed = duckdb.sql(
        f"SELECT code, count(*) AS n FROM '{tmp_path}/findings.parquet' "
        "WHERE severity = 'inconsistency' GROUP BY code ORDER BY code"
    ).fetchall()
    assert failed == [("T3-REC", 2), ("T3-TOT", 2), ("T4-LIT-R", 2), ("T4-REV", 2)]
    frame = pandas.read_parquet(tmp_path / "cells.parquet")
    assert str(frame["value"].dtype) == "Int64" or frame["value"].dtype.kind in "if"
    assert len(frame) == 198 + 9 * 200


def _killer(path: str, *, lang: str = "zh") -> AuditRecord:
    """audit_one, except that the process reading a file named ``die.txt`` dies."""
    if path.endswith("die.txt"):
        os.kill(os.getpid(), signal.SIGKILL)
    return audit_one(path, lang=lang)  # type: ignore[arg-type]


def test_a_worker_that_dies_is_one_failed_file(tmp_path: Path) -> None:
    from gkmodel._batch.pool import records

    paths = [str(p) for p in sorted(CORPUS.glob("2023_*"))]
    paths.insert(1, str(tmp_path / "die.txt"))
    jobs = [(p, None) for p in paths]
    got = list(records(jobs, workers=2, lang="zh", stop=lambda: False, fn=_killer))
    assert [r.file for r in got] == paths
    assert [r.status for r in got] == ["ok", "error", "ok", "ok"]
    assert got[1].error == f"{paths[1]}: the process reading it died (signal 9)"


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (RecursionError, "nested too deeply to read"),
        (MemoryError, "out of memory while reading"),
        (ValueError, "internal error: ValueError: bad"),
    ],
)
def test_audit_one_isolates_every_failure(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException], message: str
) -> None:
    import gkmodel.readers

    def broken(*_: object, **__: object) -> None:
        raise error("bad")

    monkeypatch.setattr(gkmodel.readers, "read", broken)
    path = str(CORPUS / "2020_shangguan-xiang.txt")
    record = audit_one(path)
    assert (record.status, record.error) == ("error", f"{path}: {message}")
    assert record.sha256 is not None and len(record.sha256) == 64


def test_audit_one_is_pure_and_picklable() -> None:
    path = CORPUS / "2024_huaian-shizf_1.txt"
    record = gkmodel.audit_one(path, lang="en")
    assert pickle.loads(pickle.dumps(record)) == record == gkmodel.audit_one(path, lang="en")
    assert pickle.loads(pickle.dumps(gkmodel.audit_one)) is gkmodel.audit_one
    assert AuditRecord.from_json(record.to_json()) == record
    assert (record.status, record.organ, record.year, len(record.cells)) == (
        "ok", "淮安市人民政府", 2024, 200,
    )  # fmt: skip


def test_missing_folder_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing-folder"
    out = tmp_path / "out"
    assert main(["audit", str(missing), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"gkmodel audit: {missing}: no such file or folder\n"
    assert not out.exists()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert main(["audit", str(CORPUS), str(fifo), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"gkmodel audit: {fifo}: not a regular file or folder\n"
    assert not out.exists()


def test_stale_temporary_files_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    out = tmp_path / "out"
    out.mkdir()
    stale = [f".cells.csv.tmp{dead_pid}", f".files.parquet.tmp{dead_pid}"]
    kept = [f".cells.csv.tmp{os.getppid()}", f".other.csv.tmp{dead_pid}", "notes.txt"]
    for name in stale + kept:
        (out / name).write_text("x")
    audit([EXAMPLES / "data"], out_dir=out)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([*kept, ".audit-state", "cells.csv", "files.csv", "findings.csv"])


def test_resume_takes_files_done_from_the_state(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    fresh = audit([folder], out_dir=tmp_path / "fresh", jobs=2)
    out = tmp_path / "out"
    first = sorted(folder.rglob("2023_*"))
    audit(first, out_dir=out)
    (folder / "c000" / "copy.txt").write_bytes(first[0].read_bytes())  # same contents, new name
    again = audit([folder], out_dir=out, resume=True, jobs=2)
    assert (again.resumed, again.read, again.failed) == (4, fresh.read + 1, 1)  # copy.txt too
    rows = _rows(out / "files.csv")
    assert [r for r in rows if not r[0].endswith("copy.txt")] == _rows(
        tmp_path / "fresh" / "files.csv"
    )
    copy = next(r for r in rows if r[0].endswith("copy.txt"))
    original = next(r for r in rows if r[0] == str(first[0]))
    assert copy[1:] == original[1:]
    summary = again.summary().splitlines()
    assert "taken from the earlier run (--resume): 4" in summary


def test_resume_refuses_a_state_in_another_language(tmp_path: Path) -> None:
    audit([EXAMPLES / "data"], out_dir=tmp_path)
    with pytest.raises(gkmodel.GkmodelError, match="with another --lang"):
        audit([EXAMPLES / "data"], out_dir=tmp_path, resume=True, lang="en")


def test_ctrl_c_leaves_complete_outputs_and_resume_finishes(tmp_path: Path) -> None:
    folder = _folder(tmp_path, copies=8)  # 88 files
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "gkmodel", "audit", str(folder), "-o", str(out), "--jobs", "2"]
    cmd += ["--lang", "en"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    state = out / ".audit-state"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if state.exists() and state.stat().st_size > 20_000:  # a few files done
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "the same command with --resume finishes the audit" in stdout
    files = _rows(out / "files.csv")
    done = len(files) - 1
    assert 0 < done < 88
    assert f"interrupted: {done} of 88 files done" in stdout
    assert all(len(r) == 14 for r in files)
    names = {r[0] for r in files[1:]}
    for name in ("findings", "cells"):
        rows = _rows(out / f"{name}.csv")
        assert {r[0] for r in rows[1:]} <= names
        assert all(len(r) == len(rows[0]) for r in rows)
    assert not [p for p in out.iterdir() if ".tmp" in p.name]

    resumed = subprocess.run(
        [*cmd, "--resume"], capture_output=True, text=True, timeout=300, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"taken from the earlier run (--resume): {done}" in resumed.stdout
    final = _rows(out / "files.csv")
    assert len(final) == 89 and final[: done + 1] == files


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_of_equal_contents_in_one_run(tmp_path: Path, jobs: int) -> None:
    """A run takes nothing from its own records: twins are audited each, in any run."""
    folder = tmp_path / "in"
    folder.mkdir()
    seed = (CORPUS / "2020_shangguan-xiang.txt").read_bytes()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_bytes(seed)
    for resume in (False, True):
        result = audit([folder], out_dir=tmp_path / "out", jobs=jobs, resume=resume)
        assert (result.read, result.resumed) == (3, 3 if resume else 0)
    rows = _rows(tmp_path / "out" / "files.csv")
    assert [Path(r[0]).name for r in rows[1:]] == ["a.txt", "b.txt", "c.txt"]
    assert len({r[-1] for r in rows[1:]}) == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_records_stream_within_a_bounded_window(workers: int) -> None:
    """Files are taken only a bounded window ahead of the records written: memory stays flat."""
    from gkmodel._batch.pool import records

    path = str(EXAMPLES / "data" / "huaian_2024.json")
    taken = 0

    def jobs() -> object:
        nonlocal taken
        for _ in range(40):
            taken += 1
            yield path, None

    ahead = []
    for n, record in enumerate(
        records(jobs(), workers=workers, lang="zh", stop=lambda: False, window=4),
        1,  # type: ignore[arg-type]
    ):
        assert record.status == "ok"
        ahead.append(taken - n)
    assert len(ahead) == 40
    assert max(ahead) <= (4 if workers > 1 else 0)


def test_a_second_ctrl_c_is_one_line_and_exit_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C that stops at once (no outputs written) is one line, not a traceback."""
    import gkmodel.batch

    def stopped(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(gkmodel.batch, "audit", stopped)
    assert main(["audit", str(CORPUS), "-o", str(tmp_path / "out")]) == 130
    assert capsys.readouterr().err == "gkmodel audit: interrupted\n"
    assert not (tmp_path / "out").exists()
