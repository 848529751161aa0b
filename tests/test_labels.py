"""The model's labels, held character for character against the format specification.

The expected labels are parsed out of ``tests/data/spec/format-spec.md`` (a
copy of the project's specification), never typed a second time here.
"""

from __future__ import annotations

import re

import pytest

from gkmodel.model import (
    ActiveDisclosure2019,
    ActiveDisclosure2021,
    AnnualReport2019,
    AnnualReport2021,
    Appeals,
    ApplicantCounts,
    Requests2019,
    Requests2021,
)
from gkmodel.model.layout import outline, report_cells, sections, table_rows

TREE = re.compile(r"^[\s│├└─]*")


def _block_after(text: str, marker: str) -> list[str]:
    """The lines of the first fenced code block after ``marker``."""
    start = text.index(marker)
    fence = text.index("```\n", start) + 4
    end = text.index("```", fence)
    return [line for line in text[fence:end].splitlines() if line.strip()]


def _spec_rows(lines: list[str]) -> list[tuple[int, str]]:
    """(depth, label) of each row line of a table 三 hierarchy block."""
    out = []
    for line in lines:
        body = re.sub(r"\s*\[[^\]]*\]\s*$", "", line)
        depth = (len(body) - len(body.lstrip(" "))) // 4
        out.append((depth, body.strip()))
    return out


def _spec_table3(spec: str, edition: str) -> list[tuple[int, str]]:
    rows = _spec_rows(_block_after(spec, "**Row hierarchy**"))
    if edition == "2021":
        replacement = _spec_rows(_block_after(spec, "### 4.4 Table 三"))
        replacement = [
            r for r in replacement if r[1] != "（七）总计" and not r[1].startswith("四、")
        ]
        at = next(i for i, r in enumerate(rows) if r[1] == "（六）其他处理")
        rows[at : at + 1] = replacement
    return rows


class TestTable3:
    """Table 三: rows, groups, columns and the reconciliation note."""

    @pytest.mark.parametrize(("cls", "edition"), [(Requests2019, "2019"), (Requests2021, "2021")])
    def test_rows_and_groups_match_spec(self, spec_text: str, cls: type, edition: str) -> None:
        model = [(i.depth, i.info.label) for i in outline(cls)]
        assert model == _spec_table3(spec_text, edition)

    @pytest.mark.parametrize(
        ("cls", "data_rows", "span"), [(Requests2019, 23, 20), (Requests2021, 25, 22)]
    )
    def test_row_counts_and_spans(self, cls: type, data_rows: int, span: int) -> None:
        assert len(table_rows(cls)) == data_rows
        results = next(i for i in outline(cls) if i.info.label == "三、本年度办理结果")
        assert results.span == span

    def test_columns_match_spec(self, spec_text: str) -> None:
        lines = _block_after(spec_text, "**Column hierarchy**")
        labels = [TREE.sub("", line).strip() for line in lines]
        assert labels[0] == Requests2021.COLUMN_HEADER
        model: list[str] = []
        for _, info in table_rows(Requests2021)[0].columns:
            if info.group and info.group not in model:
                model.append(info.group)
            model.append(info.label)
        assert model == labels[1:]
        assert [info.group for _, info in table_rows(Requests2019)[0].columns] == [
            None,
            *["法人或其他组织"] * 5,
            None,
        ]

    def test_reconciliation_note(self, spec_text: str) -> None:
        note = re.search(r"verbatim:\n`([^`]+)`", spec_text)
        assert note is not None
        assert note.group(1) == Requests2019.HEADER_NOTE == Requests2021.HEADER_NOTE

    def test_cell_count(self) -> None:
        assert sum(c.table == "三" for c in report_cells(AnnualReport2019)) == 161
        assert sum(c.table == "三" for c in report_cells(AnnualReport2021)) == 175


class TestTable4:
    """Table 四: the same 15 cells in both editions."""

    def test_labels_match_spec(self, spec_text: str) -> None:
        lines = _block_after(spec_text, "### 3.5 Table 四")
        tokens = re.findall(r"[\u4e00-\u9fff]+", " ".join(lines))
        leaves = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        assert tokens == [
            "行政复议",
            "行政诉讼",
            *leaves,
            "未经复议直接起诉",
            "复议后起诉",
            *leaves * 2,
        ]
        rows = table_rows(Appeals)
        assert [r.label for r in rows] == [
            "行政复议",
            "行政诉讼/未经复议直接起诉",
            "行政诉讼/复议后起诉",
        ]
        for r in rows:
            assert [info.label for _, info in r.columns] == leaves

    def test_cell_count(self) -> None:
        for cls in (AnnualReport2019, AnnualReport2021):
            assert sum(c.table == "四" for c in report_cells(cls)) == 15


def _spec_table2(spec: str, heading: str) -> list[tuple[str, list[str], list[str]]]:
    start = spec.index(heading)
    body = spec[start : spec.index("\n#", start + 1)]
    out = []
    for line in body.splitlines():
        if line.startswith("| `第二十条"):
            cells = line.split("|")[1:4]
            caption, columns, rows = (re.findall(r"`([^`]+)`", c) for c in cells)
            out.append((caption[0], columns, rows))
    return out


class TestTable2:
    """Table 二: sub-table captions, column headers and row labels of each edition."""

    @pytest.mark.parametrize(
        ("cls", "heading", "cells"),
        [
            (ActiveDisclosure2019, "### 3.3 Table 二", 22),
            (ActiveDisclosure2021, "### 4.3 Table 二", 10),
        ],
    )
    def test_labels_match_spec(self, spec_text: str, cls: type, heading: str, cells: int) -> None:
        expected = _spec_table2(spec_text, heading)
        model = []
        for group in (i for i in outline(cls) if i.depth == 0):
            rows = [r for r in table_rows(cls) if r.path[0] == group.path[0]]
            model.append(
                (
                    group.info.label,
                    [info.label for _, info in rows[0].columns],
                    [r.labels[-1] for r in rows],
                )
            )
        assert model == expected
        assert sum(len(r.columns) for r in table_rows(cls)) == cells

    def test_first_column(self, spec_text: str) -> None:
        assert "first column header `信息内容`" in spec_text
        assert ActiveDisclosure2019.FIRST_COLUMN == ActiveDisclosure2021.FIRST_COLUMN == "信息内容"


class TestSections:
    """The six section headings, common to both editions."""

    def test_headings_match_spec(self, spec_text: str) -> None:
        start = spec_text.index("## 2. Report skeleton")
        expected = re.findall(r"^\| [一二三四五六] \| `([^`]+)`", spec_text[start:], re.M)
        for cls in (AnnualReport2019, AnnualReport2021):
            assert [s.heading for s in sections(cls)] == expected


class TestMetadata:
    """Every declared field carries an English gloss and a legal basis."""

    @pytest.mark.parametrize("cls", [AnnualReport2019, AnnualReport2021])
    def test_every_cell_has_basis(self, cls: type) -> None:
        for cell in report_cells(cls):
            assert cell.column.basis, cell.model_path
            assert cell.column.en, cell.model_path
            for info in cell.row_spec.infos:
                assert info.basis and info.en, cell.model_path

    def test_keys_are_unique_per_row(self) -> None:
        names = [name for name, _ in table_rows(Requests2021)[0].columns]
        assert names == [
            "natural_person",
            "commercial",
            "research",
            "public_interest",
            "legal_services",
            "other",
            "total",
        ]
        assert table_rows(Requests2021)[0].cls is ApplicantCounts
