"""Findings: what the checker reports, one :class:`Finding` per broken rule at one place."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

import attrs
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from gkmodel._codegen import define, init_free
from gkmodel.errors import GkmodelError
from gkmodel.model.common import decimal_text
from gkmodel.rules.catalogue import RULES, Rule, Severity

__all__ = ["Finding", "Findings", "Lang", "Number", "ReportInvalidError"]

Lang = Literal["zh", "en"]
Number = int | Decimal
_LOCALES = {"zh": "zh_CN", "en": "en"}


@functools.cache
def locale_of(lang: str) -> Locale:
    """The babel locale of a message language, parsed once."""
    return Locale.parse(_LOCALES[lang])


@functools.lru_cache(maxsize=4096)
def format_int_cached(value: int, lang: str) -> str:
    """A count as the messages print it (babel is slow enough to be worth a cache)."""
    return format_decimal(value, locale=locale_of(lang))


@functools.lru_cache(maxsize=256)
def format_list_cached(items: tuple[str, ...], lang: str) -> str:
    return format_list(list(items), locale=locale_of(lang))


@functools.lru_cache(maxsize=1024)
def format_date_cached(value: dt.date, lang: str) -> str:
    return format_date(value, "long", locale=locale_of(lang))


@attrs.frozen(kw_only=True)
class Finding:
    """One finding: which rule, how serious, where, and the numbers behind it.

    ``path`` is the model path of the cell (or text) the finding is about;
    ``table``/``row``/``column`` name the official cell when there is one.
    ``reported`` is the value the report gives, ``computed`` what the rule
    computes from the other cells, ``difference`` = reported − computed; for a
    rule stating two sums equal (``T3-REC``) they are its two sides, first and
    second, and the cell is the one the rule is about.
    ``blank`` lists the paths of addends that were blank (taken as 0 only
    with ``blank_as_zero``).  ``suggestion`` is a repair hint, never applied.
    """

    code: str
    severity: Severity
    message: str
    path: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    reported: Number | None = None
    computed: Number | None = None
    difference: Number | None = None
    blank: tuple[str, ...] = ()
    suggestion: str | None = None

    @property
    def rule(self) -> Rule:
        """The catalogue entry of this finding."""
        return RULES[self.code]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (decimals as strings)."""
        data = attrs.asdict(self, recurse=False)
        data["severity"] = self.severity.value
        data["blank"] = list(self.blank)
        for key in ("reported", "computed", "difference"):
            if isinstance(data[key], Decimal):
                data[key] = decimal_text(data[key])
        return data


@functools.cache
def _finding_maker() -> Callable[..., Finding]:
    """``Finding(...)`` without its ``__init__``, which has nothing to check: every argument
    is required and keyword-only.  The checker makes many findings; a test holds the two
    ways to equal objects."""
    names = [f.name for f in attrs.fields(Finding)]
    build, namespace = init_free(Finding, "finding", {n: n for n in names})
    lines = [f"def make(*, {', '.join(names)}):", *(f"    {line}" for line in build)]
    lines.append("    return finding")
    maker: Callable[..., Finding] = define("make", lines, namespace, "findings")
    return maker


class Findings(tuple[Finding, ...]):
    """The findings of a check, in catalogue order; a tuple with a few helpers."""

    __slots__ = ()

    def at_least(self, severity: Severity) -> Findings:
        """The findings of ``severity`` or worse."""
        return Findings(f for f in self if f.severity.rank >= severity.rank)

    @property
    def failed(self) -> bool:
        """True when a finding is of severity error or inconsistency."""
        return any(f.severity.rank >= Severity.INCONSISTENCY.rank for f in self)

    def codes(self) -> list[str]:
        """The codes of the findings, in order (with repeats)."""
        return [f.code for f in self]


class ReportInvalidError(GkmodelError):
    """Raised by :func:`validate`: the report has findings of severity error or inconsistency."""

    code = "invalid"

    def __init__(self, findings: Findings) -> None:
        self.findings = findings
        lines = [f"{f.code} {f.message} @ {f.path}" for f in findings]
        super().__init__(f"{len(findings)} finding(s):\n  " + "\n  ".join(lines))
