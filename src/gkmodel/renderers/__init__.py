"""Renderers: the report in the official layout as text, Markdown, HTML and Word (DOCX).

>>> import gkmodel
>>> seed = gkmodel.load("examples/data/shangguan_2020.json")
>>> render(seed, to="text").splitlines()[0]
'富阳区上官乡2020年政府信息公开工作年度报告'
>>> render(seed, to="html").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from typing import Any, Literal, overload

from gkmodel.errors import GkmodelError
from gkmodel.model.report import AnnualReport

__all__ = ["FORMATS", "render"]

Format = Literal["text", "md", "html", "docx"]
FORMATS: tuple[str, ...] = ("text", "md", "html", "docx")
"""The formats :func:`render` knows; ``docx`` needs the ``docx`` extra."""


@overload
def render(report: AnnualReport, *, to: Literal["docx"], **options: Any) -> bytes: ...
@overload
def render(
    report: AnnualReport, *, to: Literal["text", "md", "html"] = "text", **options: Any
) -> str: ...
@overload
def render(report: AnnualReport, *, to: str, **options: Any) -> str | bytes: ...
def render(report: AnnualReport, *, to: str = "text", **options: Any) -> str | bytes:
    """The report in format ``to``: a str for text, md and html; bytes for docx.

    Options go to the format's renderer: ``fragment`` and ``embed_json`` for
    HTML (:func:`gkmodel.renderers.html.render_html`), ``fonts`` for DOCX.
    """
    from gkmodel.errors import expect_report

    expect_report("render", report)
    try:
        return _render(report, to, options)
    except TypeError as exc:  # an option the format's renderer does not take
        if "unexpected keyword argument" not in str(exc):
            raise
        taken = str(exc).split("argument", 1)[1].strip()
        raise GkmodelError(f"render(): to={to!r} takes no option {taken}") from None


def _render(report: AnnualReport, to: str, options: dict[str, Any]) -> str | bytes:
    if to == "text":
        from gkmodel.renderers.text import render_text

        return render_text(report, **options)
    if to == "md":
        from gkmodel.renderers.markdown import render_markdown

        return render_markdown(report, **options)
    if to == "html":
        from gkmodel.renderers.html import render_html

        return render_html(report, **options)
    if to == "docx":
        from gkmodel.renderers.docx import render_docx

        return render_docx(report, **options)
    raise GkmodelError(f"unknown format {to!r}: expected one of {', '.join(FORMATS)}")
