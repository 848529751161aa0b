"""Digits run together are split by the row's arithmetic, only when one split holds, fast."""

from __future__ import annotations

import itertools

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel.readers import read
from gkmodel.readers._split import split_by_total

from .conftest import CORPUS


def _brute(tokens: list[str], width: int) -> set[tuple[int, ...]]:
    """Every split, by plain enumeration (the definition the fast search is held to)."""

    def cuts(d: str) -> list[tuple[int, ...]]:
        if not d:
            return [()]
        out: list[tuple[int, ...]] = []
        for k in range(1, len(d) + 1):
            head = d[:k]
            if len(head) > 1 and head[0] == "0":
                break
            out += [(int(head), *rest) for rest in cuts(d[k:])]
        return out

    found = set()
    for combo in itertools.product(*[cuts(t) for t in tokens]):
        flat = tuple(n for part in combo for n in part)
        if len(flat) == width and sum(flat[:-1]) == flat[-1]:
            found.add(flat)
    return found


@st.composite
def _glued(draw: st.DrawFn) -> list[str]:
    nums = draw(st.lists(st.sampled_from([0, 0, 1, 2, 5, 12, 30, 105]), min_size=6, max_size=6))
    cells = [str(n) for n in (*nums, sum(nums))]
    tokens = [cells[0]]
    for cell, glue in zip(
        cells[1:], draw(st.lists(st.booleans(), min_size=6, max_size=6)), strict=True
    ):
        if glue:
            tokens[-1] += cell
        else:
            tokens.append(cell)
    return tokens


class TestSplit:
    def test_examples(self) -> None:
        assert split_by_total(["2", "00000", "2"], 7) == (2, 0, 0, 0, 0, 0, 2)
        assert split_by_total(["01055", "2", "012124"], 7) == (0, 105, 5, 2, 0, 12, 124)
        assert split_by_total(["23", "0000", "23"], 7) is None  # 2 3 0 0 0 0 23 or 23 0 … 0 23?
        assert split_by_total(["1", "2", "3"], 7) is None

    @settings(max_examples=150)
    @given(_glued())
    def test_same_as_enumeration(self, tokens: list[str]) -> None:
        assume(len("".join(tokens)) <= 18)  # the enumeration is exponential
        found = _brute(tokens, 7)
        expected = next(iter(found)) if len(found) == 1 else None
        assert split_by_total(tokens, 7) == expected

    def test_long_runs_end_unsplit(self) -> None:
        # Issue 13 item 1: once exponential; now bounded by the limits (work, not a timer).
        assert split_by_total(["1" * 24], 7) is None
        assert split_by_total(["1" * 201], 7) is None  # beyond MAX_SPLIT_DIGITS
        assert split_by_total(["9" * 120], 7) is None

    def test_corpus_row_of_24_digits(self) -> None:
        source = (CORPUS / "2024_huaian-shizf_1.txt").read_text(encoding="utf-8")
        row = "1.属于国家秘密            2          0        0        0        0    0    2"
        assert row in source
        result = read(source.replace(row, "1.属于国家秘密            " + "1" * 24))
        secret = result.report.requests.results.denied.state_secret
        assert secret == gkmodel.ApplicantCounts()
        assert any(
            d.code == "unreadable" and d.row is not None and d.row.endswith("1.属于国家秘密")
            for d in result.diagnostics
        )
