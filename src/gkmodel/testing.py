"""Hypothesis strategies for reports of both editions (needs the ``testing`` extra).

* :func:`reports` — any structurally valid report: every cell random or
  blank, arithmetic not guaranteed.  For load/dump round trips.
* :func:`valid_reports` — reports whose tables satisfy every arithmetic
  rule of table 三 and 四 (and the 2019 edition's 本年新公开数量 ≤ 对外公开总数量),
  with every cell filled.  For "a valid report passes every rule" properties.
* :data:`PAGE_TRANSFORMS` — named page transformations seen on real sites
  (CMS fragments, indented or inline headings, one-line crawler text, …), each
  ``(page, rnd) -> page`` over gkmodel's rendered HTML or text, for properties
  such as "``read(t(render(r)))`` gives ``r``'s numbers or marks them unreadable".

* :data:`TABLE_TRANSFORMS` — table transformations seen on real sites
  (Word-HTML, swapped columns, width-based span mismatches, a cell too many
  or too few, a duplicated row, the embedded JSON removed), each a named
  function ``(html, rnd) -> html`` on gkmodel's rendered HTML.

Strategies are derived from the model's field declarations, so a new row
or column is covered without touching this module.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5, deadline=None)
... @given(reports())
... def test(r):
...     assert r.meta.year >= 2019
>>> test()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("gkmodel.testing needs hypothesis: pip install 'gkmodel[testing]'") from exc

from gkmodel._transforms_pages import (
    PAGE_TRANSFORMS,
    bracketed_suffixes,
    cms_fragment,
    cms_prefixes,
    heading_with_sentence,
    headings_in_layout_table,
    indented_headings,
    one_line,
    strip_embedded,
    title_outside_body,
    variant_headings,
)
from gkmodel._transforms_tables import TABLE_TRANSFORMS
from gkmodel.model import Kind, ValueKind, info_of
from gkmodel.model.appeals import Appeals, CaseOutcomes, Litigation
from gkmodel.model.common import (
    CellNote,
    Edition,
    Money,
    MoneyUnit,
    Organ,
    OrganLevel,
    Period,
    ReportMeta,
)
from gkmodel.model.layout import report_cells
from gkmodel.model.narrative import (
    LocalRow,
    LocalTable,
    Narrative,
    OtherMatters,
    ProcessingFees,
    Subsection,
)
from gkmodel.model.report import REPORT_CLASSES, AnnualReport
from gkmodel.model.requests import ApplicantCounts

__all__ = [
    "PAGE_TRANSFORMS",
    "TABLE_TRANSFORMS",
    "bracketed_suffixes",
    "cms_fragment",
    "cms_prefixes",
    "counts",
    "heading_with_sentence",
    "headings_in_layout_table",
    "indented_headings",
    "money",
    "one_line",
    "paragraphs",
    "publishable_reports",
    "reports",
    "strip_embedded",
    "texts",
    "title_outside_body",
    "valid_reports",
    "variant_headings",
]

MAX_COUNT = 10**6

# Printable text without the characters that no published report contains
# (control characters, surrogates, private use).
_ALPHABET = st.characters(
    exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
    include_characters="“”（）《》、，。；：",
)


def texts(*, min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    """Single-line text with a visible character (titles, labels, paragraphs)."""
    from gkmodel.model.common import VISIBLE

    text = st.text(_ALPHABET, min_size=min_size, max_size=max_size).map(str.strip)
    return text.filter(lambda t: VISIBLE.search(t) is not None)


def paragraphs(max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    """A tuple of paragraphs."""
    return st.lists(texts(), max_size=max_size).map(tuple)


def counts(*, blank: bool = True, max_value: int = MAX_COUNT) -> st.SearchStrategy[int | None]:
    """A count cell: a non-negative int, or (with ``blank``) None."""
    ints = st.integers(0, max_value)
    return st.one_of(st.none(), ints) if blank else ints


def money(unit: MoneyUnit | None = None, *, fen: bool = False) -> st.SearchStrategy[Money]:
    """An amount with up to four decimals, in ``unit`` (any unit when None).

    With ``fen=True`` the amount is a whole number of fen (分) in its unit.
    """
    units = st.just(unit) if unit is not None else st.sampled_from(MoneyUnit)

    def in_unit(u: MoneyUnit) -> st.SearchStrategy[Money]:
        places = min(4, u.fen_places) if fen else 4
        amounts = st.decimals(
            min_value=Decimal(0), max_value=Decimal("1e9"), places=places, allow_nan=False
        )
        return amounts.map(lambda a: Money(amount=a, unit=u))

    return units.flatmap(in_unit)


def _cell(info: Any, *, blank: bool) -> st.SearchStrategy[Any]:
    """A cell; a table without blanks is a valid table, whose amounts are whole fen."""
    if info.value is ValueKind.COUNT:
        return counts(blank=blank)
    if info.value is ValueKind.SIGNED:
        ints = st.integers(-MAX_COUNT, MAX_COUNT)
        return st.one_of(st.none(), ints) if blank else ints
    m = money(info.unit, fen=not blank)
    return st.one_of(st.none(), m) if blank else m


def _table(cls: type, *, blank: bool = True) -> st.SearchStrategy[Any]:
    """Any instance of a table class, derived from its declarations."""
    kwargs: dict[str, st.SearchStrategy[Any]] = {}
    for f in attrs.fields(cls):
        info = info_of(f)
        if info is None:
            continue
        if info.kind is Kind.CELL:
            kwargs[f.name] = _cell(info, blank=blank)
        elif info.target is not None:
            kwargs[f.name] = _table(info.target, blank=blank)
    return st.builds(cls, **kwargs)


def _local_tables(*, totals: bool = True) -> st.SearchStrategy[LocalTable]:
    @st.composite
    def build(draw: st.DrawFn) -> LocalTable:
        width = draw(st.integers(1, 3))
        n = draw(st.integers(1, 5))
        value = st.one_of(st.none(), st.integers(0, 10_000), money().map(lambda m: m.amount))
        rows = [
            LocalRow(
                label=draw(texts(max_size=20)), values=tuple(draw(value) for _ in range(width))
            )
            for _ in range(n)
        ]
        if totals and n > 1 and draw(st.booleans()):
            rows[0] = attrs.evolve(rows[0], total_of=tuple(range(1, n)))
        return LocalTable(
            caption=draw(st.none() | texts(max_size=20)),
            columns=tuple(draw(texts(max_size=10)) for _ in range(width + 1)),
            rows=tuple(rows),
        )

    return build()


def _blocks(*, totals: bool = True) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(st.one_of(texts(), _local_tables(totals=totals)), max_size=3).map(tuple)


def _narrative(cls: type = Narrative, *, totals: bool = True) -> st.SearchStrategy[Any]:
    """A text section; with ``totals=False`` its local tables declare no total rows."""
    blocks = _blocks(totals=totals)
    subsections = st.lists(
        st.builds(Subsection, title=texts(max_size=20), content=blocks), max_size=3
    ).map(tuple)
    extra: dict[str, st.SearchStrategy[Any]] = {}
    if cls is OtherMatters:
        extra["fees"] = st.none() | _table(ProcessingFees)
    return st.builds(cls, content=blocks, subsections=subsections, **extra)


def _meta(edition: Edition) -> st.SearchStrategy[ReportMeta]:
    last = edition.last_year or 2030
    years = st.integers(edition.first_year, last)

    @st.composite
    def build(draw: st.DrawFn) -> ReportMeta:
        year = draw(years)
        published = draw(st.none() | st.dates(dt.date(year + 1, 1, 1), dt.date(year + 1, 3, 31)))
        return ReportMeta(
            organ=Organ(name=draw(texts(max_size=20)), level=draw(st.sampled_from(OrganLevel))),
            year=year,
            title=draw(st.none() | texts(max_size=40)),
            published=published,
            period=draw(st.none() | st.just(Period.calendar_year(year))),
            preface=draw(paragraphs()),
            signed_by=draw(st.none() | texts(max_size=20)),
        )

    return build()


def _notes(cls: type) -> st.SearchStrategy[tuple[CellNote, ...]]:
    paths = [c.model_path for c in report_cells(cls)]
    # Notes are written in brackets after the number; brackets inside them could not be told
    # from the closing one, so generated notes have none.
    note_text = texts(max_size=20).filter(lambda t: not any(c in t for c in "()（）"))
    note = st.builds(CellNote, path=st.sampled_from(paths), text=note_text)
    return st.lists(note, max_size=2, unique_by=lambda n: n.path).map(tuple)


def _edition(edition: Edition | None) -> st.SearchStrategy[Edition]:
    return st.just(edition) if edition is not None else st.sampled_from(Edition)


def reports(edition: Edition | None = None) -> st.SearchStrategy[AnnualReport]:
    """Any structurally valid report of ``edition`` (either when None)."""

    def for_edition(e: Edition) -> st.SearchStrategy[AnnualReport]:
        cls = REPORT_CLASSES[e]
        sections = {s: f for s, f in _sections(cls).items()}
        return st.builds(
            cls,
            meta=_meta(e),
            overview=_narrative(),
            active_disclosure=_table(sections["active_disclosure"]),
            requests=_table(sections["requests"]),
            appeals=_table(Appeals),
            problems=_narrative(),
            other_matters=_narrative(OtherMatters),
            cell_notes=_notes(cls),
        )

    return _edition(edition).flatmap(for_edition)


def _sections(cls: type) -> dict[str, type]:
    out = {}
    for f in attrs.fields(cls):
        info = info_of(f)
        if info is not None and info.target is not None:
            out[f.name] = info.target
    return out


# -- reports that satisfy every arithmetic rule ------------------------------------

_SMALL = 50


def _consistent_requests(cls: type) -> st.SearchStrategy[Any]:
    """Table 三 in which every column reconciles and every row adds up."""

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        blank = cls()
        outcome_paths = [p for p, _ in blank.results.leaf_rows() if p != "total"]
        # One column at a time for the six applicant columns.
        columns: list[dict[str, int]] = []
        for _ in range(6):
            col = {p: draw(st.integers(0, _SMALL)) for p in outcome_paths}
            total = sum(col.values())
            carried_forward = draw(st.integers(0, _SMALL))
            carried_over = draw(st.integers(0, total + carried_forward))
            col |= {
                "total": total,
                "carried_forward": carried_forward,
                "carried_over": carried_over,
                "new_received": total + carried_forward - carried_over,
            }
            columns.append(col)

        def row_of(key: str) -> ApplicantCounts:
            values = [c[key] for c in columns]
            return ApplicantCounts(
                natural_person=values[0],
                commercial=values[1],
                research=values[2],
                public_interest=values[3],
                legal_services=values[4],
                other=values[5],
                total=sum(values),
            )

        results = _set_rows(blank.results, {p: row_of(p) for p in [*outcome_paths, "total"]})
        return cls(
            new_received=row_of("new_received"),
            carried_over=row_of("carried_over"),
            results=results,
            carried_forward=row_of("carried_forward"),
        )

    return build()


def _set_rows(group: Any, rows: dict[str, Any]) -> Any:
    """``group`` with the rows at the given dotted paths replaced."""
    changes: dict[str, Any] = {}
    for f in attrs.fields(type(group)):
        info = info_of(f)
        if info is None:
            continue
        if info.kind is Kind.ROW and f.name in rows:
            changes[f.name] = rows[f.name]
        elif info.kind is Kind.GROUP:
            prefix = f.name + "."
            sub = {k[len(prefix) :]: v for k, v in rows.items() if k.startswith(prefix)}
            changes[f.name] = _set_rows(getattr(group, f.name), sub)
    return attrs.evolve(group, **changes)


def _consistent_outcomes() -> st.SearchStrategy[CaseOutcomes]:
    parts = st.tuples(*(st.integers(0, _SMALL) for _ in range(4)))
    return parts.map(
        lambda p: CaseOutcomes(upheld=p[0], corrected=p[1], other=p[2], pending=p[3], total=sum(p))
    )


def _consistent_appeals() -> st.SearchStrategy[Appeals]:
    return st.builds(
        Appeals,
        reconsideration=_consistent_outcomes(),
        litigation=st.builds(
            Litigation, direct=_consistent_outcomes(), after_reconsideration=_consistent_outcomes()
        ),
    )


def _plausible_active(cls: type) -> st.SearchStrategy[Any]:
    """Table 二 with every cell filled and 本年新公开数量 ≤ 对外公开总数量 (2019 edition)."""

    def fix(table: Any) -> Any:
        item1 = table.item1
        changes = {}
        for name in ("rules", "normative"):
            r = getattr(item1, name)
            if hasattr(r, "total_published") and r.published > r.total_published:
                changes[name] = attrs.evolve(r, total_published=r.published)
        return attrs.evolve(table, item1=attrs.evolve(item1, **changes)) if changes else table

    return _table(cls, blank=False).map(fix)


def _said(draw: st.DrawFn, n: Any) -> Any:
    """``n`` with a paragraph when it has none (an empty section is a part left out, R-SECTION)."""
    said = n.content or any(sub.content for sub in n.subsections)
    return n if said else attrs.evolve(n, content=(draw(texts()), *n.content))


def valid_reports(edition: Edition | None = None) -> st.SearchStrategy[AnnualReport]:
    """Reports of ``edition`` (either when None) that satisfy every arithmetic rule.

    Every table cell is filled; the report is published on time for its
    organ's level, in the edition prescribed for its year, and its 规章 row
    is 0 unless the organ may make rules; its text states no claim (``1件转下年``).
    """
    from gkmodel.rules.narrative import extract_claims

    def for_edition(e: Edition) -> st.SearchStrategy[AnnualReport]:
        cls = REPORT_CLASSES[e]
        sections = _sections(cls)

        @st.composite
        def build(draw: st.DrawFn) -> AnnualReport:
            meta = draw(_meta(e))
            meta = attrs.evolve(meta, published=dt.date(meta.year + 1, 1, 20))
            active = draw(_plausible_active(sections["active_disclosure"]))
            rules = attrs.evolve(
                active.item1.rules, **{f.name: 0 for f in attrs.fields(type(active.item1.rules))}
            )
            active = attrs.evolve(active, item1=attrs.evolve(active.item1, rules=rules))
            report: AnnualReport = cls(
                meta=meta,
                overview=_said(draw, draw(_narrative(totals=False))),
                active_disclosure=active,
                requests=draw(_consistent_requests(sections["requests"])),
                appeals=draw(_consistent_appeals()),
                problems=_said(draw, draw(_narrative(totals=False))),
                other_matters=_said(draw, draw(_narrative(OtherMatters, totals=False))),
            )
            return report

        return build().filter(lambda report: not extract_claims(report))

    return _edition(edition).flatmap(for_edition)


# -- reports whose every part plain text can carry ------------------------------------------

_HAN = "的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
_PROSE = st.text(st.sampled_from(_HAN + "0123456789，、；：“”《》"), min_size=1, max_size=40).map(
    lambda t: t + "。"
)
_TITLE = st.text(st.sampled_from(_HAN), min_size=1, max_size=12)
# a place name: never a pronoun (我县 is how a report speaks of itself, not a name)
_ORGAN_PLACE = _TITLE.filter(lambda t: t[0] not in "我为这他们")
_ORGANS = [
    ("乡人民政府", OrganLevel.TOWNSHIP),
    ("县人民政府", OrganLevel.COUNTY_GOVERNMENT),
    ("市人民政府", OrganLevel.CITY_GOVERNMENT),
    ("省人民政府", OrganLevel.PROVINCE_GOVERNMENT),
]


def _publishable_tables() -> st.SearchStrategy[LocalTable]:
    @st.composite
    def build(draw: st.DrawFn) -> LocalTable:
        width = draw(st.integers(1, 3))
        value = st.one_of(st.none(), st.integers(0, 10_000))
        rows = tuple(
            LocalRow(label=draw(_TITLE), values=tuple(draw(value) for _ in range(width)))
            for _ in range(draw(st.integers(1, 4)))
        )
        return LocalTable(columns=tuple(draw(_TITLE) for _ in range(width + 1)), rows=rows)

    return build()


def _publishable_narrative(cls: type = Narrative) -> st.SearchStrategy[Any]:
    blocks = st.lists(st.one_of(_PROSE, _publishable_tables()), max_size=3).map(tuple)
    subsections = st.lists(st.builds(Subsection, title=_TITLE, content=blocks), max_size=3)
    extra: dict[str, st.SearchStrategy[Any]] = {}
    if cls is OtherMatters:  # all-blank fee facts are "not stated": text shows them as nothing
        stated = _table(ProcessingFees, blank=True).filter(lambda f: any(attrs.astuple(f)))
        extra["fees"] = st.none() | stated
    return st.builds(cls, content=blocks, subsections=subsections.map(tuple), **extra)


def publishable_reports(edition: Edition | None = None) -> st.SearchStrategy[AnnualReport]:
    """Reports whose every part plain text can carry, so ``read(render(r, to="text")) == r``.

    Tables and cell notes are as in :func:`reports`; the text is sentences of Chinese
    characters, the title is the standard one, the organ's name says its level, and no
    local table declares total rows (plain text cannot say which rows are totals).
    """

    @st.composite
    def meta(draw: st.DrawFn, e: Edition) -> ReportMeta:
        year = draw(st.integers(e.first_year, e.last_year or 2030))
        suffix, level = draw(st.sampled_from(_ORGANS))
        organ = draw(_ORGAN_PLACE) + suffix
        return ReportMeta(
            organ=Organ(name=organ, level=level),
            year=year,
            title=f"{organ}{year}年政府信息公开工作年度报告",
            published=draw(st.none() | st.dates(dt.date(year + 1, 1, 1), dt.date(year + 1, 3, 31))),
            preface=tuple(draw(st.lists(_PROSE, max_size=2))),
        )

    def for_edition(e: Edition) -> st.SearchStrategy[AnnualReport]:
        cls = REPORT_CLASSES[e]
        sections = _sections(cls)
        prose = st.lists(_PROSE, max_size=2).map(tuple)

        def with_prose(table: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
            return st.builds(lambda t, a, b: attrs.evolve(t, intro=a, notes=b), table, prose, prose)

        return st.builds(
            cls,
            meta=meta(e),
            overview=_publishable_narrative(),
            active_disclosure=with_prose(_table(sections["active_disclosure"])),
            requests=with_prose(_table(sections["requests"])),
            appeals=with_prose(_table(Appeals)),
            problems=_publishable_narrative(),
            other_matters=_publishable_narrative(OtherMatters),
            cell_notes=_notes(cls),
        )

    return _edition(edition).flatmap(for_edition)
