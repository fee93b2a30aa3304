"""The department's synthesis of an issued plan, and the units' calendar feeds."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class Synthesis(models.Model):
    """The draft "Báo cáo kết quả thực hiện Kế hoạch số …": ``data`` holds the editable
    document (drafted from the accepted reports, then changed by the department)."""

    plan = models.OneToOneField("kehoach.Plan", on_delete=models.CASCADE, related_name="synthesis")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A unit's iCalendar feed behind a secret link; a new token revokes the old link."""

    unit = models.OneToOneField(
        "kehoach.Unit", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
