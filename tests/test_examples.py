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


def test_every_example_is_covered() -> None:
    assert [p.name for p in SCRIPTS] == ["huaian_2024.py", "shangguan_2020.py"]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
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
