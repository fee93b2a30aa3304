"""Rows of an issued plan's work, made directly, for tests of the pages that show them.

The issuing tests make these through ``kehoach.web.issuing``; tests of inboxes, reports,
progress, reminders and the calendar only need the rows to exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kehoach.web.models import (
    Frequency,
    Issuance,
    Obligation,
    ObligationState,
    Plan,
    PlanStatus,
    Report,
    ReportCount,
    ReportState,
    Task,
    Unit,
)


def mark_issued(plan: Plan) -> Plan:
    """The plan as issued: its status and its entry in the owner's outgoing register."""
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.ISSUED)
    plan.refresh_from_db()
    day = plan.date or dt.date(2016, 1, 1)
    Issuance.objects.get_or_create(
        plan=plan,
        defaults={
            "issuer": plan.owner,
            "doc_code": "KH",
            "year": day.year,
            "number": plan.pk,
            "issued_on": day,
            "runs_until": dt.date(day.year, 12, 31),
        },
    )
    return plan


def make_task(
    plan: Plan,
    unit: Unit,
    text: str = "Tổ chức quán triệt kế hoạch đến cán bộ, đảng viên.",
    *,
    due: dt.date | None = None,
    index: int = 0,
) -> Task:
    return Task.objects.create(
        plan=plan,
        unit=unit,
        assigned_name=unit.name,
        assignment_index=index,
        duty_index=0,
        source_line=None,
        text=text,
        due_date=due,
    )


def make_obligation(
    plan: Plan,
    unit: Unit,
    *,
    start: dt.date = dt.date(2016, 1, 1),
    end: dt.date = dt.date(2016, 6, 30),
    due: dt.date = dt.date(2016, 6, 15),
    frequency: str = Frequency.HALF_YEAR,
    label: str = "6 tháng đầu năm 2016",
) -> Obligation:
    return Obligation.objects.create(
        plan=plan,
        unit=unit,
        frequency=frequency,
        label=label,
        period_start=start,
        period_end=end,
        due_date=due,
    )


def make_report(
    obligation: Obligation,
    user: Any,
    *,
    state: str = ReportState.SUBMITTED,
    counts: dict[tuple[str, str], int] | None = None,
    narrative: str = "Đã tổ chức hội nghị quán triệt.",
    submitted_at: dt.datetime | None = None,
) -> Report:
    """A report in ``state`` with its obligation's state and dates kept in step."""
    now = submitted_at or dt.datetime.combine(obligation.due_date, dt.time(9, 0), tzinfo=dt.UTC)
    report = Report.objects.create(
        obligation=obligation,
        plan=obligation.plan,
        unit=obligation.unit,
        state=state,
        narrative=narrative,
        created_by=user,
        submitted_at=None if state == ReportState.DRAFT else now,
        submitted_by=None if state == ReportState.DRAFT else user,
        reviewed_at=now if state in (ReportState.ACCEPTED, ReportState.RETURNED) else None,
    )
    ReportCount.objects.bulk_create(
        ReportCount(report=report, channel=c, measure=m, value=v)
        for (c, m), v in (counts or {}).items()
    )
    if state != ReportState.DRAFT:
        obligation.state = {
            ReportState.SUBMITTED: ObligationState.SUBMITTED,
            ReportState.ACCEPTED: ObligationState.ACCEPTED,
            ReportState.RETURNED: ObligationState.RETURNED,
        }[ReportState(state)]
        obligation.first_submitted_at = obligation.first_submitted_at or now
        if state == ReportState.ACCEPTED:
            obligation.accepted_at = now
        obligation.save()
    return report
