"""The generated docs pages are what the code generates now."""

from __future__ import annotations

import pytest

from gkmodel._docgen import PAGES

from .conftest import ROOT


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name: str) -> None:
    committed = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert committed == PAGES[name](), f"run: python -m gkmodel._docgen docs  ({name} is stale)"


def test_reference_names_every_cell() -> None:
    page = PAGES["reference/model.md"]()
    assert page.count("| `$.") == 198 + 200
    assert "| `$.requests.results.other.fee_unpaid.total` | 三 |" in page
    assert "M (unverified)" in page


def test_every_rule_has_a_working_example() -> None:
    from gkmodel.rules import RULES
    from gkmodel.rules._examples import EXAMPLES

    assert list(EXAMPLES) == list(RULES)
    for code, (_, make) in EXAMPLES.items():
        findings = make()
        assert findings and findings[0].code == code, code
