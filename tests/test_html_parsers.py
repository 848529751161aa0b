"""lxml's tree and the standard library's parser give a page the same items.

HTML is read by walking the tree lxml builds when lxml is installed, and by
:class:`html.parser.HTMLParser` otherwise; the two must agree item for item,
geometry included, on every HTML page of the corpus and on rendered pages as
real sites serve them (every page transformation).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.readers._html import html_items
from gkmodel.readers._items import Item, Line, Row
from gkmodel.renderers.html import JSON_SCRIPT_ID
from gkmodel.testing import PAGE_TRANSFORMS, publishable_reports

from .conftest import CORPUS, EXAMPLES

pytest.importorskip("lxml")

HUAIAN = gkmodel.load(EXAMPLES / "data" / "huaian_2024.json")


def _full(items: list[Item]) -> list[object]:
    """Items with the geometry their equality leaves out."""
    return [(i, i.extents, i.copies) if isinstance(i, Row) else i for i in items]


def _both(html: str) -> tuple[tuple[list[object], str | None], tuple[list[object], str | None]]:
    fast, fast_json = html_items(html, json_id=JSON_SCRIPT_ID)
    std, std_json = html_items(html, json_id=JSON_SCRIPT_ID, standard=True)
    return (_full(fast), fast_json), (_full(std), std_json)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.html")), ids=lambda p: p.name)
def test_corpus(path: object) -> None:
    html = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    fast, std = _both(html)
    assert fast == std
    assert len(fast[0]) > 50  # a whole report, not an empty walk


def test_corpus_tables_and_text() -> None:
    """The saved page's tables come out as rows, its site chrome as lines, its <title> not."""
    items, _ = html_items((CORPUS / "2023_shuyang-fgj_1.html").read_text("utf-8"), json_id="x")
    rows = [i for i in items if isinstance(i, Row)]
    assert {r.table for r in rows} == {1, 2, 3, 4}
    assert items[0].text.startswith("# source: ")  # the corpus line, before <!doctype>
    assert items[1] == Line("标题：沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局")


def test_embedded_json_both_ways() -> None:
    page = gkmodel.render(HUAIAN, to="html")
    assert isinstance(page, str)
    fast, std = _both(page)
    assert fast == std
    assert fast[1] is not None and gkmodel.loads(fast[1]) == HUAIAN


@pytest.mark.parametrize(
    "html",
    [
        "<p>a<!-- note -->b<span> </span>c</p><p>d</p>",  # a comment's tail is text
        "前言<P ALIGN=center>一、总体情况</P><?php x ?>尾",
        "<table><tr><td>a<p>b</p>c<td colspan=2>d</table><div>e</div>",
        "<table><tr><td><table><tr><td>1</td></tr></table>x<p>y</p></td></tr></table>",
        "<html><head><title>题</title><style>p{}</style></head><body><p>文</p></body></html>",
        "<div>x<script>var a = '<p>';</script>y</div>",
        "<p>31<span style='display:none;mso-hide:all'>9<b>8</b></span>19</p><p>a<span hidden>b</p>",
        "<table><tr><td>3119<font color=white>1</font></td><td>2<span class=hidden>3</span></td></tr></table>",
    ],
)
def test_small_pages(html: str) -> None:
    fast, std = _both(html)
    assert fast == std


@pytest.mark.parametrize("name", sorted(PAGE_TRANSFORMS))
def test_each_transformation(name: str) -> None:
    page = gkmodel.render(HUAIAN, to="html")
    assert isinstance(page, str)
    fast, std = _both(PAGE_TRANSFORMS[name](page, random.Random(3)))
    assert fast == std


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    report=publishable_reports(),
    name=st.sampled_from(sorted(PAGE_TRANSFORMS)),
    seed=st.integers(0, 2**16),
)
def test_transformed_pages(report: gkmodel.AnnualReport, name: str, seed: int) -> None:
    page = gkmodel.render(report, to="html")
    assert isinstance(page, str)
    fast, std = _both(PAGE_TRANSFORMS[name](page, random.Random(seed)))
    assert fast == std
