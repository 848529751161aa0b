"""Section headings recognised by the model's labels, as people and web sites write them.

The headings come from the sections of every registered edition
(:func:`gkmodel.editions.section_headings`: the numeral and label of each section field,
and the variant wordings the editions declare); no wording is typed here.  A line opens a
section when

- it carries a section's label exactly (``三、收到和处理政府信息公开申请情况``), whatever its
  numeral (numbering errors are common: match by label, not by numeral), with or without
  indentation (U+3000), ``、`` or Markdown marks; or
- after the section's own numeral, it carries a wording the editions declare for the
  section (``heading_variants``: ``存在的主要问题及整改措施``); or
- after the section's own numeral, it carries a close variant of the label: the label
  inside a longer wording (``本机关存在的主要问题及改进情况``), a wording that shares most
  of the label in order, with a common run of at least five characters
  (``其他需报告的事项``), or a shortening that keeps the label's last two characters
  (``其他报告事项``).

What follows the heading on the same line is kept: a bracketed suffix
(``（有关情况附表）``) is dropped, a first sentence is returned as text.  Every match that is
not the exact label alone is *loose*, and the caller reports it as a diagnostic.
"""

from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher

import attrs

from gkmodel.editions import SectionHeading, section_headings

__all__ = ["HeadingMatch", "inline_headings", "match_heading"]

_NUMERALS = "一二三四五六七八九十"
_SQUEEZE = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", "．": "."})
_SPACE = re.compile(r"[\s\u3000\u00a0]")
_PREFIX = re.compile(
    rf"^(?:#+|\*\*|表[{_NUMERALS}][：]?)*"
    rf"(?:第?(?P<num>[{_NUMERALS}]{{1,2}})(?P<sep>部分|[、.，])?|（(?P<sub>[{_NUMERALS}]{{1,2}})）)?"
)
_SUFFIX = re.compile(rf"^（(?![{_NUMERALS}]+）)[^（）]{{1,30}}）")  # not a sub-item's （一）
_BREAK = "。；！？：，"
MIN_RUN = 5  # a variant wording shares a run of at least this many characters with the label
MIN_RATIO = 0.7  # ... and this much of both texts in order (difflib's ratio)


@attrs.frozen
class HeadingMatch:
    """A section heading found in a line: the section, the text after it, how loosely."""

    name: str  # the section's attribute name
    heading: str  # the heading as found (without the text after it)
    rest: str  # text after the heading on the same line ("" if none)
    loose: str | None  # why the match is loose, or None for the exact label alone
    section: SectionHeading  # the section as declared (its official heading)


def _squeeze(text: str) -> tuple[str, list[int]]:
    """``text`` without white space and with one form of brackets, and each char's index."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text.translate(_SQUEEZE)):
        if not _SPACE.match(ch) and ch != "*":
            out.append(ch)
            index.append(i)
    return "".join(out), index


def match_heading(text: str, *, trailing: bool = True) -> HeadingMatch | None:
    """The section heading that opens ``text``, or None.

    ``trailing`` allows text after the heading on the same line (a first sentence).

    >>> m = match_heading("　　二、主动公开政府信息情况（有关情况附表）")
    >>> m.name, m.rest, m.loose
    ('active_disclosure', '', 'a suffix in brackets after the heading')
    >>> m = match_heading("六、其他需报告的事项")
    >>> m.name, m.loose, m.section.heading
    ('other_matters', 'a variant wording of 其他需要报告的事项', '六、其他需要报告的事项')
    >>> match_heading("五、存在的主要问题及整改措施").loose
    'a declared variant wording of 存在的主要问题及改进情况'
    >>> match_heading("（一）主动公开情况") is None, match_heading("二、主动公开情况") is None
    (True, True)
    """
    squeezed, index = _squeeze(text)
    if not squeezed or (len(squeezed) > 400 and not trailing):
        return None
    m = _PREFIX.match(squeezed)
    assert m is not None  # every part of the prefix is optional
    numeral = m.group("num")
    start = m.end()
    body = squeezed[start:]
    # without 、 after the numeral only the exact label follows it (一年来总体情况… is prose)
    marked = numeral is not None and m.group("sep") is not None
    best = _exact(body, numeral if marked else None)
    if best is None and marked:
        best = _variant(body, numeral)
    if best is None:
        return None
    section, end, loose = best
    if numeral is None and m.group("sub") is None and end < len(body):
        return None  # a sentence that begins with a label, not a heading
    if numeral is not None and not marked:
        loose = loose or "no 、 after the numeral"
    suffix = _SUFFIX.match(body[end:])
    if suffix:
        end += suffix.end()
        loose = loose or "a suffix in brackets after the heading"
    rest_at = start + end
    raw_end = index[rest_at - 1] + 1 if rest_at else 0
    rest = text[raw_end:].strip().lstrip("：:。，,").strip() if rest_at < len(squeezed) else ""
    if rest:
        if not trailing or numeral is None:
            return None
        loose = loose or "the heading and its first sentence on one line"
    heading = text[:raw_end].strip().lstrip("#").strip().strip("*").strip()
    return HeadingMatch(section.name, heading, rest, loose, section)


_Found = tuple[SectionHeading, int, str | None]


def _exact(body: str, numeral: str | None) -> _Found | None:
    """The label at the start of ``body``; after a ``numeral`` (with its 、), also a wording
    the editions declare for that numeral's section, or the label a little way into ``body``."""
    headings = section_headings()
    for h in headings:
        if body.startswith(h.label):
            return h, len(h.label), None
    if numeral is None:
        return None
    for h in headings:
        for variant in h.variants if h.numeral == numeral else ():
            if body.startswith(variant):
                return h, len(variant), f"a declared variant wording of {h.label}"
    for h in headings:
        at = body.find(h.label, 1, len(h.label) + 10)
        if at > 0 and not any(c in body[:at] for c in _BREAK):
            return h, at + len(h.label), f"a longer wording of {h.label}"
    return None


def _variant(body: str, numeral: str) -> _Found | None:
    """A variant wording after the section's own numeral (never a sub-topic of 一)."""
    for h in section_headings():
        label = h.label
        if h.numeral != numeral:
            continue
        head = _head(body, len(label))
        if not head:
            continue
        matcher = SequenceMatcher(None, label, head, autojunk=False)
        run = max((b.size for b in matcher.get_matching_blocks()), default=0)
        if run >= MIN_RUN and matcher.ratio() >= MIN_RATIO:
            return h, len(head), f"a variant wording of {label}"
        # a text section only: 二、主动公开情况 is a sub-topic of 一, and a table section's
        # heading is never needed to find its table
        shortened = len(head) >= 4 and head[-2:] == label[-2:] and _subsequence(head, label)
        if shortened and not h.table:
            return h, len(head), f"a shortened wording of {label}"
    return None


def _head(body: str, size: int) -> str:
    """The heading part of ``body``: up to a sentence break or a bracket, at most 2× ``size``."""
    end = len(body)
    for k, ch in enumerate(body):
        if ch in _BREAK or ch == "（":
            end = k
            break
    return body[:end] if end <= 2 * size else ""


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


_INLINE = re.compile(rf"(?=第?[{_NUMERALS}][、.．])")
_WORDINGS = ("a longer wording", "a declared variant", "a variant wording", "a shortened wording")
_SENTENCE_END = frozenset("。；！？”）\u3000 ")


def inline_headings(text: str) -> list[str]:
    """``text`` cut before every section heading inside it (a page body on one line).

    After a sentence end any heading match cuts; after anything else (the last number
    of a table) only the exact label does, so ``…监督有力。二、主动公开政府信息情况第二十条…``
    is cut once and a sub-item ``一、二、三项`` never.

    >>> inline_headings("一、总体情况我局监督有力。二、主动公开政府信息情况第二十条第（一）项")
    ['一、总体情况我局监督有力。', '二、主动公开政府信息情况第二十条第（一）项']
    """
    cuts = [0]
    for m in _INLINE.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1] in _NUMERALS or text[at - 1] == "第":
            continue
        hm = match_heading(text[at : at + 60])
        if hm is None:
            continue
        # after a number (the end of a table) only the label as written, not a variant
        wording = hm.loose is not None and hm.loose.startswith(_WORDINGS)
        if text[at - 1] in _SENTENCE_END or not wording:
            cuts.append(at)
    cuts.append(len(text))
    parts = [text[a:b].strip() for a, b in itertools.pairwise(cuts)]
    return [p for p in parts if p]
