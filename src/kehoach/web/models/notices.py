"""What the app tells people: in-app notifications, reminders sent, weekly digests sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


class Reminder(models.Model):
    """One reminder, recorded before it is sent: its unique key ("obligation:12:before-3")
    is what makes a restarted worker skip what it already sent."""

    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    days = models.SmallIntegerField(default=0)
    task = models.ForeignKey(
        "kehoach.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    obligation = models.ForeignKey(
        "kehoach.Obligation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)


class Digest(models.Model):
    """The weekly digest sent to a department for the week starting ``week_start``."""

    unit = models.ForeignKey("kehoach.Unit", on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "week_start"], name="digest_unique")]
