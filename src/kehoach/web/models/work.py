"""Issued plans and the work they hand out: the outgoing register, tasks per unit and the
report obligations of each period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterStart(models.Model):
    """Where an issuer's numbering of one document type starts in a year ("sổ văn bản đi");
    absent, numbering starts at 1."""

    issuer = models.ForeignKey("kehoach.Unit", on_delete=models.CASCADE, related_name="+")
    doc_code = models.CharField(_("loại văn bản (viết tắt)"), max_length=16)
    year = models.PositiveSmallIntegerField(_("năm"))
    start = models.PositiveIntegerField(_("số bắt đầu"), default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_code", "year"], name="registerstart_unique"
            )
        ]


class Issuance(models.Model):
    """A plan's entry in its issuer's outgoing register. The unique constraint is what keeps
    two people issuing at the same moment from taking the same number."""

    plan = models.OneToOneField("kehoach.Plan", on_delete=models.CASCADE, related_name="issuance")
    issuer = models.ForeignKey("kehoach.Unit", on_delete=models.PROTECT, related_name="+")
    doc_code = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField(_("số"))
    issued_on = models.DateField(_("ngày ban hành"))
    # Report obligations run to this date; a plan with no end of its own runs to the end of
    # its year unless changed.
    runs_until = models.DateField(_("thực hiện đến"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    # Moves on with every change to the plan's obligations and reports (kehoach.web.stamps):
    # the department's pages cache what they add up under it.
    work_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_code", "year", "number"], name="issuance_number_unique"
            )
        ]


class TaskState(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class Task(models.Model):
    """One duty of an issued plan for one unit, linked to the clause it came from."""

    plan = models.ForeignKey("kehoach.Plan", on_delete=models.CASCADE, related_name="tasks")
    unit = models.ForeignKey("kehoach.Unit", on_delete=models.PROTECT, related_name="tasks")
    # The addressee as printed ("Các tổ chức cơ sở đảng") and where the duty sits in the plan.
    assigned_name = models.CharField(max_length=255)
    assignment_index = models.PositiveSmallIntegerField()
    duty_index = models.PositiveSmallIntegerField()
    source_line = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(_("nhiệm vụ"))
    due_date = models.DateField(_("hạn"), null=True, blank=True)
    state = models.CharField(max_length=8, choices=TaskState.choices, default=TaskState.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["unit", "state", "due_date"], name="task_inbox"),
            models.Index(fields=["plan", "unit"], name="task_plan_unit"),
            # The hourly reminder run looks for work due in a window of dates.
            models.Index(fields=["due_date"], name="task_due"),
        ]


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Hằng tuần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEAR = "6-month", _("6 tháng")
    YEARLY = "yearly", _("Hằng năm")
    ONCE = "once", _("Theo hạn của kế hoạch")


class ObligationState(models.TextChoices):
    PENDING = "pending", _("Chưa nộp")
    SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã được chấp nhận")


class Obligation(models.Model):
    """A report one unit owes for one period of an issued plan. ``state`` and the dates below
    it are kept in step with the unit's reports so the department's matrix is one query."""

    plan = models.ForeignKey("kehoach.Plan", on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey("kehoach.Unit", on_delete=models.PROTECT, related_name="obligations")
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    label = models.CharField(_("kỳ báo cáo"), max_length=120)
    period_start = models.DateField()
    period_end = models.DateField()
    due_date = models.DateField(_("hạn nộp"))
    source_line = models.PositiveIntegerField(null=True, blank=True)
    state = models.CharField(
        max_length=16, choices=ObligationState.choices, default=ObligationState.PENDING
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "unit", "frequency", "period_start"], name="obligation_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "due_date"], name="obligation_inbox"),
            models.Index(fields=["plan", "unit"], name="obligation_plan_unit"),
            models.Index(fields=["due_date"], name="obligation_due"),
        ]

    @property
    def on_time(self) -> bool | None:
        """Submitted by the due date (None while nothing is submitted)."""
        if self.first_submitted_at is None:
            return None
        return self.first_submitted_at.date() <= self.due_date
