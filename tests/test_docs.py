"""The generated docs pages are what the code generates now."""

from __future__ import annotations

from pathlib import Path

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
    from gkmodel.rules.examples import EXAMPLES

    assert list(EXAMPLES) == list(RULES)
    for code, (_, make) in EXAMPLES.items():
        findings = make()
        assert findings and findings[0].code == code, code


def _shell_blocks() -> list[tuple[str, str]]:
    """Every ```sh block of the docs pages, except the quick start's make commands."""
    import re

    blocks = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        for block in re.findall(r"```sh\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            if not block.lstrip().startswith("make "):
                blocks.append((page.name, block))
    return blocks


@pytest.mark.parametrize("page, block", _shell_blocks(), ids=lambda v: str(v)[:40])
def test_shell_blocks_run(page: str, block: str, tmp_path: Path) -> None:
    """The shell commands the docs show run as written, from the sources' root (in a copy)."""
    import os
    import subprocess
    import sys

    (tmp_path / "examples").symlink_to(ROOT / "examples")
    bin_dir = str(Path(sys.executable).parent)  # where pip put the gkmodel command
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run(["bash", "-e", "-c", block], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert proc.returncode == 0, f"{page}: {proc.stderr}"
    assert (tmp_path / "out" / "report.json").is_file()
    assert (tmp_path / "out" / "report.docx").is_file()


def test_site_shows_every_example_in_a_code_block(tmp_path: Path) -> None:
    """The built site shows no ``>>>`` outside a code block: every example is fenced."""
    import os
    import re
    import shutil
    import subprocess
    import sys

    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copy(ROOT / "CHANGELOG.md", tmp_path / "docs" / "changelog.md")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", "site"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    fenced = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        fenced += len(re.findall(r"<pre[^>]*>.*?&gt;&gt;&gt;.*?</pre>", html, re.S))
        outside = re.sub(r"<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>", "", html, flags=re.S)
        escaped = [line for line in outside.splitlines() if "&gt;&gt;&gt;" in line]
        assert escaped == [], f"{page.relative_to(tmp_path)}: {escaped[:3]}"
    # The examples are there, in code blocks (ten pages hold some).
    assert fenced >= 10
