"""Matching labels the way people actually write them.

Before comparing, text is normalised (:func:`gkmodel._labels.normalize`): full- and
half-width brackets, commas, colons and quotes are made one form, whitespace (including
U+3000 and line breaks) is removed, and ``1、`` / ``1．`` after a sub-item number become
``1.``.  Nothing else is mended: a label written otherwise (a typo, another wording) is
matched by :func:`containment` and reported by the reader as a loose match.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from gkmodel._labels import normalize

__all__ = ["containment", "normalize", "numbered_alike", "without_numbering"]

_NUMBER = r"(?:\d+[.、．]|（[\d一二三四五六七八九十]+）|[一二三四五六七八九十]+、|[①-⑳])"
_NUMBERING = re.compile(f"^{_NUMBER}")
_NUMBERING_AT_END = re.compile(f"{_NUMBER}$")
_CHINESE = "一二三四五六七八九十"


def without_numbering(label: str) -> str:
    """A label without its numbering (``2.重复申请``, ``（2）重复申请``, ``重复申请`` alike)."""
    return _NUMBERING.sub("", label, count=1)


def _number(numbering: str) -> int | None:
    """The number a row's numbering says (``3.``, ``（3）``, ``（三）``, ``三、``, ``③``: 3)."""
    digits = numbering.strip("（）.、．")
    if digits.isdigit() and digits.isascii():
        return int(digits)
    if len(digits) == 1 and digits in _CHINESE:
        return _CHINESE.index(digits) + 1
    if len(digits) == 1 and "①" <= digits <= "⑳":
        return ord(digits) - ord("①") + 1
    return None


def numbered_alike(text: str, label: str) -> bool:
    """Whether ``text`` ends with ``label``'s words after a numbering of the same number, in
    another style (``（3）其他``, ``③其他`` for ``3.其他``); both normalised.

    >>> numbered_alike("（六）其他处理（3）其他", "3.其他"), numbered_alike("4.其他", "3.其他")
    (True, False)
    """
    numbering = _NUMBERING.match(label)
    core = label[numbering.end() :] if numbering else ""
    if numbering is None or not core or not text.endswith(core):
        return False
    before = _NUMBERING_AT_END.search(text[: len(text) - len(core)])
    number = _number(numbering.group(0))
    return before is not None and number is not None and _number(before.group(0)) == number


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
