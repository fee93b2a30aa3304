"""Every hand-annotated plan parses to its annotation.

Own texts: ``tests/corpus/<stem>.txt`` ↔ ``tests/golden/<stem>.json``; seeds:
``corpus/seeds/NNN_*.txt`` ↔ ``tests/golden/seeds/seed_NNN.json``. One test per
document; a failure lists every field that differs from the annotation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.document import parse_text
from support.gold import compare, differing, load_gold

REPO = Path(__file__).resolve().parent.parent
OWN = REPO / "tests" / "corpus"
GOLDEN = REPO / "tests" / "golden"
SEEDS = REPO / "corpus" / "seeds"


def _cases() -> list[tuple[Path, Path]]:
    cases = [(txt, GOLDEN / f"{txt.stem}.json") for txt in sorted(OWN.glob("*.txt"))]
    for txt in sorted(SEEDS.glob("*.txt")):
        cases.append((txt, GOLDEN / "seeds" / f"seed_{txt.name[:3]}.json"))
    return cases


CASES = _cases()


def test_every_text_has_an_annotation() -> None:
    missing = [str(gold.relative_to(REPO)) for _, gold in CASES if not gold.exists()]
    assert not missing, f"texts without a gold annotation: {missing}"
    assert len(list(OWN.glob("*.txt"))) >= 12


@pytest.mark.parametrize(
    ("text_path", "gold_path"),
    CASES,
    ids=[txt.stem if txt.parent == OWN else f"seed_{txt.name[:3]}" for txt, _ in CASES],
)
def test_plan_matches_annotation(text_path: Path, gold_path: Path) -> None:
    gold = load_gold(gold_path)
    plan = parse_text(text_path.read_text(encoding="utf-8"))
    scores = compare(gold, plan.to_dict())
    diffs = differing(scores)
    assert not diffs, f"{text_path.name}: {len(diffs)} field(s) differ:\n  " + "\n  ".join(diffs)
