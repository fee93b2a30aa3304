"""DOCX rendering speed: plans per second on the seeds, against python-docx itself.

    .venv/bin/python bench/render.py [--rounds N] [--pdf-batch 50]

Each round renders every seed plan once (``render_docx``) and, as the yardstick, creates
and saves one empty python-docx ``Document()`` per seed; the medians of the rounds are
printed as plans/s with their ratio. Parsing is done once, before timing. Then a batch
of 50 rendered plans goes to PDF in one LibreOffice process, against one plan alone.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import time
from pathlib import Path

import docx

from kehoach.document import parse_file
from kehoach.document.rendering import render_docx
from kehoach.document.rendering.pdf import docx_to_pdf

ROOT = Path(__file__).resolve().parent.parent


def _python_docx_once() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--pdf-batch", type=int, default=50, help="plans in the PDF batch (0: skip)")
    args = ap.parse_args()
    plans = [parse_file(p) for p in sorted((ROOT / "corpus" / "seeds").glob("*.txt"))]
    render_docx(plans[0])  # the shared base package is built once per process
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for plan in plans:
            render_docx(plan)
        ours.append(len(plans) / (time.perf_counter() - start))
        start = time.perf_counter()
        for _plan in plans:
            _python_docx_once()
        theirs.append(len(plans) / (time.perf_counter() - start))
    mine, base = statistics.median(ours), statistics.median(theirs)
    size = statistics.median(len(render_docx(p)) for p in plans)
    print(f"seeds: {len(plans)} plans, {args.rounds} rounds, median DOCX {size / 1024:.0f} KiB")
    print(f"render_docx:                       {mine:8.1f} plans/s")
    print(f"python-docx Document() + save:     {base:8.1f} documents/s")
    print(f"ratio (render_docx / python-docx): {mine / base:8.2f}x")
    if args.pdf_batch and shutil.which("soffice"):
        batch = [render_docx(plans[i % len(plans)]) for i in range(args.pdf_batch)]
        start = time.perf_counter()
        pdfs = docx_to_pdf(batch)  # one LibreOffice process for the whole batch
        spent = time.perf_counter() - start
        start = time.perf_counter()
        docx_to_pdf(batch[:1])
        one = time.perf_counter() - start
        print(
            f"PDF batch of {len(pdfs)} plans, one LibreOffice process: {spent:6.1f} s "
            f"({len(pdfs) / spent:.1f} plans/s); a single plan alone takes {one:.1f} s"
        )


if __name__ == "__main__":
    main()
