"""The 2021 edition (国办公开办函〔2021〕30号), for reports on 2021 and later."""

from __future__ import annotations

from gkmodel.editions import EditionDeclaration
from gkmodel.editions._wordings import SECTION_VARIANTS
from gkmodel.model.common import Edition
from gkmodel.model.report import AnnualReport2021

__all__ = ["EDITION"]

EDITION = EditionDeclaration(
    edition=Edition.E2021,
    document="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    report_class=AnnualReport2021,
    # 本年新公开数量 and 上一年项目数量 are columns of the 2019 edition only.
    rules_not_applied=frozenset({"T2-PUB", "X-ITEMS"}),
    heading_variants=SECTION_VARIANTS,
)
