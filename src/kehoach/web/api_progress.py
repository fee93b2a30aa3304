"""The HTTP API for progress and synthesis (mounted on ``kehoach.web.api.api``)."""

from __future__ import annotations

from ninja import Router

router = Router()
