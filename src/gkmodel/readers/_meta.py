"""The report's metadata (organ, year, dates) and its edition."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from gkmodel.model.common import (
    Edition,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.readers._common import State
from gkmodel.readers._items import Item, Line
from gkmodel.readers._labels import normalize
from gkmodel.readers._narrative import paragraphs
from gkmodel.readers._tables import item_text

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_LINE = re.compile(r"^[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]?$")
_ORGAN_LINE = re.compile(
    r"^[^。，；：,;:]{2,30}(政府|局|委员会|委|办公室|办公厅|中心|院|处|所|厅|部|署|会)$"
)
_YEAR = re.compile(r"(\d{4})\s*年度?")


def _date(text: str) -> dt.date | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _level(name: str) -> OrganLevel:
    if re.search(r"(乡|镇)人民政府$|街道办事处$", name):
        return OrganLevel.TOWNSHIP
    if re.search(r"(县|区|旗)人民政府$", name):
        return OrganLevel.COUNTY_GOVERNMENT
    if re.search(r"市人民政府$", name):
        return OrganLevel.CITY_GOVERNMENT
    if re.search(r"(省|自治区)人民政府$", name):
        return OrganLevel.PROVINCE_GOVERNMENT
    return OrganLevel.OTHER


def read_meta(
    head: Sequence[Item], tail: Sequence[Item], state: State
) -> tuple[ReportMeta, tuple[str, ...]]:
    """The title, organ, year, date and preface from the items before section 一 and the end."""
    head_lines = [i for i in head if isinstance(i, Line)]
    lines = [i.text.lstrip("#").strip() for i in head_lines]
    k = next(
        (n for n, line in enumerate(lines) if "报告" in line and not head_lines[n].paragraph), None
    )
    title_lines: list[str] = []
    if k is not None:
        title_lines = [lines[k]]
        j = k - 1
        while (
            j >= 0
            and 0 < len(lines[j]) <= 24
            and lines[j] != "正文"
            and not _DATE_LINE.match(lines[j])
        ):
            title_lines.insert(0, lines[j])
            j -= 1
    title = re.sub(r"\s+", "", "".join(title_lines))
    preface_items = [head_lines[n] for n in range(len(lines)) if k is None or n > k]
    preface_lines = [i.text for i in preface_items]
    published = None
    for item in preface_items[:2]:
        if _DATE_LINE.match(item.text):
            published = _date(item.text)
            preface_items.remove(item)
            break
    year_m = _YEAR.search(title)
    if year_m is None:
        raise ValueError("no report year in the title")
    year = int(year_m.group(1))
    organ = title[: year_m.start()] or title[year_m.end() :].split("政府信息公开")[0]
    signatory = None
    tail_lines = [i.text.strip() for i in tail if isinstance(i, Line)][-3:]
    signature: list[str] = []
    if tail_lines and _DATE_LINE.match(tail_lines[-1]):
        published = _date(tail_lines[-1])
        signature.append(tail_lines.pop())
    if tail_lines and _ORGAN_LINE.match(tail_lines[-1]):
        signatory = tail_lines[-1]
        signature.append(signatory)
    name = signatory or organ
    level = _level(name)
    how = "inferred from the name" if level is not OrganLevel.OTHER else "unknown"
    state.add("meta", f"organ level {how}", found=name, action=level.label)
    period = None
    for x in preface_lines:
        if "统计" in x or "期限" in x:
            dates = [d for d in (_date(p) for p in re.split(r"[至到]", x)) if d]
            if len(dates) == 2 and dates[0] <= dates[1]:
                period = Period(start=dates[0], end=dates[1])
            break
    meta = ReportMeta(
        organ=Organ(name=name or "（未载明）", level=level),
        year=year,
        title=title or None,
        published=published,
        period=period,
        preface=tuple(paragraphs(preface_items, wrapped=True)),
    )
    return meta, tuple(signature)


def detect_edition(parts: dict[str, list[Item]], year: int, state: State) -> Edition:
    """The edition from the table layout, then from the year."""
    t2 = "".join(normalize(item_text(i)) for i in parts.get("active_disclosure", []))
    t3 = "".join(normalize(item_text(i)) for i in parts.get("requests", []))
    votes = []
    if "本年制发件数" in t2 or "现行有效件数" in t2 or "本年处理决定数量" in t2:
        votes.append(Edition.E2021)
    if "本年新制作数量" in t2 or "政府集中采购" in t2 or "对外公开总数量" in t2:
        votes.append(Edition.E2019)
    if "逾期不补正" in t3 or "缴纳费用" in t3:
        votes.append(Edition.E2021)
    by_year = Edition.for_year(year)
    if not votes:
        state.add(
            "edition",
            "the table layout does not tell the edition",
            found=str(year),
            action=f"{by_year.value} edition by the year",
        )
        return by_year
    edition = max(set(votes), key=votes.count)
    if edition is not by_year or len(set(votes)) > 1:
        state.add(
            "edition",
            "the table layout and the year disagree on the edition",
            found=str(year),
            action=f"{edition.value} edition by the layout",
        )
    return edition
