"""The typed model of the annual report: attrs classes only (no I/O, no JSON).

Every class of the model is reachable here (the package ``gkmodel`` exports
only the report classes and the few types most users name).  The sub-tables
of table 二 are named after the items of 条例第二十条 (``Item1_2021`` …); each
has a readable alias:

==================  ==================  =====================================
2019 edition        2021 edition        第二十条
==================  ==================  =====================================
``Documents2019``   ``Documents2021``   第（一）项 规章、（行政）规范性文件
``Licensing2019``   ``Licensing2021``   第（五）项 行政许可（等）
``Enforcement2019`` ``Enforcement2021`` 第（六）项 行政处罚、行政强制
``Fees2019``        ``Fees2021``        第（八）项 行政事业性收费
``Procurement2019``                     第（九）项 政府集中采购
==================  ==================  =====================================

>>> Documents2021 is Item1_2021
True
"""

from gkmodel.model._fields import (
    Confidence,
    FieldInfo,
    Kind,
    ValueKind,
    info_of,
    validate_count,
    validate_signed,
)
from gkmodel.model.active import (
    ActiveDisclosure2019,
    ActiveDisclosure2021,
    DecisionsRow2021,
    Documents2019,
    Documents2021,
    DocumentsRow2019,
    DocumentsRow2021,
    Enforcement2019,
    Enforcement2021,
    FeeAmountRow2021,
    FeeItemsRow2019,
    Fees2019,
    Fees2021,
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
    Licensing2019,
    Licensing2021,
    Procurement2019,
    ProcurementRow2019,
)
from gkmodel.model.appeals import Appeals, CaseOutcomes, Litigation
from gkmodel.model.common import (
    CellNote,
    Edition,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.model.narrative import (
    Block,
    LocalRow,
    LocalTable,
    Narrative,
    OtherMatters,
    ProcessingFees,
    Subsection,
)
from gkmodel.model.report import REPORT_CLASSES, AnnualReport, AnnualReport2019, AnnualReport2021
from gkmodel.model.requests import (
    ApplicantCounts,
    Denied,
    NotProcessed,
    OtherHandling,
    Requests2019,
    Requests2021,
    Results2019,
    Results2021,
    Unable,
)

__all__ = [
    "REPORT_CLASSES",
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
    "Confidence",
    "DecisionsRow2021",
    "Denied",
    "Documents2019",
    "Documents2021",
    "DocumentsRow2019",
    "DocumentsRow2021",
    "Edition",
    "Enforcement2019",
    "Enforcement2021",
    "FeeAmountRow2021",
    "FeeItemsRow2019",
    "Fees2019",
    "Fees2021",
    "FieldInfo",
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
    "Kind",
    "Licensing2019",
    "Licensing2021",
    "Litigation",
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
    "ProcessingFees",
    "Procurement2019",
    "ProcurementRow2019",
    "ReportMeta",
    "Requests2019",
    "Requests2021",
    "Results2019",
    "Results2021",
    "Subsection",
    "Unable",
    "ValueKind",
    "info_of",
    "validate_count",
    "validate_signed",
]
