"""Canonical JSON: ``dumps``/``loads`` and their file variants.

Canonical means deterministic: keys in declaration order (``"edition"``
first), every field present (blank cells as ``null``), two-space indent,
UTF-8 without escapes, one trailing newline.  ``loads(dumps(r)) == r`` for
every report.

>>> from gkmodel.model import AnnualReport2021, Organ, ReportMeta
>>> r = AnnualReport2021.empty(ReportMeta(organ=Organ(name="某局"), year=2023))
>>> text = dumps(r)
>>> text.splitlines()[1]
'  "edition": "2021",'
>>> loads(text) == r
True
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

import cattrs

from gkmodel.errors import GkmodelError, LoadError, Problem
from gkmodel.io._converter import EDITION_KEY, flatten_errors, make_converter
from gkmodel.io._structure import structurer
from gkmodel.io._writer import writer
from gkmodel.model.report import REPORT_CLASSES, AnnualReport

__all__ = ["dump", "dumps", "from_data", "load", "loads", "to_data"]

PathLike = str | os.PathLike[str]
_REPORT: Any = AnnualReport  # a union: cattrs' stubs take only classes


@functools.cache
def converter() -> cattrs.Converter:
    """The converter behind canonical JSON (built once, on first use)."""
    return make_converter()


def to_data(report: AnnualReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, lists, str, int, None)."""
    data: dict[str, Any] = converter().unstructure(report, AnnualReport)
    return data


@functools.cache
def _fast_structurers() -> dict[str, Callable[[Any], Any]]:
    """The generated fast path of :func:`from_data`, by edition tag."""
    return {
        e.value: structurer(cls, converter(), extra_keys=1) for e, cls in REPORT_CLASSES.items()
    }


def from_data(data: Any, *, source: str = "<data>") -> AnnualReport:
    """A report from plain JSON data; raises :class:`~gkmodel.LoadError` listing every problem."""
    try:
        report: AnnualReport = _fast_structurers()[data[EDITION_KEY]](data)
        return report
    except Exception:  # noqa: BLE001  (anything unusual: the detailed converter decides)
        pass
    try:
        report = converter().structure(data, _REPORT)
    except Exception as exc:  # noqa: BLE001  (every failure becomes one LoadError)
        raise LoadError(source, flatten_errors(exc)) from None
    return report


def dumps(report: AnnualReport, *, compact: bool = False) -> str:
    """The canonical JSON text of ``report``.

    The same text as ``json.dumps(to_data(report), ensure_ascii=False,
    indent=2) + "\\n"``, written by generated code (see ``gkmodel.io._writer``).
    With ``compact=True``: one line without spaces or a final newline, as
    ``json.dumps(to_data(report), ensure_ascii=False, separators=(",", ":"))``
    (for JSON lines and hot paths; :func:`loads` reads both).
    """
    try:
        write = _writers(compact)[type(report)]
    except KeyError:
        raise GkmodelError(
            f"expected AnnualReport2019 or AnnualReport2021, got {type(report).__name__}"
        ) from None
    return write(report) if compact else write(report) + "\n"


@functools.cache
def _writers(compact: bool) -> dict[type, Callable[[Any], str]]:
    first = {e: (EDITION_KEY, encode_basestring(e.value)) for e in REPORT_CLASSES}
    return {
        cls: writer(cls, converter(), first=first[e], compact=compact)
        for e, cls in REPORT_CLASSES.items()
    }


@functools.cache
def _quick_parser() -> Callable[[str | bytes], Any] | None:
    """orjson's parser when it is installed (the ``speed`` extra), else None.

    It is imported on the first load, not with gkmodel.
    """
    try:
        import orjson
    except ImportError:
        return None
    parse: Callable[[str | bytes], Any] = orjson.loads
    return parse


def loads(text: str | bytes, *, source: str = "<string>") -> AnnualReport:
    """A report from JSON text; raises :class:`~gkmodel.LoadError` listing every problem.

    With orjson installed (the ``speed`` extra) a text is first parsed by
    orjson and taken by the fast path; anything else (a text orjson refuses,
    data the fast path does not take) goes the standard library's way, so
    the result is always the one ``json.loads`` gives.  The only data on
    which the two parsers differ holds a float (orjson reads an integer
    beyond 64 bits as one), and no report holds a float: the fast path
    refuses it.
    """
    quick = _quick_parser()
    if quick is not None:
        try:
            data = quick(text)
            report: AnnualReport = _fast_structurers()[data[EDITION_KEY]](data)
            return report
        except Exception:  # noqa: BLE001  (not on the quick path: json and the converter decide)
            pass
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LoadError(source, [Problem("$", f"malformed JSON: {exc}")]) from None
    except RecursionError:
        raise LoadError(source, [Problem("$", "JSON nested too deeply")]) from None
    return from_data(data, source=source)


def dump(report: AnnualReport, fp: PathLike | IO[str]) -> None:
    """Write the canonical JSON of ``report`` to a path or a text file object.

    Writing to a path goes through a temporary file, so a failure never
    leaves a partial file behind.
    """
    text = dumps(report)
    if isinstance(fp, (str, os.PathLike)):
        write_text_atomic(Path(fp), text)
    else:
        fp.write(text)


def load(fp: PathLike | IO[str] | IO[bytes]) -> AnnualReport:
    """A report from a JSON file (a path or a file object)."""
    if isinstance(fp, (str, os.PathLike)):
        path = Path(fp)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LoadError(
                str(path), [Problem("$", f"cannot read file: {exc.strerror}")]
            ) from None
        return loads(data, source=str(path))
    return loads(fp.read(), source=getattr(fp, "name", "<file>"))


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    A missing parent folder is created.  A failure never leaves a partial
    file behind; it raises :class:`~gkmodel.GkmodelError` naming the path.
    """
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise GkmodelError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
