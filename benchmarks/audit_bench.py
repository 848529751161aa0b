"""Audit throughput and reading time per page, on real and generated pages (``make bench-audit``).

Generated pages are reports drawn by ``gkmodel.testing.publishable_reports`` with a
fixed seed, rendered as HTML or text, then passed through one of the page
transformations seen on real sites (``gkmodel.testing.PAGE_TRANSFORMS``, each in
turn, with a seeded random choice among its forms): page ``i`` is the same on every
run.  Measured:

- audit throughput over folders of 100 and 1,000 such pages (10,000 with ``--large``,
  any sizes with ``--sizes``), at one and two jobs (``--jobs``), writing the CSV files
  as a real audit does;
- read time of each corpus page (HTML, text) and of gkmodel's DOCX against the floor
  of parsing its bytes: lxml's parse for HTML, a line split for text, unzipping and
  lxml's parse of ``word/document.xml`` for DOCX;
- read time of generated pages against the same floors (median and range).

Read times are the best of repeated reads in CPU time of the process (what other work
on the machine takes is not counted), the readers' caches emptied before each read (a
page read cold, the least favourable case).  The tables replace the sections
between the ``audit-bench`` markers of docs/performance.md and docs/scale.md unless
``--no-write``.  Nothing here runs in the test suite.

    python benchmarks/audit_bench.py [--sizes 100 1000] [--large] [--jobs 1 2] [--no-write]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
import timeit
import zipfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

import gkmodel
from gkmodel import audit, render
from gkmodel.readers import read
from gkmodel.testing import PAGE_TRANSFORMS, publishable_reports, strip_embedded

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"
EXAMPLE = ROOT / "examples" / "data" / "huaian_2024.json"
BEGIN, END = "<!-- audit-bench: begin -->", "<!-- audit-bench: end -->"
SEED = 20_241_204
TRANSFORMS = sorted(PAGE_TRANSFORMS)
FORMATS = ("html", "txt")


def reports(count: int) -> list[gkmodel.AnnualReport]:
    """``count`` reports drawn with a fixed seed."""
    out: list[gkmodel.AnnualReport] = []

    @seed(SEED)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(publishable_reports())
    def draw(report: gkmodel.AnnualReport) -> None:
        out.append(report)

    draw()
    return out[:count]


class Pages:
    """Page ``i``: HTML or text by ``i % 2``; report and transformation by ``i // 2``."""

    def __init__(self, count: int) -> None:
        self.reports = reports(count)
        self.cache: dict[tuple[int, str], str] = {}

    def rendered(self, r: int, fmt: str) -> str:
        if (r, fmt) not in self.cache:
            page = render(self.reports[r], to="html" if fmt == "html" else "text")
            assert isinstance(page, str)
            self.cache[r, fmt] = strip_embedded(page)  # real pages carry no embedded JSON
        return self.cache[r, fmt]

    def __getitem__(self, i: int) -> tuple[str, str, bytes]:
        """(format, transformation, bytes) of page ``i``."""
        fmt = FORMATS[i % 2]
        name = TRANSFORMS[i // 2 % len(TRANSFORMS)]
        page = self.rendered(i // 2 % len(self.reports), fmt)
        return fmt, name, PAGE_TRANSFORMS[name](page, random.Random(SEED + i)).encode()


def clear_caches() -> None:
    """Empty the readers' caches (``functools.lru_cache``), so that a page is read cold."""
    for name, module in list(sys.modules.items()):
        if name == "gkmodel._labels" or name.startswith("gkmodel.readers"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def best_ms(
    fn: Callable[[], object], *, number: int = 1, repeat: int = 7, cold: bool = False
) -> float:
    """Best CPU time of ``fn`` in ms: the time this process ran, whatever else the machine ran."""
    setup = clear_caches if cold else (lambda: None)
    times = timeit.repeat(fn, setup=setup, number=number, repeat=repeat, timer=time.process_time)
    return min(times) / number * 1000


def _lxml_html(data: bytes) -> object:
    import lxml.html

    return lxml.html.document_fromstring(data)


def _lines(data: bytes) -> object:
    return data.decode("utf-8").splitlines()


def _docx_xml(data: bytes) -> object:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


FLOORS: dict[str, tuple[str, Callable[[bytes], object]]] = {
    "html": ("lxml.html.document_fromstring", _lxml_html),
    "txt": ("bytes.decode().splitlines()", _lines),
    "docx": ("unzip + lxml parse of word/document.xml", _docx_xml),
}


def timed(data: bytes, kind: str) -> tuple[float, float]:
    """(read ms, floor ms) of one page."""
    floor = FLOORS[kind][1]
    read(data)  # imports and generated code ready before timing
    return best_ms(lambda: read(data), cold=True), best_ms(lambda: floor(data), number=20)


def corpus_reads() -> tuple[list[str], dict[str, list[float]]]:
    """A row per corpus page and for gkmodel's DOCX (bytes, floor, read, ratio); ratios by kind."""
    docx = render(gkmodel.load(EXAMPLE), to="docx")
    assert isinstance(docx, bytes)
    sources = [(p.name, p.suffix.lstrip("."), p.read_bytes()) for p in sorted(CORPUS.glob("*.*"))]
    sources = [s for s in sources if s[1] in ("html", "txt")]
    sources.append(("淮安市 2024, gkmodel's DOCX (its JSON inside, checked against the tables)",
                    "docx", docx))  # fmt: skip
    rows = []
    ratios: dict[str, list[float]] = {}
    for name, kind, data in sources:
        r, f = timed(data, kind)
        ratios.setdefault(kind, []).append(r / f)
        rows.append(
            f"| {name} | {len(data):,} | {FLOORS[kind][0]}: {f:.3f} ms | {r:.2f} ms "
            f"| {r / f:.1f}× |"
        )
    return rows, ratios


def target(ratios: dict[str, list[float]]) -> list[str]:
    """The 2× target of reading against this run's ratios, and why the rest is out of reach."""
    html, text, docx = ratios["html"], ratios["txt"], ratios["docx"]
    met = max(html) <= 2 and max(text) <= 2
    return [
        "**The target**: a real page of about 100 KB read in at most twice the time lxml takes to "
        "parse it, a text report likewise against a line split. "
        + ("Met" if met else "Not met")
        + f" in this run: the saved web page reads in {max(html):.1f}× its parse, the text reports "
        f"in {min(text):.0f}–{max(text):.0f}× a line split, gkmodel's DOCX in {max(docx):.1f}× "
        "its unzip and parse.",
        "",
        "What is left is not parsing. Of the saved page (111 KB, 1,785 tags) lxml parses all in C; "
        "the reader then walks about 730 elements (the tags it acts on; the others are dissolved "
        "into their text inside lxml) and 300 table cells in Python, and does its own work: it "
        "places every cell under its column by geometry and checks the sums, aligns rows with the "
        "official labels, parses every value, and reads the metadata and the narrative, a few "
        "microseconds of Python per cell or line, more than lxml spends per tag. Twice the parse "
        "would need that work compiled (an extension module), which this pure-Python library does "
        "not ship. Generated pages are small for the cells they hold (no site chrome: about 300 "
        "cells in 30 KB), so their ratios are higher: the reader's work grows with cells and "
        "lines, the parse with bytes. Text is further off by its nature: a line split is one C "
        "call (about 0.05 ms "
        "for 10 KB), and one regular expression per line in a Python loop already costs about 3.5× "
        "the split, turning the lines into items about 20×, before anything is read. For text the "
        "figure worth watching is milliseconds per report.",
    ]


def generated_reads(pages: Pages, count: int) -> list[str]:
    """Per format, over the first ``count`` generated pages: median read, floor and ratio."""
    made = [pages[i] for i in range(count)]
    rows = []
    for kind in FORMATS:
        group = [data for k, _, data in made if k == kind]
        times = [timed(data, kind) for data in group]
        ratios = [r / f for r, f in times]
        size = statistics.median(len(d) for d in group) / 1024
        rows.append(
            f"| {'HTML' if kind == 'html' else 'text'} ({len(group)} pages, median {size:.0f} KB) "
            f"| {statistics.median(r for r, _ in times):.2f} ms | {FLOORS[kind][0]}: "
            f"{statistics.median(f for _, f in times):.3f} ms | {statistics.median(ratios):.1f}× "
            f"({min(ratios):.1f}–{max(ratios):.1f}×) |"
        )
    return rows


def throughput(pages: Pages, sizes: list[int], jobs: list[int]) -> list[str]:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d) / "pages"
            folder.mkdir()
            for i in range(n):
                kind, _, data = pages[i]
                (folder / f"{i:05d}.{kind}").write_bytes(data)
            rates = []
            for j in jobs:
                out = Path(d) / f"out{j}"
                start = time.perf_counter()
                result = audit([folder], out_dir=out, jobs=j)
                rates.append(n / (time.perf_counter() - start))
                assert result.read + result.failed == n
                shutil.rmtree(out)
        cells = " | ".join(f"{r:.1f}" for r in rates)
        rows.append(f"| {n:,} | {cells} | {100_000 / max(rates) / 3600:.1f} h |")
    return rows


def replace_between(path: Path, lines: list[str]) -> None:
    """``lines`` between the markers of ``path`` (appended with them when absent)."""
    block = "\n".join([BEGIN, *lines, END])
    text = path.read_text(encoding="utf-8")
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--large", action="store_true", help="add 10,000 pages to the sizes")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--reports", type=int, default=20, help="distinct reports drawn")
    parser.add_argument("--sample", type=int, default=36, help="generated pages timed one by one")
    parser.add_argument("--no-write", action="store_true", help="print the tables only")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes) | ({10_000} if args.large else set()))
    pages = Pages(args.reports)
    rates = " | ".join(f"reports/s, {j} job{'s' * (j > 1)}" for j in args.jobs)
    head = f"| pages | {rates} | 100,000 reports at the better rate |"
    rule = "|---|" + "---|" * (len(args.jobs) + 1)
    table = [head, rule, *throughput(pages, sizes, args.jobs)]
    when = time.strftime("%Y-%m-%d", time.gmtime())
    where = f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores"
    source = (
        f"Figures of the last run ({when}; {where}; `python benchmarks/audit_bench.py "
        f"--sizes {' '.join(map(str, sizes))} --jobs {' '.join(map(str, args.jobs))}`). "
        "Rerun with `make bench-audit` (`BENCH_ARGS=--large` adds 10,000 pages) on a quiet "
        "machine: the figures are only as good as the machine was idle."
    )
    scale = [
        "",
        source,
        "",
        f"Pages: {args.reports} reports drawn by `gkmodel.testing.publishable_reports` "
        "(fixed seed), rendered as HTML and as text in turn, each page passed through one of "
        f"`gkmodel.testing.PAGE_TRANSFORMS` in turn ({len(TRANSFORMS)} transformations; "
        "`one_line` pages are read only in part, as real ones are); the audit writes its CSV "
        "files.",
        "",
        *table,
        "",
    ]
    corpus, ratios = corpus_reads()
    perf = [
        "## Audit at scale (generated pages)",
        *scale,
        "### Reading against the parse floor",
        "",
        "Reading one page against the floor of parsing its bytes: the corpus pages and gkmodel's "
        "DOCX, then the generated pages above (the median; the range in brackets). A read is timed "
        "cold: the best of 7 in CPU time, the readers' caches emptied before each.",
        "",
        "| page | bytes | floor | read | read / floor |",
        "|---|---|---|---|---|",
        *corpus,
        "",
        "| generated pages | read | floor | read / floor |",
        "|---|---|---|---|",
        *generated_reads(pages, args.sample),
        "",
        *target(ratios),
    ]
    print("\n".join(perf))
    if not args.no_write:
        replace_between(ROOT / "docs" / "performance.md", perf)
        replace_between(ROOT / "docs" / "scale.md", scale)


if __name__ == "__main__":
    main()
