"""Wordings of the section headings that reports write besides the official ones.

A reader accepts each of these after the section's own numeral and reports it as a
loose match (``loose-label``); a renderer never writes them.  Each wording is declared
with where it was seen.  The section labels are the same in both editions, and so are
these wordings: both edition declarations name this one mapping.
"""

from __future__ import annotations

__all__ = ["SECTION_VARIANTS"]

SECTION_VARIANTS: dict[str, tuple[str, ...]] = {
    "appeals": (
        # format specification §2: the wording of many reports' introductions to table 四
        "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议和行政诉讼情况",
    ),
    "problems": (
        # the wording of 条例第五十条第（四）项 (format specification §2; corpus
        # 2025_shuyang-xianzf_1.txt)
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的主要问题及整改措施",  # corpus 2023_shuyang-fgj_1.html
    ),
    "other_matters": ("其他事项",),  # format specification §2: some reports of Shandong
}
"""Variant wordings of the section headings, by the section's attribute name."""
