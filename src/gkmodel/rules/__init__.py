"""The rule catalogue and the checker: check(), validate(), is_valid() and friends."""

from gkmodel.rules.catalogue import RULES, Rule, Scope, Severity
from gkmodel.rules.engine import (
    Finding,
    Findings,
    ReportInvalidError,
    check,
    check_pair,
    check_rollup,
    derive_totals,
    is_valid,
    validate,
)

__all__ = [
    "RULES",
    "Finding",
    "Findings",
    "ReportInvalidError",
    "Rule",
    "Scope",
    "Severity",
    "check",
    "check_pair",
    "check_rollup",
    "derive_totals",
    "is_valid",
    "validate",
]
