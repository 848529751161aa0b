"""Fuzzing every entry point: any input gives a result or one documented gkmodel error.

Inputs are the bundled corpus, rendered reports and registers, mutated by
hypothesis with the attack classes of issue #13 as seeds (deep nesting, lone
surrogates and control characters, duplicate keys, other digits, non-ISO
dates, zip containers, huge fields).  The suite keeps its example counts
small so that ``make test`` stays fast; ``make fuzz`` runs it with many more
(``GKMODEL_FUZZ_EXAMPLES``).  Nothing is timed: an input that used to blow up
is kept small enough to end at once when handled.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.cli import main
from gkmodel.errors import GkmodelError
from gkmodel.tally import read_applications, read_cases
from gkmodel.testing import reports

from .conftest import CORPUS, EXAMPLES, SEED_JSON

EXAMPLES_PER_TEST = int(os.environ.get("GKMODEL_FUZZ_EXAMPLES", "25"))
"""Examples per fuzz test: few in the suite, many in ``make fuzz``."""

FUZZ = settings(
    max_examples=EXAMPLES_PER_TEST,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES_PER_TEST <= 25,  # the suite is reproducible; make fuzz explores
)

ATTACKS: tuple[bytes, ...] = (
    b"[" * 200_000,
    b'{"a":' * 50_000,
    b"\\udc80",
    '"\udc80"'.encode("utf-8", "surrogatepass"),
    b"\x00\x01\x1b[31m\x7f",
    "\u200b\ufeff".encode(),
    "１２３.５٣٤".encode(),
    b'"20240101" "2024-W01-1"',
    b'"year": 1, "year": 2',
    b"PK\x03\x04",
    b"<!DOCTYPE x [<!ENTITY a SYSTEM 'file:///etc/passwd'>]><x>&a;</x>",
    b'<script type="application/json" id="gkmodel-report">[[[[</script>',
    b"<table><tr><td>1</td><td>2</td></tr></table>",
    "一、总体情况\n二、主动公开政府信息情况\n".encode(),
    b"\xff\xfe\x00\x00",
    b"x" * 5000,
)
"""Fragments of the hostile inputs of issue #13, spliced into good documents."""


def _seed_documents() -> list[bytes]:
    report = gkmodel.load(SEED_JSON)
    docs = [p.read_bytes() for p in sorted(CORPUS.iterdir()) if p.suffix in (".txt", ".html")]
    docs += [
        SEED_JSON.read_bytes(),
        gkmodel.render(report, to="html").encode(),
        gkmodel.render(report, to="md").encode(),
    ]
    return docs


SEEDS = _seed_documents()
DOCX = gkmodel.render(gkmodel.load(SEED_JSON), to="docx")


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with a few spliced attacks, random bytes, cuts and duplications."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["attack", "bytes", "cut", "repeat"]))
        if kind == "attack":
            data[at:at] = draw(st.sampled_from(ATTACKS))
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
    return bytes(data)


def _ends_well(call: object, *args: object, **kwargs: object) -> object:
    """The result of ``call``, or None when it raised a documented gkmodel error."""
    try:
        return call(*args, **kwargs)  # type: ignore[operator]
    except GkmodelError:
        return None


@FUZZ
@given(mutated(SEEDS))
def test_read_any_bytes(data: bytes) -> None:
    """``read`` of any bytes: a result with a report, or a ReadError/LoadError."""
    result = _ends_well(gkmodel.read, data)
    if result is not None:
        assert isinstance(result, gkmodel.ReadResult)
        assert isinstance(result.report, gkmodel.AnnualReport)  # type: ignore[arg-type]


@FUZZ
@given(mutated(SEEDS), st.sampled_from(["json", "html", "text", "docx"]))
def test_read_as_each_format(data: bytes, fmt: str) -> None:
    """``read`` with a format forced, including a mismatched one."""
    _ends_well(gkmodel.read, data, format=fmt)


@FUZZ
@given(mutated(SEEDS))
def test_read_text(data: bytes) -> None:
    """``read`` of a str: decoded text as a document, never a path it is not."""
    _ends_well(gkmodel.read, data.decode("utf-8", errors="surrogateescape"))


@st.composite
def mutated_docx(draw: st.DrawFn) -> bytes:
    """The seed's DOCX with its document or embedded JSON part mutated, or the zip itself."""
    from gkmodel.renderers.docx import JSON_PART

    with zipfile.ZipFile(io.BytesIO(DOCX)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    target = draw(st.sampled_from(["word/document.xml", JSON_PART.lstrip("/"), "zip"]))
    if target == "zip":
        return draw(mutated([DOCX]))
    parts[target] = draw(mutated([parts[target]]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


@FUZZ
@given(mutated_docx())
def test_read_docx(data: bytes) -> None:
    """``read`` of a broken or altered DOCX."""
    _ends_well(gkmodel.read, data)


@FUZZ
@given(mutated([SEED_JSON.read_bytes(), (EXAMPLES / "data" / "huaian_2024.json").read_bytes()]))
def test_loads(data: bytes) -> None:
    """``loads`` of bytes and of text: a report or a LoadError, the same with and without orjson."""
    from unittest import mock

    from gkmodel.io import json as gk_json

    outcomes = []
    for text in (data, data.decode("utf-8", errors="replace")):
        for quick in (True, False):
            parser = gk_json._quick_parser() if quick else None
            with mock.patch.object(gk_json, "_quick_parser", lambda p=parser: p):
                try:
                    outcomes.append(gkmodel.loads(text))
                except gkmodel.LoadError as exc:
                    outcomes.append(exc.problems)  # type: ignore[arg-type]
        assert outcomes[-1] == outcomes[-2]


@FUZZ
@given(mutated([SEED_JSON.read_bytes()]))
def test_load_file(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    """``load`` of a file."""
    path = tmp_path_factory.mktemp("load") / "report.json"
    path.write_bytes(data)
    _ends_well(gkmodel.load, path)


_JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(alphabet="1２٣.-Wx\u200b\udc80\x00 "),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


def _paths(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(data, dict):
        return [path, *(p for k, v in data.items() for p in _paths(v, (*path, k)))]
    if isinstance(data, list):
        return [path, *(p for i, v in enumerate(data) for p in _paths(v, (*path, i)))]
    return [path]


_SEED_DATA = json.loads(SEED_JSON.read_text("utf-8"))


@FUZZ
@given(st.data())
def test_from_data(data: st.DataObject) -> None:
    """``from_data`` of a report with one value replaced by anything JSON can hold."""
    import copy

    base = copy.deepcopy(_SEED_DATA)
    path = data.draw(st.sampled_from(_paths(base)[1:]))
    target = base
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = data.draw(_JSON_VALUES)
    report = _ends_well(gkmodel.from_data, base)
    if report is not None:  # whatever loads, renders and checks
        for fmt in ("text", "md", "html"):
            assert gkmodel.render(report, to=fmt)  # type: ignore[call-overload]
        gkmodel.check(report)  # type: ignore[arg-type]


@settings(FUZZ, max_examples=max(5, EXAMPLES_PER_TEST // 3))
@given(reports())
def test_every_report_renders_in_every_format(report: gkmodel.AnnualReport) -> None:
    """Every valid report renders in every format, and reads back from DOCX and HTML."""
    for fmt in ("text", "md", "html"):
        assert isinstance(gkmodel.render(report, to=fmt), str)  # type: ignore[call-overload]
    data = gkmodel.render(report, to="docx")
    assert gkmodel.read(data).report == report
    assert gkmodel.read(gkmodel.render(report, to="html")).report == report
    gkmodel.check(report)


_REGISTER = (EXAMPLES / "register_template.csv").read_bytes()
_CASES = (EXAMPLES / "cases_template.csv").read_bytes()
_XLSX = (EXAMPLES / "register_template.xlsx").read_bytes()


@FUZZ
@given(mutated([_REGISTER, _CASES, _XLSX]), st.sampled_from(["applications", "cases"]))
def test_registers(data: bytes, kind: str) -> None:
    """``read_applications`` and ``read_cases`` of any bytes: records or a TallyError."""
    if kind == "applications":
        _ends_well(read_applications, data, edition=gkmodel.Edition.E2021)
    else:
        _ends_well(read_cases, data)


_COMMANDS = (
    ("read", "{file}"),
    ("check", "{file}"),
    ("cells", "{file}"),
    ("render", "{file}", "--to", "html"),
    ("render", "{file}", "--to", "docx", "-o", "{out}.docx"),
    ("build", "{file}", "--year", "2024", "--organ", "某局"),
    ("audit", "{file}", "-o", "{out}"),
)


@FUZZ
@given(mutated([*SEEDS, _REGISTER]), st.sampled_from(_COMMANDS))
def test_cli(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, command: tuple[str, ...]
) -> None:
    """Every command on any file: exit 0, 1, 2 or 3 (read in part), never a traceback."""
    folder = tmp_path_factory.mktemp("cli")
    file = folder / "input"
    file.write_bytes(data)
    argv = [a.format(file=file, out=folder / "out") for a in command]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(argv, stdout=io.StringIO())
    assert code in (0, 1, 2, 3)
    assert "Traceback" not in err.getvalue()
    if code == 2 and command[0] != "audit":
        assert err.getvalue().startswith(f"gkmodel {command[0]}: ")


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "/", "missing.json", "reprot.html"])
@pytest.mark.parametrize("command", ["read", "check", "cells", "render"])
def test_cli_unreadable_inputs(command: str, special: str) -> None:
    """Unreadable inputs: exit 2 with one line."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main([command, special], stdout=io.StringIO())
    assert code == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"gkmodel {command}: {special}: ")


def test_seeds_are_real_documents() -> None:
    """The fuzz seeds are readable reports (else mutating them tests nothing)."""
    readable = [_ends_well(gkmodel.read, s) for s in SEEDS]
    assert sum(r is not None for r in readable) >= len(SEEDS) - 2
    assert gkmodel.read(DOCX).format == "docx"
    assert Path(EXAMPLES / "register_template.csv").exists()
