"""The one exception hierarchy of the document core.

    KehoachError                  base of everything the core raises on purpose
    └── UnreadableDocument        an input that cannot be turned into text
        ├── FileMissing           the path does not exist or is not a file
        ├── UnsupportedFormat     a type kehoach does not read (by content, not name)
        ├── DocumentTooLarge      over the configured size cap
        ├── EmptyDocument         no bytes, or no text at all
        ├── CorruptDocument       damaged container, bad XML, zip bomb, garbage
        ├── EncryptedDocument     password-protected DOCX or PDF
        ├── NoTextLayer           a scanned PDF (pictures only, no OCR here)
        └── ConverterMissing      a legacy .doc and no LibreOffice to convert it

Parsing itself never raises: what it cannot read goes into the plan's ``warnings``.
Messages are Vietnamese because they are shown to clerks; ``code`` is a stable id for
programs and tests.
"""

from __future__ import annotations

__all__ = [
    "ConverterMissing",
    "CorruptDocument",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "FileMissing",
    "KehoachError",
    "NoTextLayer",
    "UnreadableDocument",
    "UnsupportedFormat",
]


class KehoachError(Exception):
    """Base class of the core's errors."""

    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnreadableDocument(KehoachError):
    code = "unreadable"


class FileMissing(UnreadableDocument):
    code = "missing"


class UnsupportedFormat(UnreadableDocument):
    code = "unsupported"


class DocumentTooLarge(UnreadableDocument):
    code = "too-large"


class EmptyDocument(UnreadableDocument):
    code = "empty"


class CorruptDocument(UnreadableDocument):
    code = "corrupt"


class EncryptedDocument(UnreadableDocument):
    code = "encrypted"


class NoTextLayer(UnreadableDocument):
    code = "no-text"


class ConverterMissing(UnreadableDocument):
    code = "no-converter"
