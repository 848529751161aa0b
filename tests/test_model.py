"""The model: construction checks structure, blanks stay blank, derived views add up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import gkmodel
from gkmodel import (
    AnnualReport2019,
    AnnualReport2021,
    CellTypeError,
    CellValueError,
    Edition,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.model import (
    ActiveDisclosure2019,
    ApplicantCounts,
    CaseOutcomes,
    CellNote,
    Denied,
    FeeAmountRow2021,
    ItemsRow2019,
    LocalRow,
    LocalTable,
    Requests2021,
    Results2021,
)

META = ReportMeta(organ=Organ(name="某县人民政府", level=OrganLevel.COUNTY_GOVERNMENT), year=2024)


class TestCells:
    """Cell validators reject wrong types and negative counts, with the field named."""

    def test_negative_count(self) -> None:
        with pytest.raises(CellValueError, match=r"natural_person: expected a count >= 0, got -1"):
            ApplicantCounts(natural_person=-1)

    @pytest.mark.parametrize("value", [True, 1.0, "3", Decimal(3)])
    def test_count_type(self, value: object) -> None:
        with pytest.raises(CellTypeError) as info:
            ApplicantCounts(total=value)  # type: ignore[arg-type]
        assert info.value.field == "total"
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, gkmodel.GkmodelError)

    def test_signed_change_may_be_negative(self) -> None:
        assert ItemsRow2019(change=-417).change == -417
        with pytest.raises(CellTypeError):
            ItemsRow2019(change=False)

    def test_money_rejects_float(self) -> None:
        with pytest.raises(CellTypeError, match="never a float"):
            Money(amount=1.5, unit=MoneyUnit.YUAN)  # type: ignore[arg-type]

    @pytest.mark.parametrize("amount", ["-1", "NaN", "Infinity"])
    def test_money_domain(self, amount: str) -> None:
        with pytest.raises(CellValueError):
            Money(amount=Decimal(amount), unit=MoneyUnit.YUAN)

    def test_fee_2021_must_be_in_wan_yuan(self) -> None:
        with pytest.raises(CellValueError, match="万元"):
            FeeAmountRow2021(amount=Money(amount=Decimal("3940"), unit=MoneyUnit.YUAN))
        ok = FeeAmountRow2021(amount=Money(amount=Decimal("96171.6"), unit=MoneyUnit.WAN_YUAN))
        assert str(ok.amount) == "96171.6万元"

    def test_blank_is_none_not_zero(self) -> None:
        row = ApplicantCounts()
        assert attrs.astuple(row) == (None,) * 7
        assert Requests2021().results.total.total is None

    def test_frozen_and_slotted(self) -> None:
        row = ApplicantCounts(total=1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            row.total = 2  # type: ignore[misc]
        assert not hasattr(row, "__dict__")

    def test_evolve_revalidates(self) -> None:
        row = ApplicantCounts(total=1)
        assert attrs.evolve(row, total=2).total == 2
        with pytest.raises(CellValueError):
            attrs.evolve(row, total=-2)

    def test_keyword_only(self) -> None:
        with pytest.raises(TypeError):
            ApplicantCounts(1)  # type: ignore[misc]


class TestViews:
    """Derived read-only views: sums over groups and columns; blanks are absent."""

    def test_legal_persons(self) -> None:
        row = ApplicantCounts(
            natural_person=3001,
            commercial=53,
            research=0,
            public_interest=0,
            legal_services=61,
            other=4,
            total=3119,
        )
        assert row.legal_persons == 118
        assert row.applicants == (3001, 53, 0, 0, 61, 4)
        assert ApplicantCounts(natural_person=1).legal_persons is None

    def test_group_subtotal(self) -> None:
        denied = Denied(
            state_secret=ApplicantCounts(natural_person=2, total=2),
            prohibited_by_law=ApplicantCounts(natural_person=30, commercial=1, total=31),
        )
        assert denied.subtotal == ApplicantCounts(natural_person=32, commercial=1, total=33)

    def test_results_outcome_rows(self) -> None:
        paths = [p for p, _ in Results2021().outcome_rows()]
        assert len(paths) == 21
        assert paths[0] == "granted" and paths[-1] == "other.other"
        assert "total" not in paths

    def test_uniform(self) -> None:
        zero = ApplicantCounts(natural_person=0, total=0)
        results = Results2021.uniform(zero)
        assert all(r == zero for _, r in results.leaf_rows())

    def test_zeros(self) -> None:
        t = ActiveDisclosure2019.zeros()
        assert t.item1.rules.made == 0
        assert t.item5.licensing.change == 0
        assert t.item9.procurement.amount == Money(amount=Decimal(0), unit=MoneyUnit.YUAN)
        assert CaseOutcomes() != gkmodel.model.Appeals.zeros().reconsideration


class TestLocalTable:
    """Local tables (not part of the format) keep their shape and declared totals."""

    def test_shape_is_checked(self) -> None:
        with pytest.raises(CellValueError, match=r"rows\[0\].values"):
            LocalTable(columns=("项目", "数量"), rows=(LocalRow(label="a", values=(1, 2)),))

    def test_total_must_point_at_other_rows(self) -> None:
        with pytest.raises(CellValueError, match="total_of"):
            LocalTable(
                columns=("项目", "数量"), rows=(LocalRow(label="a", values=(1,), total_of=(0,)),)
            )

    def test_values(self) -> None:
        with pytest.raises(CellValueError):
            LocalRow(label="a", values=(-1,))
        with pytest.raises(CellTypeError):
            LocalRow(label="a", values=(1.5,))


class TestReport:
    """Reports of each edition, their metadata and constructors."""

    def test_edition_is_a_type(self) -> None:
        assert AnnualReport2019.empty(attrs.evolve(META, year=2020)).edition is Edition.E2019
        assert AnnualReport2021.empty(META).edition is Edition.E2021
        assert Edition.for_year(2019) is Edition.E2019
        assert Edition.for_year(2021) is Edition.E2021
        assert Edition.E2019.last_year == 2020 and Edition.E2021.last_year is None

    def test_titles(self) -> None:
        assert META.display_title == "某县人民政府2024年政府信息公开工作年度报告"
        assert attrs.evolve(META, title="另一标题").display_title == "另一标题"
        assert META.signatory == "某县人民政府"

    def test_meta_validation(self) -> None:
        with pytest.raises(CellValueError):
            ReportMeta(organ=Organ(name=" "), year=2024)
        with pytest.raises(CellTypeError):
            ReportMeta(organ=Organ(name="x"), year="2024")  # type: ignore[arg-type]
        with pytest.raises(CellTypeError):
            ReportMeta(organ=Organ(name="x"), year=2024, published=dt.datetime(2025, 1, 1))  # type: ignore[arg-type]
        with pytest.raises(CellValueError):
            Period(start=dt.date(2024, 12, 31), end=dt.date(2024, 1, 1))
        assert Period.calendar_year(2024).end == dt.date(2024, 12, 31)

    def test_levels(self) -> None:
        assert [lvl.label for lvl in OrganLevel] == [
            "乡镇/街道",
            "县级部门",
            "县级政府",
            "市级部门",
            "市级政府",
            "省级部门",
            "省级政府",
            "国务院部门",
            "其他",
        ]
        assert OrganLevel.from_label("市级政府") is OrganLevel.CITY_GOVERNMENT
        with pytest.raises(CellValueError):
            OrganLevel.from_label("村")

    def test_cell_note_path(self) -> None:
        with pytest.raises(CellValueError):
            CellNote(path="requests", text="x")

    def test_wrong_table_for_edition(self) -> None:
        with pytest.raises(TypeError):
            AnnualReport2021(meta=META, active_disclosure=ActiveDisclosure2019())  # type: ignore[arg-type]

    def test_seed(self, seed: AnnualReport2019) -> None:
        assert seed.edition is Edition.E2019
        assert seed.requests.results.total == ApplicantCounts(natural_person=4, total=4)
        assert seed.requests.new_received.commercial is None
        assert seed.active_disclosure.item9.procurement.projects == 11
        assert str(seed.active_disclosure.item9.procurement.amount) == "185.5897万元"
        table = seed.overview.tables()[0]
        assert [r.values[0] for r in table.parts_of(0)] == [51, 322, 36, 7, 21, 13]


def test_facade_names_resolve() -> None:
    """Every public name of ``gkmodel`` resolves (the checker's names lazily)."""
    for name in gkmodel.__all__:
        assert getattr(gkmodel, name) is not None, name
    assert len(set(gkmodel.__all__)) == len(gkmodel.__all__)
    with pytest.raises(AttributeError):
        gkmodel.no_such_name  # noqa: B018


def test_facade_is_small_and_model_classes_moved() -> None:
    """The facade exports the verbs, the report classes, the errors and a few types; every
    other class of the model is in gkmodel.model, and its old name here warns and resolves."""
    import gkmodel.model

    assert "ApplicantCounts" not in gkmodel.__all__
    assert not [n for n in gkmodel.__all__ if n.startswith("Item")]
    assert {"AnnualReport2019", "AnnualReport2021", "check", "read", "GkmodelError"} <= set(
        gkmodel.__all__
    )
    assert len(gkmodel.__all__) == 57  # with audit_one, AuditRecord and the argument errors
    assert {"audit_one", "AuditRecord"} <= set(gkmodel.__all__)
    with pytest.warns(DeprecationWarning, match="import it from gkmodel.model"):
        assert gkmodel.Item5_2021 is gkmodel.model.Item5_2021  # type: ignore[attr-defined]
    assert gkmodel.model.Licensing2021 is gkmodel.model.Item5_2021
    assert gkmodel.model.Fees2019 is gkmodel.model.Item8_2019
