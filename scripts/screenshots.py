"""Make the screenshots in docs/screenshots/ from the real output of every renderer.

Needs Debian's chromium, libreoffice and poppler-utils.  Run: ``make screenshots``.
For each format, the page that holds table 三 of the bundled 2021-edition
example (淮安市人民政府 2024) is turned into a PNG; and table 三 of the seed report
(上官乡 2020) is shown as HTML on a desktop, on a phone (390 px) and printed to A4,
and as DOCX converted to PDF by LibreOffice (``t3-*.png``), each at the size the
docs display it.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown

import gkmodel
from gkmodel.renderers import render

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer",
]  # fmt: skip
MARKER = "三、收到和处理政府信息公开申请情况"


def pdf_from_html(page: Path, pdf: Path, tmp: Path) -> None:
    subprocess.run(
        [*CHROMIUM, f"--user-data-dir={tmp / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
    )


def page_with(pdf: Path, marker: str) -> int:
    n = 1
    while True:
        proc = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            check=False,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(f"{marker!r} not found in {pdf}")
        if marker in proc.stdout.replace(" ", ""):
            return n
        n += 1


def png(pdf: Path, name: str, dpi: int = 70) -> None:
    n = page_with(pdf, MARKER)
    target = OUT / name
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(n), "-l", str(n), "-singlefile", "-png", str(pdf),
         str(target)],
        check=True,
    )  # fmt: skip
    print(f"{target}.png (page {n})")


def _from_section_2(text: str) -> str:
    return text[text.index("二、主动公开政府信息情况") :]


def main() -> None:
    report = gkmodel.load(ROOT / "examples" / "data" / "huaian_2024.json")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pages = {
            "html": render(report, to="html"),
            # A terminal's view: the text from section 二 on, in a CJK monospace font.
            "text": "<html><head><meta charset='utf-8'><style>@page{size:A4 landscape;margin:10mm}"
            "pre{font-size:8pt;line-height:1.25;font-family:'Noto Sans Mono CJK SC',monospace}"
            "</style></head><body><pre>"
            + html.escape(_from_section_2(render(report, to="text")))
            + "</pre></body></html>",
            "md": "<html><head><meta charset='utf-8'><style>table{border-collapse:collapse;"
            "font-size:7pt}td,th{border:1px solid #999;padding:1px 3px}</style></head><body>"
            + markdown.markdown(render(report, to="md"), extensions=["tables"])
            + "</body></html>",
        }
        for fmt, text in pages.items():
            page = tmp / f"{fmt}.html"
            page.write_text(text, encoding="utf-8")
            pdf = tmp / f"{fmt}.pdf"
            pdf_from_html(page, pdf, tmp)
            png(pdf, f"render-{fmt}", dpi=110 if fmt == "text" else 70)
        docx = tmp / "report.docx"
        docx.write_bytes(render(report, to="docx"))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
            check=True,
            capture_output=True,
        )
        png(tmp / "report.pdf", "render-docx")
        seed_table_3(tmp)


def _section_3(page: str) -> str:
    """The HTML page with section 三 alone (heading and table)."""
    start = page.index(">", page.index("<article")) + 1
    a, b = page.index("<h2>三、"), page.index("<h2>四、")
    return page[:start] + page[a:b] + "</article>\n</body>\n</html>\n"


def _crop(pdf: Path, page: int, name: str, box_mm: tuple[float, float, float, float]) -> None:
    """A box (left, top, width, height in mm) of a page of ``pdf`` as docs/screenshots/NAME.png."""
    dpi = 96
    x, y, w, h = (round(v / 25.4 * dpi) for v in box_mm)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-png",
         "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), str(pdf), str(OUT / name)],
        check=True,
    )  # fmt: skip
    print(f"{OUT / name}.png (page {page})")


def seed_table_3(tmp: Path) -> None:
    """The seed report's table 三: HTML on a desktop, a phone and A4 paper; DOCX (LibreOffice)."""
    seed = gkmodel.load(ROOT / "examples" / "data" / "shangguan_2020.json")
    page = tmp / "seed-3.html"
    page.write_text(_section_3(render(seed, to="html")), encoding="utf-8")
    profile = f"--user-data-dir={tmp / 'profile'}"
    for name, size in (("t3-html-desktop", "760,1000"), ("t3-html-phone", "390,1000")):
        subprocess.run(
            [*CHROMIUM, profile, f"--window-size={size}", "--hide-scrollbars",
             f"--screenshot={OUT / name}.png", page.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
        print(f"{OUT / name}.png")
    pdf = tmp / "seed-3.pdf"
    pdf_from_html(page, pdf, tmp)
    _crop(pdf, 1, "t3-html-print", (18, 28, 177, 200))
    docx = tmp / "seed.docx"
    docx.write_bytes(render(seed, to="docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
        check=True,
        capture_output=True,
    )
    _crop(tmp / "seed.pdf", page_with(tmp / "seed.pdf", MARKER), "t3-docx", (22, 34, 170, 190))


if __name__ == "__main__":
    sys.exit(main())
