"""Matching labels the way people actually write them.

Before comparing, text is normalised: full- and half-width brackets, commas,
colons and quotes are made one form, whitespace (including U+3000 and line
breaks) is removed, and ``1、`` / ``1．`` after a sub-item number become ``1.``.
Known variants are mapped to the official wording: older wording
(``规范性文件`` for ``行政规范性文件``) and typos seen in published reports
(``行政止公开``, ``行政法复议``).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from gkmodel._labels import normalize as normal_form

__all__ = ["TYPOS", "containment", "normalize"]

TYPOS: dict[str, str] = {
    # seen in published reports (洪泽区 2023/2024): 2.其他法律行政法规禁止公开
    "其他法律行政止公开": "其他法律行政法规禁止公开",
    "行政法复议": "行政复议",
}


def normalize(text: str) -> str:
    """``text`` in the one form labels are compared in (:func:`gkmodel._labels.normalize`),
    known typos mended.

    >>> normalize("1、申请人 无正当理由")
    '1.申请人无正当理由'
    """
    text = normal_form(text)
    for wrong, right in TYPOS.items():
        text = text.replace(wrong, right)
    return text


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
