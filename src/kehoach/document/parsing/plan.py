"""Assemble a ``Plan`` from the extractors (placeholder until the parser lands)."""

from __future__ import annotations

from ..model import Plan


def parse_lines(lines: list[str]) -> Plan:
    return Plan()
