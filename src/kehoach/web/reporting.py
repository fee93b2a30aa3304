"""Units at work: completing tasks and writing, submitting and reviewing reports.

Pages and the API both go through here. Each operation is one transaction, checks who may do
it (``PermissionDenied``) and what state allows it (``ValidationError`` with a Vietnamese
message; ``code="state"`` for a transition the current state does not allow, ``code=
"invalid"`` for bad values), keeps the obligation's state and dates in step with its reports,
and tells the people concerned. The model signals audit every row written.

Versions. A report's first version is a draft; it is submitted, then accepted or returned
with a comment. A returned report is edited and submitted again as the same version. A
change to a submitted or accepted report is a new version (``supersedes`` the old one, which
is kept unchanged and stops being ``current``). The department reviews the current version
only. The synthesis counts, per obligation, the latest ACCEPTED version
(``latest_accepted``): an accepted report stays counted while its correction is drafted,
submitted or returned, until the correction is itself accepted. For the same reason an
obligation once accepted stays accepted; ``accepted_at`` is its first acceptance and
``first_submitted_at`` its first submission (what "on time" is judged on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.document.text import nfc
from kehoach.tracking.measures import measure, parse_count

from . import access, progress
from .audit import acting_as, log_created
from .models import (
    Evidence,
    Obligation,
    ObligationState,
    Plan,
    Report,
    ReportCount,
    ReportState,
    Role,
    Task,
    TaskState,
    Unit,
)
from .notify import notify, people_of
from .wording import plan_name

MAX_NARRATIVE = 50_000
MAX_NOTE = 4_000
EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)
# The inbox's "due soon": within a week, as the reminders' first notice (7, 3, 1 days).
DUE_SOON_DAYS = 7


def _refused(message: str) -> ValidationError:
    return ValidationError(message, code="state")


def _invalid(message: str) -> ValidationError:
    return ValidationError(message, code="invalid")


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


# --- who may ---------------------------------------------------------------------------


def may_write(user: Any, unit: Unit) -> bool:
    """May the person write, submit and attach evidence to ``unit``'s reports, and complete
    its tasks? (``access.can_report``: the unit's own reporters and administrators.)"""
    return access.can_report(user, unit)


def check_writer(user: Any, unit: Unit) -> None:
    if not may_write(user, unit):
        raise PermissionDenied(_("Bạn không có quyền báo cáo thay đơn vị này."))


def check_reviewer(user: Any, plan: Plan) -> None:
    if not access.can_review(user, plan):
        raise PermissionDenied(_("Chỉ ban, phòng ban hành kế hoạch mới được duyệt báo cáo."))


# --- reading ---------------------------------------------------------------------------


def current_report(obligation: Obligation) -> Report | None:
    """The latest version of the obligation's report, whatever its state; None before any."""
    return Report.objects.filter(obligation=obligation, current=True).first()


def latest_accepted(
    reports: QuerySet[Report] | None = None, *, plan: Plan | None = None
) -> QuerySet[Report]:
    """Per obligation, its latest accepted version: what the synthesis and totals count.
    With ``plan``, the "newer accepted version" test stays inside the plan, so PostgreSQL
    reads the plan's accepted reports by index instead of hashing every accepted report in
    the country (40 ms at a tenth of the national data, growing with it)."""
    rows = Report.objects.all() if reports is None else reports
    newer = Report.objects.filter(
        obligation=OuterRef("obligation"),
        state=ReportState.ACCEPTED,
        version__gt=OuterRef("version"),
    )
    if plan is not None:
        rows = rows.filter(plan=plan)
        newer = newer.filter(plan=plan)
    return rows.filter(state=ReportState.ACCEPTED).exclude(Exists(newer))


def counts_of(report: Report) -> dict[tuple[str, str], int]:
    return {(c.channel, c.measure): c.value for c in report.counts.all()}


@dataclass(frozen=True)
class Status:
    """How an inbox row looks: ``key`` names the colour, ``label`` says it in words."""

    key: str
    label: str


def task_status(task: Task, today: dt.date) -> Status:
    if task.state == TaskState.DONE:
        return Status("done", _("Đã hoàn thành"))
    return _due_status(task.due_date, today, Status("open", _("Đang thực hiện")))


def obligation_status(obligation: Obligation, today: dt.date) -> Status:
    state = obligation.state
    if state == ObligationState.ACCEPTED:
        return Status("accepted", _("Đã được chấp nhận"))
    if state == ObligationState.SUBMITTED:
        return Status("submitted", _("Đã nộp, chờ duyệt"))
    if state == ObligationState.RETURNED:
        return Status("returned", _("Bị trả lại, cần sửa"))
    return _due_status(obligation.due_date, today, Status("open", _("Chưa nộp")))


def _due_status(due: dt.date | None, today: dt.date, otherwise: Status) -> Status:
    if due is None:
        return otherwise
    if due < today:
        days = (today - due).days
        return Status("overdue", _("Quá hạn %(days)d ngày") % {"days": days})
    if due == today:
        return Status("due-soon", _("Đến hạn hôm nay"))
    if (due - today).days <= DUE_SOON_DAYS:
        return Status("due-soon", _("Còn %(days)d ngày") % {"days": (due - today).days})
    return otherwise


# --- tasks -----------------------------------------------------------------------------


def complete_task(task: Task, user: Any, note: str = "", now: dt.datetime | None = None) -> Task:
    """Mark the unit's task done, with an optional note on what was done."""
    check_writer(user, task.unit)
    note = _note(note)
    with acting_as(user), transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("unit", "plan")
            .get(pk=task.pk)
        )
        if task.state == TaskState.DONE:
            raise _refused(_("Nhiệm vụ này đã được đánh dấu hoàn thành."))
        task.state = TaskState.DONE
        task.done_at = _now(now)
        task.done_by = user
        task.note = note
        task.save()
    return task


def reopen_task(task: Task, user: Any, note: str = "") -> Task:
    """Undo a completion (marked by mistake, or more to do), saying why."""
    check_writer(user, task.unit)
    note = _note(note)
    with acting_as(user), transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("unit", "plan")
            .get(pk=task.pk)
        )
        if task.state != TaskState.DONE:
            raise _refused(_("Nhiệm vụ này chưa được đánh dấu hoàn thành."))
        task.state = TaskState.OPEN
        task.done_at = None
        task.done_by = None
        task.note = note
        task.save()
    return task


def _note(note: str) -> str:
    note = nfc(note or "").strip()
    if len(note) > MAX_NOTE:
        raise _invalid(
            _("Ghi chú quá dài (%(n)d ký tự; tối đa %(max)d).") % {"n": len(note), "max": MAX_NOTE}
        )
    return note


# --- writing a report ------------------------------------------------------------------


def start_report(obligation: Obligation, user: Any) -> Report:
    """The report the person goes on writing: the current draft or returned report, else a
    new version (a copy of the submitted or accepted one, which is kept), else version 1."""
    check_writer(user, obligation.unit)
    with acting_as(user), transaction.atomic():
        # One writer at a time per obligation: two people starting at once get one draft.
        obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
        current = current_report(obligation)
        if current is not None and current.state in EDITABLE:
            return current
        if current is None:
            return Report.objects.create(
                obligation=obligation,
                plan_id=obligation.plan_id,
                unit_id=obligation.unit_id,
                version=1,
                created_by=user,
            )
        current.current = False
        current.save(update_fields=["current"])
        report = Report.objects.create(
            obligation=obligation,
            plan_id=obligation.plan_id,
            unit_id=obligation.unit_id,
            version=current.version + 1,
            supersedes=current,
            narrative=current.narrative,
            created_by=user,
        )
        _copy_attachments(current, report)
    return report


def _copy_attachments(old: Report, new: Report) -> None:
    counts = ReportCount.objects.bulk_create(
        ReportCount(report=new, channel=c.channel, measure=c.measure, value=c.value)
        for c in old.counts.order_by("pk")
    )
    files = Evidence.objects.bulk_create(
        Evidence(
            report=new,
            kind=e.kind,
            url=e.url,
            name=e.name,
            content_type=e.content_type,
            size=e.size,
            sha256=e.sha256,
            content=e.content,
        )
        for e in old.evidence.order_by("pk")
    )
    log_created([*counts, *files])


def check_counts(counts: Mapping[tuple[str, str], Any]) -> dict[tuple[str, str], int]:
    """The counts as whole numbers, every bad one named; ValidationError keyed by
    ``channel.measure`` (the form field and API name) otherwise."""
    errors: dict[str, list[str]] = {}
    clean: dict[tuple[str, str], int] = {}
    for (channel, key), value in counts.items():
        code = f"{channel}.{key}"
        try:
            found = measure(channel, key)
            clean[(channel, key)] = parse_count(value, found.label)
        except ValueError as exc:
            errors[code] = [str(exc)]
    if errors:
        raise ValidationError(
            {code: [ValidationError(m, code="invalid") for m in ms] for code, ms in errors.items()}
        )
    return clean


def check_narrative(narrative: str) -> str:
    text = nfc(narrative or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_NARRATIVE:
        raise _invalid(
            _("Nội dung báo cáo quá dài (%(n)d ký tự; tối đa %(max)d).")
            % {"n": len(text), "max": MAX_NARRATIVE}
        )
    return text


def ensure_editable(report: Report) -> None:
    if not report.current:
        raise _refused(
            _(
                "Đây là phiên bản cũ (phiên bản %(version)d) của báo cáo; "
                "chỉ sửa được phiên bản mới nhất."
            )
            % {"version": report.version}
        )
    if report.state not in EDITABLE:
        raise _refused(
            _(
                "Báo cáo đã nộp hoặc đã được chấp nhận thì không sửa trực tiếp được: "
                "hãy mở báo cáo để tạo phiên bản mới (phiên bản cũ vẫn được giữ)."
            )
        )


def save_report(
    report: Report, user: Any, *, narrative: str, counts: Mapping[tuple[str, str], Any]
) -> Report:
    """Write the narrative and the counts (all of them: counts not given are removed) of a
    draft or returned report."""
    check_writer(user, report.unit)
    text = check_narrative(narrative)
    clean = check_counts(counts)
    with acting_as(user), transaction.atomic():
        report = lock_report(report)
        ensure_editable(report)
        report.narrative = text
        report.save()
        existing = {(c.channel, c.measure): c for c in report.counts.all()}
        for key, row in existing.items():
            if key not in clean:
                row.delete()
            elif row.value != clean[key]:
                row.value = clean[key]
                row.save()
        added = ReportCount.objects.bulk_create(
            ReportCount(report=report, channel=channel, measure=key, value=value)
            for (channel, key), value in clean.items()
            if (channel, key) not in existing
        )
        log_created(added)
    return report


def lock_report(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("obligation", "plan", "plan__owner", "unit")
        .get(pk=report.pk)
    )


def _has_accepted(report: Report) -> bool:
    return Report.objects.filter(
        obligation_id=report.obligation_id, state=ReportState.ACCEPTED
    ).exists()


def submit_report(report: Report, user: Any, now: dt.datetime | None = None) -> Report:
    """Send the report to the department that issued the plan."""
    check_writer(user, report.unit)
    when = _now(now)
    with acting_as(user), transaction.atomic():
        report = lock_report(report)
        if report.state == ReportState.SUBMITTED:
            raise _refused(_("Báo cáo này đã được nộp, đang chờ duyệt."))
        ensure_editable(report)
        if not report.narrative.strip() and not report.counts.exists():
            raise _invalid(
                _("Báo cáo chưa có nội dung: hãy ghi nội dung hoặc ít nhất một số liệu rồi nộp.")
            )
        report.state = ReportState.SUBMITTED
        report.submitted_at = when
        report.submitted_by = user
        report.save()
        obligation = Obligation.objects.select_for_update().get(pk=report.obligation_id)
        if obligation.state != ObligationState.ACCEPTED:
            obligation.state = ObligationState.SUBMITTED
        obligation.first_submitted_at = obligation.first_submitted_at or when
        obligation.save()
        plan = report.plan
        notify(
            people_of(plan.owner, [Role.ADMIN]),
            f"{report.unit.name} đã nộp báo cáo {obligation.label}"
            f"{_version_note(report)} — {plan_name(plan)}.",
            reverse("kehoach:report-detail", args=[report.pk]),
            subject=f"Báo cáo mới: {report.unit.name}, {obligation.label}",
        )
    progress.refresh_later(report.plan)
    return report


def accept_report(report: Report, user: Any, now: dt.datetime | None = None) -> Report:
    """The department accepts the submitted report: it counts in the synthesis."""
    check_reviewer(user, report.plan)
    when = _now(now)
    with acting_as(user), transaction.atomic():
        report = _reviewable(report)
        report.state = ReportState.ACCEPTED
        report.reviewed_at = when
        report.reviewed_by = user
        report.save()
        obligation = Obligation.objects.select_for_update().get(pk=report.obligation_id)
        obligation.state = ObligationState.ACCEPTED
        obligation.first_submitted_at = obligation.first_submitted_at or report.submitted_at
        obligation.accepted_at = obligation.accepted_at or when
        obligation.save()
        notify(
            people_of(report.unit),
            f"Báo cáo {obligation.label}{_version_note(report)} đã được chấp nhận — "
            f"{plan_name(report.plan)}.",
            reverse("kehoach:report-detail", args=[report.pk]),
        )
    progress.refresh_later(report.plan)
    return report


def return_report(
    report: Report, user: Any, comment: str, now: dt.datetime | None = None
) -> Report:
    """The department sends the report back with what to fix."""
    check_reviewer(user, report.plan)
    comment = nfc(comment or "").strip()
    if not comment:
        raise _invalid(_("Hãy ghi ý kiến: đơn vị cần biết phải sửa gì trong báo cáo."))
    if len(comment) > MAX_NOTE:
        raise _invalid(
            _("Ý kiến quá dài (%(n)d ký tự; tối đa %(max)d).")
            % {"n": len(comment), "max": MAX_NOTE}
        )
    when = _now(now)
    with acting_as(user), transaction.atomic():
        report = _reviewable(report)
        report.state = ReportState.RETURNED
        report.return_comment = comment
        report.reviewed_at = when
        report.reviewed_by = user
        report.save()
        obligation = Obligation.objects.select_for_update().get(pk=report.obligation_id)
        # An earlier accepted version still stands: the obligation stays fulfilled.
        if not _has_accepted(report):
            obligation.state = ObligationState.RETURNED
            obligation.save()
        notify(
            people_of(report.unit),
            f"Báo cáo {obligation.label}{_version_note(report)} bị trả lại — "
            f"{plan_name(report.plan)}: {comment}",
            reverse("kehoach:report-edit", args=[obligation.pk]),
            subject=f"Báo cáo bị trả lại: {obligation.label}",
        )
    progress.refresh_later(report.plan)
    return report


def _reviewable(report: Report) -> Report:
    report = lock_report(report)
    if report.state != ReportState.SUBMITTED:
        raise _refused(
            {
                ReportState.DRAFT: _("Báo cáo chưa được nộp nên chưa duyệt được."),
                ReportState.ACCEPTED: _("Báo cáo này đã được chấp nhận."),
                ReportState.RETURNED: _("Báo cáo này đã bị trả lại, đang chờ đơn vị sửa."),
            }[ReportState(report.state)]
        )
    if not report.current:
        raise _refused(
            _(
                "Đơn vị đang sửa báo cáo này thành phiên bản mới; hãy duyệt phiên bản mới khi "
                "đơn vị nộp."
            )
        )
    return report


def _version_note(report: Report) -> str:
    return f" (phiên bản {report.version})" if report.version > 1 else ""
