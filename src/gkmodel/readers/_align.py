"""Aligning the rows found in a document with the official rows of a table."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence

from gkmodel.readers._common import Candidate
from gkmodel.readers._labels import containment, normalize, numbered_alike

_SKIP_OFFICIAL = 0.35
_SKIP_CANDIDATE = 0.6
_POSITION = 0.25  # the score of a row placed by position alone
LOOSE = 0.6
"""The least score of a loose match: at least this much of the label, in order, in the text."""
EXACT = 0.999
"""The score of a label found as written (a score below it is a loose match or a position)."""
_RENUMBERED = 0.99
"""The score of a label found with its number written in another style (``（3）其他`` for
``3.其他``): below :data:`EXACT`, so it is said, and above any other loose match, so that a row
numbered otherwise never loses its place to an organ's own row of the same words and another
number (``4.其他``)."""


@functools.lru_cache(maxsize=1024)  # official labels: a few hundred in all
def _char_counts(label: str) -> dict[str, int]:
    """How many times each character occurs in ``label``."""
    return dict(Counter(label))


def label_score(text: str, label: str, text_chars: frozenset[str]) -> float:
    """How well ``text`` carries the official ``label``; weak matches count as position only."""
    if not text:
        return _POSITION
    if label in text:
        return 1.0
    if numbered_alike(text, label):
        return _RENUMBERED
    # The label's characters found in the text bound the containment from above, cheaply.
    counts = _char_counts(label)
    bound = sum(map(counts.__getitem__, counts.keys() & text_chars)) / len(label)
    s = bound if bound < LOOSE else containment(label, text)
    return s if s >= LOOSE else _POSITION * s


@functools.lru_cache(maxsize=16384)  # reports repeat the official labels: pairs recur by the report
def _score(text: str, label: str) -> float:
    """:func:`label_score`, remembered across reports."""
    return label_score(text, label, frozenset(text))


def closest(text: str, labels: Sequence[str]) -> tuple[int | None, float]:
    """The index of the label ``text`` carries best (None when several carry it as well),
    and its score.

    A label written loosely is read only as the official label it is closest to, so that
    it never takes the place of another row's.

    >>> closest("2.其他法律行政止公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开"])
    (1, 0.7857142857142857)
    >>> closest("3.其他", ["1.其他", "2.其他"])
    (None, 0.75)
    """
    scores = [_score(text, normalize(label)) for label in labels]
    best = max(scores, default=0.0)
    found = [k for k, s in enumerate(scores) if s == best]
    return (found[0] if len(found) == 1 else None), best


def align(cands: Sequence[Candidate], labels: Sequence[str]) -> list[tuple[int, int, float]]:
    """Monotone alignment of candidate rows to official labels: (candidate, official, score)."""
    n, m = len(cands), len(labels)
    norm = [normalize(x) for x in labels]

    texts = [c.label for c in cands]

    def score(i: int, j: int) -> float:
        return _score(texts[i], norm[j])

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):  # the first row: official rows skipped
        best[0][j], move[0][j] = best[0][j - 1] - _SKIP_OFFICIAL, 1
    for i in range(1, n + 1):
        row, above, moves = best[i], best[i - 1], move[i]
        row[0], moves[0] = above[0] - _SKIP_CANDIDATE, 2
        for j in range(1, m + 1):
            # the best of the three moves; on a tie the later (as max over (value, move))
            value, step = row[j - 1] - _SKIP_OFFICIAL, 1
            v = above[j] - _SKIP_CANDIDATE
            if v >= value:
                value, step = v, 2
            v = above[j - 1] + score(i - 1, j - 1)
            if v >= value:
                value, step = v, 3
            row[j], moves[j] = value, step
    out = []
    i, j = n, m
    while i > 0 or j > 0:
        step = move[i][j]
        if step == 3:
            out.append((i - 1, j - 1, score(i - 1, j - 1)))
            i, j = i - 1, j - 1
        elif step == 1:
            j -= 1
        else:
            i -= 1
    return out[::-1]
