"""Reports of the corpus written by hand from the published source, cell by cell.

These are the expected values that the checker tests (and later the reader
tests) are held against.  Only what the source shows is filled in.
"""

from __future__ import annotations

from decimal import Decimal

from gkmodel import (
    AnnualReport2021,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.model import (
    ActiveDisclosure2021,
    Appeals,
    ApplicantCounts,
    CaseOutcomes,
    DecisionsRow2021,
    Denied,
    DocumentsRow2021,
    FeeAmountRow2021,
    Item1_2021,
    Item5_2021,
    Item6_2021,
    Item8_2021,
    Litigation,
    NotProcessed,
    OtherHandling,
    Requests2021,
    Results2021,
    Unable,
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


# -- compact builders for the corpus expectations -------------------------------------------------

from gkmodel.model.layout import replace_paths, table_rows  # noqa: E402


def t3(rows: list[tuple[int | None, ...]]) -> Requests2021:
    """Table 三 (2021 edition) from its 25 rows in official order, 7 cells each."""
    specs = table_rows(Requests2021)
    assert len(rows) == len(specs) == 25
    changes = {spec.path: ApplicantCounts.of(*row) for spec, row in zip(specs, rows, strict=True)}
    return replace_paths(Requests2021(), changes)


def np_rows(numbers: list[int], *, legal: int | None = 0) -> list[tuple[int | None, ...]]:
    """Rows whose only applicants are natural persons: 自然人 = 总计 = n, the rest ``legal``."""
    return [(n, legal, legal, legal, legal, legal, n) for n in numbers]


def t2(  # noqa: PLR0917  (the ten cells of table 二, in order)
    rules: tuple[int, int, int],
    normative: tuple[int, int, int],
    licensing: int,
    penalty: int,
    coercion: int,
    fee: str,
) -> ActiveDisclosure2021:
    """Table 二 (2021 edition) from its ten cells."""
    return ActiveDisclosure2021(
        item1=Item1_2021(
            rules=DocumentsRow2021.of(*rules), normative=DocumentsRow2021.of(*normative)
        ),
        item5=Item5_2021(licensing=DecisionsRow2021.of(licensing)),
        item6=Item6_2021(
            penalty=DecisionsRow2021.of(penalty), coercion=DecisionsRow2021.of(coercion)
        ),
        item8=Item8_2021(
            fees=FeeAmountRow2021.of(Money(amount=Decimal(fee), unit=MoneyUnit.WAN_YUAN))
        ),
    )


def t4(*values: int) -> Appeals:
    """Table 四 from its 15 cells in published order."""
    assert len(values) == 15
    return Appeals(
        reconsideration=CaseOutcomes.of(*values[:5]),
        litigation=Litigation(
            direct=CaseOutcomes.of(*values[5:10]),
            after_reconsideration=CaseOutcomes.of(*values[10:]),
        ),
    )


# Each published table, cell by cell from the source (see tests/data/corpus/INDEX.md).
HONGZE_2024 = (
    t2((0, 0, 0), (3, 0, 8), 9487, 2776, 84, "7545"),
    # 一 二 | （一）（二）| 不予公开 1–8 | 无法提供 1–3 | 不予处理 1–5 | 其他处理 (one row of 0) ×3 | （七） 四
    t3(np_rows([95, 0, 50, 9, 0, 0, 1, 0, 0, 1, 1, 0, 31, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 95, 0])),
    t4(1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3),
)

KEWEI_2024 = (
    t2((0, 0, 0), (13, 0, 55), 97, 0, 0, "0"),
    t3(
        [
            (32, 2, 0, 0, 0, 0, 34),
            *np_rows([2, 9, 0, 0, 0, 0, 0, 1, 1, 0, 0, 4, 6, 0, 0, 0, 0, 0, 0]),
            (8, 2, 0, 0, 0, 0, 10),
            *np_rows([0, 4]),
            (33, 2, 0, 0, 0, 0, 35),
            (1, 0, 0, 0, 0, 0, None),  # the published 总计 cell of 四 is empty
        ]
    ),
    t4(1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
)

SHUYANG_XIANZF_2025 = (
    t2((0, 0, 0), (6, 1, 32), 517645, 693957, 2154, "4068.208"),
    t3(
        [
            (705, 3, 0, 0, 5, 0, 713),
            (36, 0, 0, 0, 0, 0, 36),
            (290, 1, 0, 0, 3, 0, 294),
            (99, 0, 0, 0, 2, 0, 101),
            *np_rows([0, 0, 2, 2, 13, 2, 4, 9, 111, 2, 0, 12]),
            (6, 1, 0, 0, 0, 0, 7),
            *np_rows([0, 0, 0, 9, 7]),
            (142, 1, 0, 0, 0, 0, 143),
            (710, 3, 0, 0, 5, 0, 718),
            (31, 0, 0, 0, 0, 0, 31),
        ]
    ),
    t4(27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10),
)

SHUYANG_FGJ_2023 = (
    t2((0, 0, 0), (8, 0, 18), 0, 0, 0, "0"),
    t3(np_rows([26, 0, 26, *[0] * 20, 26, 0], legal=None)),  # legal-person cells are empty
    t4(0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
)

BGT_2025 = (
    # Table 二 (一) lost a column in the extraction: its two rows (规章 | 22 | 235,
    # 行政规范性文件 | 34 | 189) hold two numbers each for three columns and stay blank.
    # 行政许可 0, 行政处罚 0, 行政强制 0, 行政事业性收费 0 (万元).
    ActiveDisclosure2021(
        item5=Item5_2021(licensing=DecisionsRow2021.of(0)),
        item6=Item6_2021(penalty=DecisionsRow2021.of(0), coercion=DecisionsRow2021.of(0)),
        item8=Item8_2021(
            fees=FeeAmountRow2021.of(Money(amount=Decimal("0"), unit=MoneyUnit.WAN_YUAN))
        ),
    ),
    t3(
        [
            (1259, 36, 0, 0, 0, 0, 1295),
            (170, 15, 0, 0, 4, 0, 189),
            (201, 5, 0, 0, 0, 0, 206),
            *np_rows([2, 4, 0, 1, 0]),
            (8, 0, 0, 0, 1, 0, 9),
            *np_rows([1, 0, 5]),
            (484, 28, 0, 0, 1, 0, 513),
            (47, 1, 0, 0, 0, 0, 48),
            *np_rows([3]),
            (61, 1, 0, 0, 0, 0, 62),
            *np_rows([16, 1, 1, 0]),
            (40, 1, 0, 0, 2, 0, 43),
            *np_rows([0]),
            (264, 12, 0, 0, 0, 0, 276),
            (1139, 48, 0, 0, 4, 0, 1191),
            (290, 3, 0, 0, 0, 0, 293),
        ]
    ),
    t4(40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22),
)
