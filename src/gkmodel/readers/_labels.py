"""Matching labels the way people actually write them.

Before comparing, text is normalised (:func:`gkmodel._labels.normalize`): full- and
half-width brackets, commas, colons and quotes are made one form, whitespace (including
U+3000 and line breaks) is removed, and ``1、`` / ``1．`` after a sub-item number become
``1.``.  Nothing else is mended: a label written otherwise (a typo, another wording) is
matched by :func:`containment` and reported by the reader as a loose match.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from gkmodel._labels import normalize

__all__ = ["containment", "normalize"]


def containment(label: str, text: str) -> float:
    """How much of ``label`` appears, in order, in ``text`` (0 to 1); both normalised.

    >>> containment("1.属于国家秘密", "三、本年度办理结果（三）不予公开1.属于国家秘密")
    1.0
    >>> round(containment("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"), 2)
    0.79
    """
    if not label or not text:
        return 0.0
    blocks = SequenceMatcher(None, label, text, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(label)
