"""Each official label is declared once: the readers, tally and the checker's engine type none.

The labels are collected from the declarations: every declared field of every report class
of every registered edition (sections, groups, rows, columns and column groups, and the
fields of the text sections), the tables' header labels, the section headings, and the other
wordings the editions declare or derive (``heading_variants``, ``row_variants``).  They are
looked for in the string constants of ``gkmodel.readers``, ``gkmodel.tally`` and
``gkmodel.rules.engine``, f-strings included.  Docstrings (a string standing alone as a
statement) are left out: they explain, with examples, and a doctest that prints a label gets
it from the model.  Comments are not code and are not read.

A label is looked for as written and without its number (``（六）其他处理`` and
``其他处理``), in the one normal form labels are compared in; labels shorter than three
characters (``规章``, ``总计``) and bare numerals (``（一）``) are skipped: they would match
words of every kind.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import gkmodel
from gkmodel._labels import normalize
from gkmodel.editions import EDITIONS
from gkmodel.model._fields import info_of

SRC = Path(gkmodel.__file__).parent
PLACES = [*sorted((SRC / "readers").glob("*.py")), SRC / "tally.py", SRC / "rules" / "engine.py"]
_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
MIN_LENGTH = 3


def _declared(cls: type, seen: set[type]) -> Iterator[str]:
    """The label of every declared field below ``cls``, and the tables' header labels."""
    if cls in seen or not attrs.has(cls):
        return
    seen.add(cls)
    for name in ("COLUMN_HEADER", "FIRST_COLUMN"):
        value = getattr(cls, name, None)
        if isinstance(value, str):
            yield value
    for field in attrs.fields(cls):
        info = info_of(field)
        if info is None:
            if isinstance(field.type, type):
                yield from _declared(field.type, seen)
            continue
        yield info.label
        if info.group:
            yield info.group
        if info.numeral:
            yield f"{info.numeral}、{info.label}"
        if info.target is not None:
            yield from _declared(info.target, seen)


def official_labels() -> set[str]:
    """Every official label and declared wording of every registered edition, normalised."""
    found: set[str] = set()
    seen: set[type] = set()
    for declaration in EDITIONS.values():
        found.update(_declared(declaration.report_class, seen))
        for wordings in (
            *declaration.heading_variants.values(),
            *declaration.row_variants.values(),
        ):
            found.update(wordings)
    out: set[str] = set()
    for label in found:
        for form in (label, _NUMBER.sub("", label)):
            text = normalize(form)
            if len(text) >= MIN_LENGTH and not _NUMBER.fullmatch(text):
                out.add(text)
    return out


def typed_labels(path: Path, labels: set[str]) -> list[str]:
    """``file:line:label`` for each label in a string constant (not a docstring) of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    name = path.relative_to(SRC.parent) if path.is_relative_to(SRC.parent) else path.name
    return [
        f"{name}:{node.lineno}:{label}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        for label in sorted(labels)
        if label in normalize(node.value)
    ]


def test_labels_are_collected() -> None:
    labels = official_labels()
    assert {
        "（六）其他处理",
        "其他处理",
        "行政复议",
        "自然人",
        "法人或其他组织",
        "申请人情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "其他事项",  # a declared wording of 六's heading
        "规范性文件",  # the 2019 label, the 2021 edition's other wording of 行政规范性文件
    } <= labels
    assert not {"总计", "规章", "（一）", "其他"} & labels


@pytest.mark.parametrize("path", PLACES, ids=lambda p: p.name)
def test_no_label_is_typed_again(path: Path) -> None:
    assert typed_labels(path, official_labels()) == []


def test_a_typed_label_is_found(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text(
        '"""（六）其他处理 in a docstring is fine."""\n'
        'A = "（六）其他处理"\n'
        'B = f"{A} printed as one row"\n'
        'C = f"{A} 其他处理 printed as one row"\n',
        "utf-8",
    )
    assert typed_labels(source, official_labels()) == [
        "x.py:2:其他处理",
        "x.py:2:（六）其他处理",
        "x.py:4:其他处理",
    ]
