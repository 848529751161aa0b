"""PDF and Word 97/RTF: gkmodel's DOCX exported by LibreOffice reads back cell for cell.

The documents are made once per session (LibreOffice takes seconds per file) from
the example reports, in the variants of :mod:`tests.pdfdocs`; without LibreOffice
these tests are skipped, and the hostile-input tests below run on hand-made PDFs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gkmodel
from gkmodel import AnnualReport, limits
from gkmodel.io.cells import to_cells
from gkmodel.readers import ReadError, read

from . import pdfdocs
from .pages import never_shifted

pytest.importorskip("pypdfium2")
needs_office = pytest.mark.skipif(
    pdfdocs.office() is None, reason="LibreOffice (soffice) is not installed"
)
VARIANTS = pdfdocs.variants()
HOSTILE = pdfdocs.hostile()


def _cells(report: AnnualReport) -> dict[str, object]:
    return {c["path"]: c["value"] for c in to_cells(report)}


def _text(report: AnnualReport) -> str:
    """The narrative of sections one, five and six, without white space (a PDF keeps no spaces)."""
    parts: list[str] = []
    for name in ("overview", "problems", "other_matters"):
        narrative = getattr(report, name)
        parts += [p for p in narrative.content if isinstance(p, str)]
        for sub in narrative.subsections:
            parts.append(sub.title)
            parts += [p for p in sub.content if isinstance(p, str)]
    return re.sub(r"\s+", "", "".join(parts))


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if pdfdocs.office() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    docs = {name: data for name, (_, data) in (VARIANTS | HOSTILE).items()}
    out = pdfdocs.export(docs, folder / "pdf", "pdf")
    for to in ("doc", "rtf"):
        out |= {f"{k}.{to}": v for k, v in pdfdocs.export(
            {"huaian": docs["huaian"], "seed": docs["seed"]}, folder / to, to).items()}  # fmt: skip
    return out


FIXTURES = Path(__file__).parent / "data" / "pdf"


@pytest.mark.parametrize(
    ("file", "source", "status"),
    [("huaian_2024.pdf", pdfdocs.HUAIAN, 0), ("shangguan_2020.pdf", pdfdocs.SEED, 1)],
)
def test_committed_pdf(file: str, source: AnnualReport, status: int) -> None:
    """The PDFs made by scripts/pdf_fixtures.py, read without LibreOffice; check's exit status."""
    from gkmodel.cli import main

    result = read(FIXTURES / file)
    assert result.format == "pdf"
    assert _cells(result.report) == _cells(source)
    assert _text(result.report) == _text(source)
    assert gkmodel.check(result.report).codes() == gkmodel.check(source).codes()
    assert main(["check", str(FIXTURES / file)]) == status


@needs_office
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_pdf_cells(exported: dict[str, Path], name: str) -> None:
    source, _ = VARIANTS[name]
    result = read(exported[name])
    assert result.format == "pdf"
    assert _cells(result.report) == _cells(source)
    assert result.report.meta.organ.name == source.meta.organ.name
    assert result.report.meta.year == source.meta.year
    for part in ("active_disclosure", "requests", "appeals"):
        assert getattr(result.report, part) == getattr(source, part), part
    assert _text(result.report) == _text(source)
    assert not [d for d in result.diagnostics if d.code == "unreadable"]
    if source is pdfdocs.HUAIAN:  # no spaces in its text: paragraphs read back exactly
        for part in ("overview", "problems", "other_matters"):
            assert getattr(result.report, part) == getattr(source, part), part


@needs_office
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_numbers_cut_by_page_breaks_are_never_misread(exported: dict[str, Path], name: str) -> None:
    """Wherever the breaks fall (LibreOffice's version decides), every cell reads as the
    source's or is unread, and the checker blames the organ for nothing it did not print."""
    source, _ = HOSTILE[name]
    result = read(exported[name])
    never_shifted(source, result)
    blamed = {f.code for f in gkmodel.check(result.report, unread=result.unread)}
    assert blamed <= {"R-BLANK"}


@needs_office
@pytest.mark.parametrize("name", [n for n in sorted(VARIANTS) if n.startswith("huaian")])
def test_pdf_table_three_labels(exported: dict[str, Path], name: str) -> None:
    """Group labels of table 三, drawn vertically or cut by a page break, on every row they span."""
    from gkmodel.readers._items import Row
    from gkmodel.readers._pdf import pdf_pages
    from gkmodel.readers._pdflayout import page_items

    rows = [i for i in page_items(pdf_pages(exported[name].read_bytes())) if isinstance(i, Row)]
    three = [r.cells for r in rows if r.table == 2]
    assert [c[0] for c in three[5:27]] == ["三、本年度办理结果"] * 22
    assert [c[1] for c in three[7:15]] == ["（三）不予公开"] * 8
    assert [c[1] for c in three[18:23]] == ["（五）不予处理"] * 5
    assert [c[1] for c in three[23:26]] == ["（六）其他处理"] * 3
    assert [c[2] for c in three[23:27]] == [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
    ]


@needs_office
def test_pdf_header_footer_dropped(exported: dict[str, Path]) -> None:
    from gkmodel.readers._pdf import pdf_pages
    from gkmodel.readers._pdflayout import page_items

    pages = pdf_pages(exported["huaian-header-footer"].read_bytes())
    shown = ["".join(c.text for c in p.chars) for p in pages]
    assert all("淮安市人民政府办公室" in s and f"— {n} —" in s for n, s in enumerate(shown, 1))
    items = page_items(pages)
    texts = [getattr(i, "text", "") for i in items]
    assert not [t for t in texts if t == "淮安市人民政府办公室" or re.fullmatch(r"— \d+ —", t)]
    assert texts[0] == "淮安市人民政府2024年政府信息公开工作年度报告"


@needs_office
def test_pdf_table_across_pages(exported: dict[str, Path]) -> None:
    """Table 二 runs over a page break: one table, its repeated header row dropped."""
    from gkmodel.readers._items import Row
    from gkmodel.readers._pdf import pdf_pages
    from gkmodel.readers._pdflayout import page_items

    for name in ("huaian", "huaian-fonts-no-repeat"):
        rows = [i for i in page_items(pdf_pages(exported[name].read_bytes())) if isinstance(i, Row)]
        first = [r.cells for r in rows if r.table == 1]
        assert [c[0] for c in first] == [
            "第二十条第（一）项", "信息内容", "规章", "行政规范性文件",
            "第二十条第（五）项", "信息内容", "行政许可",
            "第二十条第（六）项", "信息内容", "行政处罚", "行政强制",
            "第二十条第（八）项", "信息内容", "行政事业性收费",
        ], name  # fmt: skip
        assert {r.table for r in rows} == {1, 2, 3}, name
        assert all(r.extents is not None and len(r.extents) == len(r.cells) for r in rows)


@needs_office
@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("rows-cut-number", ["（七）总计 | （七）总计 | 293 | 53 | 0 | 0 | 61 | 4 | 305 / "]),
        ("rows-cut-group", ["（三）不予公 | 2.其他法律行政法规 |", "（六）其他处 |"]),
        ("rows-cut-label", ["2.申请人逾期未按收费通知要求缴纳费用、行 |"]),
    ],
)
def test_rows_cut_by_a_page_break(exported: dict[str, Path], name: str, found: list[str]) -> None:
    """Rows of table 三 cut by a page break read as one row each (their cells are checked
    with every variant's by test_pdf_cells): here, that the break fell where it should."""
    result = read(exported[name])
    breaks = [d.found or "" for d in result.diagnostics if d.code == "page-break"]
    assert len(breaks) == len(found)
    for text, part in zip(breaks, found, strict=True):
        assert part in text


@needs_office
@pytest.mark.parametrize("to", ["doc", "rtf"])
@pytest.mark.parametrize("name", ["huaian", "seed"])
def test_word97_and_rtf(exported: dict[str, Path], name: str, to: str) -> None:
    """LibreOffice writes table 四 of the 2021 edition with a 16-column grid (a sliver column
    after 行政复议/总计): the values are placed by the cells' extents, never shifted."""
    source, _ = VARIANTS[name]
    result = read(exported[f"{name}.{to}"])
    assert result.format == to
    assert _cells(result.report) == _cells(source)


def test_word97_without_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ReadError, match="needs LibreOffice: install LibreOffice"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(ReadError, match=r"reading a RTF document needs LibreOffice"):
        read(b"{\\rtf1\\ansi hello}")


# -- layout on pages built by hand -----------------------------------------------------------


def _line(text: str, x: float, top: float, size: float = 10.0) -> list[object]:
    from gkmodel.readers._pdf import Char

    return [
        Char(ch, x + i * size, top, x + (i + 1) * size, top + size, size)
        for i, ch in enumerate(text)
    ]


def test_two_columns() -> None:
    """Columns side by side are read left, then right; each column's lines join into paragraphs."""
    from gkmodel.readers._items import Line
    from gkmodel.readers._pdf import Page
    from gkmodel.readers._pdflayout import page_items

    chars: list[object] = _line("二〇二四年度报告", 250, 60, 12)
    left = ["左栏第一行文字很长很长很长", "左栏第二行文字很长很长很长", "左栏完。"]
    right = ["右栏第一行文字很长很长很长", "右栏第二行文字很长很长很长", "右栏完。"]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        chars += _line(a, 70, 100 + 14 * i) + _line(b, 330, 100 + 14 * i)
    chars += _line("— 1 —", 280, 800)
    page = Page(1, 595, 842, tuple(chars), (), ())  # type: ignore[arg-type]
    assert page_items([page]) == [
        Line("二〇二四年度报告", indent=True),
        Line("左栏第一行文字很长很长很长左栏第二行文字很长很长很长左栏完。"),
        Line("右栏第一行文字很长很长很长右栏第二行文字很长很长很长右栏完。"),
    ]


def test_one_column_with_short_lines() -> None:
    """Short lines on both halves of a one-column page are no columns: read top to bottom."""
    from gkmodel.readers._items import Line
    from gkmodel.readers._pdf import Page
    from gkmodel.readers._pdflayout import page_items

    chars: list[object] = []
    for i, (text, x) in enumerate([("一、总体情况", 70), ("某县人民政府", 400), ("二、主动公开", 70),
                                   ("2025年1月20日", 400), ("三、收到申请", 70)]):  # fmt: skip
        chars += _line(text, x, 100 + 30 * i)
    page = Page(1, 595, 842, tuple(chars), (), ())  # type: ignore[arg-type]
    assert [i.text for i in page_items([page]) if isinstance(i, Line)] == [
        "一、总体情况", "某县人民政府", "二、主动公开", "2025年1月20日", "三、收到申请",
    ]  # fmt: skip


# -- hostile and unreadable PDFs, made by hand ---------------------------------------------


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF with a correct cross-reference table; object 1 is the catalog."""
    out = b"%PDF-1.7\n"
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer, xref)  # fmt: skip
    return out


def _pages(count: int, content: bytes = b"") -> bytes:
    kids = b" ".join(b"3 0 R" for _ in range(count))
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ])  # fmt: skip


def _reason(data: bytes) -> str:
    with pytest.raises(ReadError) as info:
        read(data)
    assert info.value.source == "<bytes>"
    assert "\n" not in info.value.reason
    return info.value.reason


def test_scan_without_text_layer() -> None:
    image = b"q 100 0 0 100 0 0 cm 0.5 g 0 0 1 1 re f Q"
    assert _reason(_pages(1, image)) == (
        "the PDF has no text layer (a scanned image?): gkmodel does not do OCR;"
        " add a text layer first, e.g. ocrmypdf -l chi_sim in.pdf out.pdf"
    )


def test_scan_exit_2(tmp_path: Path) -> None:
    from gkmodel.cli import main

    path = tmp_path / "scan.pdf"
    path.write_bytes(_pages(1))
    assert main(["check", str(path)]) == 2


def test_truncated() -> None:
    data = gkmodel.render(pdfdocs.HUAIAN, to="text").encode()  # not a PDF at all, then a cut one
    assert _reason(b"%PDF-1.7\n" + data[:100]) == "not a readable PDF (damaged or truncated)"
    assert _reason(_pages(2)[:150]) == "not a readable PDF (damaged or truncated)"


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 5)
    assert _reason(_pages(6)) == "the PDF has 6 pages, more than gkmodel.limits.MAX_PDF_PAGES (5)"


def test_encrypted() -> None:
    encrypt = (
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4"
        b" /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    data = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer=b"/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
    )
    assert _reason(data) == (
        "the PDF is encrypted: open it with its password and save it unprotected first"
    )


def test_deep_nesting() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    data = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + deep + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])  # fmt: skip
    assert _reason(data) in (
        "not a readable PDF (damaged or truncated)",
        "the PDF has no text layer (a scanned image?): gkmodel does not do OCR;"
        " add a text layer first, e.g. ocrmypdf -l chi_sim in.pdf out.pdf",
    )


def test_detected_after_leading_bytes() -> None:
    from gkmodel.readers import _detect

    assert _detect(b"\r\n%PDF-1.4\n") == "pdf"
    assert _detect(b"{\\rtf1}") == "rtf"
    assert _detect(b'{"edition": 1}') == "json"
