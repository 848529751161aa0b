"""The cells export contract: one record per cell with the official labels."""

from __future__ import annotations

import json

import attrs
from hypothesis import given, settings

from gkmodel import AnnualReport, AnnualReport2019
from gkmodel.io.cells import CELL_KEYS, dumps_cells, to_cells
from gkmodel.model import CellNote
from gkmodel.model.layout import get_path
from gkmodel.testing import reports


class TestCells:
    """Records for the seed report, asserted exactly."""

    def test_counts(self, seed: AnnualReport2019) -> None:
        cells = to_cells(seed)
        assert len(cells) == 22 + 161 + 15
        assert [c["table"] for c in cells].count("三") == 161

    def test_contract_examples(self, seed: AnnualReport2019) -> None:
        cells = to_cells(seed)
        by = {(c["table"], c["row"], c["column"]): c for c in cells}
        assert by[("三", "三、本年度办理结果/（三）不予公开/1.属于国家秘密", "自然人")] == {
            "table": "三",
            "row": "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            "column": "自然人",
            "value": 0,
            "path": "$.requests.results.denied.state_secret.natural_person",
        }
        assert by[("三", "三、本年度办理结果/（七）总计", "总计")]["value"] == 4
        assert by[("三", "一、本年新收政府信息公开申请数量", "商业企业")]["value"] is None
        assert by[("二", "第二十条第（一）项/规章", "本年新制作数量")]["value"] == 0
        assert by[("二", "第二十条第（九）项/政府集中采购", "采购总金额")] == {
            "table": "二",
            "row": "第二十条第（九）项/政府集中采购",
            "column": "采购总金额",
            "value": "185.5897",
            "path": "$.active_disclosure.item9.procurement.amount",
            "unit": "万元",
        }
        assert by[("四", "行政诉讼/复议后起诉", "总计")]["value"] == 0
        assert {c["row"] for c in cells if c["table"] == "四"} == {
            "行政复议",
            "行政诉讼/未经复议直接起诉",
            "行政诉讼/复议后起诉",
        }

    def test_json_lines(self, seed: AnnualReport2019) -> None:
        lines = dumps_cells(seed).splitlines()
        assert len(lines) == 198
        first = json.loads(lines[0])
        assert tuple(first) == CELL_KEYS
        assert lines[0] == (
            '{"table": "二", "row": "第二十条第（一）项/规章", "column": "本年新制作数量", '
            '"value": 0, "path": "$.active_disclosure.item1.rules.made"}'
        )

    def test_notes(self, seed: AnnualReport2019) -> None:
        path = "$.active_disclosure.item1.normative.total_published"
        noted = attrs.evolve(seed, cell_notes=(CellNote(path=path, text="含自然失效 29 件"),))
        [cell] = [c for c in to_cells(noted) if c["path"] == path]
        assert cell["note"] == "含自然失效 29 件"

    @settings(max_examples=30, deadline=None)
    @given(reports())
    def test_values_are_the_model(self, report: AnnualReport) -> None:
        for c in to_cells(report):
            value = get_path(report, tuple(c["path"][2:].split(".")))
            if "unit" in c:
                assert (c["value"], c["unit"]) == (format(value.amount, "f"), value.unit.value)
            else:
                assert c["value"] == value
