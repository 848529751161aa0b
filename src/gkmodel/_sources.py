"""Inputs given as a path, bytes or a str, as every reading verb of gkmodel takes them.

A ``str`` that names an existing file is read as that file; any other
``str`` is the content itself.  One rule for :func:`gkmodel.read`,
:func:`gkmodel.read_applications` and :func:`gkmodel.read_cases`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["Source", "source_bytes"]

Source = str | bytes | os.PathLike[str]
"""A path, the bytes of a file, or its text."""


def source_bytes(
    source: Source,
    *,
    names: tuple[str, str],
    max_bytes: int,
    error: Callable[[str, str], Exception],
) -> tuple[str, bytes]:
    """(name for messages, content) of ``source``.

    ``names`` name content given as bytes and as text; a file is named by
    its path.  A file that cannot be read, or larger than ``max_bytes``,
    raises ``error(name, reason)``.
    """
    if isinstance(source, bytes):
        return names[0], source
    if isinstance(source, os.PathLike) or (
        "\n" not in source and len(source) < 4096 and _is_file(source)
    ):
        path = Path(source)
        try:
            if path.stat().st_size > max_bytes:
                raise error(str(path), f"larger than {max_bytes // (1024 * 1024)} MB")
            return str(path), path.read_bytes()
        except OSError as exc:
            raise error(str(path), f"cannot read file: {exc.strerror}") from None
    return names[1], source.encode("utf-8")


def _is_file(text: str) -> bool:
    """Whether ``text`` names an existing file (a one-line document is too long a name)."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # ENAMETOOLONG, or a NUL in the text
        return False
