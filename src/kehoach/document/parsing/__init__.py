"""Text → structured plan. ``parse_source`` never raises on any input."""

from __future__ import annotations

from ..model import Plan, SourceText
from .plan import parse_lines

__all__ = ["parse_source", "parse_text"]


def parse_text(text: str) -> Plan:
    """Parse plain text (any line ends) into a ``Plan``."""
    from ..reading.plain import split_lines
    from ..text import nfc

    return parse_source(SourceText(tuple(nfc(line) for line in split_lines(text))))


def parse_source(source: SourceText) -> Plan:
    plan = parse_lines(list(source.lines), source.format)
    plan.source_format = source.format
    plan.source_path = source.path
    plan.warnings[:0] = list(source.warnings)
    return plan
