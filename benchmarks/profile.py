"""Where the time of load + check, or of reading a page, goes (``make profile``).

Profiles ``check(loads(text))`` of each benchmark report, repeated, and
prints pyinstrument's call tree, for finding the next thing to make faster.
With ``--read FILE`` it profiles ``gkmodel.read`` of that page (HTML, text,
DOCX, PDF) instead.
The findings are written up by hand in ``docs/performance.md`` ("Where the
time went"): a profile is a tool for reading, not a figure to publish.

    python benchmarks/profile.py [--report seed|huaian] [--without-speed]
    python benchmarks/profile.py --read tests/data/corpus/2023_shuyang-fgj_1.html
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pyinstrument import Profiler

import gkmodel
from gkmodel.rules import check

ROOT = Path(__file__).resolve().parent.parent
REPORTS = {
    "seed": ROOT / "examples" / "data" / "shangguan_2020.json",
    "huaian": ROOT / "examples" / "data" / "huaian_2024.json",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", choices=sorted(REPORTS), default="seed")
    parser.add_argument("--rounds", type=int, default=20000)
    parser.add_argument(
        "--without-speed", action="store_true", help="parse with json.loads, not orjson"
    )
    parser.add_argument("--read", type=Path, help="profile gkmodel.read of this page instead")
    args = parser.parse_args()
    if args.read:
        profile_read(args.read, rounds=min(args.rounds, 50))
        return
    text = REPORTS[args.report].read_text(encoding="utf-8")
    if args.without_speed:
        from gkmodel.io import json as gk_json

        gk_json._quick_parser = lambda: None  # type: ignore[assignment]
    check(gkmodel.loads(text))  # generated code and caches built before profiling
    profiler = Profiler(interval=0.0001)
    with profiler:
        for _ in range(args.rounds):
            check(gkmodel.loads(text))
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def profile_read(path: Path, *, rounds: int) -> None:
    data = path.read_bytes()
    gkmodel.read(data)  # imports and generated code ready before profiling
    profiler = Profiler(interval=0.0001)
    with profiler:
        for _ in range(rounds):
            gkmodel.read(data)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
