"""kehoach: Vietnamese campaign plans, from the document that arrived to the result report."""

from __future__ import annotations

from .document import (
    KehoachError,
    Plan,
    UnreadableDocument,
    parse_bytes,
    parse_file,
    parse_text,
)

__all__ = [
    "KehoachError",
    "Plan",
    "UnreadableDocument",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
__version__ = "0.1.0"
