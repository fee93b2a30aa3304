"""Field-by-field accuracy of the parser against the hand annotations.

    python bench/accuracy.py [--corpus ../shared/corpus] [--show-misses]

Columns: ``dev`` (``<corpus>/dev/dNN.txt`` ↔ ``dNN.json``), ``seeds``
(``corpus/seeds/NNN_*.txt`` ↔ ``<corpus>/seeds-gold/seed_NNN.json``), ``own``
(``tests/corpus/*.txt`` ↔ ``tests/golden/*.json``). Scalars show accuracy (% of
documents whose annotated value matches), lists the micro-averaged F1 over items;
``basis.issuer`` is the share of matched basis items whose issuer is right. A cell is
"-" when no document of the column annotates the field (or no item exists).

Never writes files. Exits 0 unless the parser raised on some document.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from kehoach.document import parse_text  # noqa: E402
from support.gold import FIELDS, FieldScore, compare, load_gold  # noqa: E402

COLUMNS = ("dev", "seeds", "own")


@dataclass
class Doc:
    group: str
    name: str
    text: Path
    gold: Path


@dataclass
class Tally:
    docs: int = 0
    perfect: int = 0
    crashed: int = 0
    seconds: float = 0.0
    # field -> [ok, n, tp, n_expected, n_got, kind]
    fields: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, score: FieldScore) -> None:
        row = self.fields.setdefault(score.field, [0, 0, 0, 0, 0, score.kind])
        row[0] += int(score.ok)
        row[1] += 1
        row[2] += score.tp
        row[3] += score.n_expected
        row[4] += score.n_got

    def cell(self, name: str) -> str:
        row = self.fields.get(name)
        if not row:
            return "-"
        ok, n, tp, n_exp, n_got, kind = row
        if kind == "scalar":
            return f"{100 * ok / n:5.1f} ({ok}/{n})"
        if kind == "ratio":
            return f"{100 * tp / n_exp:5.1f} ({tp}/{n_exp})" if n_exp else "-"
        if n_exp + n_got == 0:
            return f"  n/a ({ok}/{n})"
        return f"{100 * 2 * tp / (n_exp + n_got):5.1f} ({ok}/{n})"


def _documents(corpus: Path) -> list[Doc]:
    docs: list[Doc] = []
    for gold in sorted((corpus / "dev").glob("*.json")):
        txt = gold.with_suffix(".txt")
        if txt.exists():
            docs.append(Doc("dev", gold.stem, txt, gold))
    seed_gold = corpus / "seeds-gold"
    for txt in sorted((REPO / "corpus" / "seeds").glob("*.txt")):
        gold = seed_gold / f"seed_{txt.name[:3]}.json"
        if gold.exists():
            docs.append(Doc("seeds", f"seed_{txt.name[:3]}", txt, gold))
    for txt in sorted((REPO / "tests" / "corpus").glob("*.txt")):
        gold = REPO / "tests" / "golden" / f"{txt.stem}.json"
        if gold.exists():
            docs.append(Doc("own", txt.stem, txt, gold))
    return docs


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    ap.add_argument("--show-misses", action="store_true", help="print every miss")
    args = ap.parse_args(argv)

    tallies = {c: Tally() for c in COLUMNS}
    misses: list[str] = []
    crashed = False
    for doc in _documents(Path(args.corpus)):
        tally = tallies[doc.group]
        tally.docs += 1
        gold = load_gold(doc.gold)
        text = doc.text.read_text(encoding="utf-8", errors="replace")
        start = time.perf_counter()
        try:
            parsed = parse_text(text).to_dict()
        except Exception:
            crashed = True
            tally.crashed += 1
            misses.append(f"[{doc.group}] {doc.name}: PARSER CRASHED\n{traceback.format_exc()}")
            continue
        finally:
            tally.seconds += time.perf_counter() - start
        scores = compare(gold, parsed)
        all_ok = True
        for score in scores.values():
            tally.add(score)
            if score.ok:
                continue
            all_ok = False
            if score.kind == "scalar":
                misses.append(
                    f"[{doc.group}] {doc.name} {score.field}: "
                    f"expected {_short(score.expected)} got {_short(score.got)}"
                )
            else:
                for detail in score.details or ["differs"]:
                    misses.append(f"[{doc.group}] {doc.name} {score.field}: {_short(detail, 220)}")
        tally.perfect += int(all_ok)

    width = 18
    print(f"{'field':<{width}}" + "".join(f"{c:>16}" for c in COLUMNS))
    print("-" * (width + 16 * len(COLUMNS)))
    for name in FIELDS:
        print(f"{name:<{width}}" + "".join(f"{tallies[c].cell(name):>16}" for c in COLUMNS))
    print("-" * (width + 16 * len(COLUMNS)))
    for label, attr in (
        ("documents", "docs"),
        ("all fields ok", "perfect"),
        ("crashed", "crashed"),
    ):
        print(f"{label:<{width}}" + "".join(f"{getattr(tallies[c], attr):>16}" for c in COLUMNS))
    print(f"{'parse seconds':<{width}}" + "".join(f"{tallies[c].seconds:>16.2f}" for c in COLUMNS))
    print("scalars: % documents right (right/n); lists: micro F1 % (exact docs/n)")
    if args.show_misses and misses:
        print()
        print("\n".join(misses))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
