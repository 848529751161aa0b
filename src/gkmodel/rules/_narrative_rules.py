"""The N- rules of the catalogue: each figure the narrative states, compared with the cells that
hold it (checked by :func:`gkmodel.rules.narrative.check_claim_rule`)."""

from __future__ import annotations

from gkmodel.rules._rule import Rule, Severity
from gkmodel.rules.forms import Function

__all__ = ["narrative_rules"]

_NARRATIVE = "条例第五十条；年报正文与所附表格应当一致"
_N_MESSAGE = "正文“{sentence}”所述 {claimed}，与{cell}的 {computed} 不符（相差 {difference}）。"
_N_MESSAGE_EN = (
    "The narrative says “{sentence}”: {claimed}, but {cell} is {computed} "
    "(difference {difference})."
)


def _narrative_rule(code: str, severity: Severity, zh: str, en: str, formula: str) -> Rule:
    """A rule comparing a figure the narrative states with the cells that hold it."""
    return Rule(
        code=code,
        severity=severity,
        title=f"正文所述{zh}与表格一致",
        title_en=f"The narrative's {en} matches the tables",
        formula=formula,
        basis=_NARRATIVE,
        message=_N_MESSAGE,
        message_en=_N_MESSAGE_EN,
        form=Function("gkmodel.rules.narrative:check_claim_rule"),
    )


def narrative_rules() -> tuple[Rule, ...]:
    w, i = Severity.WARNING, Severity.INCONSISTENCY
    return (
        _narrative_rule(
            "N-RECEIVED",
            w,
            "本年收到（受理）申请数",
            "number of requests received",
            "正文数 = 表三 一[总计]，或 = 一[总计] + 二[总计]（“受理”常含上年结转）",
        ),
        _narrative_rule(
            "N-HANDLED",
            w,
            "办结（答复）申请数",
            "number of requests handled",
            "正文数 = 表三 （七）总计[总计]",
        ),
        _narrative_rule(
            "N-CARRIED-OVER",
            i,
            "上年结转申请数",
            "number of requests carried over",
            "正文数 = 表三 二[总计]",
        ),
        _narrative_rule(
            "N-CARRIED-FORWARD",
            i,
            "结转下年度申请数",
            "number of requests carried forward",
            "正文数 = 表三 四[总计]",
        ),
        _narrative_rule(
            "N-REVIEWS",
            w,
            "行政复议数",
            "number of reconsiderations",
            "正文数 = 表四 行政复议[总计]（表四可能含上年结转案件）",
        ),
        _narrative_rule(
            "N-SUITS",
            w,
            "行政诉讼数",
            "number of lawsuits",
            "正文数 = 表四 未经复议直接起诉[总计] + 复议后起诉[总计]",
        ),
        _narrative_rule(
            "N-APPEALS",
            w,
            "行政复议和行政诉讼案件数",
            "number of reconsiderations and lawsuits together",
            "正文数 = 表四 三个总计之和",
        ),
        _narrative_rule(
            "N-RULES",
            w,
            "制发规章数",
            "number of rules issued",
            "正文数 = 表二 第二十条第（一）项 规章[本年制发件数]（2019年版：[本年新制作数量]）",
        ),
        _narrative_rule(
            "N-NORMATIVE",
            w,
            "制发规范性文件数",
            "number of normative documents issued",
            "正文数 = 表二 第二十条第（一）项 规范性文件[本年制发件数]（2019年版：[本年新制作数量]）",
        ),
        _narrative_rule(
            "N-ADMIN-FEES",
            w,
            "行政事业性收费金额",
            "amount of administrative fees",
            "正文金额 = 表二 第二十条第（八）项 行政事业性收费[本年收费金额]（2021年版，折算为万元）",
        ),
        _narrative_rule(
            "N-FEES",
            i,
            "收取的信息处理费",
            "information processing fees collected",
            "正文金额 = 六 信息处理费[实际收取的总金额]（报告载明时；折算为元）",
        ),
    )
