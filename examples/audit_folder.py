"""Audit a folder of published reports: read each, check it, and sum up what is wrong.

``gkmodel.audit()`` reads every report it finds (JSON, text, Markdown,
HTML, DOCX), checks each, and writes three CSV files (UTF-8 with BOM, so
Excel opens them): ``files.csv`` (one line per file), ``findings.csv`` (one
per finding) and ``cells.csv`` (one per table cell).  One unreadable file
never stops the batch.  The docs' cookbook loads the CSV into pandas.

Run: ``python examples/audit_folder.py [FOLDER] [OUT_DIR]``
(defaults: ``examples/data`` and ``out/audit``).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from gkmodel import audit

HERE = Path(__file__).resolve().parent


def main(folder: Path, out_dir: Path) -> None:
    result = audit([folder], out_dir=out_dir)
    print(result.summary())
    with (out_dir / "findings.csv").open(encoding="utf-8-sig", newline="") as f:
        findings = list(csv.DictReader(f))
    serious = Counter(
        (row["organ"], row["code"])
        for row in findings
        if row["severity"] in ("error", "inconsistency")
    )
    for (organ, code), n in sorted(serious.items()):
        print(f"{organ}: {code} ×{n}")
    with (out_dir / "cells.csv").open(encoding="utf-8-sig", newline="") as f:
        cells = sum(1 for _ in csv.DictReader(f))
    print(f"{len(findings)} findings and {cells} cells in {out_dir}")


if __name__ == "__main__":
    main(
        Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "data",
        Path(sys.argv[2]) if len(sys.argv) > 2 else Path("out") / "audit",
    )
