"""gkmodel: the typed reference model of 政府信息公开工作年度报告.

The public API is what this module exports; everything else is an
implementation detail unless its module documents it as public.  The verbs:

- build: the model classes, or :func:`tally_requests` / :func:`tally_appeals`
  from a register (:func:`read_applications`, :func:`read_cases`);
- :func:`check` (and :func:`validate`, :func:`check_pair`, :func:`check_rollup`);
- :func:`render` (text, Markdown, HTML, DOCX);
- :func:`read` (a published report in JSON, text, HTML, DOCX or PDF);
- :func:`audit` (many reports into CSV and Parquet; :func:`audit_one` for one file);
- :func:`load` / :func:`loads` / :func:`dump` / :func:`dumps` (canonical JSON),
  :func:`to_data` / :func:`from_data`, :func:`json_schema`, :func:`to_cells`.

Every error raised on purpose is a :class:`GkmodelError`.  Besides the verbs,
the report classes and the errors, this module exports the few types most
users name (:class:`ReportMeta`, :class:`Organ`, :class:`Money`,
:class:`Finding` …); every class of the model is in :mod:`gkmodel.model`.  JSON (and
cattrs), the checker, readers, tally, audit and renderers load on first use,
so ``import gkmodel`` stays cheap.
"""

from typing import TYPE_CHECKING, Any

from gkmodel.errors import (
    ArgumentTypeError,
    CellTypeError,
    CellValueError,
    EditionError,
    GkmodelError,
    LoadError,
    Problem,
)
from gkmodel.model import (
    AnnualReport,
    AnnualReport2019,
    AnnualReport2021,
    Edition,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.renderers import render

if TYPE_CHECKING:  # imported lazily at run time: the checker pulls in babel
    from gkmodel.batch import AuditRecord, AuditResult, audit, audit_one
    from gkmodel.io.cells import dumps_cells, to_cells
    from gkmodel.io.json import dump, dumps, from_data, load, loads, to_data
    from gkmodel.io.schema import json_schema
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
    from gkmodel.tally import (
        ApplicantType,
        Application,
        Case,
        CaseKind,
        CaseResult,
        TallyError,
        read_applications,
        read_cases,
        tally_appeals,
        tally_requests,
    )

__version__ = "0.1.0"

_LAZY = {
    "AuditRecord": "gkmodel.batch",
    "AuditResult": "gkmodel.batch",
    "audit": "gkmodel.batch",
    "audit_one": "gkmodel.batch",
    "dumps_cells": "gkmodel.io.cells",
    "to_cells": "gkmodel.io.cells",
    "json_schema": "gkmodel.io.schema",
    "dump": "gkmodel.io.json",
    "dumps": "gkmodel.io.json",
    "from_data": "gkmodel.io.json",
    "load": "gkmodel.io.json",
    "loads": "gkmodel.io.json",
    "to_data": "gkmodel.io.json",
    "ApplicantType": "gkmodel.tally",
    "Application": "gkmodel.tally",
    "Case": "gkmodel.tally",
    "CaseKind": "gkmodel.tally",
    "CaseResult": "gkmodel.tally",
    "TallyError": "gkmodel.tally",
    "read_applications": "gkmodel.tally",
    "read_cases": "gkmodel.tally",
    "tally_appeals": "gkmodel.tally",
    "tally_requests": "gkmodel.tally",
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


_MOVED = frozenset(
    {
        "REPORT_CLASSES",
        "ActiveDisclosure2019",
        "ActiveDisclosure2021",
        "Appeals",
        "ApplicantCounts",
        "Block",
        "CaseOutcomes",
        "CellNote",
        "DecisionsRow2021",
        "Denied",
        "DocumentsRow2019",
        "DocumentsRow2021",
        "FeeAmountRow2021",
        "FeeItemsRow2019",
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
        "LocalRow",
        "LocalTable",
        "Narrative",
        "NotProcessed",
        "OtherHandling",
        "OtherMatters",
        "ProcessingFees",
        "ProcurementRow2019",
        "Requests2019",
        "Requests2021",
        "Results2019",
        "Results2021",
        "Subsection",
        "Unable",
    }
)
"""Model classes no longer exported here: import them from :mod:`gkmodel.model`."""


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None and name in _MOVED:
        import warnings

        warnings.warn(
            f"gkmodel.{name} is deprecated: import it from gkmodel.model",
            DeprecationWarning,
            stacklevel=2,
        )
        module = "gkmodel.model"
    if module is None:
        raise AttributeError(f"module 'gkmodel' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "RULES",
    "AnnualReport",
    "AnnualReport2019",
    "AnnualReport2021",
    "ApplicantType",
    "Application",
    "ArgumentTypeError",
    "AuditRecord",
    "AuditResult",
    "Case",
    "CaseKind",
    "CaseResult",
    "CellTypeError",
    "CellValueError",
    "Diagnostic",
    "Edition",
    "EditionError",
    "Finding",
    "Findings",
    "GkmodelError",
    "LoadError",
    "Money",
    "MoneyUnit",
    "Organ",
    "OrganLevel",
    "Period",
    "Problem",
    "ReadError",
    "ReadResult",
    "ReportInvalidError",
    "ReportMeta",
    "Rule",
    "Severity",
    "TallyError",
    "audit",
    "audit_one",
    "check",
    "check_pair",
    "check_rollup",
    "derive_totals",
    "dump",
    "dumps",
    "dumps_cells",
    "from_data",
    "is_valid",
    "json_schema",
    "load",
    "loads",
    "read",
    "read_applications",
    "read_cases",
    "render",
    "tally_appeals",
    "tally_requests",
    "to_cells",
    "to_data",
    "validate",
]
