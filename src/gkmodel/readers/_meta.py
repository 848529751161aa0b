"""The report's metadata (organ, year, dates); the edition is told in ``_signatures``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from gkmodel.model.common import (
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.readers._common import State
from gkmodel.readers._items import Item, Line
from gkmodel.readers._narrative import paragraphs

_DATE = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")
_DATE_LINE = re.compile(r"^[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$")
_ORGAN_SUFFIX = (
    r"(?:人民政府|政府|局|委员会|委|办公室|办公厅|中心|院|处|所|厅|部|署|会|办|室|站|队|馆|"
    r"街道办事处|管委会|管理委员会)"
)
_NAME = re.compile(rf"^[^\s。，；：:,;、！？“”《》（）()]{{2,40}}{_ORGAN_SUFFIX}$")
_NOT_A_NAME = re.compile(r"^(?:我|本|该|此|各|全|关于|报告|根据|依据|按照|为)")
_TAIL_SIGNATURE = re.compile(
    r"(?:^|[。；！？”])\s*(?P<name>[^。；！？\s\d]{2,40}?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$"
)
_END_DATE = re.compile(r"(?<=\D)(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*$")
_YEAR = re.compile(r"(\d{4})\s*年度?")
_TITLE = re.compile(
    r"(?P<title>[^\s。；！？:：，,“”>/]{0,40}?(?P<year>\d{4})\s*年度?\s*"
    r"[^\s。；！？:：，,]{0,30}?(?:政府信息公开|政务公开|信息公开)[^\s。；！？:：]{0,12}?报告)"
)
# Keys of the metadata that CMS pages and crawlers put around a report
_CMS_KEYS = (
    "标题|文章标题|题目|名称|发布日期|发布时间|成文日期|印发日期|生效日期|日期|时间|来源|信息来源|"
    "发布机构|发文机关|发文单位|发布单位|公开主体|索引号|文号|发文字号|主题分类|体裁分类|分类|"
    "主题词|关键词|浏览次数|访问量|点击数|阅读数|作者|责任编辑|编辑|字号|有效性|公开方式|公开范围|"
    "单位|采集时间|采集日期|抓取时间"  # a crawler's own: never the report's date
)
_CMS = re.compile(rf"(?:^|(?<=\s))【?(?P<key>{_CMS_KEYS})】?\s*[:：]\s*")
_CMS_TITLE = {"标题", "文章标题", "题目", "名称"}
_CMS_DATE = {"发布日期", "发布时间", "成文日期", "印发日期", "日期", "时间"}
_CMS_ORGAN = {"来源", "信息来源", "发布机构", "发文机关", "发文单位", "发布单位", "公开主体"}


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def organ_name(text: str) -> str | None:
    """``text`` when it is an organ's name (never a sentence, never 我局), else None.

    >>> organ_name("沭阳县发展和改革局"), organ_name("我局"), organ_name("本报告根据《条例》编制")
    ('沭阳县发展和改革局', None, None)
    """
    text = re.sub(r"\s+", "", text).strip("#*")
    if not _NAME.match(text) or _NOT_A_NAME.match(text):
        return None
    return text


# Administrative units of a place name, innermost last; a unit needs a name of 2+ characters
# before it, so 城市管理局 or 市场监督管理局 is never read as a place.
_PLACE = re.compile(r"^(?:[^省市县区旗州盟]{2,7}?(?:自治区|自治州|自治县|省|市|州|盟|县|区|旗))+")
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")  # cities at the level of a province
_CAPITALS = tuple(f"{m}人民政府" for m in _MUNICIPALITIES)
_GOVERNMENT = re.compile(r"^人民政府$")


def organ_level(name: str) -> OrganLevel:
    """The level of an organ from its name; :attr:`OrganLevel.OTHER` when the name does not say.

    >>> names = ("沭阳县发展和改革局", "淮安市人民政府办公室", "上海市人民政府")
    >>> [organ_level(n).value for n in names]
    ['county_department', 'city_department', 'province_government']
    """
    if re.search(r"(乡|镇)人民政府$|街道办事处$", name):
        return OrganLevel.TOWNSHIP
    if re.search(r"(省|自治区)人民政府$", name) or name in _CAPITALS:
        return OrganLevel.PROVINCE_GOVERNMENT
    if re.search(r"(县|区|旗)人民政府$", name):
        return OrganLevel.COUNTY_GOVERNMENT
    if re.search(r"(市|州|盟)人民政府$", name):
        return OrganLevel.CITY_GOVERNMENT
    m = _PLACE.match(name)
    if not m:
        return OrganLevel.OTHER
    place, rest = m.group(0), name[m.end() :]
    if not rest:
        return OrganLevel.OTHER
    unit = re.search(r"(自治区|自治州|自治县|省|市|州|盟|县|区|旗)$", place)
    assert unit is not None
    kind = unit.group(1)
    if kind in ("省", "自治区") or place in _MUNICIPALITIES:
        level = (OrganLevel.PROVINCE_GOVERNMENT, OrganLevel.PROVINCE_DEPARTMENT)
    elif kind in ("市", "州", "自治州", "盟"):
        level = (OrganLevel.CITY_GOVERNMENT, OrganLevel.CITY_DEPARTMENT)
    else:
        level = (OrganLevel.COUNTY_GOVERNMENT, OrganLevel.COUNTY_DEPARTMENT)
    return level[0] if _GOVERNMENT.match(rest) else level[1]


def _cms_fields(text: str) -> dict[str, str] | None:
    """The key/value pairs of a CMS metadata line (``发布时间：2025-01-20 来源：某局``), or None."""
    found = list(_CMS.finditer(text))
    if not found or found[0].start() != 0:
        return None
    out: dict[str, str] = {}
    for m, nxt in zip(found, [*found[1:], None], strict=True):
        value = text[m.end() : nxt.start() if nxt else len(text)].strip()
        out.setdefault(m.group("key"), value)
    return out


def _head_lines(head: Sequence[Item]) -> list[Line]:
    """The lines before section 一; a metadata table's cells become ``key：value`` lines."""
    out: list[Line] = []
    for item in head:
        if isinstance(item, Line):
            out.append(item)
            continue
        cells = [c for c in dict.fromkeys(item.cells) if c]
        k = 0
        while k < len(cells):
            key = cells[k].rstrip("：:")
            if re.fullmatch(_CMS_KEYS, key) and k + 1 < len(cells):
                out.append(Line(f"{key}：{cells[k + 1]}"))
                k += 2
            else:
                k += 1
    return out


def read_meta(
    head: Sequence[Item], tail: Sequence[Item], state: State, *, title_hint: str | None = None
) -> tuple[ReportMeta, tuple[str, ...]]:
    """The title, organ, year, date and preface from the items before section 一 and the end.

    ``title_hint`` is a title found outside the body (an HTML page's ``<title>``).
    """
    kept, cms = _without_cms(_head_lines(head), state)
    title, k, rest = _find_title(kept)
    if title is None:
        for text in (cms.get(key, "") for key in _CMS_TITLE):
            if m := _TITLE.search(text):
                title = m.group("title")
                break
    if title is None and title_hint and (m := _TITLE.search(title_hint)):
        title = m.group("title")
        state.add(
            "meta",
            "the title is not in the body",
            found=title_hint,
            action="taken from the page's title",
        )
    preface_items = kept[k + 1 :] if k is not None else list(kept)
    if rest:
        preface_items.insert(0, Line(rest))
    published = None
    for item in preface_items[:2]:
        if _DATE_LINE.match(item.text):
            published = _date(item.text)
            preface_items.remove(item)
            break
    period = _period(paragraphs(preface_items, wrapped=True))
    year_m = _YEAR.search(title or "")
    if year_m is not None:
        year = int(year_m.group(1))
    elif period is not None and period.start.year == period.end.year:
        year = period.start.year
        state.add(
            "meta",
            "no year in a title",
            found=str(period.start),
            action=f"{year} from the statistical period",
        )
    else:
        raise ValueError("no report year in a title or a statistical period")
    organ = _organ_in_title(title) if title else None
    signatory, signed_on, signature = _signature(tail, organ)
    published = signed_on or published
    if published is None:
        for key in _CMS_DATE:
            if key in cms and (d := _date(cms[key])) is not None:
                published = d
                break
    from_cms = next((n for key in _CMS_ORGAN if (n := organ_name(cms.get(key, "")))), None)
    if organ and signatory and signatory != organ and signatory.startswith(organ):
        # signed by a unit of the title's organ (淮安市人民政府办公室, which compiled the report
        # of 淮安市人民政府): the report is the organ's, as its title says
        state.add(
            "meta",
            "signed by a unit of the organ the title names",
            found=signatory,
            action=f"organ {organ}, as in the title",
        )
        signatory = organ
    meta = ReportMeta(
        organ=_organ(signatory or organ or from_cms, state),
        year=year,
        title=title or None,
        published=published,
        period=period,
        preface=tuple(paragraphs(preface_items, wrapped=True)),
    )
    return meta, tuple(signature)


def _signature(
    tail: Sequence[Item], organ: str | None
) -> tuple[str | None, dt.date | None, list[str]]:
    """The signature (落款) at the end: the organ that signed, its date, and its lines."""
    signatory = published = None
    tail_lines = _before_footer([i.text.strip() for i in tail if isinstance(i, Line)])[-3:]
    signature: list[str] = []
    if tail_lines and _DATE_LINE.match(tail_lines[-1]):
        published = _date(tail_lines[-1])
        signature.append(tail_lines.pop())
    if (
        tail_lines
        and (signed := organ_name(tail_lines[-1])) is not None
        and not _glued_to_text(tail_lines[-1], signed, organ)
    ):
        signatory = signed
        signature.append(tail_lines[-1])
    if not signature and tail_lines:  # a page body on one line: the signature ends the line
        m = _TAIL_SIGNATURE.search(tail_lines[-1])
        if m is not None and (signed := organ_name(m.group("name"))) is not None:
            signatory = signed
            published = _date(m.group("date"))
        elif (end := _END_DATE.search(tail_lines[-1])) is not None:
            # a date that ends the page with no sentence after it is the signature's date;
            # the name before it is read only when it is the title's organ (no boundary shows)
            published = _date(end.group(1))
            if organ and tail_lines[-1][: end.start()].rstrip().endswith(organ):
                signatory = organ
        elif organ and tail_lines[-1].rstrip().endswith(organ):
            signatory = organ  # no date: the title's organ ends the page, no boundary shows
    return signatory, published, signature


def _glued_to_text(line: str, name: str, organ: str | None) -> bool:
    """Whether ``line`` is text run on into the title's ``organ`` rather than a name:
    longer than ``organ`` and ending with it, with spaces or digits in it (one-line text)."""
    return bool(organ and name != organ and name.endswith(organ) and re.search(r"[\s\d]", line))


def _before_footer(lines: list[str]) -> list[str]:
    """``lines`` without a site footer after the signature (at most three lines of chrome:
    neither a sentence, nor a date, nor an organ's name)."""
    end = len(lines)
    for _ in range(3):
        if end == 0:
            break
        last = lines[end - 1]
        if last.endswith(_SENTENCE_END) or _DATE_LINE.match(last) or organ_name(last):
            break
        end -= 1
    if (
        end < len(lines)
        and end > 0
        and (_DATE_LINE.match(lines[end - 1]) or organ_name(lines[end - 1]))
    ):
        return lines[:end]
    return lines


_SENTENCE_END = ("。", "！", "？", "；", "”", "）")


def _without_cms(lines: Sequence[Line], state: State) -> tuple[list[Line], dict[str, str]]:
    """The lines that are not the web page's metadata, and that metadata (first value of a key)."""
    cms: dict[str, str] = {}
    kept: list[Line] = []
    for line in lines:
        fields = None if line.paragraph else _cms_fields(line.text)
        if fields is None:
            kept.append(line)
            continue
        for key, value in fields.items():
            cms.setdefault(key, value)
        state.add("meta", "a line of the web page's metadata", found=line.text, action="read")
    return kept, cms


def _organ(name: str | None, state: State) -> Organ:
    """The organ of ``name``, its level from the name; the unstated organ when None."""
    if name is None:
        state.add(
            "meta",
            "no organ's name in a title, a signature or the page's metadata",
            action=f"organ left as {Organ.UNSTATED}",
        )
        return Organ(name=Organ.UNSTATED)
    level = organ_level(name)
    how = "inferred from the name" if level is not OrganLevel.OTHER else "unknown"
    state.add("meta", f"organ level {how}", found=name, action=level.label)
    return Organ(name=name, level=level)


def _find_title(lines: Sequence[Line]) -> tuple[str | None, int | None, str]:
    """The title, the index of its (last) line and the text after it on that line.

    A title may be broken over a few short lines (``2024 年上海市科委政府信息公开工作`` /
    ``年度报告``); in a page body on one line it is found inside the line.
    """
    texts = [i.text.lstrip("#").strip().strip("*").strip() for i in lines]
    inside: tuple[str | None, int | None, str] = (None, None, "")
    for k, text in enumerate(texts):
        if lines[k].paragraph or "报告" not in text:
            continue
        m = _TITLE.search(text)
        if m is not None and (len(text) > 60 or "。" in text[m.end() :]):
            # a page body on one line, or a title run on into the preface: the title inside,
            # unless a line of its own below is the title (a long line of site chrome above)
            if inside[0] is None:
                inside = (re.sub(r"\s+", "", m.group("title")), k, text[m.end() :].strip())
            continue
        if len(text) > 60:
            continue
        j = k
        alone = _TITLE.search(re.sub(r"\s+", "", text))
        if alone is None or _organ_in_title(alone.group("title")) is None:
            while j > 0 and _title_part(texts[j - 1]):
                j -= 1
        joined = re.sub(r"\s+", "", "".join(texts[j : k + 1]))
        if "。" in joined:
            continue
        if inside[0] is not None and joined != inside[0]:
            continue  # another report's title below the one found: the first one stands
        return joined, k, ""
    return inside


def _title_part(text: str) -> bool:
    """A short line that may begin a title broken over lines (not a date, not site chrome)."""
    return 4 <= len(text) <= 24 and not _DATE_LINE.match(text) and not re.search(r"[。：:>|]", text)


def _organ_in_title(title: str) -> str | None:
    """The organ's name before the year (``某局2024年…``) or right after it (``2024年某局…``)."""
    m = _YEAR.search(title)
    if m is None:
        return None
    before = organ_name(title[: m.start()])
    if before is not None:
        return before
    after = re.match(r"(.{2,40}?)(?:政府信息公开|政务公开|信息公开)", title[m.end() :])
    return organ_name(after.group(1)) if after else None


_PERIOD = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日?(?:起)?(?:至|到|—|－|-|~|～)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日"
)


def _period(texts: Sequence[str]) -> Period | None:
    """The statistical period (统计期限/统计周期) stated in the preface, if any."""
    for x in texts:
        if "统计" not in x and "期限" not in x:
            continue
        m = _PERIOD.search(re.sub(r"\s+", "", x))
        if m is None:
            continue
        y1, m1, d1, y2, m2, d2 = m.groups()
        try:
            start = dt.date(int(y1), int(m1), int(d1))
            end = dt.date(int(y2 or y1), int(m2), int(d2))
        except ValueError:
            return None
        return Period(start=start, end=end) if start <= end else None
    return None
