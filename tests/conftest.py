"""Shared fixtures: the bundled corpus of real reports and the format specification."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
SPEC = DATA / "spec" / "format-spec.md"
ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
SEED_JSON = EXAMPLES / "data" / "shangguan_2020.json"


@pytest.fixture(scope="session")
def spec_text() -> str:
    """The format specification the model is held against."""
    return SPEC.read_text(encoding="utf-8")


@pytest.fixture
def seed():  # type: ignore[no-untyped-def]
    """The seed report (富阳区上官乡 2020), loaded from its bundled JSON."""
    import gkmodel

    return gkmodel.load(SEED_JSON)


def _hypothesis_profile() -> None:
    from hypothesis import HealthCheck, settings

    # Reports are large objects: generating one is slow on a shared machine, and
    # that is not a defect of the code under test.
    settings.register_profile(
        "gkmodel",
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    settings.load_profile("gkmodel")


_hypothesis_profile()
