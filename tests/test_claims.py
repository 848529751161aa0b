"""Narrative claims (gkmodel.rules.narrative) and the N- rules, measured on the real corpus."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import gkmodel
from gkmodel.model import Narrative, OtherMatters
from gkmodel.rules import RULES, Severity, check
from gkmodel.rules.narrative import NARRATIVE_CODES, Quantity, extract_claims, parse_number

CORPUS = Path(__file__).parent / "data" / "corpus"
DOCS = Path(__file__).parent.parent / "docs" / "claims.md"

_OV = "$.overview"
# Every claim of every corpus report, labelled by hand from the published text:
# (rule code, value, paragraph path).  A sentence is labelled only when it plainly states the
# quantity for this organ and this year; 新增公开规章 1 件 (disclosed, not issued), 其中包括：
# 行政规范性文件 13 件 (a part of what was published) and percentages are not claims.
LABELS: dict[str, set[tuple[str, int | Decimal, str]]] = {
    "2020_shangguan-xiang.txt": {
        ("N-RECEIVED", 0, f"{_OV}.subsections[1].content[0]"),  # 未收到…信息公开申请件
        ("N-REVIEWS", 0, "$.appeals.intro[0]"),  # 没有发生…行政复议和提起行政诉讼情况
        ("N-SUITS", 0, "$.appeals.intro[0]"),
    },
    "2023_hongze-quzf_1.txt": {
        ("N-RECEIVED", 21, f"{_OV}.subsections[1].content[0]"),
        ("N-FEES", 0, "$.other_matters.content[0]"),
    },
    "2023_hongze-quzf_2.txt": {
        ("N-RECEIVED", 21, f"{_OV}.subsections[1].content[0]"),
        ("N-FEES", 0, "$.other_matters.content[0]"),
    },
    "2024_hongze-quzf_1.txt": {
        ("N-RECEIVED", 17, f"{_OV}.subsections[1].content[0]"),  # 区政府办代表区政府受理 17 件
        ("N-FEES", 0, "$.other_matters.content[0]"),
    },
    **{
        name: {
            ("N-RECEIVED", 3119, f"{_OV}.subsections[1].content[0]"),
            ("N-HANDLED", 3050, f"{_OV}.subsections[1].content[0]"),
            ("N-CARRIED-OVER", 34, f"{_OV}.subsections[1].content[0]"),
            ("N-CARRIED-FORWARD", 103, f"{_OV}.subsections[1].content[0]"),
            ("N-REVIEWS", 351, f"{_OV}.subsections[1].content[0]"),
            ("N-SUITS", 46, f"{_OV}.subsections[1].content[0]"),
            ("N-FEES", 3940, "$.other_matters.content[0]"),
        }
        for name in ("2024_huaian-shizf_1.txt", "2024_huaian-shizf_2.txt")
    },
    "2024_shanghai-kewei_1.txt": {
        ("N-REVIEWS", 1, f"{_OV}.content[0]"),
        ("N-SUITS", 0, f"{_OV}.content[0]"),
        ("N-RECEIVED", 34, f"{_OV}.subsections[2].content[0]"),
        ("N-CARRIED-OVER", 2, f"{_OV}.subsections[2].content[0]"),
        ("N-CARRIED-FORWARD", 1, f"{_OV}.subsections[2].content[0]"),
        ("N-FEES", 0, "$.other_matters.content[0]"),  # 未发生政府信息公开收费事项
    },
    "2025_shanghai-bgt_1.txt": {
        ("N-RECEIVED", 1295, f"{_OV}.subsections[1].content[0]"),
        ("N-HANDLED", 1191, f"{_OV}.subsections[1].content[0]"),
        ("N-CARRIED-OVER", 189, f"{_OV}.subsections[1].content[0]"),
        ("N-FEES", 0, "$.other_matters.content[0]"),
    },
    "2025_shuyang-xianzf_1.txt": {
        ("N-RECEIVED", 749, f"{_OV}.subsections[0].content[0]"),  # 受理 = 新收 713 + 结转 36
        ("N-HANDLED", 718, f"{_OV}.subsections[0].content[0]"),
        ("N-CARRIED-FORWARD", 31, f"{_OV}.subsections[0].content[0]"),
        ("N-APPEALS", 74, f"{_OV}.subsections[0].content[0]"),  # 61 + 3 + 10
        ("N-FEES", 380, "$.other_matters.content[0]"),
    },
    "2023_shuyang-fgj_1.html": {
        ("N-FEES", 0, "$.other_matters.content[0]"),  # 政府信息公开未发生收费情况
    },
}

# The N- findings of the corpus: the narratives agree with the tables but for one.
CORPUS_FINDINGS = {"2024_hongze-quzf_1.txt": ["N-RECEIVED"]}


@pytest.fixture(scope="module")
def corpus() -> dict[str, gkmodel.AnnualReport]:
    return {name: gkmodel.read(CORPUS / name).report for name in LABELS}


def _found(report: gkmodel.AnnualReport) -> set[tuple[str, int | Decimal, str]]:
    return {(c.quantity.code, c.value, c.path) for c in extract_claims(report)}


def measure(corpus: dict[str, gkmodel.AnnualReport]) -> tuple[int, int, int]:
    """(claims found that are labelled, claims found, claims labelled) over the corpus."""
    right = found = labelled = 0
    for name, labels in LABELS.items():
        extracted = _found(corpus[name])
        right += len(extracted & labels)
        found += len(extracted)
        labelled += len(labels)
    return right, found, labelled


class TestMeasured:
    """Precision and recall on the corpus, against the claims labelled by hand."""

    def test_every_corpus_report_is_labelled(self) -> None:
        names = {p.name for p in CORPUS.iterdir() if p.name != "INDEX.md"}
        assert set(LABELS) == names

    def test_precision_and_recall(self, corpus: dict[str, gkmodel.AnnualReport]) -> None:
        assert measure(corpus) == (39, 39, 39)

    def test_the_docs_report_the_measured_figures(
        self, corpus: dict[str, gkmodel.AnnualReport]
    ) -> None:
        right, found, labelled = measure(corpus)
        text = DOCS.read_text(encoding="utf-8")
        assert f"precision {right}/{found}" in text
        assert f"recall {right}/{labelled}" in text

    @pytest.mark.parametrize("name", sorted(LABELS))
    def test_each_report(self, corpus: dict[str, gkmodel.AnnualReport], name: str) -> None:
        assert _found(corpus[name]) == LABELS[name]

    @pytest.mark.parametrize("name", sorted(LABELS))
    def test_findings_of_each_report(
        self, corpus: dict[str, gkmodel.AnnualReport], name: str
    ) -> None:
        codes = check(corpus[name], select=NARRATIVE_CODES).codes()
        assert codes == CORPUS_FINDINGS.get(name, [])


def _with_paragraph(report: gkmodel.AnnualReport, path: str, text: str) -> gkmodel.AnnualReport:
    """``report`` with the paragraph at ``$.overview.subsections[k].content[i]`` replaced."""
    k, i = map(int, re.findall(r"\[(\d+)\]", path))
    sub = report.overview.subsections[k]
    content = list(sub.content)
    content[i] = text
    subs = list(report.overview.subsections)
    subs[k] = attrs.evolve(sub, content=tuple(content))
    return attrs.evolve(report, overview=attrs.evolve(report.overview, subsections=tuple(subs)))


class TestMustShow:
    """A narrative that agrees gets no N- finding; one changed number gets exactly one."""

    PATH = "$.overview.subsections[1].content[0]"

    def test_agreeing_report_has_no_narrative_finding(self) -> None:
        report = gkmodel.read(CORPUS / "2024_huaian-shizf_1.txt").report
        assert len(extract_claims(report)) == 7
        assert [f for f in check(report) if f.code.startswith("N-")] == []

    def test_one_changed_number_gives_exactly_one_finding_quoting_it(self) -> None:
        report = gkmodel.read(CORPUS / "2024_huaian-shizf_1.txt").report
        paragraph = report.overview.subsections[1].content[0]
        assert isinstance(paragraph, str)
        changed = _with_paragraph(report, self.PATH, paragraph.replace("答复 3050", "答复 3015"))
        [f] = [f for f in check(changed) if f.code.startswith("N-")]
        assert f.code == "N-HANDLED"
        assert f.severity is Severity.WARNING
        assert f.path == self.PATH
        assert (f.reported, f.computed, f.difference) == (3015, 3050, -35)
        assert (f.table, f.row, f.column) == ("三", "三、本年度办理结果/（七）总计", "总计")
        assert f.message == (
            "正文“2024 年，全市共受理政府信息公开申请 3119 件，答复 3015 件（含上年度结转申请 34 件，"
            "另有 103 件顺延到下年度答复），均在法定期限内予以答复。”所述 3,015 件，"
            "与表三“三、本年度办理结果/（七）总计”×“总计”的 3,050 不符（相差 -35）。"
        )

    def test_carried_over_cannot_differ(self) -> None:
        report = gkmodel.read(CORPUS / "2024_huaian-shizf_1.txt").report
        paragraph = report.overview.subsections[1].content[0]
        assert isinstance(paragraph, str)
        changed = _with_paragraph(
            report, self.PATH, paragraph.replace("结转申请 34", "结转申请 43")
        )
        [f] = check(changed, select=NARRATIVE_CODES, lang="en")
        assert f.code == "N-CARRIED-OVER"
        assert f.severity is Severity.INCONSISTENCY
        assert f.message.endswith(
            "43, but Table 三 “二、上年结转政府信息公开申请数量” × “总计” is 34 (difference 9)."
        )

    def test_select_and_ignore(self) -> None:
        report = gkmodel.read(CORPUS / "2024_hongze-quzf_1.txt").report
        assert check(report, select=["N-RECEIVED"]).codes() == ["N-RECEIVED"]
        assert "N-RECEIVED" not in check(report, ignore=["N-RECEIVED"]).codes()
        assert "N-RECEIVED" in check(report).codes()


def _report_saying(*paragraphs: str) -> gkmodel.AnnualReport:
    seed = gkmodel.load("examples/data/huaian_2024.json")
    return attrs.evolve(seed, overview=Narrative(content=paragraphs), other_matters=OtherMatters())


def _claims(*paragraphs: str) -> list[tuple[str, int | Decimal, str]]:
    return [(c.quantity.code, c.value, c.unit) for c in extract_claims(_report_saying(*paragraphs))]


_AGREEING = [
    "本年度未收到申请人对答复不服的投诉。",
    "没有接到申请人的投诉。",
    "全年未收到科研机构、社会公益组织提出的政府信息公开申请。",
    "全年收取信息处理费3940元。未发生违规收费问题。",
    "对符合减免条件的申请未收取信息处理费。",
    "全年共办理政府信息公开申请3153件，其中本年新收3119件，上年结转34件。",
    "2024年，全市共受理政府信息公开申请3119件。其中，市政府办公室受理申请156件，各县区受理2963件。",
    "受理自然人申请3001件，法人或其他组织申请118件。",
    "从申请内容看，收到涉及征地拆迁、房屋征收类申请1200件，占总数的38.5%。",
    "市本级共受理政府信息公开申请156件，县区共受理2963件。",
    "新《条例》施行以来，累计办理政府信息公开申请12000件。",
    "2022—2024年，全市共受理政府信息公开申请9000件。",
    "三年来共受理政府信息公开申请8000件。",
    "二〇二三年受理政府信息公开申请2800件，本年度受理3119件。",
    "前一年度受理政府信息公开申请2800件。",
    "通过线上线下渠道接收群众咨询、投诉及信息公开申请共计5200件。",
    "办理3个工作日内答复的申请1200件。",
    "市政府作为行政复议机关，全年受理行政复议案件1200件。",
    "目前仍有行政复议案件37件尚未审结。",
    "全市发生行政复议1200件，其中涉及政府信息公开的351件。",
    "直接起诉的行政诉讼案件26件。",
    "行政复议和行政诉讼案件中，涉及征收拆迁的案件300件。",
    "结转下年度的申请中已有80件办结。",
    "依法备案审查县区政府制发的规范性文件45件。",
    "市级部门制发规范性文件120件。",
]


@pytest.mark.parametrize("sentence", _AGREEING)
def test_no_finding_on_a_sentence_the_tables_bear_out(sentence: str) -> None:
    # Found by an adversarial pass: each, beside the tables of 淮安市 2024 that it agrees with
    # (another year, a part, another body, a denial of something else), gave an N- finding.
    report = gkmodel.load("examples/data/huaian_2024.json")
    said = attrs.evolve(report, overview=Narrative(content=(sentence,)))
    assert [f.code for f in gkmodel.check(said) if f.code.startswith("N-")] == []


class TestExtraction:
    """What a sentence claims, and what it does not."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "全年共收到政府信息公开申请七十件，办结六十九件，1件结转下年度办理。",
                [("N-RECEIVED", 70, "件"), ("N-HANDLED", 69, "件"), ("N-CARRIED-FORWARD", 1, "件")],
            ),
            ("本年度收到行政复议申请两件。", [("N-REVIEWS", 2, "件")]),
            ("2024年共收到政府信息公开申请3,119件。", [("N-RECEIVED", 3119, "件")]),
            ("本年度收取信息处理费1.2万元。", [("N-FEES", Decimal("1.2"), "万元")]),
            ("全年未收取信息处理费。", [("N-FEES", 0, "元")]),
            ("全年印发行政规范性文件8件。", [("N-NORMATIVE", 8, "件")]),
            ("收取行政事业性收费 96171.6 万元。", [("N-ADMIN-FEES", Decimal("96171.6"), "万元")]),
            ("全年未收到政府信息公开申请。", [("N-RECEIVED", 0, "件")]),
        ],
    )
    def test_claims(self, text: str, expected: list[tuple[str, int | Decimal, str]]) -> None:
        assert _claims(text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "全年收到政府信息公开申请70件，同比增长12%。",  # the claim; the comparison is none
        ],
    )
    def test_comparison_beside_a_claim(self, text: str) -> None:
        assert _claims(text) == [("N-RECEIVED", 70, "件")]

    @pytest.mark.parametrize(
        "text",
        [
            "收到政府信息公开申请同比增长15件。",  # a change, not a count
            "收到政府信息公开申请较上年减少8件。",
            "其中各乡镇收到政府信息公开申请23件。",  # a part
            "县民政局受理政府信息公开申请占全县申请的30%。",  # a share
            "2023年收到政府信息公开申请52件。",  # another year, in a report on 2024
            "上年收到政府信息公开申请52件。",
            "主动公开政府信息5500余条，受理政府信息公开申请300余件。",  # approximate
            "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。",  # not a count of cases
            "全年主动公开市政府规章 22 件。",  # disclosed, not issued
            "行政复议案件中结果维持 72 件。",
        ],
    )
    def test_no_claim(self, text: str) -> None:
        assert _claims(text) == []

    def test_the_claim_keeps_its_sentence_and_cells(self) -> None:
        [claim] = extract_claims(_report_saying("序言。全年收到政府信息公开申请34件。后记。"))
        assert claim.quantity is Quantity.RECEIVED
        assert claim.sentence == "全年收到政府信息公开申请34件。"
        assert claim.path == "$.overview.content[0]"
        assert claim.cells == ("$.requests.new_received.total",)
        assert claim.alternatives == (
            ("$.requests.new_received.total", "$.requests.carried_over.total"),
        )

    def test_received_may_include_the_carried_over(self) -> None:
        # 淮安 2024: 3119 new + 34 carried over; 受理 3153 counts both and is no finding.
        report = _report_saying("全年受理政府信息公开申请3153件。")
        assert check(report, select=NARRATIVE_CODES) == ()

    def test_fees_against_section_six(self) -> None:
        from gkmodel.model import Money, MoneyUnit, ProcessingFees

        seed = _report_saying("本年度收取信息处理费1.2万元。")
        fees = ProcessingFees(amount_collected=Money(amount=Decimal("11000"), unit=MoneyUnit.YUAN))
        report = attrs.evolve(seed, other_matters=attrs.evolve(seed.other_matters, fees=fees))
        [f] = check(report, select=["N-FEES"])
        assert (f.reported, f.computed, f.severity) == (
            Decimal("12000"),
            Decimal("11000"),
            Severity.INCONSISTENCY,
        )
        assert "六、其他需要报告的事项“实际收取的总金额”" in f.message

    def test_rules_are_in_the_catalogue(self) -> None:
        assert {q.code for q in Quantity} == NARRATIVE_CODES
        assert all(RULES[c].basis and RULES[c].message_en for c in NARRATIVE_CODES)


@pytest.mark.parametrize(
    ("text", "value"),
    [("七十", 70), ("两", 2), ("十", 10), ("一百零五", 105), ("三千一百一十九", 3119),
     ("3,119", 3119), ("0.5", Decimal("0.5")), ("三四", None), ("十十", None)],
)  # fmt: skip
def test_parse_number(text: str, value: int | Decimal | None) -> None:
    assert parse_number(text) == value


# Clauses made of the words, figures and marks narratives use, in the orders they use them, to
# come near every pattern (and near the words that screen it out).
_SLOTS = (
    ("", "全年", "另有", "有", "本年度", "其中", "上年度", "共", "2023年", "2024年"),
    ("", "收到", "受理", "未收到", "办结", "答复", "办理", "结转", "顺延", "转入", "收取", "未发生",
     "制发", "没有收取", "同比增长"),
    ("", "政府信息公开申请", "申请", "行政复议", "行政诉讼", "行政复议和行政诉讼案件", "信息处理费",
     "收费", "行政事业性收费", "规章", "规范性文件"),
    ("", "34", "3,119", "七十", "1.2", "5%"),
    ("", "件", "个", "万元", "元"),
    ("", "顺延到下年度", "结转下年度", "转入下一年", "行政复议", "行政诉讼", "申请", "办理"),
)  # fmt: skip
_CLAUSE = st.tuples(*(st.sampled_from(slot) for slot in _SLOTS), st.booleans()).map(
    lambda t: "".join((t[0], t[3], t[4], t[1], t[2], t[5]) if t[6] else t[:6])
)
_SENTENCES = st.lists(st.tuples(_CLAUSE, st.sampled_from("，；,。：（）")), max_size=6).map(
    lambda clauses: "".join(c + mark for c, mark in clauses)
)
_PLAIN_SEPARATOR = re.compile(r"[，；;：:（）()]|,(?!\d{3})|(?<!\d),")


class TestScreens:
    """The cheap screens of extraction change no result, only its speed."""

    def _unscreened(self, report: gkmodel.AnnualReport, monkeypatch: pytest.MonkeyPatch) -> object:
        from gkmodel.rules.narrative import _claims

        with monkeypatch.context() as m:
            m.setattr(_claims, "_SCREEN_WORDS", False)
            return extract_claims(report)

    def test_corpus(
        self, corpus: dict[str, gkmodel.AnnualReport], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for report in corpus.values():
            assert extract_claims(report) == self._unscreened(report, monkeypatch)

    @given(paragraph=_SENTENCES)
    @settings(max_examples=1500, suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test_built_sentences(self, paragraph: str, monkeypatch: pytest.MonkeyPatch) -> None:
        report = _report_saying(paragraph)
        assert extract_claims(report) == self._unscreened(report, monkeypatch)

    @given(st.text(alphabet="0123456789,，；;:：()（）年上一度结转同比%％余占a", max_size=14))
    @settings(max_examples=2000)
    def test_rewritten_patterns(self, text: str) -> None:
        # The separator and the screen of plain clauses are written so that every alternative
        # starts with a character (faster); they split and screen as the plain forms do.
        from gkmodel.rules.narrative import _claims

        assert _claims._SEPARATOR.split(text) == _PLAIN_SEPARATOR.split(text)
        plain = re.compile(_claims._NOT_PLAIN.pattern.replace("%|％", "[%％]"))
        assert (plain.search(text) is None) == (_claims._NOT_PLAIN.search(text) is None)
