"""Running LibreOffice headless: the one place that starts ``soffice``.

Used to read legacy ``.doc`` files (→ DOCX) and to print PDFs (DOCX → PDF). Each run has a
private, throw-away profile (``-env:UserInstallation``) and ``HOME`` in the caller's temporary
folder, so it neither touches nor waits for a LibreOffice the user has open; it runs in its
own process group, killed as a whole when it overruns its time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import ConverterMissing, CorruptDocument

__all__ = ["find_soffice", "run_soffice"]


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def run_soffice(
    soffice: str,
    inputs: Sequence[Path],
    *,
    convert_to: str,
    outdir: Path,
    work: Path,
    timeout: float,
    missing_message: str,
    timeout_message: str,
) -> int:
    """Convert ``inputs`` into ``outdir`` with one LibreOffice process; return its exit code.

    Raises ``ConverterMissing`` (with ``missing_message``) when it cannot be started and
    ``CorruptDocument`` (with ``timeout_message``) when it overruns ``timeout`` seconds.
    """
    cmd = [
        soffice,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        convert_to,
        "--outdir",
        str(outdir),
        *(str(p) for p in inputs),
    ]
    env = dict(os.environ)
    env["HOME"] = str(work)
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own process group, killed as a whole on timeout
        )
    except OSError as exc:
        raise ConverterMissing(missing_message) from exc
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise CorruptDocument(timeout_message) from None
    return proc.returncode
