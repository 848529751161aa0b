"""Numbers as narratives write them: ``70``, ``3,119``, ``0.5``, ``七十``, ``两``, ``一千零五``.

>>> parse_number("七十"), parse_number("两"), parse_number("一千零五"), parse_number("3,119")
(70, 2, 1005, 3119)
>>> parse_number("185.5897")
Decimal('185.5897')
>>> parse_number("十二万三千"), parse_number("三十几") is None
(123000, True)
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["CHINESE_DIGITS", "NUMBER_PATTERN", "parse_number"]

CHINESE_DIGITS = "零〇一二两三四五六七八九"
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 3119, 3,119, 0.5
    rf"|[{CHINESE_DIGITS}十百千万亿]+"  # 七十, 两, 一千零五
)
"""A regular expression of one number as written (ASCII digits or Chinese numerals)."""

_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CHINESE = re.compile(rf"[{CHINESE_DIGITS}十百千万亿]+")


def _section(text: str) -> int | None:
    """A number below 10,000 in Chinese numerals (``三千一百一十九``)."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in _DIGIT:
            if digit is not None and digit != 0:
                return None  # two digits in a row (三四) is a range, not a number
            digit = _DIGIT[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit is not None:
        total += digit
    return total


def _chinese(text: str) -> int | None:
    total = 0
    rest = text
    for ch, unit in sorted(_BIG_UNITS.items(), key=lambda kv: -kv[1]):
        if ch in rest:
            head, _, rest = rest.partition(ch)
            value = _section(head) if head else None
            if value is None:
                return None
            total += value * unit
    if rest:
        value = _section(rest)
        if value is None:
            return None
        total += value
    return total


def parse_number(text: str) -> int | Decimal | None:
    """The value of a number written in ASCII digits or Chinese numerals; None if it is none.

    Integers come back as ``int``, numbers with a decimal point as ``Decimal``
    (never a float).  Approximations such as ``三十几`` or ``5500余`` are not
    numbers here: the caller sees None (or a number it must not take as exact).
    """
    text = text.strip()
    if _ARABIC.fullmatch(text):
        plain = text.replace(",", "")
        return Decimal(plain) if "." in plain else int(plain)
    if _CHINESE.fullmatch(text):
        return _chinese(text)
    return None
