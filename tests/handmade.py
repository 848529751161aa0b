"""Reports of the corpus written by hand from the published source, cell by cell.

These are the expected values that the checker tests (and later the reader
tests) are held against.  Only what the source shows is filled in.
"""

from __future__ import annotations

from decimal import Decimal

from gkmodel import (
    ActiveDisclosure2021,
    AnnualReport2021,
    Appeals,
    ApplicantCounts,
    CaseOutcomes,
    Denied,
    Litigation,
    Money,
    MoneyUnit,
    NotProcessed,
    Organ,
    OrganLevel,
    OtherHandling,
    Period,
    ReportMeta,
    Requests2021,
    Results2021,
    Unable,
)
from gkmodel.model import (
    DecisionsRow2021,
    DocumentsRow2021,
    FeeAmountRow2021,
    Item1_2021,
    Item5_2021,
    Item6_2021,
    Item8_2021,
)

row = ApplicantCounts.of


def np_only(n: int) -> ApplicantCounts:
    """A table 三 row with n in 自然人 and 总计 and 0 in the legal-person columns."""
    return row(n, 0, 0, 0, 0, 0, n)


def hongze_2023() -> AnnualReport2021:
    """淮安市洪泽区人民政府 2023 (corpus 2023_hongze-quzf_1.txt), tables as published.

    Its table 三 prints （六）其他处理 as a single row of 0 (the 2019 layout); the
    2021 edition's three sub-rows are then 0 each, the only split of 0.
    Published errors: table 四 行政复议 总计 0 (parts 10+1) and 复议后起诉 总计 0 (5).
    """
    return AnnualReport2021(
        meta=ReportMeta(
            organ=Organ(name="淮安市洪泽区人民政府", level=OrganLevel.COUNTY_GOVERNMENT),
            year=2023,
            title="洪泽区人民政府2023年政府信息公开工作年度报告",
            period=Period.calendar_year(2023),
        ),
        active_disclosure=ActiveDisclosure2021(
            item1=Item1_2021(
                rules=DocumentsRow2021.of(0, 0, 0), normative=DocumentsRow2021.of(0, 5, 5)
            ),
            item5=Item5_2021(licensing=DecisionsRow2021.of(550)),
            item6=Item6_2021(penalty=DecisionsRow2021.of(4119), coercion=DecisionsRow2021.of(195)),
            item8=Item8_2021(
                fees=FeeAmountRow2021.of(Money(amount=Decimal("7730.28"), unit=MoneyUnit.WAN_YUAN))
            ),
        ),
        requests=Requests2021(
            new_received=np_only(21),
            carried_over=np_only(0),
            results=Results2021(
                granted=np_only(0),
                partial=np_only(4),
                denied=Denied(
                    state_secret=np_only(1),
                    prohibited_by_law=np_only(0),
                    three_securities=np_only(0),
                    third_party=np_only(0),
                    internal_affairs=np_only(0),
                    process_information=np_only(1),
                    enforcement_files=np_only(1),
                    inquiry_matters=np_only(0),
                ),
                unable=Unable(
                    not_held=np_only(10),
                    needs_creation=np_only(3),
                    unclear_after_correction=np_only(0),
                ),
                not_processed=NotProcessed(
                    petition=np_only(1),
                    repeated=np_only(0),
                    publications=np_only(0),
                    excessive=np_only(0),
                    reconfirmation=np_only(0),
                ),
                other=OtherHandling.uniform(np_only(0)),
                total=np_only(21),
            ),
            carried_forward=np_only(0),
        ),
        appeals=Appeals(
            reconsideration=CaseOutcomes.of(10, 1, 0, 0, 0),
            litigation=Litigation(
                direct=CaseOutcomes.of(0, 0, 0, 0, 0),
                after_reconsideration=CaseOutcomes.of(5, 0, 0, 0, 0),
            ),
        ),
    )
