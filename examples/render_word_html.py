"""Render a report as Word (DOCX) and HTML in the official layout, and read both back.

gkmodel's HTML page and Word document carry the report's canonical JSON, so
reading them gives back exactly the report; their visible tables are checked
against it.  Word output needs the docx extra: ``pip install 'gkmodel[docx]'``.

Run: ``python examples/render_word_html.py [REPORT.json] [OUT_DIR]``
(defaults: the bundled 淮安市 2024 report, and ``out/``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import gkmodel

HERE = Path(__file__).resolve().parent


def main(source: Path, out_dir: Path) -> None:
    report = gkmodel.load(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    html = gkmodel.render(report, to="html")  # a str: a standalone A4 page
    docx = gkmodel.render(report, to="docx")  # bytes: a Word document
    (out_dir / "report.html").write_text(html, encoding="utf-8")
    (out_dir / "report.docx").write_bytes(docx)
    # An <article> to embed in a portal page, without <html>, styles or the embedded JSON:
    fragment = gkmodel.render(report, to="html", fragment=True, embed_json=False)
    (out_dir / "fragment.html").write_text(fragment, encoding="utf-8")
    for name in ("report.html", "report.docx"):
        result = gkmodel.read(out_dir / name)
        assert result.report == report, name
        print(f"{out_dir / name}: {(out_dir / name).stat().st_size:,} bytes, reads back exactly")
    print(f"{out_dir / 'fragment.html'}: {len(fragment):,} characters")


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "data" / "huaian_2024.json",
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out"),
    )
