"""Parsing speed, measured against baselines timed in the same run.

    python bench/parse.py [--rounds 200] [--batch 10000]

On the same seed-sized DOCX files (the five seeds laid out as official documents by the
tests' builder) it times, median per file:

  floor        unzip word/document.xml, parse it with lxml, iterate its text nodes
  docx→plan    kehoach: read the DOCX and parse it into a structured plan
  text→plan    kehoach: parse the seed text into a structured plan
  python-docx  open the document with python-docx and iterate its paragraphs

and prints the ratios (docx→plan / floor, python-docx / floor), text plans per second on
one core, and the memory of a long batch (peak RSS after the first tenth and at the end;
flat means no growth). Machines are noisy: compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import gc
import io
import resource
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from kehoach.document import parse_bytes, parse_text  # noqa: E402
from support.docx_builder import plan_docx  # noqa: E402

SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def floor(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    return sum(
        len(t.text or "")
        for t in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    )


def python_docx(data: bytes) -> int:
    import docx

    document = docx.Document(io.BytesIO(data))
    return sum(len(p.text) for p in document.paragraphs)


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm caches and imports
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def per_file(fn: Callable[[bytes], object], files: list[bytes], rounds: int) -> float:
    return statistics.median(median_ms(lambda d=d: fn(d), rounds) for d in files)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=200, help="timed runs per file (median)")
    parser.add_argument(
        "--batch", type=int, default=10000, help="files in the memory batch (0: skip)"
    )
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    docx_files = [plan_docx(t) for t in texts]

    t_floor = per_file(floor, docx_files, args.rounds)
    t_docx = per_file(lambda d: parse_bytes(d, name="plan.docx"), docx_files, args.rounds)
    t_pydocx = per_file(python_docx, docx_files, max(10, args.rounds // 10))
    t_text = statistics.median(median_ms(lambda t=t: parse_text(t), args.rounds) for t in texts)

    print(f"files: {len(docx_files)} seed-sized DOCX (median of {args.rounds} runs each)")
    print(f"  floor (unzip + lxml + iterate)   {t_floor:8.3f} ms")
    print(
        f"  kehoach docx → plan              {t_docx:8.3f} ms   {t_docx / t_floor:6.1f}× floor (target ≤ 6×)"
    )
    print(
        f"  python-docx open + iterate       {t_pydocx:8.3f} ms   {t_pydocx / t_floor:6.1f}× floor"
    )
    print(
        f"  kehoach text → plan              {t_text:8.3f} ms   {1000 / t_text:8.0f} plans/s (target ≥ 1000)"
    )
    print(f"  docx → plan vs python-docx open   {t_pydocx / t_docx:6.2f}× faster")

    if args.batch:
        gc.collect()
        tenth = max(1, args.batch // 10)
        marks = []
        for i in range(args.batch):
            parse_bytes(docx_files[i % len(docx_files)], name="plan.docx")
            if i + 1 in (tenth, args.batch):
                marks.append(rss_mb())
        growth = marks[-1] - marks[0]
        print(
            f"  memory over {args.batch} files: peak RSS {marks[0]:.1f} MB after {tenth}, {marks[-1]:.1f} MB at the end ({growth:+.1f} MB)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
