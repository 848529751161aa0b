"""A rule of the catalogue: its severity, its scope and its declaration (re-exported by
:mod:`gkmodel.rules.catalogue`, where every rule is declared)."""

from __future__ import annotations

import enum

import attrs

from gkmodel.rules.forms import Form

__all__ = ["Rule", "Scope", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is, from least to most.

    * ``info`` — worth knowing (blank cells, a skipped enumeration number).
    * ``warning`` — implausible or late, but not wrong arithmetic.
    * ``inconsistency`` — the published numbers contradict each other.
    * ``error`` — the report does not follow the format it must follow.
    """

    INFO = "info"
    WARNING = "warning"
    INCONSISTENCY = "inconsistency"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info up to 3 for error."""
        return _RANKS[self._value_]  # by value: a str hashes in C, an enum member in Python

    @property
    def label(self) -> str:
        """The Chinese name of the severity."""
        return _SEVERITY_LABELS[self]


_RANKS = {s.value: i for i, s in enumerate(Severity)}
_SEVERITY_LABELS = {
    Severity.INFO: "提示",
    Severity.WARNING: "警告",
    Severity.INCONSISTENCY: "不一致",
    Severity.ERROR: "错误",
}


class Scope(enum.Enum):
    """What a rule looks at."""

    REPORT = "report"  # one report
    PAIR = "pair"  # two consecutive years of one organ (check_pair)
    ROLLUP = "rollup"  # a total report and its parts (check_rollup)


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the catalogue."""

    code: str
    severity: Severity
    scope: Scope = Scope.REPORT
    title: str  # zh-CN, one line
    title_en: str
    formula: str
    basis: str
    message: str  # zh-CN template; fields: see gkmodel.rules.Finding
    message_en: str
    stated: bool = False  # True when the format itself states the rule; False when derived
    form: Form  # what the rule states, evaluated by the checker (gkmodel.rules.forms)
