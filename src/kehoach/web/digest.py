"""The weekly digest to the department that issued plans: what is late, what waits for its
review, what falls due in the coming week.

One digest per issuing unit per ISO week (Monday to Sunday), sent by the first run of the
week — on Monday under ``kehoach serve``, later in the week if the worker was down. The
``Digest`` row (unique per unit and week) and the notifications are written in one
transaction before the e-mails go out, so a second run, a restart or a second worker never
sends the week's digest twice.

Recipients: the administrators of the issuing unit (its own staff and the department
officers whose scope it is) and its leaders. A week with nothing late, nothing to review and
nothing coming due sends nothing (the week is still recorded as done).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    Digest,
    Obligation,
    ObligationState,
    Plan,
    PlanStatus,
    Role,
    Task,
    TaskState,
    Unit,
)
from .notify import notify, people_of
from .reminders import OPEN_OBLIGATION, shorten
from .wording import plan_name, short_date

# Rows listed per section of a plan; the rest is counted ("… và 40 mục khác") and the plan's
# page has them all.
LIST_LIMIT = 15
AHEAD_DAYS = 7
RECIPIENT_ROLES = (Role.ADMIN, Role.LEADER)


@dataclass(frozen=True)
class SentDigest:
    unit: str
    week_start: dt.date
    recipients: int
    text: str


@dataclass
class DigestSummary:
    week_start: dt.date
    dry_run: bool = False
    sent: list[SentDigest] = field(default_factory=list)
    already_sent: int = 0
    # Departments whose week had nothing to report (recorded, nothing sent).
    quiet: int = 0


@dataclass
class _Section:
    total: int = 0
    lines: list[tuple[dt.date, str]] = field(default_factory=list)


@dataclass
class _PlanDigest:
    plan: Plan
    overdue: _Section = field(default_factory=_Section)
    review: _Section = field(default_factory=_Section)
    ahead: _Section = field(default_factory=_Section)

    @property
    def empty(self) -> bool:
        return not (self.overdue.total or self.review.total or self.ahead.total)


def week_start(today: dt.date) -> dt.date:
    """The Monday of ``today``'s ISO week."""
    return today - dt.timedelta(days=today.weekday())


def send_digests(
    today: dt.date,
    *,
    dry_run: bool = False,
    on_sent: Callable[[SentDigest], None] | None = None,
) -> DigestSummary:
    """Send this week's digest to every issuing unit that has not had it yet."""
    monday = week_start(today)
    summary = DigestSummary(week_start=monday, dry_run=dry_run)
    done = set(Digest.objects.filter(week_start=monday).values_list("unit_id", flat=True))
    owners = Unit.objects.filter(plans__status=PlanStatus.ISSUED).distinct().order_by("path")
    for owner in owners:
        if owner.pk in done:
            summary.already_sent += 1
            continue
        with translation.override(settings.LANGUAGE_CODE):
            plans = [p for p in plan_digests(owner, today) if not p.empty]
            subject, text = digest_text(owner, plans, today) if plans else ("", "")
        people = list(people_of(owner, RECIPIENT_ROLES)) if plans else []
        if not dry_run and not _record_and_notify(owner, monday, people, subject, text, plans):
            summary.already_sent += 1
            continue
        if not plans:
            summary.quiet += 1
            continue
        sent = SentDigest(owner.name, monday, len(people), text)
        summary.sent.append(sent)
        if on_sent is not None:
            on_sent(sent)
    return summary


def _record_and_notify(
    owner: Unit,
    monday: dt.date,
    people: list[Any],
    subject: str,
    text: str,
    plans: list[_PlanDigest],
) -> bool:
    try:
        with transaction.atomic():
            Digest.objects.create(unit=owner, week_start=monday, recipients=len(people))
            if people:
                url = (
                    reverse("kehoach:plan-detail", args=[plans[0].plan.pk])
                    if len(plans) == 1
                    else reverse("kehoach:plan-list")
                )
                notify(people, text, url, subject=subject)
    except IntegrityError:
        return False
    return True


def plan_digests(owner: Unit, today: dt.date) -> list[_PlanDigest]:
    """Per issued plan of ``owner``: its overdue work, reports waiting for review and work
    due in the next week. Counts come from grouped queries; rows are read only for the
    first ``LIST_LIMIT`` of each section."""
    plans = list(
        Plan.objects.filter(owner=owner, status=PlanStatus.ISSUED).order_by("-date", "-id")
    )
    if not plans:
        return []
    by_id = {p.pk: _PlanDigest(p) for p in plans}
    ahead_until = today + dt.timedelta(days=AHEAD_DAYS)
    open_obligations = Obligation.objects.filter(plan__in=plans, state__in=OPEN_OBLIGATION)
    open_tasks = Task.objects.filter(plan__in=plans, state=TaskState.OPEN, due_date__isnull=False)
    sections: list[tuple[str, QuerySet[Any], QuerySet[Any]]] = [
        (
            "overdue",
            open_obligations.filter(due_date__lt=today),
            open_tasks.filter(due_date__lt=today),
        ),
        (
            "review",
            Obligation.objects.filter(plan__in=plans, state=ObligationState.SUBMITTED),
            Task.objects.none(),
        ),
        (
            "ahead",
            open_obligations.filter(due_date__gte=today, due_date__lte=ahead_until),
            open_tasks.filter(due_date__gte=today, due_date__lte=ahead_until),
        ),
    ]
    for name, obligations, tasks in sections:
        for rows in (obligations, tasks):
            grouped = rows.order_by().values("plan_id").annotate(n=Count("id"))
            counts = dict(grouped.values_list("plan_id", "n"))
            for plan_id, total in counts.items():
                section: _Section = getattr(by_id[plan_id], name)
                section.total += total
                shown = rows.filter(plan_id=plan_id).select_related("unit")
                for row in shown.order_by("due_date", "unit__path", "pk")[:LIST_LIMIT]:
                    section.lines.append((row.due_date, _line(name, row, today)))
    for digest in by_id.values():
        for section in (digest.overdue, digest.review, digest.ahead):
            section.lines = sorted(section.lines, key=lambda line: line[0])[:LIST_LIMIT]
    return list(by_id.values())


def _line(section: str, row: Obligation | Task, today: dt.date) -> str:
    if isinstance(row, Obligation):
        what = _("báo cáo “%(label)s”") % {"label": row.label}
    else:
        what = _("nhiệm vụ “%(text)s”") % {"text": shorten(row.text, 80)}
    due = row.due_date
    assert due is not None
    values = {"unit": row.unit.name, "what": what, "due": short_date(due)}
    if section == "overdue":
        values["days"] = (today - due).days
        return _("%(unit)s: %(what)s, hạn %(due)s, quá %(days)s ngày") % values
    if section == "review":
        submitted = getattr(row, "first_submitted_at", None)
        if submitted is not None:
            values["submitted"] = short_date(submitted.date())
            return _("%(unit)s: %(what)s, nộp %(submitted)s") % values
        return _("%(unit)s: %(what)s") % values
    return _("%(unit)s: %(what)s, hạn %(due)s") % values


def digest_text(owner: Unit, plans: list[_PlanDigest], today: dt.date) -> tuple[str, str]:
    """The digest's subject and text. The text's first line is its summary (what the
    notifications page shows before "Xem chi tiết")."""
    monday = week_start(today)
    overdue = sum(p.overdue.total for p in plans)
    review = sum(p.review.total for p in plans)
    ahead = sum(p.ahead.total for p in plans)
    values = {
        "start": short_date(monday),
        "end": short_date(monday + dt.timedelta(days=6)),
        "unit": owner.name,
        "overdue": overdue,
        "review": review,
        "ahead": ahead,
        "today": short_date(today),
    }
    subject = _("Tổng hợp tuần %(start)s – %(end)s: kế hoạch của %(unit)s") % values
    lines = [
        _(
            "Tổng hợp tuần %(start)s – %(end)s, kế hoạch của %(unit)s: %(overdue)s việc quá "
            "hạn, %(review)s báo cáo chờ duyệt, %(ahead)s việc đến hạn trong 7 ngày tới."
        )
        % values,
        _("Tình hình đến ngày %(today)s.") % values,
    ]
    site = getattr(settings, "KEHOACH_SITE_URL", "").rstrip("/")
    for digest in plans:
        lines += ["", f"{plan_name(digest.plan)} — {shorten(digest.plan.title, 120)}"]
        for title, section in (
            (_("Quá hạn"), digest.overdue),
            (_("Chờ duyệt"), digest.review),
            (_("Đến hạn trong 7 ngày tới"), digest.ahead),
        ):
            if not section.total:
                continue
            lines.append(f"{title} ({section.total}):")
            lines += [f"  - {line}" for _due, line in section.lines]
            if section.total > len(section.lines):
                more = section.total - len(section.lines)
                lines.append("  " + _("… và %(count)s mục khác") % {"count": more})
        if len(plans) > 1:  # one plan: the notification's own link is the plan's page
            url = site + reverse("kehoach:plan-detail", args=[digest.plan.pk])
            lines.append(_("Xem: %(url)s") % {"url": url})
    return subject, "\n".join(lines)
