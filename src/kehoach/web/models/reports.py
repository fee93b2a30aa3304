"""Units' reports on their obligations: narrative, counted activities per channel, evidence."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã nộp")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Bị trả lại")


class Report(models.Model):
    """One version of a unit's report for an obligation. A change after acceptance is a new
    version (``supersedes`` the accepted one, which is kept); ``current`` marks the latest."""

    obligation = models.ForeignKey(
        "kehoach.Obligation", on_delete=models.CASCADE, related_name="reports"
    )
    # Copies of the obligation's plan and unit: the matrix and the synthesis filter on them.
    plan = models.ForeignKey("kehoach.Plan", on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("kehoach.Unit", on_delete=models.PROTECT, related_name="reports")
    version = models.PositiveSmallIntegerField(default=1)
    current = models.BooleanField(default=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by"
    )
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    narrative = models.TextField(_("nội dung báo cáo"), blank=True)
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["obligation", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "version"], name="report_version_unique")
        ]
        indexes = [
            models.Index(fields=["plan", "state", "current"], name="report_plan_state"),
            models.Index(fields=["unit", "state"], name="report_unit_state"),
            # The progress page's cache key (count, last id, last review of a plan's accepted
            # reports) read from the index alone on PostgreSQL; a plain index elsewhere.
            models.Index(
                fields=["plan", "state"],
                include=["id", "reviewed_at"],
                name="report_plan_mark",
            ),
        ]


class ReportCount(models.Model):
    """How many of one measure ("attendees" of "conference") a report counts."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="counts")
    channel = models.CharField(max_length=16)
    measure = models.CharField(max_length=24)
    value = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "channel", "measure"], name="reportcount_unique"
            )
        ]


class EvidenceKind(models.TextChoices):
    LINK = "link", _("Đường dẫn")
    FILE = "file", _("Tệp")


class Evidence(models.Model):
    """A link, photo or file attached to a report; files live in the database like plans'
    sources, so a report and its evidence are written in one transaction."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=8, choices=EvidenceKind.choices)
    url = models.URLField(max_length=1000, blank=True)
    name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    content = models.BinaryField(default=b"")
    created_at = models.DateTimeField(auto_now_add=True)
