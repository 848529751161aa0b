"""Reading PDF: gkmodel.read on a 6-page report, and the PDF libraries compared.

Takes the 6-page PDF of the seed report that LibreOffice exported from gkmodel's
DOCX (``tests/data/pdf/shangguan_2020.pdf``, made by ``scripts/pdf_fixtures.py``), and
measures (best of repeated runs, one core):

- ``gkmodel.read`` on it (pypdfium2: characters, their boxes, ruled lines, then the
  layout and the assembler);
- the extraction step alone with pypdfium2, and with pdfplumber (pdfminer.six),
  the same data: every character with its box, and the page's lines and rectangles.

Correctness: the characters each library finds on every page, compared as multisets
(the two give them in different orders).
Run: ``.venv/bin/python benchmarks/pdf.py`` (needs the ``pdf`` and ``bench`` extras).
"""

from __future__ import annotations

import time
from pathlib import Path

import gkmodel


def best(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    from gkmodel.readers._pdf import pdf_pages

    root = Path(__file__).resolve().parent.parent
    data = (root / "tests" / "data" / "pdf" / "shangguan_2020.pdf").read_bytes()
    pages = pdf_pages(data)
    n = len(pages)
    read = best(lambda: gkmodel.read(data))
    pdfium = best(lambda: pdf_pages(data))

    import io

    import pdfplumber

    def plumber() -> list[str]:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            out = []
            for page in doc.pages:
                _ = page.lines, page.rects
                out.append("".join(c["text"] for c in page.chars if not c["text"].isspace()))
            return out

    plumb = best(plumber, repeat=3)
    ours = ["".join(c.text for c in p.chars if not c.text.isspace()) for p in pages]
    same = sum(sorted(a) == sorted(b) for a, b in zip(ours, plumber(), strict=True))
    print(f"pages: {n}")
    print(f"gkmodel.read (pypdfium2): {read * 1000:.0f} ms, {read / n * 1000:.0f} ms a page")
    print(f"extraction, pypdfium2: {pdfium * 1000:.0f} ms, {pdfium / n * 1000:.0f} ms a page")
    print(f"extraction, pdfplumber: {plumb * 1000:.0f} ms, {plumb / n * 1000:.0f} ms a page")
    print(f"pages whose characters agree: {same} of {n}")


if __name__ == "__main__":
    main()
