"""Editions are declarations: the registry, its views, and a toy third edition declared here.

The toy edition is a copy of the 2021 edition with one extra outcome row in table 三
(（八）试点处理) and one renamed column in table 四 (其他结果（含和解）), declared in this
file only: schema, cells, check and the renderers serve it without a change to the library.
"""

from __future__ import annotations

import enum
import json
from typing import Any

import attrs
import pytest

import gkmodel
from gkmodel.editions import (
    EDITIONS,
    EditionDeclaration,
    declaration_for_class,
    declaration_of,
    edition_for_year,
    registered,
)
from gkmodel.model import (
    REPORT_CLASSES,
    AnnualReport2019,
    AnnualReport2021,
    Appeals,
    CaseOutcomes,
    Edition,
    Litigation,
    Organ,
    OrganLevel,
    ReportMeta,
    Requests2021,
    Results2021,
    info_of,
)
from gkmodel.model.layout import replace_paths, report_rows
from gkmodel.model.requests import ApplicantCounts


def test_registry_and_its_views() -> None:
    assert list(EDITIONS) == [Edition.E2019, Edition.E2021]
    assert dict(REPORT_CLASSES) == {
        Edition.E2019: AnnualReport2019,
        Edition.E2021: AnnualReport2021,
    }
    assert [Edition.for_year(y) for y in (2018, 2019, 2020, 2021, 2030)] == [
        Edition.E2019,
        Edition.E2019,
        Edition.E2019,
        Edition.E2021,
        Edition.E2021,
    ]
    assert edition_for_year(2020) is declaration_of("2019") is declaration_of(Edition.E2019)
    assert Edition.E2019.document == "国办公开办函〔2019〕60号"
    assert (Edition.E2019.first_year, Edition.E2019.last_year) == (2019, 2020)
    assert (Edition.E2021.first_year, Edition.E2021.last_year) == (2021, None)
    assert declaration_for_class(AnnualReport2021) is declaration_of(Edition.E2021)
    assert declaration_for_class(str) is None
    assert [s.name for s in declaration_of(Edition.E2021).tables] == [
        "active_disclosure",
        "requests",
        "appeals",
    ]
    with pytest.raises(KeyError, match="no edition '2030'"):
        declaration_of("2030")


# -- a toy third edition ----------------------------------------------------------------------


class Toy(enum.Enum):
    E2099 = "2099"


def _copy(
    cls: type,
    name: str,
    retarget: dict[str, type] | None = None,
    *,
    relabel: dict[str, str] | None = None,
    before: str | None = None,
    extra: tuple[str, Any] | None = None,
    **classvars: Any,
) -> Any:
    """A copy of the model class ``cls``: fields retargeted to other classes or relabelled,
    and one ``extra`` field inserted before the field ``before``."""
    attrs.resolve_types(cls)
    fields: dict[str, Any] = {}
    for a in attrs.fields(cls):
        if extra is not None and a.name == before:
            fields[extra[0]] = extra[1]
        meta, info = dict(a.metadata), info_of(a)
        default, validator, kind = a.default, a.validator, a.type
        if retarget and a.name in retarget:
            target = retarget[a.name]
            meta["gkmodel"] = attrs.evolve(info, target=target)
            default, validator, kind = (
                attrs.Factory(target),
                attrs.validators.instance_of(target),
                target,
            )
        if relabel and a.name in relabel:
            meta["gkmodel"] = attrs.evolve(info, label=relabel[a.name])
        fields[a.name] = attrs.field(
            default=default, validator=validator, metadata=meta, kw_only=True, type=kind
        )
    base = next(b for b in cls.__mro__[1:] if not attrs.has(b))
    new = attrs.make_class(name, fields, bases=(base,), frozen=True, kw_only=True)
    for key in dir(cls):
        if key.isupper():  # TABLE, HEADER_NOTE, …: the table's own declarations
            setattr(new, key, getattr(cls, key))
    for key, value in classvars.items():
        setattr(new, key, value)
    return new


def _toy() -> EditionDeclaration:
    attrs.resolve_types(Results2021)
    granted = attrs.fields_dict(Results2021)["granted"]
    pilot = attrs.field(
        default=granted.default,
        validator=granted.validator,
        kw_only=True,
        type=ApplicantCounts,
        metadata={"gkmodel": attrs.evolve(info_of(granted), label="（八）试点处理")},
    )
    results = _copy(Results2021, "ToyResults", before="total", extra=("pilot", pilot))
    outcomes = _copy(CaseOutcomes, "ToyOutcomes", relabel={"other": "其他结果（含和解）"})
    litigation = _copy(
        Litigation, "ToyLitigation", {"direct": outcomes, "after_reconsideration": outcomes}
    )
    appeals = _copy(Appeals, "ToyAppeals", {"reconsideration": outcomes, "litigation": litigation})
    requests = _copy(Requests2021, "ToyRequests", {"results": results})
    report = _copy(
        AnnualReport2021,
        "ToyReport",
        {"requests": requests, "appeals": appeals},
        edition=Toy.E2099,
    )
    return EditionDeclaration(
        edition=Toy.E2099,
        document="（试行）",
        first_year=2099,
        last_year=None,
        report_class=report,
        rules_not_applied=frozenset({"T2-PUB", "X-ITEMS"}),
    )


@pytest.fixture(scope="module")
def toy() -> EditionDeclaration:
    return _toy()


def _toy_report(toy: EditionDeclaration) -> Any:
    meta = ReportMeta(
        organ=Organ(name="某县人民政府", level=OrganLevel.COUNTY_GOVERNMENT), year=2099
    )
    report = toy.report_class.empty(meta, zeros=True)
    return replace_paths(
        report,
        {
            ("requests", "results", "pilot", "natural_person"): 2,
            ("appeals", "reconsideration", "other"): 1,
        },
    )


def test_toy_edition_layout_and_registry(toy: EditionDeclaration) -> None:
    with registered(toy):
        assert Edition.for_year(2099) is Toy.E2099  # type: ignore[comparison-overlap]
        assert len(report_rows(toy.report_class)) == len(report_rows(AnnualReport2021)) + 1
        assert [r.labels[-1] for r in toy.outcome_rows][-1] == "（八）试点处理"
        assert len(toy.outcome_rows) == 22  # 21 in the 2021 edition
    assert Toy.E2099 not in EDITIONS
    assert Edition.for_year(2099) is Edition.E2021


def test_toy_edition_check(toy: EditionDeclaration) -> None:
    with registered(toy):
        report = _toy_report(toy)
        findings = gkmodel.check(report, ignore=["R-BLANK"])
        assert [(f.code, f.row, f.column, f.reported, f.computed) for f in findings] == [
            ("T3-TOT", "三、本年度办理结果/（七）总计", "自然人", 0, 2),
            ("T3-ROW", "三、本年度办理结果/（八）试点处理", "总计", 0, 2),
            ("T4-REV", "行政复议", "总计", 0, 1),
            ("R-REPAIR", "三、本年度办理结果/（八）试点处理", "自然人", 2, 0),
        ]
        assert findings[2].message == "表四“行政复议”×“总计”：报告值 0，四项结果合计 1，相差 -1。"
        # With the totals derived, only 一 + 二 = 三（七） + 四 is left broken (no request came in).
        derived = gkmodel.derive_totals(report)
        assert derived.requests.results.total.natural_person == 2
        assert derived.appeals.reconsideration.total == 1
        assert [(f.code, f.column) for f in gkmodel.check(derived)] == [
            ("T3-REC", "自然人"),
            ("T3-REC", "总计"),
        ]
    # Unregistered, the toy class is no report the checker knows.
    assert gkmodel.check(report).codes() == ["R-CHECK"]


def test_toy_edition_schema_and_cells(toy: EditionDeclaration) -> None:
    with registered(toy):
        schema = gkmodel.json_schema(Toy.E2099)  # type: ignore[arg-type]
        assert schema["title"] == "政府信息公开工作年度报告（2099年版格式，（试行））"
        defs = schema["$defs"]
        assert defs["ToyReport"]["properties"]["edition"]["const"] == "2099"
        assert defs["ToyResults"]["properties"]["pilot"]["title"] == "（八）试点处理"
        assert defs["ToyOutcomes"]["properties"]["other"]["title"] == "其他结果（含和解）"
        cells = gkmodel.to_cells(_toy_report(toy))
        assert len(cells) == len(gkmodel.to_cells(AnnualReport2021.empty(_meta()))) + 7
        pilot = [c for c in cells if c["path"] == "$.requests.results.pilot.natural_person"]
        assert pilot == [
            {
                "table": "三",
                "row": "三、本年度办理结果/（八）试点处理",
                "column": "自然人",
                "value": 2,
                "path": "$.requests.results.pilot.natural_person",
            }
        ]
        other = [c for c in cells if c["path"] == "$.appeals.reconsideration.other"]
        assert [c["column"] for c in other] == ["其他结果（含和解）"]
        json.dumps(cells, ensure_ascii=False)


def _meta() -> ReportMeta:
    return ReportMeta(organ=Organ(name="某县人民政府"), year=2024)


def test_toy_edition_canonical_json(toy: EditionDeclaration) -> None:
    # The toy is registered after the library's first load and dump: both serve it all the same.
    assert gkmodel.loads(gkmodel.dumps(AnnualReport2021.empty(_meta()))).meta.year == 2024
    with registered(toy):
        report = _toy_report(toy)
        text = gkmodel.dumps(report)
        assert text.splitlines()[1] == '  "edition": "2099",'
        data = json.loads(text)
        assert data["requests"]["results"]["pilot"]["natural_person"] == 2
        assert data["appeals"]["reconsideration"]["other"] == 1
        assert list(data["requests"]["results"])[-2:] == ["pilot", "total"]
        assert text == json.dumps(gkmodel.to_data(report), ensure_ascii=False, indent=2) + "\n"
        assert gkmodel.loads(text) == report
        assert gkmodel.loads(gkmodel.dumps(report, compact=True)) == report
        assert gkmodel.from_data(data) == report
        # The detailed converter names the toy's own paths.
        del data["requests"]["results"]["pilot"]["natural_person"]
        with pytest.raises(gkmodel.LoadError) as caught:
            gkmodel.loads(json.dumps(data, ensure_ascii=False))
        assert [p.path for p in caught.value.problems] == ["$.requests.results.pilot"]
        assert "natural_person" in caught.value.problems[0].message
    # Unregistered, the toy's JSON is refused, naming the editions there are.
    with pytest.raises(gkmodel.LoadError) as refused:
        gkmodel.loads(text)
    assert refused.value.problems[0].message == (
        "\"edition\" must be one of ['2019', '2021'], got '2099'"
    )
    with pytest.raises(gkmodel.GkmodelError, match="got ToyReport"):
        gkmodel.dumps(report)


@pytest.mark.parametrize(("to", "options"), [("text", {}), ("md", {}), ("html", {})])
def test_toy_edition_renders(toy: EditionDeclaration, to: str, options: dict[str, Any]) -> None:
    with registered(toy):
        report = _toy_report(toy)
        text = gkmodel.render(report, to=to, **options)
        assert isinstance(text, str)
        assert "试点处理" in text
        assert "其他结果（含和解）" in text
        if to == "html":  # the page embeds the toy's canonical JSON, which loads back
            embedded = text.split('<script type="application/json"', 1)[1]
            embedded = embedded.split(">", 1)[1].split("</script>", 1)[0]
            assert embedded == "\n" + gkmodel.dumps(report)
            assert gkmodel.loads(embedded) == report


def test_toy_edition_renders_docx(toy: EditionDeclaration) -> None:
    import io
    import zipfile

    with registered(toy):
        report = _toy_report(toy)
        data = gkmodel.render(report, to="docx")
    parts = zipfile.ZipFile(io.BytesIO(data))
    xml = parts.read("word/document.xml").decode("utf-8")
    assert "（八）试点处理" in xml
    assert "其他结果（含和解）" in xml
    embedded = [n for n in parts.namelist() if n.endswith(".json")]
    assert len(embedded) == 1
    with registered(toy):
        assert gkmodel.loads(parts.read(embedded[0])) == report


def test_toy_edition_read(toy: EditionDeclaration) -> None:
    """The readers know an edition by its declaration: the toy's own labels tell its layout."""
    with registered(toy):
        report = _toy_report(toy)
        result = gkmodel.read(gkmodel.render(report, to="text"))
        assert result.report.edition is Toy.E2099
        assert gkmodel.to_cells(result.report) == gkmodel.to_cells(report)
        assert not [d for d in result.diagnostics if d.code in ("edition", "loose-label")]


def test_heading_variants_are_declared_wordings() -> None:
    """Each declared wording names a section of its edition and is no official label."""
    from gkmodel.editions import section_headings

    for d in EDITIONS.values():
        names = {s.name: s.info.label for s in d.sections}
        for name, wordings in d.heading_variants.items():
            assert name in names
            assert wordings and names[name] not in wordings
    other = {h.name: h.variants for h in section_headings()}["other_matters"]
    assert other == ("其他事项",)


def test_section_headings_follow_the_registry(toy: EditionDeclaration) -> None:
    from gkmodel.editions import section_headings
    from gkmodel.readers._headings import match_heading

    assert match_heading("六、其他待报告情况") is None
    declared = attrs.evolve(toy, heading_variants={"other_matters": ("其他待报告情况",)})
    with registered(declared):
        [six] = [h for h in section_headings() if h.name == "other_matters"]
        assert six.variants == ("其他事项", "其他待报告情况")
        found = match_heading("六、其他待报告情况")
        assert found is not None
        assert (found.name, found.loose) == (
            "other_matters",
            "a declared variant wording of 其他需要报告的事项",
        )
    assert match_heading("六、其他待报告情况") is None


def test_row_variants_and_groups_as_rows() -> None:
    e2019, e2021 = declaration_of(Edition.E2019), declaration_of(Edition.E2021)
    normative = ("active_disclosure", "item1", "normative")
    assert e2021.row_variants == {normative: ("规范性文件",)}
    assert e2019.row_variants == {normative: ("行政规范性文件",)}
    assert e2021.groups_as_rows == (("requests", "results", "other"),)
    assert e2019.groups_as_rows == ()


@pytest.mark.parametrize("to", ["text", "md", "html", "docx"])
def test_toy_edition_reads_back(toy: EditionDeclaration, to: str) -> None:
    """The readers take the toy's tables from its declaration: its extra row of table 三
    and its renamed column of table 四 are found by their labels and read back."""
    from gkmodel.io.cells import to_cells

    with registered(toy):
        report = _toy_report(toy)
        options = {"embed_json": False} if to in ("html", "docx") else {}
        page = gkmodel.render(report, to=to, **options)
        result = gkmodel.read(page if isinstance(page, bytes) else page.encode())
        assert result.report.edition is Toy.E2099  # type: ignore[comparison-overlap]
        assert type(result.report) is toy.report_class
        assert result.unreadable_cells == ()
        assert to_cells(result.report) == to_cells(report)
        assert result.report.requests.results.pilot.natural_person == 2
        assert result.report.appeals.reconsideration.other == 1
        assert not [d for d in result.diagnostics if d.code == "edition"]
    # Unregistered, the same page matches the 2021 edition best (its tables but one row).
    result = gkmodel.read(page if isinstance(page, bytes) else page.encode())
    assert result.report.edition is Edition.E2021
    assert result.report.requests.results.total.natural_person == 0
    # The toy's extra row matches no row of the 2021 table: named, never dropped in silence.
    extra = [d for d in result.diagnostics if d.code == "extra-row"]
    assert [(d.table, d.action) for d in extra] == [("三", "ignored")]
    assert extra[0].found.endswith("（八）试点处理")  # after its group's label in a grid
