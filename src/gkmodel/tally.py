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
from collections.abc import Iterable
from typing import Any

import attrs

from gkmodel.errors import GkmodelError, Problem
from gkmodel.model._fields import info_of
from gkmodel.model.appeals import Appeals, CaseOutcomes, Litigation
from gkmodel.model.common import Edition
from gkmodel.model.layout import replace_paths
from gkmodel.model.report import REPORT_CLASSES
from gkmodel.model.requests import ApplicantCounts

__all__ = [
    "ApplicantType",
    "Application",
    "Case",
    "CaseKind",
    "CaseResult",
    "TallyError",
    "outcomes",
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
    """The three kinds of case of table 四."""

    RECONSIDERATION = "reconsideration"  # 行政复议
    DIRECT = "litigation.direct"  # 行政诉讼/未经复议直接起诉
    AFTER_RECONSIDERATION = "litigation.after_reconsideration"  # 行政诉讼/复议后起诉


class CaseResult(enum.Enum):
    """The result columns of table 四 (结果维持, 结果纠正, 其他结果, 尚未审结)."""

    UPHELD = "upheld"
    CORRECTED = "corrected"
    OTHER = "other"
    PENDING = "pending"


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
    """One review or litigation case: its kind and its result (PENDING while open)."""

    id: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: CaseKind = attrs.field(validator=attrs.validators.instance_of(CaseKind))
    result: CaseResult = attrs.field(validator=attrs.validators.instance_of(CaseResult))


class TallyError(GkmodelError):
    """Records that cannot be counted; ``problems`` names each record and what is wrong."""

    code = "tally"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(lines)} record(s) cannot be counted:\n  " + "\n  ".join(lines))


def outcomes(edition: Edition) -> tuple[str, ...]:
    """The keys of the outcome rows of table 三 in ``edition`` (all rows but （七）总计)."""
    return tuple(path for path, _ in _requests_class(edition)().results.outcome_rows())


def _requests_class(edition: Edition) -> Any:
    return attrs.fields_dict(REPORT_CLASSES[edition])["requests"].metadata["gkmodel"].target


def tally_requests(records: Iterable[Application], *, year: int, edition: Edition) -> Any:
    """Table 三 of ``year`` counted from the register; raises :class:`TallyError` listing
    every record received after the year, closed before it, closed before it was received,
    or closed without an outcome of the edition.
    """
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
    return replace_paths(blank, changes)


def tally_appeals(cases: Iterable[Case]) -> Appeals:
    """Table 四 counted from the register of review and litigation cases."""
    counts: dict[CaseKind, dict[CaseResult, int]] = {
        k: dict.fromkeys(CaseResult, 0) for k in CaseKind
    }
    for c in cases:
        counts[c.kind][c.result] += 1

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

_CASE_KINDS = {"行政复议": CaseKind.RECONSIDERATION, "未经复议直接起诉": CaseKind.DIRECT,
               "复议后起诉": CaseKind.AFTER_RECONSIDERATION}  # fmt: skip


def _outcome_names(edition: Edition) -> dict[str, str]:
    """Every way a register may name an outcome row (with or without its number) → its key."""
    import re

    from gkmodel.model.layout import table_rows
    from gkmodel.readers._labels import normalize

    names: dict[str, str] = {}
    for spec in table_rows(_requests_class(edition)):
        key = ".".join(spec.path[1:]) if spec.path[0] == "results" else None
        if key is None or key == "total":
            continue
        label = normalize(spec.labels[-1])
        bare = re.sub(r"^(?:\d+\.|（[一二三四五六七]）)", "", label)
        for name in {label, bare, normalize("/".join(spec.labels[1:]))}:
            names[name] = key if name not in names else ""  # "" marks an ambiguous name
    return {k: v for k, v in names.items() if v}


def _date(text: str) -> dt.date | None:
    import re

    m = re.fullmatch(r"\s*(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?\s*", text)
    if not m:
        raise ValueError(f"not a date: {text!r}")
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _rows(text: str, columns: tuple[str, ...], source: str) -> list[dict[str, str]]:
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise TallyError([Problem(source, f"missing column(s): {', '.join(missing)}")])
    return list(reader)


def read_applications(
    text: str, *, edition: Edition, source: str = "<register>"
) -> list[Application]:
    """The applications of a CSV register; every bad line is reported (``TallyError``)."""
    from gkmodel.readers._labels import normalize

    names = _outcome_names(edition)
    types = {t.label: t for t in ApplicantType}
    out: list[Application] = []
    problems: list[Problem] = []
    for n, row in enumerate(_rows(text, APPLICATION_COLUMNS, source), start=2):
        where = f"{source}, line {n}"
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
                    id=(row["编号"] or "").strip() or f"line {n}",
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


def read_cases(text: str, *, source: str = "<cases>") -> list[Case]:
    """The cases of a CSV register of reviews and lawsuits."""
    results = {"结果维持": CaseResult.UPHELD, "结果纠正": CaseResult.CORRECTED,
               "其他结果": CaseResult.OTHER, "尚未审结": CaseResult.PENDING}  # fmt: skip
    out: list[Case] = []
    problems: list[Problem] = []
    for n, row in enumerate(_rows(text, CASE_COLUMNS, source), start=2):
        kind = _CASE_KINDS.get((row["类型"] or "").strip())
        result = results.get((row["结果"] or "").strip())
        if kind is None or result is None:
            problems.append(
                Problem(
                    f"{source}, line {n}", f"类型 {row['类型']!r} or 结果 {row['结果']!r} unknown"
                )
            )
            continue
        out.append(Case(id=(row["编号"] or "").strip() or f"line {n}", kind=kind, result=result))
    if problems:
        raise TallyError(problems)
    return out
