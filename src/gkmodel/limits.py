"""The limits gkmodel enforces on its inputs, declared once.

Every reader and loader checks these *before* doing the work they bound, so a
hostile or broken input ends fast with one documented error (``ReadError`` for
documents, ``LoadError`` for JSON, ``TallyError`` for registers) that names the
limit.  The docs' "Limits and bad input" page is written from this module.

Each limit is a module-level constant so that a caller with unusual, trusted
input can raise it (``gkmodel.limits.MAX_DOCUMENT_BYTES = 200 * 1024 * 1024``);
the readers look the value up at call time.
"""

from __future__ import annotations

__all__ = [
    "MAX_AMOUNT",
    "MAX_AMOUNT_PLACES",
    "MAX_CONVERT_SECONDS",
    "MAX_COUNT",
    "MAX_CSV_FIELD",
    "MAX_DOCUMENT_BYTES",
    "MAX_GRID_CELLS",
    "MAX_JSON_DEPTH",
    "MAX_PDF_PAGES",
    "MAX_REGISTER_BYTES",
    "MAX_SPAN",
    "MAX_SPLIT_DIGITS",
    "MAX_SPLIT_STATES",
    "MAX_ZIP_BYTES",
    "MAX_ZIP_PARTS",
]

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Bytes read from one report (JSON, text, HTML, DOCX); at most this many plus one are ever read."""

MAX_ZIP_BYTES = 200 * 1024 * 1024
"""Decompressed bytes of all parts of a DOCX or XLSX, from the zip directory, before inflating."""

MAX_ZIP_PARTS = 2000
"""Parts (files) in a DOCX or XLSX zip."""

MAX_SPAN = 200
"""The largest rowspan/colspan (HTML) or gridSpan/gridBefore (DOCX); a larger span is refused.

No published table spans more; the check comes before any grid is built.
"""

MAX_GRID_CELLS = 200_000
"""Cells of one table after its spans are expanded (rows × columns)."""

MAX_SPLIT_DIGITS = 200
"""Digits in one table row that the reader tries to split by the row's arithmetic."""

MAX_SPLIT_STATES = 5_000
"""States the digit-splitting search may visit for one row (all its candidate totals).

The search (a dynamic programme over digit position, cells used and the sum
still to reach) is polynomial in the row's length; this bounds its work on
adversarial digit runs.  A row beyond it is left unreadable, never guessed.
"""

MAX_JSON_DEPTH = 64
"""Nesting depth of JSON (a report needs fewer than 10 levels)."""

MAX_AMOUNT_PLACES = 18
"""Decimal places of an amount of money that an audit keeps exactly (one fen of 亿元 needs 10).

An audit's decimal columns (Parquet's ``decimal(38, MAX_AMOUNT_PLACES)``) hold 38 digits
in all, so an amount may have ``38 - MAX_AMOUNT_PLACES`` whole digits; a file with an amount
beyond either is a file of status ``error`` in the audit, saying so, never a rounded number."""
MAX_REGISTER_BYTES = 200 * 1024 * 1024
"""Bytes read from one register (台账, CSV or XLSX); at most this many plus one are ever read."""

MAX_CSV_FIELD = 128 * 1024
"""Characters in one field of a CSV register."""

MAX_PDF_PAGES = 500
"""Pages of one PDF; a report has fewer than 30, and more are refused before any page is read."""

MAX_CONVERT_SECONDS = 120
"""Seconds LibreOffice may take to convert one Word 97, WPS or RTF document before it is stopped."""


MAX_COUNT = 2**63 - 1
"""The largest count (and the largest change, 增/减, either way) a report may hold: a signed
64-bit integer, as Parquet, DuckDB and every database keep one.  Fixed: the model's validators
take it at import."""

MAX_AMOUNT = 10**18
"""Amounts of money are below this, in their unit (万元 or 元): every amount Babel formats and a
database's decimal keeps.  Fixed: the model's validators take it at import."""
