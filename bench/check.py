"""Checking speed against parsing, measured in the same run.

    python bench/check.py [--rounds 200]

For each seed, as text and as the official DOCX the tests build, it times (median per
file) parsing into a plan and checking the form (which reads, parses and runs every rule,
the layout rules too on DOCX), and prints the ratio check / parse. Target: ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from kehoach.document import parse_bytes  # noqa: E402
from kehoach.document.checking import check_bytes  # noqa: E402
from support.docx_builder import plan_docx  # noqa: E402

SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8").encode("utf-8") for p in SEEDS]
    docx = [plan_docx(p.read_text(encoding="utf-8")) for p in SEEDS]
    for label, files, name in (("text", texts, "plan.txt"), ("docx", docx, "plan.docx")):
        parse = statistics.median(
            median_ms(lambda d=d, n=name: parse_bytes(d, name=n), args.rounds) for d in files
        )
        check = statistics.median(
            median_ms(lambda d=d, n=name: check_bytes(d, name=n), args.rounds) for d in files
        )
        print(
            f"{label:5s} parse {parse:7.3f} ms   check {check:7.3f} ms   check/parse {check / parse:5.2f}× (target ≤ 1.5×)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
