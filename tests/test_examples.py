"""Every file in ``examples/`` runs, and the bundled JSON is what it writes."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import gkmodel

from .conftest import EXAMPLES

SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py"))
BUILDERS = [EXAMPLES / "huaian_2024.py", EXAMPLES / "shangguan_2020.py"]


def test_every_example_is_covered() -> None:
    """Each script here has its test below; a new example needs one."""
    assert [p.name for p in SCRIPTS] == [
        "audit_folder.py",
        "dask_audit.py",
        "huaian_2024.py",
        "render_word_html.py",
        "schema_validate.py",
        "shangguan_2020.py",
        "tally_register.py",
    ]


def _run(script: str, *args: str, cwd: Path) -> str:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("script", BUILDERS, ids=lambda p: p.name)
def test_example_writes_bundled_json(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, str(script), str(out)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    bundled = EXAMPLES / "data" / (script.stem + ".json")
    assert out.read_text(encoding="utf-8") == bundled.read_text(encoding="utf-8")


def test_seed_numbers_as_published() -> None:
    build = runpy.run_path(str(EXAMPLES / "shangguan_2020.py"))["build"]
    r = build()
    assert r.meta.organ.name == "杭州市富阳区上官乡人民政府"
    assert r.requests.results.total.natural_person == 4  # the published error is kept
    assert r.requests.results.granted.natural_person == 0
    assert r.active_disclosure.item9.procurement.projects == 11
    assert r == gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json")


def test_huaian_numbers_as_published() -> None:
    r = runpy.run_path(str(EXAMPLES / "huaian_2024.py"))["build"]()
    assert r.requests.new_received.total == 3119
    assert r.requests.results.total.total == 3050
    assert r.appeals.reconsideration.total == 351
    assert str(r.active_disclosure.item8.fees.amount) == "96171.6万元"
    assert str(r.other_matters.fees.amount_collected) == "3940元"


def test_tally_register(tmp_path: Path) -> None:
    out = _run("tally_register.py", "--records", "500", "-o", "reg/register.csv", cwd=tmp_path)
    assert out.splitlines()[0] == (
        "500 applications: 一 478 received, 二 22 carried over, 三（七） 480 closed, "
        "四 20 carried forward"
    )
    assert "tables 三 and 四 pass every rule" in out
    header = (tmp_path / "reg" / "register.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "编号,申请日期,申请人类型,办理结果,办结日期"
    assert (tmp_path / "reg" / "register-cases.csv").is_file()


def test_few_thousand_records_in_one_command(tmp_path: Path) -> None:
    """A generated register of 3,000 records tallies, checks clean and renders to DOCX and HTML."""
    import io

    from gkmodel.cli import main
    from gkmodel.rules import Severity, check

    _run("tally_register.py", "--records", "3000", "-o", "register.xlsx", cwd=tmp_path)
    args = ["build", str(tmp_path / "register.xlsx"), "--cases", str(tmp_path / "register-cases.xlsx"),
            "--year", "2024", "--organ", "某县人民政府", "--level", "县级政府",
            "-o", str(tmp_path / "out" / "report.json"), "--render", "html,docx"]  # fmt: skip
    stdout = io.StringIO()
    assert main(args, stdout=stdout) == 0
    assert stdout.getvalue().startswith("3000 条申请 → ")  # in the language of the messages
    report = gkmodel.load(tmp_path / "out" / "report.json")
    assert report.requests.new_received.total + report.requests.carried_over.total == 3000
    assert (
        report.appeals.reconsideration.total
        + report.appeals.litigation.direct.total
        + (report.appeals.litigation.after_reconsideration.total)
        == 60
    )
    # The tables tallied pass every rule; the parts a register cannot fill (sections 一, 五, 六
    # and table 二) are left out until their author writes them, each a warning.
    assert [(f.code, f.path) for f in check(report).at_least(Severity.WARNING)] == [
        ("R-SECTION", "$.overview"),
        ("R-SECTION", "$.problems"),
        ("R-SECTION", "$.other_matters"),
        ("R-TABLE", "$.active_disclosure"),
    ]
    assert stdout.getvalue().endswith("；4 项警告\n")
    for suffix in (".html", ".docx"):
        assert gkmodel.read(tmp_path / "out" / f"report{suffix}").report == report


def test_render_word_html(tmp_path: Path) -> None:
    out = _run("render_word_html.py", cwd=tmp_path)
    assert "report.docx" in out and out.count("reads back exactly") == 2
    html = (tmp_path / "out" / "fragment.html").read_text(encoding="utf-8")
    assert html.startswith("<article") and "gkmodel-report" not in html


def test_audit_folder(tmp_path: Path) -> None:
    out = _run("audit_folder.py", cwd=tmp_path)
    assert out.splitlines()[0] == "reports read: 2, 1 of the 2019 edition, 1 of the 2021 edition"
    assert "杭州市富阳区上官乡人民政府: T3-TOT ×2" in out
    assert out.splitlines()[-1] == "9 findings and 398 cells in out/audit"


def test_schema_validate(tmp_path: Path) -> None:
    out = _run("schema_validate.py", cwd=tmp_path)
    assert out.splitlines() == [
        "shangguan_2020.json: valid",
        "broken copy: meta/year: '2020' is not of type 'integer'",
        "broken copy: requests/new_received/natural_person: -1 is less than the minimum of 0",
    ]


def test_dask_recipe_writes_the_parquet_of_the_cli(tmp_path: Path) -> None:
    """The Dask recipe (a local distributed cluster of two workers) writes what
    ``gkmodel audit --parquet`` writes, CSV and Parquet alike."""
    pytest.importorskip("dask.distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    from gkmodel.cli import main

    from .conftest import CORPUS

    out = _run("dask_audit.py", str(CORPUS), str(tmp_path / "dask"), cwd=tmp_path)
    assert out.splitlines()[0] == "reports read: 10, 1 of the 2019 edition, 9 of the 2021 edition"
    assert (
        main(["audit", str(CORPUS), "--parquet", "--jobs", "1", "-o", str(tmp_path / "cli")]) == 0
    )
    for name in ("files", "findings", "cells"):
        dask_table = pq.read_table(tmp_path / "dask" / f"{name}.parquet")
        assert dask_table.equals(pq.read_table(tmp_path / "cli" / f"{name}.parquet"))
        assert dask_table.num_rows > 0
        csv_text = (tmp_path / "dask" / f"{name}.csv").read_bytes()
        assert csv_text == (tmp_path / "cli" / f"{name}.csv").read_bytes()
