"""Make the screenshots of the audit view and the audit index in docs/screenshots/.

Needs Debian's chromium.  Run: ``make screenshots``.  The audit view is the
real output of ``gkmodel check --html`` on the seed report and on 洪泽区 2024,
cut to the part shown (the summary, then section 三 or the narrative claim);
the index is the real ``index.html`` of ``gkmodel audit`` over the corpus.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from gkmodel.cli import main

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CORPUS = ROOT / "tests" / "data" / "corpus"
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip


def shot(page: Path, png: Path, size: tuple[int, int], tmp: Path) -> None:
    subprocess.run(
        [*CHROMIUM, f"--user-data-dir={tmp / 'profile'}", f"--window-size={size[0]},{size[1]}",
         f"--screenshot={png}", page.as_uri()],
        check=True, capture_output=True,
    )  # fmt: skip
    print(png.relative_to(ROOT))


def cut(page: str, start: str) -> str:
    """The page with the blocks between the summary and the heading ``start`` left out."""
    head, rest = page.split("</section>", 1)
    return head + "</section>" + rest[rest.index(start) :]


def main_() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seed = tmp / "seed.html"
        main(["check", "examples/data/shangguan_2020.json", "--html", str(seed)],
             stdout=io.StringIO())  # fmt: skip
        hongze = tmp / "hongze.html"
        main(["check", str(CORPUS / "2024_hongze-quzf_1.txt"), "--html", str(hongze)],
             stdout=io.StringIO())  # fmt: skip
        seed_t3 = tmp / "seed-t3.html"
        seed_t3.write_text(cut(seed.read_text("utf-8"), "<h2>三、"), "utf-8")
        hongze_claim = tmp / "hongze-claim.html"
        hongze_claim.write_text(cut(hongze.read_text("utf-8"), "<h3>（二）"), "utf-8")
        shot(seed_t3, OUT / "audit-view-desktop.png", (1100, 1400), tmp)
        shot(seed_t3, OUT / "audit-view-phone.png", (390, 1500), tmp)
        shot(hongze_claim, OUT / "audit-view-claim.png", (1100, 700), tmp)
        main(["audit", str(CORPUS), "-o", str(tmp / "audit")], stdout=io.StringIO())
        index = (tmp / "audit" / "index.html").read_text("utf-8")
        # The file column holds paths of this machine's checkout: shown as names only.
        index = re.sub(r"<td>[^<]*/([^/<]+)</td></tr>", r"<td>\1</td></tr>", index)
        (tmp / "audit" / "index.html").write_text(index, "utf-8")
        shot(tmp / "audit" / "index.html", OUT / "audit-index.png", (1280, 900), tmp)


if __name__ == "__main__":
    sys.exit(main_())
