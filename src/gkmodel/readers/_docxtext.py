"""The text of a Word paragraph as Word shows it: what is hidden left out, marks set apart.

A run's look comes from its own properties, then from its character style (``w:rStyle``),
then from its paragraph's style (``w:pStyle``), each style from the one it is based on
(``w:basedOn``): a footnote mark raised by the style Chinese Word calls ``a9`` ("footnote
reference") is as much a mark as a run raised by hand, and a digit in a hidden style as hidden.
Only the result of a field is shown (the code of a field, and the result of a field nested in
that code, is not), and the text of a text box is a text of its own, never run into the
paragraph it is anchored in.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Styles", "hides_text", "paragraph_text", "read_styles"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text not in the document as shown: the fallback of alternate content (its choice is shown),
# the source of a tracked move and tracked deletions (gone from the final view), and a ruby's
# phonetic guide (set above its base, never run into it).
_NOT_SHOWN = (_MC_FALLBACK, f"{_W}moveFrom", f"{_W}del", f"{_W}rt")
_TXBX = f"{_W}txbxContent"
_TAGS = (
    f"{_W}t",
    f"{_M}t",  # the text of an equation (a number typed as one)
    f"{_W}tab",
    f"{_W}br",
    f"{_W}cr",
    f"{_W}fldChar",
    f"{_W}noBreakHyphen",  # shown as a hyphen: a minus sign typed with Ctrl+Shift+-
    f"{_W}sym",  # a character from a symbol font (Insert › Symbol)
    _TXBX,
)
_SHOWN_AS = (f"{_W}noBreakHyphen", f"{_W}sym")
# What a symbol font's character is where it matters to a number (Symbol's 0x2D is its minus);
# any other symbol sets apart what is around it, never running two numbers into one.
_SYMBOLS = set("0123456789.,+-()")


def _shown_as(el: Any) -> str:
    """The text a non-breaking hyphen or a symbol font's character shows."""
    if el.tag == f"{_W}noBreakHyphen":
        return "-"
    try:
        code = int(el.get(f"{_W}char") or "", 16)
    except ValueError:
        return " "
    char = chr(code - 0xF000 if code >= 0xF000 else code)  # symbol fonts' private code points
    return char if char in _SYMBOLS else " "


_MARKS = (f"{_W}footnoteReference", f"{_W}endnoteReference")
_TEXTS = (f"{_W}t", f"{_M}t")


_Look = tuple[bool | None, bool | None, bool]
"""What a run's properties (or a style's) say of it: hidden, raised (superscript, subscript,
or moved up or down), a reference (a style named or identified as a note's mark); None where
they say nothing."""

Styles = dict[str, _Look]
"""The looks of the styles that say something of a run, by identifier, ``w:basedOn`` resolved."""

_PLAIN: _Look = (None, None, False)


def _toggle(el: Any) -> bool | None:
    """A toggle property (``<w:vanish/>``): None when absent, else whether it is on (its value
    may turn it off: ``w:val="0"``, ``"false"``, ``"off"``)."""
    if el is None:
        return None
    return el.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _raised(props: Any) -> bool | None:
    raised = None
    align = props.find(f"{_W}vertAlign")
    if align is not None:
        raised = align.get(f"{_W}val") in ("superscript", "subscript")
    position = props.find(f"{_W}position")
    if position is not None:
        raised = bool(raised) or position.get(f"{_W}val", "0").strip("+-0") != ""
    return raised


def _over(look: _Look, base: _Look) -> _Look:
    """``look``, with what it leaves unsaid taken from ``base``."""
    return (
        look[0] if look[0] is not None else base[0],
        look[1] if look[1] is not None else base[1],
        look[2] or base[2],
    )


def read_styles(root: Any) -> Styles:
    """The looks of the styles of a styles part (``w:styles``; None: no styles) that say
    something of a run (most set only fonts and spacing: they are left out)."""
    if root is None:
        return {}
    own: dict[str, _Look] = {}
    based: dict[str, str] = {}
    for style in root.iterchildren(f"{_W}style"):
        sid = style.get(f"{_W}styleId")
        if not sid:
            continue
        parent = style.find(f"{_W}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{_W}val", "")
        name = style.find(f"{_W}name")
        named = f"{sid} {'' if name is None else name.get(f'{_W}val', '')}".lower()
        props = style.find(f"{_W}rPr")
        look: _Look = (
            (None, None, False)
            if props is None
            else (_toggle(props.find(f"{_W}vanish")), _raised(props), False)
        )
        if "reference" in named:
            look = (look[0], look[1], True)
        if look != _PLAIN:
            own[sid] = look
    out: Styles = {}
    for sid in {*own, *based}:
        look, seen, at = own.get(sid, _PLAIN), {sid}, based.get(sid)
        while at is not None and at not in seen:  # (a chain that loops ends where it loops)
            seen.add(at)
            look = _over(look, own.get(at, _PLAIN))
            at = based.get(at)
        if look != _PLAIN:
            out[sid] = look
    return out


def _style(props: Any, tag: str, styles: Styles) -> _Look:
    el = props.find(tag) if props is not None else None
    return styles.get(el.get(f"{_W}val", ""), _PLAIN) if el is not None else _PLAIN


def _run_kind(run: Any, styles: Styles, hidden_paragraph: bool | None) -> str | None:
    """``"hidden"`` for a run not shown, ``"apart"`` for a run that may be a footnote's mark
    (raised, lowered, a reference style, a note's reference, a link to a bookmark), else None."""
    if run is None or run.tag != f"{_W}r":
        return None
    parent = run.getparent()
    if parent is not None and parent.tag == f"{_W}hyperlink" and parent.get(f"{_W}anchor"):
        return "apart"
    props = run.find(f"{_W}rPr")
    hidden = raised = None
    reference = False
    if props is not None:
        hidden, raised = _toggle(props.find(f"{_W}vanish")), _raised(props)
        style = props.find(f"{_W}rStyle")
        if style is not None:
            sid = style.get(f"{_W}val") or ""
            reference = "reference" in sid.lower()  # named so, whatever the styles say
            if sid in styles:
                hidden, raised, reference = _over((hidden, raised, reference), styles[sid])
    if hidden is None:
        hidden = hidden_paragraph
    if hidden:
        return "hidden"
    if raised or reference:
        return "apart"
    if run.find(_MARKS[0]) is not None or run.find(_MARKS[1]) is not None:
        return "apart"
    return None


def paragraph_text(p: Any, styles: Styles | None = None, *, hides: bool = True) -> str:
    """A paragraph's text as Word shows it (runs, tabs and breaks; no deleted text).

    Hidden runs (``w:vanish``, unless turned off, by the run or its styles), the fallback of
    alternate content (its choice is read), the source of a tracked move, a ruby's phonetic
    guide and the code of a field are not shown; a run that may be a footnote's mark (raised or
    lowered, a reference style, a note's reference, a link to a bookmark) is set apart by
    spaces, never run into a number before it (``3001`` and a raised ``1`` are no 30011); the
    text of a text box is set apart by line breaks.  ``hides`` is False when the document has
    none of the elements whose text is not shown (:func:`hides_text`): they are not looked for.
    """
    styles = styles or {}
    # a paragraph's style may hide its runs (it marks none as a note's)
    hidden = _style(p.find(f"{_W}pPr"), f"{_W}pStyle", styles)[0] if styles else None
    parts: list[str] = []
    fields: list[bool] = []  # for each field open: whether its result has begun
    boxed = False
    for el in p.iter(*_TAGS):
        if hides and next(el.iterancestors(*_NOT_SHOWN), None) is not None:
            continue
        if boxed and next(el.iterancestors(_TXBX), None) is not None:
            continue  # read with its box
        tag = el.tag
        if tag == _TXBX:
            boxed = True
            inside = [q for q in el.iter(f"{_W}p") if next(q.iterancestors(_TXBX)) is el]
            parts.append(
                "\n" + "\n".join(paragraph_text(q, styles, hides=hides) for q in inside) + "\n"
            )
        elif tag == f"{_W}fldChar":
            kind = el.get(f"{_W}fldCharType")
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif fields and not all(fields):
            continue  # a field's code (and what a field nested in it shows)
        elif tag in _TEXTS or tag in _SHOWN_AS:
            kind = _run_kind(el.getparent(), styles, hidden)
            if kind == "hidden":
                continue
            text = (el.text or "") if tag in _TEXTS else _shown_as(el)
            parts.append(f" {text} " if kind == "apart" else text)
        elif tag == f"{_W}tab":
            if el.getparent() is not None and el.getparent().tag == f"{_W}r":
                parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def hides_text(body: Any) -> bool:
    """Whether a document body has any element whose text is not shown (alternate content's
    fallback, a tracked deletion or move, a ruby's guide)."""
    return next(body.iter(*_NOT_SHOWN), None) is not None
