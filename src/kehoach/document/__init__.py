"""The document core: read, parse (and later check, derive, render) plans.

Nothing here imports Django; the web app calls these functions.
"""

from __future__ import annotations

import os

from .errors import (
    ConverterMissing,
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    FileMissing,
    KehoachError,
    NoTextLayer,
    UnreadableDocument,
    UnsupportedFormat,
)
from .model import (
    Assignment,
    Citation,
    Deadline,
    ParseWarning,
    Phase,
    Plan,
    Recipient,
    Section,
    Signer,
    SourceText,
)
from .parsing import parse_source, parse_text
from .reading import DEFAULT_MAX_BYTES, read_bytes, read_path

__all__ = [
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
]


def parse_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Plan:
    """Read any supported file and parse it. Raises ``UnreadableDocument`` on bad input."""
    return parse_source(read_path(path, max_bytes=max_bytes))


def parse_bytes(
    data: bytes, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Plan:
    """Read an in-memory document (an upload) and parse it."""
    return parse_source(read_bytes(data, name=name, max_bytes=max_bytes))
