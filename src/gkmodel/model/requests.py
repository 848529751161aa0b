"""三、收到和处理政府信息公开申请情况 — table 三, both editions.

Seven applicant columns (:class:`ApplicantCounts`) times 23 data rows in the
2019 edition and 25 in the 2021 edition.  The group labels of the official
table (三、本年度办理结果, （三）不予公开, （四）无法提供, （五）不予处理 and,
from 2021, （六）其他处理) are nesting levels of the model; they have no cells
of their own in the official table, and their subtotals are derived views,
never stored fields.

>>> row = ApplicantCounts(natural_person=3, commercial=1, total=4)
>>> row.legal_persons
1
>>> denied = Denied(
...     state_secret=ApplicantCounts(natural_person=1),
...     third_party=ApplicantCounts(natural_person=2),
... )
>>> denied.subtotal.natural_person
3
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import attrs

from gkmodel.model._build import Table
from gkmodel.model._fields import Confidence, count, group, prose, row
from gkmodel.model._views import Row, RowGroup, sum_optional

__all__ = [
    "ApplicantCounts",
    "Denied",
    "NotProcessed",
    "OtherHandling",
    "Requests2019",
    "Requests2021",
    "Results2019",
    "Results2021",
    "Unable",
]

BASIS = "条例第五十条第（二）项；年报格式 表三"
_LEGAL = "法人或其他组织"
_M = Confidence.RECALLED  # row-to-article mapping of spec §8 is interpretive


@attrs.frozen(kw_only=True)
class ApplicantCounts(Row):
    """一行：the seven applicant columns of table 三 (申请人情况).

    There is no 法人或其他组织 column in the official table; its sum is the
    derived :attr:`legal_persons`.
    """

    natural_person: int | None = count("自然人", en="natural persons", basis=BASIS)
    commercial: int | None = count("商业企业", en="businesses", basis=BASIS, group=_LEGAL)
    research: int | None = count("科研机构", en="research institutions", basis=BASIS, group=_LEGAL)
    public_interest: int | None = count(
        "社会公益组织", en="public-interest organisations", basis=BASIS, group=_LEGAL
    )
    legal_services: int | None = count(
        "法律服务机构", en="legal-service institutions", basis=BASIS, group=_LEGAL
    )
    other: int | None = count("其他", en="other organisations", basis=BASIS, group=_LEGAL)
    total: int | None = count("总计", en="total", basis=BASIS)

    @property
    def legal_persons(self) -> int | None:
        """法人或其他组织: the five legal-person columns added up (blank if all are blank)."""
        return sum_optional(
            (self.commercial, self.research, self.public_interest, self.legal_services, self.other)
        )

    @property
    def applicants(self) -> tuple[int | None, ...]:
        """The six applicant columns, without 总计, in table order."""
        return (
            self.natural_person,
            self.commercial,
            self.research,
            self.public_interest,
            self.legal_services,
            self.other,
        )


def _applicant_row(label: str, en: str, basis: str = BASIS, confidence: Confidence = _M) -> Any:
    return row(label, ApplicantCounts, en=en, basis=basis, confidence=confidence)


@attrs.frozen(kw_only=True)
class Denied(RowGroup[ApplicantCounts]):
    """（三）不予公开: eight reasons for refusing disclosure."""

    state_secret: ApplicantCounts = _applicant_row(
        "1.属于国家秘密", "state secret", f"{BASIS}；条例第十四条"
    )
    prohibited_by_law: ApplicantCounts = _applicant_row(
        "2.其他法律行政法规禁止公开", "prohibited by other laws", f"{BASIS}；条例第十四条"
    )
    three_securities: ApplicantCounts = _applicant_row(
        "3.危及“三安全一稳定”",
        "endangers national, public or economic security or social stability",
        f"{BASIS}；条例第十四条",
    )
    third_party: ApplicantCounts = _applicant_row(
        "4.保护第三方合法权益", "protects third-party rights", f"{BASIS}；条例第十五条"
    )
    internal_affairs: ApplicantCounts = _applicant_row(
        "5.属于三类内部事务信息", "internal affairs", f"{BASIS}；条例第十六条第一款"
    )
    process_information: ApplicantCounts = _applicant_row(
        "6.属于四类过程性信息", "process information", f"{BASIS}；条例第十六条第二款"
    )
    enforcement_files: ApplicantCounts = _applicant_row(
        "7.属于行政执法案卷", "law-enforcement case files", f"{BASIS}；条例第十六条第二款"
    )
    inquiry_matters: ApplicantCounts = _applicant_row(
        "8.属于行政查询事项", "administrative inquiry matters", f"{BASIS}；条例第三十六条第（七）项"
    )


@attrs.frozen(kw_only=True)
class Unable(RowGroup[ApplicantCounts]):
    """（四）无法提供: three reasons the information cannot be provided."""

    not_held: ApplicantCounts = _applicant_row(
        "1.本机关不掌握相关政府信息",
        "not held by this organ",
        f"{BASIS}；条例第三十六条第（四）（五）项",
    )
    needs_creation: ApplicantCounts = _applicant_row(
        "2.没有现成信息需要另行制作", "would have to be created", f"{BASIS}；条例第三十八条"
    )
    unclear_after_correction: ApplicantCounts = _applicant_row(
        "3.补正后申请内容仍不明确", "still unclear after correction", f"{BASIS}；条例第三十条"
    )


@attrs.frozen(kw_only=True)
class NotProcessed(RowGroup[ApplicantCounts]):
    """（五）不予处理: five kinds of request not processed."""

    petition: ApplicantCounts = _applicant_row(
        "1.信访举报投诉类申请", "petitions, reports and complaints", f"{BASIS}；条例第三十九条"
    )
    repeated: ApplicantCounts = _applicant_row(
        "2.重复申请", "repeated requests", f"{BASIS}；条例第三十六条第（六）项"
    )
    publications: ApplicantCounts = _applicant_row(
        "3.要求提供公开出版物", "asks for publications", f"{BASIS}；条例第三十九条"
    )
    excessive: ApplicantCounts = _applicant_row(
        "4.无正当理由大量反复申请",
        "excessive requests without good reason",
        f"{BASIS}；条例第三十五条",
    )
    reconfirmation: ApplicantCounts = _applicant_row(
        "5.要求行政机关确认或重新出具已获取信息",
        "asks to confirm or re-issue information already obtained",
        f"{BASIS}；条例第三十九条",
    )


@attrs.frozen(kw_only=True)
class OtherHandling(RowGroup[ApplicantCounts]):
    """（六）其他处理 of the 2021 edition: three rows (a single row in 2019)."""

    no_correction: ApplicantCounts = _applicant_row(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "no correction in time; no longer processed",
        f"{BASIS}；条例第三十条",
    )
    fee_unpaid: ApplicantCounts = _applicant_row(
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "fee not paid in time; no longer processed",
        f"{BASIS}；条例第四十二条；政府信息公开信息处理费管理办法",
    )
    other: ApplicantCounts = _applicant_row("3.其他", "other", BASIS, Confidence.VERIFIED)


# Rows shared by both editions: each label is declared in exactly one factory.


def _granted() -> Any:
    return _applicant_row("（一）予以公开", "granted", BASIS, Confidence.VERIFIED)


def _partial() -> Any:
    return _applicant_row(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "partly granted (count only here when parts are separated)",
        BASIS,
        Confidence.VERIFIED,
    )


def _denied() -> Any:
    return group("（三）不予公开", Denied, en="refused", basis=BASIS)


def _unable() -> Any:
    return group("（四）无法提供", Unable, en="cannot be provided", basis=BASIS)


def _not_processed() -> Any:
    return group("（五）不予处理", NotProcessed, en="not processed", basis=BASIS)


_OTHER_LABEL = "（六）其他处理"


def _total() -> Any:
    return _applicant_row("（七）总计", "total of results", BASIS, Confidence.VERIFIED)


class _Results(RowGroup[ApplicantCounts]):
    """Behaviour shared by the two editions' 三、本年度办理结果."""

    __slots__ = ()

    def outcome_rows(self) -> Iterator[tuple[str, ApplicantCounts]]:
        """Every outcome row (all data rows except （七）总计), as (path, row)."""
        return (item for item in self.leaf_rows() if item[0] != "total")


@attrs.frozen(kw_only=True)
class Results2019(_Results):
    """三、本年度办理结果 (2019 edition): （六）其他处理 is a single row."""

    granted: ApplicantCounts = _granted()
    partial: ApplicantCounts = _partial()
    denied: Denied = _denied()
    unable: Unable = _unable()
    not_processed: NotProcessed = _not_processed()
    other: ApplicantCounts = _applicant_row(
        _OTHER_LABEL, "other handling", BASIS, Confidence.VERIFIED
    )
    total: ApplicantCounts = _total()


@attrs.frozen(kw_only=True)
class Results2021(_Results):
    """三、本年度办理结果 (2021 edition): （六）其他处理 has three rows."""

    granted: ApplicantCounts = _granted()
    partial: ApplicantCounts = _partial()
    denied: Denied = _denied()
    unable: Unable = _unable()
    not_processed: NotProcessed = _not_processed()
    other: OtherHandling = group(_OTHER_LABEL, OtherHandling, en="other handling", basis=BASIS)
    total: ApplicantCounts = _total()


RECONCILIATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _new_received() -> Any:
    return _applicant_row(
        "一、本年新收政府信息公开申请数量",
        "new requests received this year",
        BASIS,
        Confidence.VERIFIED,
    )


def _carried_over() -> Any:
    return _applicant_row(
        "二、上年结转政府信息公开申请数量",
        "carried over from last year",
        BASIS,
        Confidence.VERIFIED,
    )


def _results(cls: type) -> Any:
    return group("三、本年度办理结果", cls, en="results this year", basis=BASIS)


def _carried_forward() -> Any:
    return _applicant_row(
        "四、结转下年度继续办理", "carried forward to next year", BASIS, Confidence.VERIFIED
    )


class _Requests(Table):
    """Table-level facts shared by both editions of table 三."""

    __slots__ = ()
    TABLE: ClassVar[str] = "三"
    HEADER_NOTE: ClassVar[str] = RECONCILIATION_NOTE
    COLUMN_HEADER: ClassVar[str] = "申请人情况"


@attrs.frozen(kw_only=True)
class Requests2019(_Requests):
    """Table 三 of the 2019 edition: 23 data rows × 7 columns."""

    new_received: ApplicantCounts = _new_received()
    carried_over: ApplicantCounts = _carried_over()
    results: Results2019 = _results(Results2019)
    carried_forward: ApplicantCounts = _carried_forward()
    intro: tuple[str, ...] = prose()
    notes: tuple[str, ...] = prose()


@attrs.frozen(kw_only=True)
class Requests2021(_Requests):
    """Table 三 of the 2021 edition: 25 data rows × 7 columns."""

    new_received: ApplicantCounts = _new_received()
    carried_over: ApplicantCounts = _carried_over()
    results: Results2021 = _results(Results2021)
    carried_forward: ApplicantCounts = _carried_forward()
    intro: tuple[str, ...] = prose()
    notes: tuple[str, ...] = prose()
