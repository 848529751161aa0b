"""Benchmarks, run on demand (``make bench``); they write docs/performance.md.

Timings are medians of repeated runs on one core (``timeit``), for the bundled
2021-edition example (淮安市人民政府 2024, a full report) and the 2019-edition
seed (富阳区上官乡 2020).  Nothing here runs in the test suite: the machines are
shared and noisy, so speed is measured, never asserted.
"""

from __future__ import annotations

import json
import platform
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

import gkmodel
from gkmodel.io.json import from_data
from gkmodel.renderers import render
from gkmodel.rules import check

ROOT = Path(__file__).resolve().parent.parent
REPORTS = {
    "2021 edition (淮安市 2024)": ROOT / "examples" / "data" / "huaian_2024.json",
    "2019 edition (上官乡 2020, seed)": ROOT / "examples" / "data" / "shangguan_2020.json",
}


def median_ms(fn: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """Median time of one call in milliseconds."""
    fn()  # warm caches (layouts, converters) as a long-running process would have them
    times = timeit.repeat(fn, number=number, repeat=repeat)
    return statistics.median(times) / number * 1000


def import_time_ms() -> float:
    """Wall time of ``import gkmodel`` in a fresh interpreter (median of 5)."""
    runs = []
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", "import time; t=time.perf_counter(); import gkmodel; "
             "print((time.perf_counter()-t)*1000)"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(float(out.stdout))
    return statistics.median(runs)


def measure(name: str, path: Path) -> list[tuple[str, str, float]]:
    """Every operation on one report."""
    text = path.read_text(encoding="utf-8")
    report = gkmodel.loads(text)
    data = json.loads(text)
    ops: dict[str, tuple[Callable[[], object], int]] = {
        "json.loads (floor)": (lambda: json.loads(text), 200),
        "loads (JSON → model)": (lambda: gkmodel.loads(text), 100),
        "check (all rules)": (lambda: check(report), 100),
        "from_data + check": (lambda: check(from_data(data)), 100),
        "dumps (model → JSON)": (lambda: gkmodel.dumps(report), 100),
        "render text": (lambda: render(report, to="text"), 50),
        "render md": (lambda: render(report, to="md"), 50),
        "render html": (lambda: render(report, to="html"), 50),
        "render docx": (lambda: render(report, to="docx"), 5),
    }
    return [(name, op, median_ms(fn, number=n)) for op, (fn, n) in ops.items()]


def main() -> None:
    rows = [row for name, path in REPORTS.items() for row in measure(name, path)]
    imp = import_time_ms()
    lines = [
        "# Performance",
        "",
        "Measured by `make bench` (`benchmarks/bench.py`); medians of repeated runs in one",
        "process on one core, caches warm. These are figures, not guarantees: the machine is",
        "shared.",
        "",
        f"- machine: {platform.machine()}, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, gkmodel {gkmodel.__version__}",
        f"- `import gkmodel`: {imp:.1f} ms (fresh interpreter; the checker and the format",
        "  renderers load on first use)",
        "",
        "| report | operation | time per report |",
        "|---|---|---|",
    ]
    lines += [f"| {r} | {op} | {ms:.3f} ms |" for r, op, ms in rows]
    lines += [
        "",
        "Targets of the issues: checking one full report takes well under a millisecond of rule",
        "work beyond building the cell index; rendering one report to HTML or text takes a few",
        "milliseconds at most, and to DOCX well under a second.",
        "",
    ]
    out = ROOT / "docs" / "performance.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
