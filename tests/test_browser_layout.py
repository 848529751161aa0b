"""The HTML page on a phone and on paper, in headless Chromium: numbers never wrap, tables scroll
sideways on a narrow screen, and printed headings stay with what follows.

Skipped, like ``test_browser.py``, where Chromium (Debian's ``chromium``) is not installed; the
print test needs ``pdftotext`` (Debian's ``poppler-utils``) too.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import gkmodel
from gkmodel.model.layout import sections
from gkmodel.renderers import render

from .conftest import EXAMPLES
from .test_browser import CHROMIUM

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium')"
)

REPORTS = ("shangguan_2020", "huaian_2024")
PHONE = (390, 844)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

# For every value cell with text: how many lines its text takes (1 when it does not wrap).
PROBE = """
<script>
window.addEventListener("load", () => {
  const out = {cells: [], tables: {}};
  out.page_overflow = document.documentElement.scrollWidth - window.innerWidth;
  for (const td of document.querySelectorAll("td.gk-value")) {
    if (!td.textContent) continue;
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    out.cells.push([td.dataset.path, td.textContent, tops.size]);
  }
  for (const t of document.querySelectorAll("table[data-table]")) {
    out.tables[t.dataset.table] = {scroll: t.scrollWidth - t.clientWidth,
                                   overflow_x: getComputedStyle(t).overflowX};
  }
  const pre = document.createElement("pre");
  pre.id = "gk-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _html(name: str) -> str:
    return render(gkmodel.load(EXAMPLES / "data" / f"{name}.json"), to="html")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


@pytest.fixture(scope="module", params=REPORTS)
def phone(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    tmp = tmp_path_factory.mktemp("phone")
    page = tmp / "page.html"
    page.write_text(_html(request.param).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    size = f"--window-size={PHONE[0]},{PHONE[1]}"
    _chromium(tmp, size, f"--screenshot={tmp / 'phone.png'}", page.as_uri())
    assert (tmp / "phone.png").stat().st_size > 10_000  # a picture of the page, not a blank one
    proc = _chromium(tmp, size, "--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    data = proc.stdout.split('<pre id="gk-probe">')[1].split("</pre>")[0]
    return json.loads(data.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))  # type: ignore[no-any-return]


def test_numbers_never_wrap_on_a_phone(phone: dict) -> None:  # type: ignore[type-arg]
    assert len(phone["cells"]) > 50
    wrapped = [(path, text) for path, text, lines in phone["cells"] if lines != 1]
    assert wrapped == []


def test_tables_scroll_sideways_on_a_phone(phone: dict) -> None:  # type: ignore[type-arg]
    assert phone["page_overflow"] <= 0  # the page itself does not scroll sideways
    for name, table in phone["tables"].items():
        assert table["overflow_x"] == "auto", name
    assert phone["tables"]["三"]["scroll"] > 0  # table 三 is wider than a phone: it scrolls


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
@pytest.mark.parametrize("name", REPORTS)
def test_printed_on_a4(name: str, tmp_path: Path) -> None:
    """Printed: every number of the tables whole on one line, no heading last on a page."""
    report = gkmodel.load(EXAMPLES / "data" / f"{name}.json")
    page, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    page.write_text(_html(name), encoding="utf-8")
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = set(re.findall(r"[\d.,万元]+", text))
    numbers = {str(v) for v in _numbers(report) if v >= 10}
    assert numbers and numbers <= words, sorted(numbers - words)[:5]
    headings = {s.heading for s in sections(type(report))}
    pages = text.split("\f")
    assert len(pages) > 2
    for n, body in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        assert lines and lines[-1] not in headings, (n, lines[-1:])


def _numbers(report: gkmodel.AnnualReport) -> list[int]:
    values = [cell["value"] for cell in gkmodel.to_cells(report)]
    return [v for v in values if type(v) is int]
