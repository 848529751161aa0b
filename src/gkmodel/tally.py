"""Tables 三 and 四 counted from case registers (台账), so the 勾稽 rules hold by construction.

>>> import datetime as dt
>>> apps = [
...     Application(id="A1", received=dt.date(2023, 12, 20), applicant=ApplicantType.NATURAL_PERSON,
...                 outcome="granted", closed=dt.date(2024, 1, 10)),
...     Application(id="A2", received=dt.date(2024, 3, 1), applicant=ApplicantType.COMMERCIAL,
...                 outcome="denied.third_party", closed=dt.date(2024, 3, 20)),
...     Application(id="A3", received=dt.date(2024, 12, 30),
...                 applicant=ApplicantType.NATURAL_PERSON),
... ]
>>> t = tally_requests(apps, year=2024, edition=Edition.E2021)
>>> t.new_received.total, t.carried_over.total, t.results.total.total, t.carried_forward.total
(2, 1, 2, 1)
>>> t.results.denied.third_party.commercial
1
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from typing import Any, Literal, TypeVar, overload

import attrs

from gkmodel._labels import normalize
from gkmodel._registers import register_rows
from gkmodel._sources import Source
from gkmodel.editions import declaration_of
from gkmodel.errors import GkmodelError, Problem
from gkmodel.model import info_of
from gkmodel.model.appeals import Appeals, CaseOutcomes, Litigation
from gkmodel.model.common import Edition
from gkmodel.model.layout import RowSpec, replace_paths, table_rows
from gkmodel.model.requests import ApplicantCounts, Requests2019, Requests2021

__all__ = [
    "ApplicantType",
    "Application",
    "Case",
    "CaseKind",
    "CaseResult",
    "TallyError",
    "outcome_labels",
    "outcomes",
    "read_applications",
    "read_cases",
    "tally_appeals",
    "tally_requests",
]


class ApplicantType(enum.Enum):
    """The six applicant columns of table 三; values are the keys of :class:`ApplicantCounts`."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICES = "legal_services"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The official column label (自然人, 商业企业, …), from the model."""
        info = info_of(attrs.fields_dict(ApplicantCounts)[self.value])
        assert info is not None
        return info.label


class CaseKind(enum.Enum):
    """The three kinds of case of table 四; values are the paths of its rows in :class:`Appeals`."""

    RECONSIDERATION = "reconsideration"
    DIRECT = "litigation.direct"
    AFTER_RECONSIDERATION = "litigation.after_reconsideration"

    @property
    def label(self) -> str:
        """The row's own official label (行政复议, 未经复议直接起诉, 复议后起诉), from the model."""
        return _appeal_rows()[tuple(self.value.split("."))].labels[-1]


def _appeal_rows() -> dict[tuple[str, ...], RowSpec]:
    return {r.path: r for r in table_rows(Appeals)}


class CaseResult(enum.Enum):
    """The result columns of table 四; values are the keys of :class:`CaseOutcomes`."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"

    @property
    def label(self) -> str:
        """The official column label (结果维持, 结果纠正, 其他结果, 尚未审结), from the model."""
        info = info_of(attrs.fields_dict(CaseOutcomes)[self.value])
        assert info is not None
        return info.label


def _date_or_none(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not dt.date:
        raise TypeError(f"{attribute.name}: expected a datetime.date or None, got {value!r}")


@attrs.frozen(kw_only=True)
class Application:
    """One application of the register: when it came, from whom, how and when it was closed.

    ``outcome`` is the key of an outcome row of table 三 (``"granted"``,
    ``"denied.state_secret"``, ``"other.fee_unpaid"`` …, see :func:`outcomes`);
    an application still open has neither outcome nor closing date.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    received: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    applicant: ApplicantType = attrs.field(validator=attrs.validators.instance_of(ApplicantType))
    outcome: str | None = attrs.field(default=None)
    closed: dt.date | None = attrs.field(default=None, validator=_date_or_none)


@attrs.frozen(kw_only=True)
class Case:
    """One review or litigation case: its kind, its result (PENDING while open), and its dates.

    ``filed`` (立案日期) and ``closed`` (办结日期) are optional; with them,
    :func:`tally_appeals` can count the cases of one year from a register
    that spans several.
    """

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: CaseKind = attrs.field(validator=attrs.validators.instance_of(CaseKind))
    result: CaseResult = attrs.field(validator=attrs.validators.instance_of(CaseResult))
    filed: dt.date | None = attrs.field(default=None, validator=_date_or_none)
    closed: dt.date | None = attrs.field(default=None, validator=_date_or_none)


class TallyError(GkmodelError):
    """Records that cannot be counted; ``problems`` names each record and what is wrong."""

    code = "tally"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(lines)} record(s) cannot be counted:\n  " + "\n  ".join(lines))


def outcomes(edition: Edition) -> tuple[str, ...]:
    """The keys of the outcome rows of table 三 in ``edition`` (all rows but （七）总计)."""
    return tuple(_outcome_key(r) for r in declaration_of(edition).outcome_rows)


def _outcome_key(row: RowSpec) -> str:
    """An outcome row's key: its path below 三、本年度办理结果 (``"denied.state_secret"``)."""
    return ".".join(row.path[2:])


def outcome_labels(edition: Edition) -> dict[str, str]:
    """How a register names each outcome row of ``edition``: key → the row's label.

    The label is the row's own label (``予以公开``, ``1.属于国家秘密``) when that
    names one row only, else its labels from the group down joined by ``/``;
    :func:`read_applications` reads each back to its key.

    >>> outcome_labels(Edition.E2021)["denied.state_secret"]
    '1.属于国家秘密'
    """
    names = _outcome_names(edition)
    out: dict[str, str] = {}
    for spec in declaration_of(edition).outcome_rows:
        key = _outcome_key(spec)
        own, full = spec.labels[-1], "/".join(spec.labels[1:])
        out[key] = own if names.get(normalize(own)) == key else full
    return out


def _requests_class(edition: Edition) -> Any:
    report_class = declaration_of(edition).report_class
    return attrs.fields_dict(report_class)["requests"].metadata["gkmodel"].target


@overload
def tally_requests(
    records: Iterable[Application], *, year: int, edition: Literal[Edition.E2019]
) -> Requests2019: ...
@overload
def tally_requests(
    records: Iterable[Application], *, year: int, edition: Literal[Edition.E2021]
) -> Requests2021: ...
@overload
def tally_requests(
    records: Iterable[Application], *, year: int, edition: Edition
) -> Requests2019 | Requests2021: ...
def tally_requests(
    records: Iterable[Application], *, year: int, edition: Edition
) -> Requests2019 | Requests2021:
    """Table 三 of ``year`` counted from the register; raises :class:`TallyError` listing
    every record received after the year, closed before it, closed before it was received,
    or closed without an outcome of the edition.
    """
    records = _checked("tally_requests", records, Application, year, optional=False)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    valid = set(outcomes(edition))
    counts: dict[tuple[str, ...], dict[str, int]] = {}
    problems: list[Problem] = []

    def add(row: tuple[str, ...], applicant: ApplicantType) -> None:
        counts.setdefault(row, {})
        counts[row][applicant.value] = counts[row].get(applicant.value, 0) + 1

    for r in records:
        where = f"record {r.id}"
        if r.received > end:
            problems.append(Problem(where, f"received {r.received}, after the year {year}"))
            continue
        if r.closed is not None and r.closed < r.received:
            problems.append(Problem(where, f"closed {r.closed} before it was received"))
            continue
        if r.closed is not None and r.closed < start:
            problems.append(Problem(where, f"closed {r.closed}, before the year {year}"))
            continue
        if r.closed is not None and r.closed <= end and r.outcome not in valid:
            problems.append(Problem(where, f"outcome {r.outcome!r} is not a row of the edition"))
            continue
        add(("new_received",) if r.received >= start else ("carried_over",), r.applicant)
        if r.closed is not None and r.closed <= end:
            add(("results", *str(r.outcome).split(".")), r.applicant)
            add(("results", "total"), r.applicant)
        else:
            add(("carried_forward",), r.applicant)
    if problems:
        raise TallyError(problems)
    table = _requests_class(edition)
    zero = ApplicantCounts.of(*[0] * 7)
    blank = table(
        new_received=zero,
        carried_over=zero,
        results=type(table().results).uniform(zero),
        carried_forward=zero,
    )
    changes = {}
    for row, by_type in counts.items():
        cells = {t.value: by_type.get(t.value, 0) for t in ApplicantType}
        changes[row] = ApplicantCounts(**cells, total=sum(cells.values()))
    tallied: Requests2019 | Requests2021 = replace_paths(blank, changes)
    return tallied


def _case_problem(c: Case, year: int | None) -> str | None:
    """Why case ``c`` cannot be counted (in ``year``), or None."""
    if c.closed is not None and c.result is CaseResult.PENDING:
        return f"{CaseResult.PENDING.label} but closed on {c.closed}"
    if c.filed is not None and c.closed is not None and c.closed < c.filed:
        return f"closed on {c.closed}, before it was filed ({c.filed})"
    if year is not None and c.filed is not None and c.filed.year > year:
        return f"filed on {c.filed}, after {year}"
    if year is not None and c.closed is not None and c.closed.year < year:
        return f"closed on {c.closed}, before {year}"
    return None


_R = TypeVar("_R")
MIN_YEAR, MAX_YEAR = 2008, 2100  # the years a report may be on (ReportMeta.year)


def _checked(
    function: str, records: object, kind: type[_R], year: object, *, optional: bool
) -> list[_R]:
    """``records`` as a list, each a ``kind``, and ``year`` a year of the format: else an
    :class:`~gkmodel.errors.ArgumentTypeError` (or a ``GkmodelError`` for a year out of range)."""
    from gkmodel.errors import ArgumentTypeError

    if not (optional and year is None):
        if type(year) is not int:
            raise ArgumentTypeError(function, "year", "an int", year)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise GkmodelError(f"{function}(): year {year} is not from {MIN_YEAR} to {MAX_YEAR}")
    if isinstance(records, (str, bytes)) or not isinstance(records, Iterable):
        raise ArgumentTypeError(function, "records", f"an iterable of {kind.__name__}", records)
    out = list(records)
    for r in out:
        if not isinstance(r, kind):
            raise ArgumentTypeError(function, "records", f"{kind.__name__} records", r)
    return out


def tally_appeals(cases: Iterable[Case], *, year: int | None = None) -> Appeals:
    """Table 四 counted from the register of review and litigation cases.

    Each case counts under its result.  With ``year``, a case closed after
    31 December of the year counts as 尚未审结 (it was pending then), and a
    case filed after the year or closed before it is an error, as is a case
    closed before it was filed or marked 尚未审结 with a closing date: every
    one is named in one :class:`TallyError`.

    >>> cases = [Case(id="F1", kind=CaseKind.RECONSIDERATION, result=CaseResult.UPHELD,
    ...               filed=dt.date(2024, 11, 2), closed=dt.date(2025, 1, 20))]
    >>> tally_appeals(cases).reconsideration.upheld
    1
    >>> tally_appeals(cases, year=2024).reconsideration.pending
    1
    """
    cases = _checked("tally_appeals", cases, Case, year, optional=True)
    counts: dict[CaseKind, dict[CaseResult, int]] = {
        k: dict.fromkeys(CaseResult, 0) for k in CaseKind
    }
    problems: list[Problem] = []
    for c in cases:
        problem = _case_problem(c, year)
        if problem is not None:
            problems.append(Problem(f"record {c.id}", problem))
            continue
        pending = year is not None and c.closed is not None and c.closed.year > year
        counts[c.kind][CaseResult.PENDING if pending else c.result] += 1  # pending on 31 Dec
    if problems:
        raise TallyError(problems)

    def row(kind: CaseKind) -> CaseOutcomes:
        n = counts[kind]
        parts = [
            n[CaseResult.UPHELD],
            n[CaseResult.CORRECTED],
            n[CaseResult.OTHER],
            n[CaseResult.PENDING],
        ]
        return CaseOutcomes.of(*parts, sum(parts))

    return Appeals(
        reconsideration=row(CaseKind.RECONSIDERATION),
        litigation=Litigation(
            direct=row(CaseKind.DIRECT), after_reconsideration=row(CaseKind.AFTER_RECONSIDERATION)
        ),
    )


# -- registers as organs keep them (CSV) -------------------------------------------------------

APPLICATION_COLUMNS = ("编号", "申请日期", "申请人类型", "办理结果", "办结日期")
"""The columns of an application register (CSV, UTF-8; see examples/register_template.csv)."""
CASE_COLUMNS = ("编号", "类型", "结果")
"""The columns of a review and litigation register."""
CASE_DATE_COLUMNS = ("立案日期", "办结日期")
"""Optional columns of a review and litigation register: when the case was filed and closed."""


def _outcome_names(edition: Edition) -> dict[str, str]:
    """Every way a register may name an outcome row (with or without its number) → its key."""

    names: dict[str, str] = {}
    for spec in declaration_of(edition).outcome_rows:
        key = _outcome_key(spec)
        label = normalize(spec.labels[-1])
        bare = re.sub(r"^(?:\d+\.|（[一二三四五六七]）)", "", label)
        for name in {label, bare, normalize("/".join(spec.labels[1:]))}:
            names[name] = key if name not in names else ""  # "" marks an ambiguous name
    return {k: v for k, v in names.items() if v}


def _date(text: str) -> dt.date | None:

    m = re.fullmatch(r"\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*", text)
    try:
        if not m:
            raise ValueError
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None


Register = Source
"""A register: a path, the bytes of a CSV or XLSX file, or CSV text (as :func:`gkmodel.read`)."""


def read_applications(register: Register, *, edition: Edition) -> list[Application]:
    """The applications of a register (CSV or XLSX, columns :data:`APPLICATION_COLUMNS`).

    ``register`` is a path, the file's bytes, or CSV text.  Every bad line is
    reported, with its line (CSV) or row (XLSX) number, in one ``TallyError``.
    """
    names = _outcome_names(edition)
    types = {t.label: t for t in ApplicantType}
    out: list[Application] = []
    problems: list[Problem] = []
    _, rows = register_rows(register, APPLICATION_COLUMNS)
    for where, row in rows:
        try:
            outcome_text = (row["办理结果"] or "").strip()
            outcome = names.get(normalize(outcome_text)) if outcome_text else None
            if outcome_text and outcome is None:
                raise ValueError(
                    f"办理结果 {outcome_text!r} is not a row of the {edition.value} edition"
                )
            applicant = types.get((row["申请人类型"] or "").strip())
            if applicant is None:
                raise ValueError(
                    f"申请人类型 {row['申请人类型']!r} is not one of {'、'.join(types)}"
                )
            closed_text = (row["办结日期"] or "").strip()
            out.append(
                Application(
                    id=row["编号"].strip() or where.rsplit(", ", 1)[-1],
                    received=_date(row["申请日期"] or ""),  # type: ignore[arg-type]
                    applicant=applicant,
                    outcome=outcome,
                    closed=_date(closed_text) if closed_text else None,
                )
            )
        except ValueError as exc:
            problems.append(Problem(where, str(exc)))
    if problems:
        raise TallyError(problems)
    return out


def read_cases(register: Register) -> list[Case]:
    """The cases of a register of reviews and lawsuits (CSV or XLSX).

    Columns :data:`CASE_COLUMNS`, and optionally :data:`CASE_DATE_COLUMNS`
    (立案日期, 办结日期) for :func:`tally_appeals` with a ``year``.
    """
    kinds = {k.label: k for k in CaseKind}
    results = {r.label: r for r in CaseResult}
    out: list[Case] = []
    problems: list[Problem] = []
    _, rows = register_rows(register, CASE_COLUMNS, CASE_DATE_COLUMNS)
    for where, row in rows:
        kind = kinds.get(row["类型"].strip())
        result = results.get(row["结果"].strip())
        if kind is None or result is None:
            problems.append(Problem(where, f"类型 {row['类型']!r} or 结果 {row['结果']!r} unknown"))
            continue
        try:
            filed, closed = (_date(row[c]) if row[c].strip() else None for c in CASE_DATE_COLUMNS)
        except ValueError as exc:
            problems.append(Problem(where, str(exc)))
            continue
        case_id = row["编号"].strip() or where.rsplit(", ", 1)[-1]
        out.append(Case(id=case_id, kind=kind, result=result, filed=filed, closed=closed))
    if problems:
        raise TallyError(problems)
    return out
