"""JSON Schema: valid draft 2020-12, labels as titles, and every canonical report validates."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

from gkmodel import AnnualReport, AnnualReport2019, Edition
from gkmodel.io.json import to_data
from gkmodel.io.schema import json_schema
from gkmodel.model.layout import report_cells
from gkmodel.testing import reports

from .conftest import EXAMPLES


def _validator(edition: Edition | None) -> jsonschema.Draft202012Validator:
    schema = json_schema(edition)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


class TestSchema:
    """The schema describes exactly the canonical JSON."""

    @pytest.mark.parametrize("name", ["shangguan_2020.json", "huaian_2024.json"])
    def test_examples_validate(self, name: str) -> None:
        data = json.loads((EXAMPLES / "data" / name).read_text(encoding="utf-8"))
        _validator(None).validate(data)
        _validator(Edition(data["edition"])).validate(data)
        other = Edition.E2021 if data["edition"] == "2019" else Edition.E2019
        assert not _validator(other).is_valid(data)

    @settings(max_examples=60, deadline=None)
    @given(reports())
    def test_generated_reports_validate(self, report: AnnualReport) -> None:
        _validator(None).validate(to_data(report))
        _validator(report.edition).validate(to_data(report))

    def test_rejects_what_loads_rejects(self, seed: AnnualReport2019) -> None:
        data = to_data(seed)
        v = _validator(Edition.E2019)
        data["requests"]["new_received"]["natural_person"] = -1
        assert not v.is_valid(data)
        data["requests"]["new_received"]["natural_person"] = 1
        data["requests"]["new_received"]["bogus"] = 1
        assert not v.is_valid(data)

    def test_fee_unit_is_fixed_in_2021(self) -> None:
        s = json_schema(Edition.E2021)
        fee = s["$defs"]["FeeAmountRow2021"]["properties"]["amount"]
        assert fee["title"] == "本年收费金额（单位：万元）"
        assert {"properties": {"unit": {"const": "万元"}}} in fee["anyOf"][0]["allOf"]

    @pytest.mark.parametrize("edition", list(Edition))
    def test_titles_are_labels(self, edition: Edition) -> None:
        s = json_schema(edition)
        assert s["title"].endswith(f"{edition.document}）")
        labels = {c.column.label for c in report_cells(_report_class(edition))}
        titles = {
            p.get("title") for d in s["$defs"].values() for p in d.get("properties", {}).values()
        }
        assert labels <= titles
        desc = s["$defs"]["ApplicantCounts"]["properties"]["natural_person"]["description"]
        assert "条例第五十条第（二）项" in desc


def _report_class(edition: Edition) -> type:
    from gkmodel.model import REPORT_CLASSES

    return REPORT_CLASSES[edition]
