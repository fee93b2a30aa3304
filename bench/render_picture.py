"""Picture of a rendered plan for the docs: page 1 of a seed as PNG.

    python bench/render_picture.py [--seed 000] [--out docs/seed-000-page1.png]

Parses ``corpus/seeds/<seed>_*.txt``, renders it with ``render_docx``, converts the DOCX
to PDF with LibreOffice (``docx_to_pdf``) and turns page 1 into a PNG with poppler
(``pdftoppm -r 60 -png -f 1 -l 1``). Needs LibreOffice, fonts-liberation and
poppler-utils. The PNG is written to a temporary name and renamed, so a failed run leaves
the old picture in place.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from kehoach.document import parse_file  # noqa: E402
from kehoach.document.rendering import render_docx  # noqa: E402
from kehoach.document.rendering.pdf import docx_to_pdf  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="000", help="seed number (000–004)")
    parser.add_argument("--out", type=Path, help="PNG to write (default docs/seed-NNN-page1.png)")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    out: Path = args.out or REPO / "docs" / f"seed-{args.seed}-page1.png"
    (source,) = sorted((REPO / "corpus" / "seeds").glob(f"{args.seed}_*.txt"))
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("cần pdftoppm (gói poppler-utils)", file=sys.stderr)
        return 2

    (pdf,) = docx_to_pdf([render_docx(parse_file(source))])
    with tempfile.TemporaryDirectory(prefix="kehoach-picture-") as tmp:
        pdf_path = Path(tmp) / "plan.pdf"
        pdf_path.write_bytes(pdf)
        prefix = Path(tmp) / "page"
        page_one = ["-r", str(args.dpi), "-png", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run(
            [pdftoppm, *page_one, str(pdf_path), str(prefix)],
            check=True,
            timeout=60,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        staged = out.with_name(f".{out.name}.tmp")
        shutil.copyfile(prefix.with_suffix(".png"), staged)
        staged.replace(out)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
