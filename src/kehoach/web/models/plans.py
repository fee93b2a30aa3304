"""The plan library: uploaded plans, their source files, their links to each other."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    REVIEW = "review", _("Chờ rà soát")
    SAVED = "saved", _("Đã lưu")
    ISSUED = "issued", _("Đã ban hành")


class Plan(models.Model):
    """One plan in a unit's library. ``data`` is the core's structured plan (plan-json.md);
    the columns beside it are copies kept for filtering, sorting and search."""

    owner = models.ForeignKey(
        "kehoach.Unit", on_delete=models.PROTECT, related_name="plans", verbose_name=_("thư viện")
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.REVIEW
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=64, blank=True)
    number = models.CharField(_("số"), max_length=32, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=64, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    # Folded (accent-free, lower-case) number, symbol, issuer, title, headings and slogans:
    # one representation searched the same way on SQLite and PostgreSQL.
    search_text = models.TextField(default="", editable=False)
    issuer_key = models.CharField(max_length=255, default="", editable=False, db_index=True)
    # "02-KH/BTGTU" folded, spaces dropped: what a citation in another plan is matched on.
    number_key = models.CharField(max_length=120, default="", editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    source_format = models.CharField(max_length=8, blank=True)
    # The large columns come last: SQLite keeps the head of a row on its b-tree page and the
    # rest in overflow pages, so lists, filters and search read only the small columns above.
    data = models.JSONField(default=dict)
    findings = models.JSONField(default=list, blank=True)
    source_text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["owner", "-date", "-id"], name="plan_owner_date"),
            # Covering indexes for the list page's filter choices (distinct values in scope).
            models.Index(fields=["owner", "issuer"], name="plan_owner_issuer"),
            models.Index(fields=["owner", "year"], name="plan_owner_year"),
            models.Index(fields=["owner", "doc_type"], name="plan_owner_type"),
        ]

    def __str__(self) -> str:
        return self.reference or self.title[:80] or f"#{self.pk}"

    @property
    def reference(self) -> str:
        if self.number and self.symbol:
            # Party numbers read "17-KH/QU"; State and Union numbers "43/KH-UBND".
            joiner = "-" if "/" in self.symbol else "/"
            return f"{self.number}{joiner}{self.symbol}"
        return self.number or self.symbol


class SourceFile(models.Model):
    """The file the plan was read from, kept in the database so a plan and its source are
    written (or not) in one transaction."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="source_file")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField()


class UploadStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang đọc")
    DONE = "done", _("Đã đọc xong")
    FAILED = "failed", _("Không đọc được")


class Upload(models.Model):
    """A file accepted at the door and waiting for the task worker to read it into a plan."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey("kehoach.Unit", on_delete=models.CASCADE, related_name="uploads")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        max_length=16, choices=UploadStatus.choices, default=UploadStatus.QUEUED
    )
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)


class PlanLink(models.Model):
    """``source`` cites ``target`` in its basis ("thực hiện"); read backwards, ``target`` is
    implemented by ``source`` ("được triển khai bởi")."""

    source = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="links_in")
    citation_index = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "citation_index"], name="planlink_unique"
            )
        ]
