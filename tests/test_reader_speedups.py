"""The readers' fast paths against plain reference versions of the same steps.

Each reference is the straightforward form the fast path replaced; they must
agree on every input, so that making reading faster never changes what is read.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gkmodel.readers._align import align, label_score
from gkmodel.readers._common import Candidate
from gkmodel.readers._headings import _squeeze
from gkmodel.readers._items import _cut
from gkmodel.readers._labels import normalize
from gkmodel.renderers.text import display_width

TEXT = st.text(alphabet="ab 1.中文（）“—\u3000\u00a0\t*", max_size=40)


def _cut_reference(line: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    cells = [""] * len(spans)
    col = 0
    for ch in line:
        for i, (start, end) in enumerate(spans):
            if start <= col < end + 2:
                cells[i] += ch
                break
        col += display_width(ch)
    return tuple(c.strip(" ") for c in cells)


@st.composite
def _rule_spans(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Runs of dashes two spaces apart, as a text table's rule has them."""
    pos = draw(st.integers(0, 3))
    spans = []
    for width in draw(st.lists(st.integers(1, 8), min_size=1, max_size=6)):
        spans.append((pos, pos + width))
        pos += width + 2
    return spans


@settings(max_examples=300)
@given(line=TEXT, spans=_rule_spans())
def test_cut(line: str, spans: list[tuple[int, int]]) -> None:
    assert _cut(line, spans) == _cut_reference(line, spans)


@settings(max_examples=300)
@given(text=TEXT)
def test_squeeze(text: str) -> None:
    squeezed, index = _squeeze(text)
    translated = text.translate(
        str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "．": "."})
    )
    kept = [
        i for i, ch in enumerate(translated) if not re.match(r"[\s\u3000\u00a0]", ch) and ch != "*"
    ]
    assert list(index) == kept
    assert squeezed == "".join(translated[i] for i in kept)


def _align_reference(scores: list[list[float]]) -> list[tuple[int, int]]:
    """The alignment's table filled by ``max`` over (value, move) options."""
    n, m = len(scores), len(scores[0]) if scores else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            options = []
            if j > 0:
                options.append((best[i][j - 1] - 0.35, 1))
            if i > 0:
                options.append((best[i - 1][j] - 0.6, 2))
            if i > 0 and j > 0:
                options.append((best[i - 1][j - 1] + scores[i - 1][j - 1], 3))
            best[i][j], move[i][j] = max(options)
    out = []
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == 3:
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == 1:
            j -= 1
        else:
            i -= 1
    return out[::-1]


LABELS = [
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "（三）不予公开",
    "",
]


@settings(max_examples=300)
@given(
    texts=st.lists(st.sampled_from([*LABELS, "1.属于国家", "其他", "危及三安全"]), max_size=7),
    labels=st.lists(st.sampled_from(LABELS[:-1]), min_size=1, max_size=6),
)
def test_align(texts: list[str], labels: list[str]) -> None:
    """Ties included (repeated labels and texts): the same moves as ``max`` would pick."""
    cands = [Candidate(label=t, values=(), raw=t) for t in texts]
    got = align(cands, labels)
    scores = [[label_score(t, normalize(lab), frozenset(t)) for lab in labels] for t in texts]
    assert [(i, j) for i, j, _ in got] == _align_reference(scores)
