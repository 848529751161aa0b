"""What a person reads: the findings summary, diagnostics, usage lines, the fee said once, and the
warnings for parts of a 2021-edition report that were left out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest

import gkmodel
from gkmodel import AnnualReport2021, Organ, OrganLevel, ReportMeta
from gkmodel.cli import findings_summary, main
from gkmodel.readers._common import Diagnostic
from gkmodel.renderers import render
from gkmodel.rules import RULES, Severity, check

from .conftest import CORPUS, EXAMPLES, SEED_JSON

HUAIAN = EXAMPLES / "data" / "huaian_2024.json"
META = ReportMeta(organ=Organ(name="某县人民政府", level=OrganLevel.COUNTY_GOVERNMENT), year=2024)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), stdout=out), out.getvalue()


class TestSummary:
    def test_plural_in_english(self) -> None:
        code, out = run("check", str(SEED_JSON), "--lang", "en")
        assert code == 1
        assert out.splitlines()[-1] == "4 inconsistencies, 1 warning, 4 info"

    def test_chinese_under_lang_zh(self) -> None:
        code, out = run("check", str(SEED_JSON), "--lang", "zh")
        assert code == 1
        assert out.splitlines()[-1] == "4 项不一致，1 项警告，4 项提示"
        assert run("check", str(HUAIAN))[1].splitlines()[-1] == "没有发现问题"

    def test_counts(self) -> None:
        findings = check(gkmodel.load(SEED_JSON))
        one = [f for f in findings if f.severity is Severity.WARNING]
        assert findings_summary(one, lang="en") == "1 warning"
        assert findings_summary(list(findings) * 2, lang="en") == (
            "8 inconsistencies, 2 warnings, 8 info"
        )
        assert findings_summary([], lang="en") == "no findings"


class TestDiagnostics:
    def test_wide_space_printed_as_itself(self) -> None:
        d = Diagnostic(code="loose-label", message="标签不完全一致", found="二、\u3000主动公开")
        assert str(d) == "loose-label 标签不完全一致 found “二、\u3000主动公开”"
        assert "\\u3000" not in str(d)

    def test_control_characters_still_escaped(self) -> None:
        d = Diagnostic(code="stray-value", message="m", found="1\n2\t3")
        assert str(d) == "stray-value m found “1\\n2\\t3”"


def test_render_misuse_shows_the_render_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("render", str(SEED_JSON), "--format", "html")
    assert (code, out) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith("usage: gkmodel render [-h] [--to {text,md,html,docx}]")
    assert "gkmodel render: error: unrecognized arguments: --format html" in err
    assert run("--bogus")[0] == 2
    assert capsys.readouterr().err.startswith("usage: gkmodel [-h]")


class TestFeesSaidOnce:
    def test_html_and_docx_say_the_fee_once(self) -> None:
        report = gkmodel.load(HUAIAN)
        import docx

        html = render(report, to="html")
        visible = html.split('<script type="application/json"')[0]
        assert visible.count("3940元") == 1  # the organ's own sentence
        assert "3,940" not in html
        assert "信息处理费：" not in visible
        paragraphs = docx.Document(io.BytesIO(render(report, to="docx"))).paragraphs
        text = "".join(p.text for p in paragraphs)
        assert text.count("3940元") == 1 and "3,940" not in text

    def test_text_keeps_the_line_in_one_number_format(self) -> None:
        text = render(gkmodel.load(HUAIAN), to="text")
        assert "　　信息处理费：实际收取的总金额3940元。" in text.splitlines()
        assert "3,940" not in text
        assert (
            gkmodel.read(text).report.other_matters.fees == gkmodel.load(HUAIAN).other_matters.fees
        )

    def test_a_fee_not_in_the_text_is_said_by_the_line(self) -> None:
        report = gkmodel.load(HUAIAN)
        six = attrs.evolve(report.other_matters, content=("无其他需要报告的事项。",))
        html = render(attrs.evolve(report, other_matters=six), to="html")
        assert "信息处理费：实际收取的总金额3940元。" in html


class TestPartsLeftOut:
    def test_register_only_report_warns(self) -> None:
        findings = check(AnnualReport2021.empty(META), min_severity=Severity.WARNING)
        assert [(f.code, f.path) for f in findings] == [
            ("R-SECTION", "$.overview"),
            ("R-SECTION", "$.problems"),
            ("R-SECTION", "$.other_matters"),
            ("R-TABLE", "$.active_disclosure"),
            ("R-TABLE", "$.requests"),
            ("R-TABLE", "$.appeals"),
        ]
        assert findings[0].message == "“一、总体情况”没有内容（2021年版格式要求各部分不能遗漏）。"
        assert (
            findings[3].message == "表二的 10 个单元格全部空白（2021年版格式要求各部分不能遗漏）。"
        )
        assert all(f.severity is Severity.WARNING for f in findings) and not findings.failed
        en = check(AnnualReport2021.empty(META), select=["R-TABLE"], lang="en")
        assert en[1].message == (
            "Table 三 is blank in all 175 cells (the 2021 edition says no part may be left out)."
        )

    def test_rules_in_the_catalogue(self) -> None:
        for code in ("R-SECTION", "R-TABLE"):
            rule = RULES[code]
            assert rule.severity is Severity.WARNING and rule.stated
            assert "不能遗漏" in rule.basis

    def test_one_filled_cell_or_one_paragraph_is_enough(self) -> None:
        report = AnnualReport2021.empty(META, zeros=True)
        assert [f.path for f in check(report, select=["R-SECTION", "R-TABLE"])] == [
            "$.overview", "$.problems", "$.other_matters",
        ]  # fmt: skip
        filled = attrs.evolve(
            report,
            overview=attrs.evolve(report.overview, content=("总体情况。",)),
            problems=attrs.evolve(report.problems, content=("问题。",)),
            other_matters=attrs.evolve(report.other_matters, content=("无。",)),
        )
        assert check(filled, select=["R-SECTION", "R-TABLE"]) == ()
        assert check(gkmodel.load(HUAIAN), min_severity=Severity.WARNING) == ()

    def test_not_for_the_2019_edition(self) -> None:
        from gkmodel import AnnualReport2019

        empty = AnnualReport2019.empty(attrs.evolve(META, year=2020))
        assert check(empty, select=["R-SECTION", "R-TABLE"]) == ()

    def test_build_reports_them(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "report.json"
        code, said = run("build", str(EXAMPLES / "register_template.csv"), "--year", "2024",
                         "--organ", "某县人民政府", "-o", str(out), "--lang", "en")  # fmt: skip
        assert code == 0  # warnings only
        err = capsys.readouterr().err.splitlines()
        assert [line.split()[3] for line in err] == [
            "R-SECTION", "R-SECTION", "R-SECTION", "R-TABLE", "R-TABLE",
        ]  # fmt: skip
        assert err[-1].startswith("gkmodel build: warning R-TABLE Table 四 is blank in all 15")
        assert said.endswith("; 5 warnings of severity warning or worse\n")
        assert json.loads(out.read_text(encoding="utf-8"))["edition"] == "2021"

    def test_check_reports_them(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.json"
        path.write_text(gkmodel.dumps(AnnualReport2021.empty(META)), encoding="utf-8")
        code, out = run("check", str(path), "--min-severity", "warning")
        assert code == 0
        assert out.splitlines()[-1] == "6 项警告"


def test_one_blank_cell_is_singular_in_english() -> None:
    report = gkmodel.read(CORPUS / "2024_shanghai-kewei_1.txt").report
    [blank] = [f for f in gkmodel.check(report, lang="en") if f.code == "R-BLANK"]
    assert blank.message == "Table 三 has 1 blank cell; rules involving it were not checked."
