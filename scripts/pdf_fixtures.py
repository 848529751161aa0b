"""Make tests/data/pdf/: the example reports rendered to DOCX, exported to PDF by LibreOffice.

Run from the sources' root with LibreOffice on PATH:
``.venv/bin/python scripts/pdf_fixtures.py``.  The committed PDFs let the PDF
reader's tests, its doctest and ``benchmarks/pdf.py`` run where LibreOffice is not
installed; ``tests/test_pdf.py`` makes its other variants itself.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import pdfdocs  # noqa: E402

NAMES = {"huaian": "huaian_2024", "seed": "shangguan_2020"}


def main() -> None:
    variants = pdfdocs.variants()
    out = ROOT / "tests" / "data" / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        made = pdfdocs.export({k: variants[k][1] for k in NAMES}, Path(tmp), "pdf")
        for key, path in made.items():
            shutil.copyfile(path, out / f"{NAMES[key]}.pdf")
            print(out / f"{NAMES[key]}.pdf")


if __name__ == "__main__":
    main()
