"""gkmodel: the typed reference model of 政府信息公开工作年度报告.

The public API is what this module exports; everything else is an
implementation detail unless its module documents it as public.
"""

from typing import TYPE_CHECKING, Any

from gkmodel.errors import CellTypeError, CellValueError, GkmodelError, LoadError, Problem
from gkmodel.io.json import dump, dumps, load, loads
from gkmodel.model import (
    REPORT_CLASSES,
    ActiveDisclosure2019,
    ActiveDisclosure2021,
    AnnualReport,
    AnnualReport2019,
    AnnualReport2021,
    Appeals,
    ApplicantCounts,
    Block,
    CaseOutcomes,
    CellNote,
    DecisionsRow2021,
    Denied,
    DocumentsRow2019,
    DocumentsRow2021,
    Edition,
    FeeAmountRow2021,
    FeeItemsRow2019,
    Item1_2019,
    Item1_2021,
    Item5_2019,
    Item5_2021,
    Item6_2019,
    Item6_2021,
    Item8_2019,
    Item8_2021,
    Item9_2019,
    ItemsRow2019,
    Litigation,
    LocalRow,
    LocalTable,
    Money,
    MoneyUnit,
    Narrative,
    NotProcessed,
    Organ,
    OrganLevel,
    OtherHandling,
    OtherMatters,
    Period,
    ProcessingFees,
    ProcurementRow2019,
    ReportMeta,
    Requests2019,
    Requests2021,
    Results2019,
    Results2021,
    Subsection,
    Unable,
)
from gkmodel.renderers import render

if TYPE_CHECKING:  # imported lazily at run time: the checker pulls in babel
    from gkmodel.readers import Diagnostic, ReadError, ReadResult, read
    from gkmodel.rules import (
        RULES,
        Finding,
        Findings,
        ReportInvalidError,
        Rule,
        Severity,
        check,
        check_pair,
        check_rollup,
        derive_totals,
        is_valid,
        validate,
    )

__version__ = "0.1.0"

_LAZY = {
    "Diagnostic": "gkmodel.readers",
    "ReadError": "gkmodel.readers",
    "ReadResult": "gkmodel.readers",
    "read": "gkmodel.readers",
    "RULES": "gkmodel.rules",
    "Finding": "gkmodel.rules",
    "Findings": "gkmodel.rules",
    "ReportInvalidError": "gkmodel.rules",
    "Rule": "gkmodel.rules",
    "Severity": "gkmodel.rules",
    "check": "gkmodel.rules",
    "check_pair": "gkmodel.rules",
    "check_rollup": "gkmodel.rules",
    "derive_totals": "gkmodel.rules",
    "is_valid": "gkmodel.rules",
    "validate": "gkmodel.rules",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gkmodel' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "REPORT_CLASSES",
    "RULES",
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "AnnualReport",
    "AnnualReport2019",
    "AnnualReport2021",
    "Appeals",
    "ApplicantCounts",
    "Block",
    "CaseOutcomes",
    "CellNote",
    "CellTypeError",
    "CellValueError",
    "DecisionsRow2021",
    "Denied",
    "Diagnostic",
    "DocumentsRow2019",
    "DocumentsRow2021",
    "Edition",
    "FeeAmountRow2021",
    "FeeItemsRow2019",
    "Finding",
    "Findings",
    "GkmodelError",
    "Item1_2019",
    "Item1_2021",
    "Item5_2019",
    "Item5_2021",
    "Item6_2019",
    "Item6_2021",
    "Item8_2019",
    "Item8_2021",
    "Item9_2019",
    "ItemsRow2019",
    "Litigation",
    "LoadError",
    "LocalRow",
    "LocalTable",
    "Money",
    "MoneyUnit",
    "Narrative",
    "NotProcessed",
    "Organ",
    "OrganLevel",
    "OtherHandling",
    "OtherMatters",
    "Period",
    "Problem",
    "ProcessingFees",
    "ProcurementRow2019",
    "ReadError",
    "ReadResult",
    "ReportInvalidError",
    "ReportMeta",
    "Requests2019",
    "Requests2021",
    "Results2019",
    "Results2021",
    "Rule",
    "Severity",
    "Subsection",
    "Unable",
    "check",
    "check_pair",
    "check_rollup",
    "derive_totals",
    "dump",
    "dumps",
    "is_valid",
    "load",
    "loads",
    "read",
    "render",
    "validate",
]
