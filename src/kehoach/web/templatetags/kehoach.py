"""Template filters for the pages: Vietnamese dates ("ngày 03/11/2023") and small helpers.

``{% load kehoach %}`` then ``{{ plan.date|ngay }}``, ``{{ entry.at|ngay_ngan }}``,
``{{ entry.at|gio }}``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.utils import timezone

from ..wording import short_date

register = template.Library()


def _as_date(value: Any) -> datetime.date | None:
    """A date from a date, a datetime (shown in local time) or an ISO string; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return _as_date(datetime.datetime.fromisoformat(text))
        except ValueError:
            pass
        try:
            return datetime.date.fromisoformat(text[:10])
        except ValueError:
            return None
    return None


@register.filter
def ngay_ngan(value: Any) -> str:
    """``03/11/2023``; empty or unreadable values give ""."""
    day = _as_date(value)
    return short_date(day) if day else ""


@register.filter
def ngay(value: Any) -> str:
    """``ngày 03/11/2023``; empty or unreadable values give ""."""
    short = ngay_ngan(value)
    return f"ngày {short}" if short else ""


@register.filter
def gio(value: Any) -> str:
    """The local time of a datetime as ``14:05``; "" for anything else."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            return ""
    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.hour:02d}:{value.minute:02d}"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ row|get_item:name }}``: a dictionary value by a variable key ("" when absent)."""
    if isinstance(mapping, dict):
        return mapping.get(key, "")
    return ""


@register.filter
def ho_ten(user: Any) -> str:
    """A person's name in Vietnamese order (family name first): "Nguyễn Thị Lan".

    Django's ``get_full_name`` puts the given name first, which reads wrong in Vietnamese.
    Falls back to the user name when no name is recorded.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    parts = [getattr(user, "last_name", "").strip(), getattr(user, "first_name", "").strip()]
    return " ".join(p for p in parts if p) or user.get_username()
