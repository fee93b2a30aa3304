"""Rules: layout."""

from __future__ import annotations
