"""The audit view (a report with its findings marked) and the audit index of a batch."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import attrs
import pytest

import gkmodel
from gkmodel.batch import audit
from gkmodel.cli import main
from gkmodel.io.cells import to_cells
from gkmodel.model import Narrative, OtherMatters
from gkmodel.renderers import audit_index
from gkmodel.renderers.audit_view import render_audit_view

from .conftest import CORPUS, SEED_JSON

SEED_ERROR_CELLS = ("$.requests.results.total.natural_person", "$.requests.results.total.total")


def _tds(page: str) -> dict[str, str]:
    """Every value cell's opening tag, by data-path."""
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<td class="gk-value"[^>]*data-path="([^"]*)"[^>]*>', page)
    }


class TestAuditView:
    """``render(report, to="html", findings=...)`` marks the findings where they are."""

    def test_every_table_cell_carries_its_cells_export_path(self) -> None:
        seed = gkmodel.load(SEED_JSON)
        page = gkmodel.render(seed, to="html", findings=gkmodel.check(seed))
        assert set(_tds(page)) == {c["path"] for c in to_cells(seed)}

    def test_seed_published_error_is_marked(self) -> None:
        seed = gkmodel.load(SEED_JSON)
        tds = _tds(gkmodel.render(seed, to="html", findings=gkmodel.check(seed)))
        for path in SEED_ERROR_CELLS:
            assert 'data-findings="T3-REC T3-TOT R-REPAIR"' in tds[path]
            assert 'data-severity="inconsistency"' in tds[path]
        marked = {p for p, td in tds.items() if 'data-severity="inconsistency"' in td}
        assert marked == set(SEED_ERROR_CELLS)

    def test_numbered_list_under_table_three_links_to_the_cells(self) -> None:
        seed = gkmodel.load(SEED_JSON)
        page = gkmodel.render(seed, to="html", findings=gkmodel.check(seed))
        after = page.split('data-table="三"')[1].split("</table></div>")[1]
        items = re.findall(
            r'<li id="gk-finding-(\d+)" value="(\d+)" data-code="([^"]+)"',
            after.split("</ol>")[0],
        )
        # Each item shows its own number (the list of a table is not consecutive).
        assert items == [("1", "1", "T3-REC"), ("2", "2", "T3-REC"), ("3", "3", "T3-TOT"),
                         ("4", "4", "T3-TOT"), ("6", "6", "R-BLANK"), ("8", "8", "R-REPAIR"),
                         ("9", "9", "R-REPAIR")]  # fmt: skip
        assert "start=" not in page
        cell_id = re.search(
            r'id="(gk-cell-\d+)" data-path="\$\.requests\.results\.total\.natural_person"', page
        )
        assert cell_id is not None
        assert f'href="#{cell_id.group(1)}"' in after
        # the repair hint is in the list and on hover
        assert "修正建议：表三“三、本年度办理结果/（七）总计”×“自然人”报告为 4；若为 0" in after

    def test_findings_outside_the_tables_are_listed_at_the_top(self) -> None:
        seed = gkmodel.load(SEED_JSON)
        page = gkmodel.render(seed, to="html", findings=gkmodel.check(seed))
        summary = page.split('<section class="gk-summary"')[1].split("</section>")[0]
        assert re.findall(r'data-code="([^"]+)"', summary) == ["R-EARLY", "R-ENUM"]
        assert "不一致 4" in summary and "警告 1" in summary and "提示 4" in summary

    def test_narrative_sentence_behind_an_n_finding_is_marked(self) -> None:
        report = gkmodel.read(CORPUS / "2024_hongze-quzf_1.txt").report
        page = render_audit_view(report, gkmodel.check(report))
        [mark] = re.findall(r"<mark [^>]*>.*?</mark>", page)
        assert 'data-findings="N-RECEIVED" data-severity="warning"' in mark
        assert "区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。" in mark
        td = _tds(page)["$.requests.new_received.total"]
        assert 'data-findings="N-RECEIVED"' in td

    def test_without_findings_nothing_is_marked(self) -> None:
        report = gkmodel.load("examples/data/huaian_2024.json")
        page = gkmodel.render(report, to="html", findings=())
        assert "data-findings=" not in page
        assert "未发现问题。" in page

    def test_a_report_read_in_part_is_not_called_clean(self) -> None:
        result = gkmodel.read(CORPUS / "2025_shanghai-bgt_1.txt")
        findings = gkmodel.check(result.report, unread=result.unread)
        assert findings == ()
        page = render_audit_view(result.report, findings, unreadable=result.unreadable_cells)
        assert "审核结果</strong>：可读取的部分未发现问题。" in page
        assert "未发现问题。</p>" not in page.replace("可读取的部分未发现问题。</p>", "")

    def test_hostile_text_is_escaped(self) -> None:
        seed = gkmodel.load(SEED_JSON)
        evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
        report = attrs.evolve(
            seed,
            overview=Narrative(content=(f"{evil}全年共收到政府信息公开申请七十件。",)),
            other_matters=OtherMatters(),
            meta=attrs.evolve(seed.meta, preface=(evil,)),
        )
        page = render_audit_view(report, gkmodel.check(report), embed_json=False)
        assert "<script>alert" not in page and "<img" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert 'data-findings="N-RECEIVED"' in page

    def test_english_and_fragment(self) -> None:
        seed = gkmodel.load(SEED_JSON)
        page = gkmodel.render(seed, to="html", fragment=True, lang="en",
                              findings=gkmodel.check(seed, lang="en"))  # fmt: skip
        assert page.startswith('<article class="gk-report gk-audit"')
        assert "inconsistency 4" in page
        assert "Repair hint" in page


class TestCheckHtml:
    """``gkmodel check FILE --html OUT``."""

    def test_writes_the_audit_view_and_keeps_the_exit_status(self, tmp_path: Path) -> None:
        out = io.StringIO()
        target = tmp_path / "sub" / "seed.html"
        assert main(["check", str(SEED_JSON), "--html", str(target)], stdout=out) == 1
        tds = _tds(target.read_text(encoding="utf-8"))
        for path in SEED_ERROR_CELLS:
            assert 'data-severity="inconsistency"' in tds[path]
        assert "T3-REC" in out.getvalue()

    def test_select_applies_to_the_view(self, tmp_path: Path) -> None:
        target = tmp_path / "seed.html"
        main(["check", str(SEED_JSON), "--select", "T3-TOT", "--html", str(target)],
             stdout=io.StringIO())  # fmt: skip
        tds = _tds(target.read_text(encoding="utf-8"))
        assert 'data-findings="T3-TOT"' in tds[SEED_ERROR_CELLS[0]]


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    assert main(["audit", str(CORPUS), "-o", str(out)], stdout=io.StringIO()) == 0
    return out


class TestAuditIndex:
    """``gkmodel audit … -o DIR`` writes ``DIR/index.html`` and a view of each report."""

    def test_index_lists_every_report_with_a_link_to_its_view(self, audited: Path) -> None:
        page = (audited / "index.html").read_text(encoding="utf-8")
        rows = re.findall(r'<tr data-status="ok">(.*?)</tr>', page)
        assert len(rows) == 9
        [partial] = re.findall(r'<tr data-status="partial">(.*?)</tr>', page)
        assert "2025_shanghai-bgt_1.txt" in partial
        assert "<td>部分读取：6个单元格无法读取</td>" in partial  # six cells of 表二 unreadable
        links = re.findall(r'<a href="(views/[^"]+)">审核视图</a>', page)
        assert len(links) == 10
        for link in links:
            assert (audited / link).is_file()
        [hongze] = [r for r in rows if "2020_shangguan-xiang.txt" in r]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", hongze)
        assert cells[:8] == ["杭州市富阳区上官乡人民政府", "2020", "2019", "已读取", "0", "4", "1",
                             "4"]  # fmt: skip

    def test_index_counts_agree_with_files_csv(self, audited: Path) -> None:
        page = (audited / "index.html").read_text(encoding="utf-8")
        with (audited / "files.csv").open(encoding="utf-8-sig") as f:
            files = list(csv.DictReader(f))
        for row in files:
            [tr] = [r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", page) if row["file"] in r]
            values = re.findall(r"<td[^>]*>(.*?)</td>", tr)
            assert values[4:8] == [row["errors"], row["inconsistencies"], row["warnings"],
                                   row["infos"]]  # fmt: skip

    def test_plots_inline_svg(self, audited: Path) -> None:
        page = (audited / "index.html").read_text(encoding="utf-8")
        assert page.count("<svg") == 3
        assert "<?xml" not in page and "http://" not in page.split("<svg")[0]
        for title in (
            "各规则的发现数",
            "各年度报告数（按状态）",
            "本年新收申请数的分布（表三 一 × 总计）",
        ):
            assert f"<figcaption>{title}</figcaption>" in page

    def test_view_marks_the_published_error(self, audited: Path) -> None:
        [view] = (audited / "views").glob("*2020_shangguan-xiang.html")
        tds = _tds(view.read_text(encoding="utf-8"))
        assert all('data-severity="inconsistency"' in tds[p] for p in SEED_ERROR_CELLS)

    def test_without_the_plots_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(audit_index, "plots_available", lambda: False)
        audit([SEED_JSON], out_dir=tmp_path, index=True)
        page = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert "<svg" not in page
        assert "未安装绘图扩展（pip install &#x27;gkmodel[plots]&#x27;），图表从略。" in page
        assert len(re.findall(r'<a href="views/', page)) == 1

    def test_library_audit_writes_no_index_by_default(self, tmp_path: Path) -> None:
        audit([SEED_JSON], out_dir=tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            ".audit-state", "cells.csv", "files.csv", "findings.csv"]  # fmt: skip

    def test_no_index_option(self, tmp_path: Path) -> None:
        main(["audit", str(SEED_JSON), "-o", str(tmp_path), "--no-index"], stdout=io.StringIO())
        assert not (tmp_path / "index.html").exists()

    def test_unreadable_folder_is_a_gkmodel_error(self, tmp_path: Path) -> None:
        with pytest.raises(gkmodel.GkmodelError, match=r"files\.csv: cannot read"):
            audit_index.write_audit_index(tmp_path)


def test_a_report_read_in_part_says_so(tmp_path: Path) -> None:
    """Cells a reader could not read are marked as unread, and the view says the report was read
    only in part: a reading problem is never shown as a blank of the published report."""
    source = CORPUS / "2025_shanghai-bgt_1.txt"
    result = gkmodel.read(source)
    unread = result.unreadable_cells
    assert len(unread) == 6
    page = render_audit_view(result.report, gkmodel.check(result.report), unreadable=unread)
    assert 'data-unread-count="6"' in page
    assert "仅部分读取：6 个表格单元格无法读取" in page
    marked = re.findall(r'<td class="gk-value gk-unread"[^>]*data-path="([^"]+)"', page)
    assert sorted(marked) == sorted(unread)
    whole = render_audit_view(result.report, gkmodel.check(result.report))
    assert "gk-unread" not in whole.split("</style>")[1]
    out = tmp_path / "view.html"
    assert (
        main(["check", str(source), "--html", str(out), "--lang", "en"], stdout=io.StringIO()) == 3
    )
    text = out.read_text(encoding="utf-8")
    assert "Read only in part: 6 table cells could not be read" in text
    assert len(re.findall(r"<td class=\"gk-value gk-unread\"", text)) == 6
