"""Rules: closing."""

from __future__ import annotations
