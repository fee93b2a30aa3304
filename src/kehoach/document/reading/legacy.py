"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) → Unicode.

Placeholder interface; the conversion tables land with the DOCX reader.
"""

from __future__ import annotations

__all__ = ["convert_legacy_text"]


def convert_legacy_text(text: str) -> tuple[str, str | None]:
    """Detect TCVN3 or VNI text and convert it; return (text, encoding name or None)."""
    return text, None
