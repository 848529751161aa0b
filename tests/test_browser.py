"""The HTML page in headless Chromium: the DOM has the official layout and fits A4.

Chromium comes from Debian's ``chromium`` package (``.ci/run`` installs it when
it is missing); where it cannot be had, these tests are skipped with a message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import gkmodel
from gkmodel.renderers import render

from .conftest import EXAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian package 'chromium')"
)

A4_PX = (794, 1123)  # 210 mm × 297 mm at 96 dpi

PROBE = """
<script>
window.addEventListener("load", () => {
  const out = {};
  const article = document.querySelector("article.gk-report");
  const box = article.getBoundingClientRect();
  const style = getComputedStyle(article);
  const inner = box.right - parseFloat(style.paddingRight);
  out.page_overflow = document.documentElement.scrollWidth - window.innerWidth;
  out.tables = {};
  for (const t of document.querySelectorAll("table[data-table]")) {
    const body = [...t.tBodies[0].rows];
    out.tables[t.dataset.table] = {
      overflow: t.getBoundingClientRect().right - inner,
      scroll: t.scrollWidth - t.clientWidth,
      body_rows: body.length,
      values_per_row: body.map(r => r.querySelectorAll("td.gk-value").length),
      spans: [...t.querySelectorAll("th")].map(th => [th.textContent, th.rowSpan, th.colSpan]),
    };
  }
  const pre = document.createElement("pre");
  pre.id = "gk-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def _probe(html: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    page = tmp_path / "page.html"
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    assert CHROMIUM is not None
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={A4_PX[0]},{A4_PX[1]}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = proc.stdout.split('<pre id="gk-probe">')[1].split("</pre>")[0]
    return json.loads(data.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


@pytest.fixture(scope="module")
def huaian_dom(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    report = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
    return _probe(render(report, to="html"), tmp_path_factory.mktemp("chromium"))


class TestHtmlInChromium:
    """The rendered 2021-edition page, measured in the browser."""

    def test_table3_rows_and_values(self, huaian_dom: dict) -> None:  # type: ignore[type-arg]
        t3 = huaian_dom["tables"]["三"]
        assert t3["body_rows"] == 25
        assert t3["values_per_row"] == [7] * 25

    def test_table3_spans(self, huaian_dom: dict) -> None:  # type: ignore[type-arg]
        spans = {text: (rows, cols) for text, rows, cols in huaian_dom["tables"]["三"]["spans"]}
        assert spans["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == (
            3,
            3,
        )
        assert spans["申请人情况"] == (1, 7)
        assert spans["自然人"] == (2, 1)
        assert spans["法人或其他组织"] == (1, 5)
        assert spans["总计"] == (2, 1)
        assert spans["三、本年度办理结果"] == (22, 1)
        assert spans["（三）不予公开"] == (8, 1)
        assert spans["（四）无法提供"] == (3, 1)
        assert spans["（五）不予处理"] == (5, 1)
        assert spans["（六）其他处理"] == (3, 1)
        assert spans["（七）总计"] == (1, 2)
        assert spans["一、本年新收政府信息公开申请数量"] == (1, 3)

    def test_table4_spans(self, huaian_dom: dict) -> None:  # type: ignore[type-arg]
        t4 = huaian_dom["tables"]["四"]
        spans = [(text, rows, cols) for text, rows, cols in t4["spans"]]
        assert spans[:2] == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
        assert spans[2:7] == [
            (x, 2, 1) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
        ]
        assert spans[7:9] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
        assert t4["values_per_row"] == [15]

    def test_nothing_overflows_a4(self, huaian_dom: dict) -> None:  # type: ignore[type-arg]
        assert huaian_dom["page_overflow"] <= 0
        for name, table in huaian_dom["tables"].items():
            assert table["overflow"] <= 0.5, name
            assert table["scroll"] <= 0, name
