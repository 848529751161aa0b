"""Damaged files, outputs onto inputs, names that are no UTF-8, numbers beyond every column.

Found by a pass over every public entry point and command: each let a traceback from inside a
library through, or destroyed the user's input. Each now ends with one documented error (exit
status 2 on the command line), or works.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

import gkmodel
from gkmodel.cli import main
from gkmodel.errors import CellValueError, LoadError
from gkmodel.readers import ReadError
from gkmodel.tally import TallyError

from .conftest import EXAMPLES

HUAIAN = EXAMPLES / "data" / "huaian_2024.json"
REGISTER = EXAMPLES / "register_template.xlsx"
_BODY = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)


def _docx(document: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def _central(data: bytes, name: bytes) -> int:
    """The offset of ``name``'s entry in the zip's central directory."""
    i = data.find(b"PK\x01\x02")
    while bytes(data[i + 46 : i + 46 + struct.unpack("<H", data[i + 28 : i + 30])[0]]) != name:
        i = data.find(b"PK\x01\x02", i + 4)
    return i


class TestZips:
    def test_a_damaged_part(self) -> None:
        # zlib.error from inside the zip module.
        data = bytearray(
            _docx(_BODY + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 200 + b"</w:body></w:document>")
        )
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        for i in range(start + 5, start + 40):
            data[i] ^= 0x55
        with pytest.raises(ReadError, match=r"not a readable Word document \(word/document.xml"):
            gkmodel.read(bytes(data))

    def test_a_zip_version_python_cannot_read(self) -> None:
        # NotImplementedError from inside the size check, for a document and a register.
        def patched(data: bytes) -> bytes:
            out = bytearray(data)
            i = out.find(b"PK\x01\x02")
            out[i + 6 : i + 8] = struct.pack("<H", 228)  # version needed to extract: 22.8
            return bytes(out)

        docx = gkmodel.render(gkmodel.load(HUAIAN), to="docx")
        assert isinstance(docx, bytes)
        with pytest.raises(ReadError, match="zip file version"):
            gkmodel.read(patched(docx))
        with pytest.raises(TallyError, match="zip file version"):
            gkmodel.read_applications(patched(REGISTER.read_bytes()), edition=gkmodel.Edition.E2021)

    def test_a_part_larger_than_its_directory_says(self) -> None:
        # Inflated whole before the checksum failed (1.5 GB from a 1.5 MB file).
        data = bytearray(_docx(_BODY + b" " * 2_000_000 + b"</w:body></w:document>"))
        i = _central(bytes(data), b"word/document.xml")
        data[i + 24 : i + 28] = struct.pack("<I", 1000)  # declared: 1,000 bytes
        with pytest.raises(ReadError, match="not a readable Word document"):
            gkmodel.read(bytes(data))

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            (b"<sheetData>", b"<sheetData><"),
            (b'r="A2"', b'r="Ar"'),
            (b"activeCell=", b"activeCehl="),
        ],
    )
    def test_a_register_with_a_damaged_sheet(self, old: bytes, new: bytes) -> None:
        # ParseError, ValueError, TypeError from inside openpyxl as the sheet was iterated.
        buf = io.BytesIO()
        with zipfile.ZipFile(REGISTER) as zin, zipfile.ZipFile(buf, "w") as zout:
            for name in zin.namelist():
                part = zin.read(name)
                if name == "xl/worksheets/sheet1.xml":
                    assert old in part
                    part = part.replace(old, new, 1)
                zout.writestr(name, part)
        with pytest.raises(TallyError, match="not a readable XLSX workbook"):
            gkmodel.read_applications(buf.getvalue(), edition=gkmodel.Edition.E2021)


def test_a_pdf_with_a_page_that_is_none() -> None:
    # pypdfium2's PdfiumError ("Failed to load page.").
    pytest.importorskip("pypdfium2")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Font >>"]  # fmt: skip
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with pytest.raises(ReadError, match=r"not a readable PDF \(damaged"):
        gkmodel.read(bytes(out))


class TestOutputs:
    @pytest.mark.parametrize("command", ["render", "check", "cells"])
    def test_an_output_that_is_the_input(self, command: str, tmp_path: Path) -> None:
        report = tmp_path / "r.json"
        report.write_bytes(HUAIAN.read_bytes())
        assert main([command, str(report), "-o", str(report)], stdout=io.StringIO()) == 2
        assert report.read_bytes() == HUAIAN.read_bytes()

    def test_build_onto_its_register_or_one_file_twice(self, tmp_path: Path) -> None:
        register = tmp_path / "reg.xlsx"
        register.write_bytes(REGISTER.read_bytes())
        common = ["build", str(register), "--year", "2024", "--organ", "某县人民政府"]
        assert main([*common, "-o", str(register)], stdout=io.StringIO()) == 2
        assert register.read_bytes() == REGISTER.read_bytes()
        page = tmp_path / "out.html"
        assert main([*common, "-o", str(page), "--render", "html"], stdout=io.StringIO()) == 2
        assert not page.exists()

    def test_all_outputs_or_none(self, tmp_path: Path) -> None:
        # An output that cannot be written (a folder in its way) left the others written.
        (tmp_path / "findings.txt").mkdir()
        view = tmp_path / "view.html"
        check = ["check", str(HUAIAN), "--html", str(view), "-o", str(tmp_path / "findings.txt")]
        assert main(check, stdout=io.StringIO()) == 2
        assert not view.exists()
        (tmp_path / "out.docx").mkdir()
        build = ["build", str(REGISTER), "--year", "2024", "--organ", "某县人民政府",
                 "-o", str(tmp_path / "out.json"), "--render", "html,docx"]  # fmt: skip
        assert main(build, stdout=io.StringIO()) == 2
        assert not (tmp_path / "out.json").exists() and not (tmp_path / "out.html").exists()
        (tmp_path / "aud" / "index.html").mkdir(parents=True)
        audit = ["audit", str(HUAIAN), "-o", str(tmp_path / "aud"), "-j", "1"]
        assert main(audit, stdout=io.StringIO()) == 2
        assert sorted(p.name for p in (tmp_path / "aud").iterdir()) == ["index.html"]

    def test_a_link_and_a_pipe(self, tmp_path: Path) -> None:
        # The file renamed into place replaced the link itself (its target untouched), and the
        # pipe itself (nothing went into it; as root, -o /dev/full replaced the device).
        import threading

        target, link = tmp_path / "target.json", tmp_path / "link.json"
        target.write_text("old", encoding="utf-8")
        link.symlink_to(target)
        assert main(["schema", "-o", str(link)], stdout=io.StringIO()) == 0
        assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("{")
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)
        got: list[bytes] = []
        reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
        reader.start()
        assert main(["schema", "-o", str(pipe)], stdout=io.StringIO()) == 0
        reader.join(timeout=30)
        assert got and got[0].startswith(b"{") and pipe.is_fifo()

    def test_a_file_name_that_is_no_utf8(self, tmp_path: Path) -> None:
        # UnicodeEncodeError from check -o and audit (a GBK name on a Linux disk).
        folder = tmp_path / "in"
        folder.mkdir()
        name = os.fsdecode(b"r\xff.json")
        (folder / name).write_bytes(HUAIAN.read_bytes())
        out = tmp_path / "findings.txt"
        assert main(["check", str(folder / name), "-o", str(out)], stdout=io.StringIO()) == 0
        assert main(["audit", str(folder), "-o", str(tmp_path / "aud"), "-j", "1"],
                    stdout=io.StringIO()) == 0  # fmt: skip
        assert "\\udcff" in (tmp_path / "aud" / "files.csv").read_text(encoding="utf-8-sig")


class TestNumbersBeyondEveryColumn:
    def test_a_count_beyond_64_bits(self) -> None:
        data = json.loads(HUAIAN.read_text(encoding="utf-8"))
        data["requests"]["new_received"]["total"] = 2**63
        with pytest.raises(LoadError, match=r"MAX_COUNT"):
            gkmodel.from_data(data)

    def test_an_integer_python_will_not_write(self) -> None:
        # ValueError from inside the model's own error message.
        with pytest.raises(CellValueError, match="an integer of about 5001 digits"):
            gkmodel.ReportMeta(organ=gkmodel.Organ(name="某县人民政府"), year=10**5000)  # type: ignore[call-arg]
        text = HUAIAN.read_text(encoding="utf-8").replace('"year": 2024', '"year": ' + "9" * 5000)
        with pytest.raises(LoadError, match="too long to read"):
            gkmodel.loads(text)

    def test_an_amount_no_database_keeps(self) -> None:
        # A 26-digit amount made check() drop every finding for one R-CHECK.
        text = HUAIAN.read_text(encoding="utf-8").replace(
            '"96171.6"', '"10000000000000000000000000"'
        )
        with pytest.raises(LoadError, match=r"MAX_AMOUNT"):
            gkmodel.loads(text)


_REPORT = gkmodel.load(HUAIAN)


@pytest.mark.parametrize(
    "call",
    [
        lambda: gkmodel.read(None),  # type: ignore[arg-type]
        lambda: gkmodel.read(12),  # type: ignore[arg-type]
        lambda: gkmodel.load(b"{}"),  # type: ignore[arg-type]
        lambda: gkmodel.loads(Path("r.json")),  # type: ignore[arg-type]
        lambda: gkmodel.loads(None),  # type: ignore[arg-type]
        lambda: gkmodel.render(None),  # type: ignore[call-overload]
        lambda: gkmodel.render({}, to="html"),  # type: ignore[call-overload]
        lambda: gkmodel.render(_REPORT, to="text", fragment=True),
        lambda: gkmodel.to_cells(None),  # type: ignore[arg-type]
        lambda: gkmodel.dumps_cells({}),  # type: ignore[arg-type]
        lambda: gkmodel.json_schema("2017"),  # type: ignore[arg-type]
        lambda: gkmodel.derive_totals(None),  # type: ignore[arg-type]
        lambda: gkmodel.check_pair(_REPORT, None),  # type: ignore[arg-type]
        lambda: gkmodel.check_rollup(_REPORT, None),  # type: ignore[arg-type]
        lambda: gkmodel.audit([None]),  # type: ignore[list-item]
        lambda: gkmodel.audit_one(None),  # type: ignore[arg-type]
        lambda: gkmodel.tally_requests(None, year=2024, edition=gkmodel.Edition.E2021),  # type: ignore[arg-type]
        lambda: gkmodel.tally_requests([], year=-1, edition=gkmodel.Edition.E2021),
        lambda: gkmodel.tally_appeals([None]),  # type: ignore[list-item]
    ],
)
def test_a_public_function_misused_raises_one_documented_error(call: object) -> None:
    # Each raised TypeError, AttributeError, KeyError or ValueError from deep inside.
    with pytest.raises(gkmodel.GkmodelError):
        call()  # type: ignore[operator]


def test_what_a_function_may_take_beside_its_declared_types(tmp_path: Path) -> None:
    # A file object and a bytearray are read as bytes; a str path alone is one folder to audit;
    # an edition by its key.
    with HUAIAN.open("rb") as f:
        assert gkmodel.read(f).report == _REPORT  # type: ignore[arg-type]
    assert gkmodel.read(bytearray(HUAIAN.read_bytes())).report == _REPORT  # type: ignore[arg-type]
    assert gkmodel.json_schema("2021") == gkmodel.json_schema(gkmodel.Edition.E2021)  # type: ignore[arg-type]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.json").write_bytes(HUAIAN.read_bytes())
    assert gkmodel.audit(str(folder)).read == 1  # type: ignore[arg-type]
