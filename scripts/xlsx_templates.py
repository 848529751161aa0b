"""Write examples/*_template.xlsx from the CSV templates (the same registers as workbooks).

Dates become date cells, as in the spreadsheets organs keep.  Run it after
changing a CSV template; a test checks that both read the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def convert(name: str) -> None:
    with (EXAMPLES / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 16
    book.properties.created = dt.datetime(2024, 1, 1)  # reproducible files
    book.save(EXAMPLES / f"{name}.xlsx")


def _cell(text: str) -> object:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    return text


if __name__ == "__main__":
    convert("register_template")
    convert("cases_template")
