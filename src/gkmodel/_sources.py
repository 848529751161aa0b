"""Inputs given as a path, bytes or a str, as every reading verb of gkmodel takes them.

A ``str`` that names an existing file is read as that file; so is a short
one-line ``str`` that looks like a path (it ends in an extension gkmodel
reads, or holds a path separator, and holds no markup), which names no file
and so is refused with "no such file" rather than read as a document.  Any
other ``str`` is the content itself.  One rule for :func:`gkmodel.read`,
:func:`gkmodel.read_applications` and :func:`gkmodel.read_cases`.

A file is read without trusting ``stat``: only regular files are opened for
reading (a FIFO, a device or a folder is refused before a byte is read), and
at most the limit plus one byte is ever read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zipfile import ZipFile, ZipInfo

__all__ = ["PATH_SUFFIXES", "Source", "looks_like_path", "source_bytes"]

Source = str | bytes | os.PathLike[str]
"""A path, the bytes of a file, or its text."""

AUDIT_SUFFIXES = (
    ".json", ".txt", ".md", ".html", ".htm", ".shtml", ".xhtml",
    ".docx", ".pdf", ".doc", ".wps", ".rtf",
)  # fmt: skip
"""The suffixes of the files ``gkmodel audit`` reads in a folder (Word 97, WPS and RTF need
LibreOffice; without it they are listed as files that could not be read)."""

PATH_SUFFIXES = (".json", ".txt", ".html", ".htm", ".docx", ".xlsx", ".csv", ".md")
"""Extensions of the files gkmodel reads: a one-line str ending in one is a path."""

_MAX_PATH = 4096


def looks_like_path(text: str) -> bool:
    """Whether a one-line ``str`` is meant as a path (not as a document's content)."""
    if not text or len(text) >= _MAX_PATH or "\n" in text or "\r" in text:
        return False
    if any(c in text for c in "<>{}\x00"):
        return False  # markup or JSON: content
    stripped = text.strip()
    return stripped.lower().endswith(PATH_SUFFIXES) or "/" in stripped or os.sep in stripped


def _names_something(text: str) -> bool:
    if "\n" in text or len(text) >= _MAX_PATH:
        return False
    try:
        return os.path.lexists(text)
    except (ValueError, OSError):
        return False


def source_bytes(
    source: Source,
    *,
    names: tuple[str, str],
    max_bytes: int,
    error: Callable[[str, str], Exception],
    limit: str = "MAX_DOCUMENT_BYTES",
    function: str = "read",
) -> tuple[str, bytes]:
    """(name for messages, content) of ``source``.

    ``names`` name content given as bytes and as text; a file is named by
    its path.  A file that cannot be read, that is not a regular file, or
    that is larger than ``max_bytes`` (the limit named ``limit`` in
    :mod:`gkmodel.limits`), raises ``error(name, reason)``.
    """
    if isinstance(source, (bytearray, memoryview)):
        source = bytes(source)
    elif not isinstance(source, (bytes, str, os.PathLike)) and callable(
        getattr(source, "read", None)
    ):  # a file object, binary or text: read within the limit
        name = str(getattr(source, "name", names[0]))
        data = source.read(max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8", errors="surrogatepass")
        if not isinstance(data, bytes):
            raise error(name, "the file object gives neither bytes nor text")
        _check_size(name, len(data), max_bytes, limit, error)
        return name, data
    if isinstance(source, bytes):
        _check_size(names[0], len(source), max_bytes, limit, error)
        return names[0], source
    if not isinstance(source, (str, os.PathLike)):
        from gkmodel.errors import ArgumentTypeError

        raise ArgumentTypeError(function, "source", "a path, bytes, a str or a file object", source)
    if isinstance(source, os.PathLike) or _names_something(source) or looks_like_path(source):
        path = Path(source)
        return str(path), _read_file(path, max_bytes, limit, error)
    data = source.encode("utf-8", errors="surrogatepass")
    _check_size(names[1], len(data), max_bytes, limit, error)
    return names[1], data


def too_large(size: int, max_bytes: int, limit: str) -> str:
    """The reason given for an input over a size limit, naming the limit and how to raise it."""
    return (
        f"larger than {_size(max_bytes)} ({size if size >= 0 else 'more'} bytes; the limit is "
        f"gkmodel.limits.{limit}, which a caller may raise for trusted input)"
    )


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n % (1024 * 1024) == 0 else f"{n} bytes"


def _check_size(
    name: str, size: int, max_bytes: int, limit: str, error: Callable[[str, str], Exception]
) -> None:
    if size > max_bytes:
        raise error(name, too_large(size, max_bytes, limit))


def _read_file(
    path: Path, max_bytes: int, limit: str, error: Callable[[str, str], Exception]
) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # non-blocking: opening a FIFO never waits for a writer
    except FileNotFoundError:
        raise error(str(path), "no such file") from None
    except OSError as exc:
        raise error(str(path), f"cannot read file: {exc.strerror or exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise error(str(path), f"cannot read file: {kind}")
        chunks: list[bytes] = []
        left = max_bytes + 1  # whatever stat says, never more than the limit plus one byte
        while left > 0:
            chunk = os.read(fd, min(left, 1024 * 1024))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise error(str(path), f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise error(str(path), too_large(-1, max_bytes, limit))
    return data


def check_zip(
    data: bytes,
    name: str,
    what: str,
    error: Callable[[str, str], Exception],
    *,
    prove: bool = True,
) -> None:
    """Refuse a zip (DOCX, XLSX) over the limits on its parts, or whose parts are not as its
    directory declares them.

    ``what`` names the document in messages ("Word document").  The limits are checked on
    the sizes the directory declares, before anything is inflated; then each part is
    inflated in bounded pieces, and discarded, to prove it holds what is declared (its size,
    its checksum), so that no reader after this one (openpyxl) inflates a part beyond its
    declared size, however the zip understates it, or meets a damaged part.  With ``prove``
    False the parts are left to a reader that reads them so itself (:func:`read_part`).
    """
    import io
    import zipfile

    from gkmodel import limits

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise error(name, f"not a readable {what} ({exc})") from None
    if len(infos) > limits.MAX_ZIP_PARTS:
        raise error(
            name,
            f"{len(infos)} parts in the zip container, more than {limits.MAX_ZIP_PARTS} (the limit "
            "is gkmodel.limits.MAX_ZIP_PARTS, which a caller may raise for trusted input)",
        )
    total = sum(info.file_size for info in infos)
    if total > limits.MAX_ZIP_BYTES:
        raise error(
            name,
            f"the zip container inflates to {total} bytes, more than {_size(limits.MAX_ZIP_BYTES)} "
            "(the limit is gkmodel.limits.MAX_ZIP_BYTES, which a caller may raise for trusted "
            "input)",
        )
    if prove:  # (a reader that reads its parts bounded itself, as the DOCX reader does, need not)
        _check_parts(data, infos, lambda reason: error(name, f"not a readable {what} ({reason})"))


_PIECE = 1 << 20  # bytes inflated at a time when a zip's parts are proved


def read_part(archive: ZipFile, info: ZipInfo) -> bytes:
    """The bytes of one part of a zip, inflated in bounded pieces; a ``ValueError`` naming the
    part when it is larger than its declared size (raised before more than that is inflated:
    the zip module's ``read`` inflates a whole compressed block first), damaged, or compressed
    in a form the zip module cannot read."""
    import zipfile
    import zlib

    pieces, size = [], 0
    try:
        with archive.open(info) as part:
            while piece := part.read(min(_PIECE, info.file_size - size + 1)):
                size += len(piece)
                if size > info.file_size:
                    raise ValueError("larger than its declared size")
                pieces.append(piece)
    except (ValueError, zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError) as exc:
        raise ValueError(f"{info.filename}: {exc}") from None
    return b"".join(pieces)


def _check_parts(data: bytes, infos: list[ZipInfo], error: Callable[[str], Exception]) -> None:
    """Inflate each part of a zip (:func:`read_part`), discarding it: a part larger than its
    declared size, damaged, or in a form the zip module cannot read is an ``error``."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in infos:
                if not info.is_dir():
                    read_part(archive, info)
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError) as exc:
        raise error(str(exc)) from None
