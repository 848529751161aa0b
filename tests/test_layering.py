"""The package's modules stay small, and private names stay inside the package that declares them.

The rule on private names: a name of gkmodel whose component starts with one underscore (``_tables``,
``_batch``, ``_finding_maker``; dunder names such as ``__version__`` are not private) is private to
the package that declares it, and only modules of that package, at any depth, import it.

- A private module or subpackage ``gkmodel.x._y`` is declared by the package ``gkmodel.x``: modules
  under ``gkmodel.x`` (``gkmodel.x`` itself, ``gkmodel.x.z``, ``gkmodel.x.w.v``) may import it, no
  other. A top-level private module (``gkmodel._registers``, ``gkmodel._batch``) is declared by
  ``gkmodel``, so any module of gkmodel may import it; users, and the docs' examples, may not.
- A private object ``_f`` of a module ``gkmodel.x.m`` is declared by that module's package
  ``gkmodel.x`` (a private helper is shared by the modules of one package); of a package's
  ``__init__`` (``gkmodel.x._f``), by the package ``gkmodel.x``.
- The first private component decides: ``gkmodel._batch.outputs`` is private to ``gkmodel``.

Imports are the ``import`` and ``from … import`` statements anywhere in a module (lazy imports in
functions and ``TYPE_CHECKING`` blocks included, relative imports resolved), and the
``"module:name"`` references of the rule catalogue's ``Function`` forms, which the engine imports.
The tests, benchmarks and scripts are not held to the rule: they test the private modules.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator
from pathlib import Path

from .conftest import ROOT

SRC = ROOT / "src"
MAX_LINES = 500

KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}
"""Imports against the rule not yet fixed: (importing module, imported name) → why, and the fix."""


def _modules() -> dict[str, Path]:
    """Every module of gkmodel by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((SRC / "gkmodel").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _packages() -> set[str]:
    return {
        ".".join(p.parent.relative_to(SRC).parts) for p in (SRC / "gkmodel").rglob("__init__.py")
    }


def _private(component: str) -> bool:
    return component.startswith("_") and not component.startswith("__")


def owner_of(name: str, packages: Collection[str]) -> str | None:
    """The package that declares the dotted ``name``, if ``name`` is gkmodel's and private; else None."""
    parts = name.split(".")
    if parts[0] != "gkmodel":  # the standard library's and other packages' own business
        return None
    for i, component in enumerate(parts):
        if _private(component):
            parent = ".".join(parts[:i])
            return parent if parent in packages else ".".join(parts[: i - 1])
    return None


_REFERENCE = re.compile(r"gkmodel(?:\.\w+)+:\w+")  # "module:name", as the Function forms name one


def _imported(module: str, tree: ast.AST, *, is_package: bool) -> Iterator[str]:
    """The dotted names ``module`` imports (``pkg.mod`` or ``pkg.mod.name``)."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            yield from (f"{source}.{alias.name}" for alias in node.names if alias.name != "*")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _REFERENCE.fullmatch(node.value)  # a Function form's "module:name"
        ):
            yield node.value.replace(":", ".")


def private_imports(
    module: str, source: str, packages: Collection[str], *, is_package: bool = False
) -> list[str]:
    """The names private to another package that ``module`` (whose text is ``source``) imports."""
    found = []
    for name in _imported(module, ast.parse(source), is_package=is_package):
        owner = owner_of(name, packages)
        if owner is not None and module != owner and not module.startswith(owner + "."):
            found.append(name)
    return found


def _violations() -> set[tuple[str, str]]:
    packages = _packages()
    return {
        (module, name)
        for module, path in _modules().items()
        for name in private_imports(
            module,
            path.read_text(encoding="utf-8"),
            packages,
            is_package=path.name == "__init__.py",
        )
    }


def test_no_module_over_500_lines() -> None:
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for path in _modules().values()
    }
    over = {path: n for path, n in lengths.items() if n > MAX_LINES}
    assert not over, f"modules over {MAX_LINES} lines (split them by concern): {over}"


def test_private_names_are_imported_from_inside_their_package() -> None:
    new = sorted(_violations() - set(KNOWN_EXCEPTIONS))
    assert not new, "private names imported from outside their package:\n" + "\n".join(
        f"  {module} imports {name}" for module, name in new
    )


def test_known_exceptions_are_still_needed() -> None:
    fixed = sorted(set(KNOWN_EXCEPTIONS) - _violations())
    assert not fixed, f"fixed: remove from KNOWN_EXCEPTIONS: {fixed}"


class TestChecker:
    """The checker finds a violation in fabricated modules, and only there."""

    PACKAGES = frozenset({"gkmodel", "gkmodel.readers", "gkmodel.rules", "gkmodel.rules.narrative"})

    def check(self, module: str, source: str, *, is_package: bool = False) -> list[str]:
        return private_imports(module, source, self.PACKAGES, is_package=is_package)

    def test_private_module_of_another_package(self) -> None:
        source = "from gkmodel.readers._tables import grid\n"
        assert self.check("gkmodel.rules.engine", source) == ["gkmodel.readers._tables.grid"]
        assert self.check("gkmodel.readers._pdf", source) == []
        assert self.check("gkmodel.readers", source, is_package=True) == []

    def test_lazy_plain_and_relative_imports(self) -> None:
        source = (
            "def f():\n"
            "    import gkmodel.readers._tables as t\n"
            "    from ..readers import _split\n"
            "    from . import _equations\n"
        )
        assert self.check("gkmodel.rules.engine", source) == [
            "gkmodel.readers._tables",
            "gkmodel.readers._split",
        ]

    def test_top_level_private_modules_serve_the_whole_package(self) -> None:
        source = "from gkmodel._registers import rows\nfrom gkmodel._batch.outputs import write\n"
        assert self.check("gkmodel.readers._pdf", source) == []
        assert self.check("gkmodel", source, is_package=True) == []

    def test_private_objects_belong_to_the_module_package(self) -> None:
        source = "from gkmodel.rules.findings import _finding_maker\n"
        assert self.check("gkmodel.rules.context", source) == []
        assert self.check("gkmodel.rules.narrative._check", source) == []
        assert self.check("gkmodel.readers._pdf", source) == [
            "gkmodel.rules.findings._finding_maker"
        ]

    def test_subpackage_private_module_is_closed_to_its_parent(self) -> None:
        source = "from gkmodel.rules.narrative._examples import narrative_examples\n"
        assert self.check("gkmodel.rules.examples", source) == [
            "gkmodel.rules.narrative._examples.narrative_examples"
        ]
        assert self.check("gkmodel.rules.narrative._check", source) == []

    def test_function_references_and_dunders(self) -> None:
        source = (
            'F = Function("gkmodel.rules.narrative._check:check_claim_rule")\n'
            'G = Function("gkmodel.rules.checks:check_pair")\n'
            "from gkmodel import __version__\n"
            "from argparse import _SubParsersAction\n"
        )
        assert self.check("gkmodel.rules.catalogue", source) == [
            "gkmodel.rules.narrative._check.check_claim_rule"
        ]
