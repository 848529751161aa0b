"""Generated code: the one way gkmodel compiles it, and builds attrs objects without ``__init__``.

The hot paths (loading, writing JSON, reading cells, screening the sums,
making findings) are functions generated from the layout declarations, so
that each costs about one Python operation per cell; ``docs/design.md``
says why.  The source of each is kept with its function (``__source__``),
for reading and debugging.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["define", "init_free"]


def define(name: str, lines: Iterable[str], namespace: dict[str, Any], what: str) -> Any:
    """Compile ``lines`` (a module defining ``name``) in ``namespace``; return ``name``.

    ``namespace`` becomes the function's globals.  ``what`` names the code
    in tracebacks: ``<gkmodel {what}>``.
    """
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<gkmodel {what}>", "exec"), namespace)
    function = namespace[name]
    function.__source__ = source
    return function


def init_free(cls: type, target: str, values: dict[str, str]) -> tuple[list[str], dict[str, Any]]:
    """Lines building ``cls`` into variable ``target`` without ``__init__``, and their namespace.

    ``values`` gives an expression for every field.  Only for slotted attrs
    classes with nothing to run at construction (no validators, converters
    or hooks), or whose validators the caller has run in another form: the
    object is the one ``__init__`` would build, without the call.
    """
    names = [f.name for f in attrs.fields(cls)]
    if set(values) != set(names) or "__slots__" not in cls.__dict__:
        raise TypeError(f"cannot build {cls.__name__} without __init__")
    key = cls.__name__
    namespace: dict[str, Any] = {
        f"_new_{key}": object.__new__,
        f"_cls_{key}": cls,
        **{f"_set_{key}_{n}": getattr(cls, n).__set__ for n in names},
    }
    lines = [
        f"{target} = _new_{key}(_cls_{key})",
        *(f"_set_{key}_{n}({target}, {values[n]})" for n in names),
    ]
    return lines, namespace
