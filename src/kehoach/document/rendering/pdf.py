"""DOCX → PDF with LibreOffice headless, many documents in one process.

Starting LibreOffice costs seconds, converting a plan a fraction of one, so a batch is
converted by a single ``soffice --headless --convert-to pdf`` call that names every
file. The call runs with a private, throw-away profile (``-env:UserInstallation``) and
``HOME`` in a temporary folder, so it neither touches nor waits for a LibreOffice the
user has open, and everything it writes is removed afterwards.

The fonts come from the system: install ``fonts-liberation`` (Liberation Serif has the
metrics of Times New Roman) or Times New Roman itself, or the PDF falls back to a font
with other widths and the lines break elsewhere.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConverterMissing, CorruptDocument
from ..libreoffice import find_soffice, run_soffice

__all__ = ["MISSING_MESSAGE", "convert_timeout", "docx_to_pdf"]

MISSING_MESSAGE = (
    "Cần LibreOffice để xuất PDF; cài gói libreoffice-writer-nogui và fonts-liberation"
)

# LibreOffice's own start-up (a first run builds its profile) plus a few seconds a file.
_START_SECONDS = 90.0
_SECONDS_PER_FILE = 10.0


def convert_timeout(count: int) -> float:
    """Seconds allowed for one LibreOffice run converting ``count`` documents."""
    return _START_SECONDS + _SECONDS_PER_FILE * max(count, 1)


def docx_to_pdf(docx_files: Sequence[bytes], *, timeout: float | None = None) -> list[bytes]:
    """Convert DOCX documents to PDF, in order, with one LibreOffice process.

    Raises ``ConverterMissing`` when LibreOffice is not installed and ``CorruptDocument``
    when it fails, times out or leaves any document unconverted (then no PDF is returned:
    a batch is all or nothing, so that no caller writes half of it).
    """
    if not docx_files:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissing(MISSING_MESSAGE)
    limit = convert_timeout(len(docx_files)) if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        work = Path(tmp)
        indir, outdir = work / "in", work / "out"
        indir.mkdir()
        outdir.mkdir()
        # Our own names: unique, ASCII, and in the order the caller gave.
        inputs = [indir / f"plan-{i:05d}.docx" for i in range(len(docx_files))]
        for path, data in zip(inputs, docx_files, strict=True):
            path.write_bytes(data)
        _run_soffice(soffice, work, outdir, inputs, limit)
        pdfs: list[bytes] = []
        for path in inputs:
            out = outdir / (path.stem + ".pdf")
            if not out.is_file() or out.stat().st_size == 0:
                raise CorruptDocument(
                    "LibreOffice không chuyển được tệp DOCX sang PDF "
                    f"({len(pdfs) + 1}/{len(docx_files)}); tệp DOCX có thể bị hỏng"
                )
            pdfs.append(out.read_bytes())
        return pdfs


def _run_soffice(
    soffice: str, work: Path, outdir: Path, inputs: Sequence[Path], timeout: float
) -> None:
    code = run_soffice(
        soffice,
        inputs,
        convert_to="pdf:writer_pdf_Export",
        outdir=outdir,
        work=work,
        timeout=timeout,
        missing_message=MISSING_MESSAGE,
        timeout_message=f"LibreOffice xuất PDF quá lâu (quá {timeout:.0f} giây); đã dừng",
    )
    if code != 0:
        raise CorruptDocument(f"LibreOffice xuất PDF không thành công (mã {code})")
