"""The document core stands alone: no Django, a curated public API."""

from __future__ import annotations

import subprocess
import sys

import kehoach.document as core

EXPECTED_EXPORTS = {
    "DEFAULT_MAX_BYTES",
    "Assignment",
    "Citation",
    "ConverterMissing",
    "CorruptDocument",
    "Deadline",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "FileMissing",
    "KehoachError",
    "NoTextLayer",
    "ParseWarning",
    "Phase",
    "Plan",
    "Recipient",
    "Section",
    "Signer",
    "SourceText",
    "UnreadableDocument",
    "UnsupportedFormat",
    "parse_bytes",
    "parse_file",
    "parse_source",
    "parse_text",
    "read_bytes",
    "read_path",
}


def test_the_core_imports_nothing_from_django() -> None:
    code = (
        "import sys, kehoach, kehoach.document, kehoach.cli\n"
        "import kehoach.document.reading.docx, kehoach.document.reading.pdf, kehoach.document.reading.html\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_public_api_is_exactly_what_is_documented() -> None:
    assert set(core.__all__) == EXPECTED_EXPORTS
    for name in core.__all__:
        assert hasattr(core, name), name


def test_every_core_error_derives_from_one_base() -> None:
    for name in core.__all__:
        obj = getattr(core, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, core.KehoachError), name
