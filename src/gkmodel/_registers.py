"""Registers as rows of text: a CSV (UTF-8 or GB18030) or XLSX register, its header and rows.

The reading of the files behind :func:`gkmodel.tally.read_applications` and
:func:`gkmodel.tally.read_cases`, held to the limits of :mod:`gkmodel.limits`;
every problem is a :class:`gkmodel.tally.TallyError` naming the register.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from gkmodel import limits
from gkmodel._sources import Source, check_zip, source_bytes
from gkmodel.errors import GkmodelError, Problem

if TYPE_CHECKING:
    from gkmodel.tally import TallyError

__all__ = ["register_rows"]


def _error(problems: list[Problem]) -> TallyError:
    from gkmodel.tally import TallyError  # tally imports this module

    return TallyError(problems)


def _register_bytes(register: Source) -> tuple[str, bytes]:
    def error(name: str, reason: str) -> TallyError:
        return _error([Problem(name, reason)])

    names = ("<register>", "<register>")
    return source_bytes(
        register,
        names=names,
        max_bytes=limits.MAX_REGISTER_BYTES,
        limit="MAX_REGISTER_BYTES",
        error=error,
        function="read_applications",
    )


def register_rows(
    register: Source, columns: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[str, list[tuple[str, dict[str, str]]]]:
    """The register's name and its rows as (where, {column: text}), from CSV or XLSX.

    ``optional`` columns are "" when the register does not have them.
    """
    name, data = _register_bytes(register)
    if data[:4] == b"PK\x03\x04":  # a ZIP container: an XLSX workbook
        header, rows = _xlsx_rows(name, data)
        where = "row"
    else:
        header, rows = _csv_rows(name, data)
        where = "line"
    missing = [c for c in columns if c not in header]
    if missing:
        raise _error([Problem(name, f"missing column(s): {', '.join(missing)}")])
    out = []
    for number, values in rows:
        if not any(v.strip() for v in values):
            continue  # an empty line or row
        row = dict(zip(header, values, strict=False))
        texts = {c: row.get(c) or "" for c in (*columns, *optional)}
        out.append((f"{name}, {where} {number}", texts))
    return name, out


def _csv_rows(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    import csv
    import io

    for encoding in ("utf-8-sig", "gb18030"):  # organs' spreadsheets save CSV in either
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _error([Problem(name, "not a CSV file in UTF-8 or GB18030, nor an XLSX file")])
    csv.field_size_limit(max(csv.field_size_limit(), limits.MAX_CSV_FIELD))
    reader = csv.reader(io.StringIO(text))
    lines = []
    try:
        for values in reader:
            if max(map(len, values), default=0) > limits.MAX_CSV_FIELD:
                raise csv.Error("field larger than field limit")
            lines.append(values)
    except csv.Error as exc:
        raise _error(
            [
                Problem(
                    f"{name}, line {reader.line_num}",
                    f"not a readable CSV line ({exc}); a field holds at most "
                    f"{limits.MAX_CSV_FIELD} characters (the limit is "
                    "gkmodel.limits.MAX_CSV_FIELD, which a caller may raise for trusted input)",
                )
            ]
        ) from None
    if not lines:
        raise _error([Problem(name, "empty register")])
    header = [h.strip() for h in lines[0]]
    return header, [(n, values) for n, values in enumerate(lines[1:], start=2)]


def _xlsx_rows(name: str, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first worksheet of a workbook; dates typed as dates, numbers as numbers, text as text."""
    import io
    import zipfile

    try:
        import openpyxl
    except ImportError:
        raise _error(
            [Problem(name, "reading an XLSX register needs openpyxl: pip install 'gkmodel[xlsx]'")]
        ) from None
    check_zip(data, name, "XLSX workbook", lambda where, reason: _error([Problem(where, reason)]))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        reason = re.sub(r"<_io\.BytesIO object at 0x[0-9a-fA-F]+>", "the workbook", str(exc))
        raise _error([Problem(name, f"not a readable XLSX workbook ({reason})")]) from None
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds on broken files)
        raise _error(
            [Problem(name, f"not a readable XLSX workbook ({type(exc).__name__})")]
        ) from None
    try:
        if not book.worksheets:
            raise _error([Problem(name, "not a readable XLSX workbook (it has no worksheet)")])
        sheet = book.worksheets[0]
        rows = [[_xlsx_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except GkmodelError:
        raise
    except Exception as exc:  # noqa: BLE001  (a damaged sheet, read as it is iterated)
        raise _error(
            [Problem(name, f"not a readable XLSX workbook (its first sheet: {type(exc).__name__})")]
        ) from None
    finally:
        book.close()
    if not rows:
        raise _error([Problem(name, "empty register")])
    return [h.strip() for h in rows[0]], [(n, r) for n, r in enumerate(rows[1:], start=2)]


def _xlsx_text(value: object) -> str:
    """A cell as the register's text: a date as YYYY-MM-DD, a whole number without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
