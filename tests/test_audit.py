"""Batch audit over the corpus: every file read, findings and cells written as CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

import gkmodel
from gkmodel import audit
from gkmodel.cli import main

from .conftest import CORPUS, EXAMPLES


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


class TestAudit:
    """The corpus as an auditor would run it."""

    def test_corpus(self, tmp_path: Path) -> None:
        result = audit([CORPUS], out_dir=tmp_path)
        assert (result.read, result.failed) == (10, 0)
        assert result.by_edition == {"2019": 1, "2021": 9}
        assert result.with_errors == 3
        assert result.top_rules == [("T3-REC", 2), ("T3-TOT", 2), ("T4-REV", 2), ("T4-LIT-R", 2)]
        files = _rows(tmp_path / "files.csv")
        # Shanghai 2025 pulled one column of table 二 out of the table: six cells unreadable
        assert [(Path(r["file"]).name, r["status"], r["unreadable"]) for r in files] == [
            (Path(f).name, "partial" if "bgt" in f else "ok", "6" if "bgt" in f else "0")
            for f in sorted(str(p) for p in CORPUS.glob("*.*") if p.name != "INDEX.md")
        ]
        assert result.partial == 1
        findings = _rows(tmp_path / "findings.csv")
        failed = [
            (Path(r["file"]).name, r["code"]) for r in findings if r["severity"] == "inconsistency"
        ]
        assert failed == [
            ("2020_shangguan-xiang.txt", "T3-REC"),
            ("2020_shangguan-xiang.txt", "T3-REC"),
            ("2020_shangguan-xiang.txt", "T3-TOT"),
            ("2020_shangguan-xiang.txt", "T3-TOT"),
            ("2023_hongze-quzf_1.txt", "T4-REV"),
            ("2023_hongze-quzf_1.txt", "T4-LIT-R"),
            ("2023_hongze-quzf_2.txt", "T4-REV"),
            ("2023_hongze-quzf_2.txt", "T4-LIT-R"),
        ]
        cells = _rows(tmp_path / "cells.csv")
        assert len(cells) == 198 + 9 * 200
        huaian = [
            c
            for c in cells
            if c["file"].endswith("2024_huaian-shizf_1.txt")
            and c["path"] == "$.requests.new_received.total"
        ]
        assert [(c["organ"], c["value"]) for c in huaian] == [("淮安市人民政府", "3119")]

    def test_cells_say_which_were_not_read_and_keep_their_notes(self, tmp_path: Path) -> None:
        bgt = CORPUS / "2025_shanghai-bgt_1.txt"
        noted = tmp_path / "in" / "noted.txt"
        noted.parent.mkdir()
        text = bgt.read_text(encoding="utf-8")
        assert text.count("\n行政许可 0\n") == 1
        noted.write_text(text.replace("\n行政许可 0\n", "\n行政许可 18（含变更 3 件）\n"))
        audit([noted], out_dir=tmp_path / "out")
        cells = _rows(tmp_path / "out" / "cells.csv")
        assert list(cells[0])[-3:] == ["path", "note", "unread"]
        unread = [c["path"] for c in cells if c["unread"] == "true"]
        assert unread == list(gkmodel.read(bgt).unreadable_cells)
        assert {c["unread"] for c in cells} == {"true", "false"}
        assert [(c["path"], c["value"], c["note"]) for c in cells if c["note"]] == [
            ("$.active_disclosure.item5.licensing.decisions", "18", "含变更3件")
        ]

    def test_bad_file_does_not_stop_the_batch(self, tmp_path: Path) -> None:
        bad = tmp_path / "in" / "broken.docx"
        bad.parent.mkdir()
        bad.write_bytes(b"PK\x03\x04 not a zip")
        (tmp_path / "in" / "seed.txt").write_bytes(
            (CORPUS / "2020_shangguan-xiang.txt").read_bytes()
        )
        result = audit([tmp_path / "in"], out_dir=tmp_path / "out")
        assert (result.read, result.failed) == (1, 1)
        [(name, error)] = result.failures
        assert name.endswith("broken.docx") and "not a readable Word document" in error
        files = _rows(tmp_path / "out" / "files.csv")
        assert [r["status"] for r in files] == ["error", "ok"]

    def test_every_readable_kind_in_a_folder(self, tmp_path: Path) -> None:
        """A folder holding a PDF and a page saved as .shtml: both audited (they were skipped)."""
        pytest.importorskip("pypdfium2")
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "a.pdf").write_bytes(
            (Path(__file__).parent / "data/pdf/huaian_2024.pdf").read_bytes()
        )
        (folder / "b.shtml").write_bytes((CORPUS / "2023_shuyang-fgj_1.html").read_bytes())
        (folder / "c.png").write_bytes(b"\x89PNG")  # not a report's suffix: not audited
        audit([folder], out_dir=tmp_path / "out", index=False)
        files = _rows(tmp_path / "out" / "files.csv")
        assert [(Path(r["file"]).name, r["status"], r["format"]) for r in files] == [
            ("a.pdf", "ok", "pdf"),
            ("b.shtml", "ok", "html"),
        ]

    def test_each_file_once(self, tmp_path: Path) -> None:
        """A folder, a file inside it and the folder again: each report audited once."""
        from gkmodel.batch import find_reports

        inner = CORPUS / "2024_huaian-shizf_1.txt"
        found = list(find_reports([CORPUS, inner, CORPUS, str(CORPUS) + "/."]))
        assert len(found) == len(set(found)) == 10
        assert list(find_reports([inner, inner])) == [inner]

    def test_cli_in_chinese_by_default(self, tmp_path: Path) -> None:
        out = io.StringIO()
        assert main(["audit", str(CORPUS), "-o", str(tmp_path), "--no-index"], stdout=out) == 0
        assert out.getvalue().splitlines() == [
            "读取报告：10 份，2019年版格式 1 份，2021年版格式 9 份",
            "有读取诊断：10 份；有错误或不一致：3 份",
            "未通过最多的规则：T3-REC ×2，T3-TOT ×2，T4-REV ×2，T4-LIT-R ×2",
            "仅部分读取（表格单元格无法读取，留空）：1 份",
            f"已写入 {tmp_path}/files、findings、cells（CSV）",
        ]

    def test_cli(self, tmp_path: Path) -> None:
        out = io.StringIO()
        assert main(["audit", str(CORPUS), "-o", str(tmp_path), "--lang", "en"], stdout=out) == 0
        lines = out.getvalue().splitlines()
        assert lines[0] == "reports read: 10, 1 of the 2019 edition, 9 of the 2021 edition"
        assert lines[2] == "top rules failed: T3-REC ×2, T3-TOT ×2, T4-REV ×2, T4-LIT-R ×2"
        assert lines[3] == "read only in part (table cells unreadable, left blank): 1"


def test_no_partial_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch that fails leaves no CSV behind; an output that cannot be written is a GkmodelError."""
    from gkmodel._batch import outputs

    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.CsvTables, "add", full)
    with pytest.raises(gkmodel.GkmodelError, match="cannot write: No space left on device"):
        audit([EXAMPLES / "data"], out_dir=tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == [".audit-state"]
    monkeypatch.undo()
    (tmp_path / "file").write_text("x")
    with pytest.raises(gkmodel.GkmodelError, match="cannot write"):
        audit([EXAMPLES / "data"], out_dir=tmp_path / "file")


def test_a_failing_check_is_one_failed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever goes wrong with one file (here the checker itself) is that file's error."""
    import gkmodel.rules

    def broken(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gkmodel.rules, "check", broken)
    result = audit([EXAMPLES / "data"], out_dir=tmp_path)
    assert (result.read, result.failed) == (0, 2)
    assert [e.split(": ", 1)[1] for _, e in result.failures] == [
        "internal error: OSError: [Errno 28] No space left on device"
    ] * 2
    assert [r["status"] for r in _rows(tmp_path / "files.csv")] == ["error", "error"]
