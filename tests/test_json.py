"""Canonical JSON: deterministic, lossless, and strict with every problem reported."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

import gkmodel
from gkmodel import AnnualReport2019, LoadError, dump, dumps, load, loads
from gkmodel.io._writer import write_data
from gkmodel.io.json import to_data
from gkmodel.testing import reports

from .conftest import CORPUS, SEED_JSON


class TestRoundTrip:
    """``loads(dumps(r)) == r``, and the text is canonical."""

    @settings(max_examples=100)
    @given(reports())
    def test_round_trip(self, report: gkmodel.AnnualReport) -> None:
        text = dumps(report)
        again = loads(text)
        assert again == report
        assert dumps(again) == text
        # The generated writer writes exactly what the standard library would.
        data = to_data(report)
        assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        compact = dumps(report, compact=True)
        assert compact == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        assert loads(compact) == report

    @pytest.mark.parametrize("path", sorted(CORPUS.glob("20*")), ids=lambda p: p.name)
    def test_writer_on_the_corpus(self, path: Path) -> None:
        report = gkmodel.read(path).report
        expected = json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
        assert dumps(report) == expected
        compact = json.dumps(to_data(report), ensure_ascii=False, separators=(",", ":"))
        assert dumps(report, compact=True) == compact

    def test_write_data(self) -> None:
        data = {"a": [1, -2, None, True, False, '引号"\n', {}, []], "b": {"c": {"d": []}}}
        assert write_data(data) == json.dumps(data, ensure_ascii=False, indent=2)
        with pytest.raises(TypeError, match="not JSON data: float"):
            write_data({"x": 1.5})

    def test_dumps_takes_only_reports(self) -> None:
        with pytest.raises(gkmodel.GkmodelError, match="got dict"):
            dumps({})  # type: ignore[arg-type]

    def test_seed_is_canonical(self) -> None:
        text = SEED_JSON.read_text(encoding="utf-8")
        assert dumps(loads(text)) == text

    def test_layout(self, seed: AnnualReport2019) -> None:
        text = dumps(seed)
        data = json.loads(text)
        assert list(data) == [
            "edition",
            "meta",
            "overview",
            "active_disclosure",
            "requests",
            "appeals",
            "problems",
            "other_matters",
            "cell_notes",
        ]
        assert data["edition"] == "2019"
        assert data["requests"]["results"]["total"]["natural_person"] == 4
        assert data["requests"]["results"]["total"]["commercial"] is None
        assert data["active_disclosure"]["item9"]["procurement"]["amount"] == {
            "amount": "185.5897",
            "unit": "万元",
        }
        assert text.endswith("}\n") and "\\u" not in text

    def test_files(self, tmp_path: Path, seed: AnnualReport2019) -> None:
        path = tmp_path / "r.json"
        dump(seed, path)
        assert load(path) == seed
        assert load(str(path)) == seed
        buf = io.StringIO()
        dump(seed, buf)
        assert loads(buf.getvalue()) == seed
        assert load(io.BytesIO(buf.getvalue().encode())) == seed
        assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


def _problems(text: str) -> list[str]:
    """The problems of ``text``: as hand-written data (``from_data``) when it parses, else ``loads``'s.

    Hand-written data may leave keys out (a missing key is blank); canonical
    JSON text may not (``TestStrictText``).
    """
    with pytest.raises(LoadError) as info:
        try:
            data = json.loads(text)
        except ValueError:
            loads(text)
        else:
            gkmodel.from_data(data)
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


MINIMAL = {"edition": "2021", "meta": {"organ": {"name": "某局"}, "year": 2023}}


def _with(**changes: object) -> str:
    return json.dumps({**MINIMAL, **changes}, ensure_ascii=False)


class TestErrors:
    """Bad input raises one LoadError that lists every problem with its path."""

    def test_minimal_is_valid(self) -> None:
        r = gkmodel.from_data(json.loads(_with()))
        assert r.requests.new_received.total is None

    def test_malformed(self) -> None:
        [problem] = _problems("{")
        assert problem.startswith("malformed JSON: Expecting property name")
        assert problem.endswith("@ $")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("[]", "expected a report object, got array @ $"),
            ('{"edition": "2022"}', "\"edition\" must be one of ['2019', '2021'], got '2022' @ $"),
            ('{"meta": {}}', "\"edition\" must be one of ['2019', '2021'], got None @ $"),
            ('{"edition": "2021"}', "missing required key 'meta' @ $.meta"),
        ],
    )
    def test_shape(self, text: str, expected: str) -> None:
        assert _problems(text) == [expected]

    def test_every_problem_is_listed(self) -> None:
        text = _with(
            meta={"organ": {"name": "某局"}, "year": "2023"},
            requests={"new_received": {"natural_person": 1.5, "bogus": 1}},
            active_disclosure={"item9": {}},
        )
        assert sorted(_problems(text)) == sorted(
            [
                "expected an integer, got string '2023' @ $.meta.year",
                "expected an integer, got number 1.5 @ $.requests.new_received.natural_person",
                "unknown key(s): bogus @ $.requests.new_received",
                "unknown key(s): item9 @ $.active_disclosure",
            ]
        )

    def test_negative_count_path(self) -> None:
        text = _with(requests={"new_received": {"natural_person": -1}})
        assert _problems(text) == [
            "expected a count >= 0, got -1 @ $.requests.new_received.natural_person"
        ]

    @pytest.mark.parametrize("value", ["true", '"3"', "3.0"])
    def test_counts_are_strict(self, value: str) -> None:
        appeals = {"reconsideration": {"total": json.loads(value)}}
        [problem] = _problems(_with(appeals=appeals))
        assert problem.startswith("expected an integer, got ")
        assert problem.endswith("@ $.appeals.reconsideration.total")

    def test_money_is_a_decimal_string(self) -> None:
        fee = {"item8": {"fees": {"amount": {"amount": 96171.6, "unit": "万元"}}}}
        assert _problems(_with(active_disclosure=fee)) == [
            'expected a decimal string such as "185.5897", got 96171.6 '
            "@ $.active_disclosure.item8.fees.amount.amount"
        ]

    def test_money_unit_of_the_edition(self) -> None:
        fee = {"item8": {"fees": {"amount": {"amount": "3940", "unit": "元"}}}}
        assert _problems(_with(active_disclosure=fee)) == [
            "expected an amount in 万元, got '3940元' @ $.active_disclosure.item8.fees.amount"
        ]

    def test_wrong_edition_shape(self) -> None:
        text = _with(requests={"results": {"other": {"natural_person": 1}}})
        assert _problems(text) == ["unknown key(s): natural_person @ $.requests.results.other"]

    def test_paths_into_arrays(self) -> None:
        text = _with(overview={"content": ["ok", 3, {"columns": ["a"], "rows": []}]})
        assert _problems(text) == [
            "expected a paragraph (string) or a table (object), got 3 @ $.overview.content[1]",
            "expected a label column and at least one value column, got ('a',) "
            "@ $.overview.content[2].columns",
        ]

    def test_text_is_not_an_array_of_characters(self) -> None:
        assert _problems(_with(problems={"content": "abc"})) == [
            "expected an array, got string 'abc' @ $.problems.content"
        ]

    def test_unreadable_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match="no such file") as info:
            load(tmp_path / "missing.json")
        assert info.value.source.endswith("missing.json")

    def test_not_utf8(self) -> None:
        with pytest.raises(LoadError) as info:
            loads(b"\xff\xfe{")
        [problem] = [str(p) for p in info.value.problems]
        assert problem.startswith("malformed JSON")


_JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "3", "1.5", "2021-01-31", "万元", "2019", "县级政府", "x"]),
    st.just([]),
    st.just({}),
    st.just(["一"]),
)


def _leaves(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(data, dict):
        return [path, *(p for k, v in data.items() for p in _leaves(v, (*path, k)))]
    if isinstance(data, list):
        return [path, *(p for i, v in enumerate(data) for p in _leaves(v, (*path, i)))]
    return [path]


@settings(max_examples=300)
@given(st.data())
def test_fast_and_detailed_loading_agree(data: st.DataObject) -> None:
    """The fast converter accepts exactly what the detailed one accepts, with the same result."""
    from gkmodel.io.json import _fast_structurer, converter

    example = data.draw(st.sampled_from([SEED_JSON, SEED_JSON.parent / "huaian_2024.json"]))
    base = json.loads(example.read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_leaves(base)[1:]))
    target = base
    for step in path[:-1]:
        target = target[step]  # type: ignore[index]
    change = data.draw(st.sampled_from(["set", "set", "delete", "add"]))
    if change == "set":
        target[path[-1]] = data.draw(_JSON_VALUES)  # type: ignore[index]
    elif change == "delete":
        del target[path[-1]]  # type: ignore[attr-defined]
    elif isinstance(target, dict):
        target["unknown"] = data.draw(_JSON_VALUES)
    try:
        detailed = converter().structure(base, gkmodel.AnnualReport)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001
        detailed = "rejected"
    try:
        fast = _fast_structurer(base["edition"])(base)
    except Exception:  # noqa: BLE001  (any failure: from_data asks the detailed path)
        fast = "refused"
    event(
        f"detailed {'refused' if detailed == 'rejected' else 'accepted'}, fast {'refused' if fast == 'refused' else 'accepted'}"
    )
    if fast != "refused":  # what the fast path accepts, the detailed path accepts alike
        assert fast == detailed


def test_every_optional_int_field_validates_itself() -> None:
    """The fast loading path passes ``int | None`` fields as they are: each must have a validator."""
    import typing

    import attrs

    from gkmodel.model._fields import validate_count, validate_signed

    seen: set[type] = set()
    todo: list[type] = list(gkmodel.model.REPORT_CLASSES.values())
    optional_ints = 0
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            hint = hints[field.name]
            inner = [hint, *typing.get_args(hint)]
            inner += [a for h in inner for a in typing.get_args(h)]
            todo += [t for t in inner if isinstance(t, type) and attrs.has(t)]
            if hint == int | None:
                optional_ints += 1
                assert field.validator in (validate_count, validate_signed), (cls, field.name)
    assert optional_ints == 26  # the count fields of the row classes of both editions


def _model_classes() -> list[type]:
    """Every attrs class a report is made of."""
    import typing

    import attrs

    seen: set[type] = set()
    todo: list[type] = list(gkmodel.model.REPORT_CLASSES.values())
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.add(cls)
            for hint in typing.get_type_hints(cls).values():
                inner = [hint, *typing.get_args(hint)]
                inner += [a for h in inner for a in typing.get_args(h)]
                todo += [t for t in inner if isinstance(t, type) and attrs.has(t)]
    return sorted(seen, key=lambda c: c.__qualname__)


def _init_free_classes() -> set[str]:
    import typing

    from gkmodel.io._structure import _init_free

    return {c.__name__ for c in _model_classes() if _init_free(c, typing.get_type_hints(c))}


def test_classes_built_without_init() -> None:
    """Only classes whose every validator the fast path has proven are built without __init__."""
    free = _init_free_classes()
    assert {"ApplicantCounts", "Results2019", "Requests2021", "AnnualReport2019"} <= free
    assert {"Narrative", "Subsection", "LocalRow"} <= free  # with the first tests of texts
    # Money, dates, a table's shape, a cell note's path: only __init__ checks them.
    assert not free & {"LocalTable", "Money", "ReportMeta", "Period", "CellNote", "OtherMatters"}


def _row_classes() -> list[type]:
    """The classes of count cells only that the fast path builds without ``__init__``."""
    import attrs

    from gkmodel.model._fields import validate_count, validate_signed

    counts = (validate_count, validate_signed)
    return [
        c
        for c in _model_classes()
        if c.__name__ in _init_free_classes()
        and all(f.validator in counts for f in attrs.fields(c))
    ]


def test_rows_built_without_init_are_those_init_builds() -> None:
    """A row the fast path builds without ``__init__`` equals the one ``__init__`` builds."""
    from gkmodel.io._structure import structurer
    from gkmodel.io.json import converter

    rows = _row_classes()
    assert {c.__name__ for c in rows} >= {"ApplicantCounts", "CaseOutcomes", "ItemsRow2019"}

    @settings(max_examples=200)
    @given(st.sampled_from(rows), st.data())
    def agree(cls: type, data: st.DataObject) -> None:
        import attrs

        names = [f.name for f in attrs.fields(cls)]
        values = st.one_of(
            st.none(), st.integers(), st.booleans(), st.floats(), st.text(max_size=2)
        )
        record = {n: data.draw(values) for n in names}
        try:
            expected = cls(**record)
        except Exception as exc:  # noqa: BLE001
            expected = type(exc)
        try:
            got = structurer(cls, converter())(record)
        except Exception as exc:  # noqa: BLE001
            got = type(exc)
        assert got == expected
        if not isinstance(got, type):
            assert type(got) is cls and attrs.asdict(got) == record

    agree()


_ANY_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.integers(),
        st.booleans(),
        st.floats(),
        st.decimals(allow_nan=False),
        st.text(alphabet=" \t\u3000a一\x00\x1b\u200b\ufeff\udc80", max_size=3),
    ),
    lambda inner: st.lists(inner, max_size=4).map(tuple),
    max_leaves=6,
)


@settings(max_examples=500)
@given(st.data(), _ANY_VALUES)
def test_first_tests_admit_only_what_their_validators_admit(
    data: st.DataObject, value: object
) -> None:
    """Each first test of the fast path is true only of values its validator admits."""
    import attrs

    from gkmodel.io._structure import _FIRST_TESTS, _TEST_NAMES

    validator = data.draw(st.sampled_from(list(_FIRST_TESTS)))
    test = _FIRST_TESTS[validator].format(v="value")
    passes = eval(test, dict(_TEST_NAMES), {"value": value})
    attribute = attrs.Attribute(  # type: ignore[call-arg,var-annotated]
        name="x", default=None, validator=None, repr=True, cmp=None, hash=None, init=True,
        inherited=False,
    )  # fmt: skip
    try:
        validator(None, attribute, value)
        admitted = True
    except gkmodel.GkmodelError:
        admitted = False
    event(f"{validator.__name__}: test {bool(passes)}, validator {admitted}")
    if passes:
        assert admitted


def _outcome(text: str | bytes, *, quick: bool) -> object:
    """What ``loads`` makes of ``text``, with or without orjson's parser."""
    from unittest import mock

    import orjson

    from gkmodel.io import json as gk_json

    with mock.patch.object(gk_json, "_quick_parser", lambda: orjson.loads if quick else None):
        try:
            return loads(text)
        except LoadError as exc:
            return [str(p) for p in exc.problems]


_BIG = st.one_of(
    st.integers(2**63 - 2, 2**63 + 2),
    st.integers(2**64 - 2, 2**64 + 2),
    st.integers(-(2**63) - 2, -(2**63) + 2),
    st.integers(10**30, 10**40),
)


@settings(max_examples=200)
@given(st.data())
def test_orjson_and_json_load_alike(data: st.DataObject) -> None:
    """Parsing with orjson (the speed extra) gives what the standard library gives.

    Big integers (which orjson reads as floats), odd texts and cut texts
    included: the quick path either gives the same report or steps aside.
    """
    example = data.draw(st.sampled_from([SEED_JSON, SEED_JSON.parent / "huaian_2024.json"]))
    text = example.read_text(encoding="utf-8")
    change = data.draw(st.sampled_from(["big", "big", "cut", "insert", "bytes"]))
    if change == "big":
        base = json.loads(text)
        path = data.draw(st.sampled_from(_leaves(base)[1:]))
        target = base
        for step in path[:-1]:
            target = target[step]  # type: ignore[index]
        target[path[-1]] = data.draw(_BIG)  # type: ignore[index]
        text = json.dumps(base, ensure_ascii=False)
    elif change == "cut":
        text = text[: data.draw(st.integers(0, len(text)))]
    elif change == "insert":
        at = data.draw(st.integers(0, len(text)))
        extra = data.draw(st.text(alphabet='\ufeff\x00\x01 ,:[]{}"\\-0eE.9nul', max_size=3))
        text = text[:at] + extra + text[at:]
    source: str | bytes = text
    if change == "bytes":
        encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
        source = text.encode(encoding)
    assert _outcome(source, quick=True) == _outcome(source, quick=False)


@pytest.mark.parametrize("count", [2**63 - 1, 2**63, 2**64 + 1])
def test_orjson_reads_a_big_count_as_json_does(count: int) -> None:
    """A count at gkmodel.limits.MAX_COUNT is an int in the report (not orjson's float), and one
    beyond it the same error either way."""
    base = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    base["requests"]["new_received"]["natural_person"] = count
    source = json.dumps(base)
    report = _outcome(source, quick=True)
    assert report == _outcome(source, quick=False)
    if count <= gkmodel.limits.MAX_COUNT:
        assert isinstance(report, gkmodel.AnnualReport2019)
        assert report.requests.new_received.natural_person == count
    else:
        assert report == [
            f"expected a count <= gkmodel.limits.MAX_COUNT (2**63 - 1), got {count}"
            " @ $.requests.new_received.natural_person"
        ]
