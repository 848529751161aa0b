"""Comparing labels the way people write them: one normal form for the readers and for tally.

Before comparing, text is normalised: full- and half-width brackets, commas,
colons, quotes and digits are made one form, whitespace (including U+3000 and line
breaks) is removed, and ``1、`` / ``1．`` after a sub-item number become ``1.``.
"""

from __future__ import annotations

import functools
import re

__all__ = ["normalize"]

_TRANSLATE = str.maketrans(
    {
        "(": "（",
        ")": "）",
        ",": "，",
        ":": "：",
        ";": "；",
        '"': "“",
        "＂": "“",
        "「": "“",
        "」": "”",
        "〔": "（",
        "〕": "）",
        "［": "（",
        "］": "）",
        "．": ".",
        **{chr(0xFF10 + d): str(d) for d in range(10)},  # full-width digits: ３.其他 is 3.其他
    }
)
_SPACE = re.compile(r"[\s\u3000\u00a0]+")
_ITEM = re.compile(r"(?<![\d.])(\d{1,2})[、.．](?=\D)")
_QUOTES = re.compile(r"“([^“”]*)“")


@functools.lru_cache(maxsize=8192)  # the readers normalise the same labels and cells many times
def normalize(text: str) -> str:
    """``text`` in the one form labels are compared in.

    >>> normalize("（二）部分公开(区分处理的, 只计这一情形，不计其他情形 )")
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'
    >>> normalize("1、申请人 无正当理由")
    '1.申请人无正当理由'
    >>> normalize('3.危及"三安全一稳定"')
    '3.危及“三安全一稳定”'
    """
    text = _SPACE.sub("", text.translate(_TRANSLATE))
    text = _ITEM.sub(r"\1.", text)
    return _QUOTES.sub(r"“\1”", text)
