"""The resume state of an audit: every record written so far, keyed by the file's content hash.

``OUT/.audit-state`` starts with a header line (the format, gkmodel's version and
the language of the messages), then one frame per audited file: the 32 bytes of
its SHA-256, the length of the payload (4 bytes, big-endian) and the record as
zlib-compressed JSON (never pickle: a folder of audits may come from anyone).
Each frame is flushed as it is written, so an audit stopped in any way (Ctrl-C,
``kill -9``) leaves a state that ``--resume`` reads up to its last whole frame.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

from gkmodel._batch.record import AuditRecord
from gkmodel.errors import GkmodelError

__all__ = ["STATE_NAME", "State"]

STATE_NAME = ".audit-state"
_MAGIC = b"gkmodel-audit-state 2\n"  # 2: cells with their note and unread mark
_FRAME = struct.Struct(">32sI")


class State:
    """The records of earlier runs into one folder (``resume``), and the records of this run.

    Only the records of earlier runs are looked up (:meth:`get`), so what a run takes
    from the state does not depend on the order in which its own records arrive.
    """

    def __init__(self, out: Path, *, lang: str, resume: bool) -> None:
        from gkmodel import __version__

        self.path = out / STATE_NAME
        self.header = _MAGIC + json.dumps({"gkmodel": __version__, "lang": lang}).encode() + b"\n"
        self.index: dict[bytes, int] = {}
        self.earlier: dict[bytes, int] = {}
        try:
            if resume and self.path.exists():
                self.file: BinaryIO = self.path.open("r+b")
                self._load()
            else:
                self.file = self.path.open("wb")
                self.file.write(self.header)
                self.file.flush()
        except OSError as exc:
            raise GkmodelError(f"{self.path}: cannot write: {exc.strerror}") from None

    def _load(self) -> None:
        f = self.file
        header = f.readline() + f.readline()
        if header != self.header:
            f.close()
            raise GkmodelError(
                f"{self.path}: written by another version of gkmodel or with another --lang; "
                "audit without --resume to start again"
            )
        end = f.tell()
        while len(head := f.read(_FRAME.size)) == _FRAME.size:
            digest, size = _FRAME.unpack(head)
            start = f.tell()
            if len(f.read(size)) < size:
                break
            self.index[digest] = start
            end = f.tell()
        f.seek(end)
        f.truncate()  # a frame cut short by a kill is dropped
        self.earlier = dict(self.index)

    def __len__(self) -> int:
        """The records of earlier runs."""
        return len(self.earlier)

    def get(self, sha256: str | None, file: str) -> AuditRecord | None:
        """The record of a file with these contents, as if audited under ``file``; or None."""
        if sha256 is None:
            return None
        start = self.earlier.get(bytes.fromhex(sha256))
        if start is None:
            return None
        here = self.file.tell()
        self.file.seek(start - _FRAME.size)
        _, size = _FRAME.unpack(self.file.read(_FRAME.size))
        data = json.loads(zlib.decompress(self.file.read(size)).decode("utf-8", "surrogateescape"))
        self.file.seek(here)
        return AuditRecord.from_json(data).moved(file)

    def add(self, record: AuditRecord) -> None:
        """Keep ``record`` (of a file that could be hashed) for a later ``--resume``."""
        if record.sha256 is None or bytes.fromhex(record.sha256) in self.index:
            return
        text = json.dumps(record.to_json(), ensure_ascii=False)
        payload = zlib.compress(text.encode("utf-8", "surrogateescape"), 6)  # (names no UTF-8)
        digest = bytes.fromhex(record.sha256)
        self.file.write(_FRAME.pack(digest, len(payload)))
        self.index[digest] = self.file.tell()
        self.file.write(payload)
        self.file.flush()

    def close(self) -> None:
        self.file.close()
