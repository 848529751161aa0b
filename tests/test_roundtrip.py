"""read(render(r)) == r for reports of the hypothesis strategies, both editions."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

import gkmodel
from gkmodel import AnnualReport, Edition
from gkmodel.io.cells import to_cells
from gkmodel.readers import read
from gkmodel.testing import publishable_reports, reports

from .conftest import EXAMPLES

SHELLS = {
    Edition.E2019: gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json"),
    Edition.E2021: gkmodel.load(EXAMPLES / "data" / "huaian_2024.json"),
}


def _read_back(report: AnnualReport, fmt: str) -> gkmodel.ReadResult:
    out = gkmodel.render(report, to=fmt)  # type: ignore[call-overload]
    return read(out if isinstance(out, bytes) else out.encode("utf-8"))


def _checked_or_warned(result: gkmodel.ReadResult) -> bool:
    """The visible tables agree with the embedded JSON, or could not be read and a warning says so.

    Generated titles and paragraphs of random characters can hide the visible
    tables from the reader; then the result must carry ``embedded-unchecked``.
    """
    codes = [d.code for d in result.diagnostics]
    return codes in (["embedded"], ["embedded", "embedded-unchecked"])


class TestEmbedded:
    """HTML and DOCX carry the canonical JSON; their visible tables must agree with it."""

    @settings(max_examples=60)
    @given(reports())
    def test_html(self, report: AnnualReport) -> None:
        result = _read_back(report, "html")
        assert result.report == report
        assert _checked_or_warned(result)

    @settings(max_examples=12)
    @given(reports())
    def test_docx(self, report: AnnualReport) -> None:
        result = _read_back(report, "docx")
        assert result.report == report
        assert _checked_or_warned(result)


class TestText:
    """Plain text has no JSON: every table cell and note is read back from the text itself."""

    @settings(max_examples=40)
    @given(reports())
    def test_tables(self, generated: AnnualReport) -> None:
        # The generated tables in a real report's text: titles and paragraphs of random
        # characters cannot be told from headings in plain text (see docs/read.md).
        shell = SHELLS[generated.edition]
        report = attrs.evolve(
            shell,
            active_disclosure=generated.active_disclosure,
            requests=generated.requests,
            appeals=generated.appeals,
            cell_notes=generated.cell_notes,
        )
        got = _read_back(report, "text").report
        assert {c["path"]: c["value"] for c in to_cells(got)} == {
            c["path"]: c["value"] for c in to_cells(report)
        }
        assert set(got.cell_notes) == set(report.cell_notes)
        assert (got.meta, got.problems, got.other_matters) == (
            report.meta,
            report.problems,
            report.other_matters,
        )


class TestTextWhole:
    """Whole reports whose every part plain text can carry read back equal."""

    @settings(max_examples=40)
    @given(publishable_reports())
    def test_text(self, report: AnnualReport) -> None:
        got = _read_back(report, "text").report
        assert attrs.evolve(got, cell_notes=()) == attrs.evolve(report, cell_notes=())
        assert set(got.cell_notes) == set(report.cell_notes)
