"""How the app writes a date, a shortened text and a plan's name in a sentence: one way for
pages, charts, calendars, notifications and e-mails."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _


def short_date(day: dt.date) -> str:
    """``03/11/2023``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" when longer."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan_name(plan: Any) -> str:
    """ "Kế hoạch số 17-KH/QU", or the plan's title when it has no number yet."""
    if plan.reference:
        return _("Kế hoạch số %(reference)s") % {"reference": plan.reference}
    return _("Kế hoạch “%(title)s”") % {"title": clip(plan.title, 80)}
