"""Audit throughput and reading time per page, on generated pages (``make bench-audit``).

Pages are rendered (HTML and plain text) from reports drawn by
``gkmodel.testing.publishable_reports`` with a fixed seed.  Measured:

- audit throughput over folders of 100 and 1,000 pages (10,000 with ``--large``),
  at one and two jobs, writing the CSV files as a real audit does;
- read time per page against lxml's parse of the same bytes (HTML) and a plain
  line split (text): figures only, the readers are not tuned here.

The figures replace the section between the ``audit-bench`` markers of
docs/performance.md.  Nothing here runs in the test suite.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import timeit
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from gkmodel import audit, render
from gkmodel.readers import read
from gkmodel.testing import publishable_reports

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- audit-bench: begin -->", "<!-- audit-bench: end -->"


def pages(count: int = 20) -> list[tuple[str, bytes]]:
    """``count`` reports drawn with a fixed seed, each rendered as HTML and as text."""
    reports = []

    @seed(20_241_204)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(publishable_reports())
    def draw(report: object) -> None:
        reports.append(report)

    draw()
    out = []
    for r in reports[:count]:
        out.append(("html", render(r, to="html").encode()))  # type: ignore[arg-type]
        out.append(("txt", render(r, to="text").encode()))  # type: ignore[arg-type]
    return out


def best_ms(fn: object, number: int = 5, repeat: int = 5) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1000  # type: ignore[arg-type]


def read_times(made: list[tuple[str, bytes]]) -> list[str]:
    """Median per page: read against lxml's parse (HTML) and a line split (text)."""
    import lxml.html

    rows = []
    for kind, floor_name, floor in (
        ("html", "lxml.html.document_fromstring", lxml.html.document_fromstring),
        ("txt", "bytes.decode().splitlines()", lambda b: b.decode("utf-8").splitlines()),
    ):
        group = [data for k, data in made if k == kind]
        reads = [best_ms(lambda d=d: read(d)) for d in group]
        floors = [best_ms(lambda d=d, f=floor: f(d), number=50) for d in group]
        ratios = [r / f for r, f in zip(reads, floors, strict=True)]
        size = statistics.median(len(d) for d in group) / 1024
        rows.append(
            f"| {'HTML' if kind == 'html' else 'text'} ({len(group)} pages, median {size:.0f} KB) "
            f"| {statistics.median(reads):.2f} ms | {floor_name}: "
            f"{statistics.median(floors):.3f} ms | {statistics.median(ratios):.0f}× "
            f"({min(ratios):.0f}–{max(ratios):.0f}×) |"
        )
    return rows


def throughput(made: list[tuple[str, bytes]], sizes: tuple[int, ...]) -> list[str]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d) / "pages"
            folder.mkdir()
            for i in range(n):
                kind, data = made[i % len(made)]
                (folder / f"{i:05d}.{kind}").write_bytes(data)
            rates = []
            for jobs in (1, 2):
                out = Path(d) / f"out{jobs}"
                start = time.perf_counter()
                result = audit([folder], out_dir=out, jobs=jobs)
                rates.append(n / (time.perf_counter() - start))
                assert result.read + result.failed == n
                shutil.rmtree(out)
        rows.append(f"| {n:,} | {rates[0]:.0f} | {rates[1]:.0f} | {rates[1] / rates[0]:.2f}× |")
    return rows


def main() -> None:
    made = pages()
    sizes = (100, 1000, 10000) if "--large" in sys.argv else (100, 1000)
    lines = [
        BEGIN,
        "## Audit at scale (generated pages)",
        "",
        f"Measured by `make bench-audit` (`benchmarks/audit_bench.py`) on {len(made)} pages "
        "rendered from reports drawn by `gkmodel.testing.publishable_reports` (fixed seed), half "
        "HTML, half text, copied over to fill each folder; the audit writes its CSV files. The "
        "machine has 2 cores, shared with other work, so two jobs cannot reach twice the rate.",
        "",
        "| pages | reports/s, 1 job | reports/s, 2 jobs | speed-up |",
        "|---|---|---|---|",
        *throughput(made, sizes),
        "",
        "Reading one page against the floor of parsing its bytes (the median over the pages; the "
        "range in brackets). Measured only: making the readers faster is later work.",
        "",
        "| pages | read | floor | read / floor |",
        "|---|---|---|---|",
        *read_times(made),
        END,
    ]
    perf = ROOT / "docs" / "performance.md"
    text = perf.read_text(encoding="utf-8")
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + "\n".join(lines) + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    perf.write_text(text, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
