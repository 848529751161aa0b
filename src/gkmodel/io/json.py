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
import re
from collections.abc import Callable
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

import cattrs

from gkmodel import limits
from gkmodel.editions import EDITIONS, declaration_for_class, declaration_for_key
from gkmodel.errors import GkmodelError, LoadError, Problem
from gkmodel.io._converter import EDITION_KEY, flatten_errors, make_converter
from gkmodel.io._structure import structurer
from gkmodel.io._writer import writer
from gkmodel.model.report import AnnualReport

__all__ = ["dump", "dumps", "from_data", "load", "loads", "to_data"]

PathLike = str | os.PathLike[str]
_REPORT: Any = AnnualReport  # a union: cattrs' stubs take only classes


@functools.cache
def converter() -> cattrs.Converter:
    """The converter behind :func:`from_data` (built once, on first use): a missing key is blank."""
    return make_converter()


@functools.cache
def _text_converter() -> cattrs.Converter:
    """The converter behind :func:`loads`: canonical JSON text has every key."""
    return make_converter(every_key=True)


def to_data(report: AnnualReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (dicts, lists, str, int, None)."""
    data: dict[str, Any] = converter().unstructure(report, AnnualReport)
    return data


def _fast_structurer(tag: str) -> Callable[[Any], Any]:
    """The generated fast path of :func:`from_data` for the edition ``tag`` (KeyError if none).

    Looked up in the registry of editions at each call, generated once per report class: an
    edition registered after the first load is served too.
    """
    declaration = declaration_for_key(tag)
    if declaration is None:
        raise KeyError(tag)
    cls = declaration.report_class
    fast = _STRUCTURERS.get(cls)
    if fast is None:
        fast = _STRUCTURERS[cls] = structurer(cls, converter(), extra_keys=1)
    return fast


_STRUCTURERS: dict[type, Callable[[Any], Any]] = {}
"""The generated structurer of each report class met so far."""


def from_data(data: Any, *, source: str = "<data>") -> AnnualReport:
    """A report from plain JSON data; raises :class:`~gkmodel.LoadError` listing every problem.

    As strict as :func:`loads` but for one thing: data written by hand may
    leave a key out, which takes the field's default (a blank cell, an empty
    text).  Canonical JSON text, read by :func:`loads`, has every key.
    """
    return _structure(data, source, converter())


def _structure(data: Any, source: str, detailed: cattrs.Converter) -> AnnualReport:
    try:
        report: AnnualReport = _fast_structurer(data[EDITION_KEY])(data)
        return report
    except Exception:  # noqa: BLE001  (anything unusual: the detailed converter decides)
        pass
    if _deeper_than(data, limits.MAX_JSON_DEPTH):
        raise LoadError(source, [Problem("$", _too_deep())])
    try:
        report = detailed.structure(data, _REPORT)
    except RecursionError:  # pragma: no cover - the depth limit keeps the converter shallow
        raise LoadError(source, [Problem("$", _too_deep())]) from None
    except Exception as exc:  # noqa: BLE001  (every failure becomes one LoadError)
        raise LoadError(source, flatten_errors(exc)) from None
    return report


def _too_deep() -> str:
    return (
        f"JSON nested deeper than {limits.MAX_JSON_DEPTH} levels (the limit is "
        "gkmodel.limits.MAX_JSON_DEPTH; no report needs more than 10)"
    )


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether arrays and objects in ``data`` nest deeper than ``limit`` (without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if value.__class__ is dict:
            children: Any = value.values()
        elif value.__class__ is list:
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


_KEY_SPACE = re.compile(r'"[ \t\r\n]+:')
_KEY_SPACE_BYTES = re.compile(rb'"[ \t\r\n]+:')


def _no_duplicate_keys(text: str | bytes, data: Any, dump: Callable[[Any], str | bytes]) -> bool:
    """True when ``text`` surely has no object with a key twice (``data`` is its parse).

    ``dump`` writes ``data`` compactly.  In a text without a backslash, every
    string is written as it reads, and so is every colon in it: the text's
    colons are one per key written and those inside strings; the dump of the
    parse has the same strings, less any pair a later duplicate replaced, and
    one colon per key kept.  As many colons in both proves that no pair was
    dropped, that is written twice (a colon is found by a one-character search,
    which runs many times faster than a search for two).  With a backslash, in
    a text without a ``\\u`` escape nor space before a colon, each key and
    each ``\\":`` inside a string is one ``":``, as in the dump: as many in
    both proves it too.  Anything else proves nothing: the caller then parses
    with a check of each object (slower, exact).
    """
    if isinstance(text, bytes):
        if b"\x00" in text[:4]:
            return False  # UTF-16 or UTF-32: the exact path decides
        if b"\\" not in text:
            return text.count(b":") == _count(dump(data), ":")
        if b"\\u" in text or _KEY_SPACE_BYTES.search(text):
            return False  # escapes, spaced keys: the exact path decides
        found = text.count(b'":')
    else:
        if "\\" not in text:
            return text.count(":") == _count(dump(data), ":")
        if "\\u" in text or _KEY_SPACE.search(text):
            return False
        found = text.count('":')
    return found == _count(dump(data), '":')


def _count(written: str | bytes, what: str) -> int:
    return written.count(what.encode()) if isinstance(written, bytes) else written.count(what)


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return out


def dumps(report: AnnualReport, *, compact: bool = False) -> str:
    """The canonical JSON text of ``report``.

    The same text as ``json.dumps(to_data(report), ensure_ascii=False,
    indent=2) + "\\n"``, written by generated code (see ``gkmodel.io._writer``).
    With ``compact=True``: one line without spaces or a final newline, as
    ``json.dumps(to_data(report), ensure_ascii=False, separators=(",", ":"))``
    (for JSON lines and hot paths; :func:`loads` reads both).
    """
    cls: type = type(report)
    declaration = declaration_for_class(cls)
    if declaration is None:
        names = " or ".join(d.report_class.__name__ for d in EDITIONS.values())
        raise GkmodelError(f"expected {names}, got {cls.__name__}")
    write = _WRITERS.get((cls, compact))
    if write is None:
        first = (EDITION_KEY, encode_basestring(declaration.key))
        write = _WRITERS[cls, compact] = writer(cls, converter(), first=first, compact=compact)
    return write(report) if compact else write(report) + "\n"


_WRITERS: dict[tuple[type, bool], Callable[[Any], str]] = {}
"""The generated writer of each report class met so far, compact or indented."""


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


@functools.cache
def _quick_writer() -> Callable[[Any], bytes]:
    """orjson's compact writer (only asked for once its parser was used)."""
    import orjson

    write: Callable[[Any], bytes] = orjson.dumps
    return write


def loads(text: str | bytes, *, source: str = "<string>") -> AnnualReport:
    """A report from JSON text; raises :class:`~gkmodel.LoadError` listing every problem.

    With orjson installed (the ``speed`` extra) a text is first parsed by
    orjson and taken by the fast path; anything else (a text orjson refuses,
    data the fast path does not take) goes the standard library's way, so
    the result is always the one ``json.loads`` gives.  The only data on
    which the two parsers differ holds a float (orjson reads an integer
    beyond 64 bits as one), and no report holds a float: the fast path
    refuses it.

    Canonical JSON is strict: an object with a key twice, an object missing a
    key of its class, a decimal with other than ASCII digits and a date not
    written YYYY-MM-DD are errors (see docs/json.md for all that is accepted).
    """
    if not isinstance(text, (str, bytes, bytearray)):
        from gkmodel.errors import ArgumentTypeError

        raise ArgumentTypeError("loads", "text", "JSON text: str or bytes (load takes paths)", text)
    quick = _quick_parser()
    if quick is not None:
        try:
            data = quick(text)
            report: AnnualReport = _fast_structurer(data[EDITION_KEY])(data)
            if _no_duplicate_keys(text, data, _quick_writer()):
                return report
        except Exception:  # noqa: BLE001  (not on the quick path: json and the converter decide)
            pass
    try:
        data = json.loads(text)
        if not _no_duplicate_keys(text, data, _compact):
            data = json.loads(text, object_pairs_hook=_pairs)
    except _DuplicateKeyError as exc:
        raise LoadError(source, [Problem("$", f"duplicate key {exc.key!r} in an object")]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LoadError(source, [Problem("$", f"malformed JSON: {exc}")]) from None
    except ValueError as exc:  # an integer of over 4,300 digits, which Python refuses to read
        raise LoadError(source, [Problem("$", f"a number too long to read: {exc}")]) from None
    except RecursionError:
        raise LoadError(source, [Problem("$", _too_deep())]) from None
    return _structure(data, source, _text_converter())


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
    """A report from a JSON file (a path or a file object).

    A path is read as :func:`gkmodel.read` reads one: a regular file of at
    most ``gkmodel.limits.MAX_DOCUMENT_BYTES``.
    """
    if isinstance(fp, (str, os.PathLike)):
        from gkmodel._sources import source_bytes

        def error(name: str, reason: str) -> LoadError:
            return LoadError(name, [Problem("$", reason)])

        name, data = source_bytes(
            Path(fp),
            names=("<bytes>", "<string>"),
            max_bytes=limits.MAX_DOCUMENT_BYTES,
            limit="MAX_DOCUMENT_BYTES",
            error=error,
        )
        return loads(data, source=name)
    if not callable(getattr(fp, "read", None)):
        from gkmodel.errors import ArgumentTypeError

        raise ArgumentTypeError("load", "fp", "a path or a file object (loads takes text)", fp)
    name = str(getattr(fp, "name", "<file>"))
    try:
        text = fp.read()
    except UnicodeDecodeError as exc:
        raise LoadError(name, [Problem("$", f"not UTF-8 text: {exc.reason}")]) from None
    return loads(text, source=name)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically; see :func:`write_bytes_atomic`.  A file
    name in the text that is no UTF-8 (a GBK name on a Linux disk) is written escaped."""
    write_bytes_atomic(path, text.encode("utf-8", errors="backslashreplace"))


def _stream(path: Path) -> bool:
    """Whether ``path`` is a FIFO, a device or the like: written into as it is (renaming a file
    over it would replace the node itself, ``/dev/stdout`` or a pipe, with a file)."""
    try:
        return path.exists() and not path.is_file() and not path.is_dir()
    except OSError:
        return False


def _write_stream(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as f:
            f.write(data)
    except OSError as exc:
        raise GkmodelError(f"{path}: cannot write: {exc.strerror}") from None


def write_files_atomic(files: dict[Path, bytes]) -> None:
    """Write each of ``files`` (path: data) via a temporary file, then rename them all: when one
    cannot be written, none is (the temporary files are removed), and a
    :class:`~gkmodel.GkmodelError` names it."""
    written: list[tuple[Path, Path]] = []
    files = {(p.resolve() if p.is_symlink() else p): d for p, d in files.items()}  # its target
    streams = {p: d for p, d in files.items() if _stream(p)}
    try:
        for path, data in files.items():
            if path in streams:
                continue
            if not path.name or path.is_dir():
                raise GkmodelError(f"{path}: cannot write: a folder, not a file name")
            tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                written.append((tmp, path))
                tmp.write_bytes(data)
            except OSError as exc:
                raise GkmodelError(f"{path}: cannot write: {exc.strerror}") from None
        for tmp, path in written:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise GkmodelError(f"{path}: cannot write: {exc.strerror}") from None
        for path, data in streams.items():
            _write_stream(path, data)
    finally:
        for tmp, _ in written:
            if tmp.exists():
                tmp.unlink()


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    A missing parent folder is created.  A failure never leaves a partial
    file behind; it raises :class:`~gkmodel.GkmodelError` naming the path.  A symbolic
    link is followed (the file it names is written, the link kept), and a FIFO or a device
    (``/dev/stdout``) is written into as it is.
    """
    write_files_atomic({path: data})
