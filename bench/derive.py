"""Time ``derive_plan`` against parsing the same parent (the baseline), per plan.

    .venv/bin/python bench/derive.py [ROUNDS]

Prints, for each parent in tests/derive, the median time of parsing it and of deriving
the draft from the parsed plan, in ms and as a ratio derive/parse. The issue's target is
under 200 ms for a seed-sized plan; timings are never asserted in tests (machines vary),
this script is where to look.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

from kehoach.document import parse_text
from kehoach.document.deriving import derive_plan
from kehoach.orgtree import load_tree

ROOT = Path(__file__).resolve().parent.parent
CHAINS = [
    ("parent_02-KH-BTGTU.txt", "longbien", "QU-LB"),
    ("parent_60-KH-LDLD.txt", "longbien", "LDLD-LB"),
    ("parent_two_tier.txt", "two_tier", "DU-P-BODE"),
]


def median_ms(func: object, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    as_of = date(2026, 1, 5)
    print(f"{'plan':28} {'parse ms':>9} {'derive ms':>10} {'ratio':>6}")
    for name, tree_name, unit in CHAINS:
        text = (ROOT / "tests" / "derive" / name).read_text(encoding="utf-8")
        tree = load_tree(tree_name)
        parent = parse_text(text)
        parse_ms = median_ms(lambda: parse_text(text), rounds)  # noqa: B023
        derive_ms = median_ms(
            lambda: derive_plan(parent, tree, unit, as_of=as_of),  # noqa: B023
            rounds,
        )
        print(f"{name:28} {parse_ms:9.2f} {derive_ms:10.2f} {derive_ms / parse_ms:6.2f}")


if __name__ == "__main__":
    main()
