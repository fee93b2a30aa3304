"""Rules: text."""

from __future__ import annotations
