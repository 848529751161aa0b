"""What the commands share: reading a report, writing to ``-o OUT`` or standard output, the
exit statuses, the counts of findings and the options and help texts several commands take."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from gkmodel.model.report import AnnualReport

if TYPE_CHECKING:
    from gkmodel.readers import ReadResult

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_PARTIAL = 3

EXIT_STATUS = (
    "exit status: 0 done; 1 the report has findings of severity error or inconsistency; "
    "2 the input could not be read or the command was misused; "
    "3 read only in part: table cells unreadable (check: and no such finding in what was read)"
)
LANG_ARGS = ("--lang",)
LANG_OPTIONS: dict[str, Any] = {
    "choices": ["zh", "en"],
    "default": "zh",
    "help": "language of the messages: zh (default) or en",
}
FILE_HELP = "a report: JSON, text, Markdown, HTML, DOCX, PDF, Word 97/WPS or RTF"


def read_report(path: str, *, diagnostics: bool = False) -> AnnualReport:
    """The report in ``path`` (JSON, text, HTML, DOCX, PDF, …); diagnostics go to standard error."""
    from gkmodel.readers import read

    result = read(Path(path))
    if diagnostics:
        for d in result.diagnostics:
            sys.stderr.write(f"gkmodel: {path}: {d}\n")
    return result.report


def read_in_part(command: str, path: str) -> ReadResult:
    """The report in ``path`` as read; when read only in part, standard error says so (the
    unread cells are blank in what the command writes, and no blanks of the report)."""
    from gkmodel.readers import read

    result = read(Path(path))
    unread = result.unreadable_cells
    if unread:
        sys.stderr.write(
            f"gkmodel {command}: {path}: read only in part: {len(unread)} table cell(s) could "
            "not be read; they are blank in the output, not blanks of the report\n"
        )
    return result


def emit(args: argparse.Namespace, out: TextIO, text: str) -> None:
    """Write ``text`` to ``-o OUT`` (atomically) or to standard output."""
    if getattr(args, "output", None):
        from gkmodel.io.json import write_text_atomic

        write_text_atomic(Path(args.output), text)
    else:
        out.write(text)


def refuse_overwrite(inputs: Sequence[str | None], outputs: Sequence[str | Path | None]) -> None:
    """Raise when an output is one of the inputs (writing it would destroy the input before
    anything else), or two outputs are one file (the second would replace the first)."""
    from gkmodel.errors import GkmodelError

    def same(a: Path, b: Path) -> bool:
        try:
            return a.exists() and b.exists() and a.samefile(b)
        except OSError:
            return False

    seen: list[Path] = []
    for output in (Path(o) for o in outputs if o):
        for source in (Path(i) for i in inputs if i):
            if same(output, source) or output.absolute() == source.absolute():
                raise GkmodelError(f"{output} is the input {source}: writing it would destroy it")
        for other in seen:
            if same(output, other) or output.absolute() == other.absolute():
                raise GkmodelError(f"{output} would be written twice, the second over the first")
        seen.append(output)


def add_output(p: argparse.ArgumentParser, what: str = "the output") -> None:
    """The ``-o/--output`` option of a command writing ``what``."""
    p.add_argument(
        "-o", "--output", metavar="OUT", help=f"write {what} to OUT (default: standard output)"
    )


def check_status(failed: bool, unreadable: int) -> int:
    """The exit status of ``check``: 1 findings, else 3 read only in part, else 0 clean."""
    if failed:
        return EXIT_FINDINGS
    return EXIT_PARTIAL if unreadable else EXIT_OK


def findings_status(findings: Sequence[Any]) -> int:
    """1 when a finding is of severity inconsistency or worse, else 0."""
    from gkmodel.rules import Severity

    failed = any(f.severity.rank >= Severity.INCONSISTENCY.rank for f in findings)
    return EXIT_FINDINGS if failed else EXIT_OK


_PLURALS = {"info": "info", "warning": "warnings", "inconsistency": "inconsistencies",
            "error": "errors"}  # fmt: skip


def findings_summary(findings: Sequence[Any], *, lang: str = "zh", partial: bool = False) -> str:
    """How many findings of each severity, most serious first, in the language of the messages.

    ``4 inconsistencies, 1 warning`` in English, ``4 项不一致，1 项警告`` in Chinese.  With
    none, a report read only in part (``partial``) is not called clean: ``no findings in
    what could be read``.
    """
    from gkmodel.rules import Severity

    counts = [(s, sum(f.severity is s for f in findings)) for s in reversed(Severity)]
    if lang == "zh":
        none = "可读取的部分没有发现问题" if partial else "没有发现问题"
        return "，".join(f"{n} 项{s.label}" for s, n in counts if n) or none
    parts = [f"{n} {s.value if n == 1 else _PLURALS[s.value]}" for s, n in counts if n]
    return ", ".join(parts) or ("no findings in what could be read" if partial else "no findings")
