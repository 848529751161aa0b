"""Readers on pages as real sites serve them: detection by content, headings, metadata, status."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

import gkmodel
from gkmodel.readers import ReadError, _detect, read

from .conftest import CORPUS, EXAMPLES

SEED = gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json")
HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")


class TestDetection:
    """The format is told by the content: markup anywhere, DOCX parts, the PDF header."""

    def test_fragment_with_late_table(self) -> None:
        """A CMS page body: a <div> of <p>s, the first <table> 40 KB in, no <html> or <body>."""
        page = gkmodel.render(HUAIAN, to="html", fragment=True)
        assert isinstance(page, str)
        body = page.split('<script type="application/json"')[0]  # no embedded JSON: read the page
        chrome = "<p>" + "网站导航 " * 5000 + "</p>"
        data = ("<div class='main'>" + chrome + body + "</div>").encode()
        assert data.index(b"<table") > 40_000
        assert _detect(data) == "html"
        result = read(data)
        assert result.format == "html"
        assert result.report.requests == HUAIAN.requests

    @pytest.mark.parametrize(
        ("data", "fmt"),
        [
            (b"%PDF-1.7\n%...", "pdf"),
            (b'\xef\xbb\xbf {"edition": "2021"}', "json"),
            ("一、总体情况\n| a | b<br>c |".encode(), "text"),  # an inline <br> is not a page
            ("前言<P ALIGN=center>一、总体情况</P>".encode(), "html"),
        ],
    )
    def test_by_content(self, data: bytes, fmt: str) -> None:
        assert _detect(data) == fmt

    def test_docx_by_its_parts(self) -> None:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("content.xml", "<x/>")
        assert _detect(buffer.getvalue()) == "zip"
        with pytest.raises(ReadError, match=r"no word/document\.xml"):
            read(buffer.getvalue())
        docx = gkmodel.render(SEED, to="docx")
        assert isinstance(docx, bytes)
        assert _detect(docx) == "docx"

    def test_pdf_is_routed(self) -> None:
        with pytest.raises(ReadError, match="a PDF document"):
            read(b"%PDF-1.4\n1 0 obj")


class TestStatus:
    """A report read in part says so: ``unreadable_cells`` is the one source."""

    def test_corpus(self) -> None:
        complete = {
            p.name: read(p).unreadable_cells
            for p in sorted(CORPUS.glob("*.*"))
            if p.suffix != ".md"
        }
        assert {k: len(v) for k, v in complete.items() if v} == {"2025_shanghai-bgt_1.txt": 6}
        assert complete["2025_shanghai-bgt_1.txt"] == (
            "$.active_disclosure.item1.rules.issued",
            "$.active_disclosure.item1.rules.repealed",
            "$.active_disclosure.item1.rules.in_force",
            "$.active_disclosure.item1.normative.issued",
            "$.active_disclosure.item1.normative.repealed",
            "$.active_disclosure.item1.normative.in_force",
        )

    def test_json_is_complete(self) -> None:
        result = read(EXAMPLES / "data" / "huaian_2024.json")
        assert result.unreadable_cells == () and result.complete
