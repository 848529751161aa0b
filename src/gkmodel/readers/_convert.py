"""Word 97 (``.doc``), WPS and RTF documents converted to DOCX with LibreOffice, then read as DOCX.

LibreOffice (``soffice``, or ``libreoffice``) must be on PATH.  It runs headless
in a temporary folder with a profile of its own (so that a LibreOffice already
open on the machine is neither used nor disturbed), and is stopped after
:data:`gkmodel.limits.MAX_CONVERT_SECONDS`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gkmodel import limits

__all__ = ["ConvertError", "office_program", "to_docx"]

_SUFFIX = {"doc": ".doc", "rtf": ".rtf"}
INSTALL_HINT = (
    "install LibreOffice so that soffice is on PATH (Debian/Ubuntu: apt-get install"
    " libreoffice-writer-nogui; macOS: brew install --cask libreoffice), or save the file as"
    " DOCX or PDF"
)


class ConvertError(Exception):
    """The document could not be converted; the message says why in one line."""


def office_program() -> str | None:
    """The LibreOffice program on PATH (``soffice`` or ``libreoffice``), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, fmt: str) -> bytes:
    """The bytes of a DOCX converted by LibreOffice from ``data`` (a ``doc`` or ``rtf``)."""
    program = office_program()
    if program is None:
        raise ConvertError(f"reading a {_NAMES[fmt]} needs LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="gkmodel-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"report{_SUFFIX[fmt]}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            raise ConvertError(f"LibreOffice could not be started ({exc.strerror})") from None
        try:
            process.wait(timeout=limits.MAX_CONVERT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ConvertError(
                f"LibreOffice took longer than gkmodel.limits.MAX_CONVERT_SECONDS"
                f" ({limits.MAX_CONVERT_SECONDS} s) to convert the {_NAMES[fmt]}"
            ) from None
        out = folder / "out" / "report.docx"
        if not out.is_file():
            raise ConvertError(
                f"LibreOffice could not convert the {_NAMES[fmt]} (damaged, or not a document)"
            )
        return out.read_bytes()


_NAMES = {"doc": "Word 97/WPS document", "rtf": "RTF document"}
