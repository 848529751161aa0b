"""The public API as a whole: the facade, keyword-only options, one error hierarchy, cheap import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import gkmodel


def test_every_public_name_resolves() -> None:
    assert all(hasattr(gkmodel, name) for name in gkmodel.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        gkmodel.nothing  # noqa: B018


def test_the_verbs_are_in_the_facade() -> None:
    verbs = {"check", "validate", "render", "read", "audit", "load", "loads", "dump", "dumps",
             "tally_requests", "tally_appeals", "read_applications", "read_cases",
             "json_schema", "to_cells", "to_data", "from_data"}  # fmt: skip
    assert verbs <= set(gkmodel.__all__)


def test_options_are_keyword_only() -> None:
    """Each verb takes its subject positionally and every option by keyword."""
    subjects = {"check": 1, "validate": 1, "is_valid": 1, "render": 1, "read": 1, "audit": 1,
                "loads": 1, "load": 1, "dumps": 1, "dump": 2, "from_data": 1, "to_data": 1,
                "tally_requests": 1, "tally_appeals": 1, "read_applications": 1,
                "read_cases": 1, "check_pair": 2, "check_rollup": 2, "to_cells": 1,
                "json_schema": 1, "derive_totals": 1}  # fmt: skip
    for name, positional in subjects.items():
        params = list(inspect.signature(getattr(gkmodel, name)).parameters.values())
        kinds = [p.kind for p in params]
        assert all(k is inspect.Parameter.POSITIONAL_OR_KEYWORD for k in kinds[:positional]), name
        assert all(
            k in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD)
            for k in kinds[positional:]
        ), name


def test_one_error_hierarchy() -> None:
    errors = [gkmodel.LoadError, gkmodel.CellTypeError, gkmodel.CellValueError, gkmodel.ReadError,
              gkmodel.ReportInvalidError, gkmodel.TallyError]  # fmt: skip
    for error in errors:
        assert issubclass(error, gkmodel.GkmodelError)
        assert issubclass(error, ValueError)
    assert issubclass(gkmodel.CellTypeError, TypeError)


def test_import_is_cheap() -> None:
    """Optional extras and the heavy parts load on first use, not on ``import gkmodel``."""
    code = (
        "import sys, gkmodel; "
        "print(' '.join(sorted(m for m in ('docx', 'lxml', 'openpyxl', 'orjson', 'hypothesis', 'babel', "
        "'cattrs', 'gkmodel.io.json', 'gkmodel.readers', 'gkmodel.rules', 'gkmodel.tally', 'gkmodel.batch') "
        "if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
