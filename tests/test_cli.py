"""The ``gkmodel`` command line, run as a user would."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gkmodel
from gkmodel.cli import main

from .conftest import SEED_JSON


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdout=out)
    return code, out.getvalue()


class TestCells:
    """``gkmodel cells FILE``."""

    def test_cells(self) -> None:
        code, out = run("cells", str(SEED_JSON))
        assert code == 0
        lines = [json.loads(line) for line in out.splitlines()]
        assert len(lines) == 198
        assert lines[-1] == {
            "table": "四",
            "row": "行政诉讼/复议后起诉",
            "column": "总计",
            "value": 0,
            "path": "$.appeals.litigation.after_reconsideration.total",
        }

    def test_bad_input_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        bad = tmp_path / "bad.json"
        empty = gkmodel.AnnualReport2021.empty(
            gkmodel.ReportMeta(organ=gkmodel.Organ(name="x"), year=2021)
        )
        bad.write_text(gkmodel.dumps(empty).replace('"year": 2021', '"year": -5'))
        code, out = run("cells", str(bad))
        assert (code, out) == (2, "")
        err = capsys.readouterr().err
        assert err == (
            f"gkmodel cells: {bad}: 1 problem\n"
            "  expected a year from 2008 to 2100, got -5 @ $.meta.year\n"
        )

    def test_missing_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _ = run("cells", "no/such/file.json")
        assert code == 2
        assert capsys.readouterr().err == "gkmodel cells: no/such/file.json: no such file\n"


class TestSchema:
    """``gkmodel schema``."""

    @pytest.mark.parametrize("edition", ["2019", "2021"])
    def test_edition(self, edition: str) -> None:
        code, out = run("schema", "--edition", edition)
        assert code == 0
        assert json.loads(out)["$id"] == f"urn:gkmodel:report:{edition}"

    def test_any(self) -> None:
        code, out = run("schema")
        assert code == 0
        assert len(json.loads(out)["oneOf"]) == 2

    def test_bad_edition(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run("schema", "--edition", "2020")[0] == 2
        assert "invalid choice: '2020'" in capsys.readouterr().err


class TestRead:
    """``gkmodel read FILE`` prints canonical JSON."""

    def test_read(self) -> None:
        code, out = run("read", str(SEED_JSON))
        assert code == 0
        assert out == SEED_JSON.read_text(encoding="utf-8")


class TestConsoleScript:
    """The installed entry points."""

    def test_module(self) -> None:
        proc = subprocess.run(
            [sys.executable, "-m", "gkmodel", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0
        assert proc.stdout.strip() == "gkmodel 0.1.0"

    def test_help(self) -> None:
        assert run("--help")[0] == 0
        assert run()[0] == 2


class TestCheck:
    """``gkmodel check FILE``: findings, exit status 0 / 1 / 2 / 3."""

    def test_seed_fails(self) -> None:
        code, out = run("check", str(SEED_JSON))
        assert code == 1
        lines = out.splitlines()
        assert lines[0].endswith("杭州市富阳区上官乡人民政府 2020年度（2019年版格式）")
        assert lines[1] == (
            "  inconsistency T3-REC     表三“自然人”列：一 + 二 = 0，三（七）总计 + 四 = 4，相差 -4。"
        )
        assert lines[2].strip() == "@ $.requests.results.total.natural_person"
        assert lines[-1] == "4 项不一致，1 项警告，4 项提示"  # the messages' language (zh)
        assert "\033[" not in out  # no colour when not on a terminal

    def test_json(self) -> None:
        code, out = run("check", str(SEED_JSON), "--json", "--lang", "en")
        assert code == 1
        data = json.loads(out)
        assert [d["code"] for d in data][:4] == ["T3-REC", "T3-REC", "T3-TOT", "T3-TOT"]
        assert data[2]["message"].startswith("Table 三 “三、本年度办理结果/（七）总计” × “自然人”")
        assert data[2]["suggestion"].startswith("Table 三")

    def test_clean_report_exits_0(self) -> None:
        huaian = SEED_JSON.parent / "huaian_2024.json"
        assert run("check", str(huaian), "--lang", "en") == (
            0,
            f"{huaian}: 淮安市人民政府, 2024 (2021 edition)\nno findings\n",
        )

    def test_read_in_part_exits_3(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Shanghai 2025 pulled one column of table 二 out of the table: never called clean."""
        bgt = Path(__file__).parent / "data" / "corpus" / "2025_shanghai-bgt_1.txt"
        code, out = run("check", str(bgt), "--lang", "en")
        assert code == 3
        assert out.splitlines()[1] == (
            "  read only in part: 6 table cell(s) could not be read (a reading problem, "
            "not the report's error); what could be read was checked"
        )
        # The six cells not read are no blanks of the organ's: no R-BLANK finding lists them.
        assert out.splitlines()[-1] == "no findings in what could be read"  # never "clean"
        code, out = run("check", str(bgt), "--json")
        assert code == 3
        assert json.loads(out) == []  # the findings list only
        assert capsys.readouterr().err == (
            f"gkmodel check: {bgt}: 仅部分读取：6 个表格单元格无法读取"
            "（读取问题，非报告本身的错误），已检查可读取的部分\n"
        )

    def test_findings_win_over_read_in_part(self) -> None:
        from gkmodel.cli import check_status

        assert [check_status(f, n) for f in (False, True) for n in (0, 6)] == [0, 3, 1, 1]

    def test_options(self) -> None:
        code, out = run("check", str(SEED_JSON), "--min-severity", "warning", "--ignore", "T3-REC")
        assert code == 1
        assert out.splitlines()[-1] == "2 项不一致，1 项警告"
        code, out = run("check", str(SEED_JSON), "--select", "R-ENUM")
        assert (code, out.splitlines()[-1]) == (0, "1 项提示")

    def test_unknown_rule_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run("check", str(SEED_JSON), "--select", "NOPE,T3-REC") == (2, "")
        assert "unknown rule code(s): NOPE" in capsys.readouterr().err


class TestReviewedOptions:
    """The options every command shares: ``-o``, ``--json``, ``--lang``, and the exit status."""

    @pytest.mark.parametrize(
        "args",
        [
            ("cells", str(SEED_JSON)),
            ("schema", "--edition", "2019"),
            ("read", str(SEED_JSON)),
            ("check", str(SEED_JSON), "--json"),
            ("check", str(SEED_JSON), "--lang", "en"),
        ],
        ids=lambda a: " ".join(a[:1] + a[2:]),
    )
    def test_output_option_writes_what_stdout_would(
        self, args: tuple[str, ...], tmp_path: Path
    ) -> None:
        code, out = run(*args)
        target = tmp_path / "new folder" / "out.txt"
        code_o, out_o = run(*args, "-o", str(target))
        assert (code_o, out_o) == (code, "")
        assert target.read_text(encoding="utf-8") == out

    def test_build_render_needs_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        from .conftest import EXAMPLES

        register = str(EXAMPLES / "register_template.csv")
        common = ("build", register, "--year", "2024", "--organ", "某局")
        assert run(*common, "--render", "html")[0] == 2
        assert "--render needs -o OUT.json" in capsys.readouterr().err
        assert run(*common, "-o", "x.json", "--render", "html,pdf")[0] == 2
        assert "unknown format(s) pdf (choose from text, md, html, docx)" in capsys.readouterr().err

    def test_build_reports_findings_in_english(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from .conftest import EXAMPLES

        previous = tmp_path / "2023.json"
        code, _ = run("build", str(EXAMPLES / "register_template.csv"), "--year", "2023",
                      "--organ", "某局", "-o", str(previous))  # fmt: skip
        assert code == 2  # the register has applications received in 2024
        assert (
            "received 2024-01-05, after the year 2023 @ record 2024-001" in capsys.readouterr().err
        )
        code, out = run("build", str(EXAMPLES / "register_template.csv"), "--year", "2024",
                        "--organ", "某局", "--previous", str(SEED_JSON), "--lang", "en")  # fmt: skip
        assert code == 0  # warnings only
        err = capsys.readouterr().err
        assert "gkmodel build: warning X-PAIR 上官乡" not in err
        assert "warning X-PAIR" in err and "are not one organ's consecutive years" in err
        assert json.loads(out)["edition"] == "2021"

    def test_build_with_a_previous_report_of_unstated_organ(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The organs are not compared (an info, below build's warnings): no X-PAIR line."""
        from .conftest import EXAMPLES

        organ = gkmodel.Organ(name=gkmodel.Organ.UNSTATED)
        previous = gkmodel.AnnualReport2021.empty(gkmodel.ReportMeta(organ=organ, year=2023))
        (tmp_path / "2023.json").write_text(gkmodel.dumps(previous), encoding="utf-8")
        code, out = run("build", str(EXAMPLES / "register_template.csv"), "--year", "2024",
                        "--organ", "某局", "--previous", str(tmp_path / "2023.json"),
                        "-o", str(tmp_path / "2024.json"), "--lang", "en")  # fmt: skip
        assert code == 0
        err = capsys.readouterr().err
        codes = [line.split()[3] for line in err.splitlines()]  # gkmodel build: SEVERITY CODE …
        assert codes == ["R-SECTION"] * 3 + ["R-TABLE"] * 2  # the register fills tables 三 alone
        assert out.endswith(f"{tmp_path / '2024.json'}; 5 warnings of severity warning or worse\n")

    def test_help_reads_well(self) -> None:
        proc = subprocess.run([sys.executable, "-m", "gkmodel", "--help"], capture_output=True,
                              text=True, check=True)  # fmt: skip
        assert "examples:" in proc.stdout and "exit status: 0 done" in proc.stdout
        for command in ("build", "check", "render", "read", "audit", "cells", "schema"):
            assert f"    {command} " in proc.stdout


class TestReadInPart:
    """A report read only in part stays so through every command (newcomer review)."""

    BGT = Path(__file__).parent / "data" / "corpus" / "2025_shanghai-bgt_1.txt"
    NOTE = "read only in part: 6 table cell(s) could not be read"

    def test_cells_mark_the_unread_cells(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = run("cells", str(self.BGT))
        assert code == 3
        cells = [json.loads(line) for line in out.splitlines()]
        assert [c["path"] for c in cells if c.get("unread")] == list(
            gkmodel.read(self.BGT).unreadable_cells
        )
        assert all(c["value"] is None for c in cells if c.get("unread"))
        assert self.NOTE in capsys.readouterr().err

    def test_render_marks_them_on_the_page(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        page = tmp_path / "bgt.html"
        assert run("render", str(self.BGT), "-o", str(page)) == (3, "")
        assert page.read_text(encoding="utf-8").count('data-unread=""') == 6
        assert self.NOTE in capsys.readouterr().err

    def test_read_and_its_document(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _ = run("read", str(self.BGT))
        assert code == 3
        assert "--json keeps them" in capsys.readouterr().err
        doc = tmp_path / "bgt.read.json"
        assert run("read", str(self.BGT), "--json", "-o", str(doc)) == (3, "")
        data = json.loads(doc.read_text(encoding="utf-8"))
        assert data["unread"] == list(gkmodel.read(self.BGT).unread)
        # the document reads back with its diagnostics: still read in part, never clean
        again = gkmodel.read(doc)
        assert (again.format, again.unreadable_cells) == (
            "text",
            gkmodel.read(self.BGT).unreadable_cells,
        )
        code, out = run("check", str(doc), "--lang", "en")
        assert (code, out.splitlines()[-1]) == (3, "no findings in what could be read")

    def test_a_document_not_of_read_is_refused(self, tmp_path: Path) -> None:
        doc = tmp_path / "x.json"
        doc.write_text('{"format": "text", "report": {}}', encoding="utf-8")
        with pytest.raises(gkmodel.GkmodelError, match="keys format, report, diagnostics"):
            gkmodel.read(doc)
        assert run("check", str(doc))[0] == 2


class TestRenderFormat:
    def test_the_suffix_of_out_names_the_format(self, tmp_path: Path) -> None:
        huaian = SEED_JSON.parent / "huaian_2024.json"
        for name, head in (("r.docx", b"PK"), ("r.html", b"<!DOCTYPE html>"), ("r.md", b"# ")):
            assert run("render", str(huaian), "-o", str(tmp_path / name)) == (0, "")
            assert (tmp_path / name).read_bytes().startswith(head), name

    def test_a_format_and_a_suffix_that_disagree(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        huaian = SEED_JSON.parent / "huaian_2024.json"
        assert run("render", str(huaian), "--to", "md", "-o", str(tmp_path / "r.docx"))[0] == 2
        assert "--to md but" in capsys.readouterr().err
        assert not (tmp_path / "r.docx").exists()
