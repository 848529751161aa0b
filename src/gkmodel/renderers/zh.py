"""Chinese formatting on babel: numbers, dates, lists and the numerals of headings.

>>> format_number(3119)
'3,119'
>>> format_number(Decimal("185.5897"))
'185.5897'
>>> format_date_zh(dt.date(2020, 12, 31))
'2020年12月31日'
>>> format_list_zh(["T3-REC", "T3-TOT", "T4-REV"])
'T3-REC、T3-TOT和T4-REV'
>>> [numeral(n) for n in (1, 10, 11, 20, 21)]
['一', '十', '十一', '二十', '二十一']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

__all__ = ["LOCALE", "format_date_zh", "format_list_zh", "format_number", "numeral"]

LOCALE = "zh_CN"
_DIGITS = "零一二三四五六七八九"


def format_number(value: int | Decimal, *, locale: str = LOCALE) -> str:
    """A number for prose, grouped the zh-CN way, every given decimal kept (trailing zeros too).

    >>> format_number(Decimal("0.0230")), format_number(Decimal("96171.6")), format_number(3940)
    ('0.0230', '96,171.6', '3,940')
    """
    exponent = value.as_tuple().exponent if isinstance(value, Decimal) else 0
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(value, format=pattern, locale=locale, decimal_quantization=False)


def format_date_zh(value: dt.date, *, locale: str = LOCALE) -> str:
    """A date the way reports sign it: ``2020年12月31日``."""
    return format_date(value, "long", locale=locale)


def format_list_zh(items: Sequence[str], *, locale: str = LOCALE) -> str:
    """A list joined the zh-CN way (``甲、乙和丙``)."""
    return format_list(list(items), locale=locale)


def numeral(n: int) -> str:
    """The Chinese numeral of 1–99, as headings number sections (一、 … （十一）)."""
    if not 1 <= n <= 99:
        raise ValueError(f"numeral: {n} is not in 1–99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")
