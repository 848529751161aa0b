"""Claims: the figures a narrative states, and the table cells (or sums) they correspond to.

Reports repeat their key figures in sections 一, 三, 四 and 六:
``全年共收到政府信息公开申请70件，办结69件，1件结转下年度办理``.  A
:class:`Claim` is one such figure: its :class:`Quantity`, the number with its
unit, the sentence and the model path of its paragraph, and the cells whose
sum it states.

Precision comes before recall: a clause yields a claim only when it states
the quantity for the organ and the year of the report, plainly.  A clause is
passed over when it compares (``同比``, ``较上年``, ``增长``), speaks of a
share (``%``, ``占``), of a part (``其中``, ``各部门``, ``乡镇``), of another
year (``2023年`` in a report on 2024, ``上年``), or gives an approximate
number (``5500余条``).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from gkmodel.model.narrative import Narrative
from gkmodel.model.report import AnnualReport
from gkmodel.rules.narrative._numbers import NUMBER_PATTERN, parse_number

__all__ = ["Claim", "Quantity", "extract_claims", "narrative_paragraphs"]


class Quantity(enum.Enum):
    """A figure that narratives state and the tables hold (the value is the rule code)."""

    RECEIVED = "N-RECEIVED"  # 表三 一、本年新收 × 总计
    HANDLED = "N-HANDLED"  # 表三 （七）总计 × 总计
    CARRIED_OVER = "N-CARRIED-OVER"  # 表三 二、上年结转 × 总计
    CARRIED_FORWARD = "N-CARRIED-FORWARD"  # 表三 四、结转下年度继续办理 × 总计
    REVIEWS = "N-REVIEWS"  # 表四 行政复议 × 总计
    SUITS = "N-SUITS"  # 表四 行政诉讼 两行的总计之和
    APPEALS = "N-APPEALS"  # 表四 三行的总计之和
    RULES = "N-RULES"  # 表二 第二十条第（一）项 规章 × 本年制发件数（2019年版：本年新制作数量）
    NORMATIVE = "N-NORMATIVE"  # 表二 第二十条第（一）项 规范性文件，同上
    ADMIN_FEES = "N-ADMIN-FEES"  # 表二 第二十条第（八）项 行政事业性收费（2021年版，万元）
    PROCESSING_FEES = "N-FEES"  # 六 信息处理费：实际收取的总金额

    @property
    def code(self) -> str:
        """The code of the rule that compares this quantity with the tables."""
        return self.value


@attrs.frozen(kw_only=True)
class Claim:
    """One figure stated by a narrative.

    ``value`` is the number as stated (an ``int``, or a ``Decimal`` for
    money), ``unit`` its unit (``件``, ``元`` or ``万元``) and ``text`` the
    words that state it (``申请 34 件``, ``未收到…申请``).  ``path`` is the
    model path of the paragraph and ``sentence`` the sentence, whole.
    ``cells`` are the model paths whose sum the claim states; ``alternatives``
    are other sums the narrative may mean by design (``受理`` often counts the
    requests carried over too).  ``cells`` is empty for 信息处理费, which is
    compared with the facts of section 六, not with a table cell.
    """

    quantity: Quantity
    value: int | Decimal
    unit: str
    text: str
    sentence: str
    path: str
    cells: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()


# -- where the figures are ----------------------------------------------------------------

_T3 = "$.requests"
_T4 = "$.appeals"
_REVIEWS = f"{_T4}.reconsideration.total"
_SUITS = (f"{_T4}.litigation.direct.total", f"{_T4}.litigation.after_reconsideration.total")


@functools.cache
def _cells_of(edition: str) -> dict[Quantity, tuple[tuple[str, ...], ...]]:
    """For each quantity, the sum it states (first) and the other sums it may mean, in a
    report of ``edition``."""
    issued = "issued" if edition == "2021" else "made"
    return {
        Quantity.RECEIVED: (
            (f"{_T3}.new_received.total",),
            (f"{_T3}.new_received.total", f"{_T3}.carried_over.total"),
        ),
        Quantity.HANDLED: (
            (f"{_T3}.results.total.total",),
            (f"{_T3}.new_received.total", f"{_T3}.carried_over.total"),
        ),
        Quantity.CARRIED_OVER: ((f"{_T3}.carried_over.total",),),
        Quantity.CARRIED_FORWARD: ((f"{_T3}.carried_forward.total",),),
        Quantity.REVIEWS: ((_REVIEWS,),),
        Quantity.SUITS: (_SUITS,),
        Quantity.APPEALS: ((_REVIEWS, *_SUITS),),
        Quantity.RULES: ((f"$.active_disclosure.item1.rules.{issued}",),),
        Quantity.NORMATIVE: ((f"$.active_disclosure.item1.normative.{issued}",),),
        Quantity.ADMIN_FEES: (
            (("$.active_disclosure.item8.fees.amount",),) if issued == "issued" else ()
        ),
        Quantity.PROCESSING_FEES: ((),),
    }


# -- how narratives state them ------------------------------------------------------------

_N = rf"\s*(?P<num>{NUMBER_PATTERN})\s*"
_GAP = r"[^，,；;。（）()]{0,25}?"
_SHORT = r"[^，,；;。（）()]{0,10}?"
_PIECES = r"(?P<unit>件|个|项|宗|起)(?!工作日|月|小时|日|天|方面|批次|季度|部门|单位|环节)"
_MONEY = r"(?P<unit>万元|元)"

# Each pattern is searched in one clause; ``num`` is the figure (absent for a denial, 0).  With
# each pattern, the words any match of it contains: a clause lacking one of each group is not
# searched (the words of a clause are found in one search, and the patterns they allow looked up
# once per set of words; the tests hold the results to those of searching every clause with
# every pattern).
_PATTERNS: tuple[tuple[Quantity, tuple[tuple[str, ...], ...], re.Pattern[str]], ...] = tuple(
    (q, needs, re.compile(p))
    for q, needs, p in (
        (
            Quantity.RECEIVED,
            (("申请",),),
            rf"(?:收到|受理|新收|接收|接到){_GAP}申请(?:数量?|总数)?(?:共计|合计|共|总计|为|达)?{_N}{_PIECES}",
        ),
        (Quantity.RECEIVED, (("申请",),), rf"(?:未|没有)(?:收到|受理|接到|接收){_GAP}申请(?!人)"),
        (
            Quantity.HANDLED,
            (("办结", "答复", "办理"),),
            r"^(?:全年|本年度?|共|累计|已|依法|均)*(?:办结|答复|办理完毕|办理完成|办理)"
            rf"(?:各类|政府信息公开|信息公开)?(?:申请)?(?:共计|共|合计|总计)?{_N}{_PIECES}",
        ),
        (
            Quantity.CARRIED_OVER,
            (("结转",),),
            rf"^(?:含|包括|其中|另有)?(?:上年度?|上一年度?)结转{_SHORT}(?:申请)?(?:共|为)?{_N}{_PIECES}",
        ),
        (
            Quantity.CARRIED_FORWARD,
            (("转", "顺延"), ("下",)),
            rf"(?:结转|顺延|转)(?:到|至|入)?下一?年度?{_SHORT}{_N}{_PIECES}",
        ),
        (
            Quantity.CARRIED_FORWARD,
            (("转", "顺延"), ("下",)),
            rf"^(?:另有|尚有|有)?{_N}{_PIECES}(?:申请)?(?:结转|顺延|转)(?:到|至|入)?下一?年",
        ),
        (
            Quantity.REVIEWS,
            (("行政复议",),),
            rf"行政复议(?:案件|申请)?(?:数量?)?(?:共计|共|为|数为)?{_N}{_PIECES}",
        ),
        (Quantity.REVIEWS, (("行政复议",),), rf"有{_N}{_PIECES}{_GAP}行政复议$"),
        (
            Quantity.SUITS,
            (("行政诉讼",),),
            rf"行政诉讼(?:案件)?(?:数量?)?(?:共计|共|为|数为)?{_N}{_PIECES}",
        ),
        (Quantity.SUITS, (("行政诉讼",),), rf"有{_N}{_PIECES}{_GAP}行政诉讼$"),
        (
            Quantity.PROCESSING_FEES,
            (("处理费",),),
            rf"(?:收取|收缴|征收){_SHORT}(?:信息处理费|信息公开处理费)(?:共计|合计|共|总计|为)?{_N}{_MONEY}",
        ),
        (
            Quantity.PROCESSING_FEES,
            (("未", "没有"), ("处理费", "收费")),
            r"(?:未|没有)(?:发生|收取)"
            r"[^，,；;。]{0,15}?(?:信息处理费|信息公开处理费|收费事项|收费情况|收费)",
        ),
        (Quantity.PROCESSING_FEES, (("未发生",), ("收费",)), r"未发生[^，,；;。]{0,15}?收费"),
        (
            Quantity.ADMIN_FEES,
            (("行政事业性收费",),),
            rf"收取{_SHORT}行政事业性收费(?:共计|合计|共|总计|为)?{_N}{_MONEY}",
        ),
        (
            Quantity.RULES,
            (("规章",),),
            rf"(?:制发|印发|出台|制定){_SHORT}规章(?:共计|共)?{_N}{_PIECES}",
        ),
        (
            Quantity.NORMATIVE,
            (("规范性文件",),),
            rf"(?:制发|印发|出台|制定){_SHORT}规范性文件(?:共计|共)?{_N}{_PIECES}",
        ),
    )
)
_SCREEN_WORDS = True
"""Whether clauses are screened by the words of each pattern (off only in the tests)."""


# Both kinds of appeal in one figure may run over a comma:
# 行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件.
_APPEALS = re.compile(
    rf"行政复议(?:和|及|与|、)(?:提起)?行政诉讼[^。；;]{{0,30}}?案件(?:共计|共|合计)?{_N}{_PIECES}"
)
_BOTH_DENIED = re.compile(
    r"(?:没有|未)(?:发生|收到)[^，,；;。]{0,30}?行政复议(?:和|及|与|、)(?:提起)?行政诉讼"
)

# A clause that says any of these states no figure of this organ for this year.  (``%|％``, not
# a class: see _SEPARATOR.)
_NOT_PLAIN = re.compile(
    r"同比|较上年|比上年|较去年|比去年|增长|下降|减少|增加|%|％|占|其中|各部门|各单位|各乡镇|"
    r"乡镇|街道|去年|前年|上一?年(?!度?结转)|余|多|近|约|超过|以上|不到|纠错|纠正|败诉|维持|"
    r"废止|修订|清理|现行有效|平均|人次|累计至今|截至目前|"
    # parts: by kind of applicant, by topic, by subordinate body, of appeals; other matters
    r"自然人|商业企业|科研机构|社会公益组织|法律服务机构|涉及(?!的|(?:政府)?信息公开)|本级|县区|"
    r"区县|部门制发|备案|审查|审结|直接起诉|复议后起诉|经复议|已有|咨询|投诉|违规|违法|乱收费|减免"
)
# Words before a clause, in its sentence, that make its figure another period's, several years',
# or another body's (the organ reviewing appeals against others): 以来 but 今年以来, a span of
# years, 前一年, 复议机关.
_NOT_PLAIN_BEFORE = re.compile(
    r"(?<!今年)(?<!本年)以来|历年|年来|近年|前一年|复议机关|"
    r"(?:19|20)\d\d\s*年?\s*[—–\-~～至到]\s*(?:19|20)\d\d"
)
# A clause right after a figure that makes it a share (占总数的38.5%; a comparison, 同比增长12%,
# leaves it this year's count), or a whole of which only a part concerns information disclosure
# (其中涉及政府信息公开的351件).
_NEXT_NOT_PLAIN = re.compile(r"约?占|其中.*信息公开")
# Cheap screens: a sentence or clause that has no topic word or no figure states no claim.
_TOPIC = re.compile(r"申请|复议|诉讼|结转|顺延|转下|费|规章|规范性文件|办结|答复|办理")
_FIGURE = re.compile(r"[件个项宗起元未没]")
_YEAR = re.compile(r"((?:19|20)\d\d|[一二][〇○零一二三四五六七八九]{3})\s*年")
_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
# Clauses end at these marks; a comma between digits (3,119) is part of a number.  (Every
# alternative of this pattern and of _NOT_PLAIN starts with a character or a class of
# characters, none with an assertion nor a class among literals: the regular expression engine
# then skips to where one of those characters is, two to seven times faster on a clause; the
# tests hold both to their plain forms.)
_SEPARATOR = re.compile(r"[，；;：:（）()]|,(?!(?<=\d,)\d{3})")


def narrative_paragraphs(report: AnnualReport) -> Iterator[tuple[str, str]]:
    """(path, text) of every paragraph of sections 一, 三, 四 and 六, in order."""
    for name in ("overview", "requests", "appeals", "other_matters"):
        value = getattr(report, name)
        if isinstance(value, Narrative):
            for i, block in enumerate(value.content):
                if isinstance(block, str):
                    yield f"$.{name}.content[{i}]", block
            for k, sub in enumerate(value.subsections):
                for i, block in enumerate(sub.content):
                    if isinstance(block, str):
                        yield f"$.{name}.subsections[{k}].content[{i}]", block
        else:
            for part in ("intro", "notes"):
                for i, text in enumerate(getattr(value, part)):
                    yield f"$.{name}.{part}[{i}]", text


def _value(match: re.Match[str]) -> int | Decimal | None:
    """The figure of a match: its number, or 0 for a denial (未收到…申请)."""
    if "num" not in match.re.groupindex:
        return 0
    return parse_number(match.group("num"))


def _unit(match: re.Match[str], quantity: Quantity) -> str:
    unit = match.group("unit") if "unit" in match.re.groupindex else None
    if unit in ("元", "万元"):
        return unit
    if quantity in (Quantity.PROCESSING_FEES, Quantity.ADMIN_FEES):
        return "元"  # a denial: nothing collected
    return "件"


def _other_year(text: str, year: int) -> bool:
    """True when the latest year ``text`` names is not ``year``."""
    years = _YEAR.findall(text)
    return bool(years) and int(years[-1].translate(_YEAR_DIGITS)) != year


# The words that screen the patterns, and 复议 and 诉讼 (a clause naming both kinds of appeal, or
# either, is not a request's), found in one search: the longest first, each with the words it
# holds (结转 holds 转), so that a word inside another is not missed.
_SCREENED = {word for _, needs, _ in _PATTERNS for group in needs for word in group}
_SCREENED |= {"复议", "诉讼"}
_WORDS = re.compile("|".join(sorted(_SCREENED, key=lambda w: (-len(w), w))))
_HOLDS = {word: frozenset(w for w in _SCREENED if w in word) for word in _SCREENED}


@functools.cache
def _candidates(words: frozenset[str]) -> tuple[int, ...]:
    """The patterns (their indexes in _PATTERNS) that may match a clause holding ``words``."""
    held = frozenset().union(*(_HOLDS[w] for w in words))
    both = "复议" in held and "诉讼" in held
    out = []
    for i, (quantity, needs, _) in enumerate(_PATTERNS):
        if quantity in (Quantity.REVIEWS, Quantity.SUITS) and both:
            continue  # both kinds in one clause: one figure cannot be either
        if quantity is Quantity.RECEIVED and ("复议" in held or "诉讼" in held):
            continue  # 收到行政复议申请 is an appeal, not a request for information
        if all(any(word in held for word in group) for group in needs):
            out.append(i)
    return tuple(out)


_EVERY = tuple(range(len(_PATTERNS)))


def _candidates_unscreened(text: str) -> tuple[int, ...]:
    """Every pattern but those the words of appeals rule out (the screen switched off)."""
    both = "复议" in text and "诉讼" in text
    return tuple(
        i
        for i in _EVERY
        if not (_PATTERNS[i][0] in (Quantity.REVIEWS, Quantity.SUITS) and both)
        and not (_PATTERNS[i][0] is Quantity.RECEIVED and ("复议" in text or "诉讼" in text))
    )


def _claims_of_sentence(year: int, sentence: str) -> Iterator[tuple[Quantity, re.Match[str]]]:
    """The quantities a sentence states (one that has a figure and a topic word), with their
    matches, for a report on ``year``."""
    found: list[Quantity] = []  # a list: an enum's hash runs in Python
    both = not _SCREEN_WORDS or ("行政复议" in sentence and "行政诉讼" in sentence)
    for m in _APPEALS.finditer(sentence) if both else ():
        if (
            not _NOT_PLAIN.search(m.group(0))
            and not _NOT_PLAIN_BEFORE.search(sentence, 0, m.end())
            and not _other_year(sentence[: m.start()], year)
        ):
            found.append(Quantity.APPEALS)
            yield Quantity.APPEALS, m
    for m in _BOTH_DENIED.finditer(sentence) if both else ():
        if not _NOT_PLAIN.search(m.group(0)):
            found += (Quantity.REVIEWS, Quantity.SUITS)
            yield Quantity.REVIEWS, m
            yield Quantity.SUITS, m
    end = 0
    part = False  # after 其中, up to the next ；: the clauses state parts
    before = _NOT_PLAIN_BEFORE.search(sentence)  # (never across a clause's separator)
    not_before = before.end() if before is not None else len(sentence) + 2
    years: list[tuple[int, str]] | None = None  # (end, year) of each year the sentence names
    clauses = _SEPARATOR.split(sentence)
    for k, clause in enumerate(clauses):
        end += len(clause) + 1
        text = clause.strip()
        was_part, part = part, (part or "其中" in text) and sentence[end - 1 : end] not in "；;"
        if was_part or not _FIGURE.search(text) or not _TOPIC.search(text):
            continue
        if end >= not_before or _NOT_PLAIN.search(text):
            continue
        if _SCREEN_WORDS:
            candidates = _candidates(frozenset(_WORDS.findall(text)))
            if not candidates:
                continue
        else:
            candidates = _candidates_unscreened(text)
        if k + 1 < len(clauses) and _NEXT_NOT_PLAIN.match(clauses[k + 1].strip()):
            continue
        if years is None:
            years = [(m.end(), m.group(1)) for m in _YEAR.finditer(sentence)]
        named = [y for e, y in years if e <= end]  # the years of sentence[:end]
        if named and int(named[-1].translate(_YEAR_DIGITS)) != year:
            continue
        for i in candidates:
            quantity, _, pattern = _PATTERNS[i]
            if quantity in found:
                continue
            hit = pattern.search(text)
            if hit is not None:
                found.append(quantity)
                yield quantity, hit


def extract_claims(report: AnnualReport) -> tuple[Claim, ...]:
    """Every claim the narrative of sections 一, 三, 四 and 六 makes, in reading order.

    >>> import gkmodel
    >>> seed = gkmodel.load("examples/data/shangguan_2020.json")
    >>> [(c.quantity.name, c.value, c.cells) for c in extract_claims(seed)][:1]
    [('RECEIVED', 0, ('$.requests.new_received.total',))]
    """
    out: list[Claim] = []
    year = report.meta.year
    cells = _cells_of(report.edition.value)
    for path, paragraph in narrative_paragraphs(report):
        if not _FIGURE.search(paragraph) or not _TOPIC.search(paragraph):
            continue
        for s in _SENTENCE.finditer(paragraph):
            sentence = s.group(0)
            if not _FIGURE.search(sentence) or not _TOPIC.search(sentence):
                continue
            sentence = sentence.strip()
            for quantity, m in _claims_of_sentence(year, sentence):
                value = _value(m)
                sums = cells[quantity]
                if value is None or not sums:
                    continue
                out.append(
                    Claim(
                        quantity=quantity,
                        value=value,
                        unit=_unit(m, quantity),
                        text=m.group(0).strip(),
                        sentence=sentence,
                        path=path,
                        cells=sums[0],
                        alternatives=sums[1:],
                    )
                )
    return tuple(out)
