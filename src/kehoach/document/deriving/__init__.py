"""Derive the implementing plan of a unit from the plan of the level above (issue 7).

    derive_plan(parent, tree, unit_code, *, as_of, lead_days=5) -> Derivation

``Derivation.plan`` is an ordinary ``Plan`` (render it, check it); ``links`` ties each
carried clause to its source in the parent. The organisation tree comes from
``kehoach.orgtree``; nothing here imports Django.
"""

from __future__ import annotations

from .derive import Derivation, DeriveError, Link, derive_plan, regime_of
from .units import name_kinds
from .workdays import working_days_before

__all__ = [
    "Derivation",
    "DeriveError",
    "Link",
    "derive_plan",
    "name_kinds",
    "regime_of",
    "working_days_before",
]
