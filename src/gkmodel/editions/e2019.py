"""The 2019 edition (国办公开办函〔2019〕60号), for reports on 2019 and 2020."""

from __future__ import annotations

from gkmodel.editions import EditionDeclaration
from gkmodel.editions._wordings import SECTION_VARIANTS
from gkmodel.model.common import Edition
from gkmodel.model.report import AnnualReport2019

__all__ = ["EDITION"]

EDITION = EditionDeclaration(
    edition=Edition.E2019,
    document="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    report_class=AnnualReport2019,
    rules_not_applied=frozenset({"X-VALID"}),  # 现行有效件数 is a column of the 2021 edition
    heading_variants=SECTION_VARIANTS,
)
