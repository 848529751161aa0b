"""The rule catalogue: every 勾稽 rule and plausibility check, declared once.

Each :class:`Rule` has a stable ``code``, a :class:`Severity`, a formula, its
legal basis, a zh-CN and an English title and message template, and its
``form``: the equation(s) it states over row and column selectors
(:mod:`gkmodel.rules.forms`), or, for a rule that is no equation, the named
function that checks it.  The checker evaluates the forms; the CLI, the rule
catalogue page of the docs and its examples all read :data:`RULES`.  A new
rule is one more declaration here (and, when it is no equation, its
function).

>>> RULES["T3-REC"].severity
<Severity.INCONSISTENCY: 'inconsistency'>
>>> RULES["T3-REC"].title
'表三每列：一 + 二 = 三（七）总计 + 四'
>>> RULES["T4-REV"].form
EachRow(rows=Rows(under='appeals.reconsideration', without=()), total='total')
"""

from __future__ import annotations

from gkmodel.model.common import Organ
from gkmodel.rules._narrative_rules import narrative_rules
from gkmodel.rules._rule import Rule, Scope, Severity
from gkmodel.rules.forms import (
    AcrossYears,
    AtMost,
    EachColumn,
    EachColumnAcrossYears,
    EachRow,
    Function,
    Internal,
    LocalTotals,
    Repairs,
    Rows,
    Term,
)

__all__ = ["RULES", "Rule", "Scope", "Severity"]


def _checks(name: str) -> Function:
    """A rule checked by the function ``name`` of :mod:`gkmodel.rules.checks`."""
    return Function(f"gkmodel.rules.checks:{name}")


_CELL = "{table_label}“{row}”×“{column}”"
_CELL_EN = "{table_label_en}“{row}” × “{column}”"


_T3 = "年报格式 表三"
_T4 = "年报格式 表四"


_DECLARED: tuple[Rule, ...] = (
    Rule(
        code="T3-REC",
        severity=Severity.INCONSISTENCY,
        title="表三每列：一 + 二 = 三（七）总计 + 四",
        title_en="Table 三, each column: new + carried over = results total + carried forward",
        formula="∀c: X[一][c] + X[二][c] = X[（七）总计][c] + X[四][c]",
        basis=f"{_T3}表头注“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”",
        message="表三“{column}”列：一 + 二 = {reported}，三（七）总计 + 四 = {computed}，相差 {difference}。",
        message_en=(
            "Table 三, column “{column}”: new + carried over = {reported}, "
            "results total + carried forward = {computed} (difference {difference})."
        ),
        stated=True,
        form=EachColumn(
            lhs=(Rows("requests.new_received"), Rows("requests.carried_over")),
            rhs=(Rows("requests.results.total"), Rows("requests.carried_forward")),
            focus=Rows("requests.results.total"),
        ),
    ),
    Rule(
        code="T3-TOT",
        severity=Severity.INCONSISTENCY,
        title="表三每列：（七）总计 = 各项办理结果之和",
        title_en="Table 三, each column: （七）总计 = the sum of every outcome row",
        formula="∀c: X[（七）总计][c] = Σ 办理结果各行 X[r][c]（2019年版（六）为一行，2021年版为三行）",
        basis=f"{_T3}“（七）总计”（由标签推出）",
        message=_CELL + "：报告值 {reported}，各项办理结果合计 {computed}，相差 {difference}。",
        message_en=_CELL_EN + ": reported {reported}, the outcome rows add up to {computed} "
        "(difference {difference}).",
        form=EachColumn(
            lhs=(Rows("requests.results.total"),),
            rhs=(Rows("requests.results", without=("total",)),),
            focus=Rows("requests.results.total"),
        ),
    ),
    Rule(
        code="T3-ROW",
        severity=Severity.INCONSISTENCY,
        title="表三每行：总计 = 六类申请人之和",
        title_en="Table 三, each row: 总计 = the six applicant columns",
        formula="∀r: X[r][总计] = X[r][自然人] + Σ 法人或其他组织五列 X[r][c]",
        basis=f"{_T3}“总计”列（由标签推出）",
        message=_CELL + "：报告值 {reported}，六类申请人合计 {computed}，相差 {difference}。",
        message_en=_CELL_EN + ": reported {reported}, the six applicant columns add up to "
        "{computed} (difference {difference}).",
        form=EachRow(Rows("requests")),
    ),
    Rule(
        code="T4-REV",
        severity=Severity.INCONSISTENCY,
        title="表四 行政复议：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        title_en="Table 四, reconsideration: 总计 = upheld + corrected + other + pending",
        formula="复议.总计 = 复议.结果维持 + 复议.结果纠正 + 复议.其他结果 + 复议.尚未审结",
        basis=f"{_T4}“总计”（由标签推出）",
        message=_CELL + "：报告值 {reported}，四项结果合计 {computed}，相差 {difference}。",
        message_en=_CELL_EN + ": reported {reported}, the four results add up to {computed} "
        "(difference {difference}).",
        form=EachRow(Rows("appeals.reconsideration")),
    ),
    Rule(
        code="T4-LIT-D",
        severity=Severity.INCONSISTENCY,
        title="表四 未经复议直接起诉：总计 = 四项结果之和",
        title_en="Table 四, lawsuits filed directly: 总计 = the four results",
        formula="直诉.总计 = 直诉.结果维持 + 直诉.结果纠正 + 直诉.其他结果 + 直诉.尚未审结",
        basis=f"{_T4}“总计”（由标签推出）",
        message=_CELL + "：报告值 {reported}，四项结果合计 {computed}，相差 {difference}。",
        message_en=_CELL_EN + ": reported {reported}, the four results add up to {computed} "
        "(difference {difference}).",
        form=EachRow(Rows("appeals.litigation.direct")),
    ),
    Rule(
        code="T4-LIT-R",
        severity=Severity.INCONSISTENCY,
        title="表四 复议后起诉：总计 = 四项结果之和",
        title_en="Table 四, lawsuits after reconsideration: 总计 = the four results",
        formula="复诉.总计 = 复诉.结果维持 + 复诉.结果纠正 + 复诉.其他结果 + 复诉.尚未审结",
        basis=f"{_T4}“总计”（由标签推出）",
        message=_CELL + "：报告值 {reported}，四项结果合计 {computed}，相差 {difference}。",
        message_en=_CELL_EN + ": reported {reported}, the four results add up to {computed} "
        "(difference {difference}).",
        form=EachRow(Rows("appeals.litigation.after_reconsideration")),
    ),
    Rule(
        code="T2-PUB",
        severity=Severity.WARNING,
        title="表二（2019年版）：本年新公开数量 ≤ 对外公开总数量",
        title_en="Table 二 (2019 edition): newly disclosed ≤ disclosed in total",
        formula="∀r∈{规章, 规范性文件}: X[r][本年新公开数量] ≤ X[r][对外公开总数量]",
        basis="年报格式（2019年版）表二 第二十条第（一）项（合理性检查）",
        message=_CELL + "：{reported} 大于“对外公开总数量” {computed}。",
        message_en=_CELL_EN + ": {reported} is more than the total disclosed, {computed}.",
        form=AtMost(Rows("active_disclosure.item1"), cell="published", bound="total_published"),
    ),
    Rule(
        code="T2-REGS",
        severity=Severity.WARNING,
        title="表二：无规章制定权的机关，规章一行通常为 0",
        title_en="Table 二: organs without rule-making power normally report 0 rules",
        formula="机关层级 ∉ {省级政府, 市级政府, 国务院部门} ⇒ X[规章][c] = 0",
        basis="《立法法》规章制定权；年报格式 表二 第二十条第（一）项（合理性检查）",
        message=_CELL + "：{organ_level}一般无规章制定权，却报告 {reported}。",
        message_en=_CELL_EN
        + ": a {organ_level_en} normally makes no rules, yet reports {reported}.",
        form=_checks("rules_without_power"),
    ),
    Rule(
        code="T2-MONEY",
        severity=Severity.WARNING,
        title="金额的小数位不应细于“分”",
        title_en="Amounts are not given more precisely than one fen",
        formula="元 ≤ 2 位小数；万元 ≤ 6 位；亿元 ≤ 10 位",
        basis="条例第四十二条、年报格式 表二（金额以元/万元计）",
        message=_CELL + "：金额 {reported} 的小数位细于“分”。",
        message_en=_CELL_EN + ": the amount {reported} is more precise than one fen.",
        form=_checks("money_precision"),
    ),
    Rule(
        code="LT-TOTAL",
        severity=Severity.INCONSISTENCY,
        title="自拟表格：合计行 = 其组成各行之和",
        title_en="Local table: a total row equals the sum of its parts",
        formula="∀ 声明为合计的行 t, ∀c: X[t][c] = Σ_{r∈parts(t)} X[r][c]",
        basis="报告自拟表格中声明的合计关系",
        message="“{row}”×“{column}”：报告值 {reported}，组成各行合计 {computed}，相差 {difference}。",
        message_en="“{row}” × “{column}”: reported {reported}, its parts add up to {computed} "
        "(difference {difference}).",
        form=LocalTotals(),
    ),
    # -- the narrative against the tables (gkmodel.rules.narrative) --------------------
    *narrative_rules(),
    Rule(
        code="R-EDITION",
        severity=Severity.ERROR,
        title="格式版本须与报告年度相符",
        title_en="The edition matches the report year",
        formula="2019–2020年度 → 2019年版；2021年度起 → 2021年版",
        basis="国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
        message="{year}年度报告应使用{expected}年版格式，实际为{actual}年版。",
        message_en="A report on {year} must use the {expected} edition, not the {actual} edition.",
        form=_checks("edition_of_year"),
    ),
    Rule(
        code="R-PERIOD",
        severity=Severity.WARNING,
        title="统计期限应在报告年度之内",
        title_en="The statistical period lies within the report year",
        formula="年度1月1日 ≤ 期限起 ≤ 期限止 ≤ 年度12月31日",
        basis="条例第四十九条（上一年度）",
        message="统计期限 {start}至{end} 不在{year}年度之内。",
        message_en="The period {start} to {end} is not within {year}.",
        form=_checks("period_within_year"),
    ),
    Rule(
        code="R-EARLY",
        severity=Severity.WARNING,
        title="发布日期应在统计期限结束之后",
        title_en="The report is dated after its period ends",
        formula="发布日期 > 统计期限止（未载明时为年度12月31日）",
        basis="条例第四十九条",
        message="报告日期 {published} 不晚于统计期限结束日 {end}。",
        message_en="The report is dated {published}, not after its period ends on {end}.",
        form=_checks("dated_after_period"),
    ),
    Rule(
        code="R-DEADLINE",
        severity=Severity.WARNING,
        title="按法定期限发布（部门1月31日前，县级以上地方人民政府3月31日前）",
        title_en="Published by the statutory deadline (departments 31 Jan, local governments 31 Mar)",
        formula="县级以上人民政府部门：发布日期 ≤ 次年1月31日；县级以上地方人民政府：≤ 次年3月31日",
        basis="条例第四十九条",
        message="{organ_level}的年报应于{deadline}前公布，报告日期为 {published}。",
        message_en="A {organ_level_en} must publish by {deadline}; the report is dated {published}.",
        form=_checks("statutory_deadline"),
    ),
    Rule(
        code="R-BLANK",
        severity=Severity.INFO,
        title="空白单元格（未填写，不视为 0）",
        title_en="Blank cells (not filled in; not taken as 0)",
        formula="X[r][c] 为空",
        basis="格式未规定空白与 0 的关系（规范说明 §7）",
        message="{table_label}有 {reported} 个空白单元格{treatment}。",
        message_en="Table {table} has {reported} blank {cells_en}{treatment_en}.",
        form=_checks("blank_cells"),
    ),
    Rule(
        code="R-SECTION",
        severity=Severity.WARNING,
        title="2021年版：各部分不能遗漏（正文部分为空）",
        title_en="2021 edition: no part is left out (a text section is empty)",
        formula="2021年版：一、五、六 各部分有正文或小节",
        basis="年报格式（2021年版）一、报告内容：“不能遗漏，也不宜泛化”",
        message="“{row}”没有内容（2021年版格式要求各部分不能遗漏）。",
        message_en="Section “{row}” is empty (the 2021 edition says no part may be left out).",
        stated=True,
        form=_checks("empty_sections_2021"),
    ),
    Rule(
        code="R-TABLE",
        severity=Severity.WARNING,
        title="2021年版：各部分不能遗漏（表格全部空白）",
        title_en="2021 edition: no part is left out (a table is blank in every cell)",
        formula="2021年版：表二、表三、表四 各至少填写一个单元格",
        basis="年报格式（2021年版）一、报告内容：“不能遗漏，也不宜泛化”",
        message="{table_label}的 {reported} 个单元格全部空白（2021年版格式要求各部分不能遗漏）。",
        message_en="Table {table} is blank in all {reported} cells (the 2021 edition says no part "
        "may be left out).",
        stated=True,
        form=_checks("blank_tables_2021"),
    ),
    Rule(
        code="R-ENUM",
        severity=Severity.INFO,
        title="“一是、二是……”列举序号不连续",
        title_en="An enumeration 一是/二是/… skips a number",
        formula="段落中“X是”序号依次为 一、二、三……",
        basis="行文规范（非格式规定）",
        message="“{row}”中列举序号为 {found}，缺少 {missing}。",
        message_en="In “{row}” the enumeration runs {found}; {missing} is missing.",
        form=_checks("enumerations"),
    ),
    Rule(
        code="R-REPAIR",
        severity=Severity.INFO,
        title="修正建议：改动一个单元格即可使多条规则成立",
        title_en="Repair suggestion: one changed cell satisfies several failing rules",
        formula="存在单元格 x 使所有含 x 的未通过等式在 x := v 时成立，且不破坏已通过的等式",
        basis="由以上勾稽关系推出（仅为建议，不自动修改）",
        message=_CELL + "报告为 {reported}；若为 {computed}，{fixed}均成立{all_hold}。",
        message_en=_CELL_EN + " is reported as {reported}; if it were {computed}, {fixed} would "
        "hold{all_hold}.",
        form=Repairs(),
    ),
    Rule(
        code="R-CHECK",
        severity=Severity.ERROR,
        title="无法检查（对象不是年报，或检查选项有误）",
        title_en="The check could not run (not a report, or a wrong option)",
        formula="—",
        basis="—",
        message="无法检查 {kind}：{reason}",
        message_en="cannot check {kind}: {reason}",
        form=Internal(),
    ),
    Rule(
        code="X-PAIR",
        severity=Severity.WARNING,
        scope=Scope.PAIR,
        title="跨年比较的两份报告应为同一机关的相邻年度",
        title_en="A pair of reports is one organ's two consecutive years",
        formula="机关名称相同（两份报告均载明机关时），年度相差 1",
        basis="跨年度比较的前提",
        message="{previous} 与 {current} 不是同一机关的相邻年度。",
        message_en="{previous} and {current} are not one organ's consecutive years.",
        form=_checks("same_organ_next_year"),
    ),
    Rule(
        code="X-PAIR-UNSTATED",
        severity=Severity.INFO,
        scope=Scope.PAIR,
        title="跨年比较的报告未载明机关名称，无法判断两份报告是否为同一机关",
        title_en="A report of the pair does not state its organ: whether both are the same organ's "
        "cannot be told",
        formula=f"任一报告的机关名称为“{Organ.UNSTATED}”",
        basis="跨年度比较的前提（报告未载明机关名称时，无从比较）",
        message="{previous} 与 {current}：有报告未载明机关名称，无法判断是否为同一机关，未比较机关。",
        message_en="{previous} and {current}: a report does not state its organ, so whether both "
        "are the same organ's cannot be told (the organs are not compared).",
        form=_checks("organ_unstated"),
    ),
    Rule(
        code="X-CARRY",
        severity=Severity.WARNING,
        scope=Scope.PAIR,
        title="跨年：本年“二、上年结转” = 上年“四、结转下年度继续办理”",
        title_en="Across years: carried over this year = carried forward last year",
        formula="∀c: X_Y[二][c] = X_{Y−1}[四][c]",
        basis=f"{_T3}（跨年度合理性检查；机构调整、申请人重新分类后可能不成立）",
        message="“{column}”列：{year}年上年结转 {reported}，{previous_year}年结转下年度 {computed}。",
        message_en="Column “{column}”: carried over in {year} {reported}, carried forward in "
        "{previous_year} {computed}.",
        form=EachColumnAcrossYears(
            this_year=Rows("requests.carried_over"), last_year=Rows("requests.carried_forward")
        ),
    ),
    Rule(
        code="X-ITEMS",
        severity=Severity.WARNING,
        scope=Scope.PAIR,
        title="跨年（2019年版）：上一年项目数量 = 上年的上一年项目数量 + 本年增/减",
        title_en="Across years (2019 edition): items last year = items the year before + change",
        formula="上一年项目数量_Y = 上一年项目数量_{Y−1} + 本年增/减_{Y−1}",
        basis="年报格式（2019年版）表二 第二十条第（五）（六）（八）项（跨年度合理性检查）",
        message="“{row}”：{year}年上一年项目数量 {reported}，按{previous_year}年推算为 {computed}。",
        message_en="“{row}”: items at the start of {year} {reported}, expected {computed} from "
        "{previous_year}.",
        form=AcrossYears(
            Rows("active_disclosure"),
            reported="previous",
            computed=(Term("previous", last_year=True), Term("change", last_year=True)),
        ),
    ),
    Rule(
        code="X-VALID",
        severity=Severity.WARNING,
        scope=Scope.PAIR,
        title="跨年（2021年版）：现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止",
        title_en="Across years (2021 edition): in force = last year's in force + issued − repealed",
        formula="现行有效件数_Y = 现行有效件数_{Y−1} + 本年制发件数_Y − 本年废止件数_Y",
        basis="年报格式（2021年版）表二 第二十条第（一）项（修订、自然失效的计法不一，仅为警告）",
        message="“{row}”：现行有效件数 {reported}，按上年推算为 {computed}，相差 {difference}。",
        message_en="“{row}”: {reported} in force, expected {computed} from last year "
        "(difference {difference}).",
        form=AcrossYears(
            Rows("active_disclosure.item1"),
            reported="in_force",
            computed=(Term("in_force", last_year=True), Term("issued"), Term("repealed", sign=-1)),
        ),
    ),
    Rule(
        code="X-ROLLUP",
        severity=Severity.INCONSISTENCY,
        scope=Scope.ROLLUP,
        title="汇总：总报告的每个单元格 = 各组成报告之和",
        title_en="Roll-up: each cell of the total report = the sum of its parts",
        formula="∀ 单元格 x: X_总[x] = Σ_p X_p[x]",
        basis="汇总报告的定义",
        message=_CELL + "：汇总报告为 {reported}，各组成报告合计 {computed}，相差 {difference}。",
        message_en=_CELL_EN + ": the total report says {reported}, the parts add up to {computed} "
        "(difference {difference}).",
        form=_checks("rollup_cells"),
    ),
)

RULES: dict[str, Rule] = {r.code: r for r in _DECLARED}
"""Every rule, by code, in catalogue order."""
