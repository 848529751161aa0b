"""The audit view and the audit index in headless Chromium, at desktop and phone widths.

Chromium comes from Debian's ``chromium`` package; where it cannot be had,
these tests are skipped with a message.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import gkmodel
from gkmodel.cli import main

from .conftest import CORPUS, SEED_JSON

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium')"
)

WIDTHS = {"desktop": 1280, "phone": 390}

VIEW_PROBE = """
<script>
window.addEventListener("load", () => {
  const out = {page_overflow: document.documentElement.scrollWidth - window.innerWidth};
  let wrapped = [];
  for (const td of document.querySelectorAll("td.gk-value")) {
    const text = td.firstChild;
    if (!text || text.nodeType !== 3 || !text.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (tops.size > 1) wrapped.push(td.dataset.path);
  }
  out.wrapped = wrapped;
  out.marked = {};
  for (const td of document.querySelectorAll("td[data-severity]")) {
    const s = getComputedStyle(td);
    out.marked[td.dataset.path] = [td.dataset.severity, s.backgroundColor, s.outlineStyle];
  }
  out.marks = [...document.querySelectorAll("mark.gk-claim")].map(m =>
    [m.dataset.findings, getComputedStyle(m).backgroundColor]);
  out.list_links = [...document.querySelectorAll("ol.gk-findings a[href^='#gk-cell-']")]
    .map(a => document.querySelector(a.getAttribute("href")) !== null);
  const pre = document.createElement("pre");
  pre.id = "gk-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""

INDEX_PROBE = """
<script>
window.addEventListener("load", () => {
  const out = {page_overflow: document.documentElement.scrollWidth - window.innerWidth};
  out.svgs = [...document.querySelectorAll("figure.gk-plot svg")].map(s =>
    Math.round(s.getBoundingClientRect().width));
  const year = [...document.querySelectorAll("table.gk-index th")].findIndex(
    th => th.textContent === "年度");
  document.querySelectorAll("table.gk-index th")[year].click();
  out.years = [...document.querySelectorAll("table.gk-index tbody tr")].map(
    r => r.cells[year].textContent);
  const pre = document.createElement("pre");
  pre.id = "gk-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _probe(page: Path, probe: str, width: int, tmp: Path) -> dict:  # type: ignore[type-arg]
    copy = tmp / f"probe-{width}-{page.name}"
    copy.write_text(
        page.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8"
    )
    assert CHROMIUM is not None
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp / 'profile'}", f"--window-size={width},900",
         "--virtual-time-budget=5000", "--dump-dom", copy.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = proc.stdout.split('<pre id="gk-probe">')[1].split("</pre>")[0]
    return json.loads(data.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("audit-browser")
    seed = tmp / "seed.html"
    main(["check", str(SEED_JSON), "--html", str(seed)], stdout=io.StringIO())
    hongze = tmp / "hongze.html"
    report = gkmodel.read(CORPUS / "2024_hongze-quzf_1.txt").report
    hongze.write_text(gkmodel.render(report, to="html", findings=gkmodel.check(report)), "utf-8")
    main(["audit", str(CORPUS), "-o", str(tmp / "audit")], stdout=io.StringIO())
    return {"seed": seed, "hongze": hongze, "index": tmp / "audit" / "index.html", "tmp": tmp}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
class TestInChromium:
    """What a person sees on a desk and on a phone."""

    def test_seed_marks_its_published_error(self, pages: dict[str, Path], width: int) -> None:
        dom = _probe(pages["seed"], VIEW_PROBE, width, pages["tmp"])
        inconsistent = {p for p, (sev, _, _) in dom["marked"].items() if sev == "inconsistency"}
        assert inconsistent == {
            "$.requests.results.total.natural_person",
            "$.requests.results.total.total",
        }
        for path in inconsistent:
            assert dom["marked"][path][1] == "rgb(255, 237, 213)"  # tinted
            assert dom["marked"][path][2] == "solid"  # outlined
        assert dom["list_links"] and all(dom["list_links"])

    def test_no_number_wraps_and_the_page_does_not_overflow(
        self, pages: dict[str, Path], width: int
    ) -> None:
        for name in ("seed", "hongze"):
            dom = _probe(pages[name], VIEW_PROBE, width, pages["tmp"])
            assert dom["wrapped"] == []
            assert dom["page_overflow"] <= 0  # wide tables scroll inside their own box

    def test_narrative_sentence_is_marked(self, pages: dict[str, Path], width: int) -> None:
        dom = _probe(pages["hongze"], VIEW_PROBE, width, pages["tmp"])
        assert dom["marks"] == [["N-RECEIVED", "rgb(254, 249, 195)"]]

    def test_index_opens_with_its_plots(self, pages: dict[str, Path], width: int) -> None:
        dom = _probe(pages["index"], INDEX_PROBE, width, pages["tmp"])
        assert len(dom["svgs"]) == 3
        assert all(w > 200 for w in dom["svgs"])
        assert dom["page_overflow"] <= 0
        assert dom["years"] == sorted(dom["years"], key=int)  # sorted by a click on 年度
