"""政府信息公开工作年度报告 — the whole report, one class per edition.

>>> from gkmodel.model.common import Organ, OrganLevel, ReportMeta
>>> organ = Organ(name="某县人民政府", level=OrganLevel.COUNTY_GOVERNMENT)
>>> meta = ReportMeta(organ=organ, year=2024)
>>> r = AnnualReport2021.empty(meta)
>>> r.edition, r.meta.display_title
(<Edition.E2021: '2021'>, '某县人民政府2024年政府信息公开工作年度报告')
>>> r.requests.new_received.total is None
True
>>> AnnualReport2021.empty(meta, zeros=True).requests.new_received.total
0
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Self, TypeAlias, cast

import attrs

from gkmodel.model._build import zero_filled
from gkmodel.model._fields import Confidence, section
from gkmodel.model.active import ActiveDisclosure2019, ActiveDisclosure2021
from gkmodel.model.appeals import Appeals
from gkmodel.model.common import CellNote, Edition, ReportMeta, instance_of, tuple_of
from gkmodel.model.narrative import Narrative, OtherMatters
from gkmodel.model.requests import Requests2019, Requests2021

__all__ = ["REPORT_CLASSES", "AnnualReport", "AnnualReport2019", "AnnualReport2021"]

_ART50 = "条例第五十条"

# Each section heading is declared once, here.


def _overview() -> Any:
    return section(
        "一",
        "总体情况",
        Narrative,
        en="overview",
        basis="年报格式 一（格式所加，条例第五十条无对应项）",
    )


def _active(cls: type) -> Any:
    return section(
        "二", "主动公开政府信息情况", cls, en="active disclosure", basis=f"{_ART50}第（一）项"
    )


def _requests(cls: type) -> Any:
    return section(
        "三",
        "收到和处理政府信息公开申请情况",
        cls,
        en="requests received and handled",
        basis=f"{_ART50}第（二）项",
    )


def _appeals() -> Any:
    return section(
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        Appeals,
        en="administrative reconsideration and litigation",
        basis=f"{_ART50}第（三）项",
    )


def _problems() -> Any:
    return section(
        "五",
        "存在的主要问题及改进情况",
        Narrative,
        en="main problems and improvements",
        basis=f"{_ART50}第（四）项",
        confidence=Confidence.REPORTS,
    )


def _other_matters() -> Any:
    return section(
        "六", "其他需要报告的事项", OtherMatters, en="other matters", basis=f"{_ART50}第（五）项"
    )


def _notes() -> Any:
    return attrs.field(
        default=(),
        validator=tuple_of(CellNote),
    )


class _Report:
    __slots__ = ()
    edition: ClassVar[Edition]

    @classmethod
    def empty(cls, meta: ReportMeta, *, zeros: bool = False) -> Self:
        """A report with no text and blank tables (or, with ``zeros=True``, tables of 0)."""
        make: Any = cls
        if not zeros:
            return cast(Self, make(meta=meta))
        kwargs = {
            f.name: zero_filled(f.metadata["gkmodel"].target)
            for f in attrs.fields(cls)  # type: ignore[arg-type]
            if f.name in {"active_disclosure", "requests", "appeals"}
        }
        return cast(Self, make(meta=meta, **kwargs))


@attrs.frozen(kw_only=True)
class AnnualReport2019(_Report):
    """A report in the 2019 edition (国办公开办函〔2019〕60号), for 2019–2020."""

    edition: ClassVar[Edition] = Edition.E2019

    meta: ReportMeta = attrs.field(validator=instance_of(ReportMeta))
    overview: Narrative = _overview()
    active_disclosure: ActiveDisclosure2019 = _active(ActiveDisclosure2019)
    requests: Requests2019 = _requests(Requests2019)
    appeals: Appeals = _appeals()
    problems: Narrative = _problems()
    other_matters: OtherMatters = _other_matters()
    cell_notes: tuple[CellNote, ...] = _notes()


@attrs.frozen(kw_only=True)
class AnnualReport2021(_Report):
    """A report in the 2021 edition (国办公开办函〔2021〕30号), for 2021 on."""

    edition: ClassVar[Edition] = Edition.E2021

    meta: ReportMeta = attrs.field(validator=instance_of(ReportMeta))
    overview: Narrative = _overview()
    active_disclosure: ActiveDisclosure2021 = _active(ActiveDisclosure2021)
    requests: Requests2021 = _requests(Requests2021)
    appeals: Appeals = _appeals()
    problems: Narrative = _problems()
    other_matters: OtherMatters = _other_matters()
    cell_notes: tuple[CellNote, ...] = _notes()


AnnualReport: TypeAlias = AnnualReport2019 | AnnualReport2021
"""A report of either edition."""


class _ReportClasses(Mapping[Edition, "type[AnnualReport2019] | type[AnnualReport2021]"]):
    """The report class of each edition: a view of the registry of :mod:`gkmodel.editions`."""

    __slots__ = ()

    def __getitem__(self, edition: Edition) -> type[AnnualReport2019] | type[AnnualReport2021]:
        from gkmodel.editions import EDITIONS

        cls: type[AnnualReport2019] | type[AnnualReport2021] = EDITIONS[edition].report_class
        return cls

    def __iter__(self) -> Iterator[Edition]:
        from gkmodel.editions import EDITIONS

        return iter(list(EDITIONS))

    def __len__(self) -> int:
        from gkmodel.editions import EDITIONS

        return len(EDITIONS)

    def __repr__(self) -> str:
        return repr(dict(self))


REPORT_CLASSES: Mapping[Edition, type[AnnualReport2019] | type[AnnualReport2021]] = _ReportClasses()
"""The report class of each edition (a read-only view of :data:`gkmodel.editions.EDITIONS`)."""
