"""The errors gkmodel raises: one base class, one class per kind of problem.

Every error gkmodel raises on purpose is a :class:`GkmodelError`, which is a
:class:`ValueError`.  Errors carry data (a stable ``code``, the ``path`` of
the problem in the model, and what was expected and found), and their
``str()`` is built from that data.

Loading reports every problem at once: :class:`LoadError` holds a tuple of
:class:`Problem`, each with a path in cattrs' grammar (``$.requests.new_received
.natural_person``).

>>> err = LoadError("report.json", (Problem("$.year", "expected an integer"),))
>>> print(err)
report.json: 1 problem
  expected an integer @ $.year
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ArgumentTypeError",
    "CellTypeError",
    "CellValueError",
    "EditionError",
    "GkmodelError",
    "LoadError",
    "Problem",
]


class GkmodelError(ValueError):
    """Base class of every error gkmodel raises on purpose."""

    code: str = "gkmodel"


def _shown(value: object) -> str:
    """``repr(value)``, or the size of an integer too long to write (Python refuses to write
    one of over 4,300 digits)."""
    if type(value) is int and value.bit_length() > 128:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    return repr(value)


class CellTypeError(GkmodelError, TypeError):
    """A model field got a value of the wrong type (e.g. a float for money).

    It is also a :class:`TypeError`, so ``except TypeError`` keeps working.
    """

    code = "type"

    def __init__(self, field: str, expected: str, actual: object) -> None:
        self.field = field
        self.expected = expected
        self.actual = actual
        self.shown = _shown(actual)  # the value as messages write it
        super().__init__(f"{field}: expected {expected}, got {type(actual).__name__} {self.shown}")


class ArgumentTypeError(GkmodelError, TypeError):
    """A public function got an argument of a type it does not take (``read(None)``,
    ``render({...})``).  It is also a :class:`TypeError`."""

    code = "argument"

    def __init__(self, function: str, name: str, expected: str, actual: object) -> None:
        self.function = function
        self.name = name
        self.expected = expected
        super().__init__(f"{function}(): {name} must be {expected}, not {type(actual).__name__}")


class EditionError(GkmodelError, KeyError):
    """No edition of the format has this key (``"2017"``); also a :class:`KeyError`."""

    code = "edition"

    def __init__(self, edition: object, known: list[str]) -> None:
        self.edition = edition
        super().__init__(f"no edition {edition!r}: the editions are {', '.join(known)}")

    def __str__(self) -> str:  # (a KeyError would quote its message)
        return str(self.args[0])


def expect_report(function: str, report: object, name: str = "report") -> None:
    """Raise :class:`ArgumentTypeError` unless ``report`` is a report of the model."""
    if not is_report(report):
        raise ArgumentTypeError(function, name, "a report (gkmodel.AnnualReport)", report)


def is_report(value: object) -> bool:
    """Whether ``value`` is a report of the model: an :class:`~gkmodel.AnnualReport`, or of an
    edition declared elsewhere (an attrs class with its ``meta``)."""
    from gkmodel.model.report import AnnualReport

    return isinstance(value, AnnualReport) or (
        attrs.has(type(value)) and hasattr(value, "meta") and hasattr(value, "edition")
    )


class CellValueError(GkmodelError):
    """A model field got a value of the right type but outside its domain."""

    code = "value"

    def __init__(self, field: str, expected: str, actual: object) -> None:
        self.field = field
        self.expected = expected
        self.actual = actual
        self.shown = _shown(actual)  # the value as messages write it
        super().__init__(f"{field}: expected {expected}, got {self.shown}")


@attrs.frozen
class Problem:
    """One problem found while loading: where (``path``) and what (``message``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.message} @ {self.path}"


class LoadError(GkmodelError):
    """Input could not be turned into a report; ``problems`` lists every reason.

    ``source`` names the input (a file path, or ``"<string>"``).
    """

    code = "load"

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{self.source}: {n} problem{'s' if n != 1 else ''}"
        return "\n  ".join([head, *(str(p) for p in self.problems)])
