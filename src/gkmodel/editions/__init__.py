"""The editions of the report format, each one declaration, and the registry that lists them.

Everything that differs between the 2019 and the 2021 edition is declared
once, in :mod:`gkmodel.editions.e2019` and :mod:`gkmodel.editions.e2021`: the
notice that issued it, the report years it serves, its report class (whose
fields declare the layout, the tables and the section headings), which rules
of the catalogue apply to it, and which rows of table 三 are outcomes.  The
checker, the renderers, the schema, the cells export, tally and the CLI look
an edition up here; :class:`~gkmodel.model.Edition`'s properties,
``Edition.for_year`` and ``REPORT_CLASSES`` are views of this registry.

>>> edition_for_year(2020).edition
<Edition.E2019: '2019'>
>>> declaration_of(Edition.E2021).document
'国办公开办函〔2021〕30号'
>>> [s.heading for s in declaration_of(Edition.E2021).sections][:2]
['一、总体情况', '二、主动公开政府信息情况']
>>> len(declaration_of(Edition.E2019).outcome_rows), len(declaration_of(Edition.E2021).outcome_rows)
(19, 21)
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from gkmodel.model.common import Edition  # noqa: F401  (doctest)
from gkmodel.model.layout import Rows, RowSpec, SectionSpec, report_rows, sections

__all__ = [
    "EDITIONS",
    "EditionDeclaration",
    "SectionHeading",
    "declaration_for_class",
    "declaration_for_key",
    "declaration_of",
    "edition_for_year",
    "registered",
    "section_headings",
]


@attrs.frozen(kw_only=True)
class EditionDeclaration:
    """One edition of the format: everything about it that is not the same in every edition.

    ``edition`` is its key (the ``"edition"`` of the canonical JSON);
    ``report_class`` is the model class whose fields declare its tables,
    rows, columns and section headings.  ``rules_not_applied`` names the rules
    of the catalogue that do not apply to it; ``outcomes`` selects the outcome
    rows of table 三 (what a register's 办理结果 may name).
    """

    edition: Any  # an Edition (a test may declare a toy edition with a key of its own)
    document: str
    first_year: int
    last_year: int | None
    report_class: type[Any]
    rules_not_applied: frozenset[str] = frozenset()
    outcomes: Rows = Rows("requests.results", without=("total",))
    heading_variants: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)

    @property
    def key(self) -> str:
        """The edition's name in JSON, on the command line and in messages (``"2021"``)."""
        value: str = self.edition.value
        return value

    @property
    def sections(self) -> tuple[SectionSpec, ...]:
        """The six sections, their headings, in order (from the report class)."""
        return sections(self.report_class)

    @property
    def tables(self) -> tuple[SectionSpec, ...]:
        """The sections that are official tables (二, 三, 四): the layout roots."""
        return tuple(s for s in self.sections if hasattr(s.info.target, "TABLE"))

    @property
    def rows(self) -> tuple[RowSpec, ...]:
        """Every data row of the official tables, in table order."""
        return report_rows(self.report_class)

    @property
    def outcome_rows(self) -> tuple[RowSpec, ...]:
        """The outcome rows of table 三 (all rows of 三、本年度办理结果 but （七）总计)."""
        return self.outcomes.select(self.report_class)

    @property
    def row_variants(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        """Other wordings of a row's own label: its label in the other registered editions.

        A row at the same model path whose label another edition words differently
        (``规范性文件`` in the 2019 edition, ``行政规范性文件`` in the 2021 edition) is
        often written in that other wording; a reader accepts it as a loose match.

        >>> d = declaration_of(Edition.E2021)
        >>> d.row_variants[("active_disclosure", "item1", "normative")]
        ('规范性文件',)
        """
        return _row_variants(self)

    @property
    def groups_as_rows(self) -> tuple[tuple[str, ...], ...]:
        """The paths of this edition's groups that another registered edition has as one row.

        A report may print such a group the other edition's way, as a single row
        (the 2021 edition's （六）其他处理 and its three rows, one row in the 2019
        edition).

        >>> declaration_of(Edition.E2021).groups_as_rows
        (('requests', 'results', 'other'),)
        """
        return _groups_as_rows(self)

    def applies(self, code: str) -> bool:
        """Whether the catalogue's rule ``code`` applies to reports of this edition."""
        return code not in self.rules_not_applied

    def serves(self, year: int) -> bool:
        """Whether this edition is prescribed for reports on ``year``."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


def _declared() -> dict[Any, EditionDeclaration]:
    from gkmodel.editions.e2019 import EDITION as E2019
    from gkmodel.editions.e2021 import EDITION as E2021

    return {d.edition: d for d in (E2019, E2021)}


EDITIONS: dict[Any, EditionDeclaration] = _declared()
"""Every edition, by key, oldest first."""


def declaration_of(edition: Any) -> EditionDeclaration:
    """The declaration of ``edition`` (an :class:`Edition`, or its value such as ``"2021"``)."""
    found = EDITIONS.get(edition)
    if found is None:
        found = next((d for d in EDITIONS.values() if d.key == edition), None)
    if found is None:
        found = next((d for d in EDITIONS.values() if d.key == str(edition)), None)
    if found is None:
        from gkmodel.errors import EditionError

        raise EditionError(edition, [d.key for d in EDITIONS.values()])
    return found


@functools.cache
def declaration_for_class(report_cls: type) -> EditionDeclaration | None:
    """The declaration whose report class is ``report_cls``, or None."""
    return next((d for d in EDITIONS.values() if d.report_class is report_cls), None)


@functools.cache
def declaration_for_key(key: str) -> EditionDeclaration | None:
    """The declaration whose JSON key is ``key`` (``"2021"``), or None (a cached look-up)."""
    return next((d for d in EDITIONS.values() if d.key == key), None)


@functools.cache
def edition_for_year(year: int) -> EditionDeclaration:
    """The edition prescribed for reports on ``year``: the newest serving it, else the nearest."""
    serving = [d for d in EDITIONS.values() if d.serves(year)]
    if serving:
        return serving[-1]
    first = min(EDITIONS.values(), key=lambda d: d.first_year)
    return first if year < first.first_year else max(EDITIONS.values(), key=lambda d: d.first_year)


@functools.cache
def _row_variants(declaration: EditionDeclaration) -> dict[tuple[str, ...], tuple[str, ...]]:
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for row in declaration.rows:
        own = row.labels[-1]
        others = (
            r.labels[-1]
            for d in EDITIONS.values()
            if d is not declaration
            for r in d.rows
            if r.path == row.path and r.labels[-1] != own
        )
        found = tuple(dict.fromkeys(others))
        if found:
            out[row.path] = found
    return out


@functools.cache
def _groups_as_rows(declaration: EditionDeclaration) -> tuple[tuple[str, ...], ...]:
    mine = {r.path for r in declaration.rows}
    found = (
        r.path
        for d in EDITIONS.values()
        if d is not declaration
        for r in d.rows
        if r.path not in mine and any(p[: len(r.path)] == r.path for p in mine)
    )
    return tuple(dict.fromkeys(found))


@attrs.frozen
class SectionHeading:
    """A section as a reader looks for it: its name, numeral and label, and other wordings."""

    name: str  # the section's attribute name
    numeral: str
    label: str
    table: bool  # whether the section holds an official table
    variants: tuple[str, ...] = ()  # wordings declared by the editions (``heading_variants``)

    @property
    def heading(self) -> str:
        """The official heading, ``五、存在的主要问题及改进情况``."""
        return f"{self.numeral}、{self.label}"


@functools.cache
def section_headings() -> tuple[SectionHeading, ...]:
    """The sections of every registered edition, in report order, each wording once.

    A section with the same name, numeral and label in several editions is listed once,
    with the variant wordings every edition declares for it.

    >>> [(h.numeral, h.variants) for h in section_headings() if h.name == "other_matters"]
    [('六', ('其他事项',))]
    """
    found: dict[tuple[str, str, str], SectionHeading] = {}
    for declaration in EDITIONS.values():
        for s in declaration.sections:
            key = (s.name, s.info.numeral or "", s.info.label)
            old = found.get(key)
            declared = declaration.heading_variants.get(s.name, ())
            variants = (*(old.variants if old else ()), *declared)
            found[key] = SectionHeading(
                *key, hasattr(s.info.target, "TABLE"), tuple(dict.fromkeys(variants))
            )
    order = {name: k for k, name in enumerate(dict.fromkeys(k[0] for k in found))}
    return tuple(sorted(found.values(), key=lambda h: order[h.name]))


@contextlib.contextmanager
def registered(declaration: EditionDeclaration) -> Iterator[EditionDeclaration]:
    """Add an edition to the registry for the duration of a ``with`` block (for tests)."""
    if declaration.edition in EDITIONS:
        raise ValueError(f"edition {declaration.key} is already registered")
    EDITIONS[declaration.edition] = declaration
    _forget()
    try:
        yield declaration
    finally:
        del EDITIONS[declaration.edition]
        _forget()


def _forget() -> None:
    """Clear the look-ups cached from the registry (it changed)."""
    declaration_for_class.cache_clear()
    declaration_for_key.cache_clear()
    edition_for_year.cache_clear()
    section_headings.cache_clear()
    _row_variants.cache_clear()
    _groups_as_rows.cache_clear()
