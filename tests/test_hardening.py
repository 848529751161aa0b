"""Regression tests of hostile and faulty input (issue #13): each ends with one documented error.

Inputs are small or memory-safe forms of the ones that blew up (a limit
lowered for the test instead of a file of that size); nothing is timed.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel import LoadError, limits
from gkmodel.cli import main
from gkmodel.readers import ReadError
from gkmodel.tally import TallyError, read_applications

from .conftest import SEED_JSON


def _empty(name: str = "某局") -> gkmodel.AnnualReport2021:
    meta = gkmodel.ReportMeta(organ=gkmodel.Organ(name=name), year=2021)
    return gkmodel.AnnualReport2021.empty(meta)


def _problems(text: str | bytes) -> list[str]:
    with pytest.raises(LoadError) as info:
        gkmodel.loads(text)
    return [str(p) for p in info.value.problems]


def _cli(*argv: str) -> tuple[int, str, str]:
    import contextlib

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv), stdout=out)
    return code, out.getvalue(), err.getvalue()


class TestStrictCanonicalJson:
    """Canonical JSON text: what ``loads`` accepts is exactly what docs/json.md says."""

    @pytest.mark.parametrize("quick", [True, False])
    def test_duplicate_key(self, quick: bool, monkeypatch: pytest.MonkeyPatch) -> None:
        from gkmodel.io import json as gk_json

        if not quick:
            monkeypatch.setattr(gk_json, "_quick_parser", lambda: None)
        text = gkmodel.dumps(_empty()).replace('"year": 2021', '"year": 2021, "year": 2022')
        assert _problems(text) == ["duplicate key 'year' in an object @ $"]

    def test_duplicate_key_inside_a_string_is_no_duplicate(self) -> None:
        report = _empty('某局": "x')
        assert gkmodel.loads(gkmodel.dumps(report)) == report

    @settings(max_examples=400, deadline=None)
    @given(data=st.data())
    def test_duplicate_key_screen_never_passes_a_duplicate(self, data: st.DataObject) -> None:
        """The screen of ``loads`` says "no duplicate" only of texts without one, and says it of
        every text without a backslash that has none (the fast case)."""
        import orjson

        from gkmodel.io.json import _compact, _no_duplicate_keys

        chars = st.sampled_from(list(':"\\ u0022a局：'))
        strings = st.text(chars, max_size=6)

        def written(value: str) -> str:  # a JSON string, its characters escaped or not
            if data.draw(st.booleans()):
                return json.dumps(value, ensure_ascii=data.draw(st.booleans()))
            return '"' + "".join(
                {'"': "\\u0022", "\\": "\\\\", ":": "\\u003a"}.get(c, c) for c in value
            ) + '"'  # fmt: skip

        def obj(depth: int) -> str:
            keys = data.draw(st.lists(strings, max_size=4))
            parts = []
            for key in keys:
                if depth and data.draw(st.booleans()):
                    value = obj(depth - 1)
                else:
                    value = written(data.draw(strings))
                colon = data.draw(st.sampled_from([":", " :", ": ", "\n:"]))
                parts.append(written(key) + colon + value)
            return "{" + ",".join(parts) + "}"

        def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
            if len({k for k, _ in items}) != len(items):
                raise ValueError("duplicate")
            return dict(items)

        text = obj(2)
        try:
            json.loads(text, object_pairs_hook=pairs)
            duplicate = False
        except ValueError:
            duplicate = True
        for source in (text, text.encode()):
            for parse, dump in ((orjson.loads, orjson.dumps), (json.loads, _compact)):
                said = _no_duplicate_keys(source, parse(source), dump)
                assert not (said and duplicate), text
                if "\\" not in text:
                    assert said is not duplicate, text

    @pytest.mark.parametrize(
        ("key", "value", "kind"),
        [("appeals", 5, "a number"), ("meta", "x", "a string"), ("requests", [1], "an array"),
         ("appeals", None, "null"), ("overview", True, "true or false")],
    )  # fmt: skip
    def test_an_object_expected(self, key: str, value: object, kind: str) -> None:
        """Another value where an object belongs is said in JSON's words, not Python's."""
        data = gkmodel.to_data(_empty())
        data[key] = value
        message = f"expected an object, got {kind} @ ${'.' + key}"
        assert _problems(json.dumps(data, ensure_ascii=False)) == [message]
        with pytest.raises(LoadError) as info:
            gkmodel.from_data(data)
        assert [str(p) for p in info.value.problems] == [message]

    def test_missing_key(self) -> None:
        data = gkmodel.to_data(_empty())
        del data["requests"]["new_received"]["natural_person"]
        assert _problems(json.dumps(data, ensure_ascii=False)) == [
            "missing key(s): natural_person @ $.requests.new_received"
        ]
        # hand-written data (from_data) may leave a key out: it is blank
        report = gkmodel.from_data(data)
        assert report.requests.new_received.natural_person is None

    @pytest.mark.parametrize("digits", ["１２３.５", "٣٤", "12.٣"])
    def test_decimal_of_other_digits(self, digits: str) -> None:
        data = json.loads((SEED_JSON.parent / "huaian_2024.json").read_text("utf-8"))
        data["active_disclosure"]["item8"]["fees"]["amount"]["amount"] = digits
        assert _problems(json.dumps(data, ensure_ascii=False)) == [
            f'expected a decimal string such as "185.5897", got {digits!r} '
            "@ $.active_disclosure.item8.fees.amount.amount"
        ]

    @pytest.mark.parametrize("date", ["20240101", "2024-W01-1", "2024-001", "２０２４-01-01"])
    def test_date_not_iso(self, date: str) -> None:
        data = gkmodel.to_data(_empty())
        data["meta"]["published"] = date
        assert _problems(json.dumps(data, ensure_ascii=False)) == [
            f"not an ISO date (YYYY-MM-DD): {date!r} @ $.meta.published"
        ]

    @pytest.mark.parametrize(
        ("name", "found"),
        [
            ("\u200b", "a non-empty text (more than spaces and invisible characters)"),
            ("\ufeff\u200d ", "a non-empty text (more than spaces and invisible characters)"),
            ("某\udc80局", "a text without control characters (but tab and newline) or lone "
             "surrogates (found '\\udc80')"),
            ("某\x00局", "a text without control characters (but tab and newline) or lone "
             "surrogates (found '\\x00')"),
        ],
    )  # fmt: skip
    def test_names_the_model_refuses(self, name: str, found: str) -> None:
        text = gkmodel.dumps(_empty()).replace('"某局"', json.dumps(name))
        [problem] = _problems(text)
        assert problem == f"expected {found}, got {name!r} @ $.meta.organ.name"
        with pytest.raises(gkmodel.CellValueError):
            gkmodel.Organ(name=name)

    def test_control_character_in_a_paragraph(self) -> None:
        data = gkmodel.to_data(_empty())
        data["overview"]["content"] = ["正文\x1b[31m"]
        [problem] = _problems(json.dumps(data))
        assert problem.endswith("@ $.overview.content")
        assert "found '\\x1b'" in problem

    def test_tab_and_newline_are_text(self) -> None:
        meta = gkmodel.ReportMeta(organ=gkmodel.Organ(name="某局"), year=2021, title="甲\t乙\n丙")
        report = gkmodel.AnnualReport2021.empty(meta)
        assert gkmodel.loads(gkmodel.dumps(report)) == report

    @pytest.mark.parametrize("opener", ["[", '{"a":'])
    def test_deep_nesting(self, opener: str) -> None:
        [problem] = _problems(opener * 200_000)
        assert "MAX_JSON_DEPTH" in problem

    def test_deep_nesting_within_the_parser(self) -> None:
        data = gkmodel.to_data(_empty())
        data["overview"]["content"] = json.loads("[" * 90 + "]" * 90)
        [problem] = _problems(json.dumps(data))
        assert problem.startswith(f"JSON nested deeper than {limits.MAX_JSON_DEPTH} levels")


class TestFiles:
    """Files that are not regular, too large, missing, or mistyped."""

    def test_fifo(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        with pytest.raises(ReadError, match="cannot read file: not a regular file"):
            gkmodel.read(fifo)
        with pytest.raises(LoadError, match="not a regular file"):
            gkmodel.load(fifo)
        code, out, err = _cli("read", str(fifo))
        assert (code, out, err) == (
            2,
            "",
            f"gkmodel read: {fifo}: cannot read file: not a regular file\n",
        )

    @pytest.mark.parametrize("command", ["read", "check", "cells", "render"])
    def test_device(self, command: str) -> None:
        code, out, err = _cli(command, "/dev/zero")
        assert (code, out) == (2, "")
        assert err == f"gkmodel {command}: /dev/zero: cannot read file: not a regular file\n"

    def test_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ReadError, match="cannot read file: a folder"):
            gkmodel.read(tmp_path)
        code, _, err = _cli("check", str(tmp_path))
        assert (code, err) == (2, f"gkmodel check: {tmp_path}: cannot read file: a folder\n")

    def test_missing_file_in_cli(self, tmp_path: Path) -> None:
        for command in ("read", "check", "cells", "render"):
            code, _, err = _cli(command, str(tmp_path / "no.json"))
            assert (code, err) == (2, f"gkmodel {command}: {tmp_path / 'no.json'}: no such file\n")

    @pytest.mark.parametrize("mistyped", ["reprot.html", "data/report.docx", "a/b"])
    def test_mistyped_path(self, mistyped: str) -> None:
        with pytest.raises(ReadError) as info:
            gkmodel.read(mistyped)
        assert str(info.value) == f"{mistyped}: no such file"

    def test_larger_than_the_limit(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 100)
        big = tmp_path / "big.txt"
        big.write_bytes(b"x" * 101)
        with pytest.raises(ReadError, match=r"gkmodel.limits.MAX_DOCUMENT_BYTES"):
            gkmodel.read(big)
        with pytest.raises(ReadError, match="MAX_DOCUMENT_BYTES"):
            gkmodel.read(b"x" * 101)
        with pytest.raises(ReadError, match=r"^<bytes>: no annual report found: no section"):
            gkmodel.read(b"x" * 100)  # within the limit: read, and no report in it

    def test_output_to_a_folder(self, tmp_path: Path) -> None:
        code, _, err = _cli("render", str(SEED_JSON), "-o", "/")
        assert (code, err) == (2, "gkmodel render: /: cannot write: a folder, not a file name\n")
        code, _, err = _cli("cells", str(SEED_JSON), "-o", str(tmp_path))
        assert code == 2
        assert err == f"gkmodel cells: {tmp_path}: cannot write: a folder, not a file name\n"


def _docx_with(replace: dict[str, bytes], source: bytes | None = None) -> bytes:
    """A DOCX of the empty report with some parts replaced."""
    data = source or gkmodel.render(_empty(), to="docx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
    return out.getvalue()


class TestDocuments:
    """Embedded JSON, zip containers and broken DOCX."""

    def test_deep_embedded_json_in_html(self) -> None:
        html = gkmodel.render(_empty(), to="html")
        start = html.index('id="gkmodel-report">') + len('id="gkmodel-report">')
        end = html.index("</script>", start)
        bomb = html[:start] + "[" * 200_000 + html[end:]
        with pytest.raises(LoadError, match="MAX_JSON_DEPTH"):
            gkmodel.read(bomb)

    def test_deep_embedded_json_in_docx(self, tmp_path: Path) -> None:
        from gkmodel.renderers.docx import JSON_PART

        bomb = _docx_with({JSON_PART.lstrip("/"): b"[" * 200_000})
        with pytest.raises(LoadError, match="MAX_JSON_DEPTH"):
            gkmodel.read(bomb)
        path = tmp_path / "bomb.docx"
        path.write_bytes(bomb)
        code, _, err = _cli("read", str(path))
        assert code == 2
        assert err.startswith(f"gkmodel read: {path} (embedded JSON): 1 problem\n")

    def test_zip_inflating_beyond_the_limit(self, monkeypatch: pytest.MonkeyPatch) -> None:
        data = gkmodel.render(_empty(), to="docx")
        monkeypatch.setattr(limits, "MAX_ZIP_BYTES", 1000)
        with pytest.raises(ReadError, match=r"gkmodel.limits.MAX_ZIP_BYTES"):
            gkmodel.read(data)

    def test_zip_of_too_many_parts(self) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            for i in range(limits.MAX_ZIP_PARTS + 1):
                z.writestr(f"p{i}", b"")
        with pytest.raises(ReadError, match=r"gkmodel.limits.MAX_ZIP_PARTS"):
            gkmodel.read(out.getvalue())
        with pytest.raises(TallyError, match="MAX_ZIP_PARTS"):
            read_applications(out.getvalue(), edition=gkmodel.Edition.E2021)

    def test_zip_bomb_declared_sizes(self) -> None:
        # a part that inflates to 300 MB: refused from the directory, before inflating
        out = io.BytesIO()
        with (
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
            z.open("word/document.xml", "w", force_zip64=True) as part,
        ):
            for _ in range(300):
                part.write(b"\0" * (1024 * 1024))
        assert len(out.getvalue()) < 1024 * 1024
        with pytest.raises(ReadError, match="MAX_ZIP_BYTES"):
            gkmodel.read(out.getvalue())

    def test_document_root_is_body(self) -> None:
        data = gkmodel.render(_empty(), to="docx", embed_json=False)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
        start = xml.index(b"<w:body")
        end = xml.index(b"</w:body>") + len(b"</w:body>")
        namespaces = xml[
            xml.index(b"<w:document") + len(b"<w:document") : xml.index(
                b">", xml.index(b"<w:document")
            )
        ]
        body = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:body'
            + namespaces
            + xml[start + len(b"<w:body") : end]
        )
        with pytest.raises(ReadError, match="not a readable Word document"):
            gkmodel.read(_docx_with({"word/document.xml": body}, data))

    def test_main_part_found_by_the_package_relationships(self) -> None:
        # word/document.xml is a convention: Word opens the part _rels/.rels names.
        report = gkmodel.load(SEED_JSON)
        data = gkmodel.render(report, to="docx", embed_json=False)
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                name = info.filename.replace("document.xml", "main.xml")
                body = zin.read(info.filename)
                if info.filename == "_rels/.rels":
                    body = body.replace(b"word/document.xml", b"word/main.xml")
                zout.writestr(name, body)
        result = gkmodel.read(out.getvalue())
        assert result.format == "docx"
        assert result.report.requests == report.requests
        assert result.report.appeals == report.appeals

    @pytest.mark.parametrize(
        ("part", "body", "problem"),
        [
            ("word/document.xml", b"<w:document", "(word/document.xml is not well-formed XML: "),
            ("_rels/.rels", b"<Relationships", "(_rels/.rels is not well-formed XML: "),
            ("word/document.xml", b"\xff\xfe<\x00", "(word/document.xml is not well-formed XML"),
            ("word/document.xml", b"<a/>", "(its main part is not w:document)"),
        ],
    )
    def test_broken_parts(self, part: str, body: bytes, problem: str) -> None:
        with pytest.raises(ReadError, match=re.escape(problem)):
            gkmodel.read(_docx_with({part: body}))

    def test_entities_are_not_resolved(self, tmp_path: Path) -> None:
        # An external entity in the body would read a local file into the report: it is not
        # resolved (nor fetched), and a part that declares a DTD is refused.
        secret = tmp_path / "secret.txt"
        secret.write_text("机密内容", encoding="utf-8")
        data = gkmodel.render(_empty(), to="docx", embed_json=False)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        head, rest = xml.split("?>", 1)
        doctype = f'<!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        xml = (
            head
            + "?>"
            + doctype
            + rest.replace("</w:body>", "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>", 1)
        )
        with pytest.raises(ReadError, match="declares a DTD") as refused:
            gkmodel.read(_docx_with({"word/document.xml": xml.encode("utf-8")}, data))
        assert "机密内容" not in str(refused.value)

    def test_embedded_json_changed_and_headings_stripped(self) -> None:
        import re

        report = gkmodel.load(SEED_JSON)
        html = gkmodel.render(report, to="html")
        data = gkmodel.to_data(report)
        data["requests"]["new_received"]["natural_person"] = 999
        start = html.index('id="gkmodel-report">') + len('id="gkmodel-report">')
        end = html.index("</script>", start)
        visible = re.sub(r"<h[1-6][^>]*>.*?</h[1-6]>", "", html[end:], flags=re.S)
        hostile = html[:start] + "\n" + gkmodel.dumps(gkmodel.from_data(data)) + visible
        result = gkmodel.read(hostile)
        assert result.report.requests.new_received.natural_person == 999
        codes = {d.code for d in result.diagnostics}
        assert codes & {"embedded-unchecked", "tables-disagree"}

    def test_embedded_json_changed_with_tables_shown(self) -> None:
        report = gkmodel.load(SEED_JSON)
        html = gkmodel.render(report, to="html")
        data = gkmodel.to_data(report)
        data["requests"]["new_received"]["natural_person"] = 999
        start = html.index('id="gkmodel-report">') + len('id="gkmodel-report">')
        end = html.index("</script>", start)
        hostile = html[:start] + "\n" + gkmodel.dumps(gkmodel.from_data(data)) + html[end:]
        result = gkmodel.read(hostile)
        disagree = [d for d in result.diagnostics if d.code == "tables-disagree"]
        assert [d.path for d in disagree] == ["$.requests.new_received.natural_person"]

    def test_embedded_json_without_visible_tables_is_a_warning(self) -> None:
        html = gkmodel.render(_empty(), to="html")
        start = html.index("<script")
        end = html.index("</script>") + len("</script>")
        only_json = "<html><body>" + html[start:end] + "</body></html>"
        result = gkmodel.read(only_json)
        unchecked = [d for d in result.diagnostics if d.code == "embedded-unchecked"]
        assert len(unchecked) == 1
        assert unchecked[0].message.startswith("warning: the visible tables cannot be found")


class TestRegisters:
    """Registers (台账) that cannot be counted."""

    def test_csv_field_over_the_limit(self, tmp_path: Path) -> None:
        from gkmodel.tally import APPLICATION_COLUMNS

        text = ",".join(APPLICATION_COLUMNS) + "\n" + "1,2024-01-02,自然人,予以公开,2024-01-05\n"
        text += "2," + "x" * (limits.MAX_CSV_FIELD + 1) + ",自然人,予以公开,2024-01-05\n"
        with pytest.raises(TallyError) as info:
            read_applications(text, edition=gkmodel.Edition.E2021)
        [problem] = info.value.problems
        assert problem.path == "<register>, line 3"
        assert "gkmodel.limits.MAX_CSV_FIELD" in problem.message
        path = tmp_path / "register.csv"
        path.write_text(text, encoding="utf-8")
        code, _, err = _cli("build", str(path), "--year", "2024", "--organ", "某局")
        assert code == 2
        assert err.startswith("gkmodel build: 1 record(s) cannot be counted:\n  not a readable CSV")

    @pytest.mark.parametrize(
        "data",
        [
            b"PK\x03\x04" + b"\0" * 40,
            b"",
        ],
    )
    def test_broken_xlsx_from_bytes(self, data: bytes) -> None:
        if not data:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w") as z:
                z.writestr("[Content_Types].xml", b"<not xml")
            data = out.getvalue()
        with pytest.raises(TallyError) as info:
            read_applications(data, edition=gkmodel.Edition.E2021)
        assert "BytesIO" not in str(info.value)
        assert "not a readable XLSX workbook" in str(info.value)


class TestRendering:
    """Every valid report renders in every format."""

    def test_long_organ_name_in_docx_properties(self) -> None:
        import docx

        name = "某" * 300
        data = gkmodel.render(_empty(name), to="docx")
        doc = docx.Document(io.BytesIO(data))
        assert doc.core_properties.author == "某" * 254 + "…"
        assert len(doc.core_properties.title) == 255
        assert gkmodel.read(data).report.meta.organ.name == name


def limits_table() -> str:
    """The table of docs/limits.md, written from the module :mod:`gkmodel.limits`."""
    import ast

    from gkmodel import limits as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    docs = {
        node.targets[0].id: " ".join(after.value.value.split())
        for node, after in zip(tree.body, tree.body[1:], strict=False)
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(after, ast.Expr)
        and isinstance(after.value, ast.Constant)
    }
    rows = ["| Limit | Default | What it bounds |", "| --- | --- | --- |"]
    for name in module.__all__:
        value = getattr(module, name)
        shown = f"{value // 2**20} MB" if name.endswith("_BYTES") else f"{value:,}"
        rows.append(f"| `{name}` | {shown} | {docs[name]} |")
    return "\n".join(rows) + "\n"


def test_limits_page_lists_every_limit() -> None:
    """docs/limits.md shows the limits of gkmodel.limits, each with its default and docstring."""
    from .conftest import ROOT

    page = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    assert limits_table() in page
    assert "| `MAX_JSON_DEPTH` | 64 | Nesting depth of JSON" in page
