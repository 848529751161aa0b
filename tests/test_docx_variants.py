"""Word documents as producers write them: styles, fields, text boxes, equations, layout tables.

Each case was found by an adversarial pass over the DOCX reader and gave a number the page does
not show (30011 for 3001 and its footnote mark, 1011 for a field showing 11), a blank the
checker then blamed on the organ (R-BLANK), or an error from deep inside the reader. Each is now
read as Word shows it, or left unread with a diagnostic.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable

import pytest

import gkmodel
from gkmodel.readers import ReadError

from .conftest import EXAMPLES
from .pages import never_shifted

HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _docx(
    edit: Callable[[str], str] = lambda x: x,
    styles: Callable[[str], str] = lambda x: x,
    report: gkmodel.AnnualReport = HUAIAN,
) -> bytes:
    """A report (the 2021 example) as DOCX (no embedded JSON), its body and styles part edited."""
    docx = gkmodel.render(report, to="docx", embed_json=False)
    assert isinstance(docx, bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "word/document.xml":
                data = edit(data.decode()).encode()
            elif name == "word/styles.xml":
                data = styles(data.decode()).encode()
            zout.writestr(name, data)
    return out.getvalue()


def _around(xml: str, text: str, before: str = "", after: str = "", *, instead: str = "") -> str:
    """``xml`` with the first run showing ``text`` given runs before and after it (or replaced
    by ``instead``)."""
    at = xml.index(f"<w:t>{text}</w:t>")
    start, end = xml.rindex("<w:r>", 0, at), xml.index("</w:r>", at) + len("</w:r>")
    return xml[:start] + before + (instead or xml[start:end]) + after + xml[end:]


def _run(text: str, props: str = "") -> str:
    return (
        f"<w:r><w:rPr>{props}</w:rPr><w:t>{text}</w:t></w:r>"
        if props
        else f"<w:r><w:t>{text}</w:t></w:r>"
    )


def _style(sid: str, name: str, props: str) -> Callable[[str], str]:
    style = f'<w:style w:type="character" w:styleId="{sid}"><w:name w:val="{name}"/><w:rPr>{props}</w:rPr></w:style>'
    return lambda xml: xml.replace("</w:styles>", style + "</w:styles>")


def _read(docx: bytes) -> gkmodel.ReadResult:
    result = gkmodel.read(docx)
    never_shifted(HUAIAN, result)
    return result


class TestStyles:
    def test_a_mark_raised_by_its_character_style_is_no_digit_of_the_number(self) -> None:
        # Chinese Word names the style 'footnote reference' a9: 3001 and its mark read 30011.
        mark = '<w:r><w:rPr><w:rStyle w:val="a9"/></w:rPr><w:t>1</w:t></w:r>'
        docx = _docx(
            lambda xml: _around(xml, "3001", after=mark),
            _style("a9", "footnote reference", '<w:vertAlign w:val="superscript"/>'),
        )
        result = _read(docx)
        assert result.report.requests.new_received.natural_person in (3001, None)

    def test_a_digit_hidden_by_its_style_is_not_read(self) -> None:
        hidden = '<w:r><w:rPr><w:rStyle w:val="a5"/></w:rPr><w:t>9</w:t></w:r>'
        docx = _docx(
            lambda xml: _around(xml, "3001", after=hidden), _style("a5", "Hidden", "<w:vanish/>")
        )
        assert _read(docx).report.requests.new_received.natural_person == 3001

    def test_a_style_based_on_a_hidden_one_hides_and_a_run_may_show_itself(self) -> None:
        styles = _style("a5", "Hidden", "<w:vanish/>")
        based = '<w:style w:type="character" w:styleId="a6"><w:basedOn w:val="a5"/></w:style>'
        shown = '<w:rStyle w:val="a6"/><w:vanish w:val="0"/>'
        docx = _docx(
            lambda xml: _around(
                _around(
                    xml,
                    "3001",
                    after='<w:r><w:rPr><w:rStyle w:val="a6"/></w:rPr><w:t>9</w:t></w:r>',
                ),
                "53",
                instead=_run("53", shown),
            ),
            lambda xml: styles(xml).replace("</w:styles>", based + "</w:styles>"),
        )
        result = _read(docx)
        assert result.report.requests.new_received.natural_person == 3001
        assert result.report.requests.new_received.commercial == 53


def _field(*parts: str) -> str:
    out = []
    for part in parts:
        if part in ("begin", "separate", "end"):
            out.append(f'<w:r><w:fldChar w:fldCharType="{part}"/></w:r>')
        elif part.startswith(" "):
            out.append(f'<w:r><w:instrText xml:space="preserve">{part}</w:instrText></w:r>')
        else:
            out.append(_run(part))
    return "".join(out)


class TestFields:
    def test_only_the_outer_fields_result_is_shown(self) -> None:
        # { = { REF 上年现行有效 } + 1 } shows 11: read as 1011 (the nested REF's 10 and 11).
        cell = _field("begin", " = ", "begin", " REF 上年 ", "separate", "10", "end", " + 1 ",
                      "separate", "11", "end")  # fmt: skip
        result = _read(_docx(lambda xml: _around(xml, "11", instead=cell)))
        assert result.report.active_disclosure.item1.rules.in_force == 11

    def test_an_if_field_with_nested_merge_fields(self) -> None:
        cell = _field("begin", " IF ", "begin", " MERGEFIELD 自然人 ", "separate", "3001", "end",
                      ' = "" "—" ', "separate", "3001", "end")  # fmt: skip
        result = _read(_docx(lambda xml: _around(xml, "3001", instead=cell)))
        assert result.report.requests.new_received.natural_person == 3001
        assert result.unreadable_cells == ()


def _text_box(text: str) -> str:
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:r><mc:AlternateContent xmlns:mc="{_MC}"><mc:Choice Requires="wps"><w:drawing>'
        f"<wps:txbx xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'>"
        f"{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>{box}</w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


@pytest.mark.parametrize(("before", "after"), [("2", ""), ("", "1")])
def test_a_text_box_is_never_run_into_the_number_it_is_anchored_by(before: str, after: str) -> None:
    # Read as 23001 and 30011 (the organ then blamed for T3-ROW and T3-REC).
    docx = _docx(
        lambda xml: _around(
            xml, "3001", _text_box(before) if before else "", _text_box(after) if after else ""
        )
    )
    result = _read(docx)
    assert "$.requests.new_received.natural_person" in result.unreadable_cells


def test_a_number_typed_as_an_equation() -> None:
    # Dropped without a trace: a blank cell, and R-BLANK against the organ.
    math = (
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        "<m:r><m:t>3001</m:t></m:r></m:oMath>"
    )
    result = _read(_docx(lambda xml: _around(xml, "3001", instead=math)))
    assert result.report.requests.new_received.natural_person == 3001


@pytest.mark.parametrize("width", ["INF", "1e400", "NaN"])
def test_widths_that_are_no_number(width: str) -> None:
    # OverflowError from inside the reader.
    docx = _docx(lambda xml: re.sub(r'(<w:gridCol w:w=")\d+', rf"\g<1>{width}", xml, count=1))
    assert _read(docx).unreadable_cells == ()


def test_a_row_past_the_grid_is_placed_as_the_others() -> None:
    # A row shifted by gridBefore, the grid not widened, in a table whose cells have no widths:
    # placed in other units than the other rows, all its values were strays and its cells
    # blank without a diagnostic (R-BLANK against the organ).
    def edit(xml: str) -> str:
        xml = re.sub(r"<w:tcW [^>]*/>", "", xml)
        at = xml.index("<w:t>一、本年新收政府信息公开申请数量</w:t>")
        row = xml.rindex("<w:tr>", 0, at) + len("<w:tr>")
        return xml[:row] + '<w:trPr><w:gridBefore w:val="1"/></w:trPr>' + xml[row:]

    result = _read(_docx(edit))
    got = result.report.requests.new_received
    assert (got.natural_person, got.total) == (3001, 3119) or (
        "$.requests.new_received.total" in result.unreadable_cells
    )


def test_a_part_with_a_dtd_is_refused() -> None:
    # Its entities were read as nothing: a blank cell and R-BLANK.
    def edit(xml: str) -> str:
        head, body = xml.split("?>", 1)
        return (
            head
            + '?><!DOCTYPE w:document [<!ENTITY a "3001">]>'
            + body.replace("<w:t>3001</w:t>", "<w:t>&a;</w:t>", 1)
        )

    with pytest.raises(ReadError, match="declares a DTD"):
        gkmodel.read(_docx(edit))


class TestLayoutTables:
    """Tables inside a table: a page laid out in a table is read as if it stood outside it."""

    def test_each_table_wrapped_in_a_layout_table(self) -> None:
        # Every official table dropped: 200 cells unread.
        def edit(xml: str) -> str:
            return re.sub(
                r"<w:tbl>.*?</w:tbl>",
                lambda m: f"<w:tbl><w:tr><w:tc><w:p/>{m.group(0)}<w:p/></w:tc></w:tr></w:tbl>",
                xml,
                flags=re.DOTALL,
            )

        result = _read(_docx(edit))
        assert result.unreadable_cells == ()

    def test_the_whole_report_in_a_table_of_one_cell(self) -> None:
        # "no section 二 or 三 of an annual report was found".
        def edit(xml: str) -> str:
            start = xml.index("<w:body>") + len("<w:body>")
            end = xml.rindex("<w:sectPr")
            return (
                xml[:start] + f"<w:tbl><w:tr><w:tc>{xml[start:end]}<w:p/></w:tc></w:tr></w:tbl>"
                + xml[end:]
            )  # fmt: skip

        result = _read(_docx(edit))
        assert result.unreadable_cells == ()
        assert result.report.meta.organ.name == "淮安市人民政府"


class TestSymbols:
    """Characters Word shows that are no ``w:t``: a non-breaking hyphen and a symbol font's
    character.  Before, both were dropped: −5 read 5, and 300 with a symbol ``1`` read 300."""

    def test_a_digit_from_a_symbol_font(self) -> None:
        sym = '<w:r><w:t>300</w:t><w:sym w:font="Times New Roman" w:char="0031"/></w:r>'
        result = _read(_docx(lambda xml: _around(xml, "3001", instead=sym)))
        assert result.report.requests.new_received.natural_person == 3001

    def test_a_non_breaking_hyphen_between_digits_is_no_number(self) -> None:
        cut = "<w:r><w:t>30</w:t><w:noBreakHyphen/><w:t>01</w:t></w:r>"
        result = _read(_docx(lambda xml: _around(xml, "3001", instead=cut)))
        assert "$.requests.new_received.natural_person" in result.unreadable_cells

    @pytest.mark.parametrize(
        "minus",
        ["<w:noBreakHyphen/>", '<w:sym w:font="Symbol" w:char="F02D"/>'],
        ids=["non-breaking hyphen", "Symbol minus"],
    )
    def test_a_minus_sign_typed_otherwise(self, minus: str) -> None:
        import attrs

        seed = gkmodel.load(EXAMPLES / "data" / "shangguan_2020.json")
        item5 = seed.active_disclosure.item5
        licensing = attrs.evolve(item5.licensing, previous=12, change=-5, decisions=7)
        active = attrs.evolve(
            seed.active_disclosure, item5=attrs.evolve(item5, licensing=licensing)
        )
        report = attrs.evolve(seed, active_disclosure=active)
        typed = f"<w:r>{minus}<w:t>5</w:t></w:r>"
        result = gkmodel.read(_docx(lambda xml: _around(xml, "-5", instead=typed), report=report))
        never_shifted(report, result)
        assert result.report.active_disclosure.item5.licensing.change == -5


def test_two_rows_of_a_group_each_split_into_label_and_values() -> None:
    """Two rows of （五）不予处理 each written as a row of its label (empty cells) and a row of
    its values (an empty label cell): both values rows carry only the group's label, and were
    taken for one row printed twice, blanked without a path, while the label rows were read
    as the organ's blanks (R-BLANK).  Now every cell is the published one or unreadable."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def text(el: etree._Element) -> str:
        return "".join(t.text or "" for t in el.iter(w + "t"))

    def edit(xml: str) -> str:
        root = etree.fromstring(xml.encode())
        for label in ("2.重复申请", "4.无正当理由大量反复申请"):
            row = next(
                tr
                for tr in root.iter(w + "tr")
                if any(text(tc) == label for tc in tr.iter(w + "tc"))
            )
            values = copy.deepcopy(row)
            for a, b in zip(row.iter(w + "tc"), values.iter(w + "tc"), strict=True):
                emptied = b if text(a) == label else a if re.fullmatch(r"\d+", text(a)) else b
                for run in list(emptied.iter(w + "r")):
                    run.getparent().remove(run)
            row.addnext(values)
        return etree.tostring(root).decode()

    result = _read(_docx(edit))
    columns = ("natural_person", "commercial", "research", "public_interest", "legal_services",
               "other", "total")  # fmt: skip
    for row in ("repeated", "excessive"):
        cells = {f"$.requests.results.not_processed.{row}.{c}" for c in columns}
        assert cells <= set(result.unreadable_cells)
    assert "R-BLANK" not in gkmodel.check(result.report, unread=result.unread).codes()


@pytest.mark.parametrize("name", ["huaian_2024", "shangguan_2020"])
def test_an_empty_last_column_loses_no_cell(name: str) -> None:
    """Every table given an empty last column (a grid column more, an empty cell ending each
    row): every cell is read, blanks included (183 cells of the seed report were unread)."""
    report = gkmodel.load(EXAMPLES / "data" / f"{name}.json")

    def edit(xml: str) -> str:
        xml = xml.replace("</w:tblGrid>", '<w:gridCol w:w="400"/></w:tblGrid>')
        return xml.replace("</w:tr>", "<w:tc><w:p/></w:tc></w:tr>")

    result = gkmodel.read(_docx(edit, report=report))
    never_shifted(report, result)
    assert result.unreadable_cells == ()
