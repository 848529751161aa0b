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
    "MAX_DOCUMENT_BYTES",
    "MAX_GRID_CELLS",
    "MAX_JSON_DEPTH",
    "MAX_SPAN",
    "MAX_SPLIT_DIGITS",
    "MAX_ZIP_BYTES",
    "MAX_ZIP_PARTS",
]

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
"""Bytes read from one document or register; at most this many plus one are ever read."""

MAX_ZIP_BYTES = 200 * 1024 * 1024
"""Decompressed bytes of all parts of a DOCX or XLSX, from the zip directory, before inflating."""

MAX_ZIP_PARTS = 2000
"""Parts (files) in a DOCX or XLSX zip."""

MAX_SPAN = 200
"""The largest rowspan/colspan (HTML) or gridSpan (DOCX) taken as written.

No published table spans more.
"""

MAX_GRID_CELLS = 200_000
"""Cells of one table after its spans are expanded (rows × columns)."""

MAX_SPLIT_DIGITS = 200
"""Digits in one table row that the reader tries to split by the row's arithmetic."""

MAX_JSON_DEPTH = 64
"""Nesting depth of JSON (a report needs fewer than 10 levels)."""
