"""Digits that an extractor ran together, split by a row's own arithmetic, in polynomial time.

A row of table 三 is six applicant counts and their 总计.  When an extractor
glues cells together (``2 00000 2`` for ``2 0 0 0 0 0 2``), the digits are cut
back into cells only where exactly one cut gives a row whose 总计 equals the
sum of its six columns.

The search is a dynamic programme over (digit position, cells used, sum still
to reach) that counts solutions and stops counting at two: each state is
solved once, a number never has a leading zero, a cut never joins two tokens
the source kept apart, and a state whose remaining digits cannot make the
remaining sum (too many digits for the numbers left, or too few) is dropped at
once.  The digits of a row are bounded by :data:`gkmodel.limits.MAX_SPLIT_DIGITS`
and the states one total may visit by :data:`gkmodel.limits.MAX_SPLIT_STATES`;
past either the row is not split (its cells are then reported unreadable).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from gkmodel import limits

__all__ = ["split_by_total"]


def split_by_total(tokens: Sequence[str], width: int) -> tuple[int, ...] | None:
    """The one way to cut ``tokens`` into ``width`` numbers whose last is the sum of the others.

    None when there is no such way, more than one, more digits than
    :data:`gkmodel.limits.MAX_SPLIT_DIGITS`, or a search beyond
    :data:`gkmodel.limits.MAX_SPLIT_STATES` states.

    >>> split_by_total(["2", "00000", "2"], 7)
    (2, 0, 0, 0, 0, 0, 2)
    >>> split_by_total(["23", "0000", "23"], 7) is None  # 2 3 0 0 0 0 and 23 0 0 0 0 …
    True
    """
    digits = "".join(tokens)
    if (
        width < 2
        or width > 10
        or not digits.isdigit()
        or not digits.isascii()
        or len(digits) > limits.MAX_SPLIT_DIGITS
        or any(not t for t in tokens)
    ):
        return None
    # Cuts are free inside a token and forced between tokens.
    ends = set()
    pos = 0
    for t in tokens:
        pos += len(t)
        ends.add(pos)
    last_start = len(digits) - len(tokens[-1])
    found: list[tuple[int, ...]] = []
    budget = [limits.MAX_SPLIT_STATES]
    for start in range(last_start, len(digits)):
        total_text = digits[start:]
        if len(total_text) > 1 and total_text[0] == "0":
            continue
        try:
            count, parts = _parts(digits[:start], ends, width - 1, int(total_text), budget)
        except _TooMuchError:
            return None
        if count:
            found += [(*parts, int(total_text))] * count
        if len(found) > 1:
            return None
    return found[0] if found else None


class _TooMuchError(Exception):
    """The search would visit more than :data:`gkmodel.limits.MAX_SPLIT_STATES` states."""


def _parts(
    digits: str, ends: set[int], count: int, total: int, budget: list[int]
) -> tuple[int, tuple[int, ...]]:
    """(solutions, capped at 2; the solution when there is one) for cutting ``digits`` into
    ``count`` numbers summing to ``total``, cuts free inside tokens and forced at ``ends``."""
    n = len(digits)
    max_len = len(str(total))

    def pieces(pos: int, rest: int) -> list[tuple[int, int]]:
        out = []
        for end in range(pos + 1, min(n, pos + max_len) + 1):
            if end - pos > 1 and digits[pos] == "0":
                break
            value = int(digits[pos:end])
            if value > rest:
                break
            out.append((end, value))
            if end in ends:
                break  # a token boundary: a number never runs past it
        return out

    @cache
    def ways(pos: int, left: int, rest: int) -> int:
        if left == 0:
            return 1 if pos == n and rest == 0 else 0
        remaining = n - pos
        size = len(str(rest))
        # Each number is at most ``rest``, so at most ``size`` digits; fewer than ten
        # numbers reach ``rest`` only if one of them has at least ``size - 1`` digits.
        if remaining < left or remaining > left * size or remaining < size - 1 + left - 1:
            return 0
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooMuchError
        found = 0
        for end, value in pieces(pos, rest):
            found += ways(end, left - 1, rest - value)
            if found >= 2:
                return 2
        return found

    solutions = ways(0, count, total)
    if solutions != 1:
        return solutions, ()
    out: list[int] = []
    pos, left, rest = 0, count, total
    while left:
        end, value = next((e, v) for e, v in pieces(pos, rest) if ways(e, left - 1, rest - v))
        out.append(value)
        pos, left, rest = end, left - 1, rest - value
    return 1, tuple(out)
