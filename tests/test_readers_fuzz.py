"""Readers never fail on hostile input with anything but the documented error, nor hang."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.limits import MAX_DOCUMENT_BYTES
from gkmodel.readers import ReadError, read

from .conftest import CORPUS, EXAMPLES

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.name != "INDEX.md")


def _read_or_error(data: bytes | str) -> None:
    try:
        result = read(data)
    except gkmodel.GkmodelError:
        return
    assert isinstance(result.report, (gkmodel.AnnualReport2019, gkmodel.AnnualReport2021))


class TestFuzz:
    """Arbitrary and truncated input."""

    @settings(max_examples=200)
    @given(st.binary(max_size=2000))
    def test_arbitrary_bytes(self, data: bytes) -> None:
        _read_or_error(data)

    @settings(max_examples=150)
    @given(
        st.text(
            alphabet="一二三四五六七、（）总体情况主动公开收到和处理申请行政复议诉讼0123456789 |\t\n-<>/tdr",
            max_size=600,
        )
    )
    def test_report_like_text(self, text: str) -> None:
        _read_or_error(text.encode())

    @settings(max_examples=80)
    @given(st.sampled_from(CORPUS_FILES), st.floats(0, 1))
    def test_truncated_corpus(self, path: object, fraction: float) -> None:
        data = path.read_bytes()  # type: ignore[attr-defined]
        _read_or_error(data[: int(len(data) * fraction)])

    @settings(max_examples=30)
    @given(st.sampled_from(["html", "docx"]), st.floats(0, 0.99))
    def test_truncated_own_output(self, fmt: str, fraction: float) -> None:
        out = gkmodel.render(gkmodel.load(EXAMPLES / "data" / "huaian_2024.json"), to=fmt)  # type: ignore[call-overload]
        data = out if isinstance(out, bytes) else out.encode()
        _read_or_error(data[: int(len(data) * fraction)])


class TestHostile:
    """Deeply nested HTML, huge spans, huge files."""

    def test_deeply_nested_html(self) -> None:
        html = (
            "<html><body>"
            + "<div><span>" * 50_000
            + "二、主动公开政府信息情况"
            + "</span></div>" * 50_000
        )
        start = time.perf_counter()
        with pytest.raises(ReadError):
            read(html.encode())
        assert time.perf_counter() - start < 30  # a generous bound against a hang, not a benchmark

    def test_huge_spans(self) -> None:
        html = '<table><tr><td rowspan="999999999" colspan="999999999">x</td></tr></table>'
        with pytest.raises(ReadError):
            read(html.encode())

    def test_too_large(self) -> None:
        with pytest.raises(ReadError, match="larger than"):
            read(b" " * (MAX_DOCUMENT_BYTES + 1))
