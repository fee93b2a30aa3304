"""Reminders to units: before a task or a report is due, and while it is overdue.

Run by the task worker (``tasks.send_due_notices``, hourly under ``kehoach serve``) or by
``python -m kehoach.web remind`` from cron. Every run looks at the open work of issued plans
and works out, for each item, the one reminder that is due *today*:

* **before** — on the days ``settings.KEHOACH_REMINDER_DAYS`` (default 7, 3 and 1) before the
  due date. The reminder due is the most urgent threshold already reached: with 7, 3, 1 and
  two days left, that is the 3-day one. A worker that was down on day −3 and runs on day −2
  sends the 3-day reminder ("Còn 2 ngày …") once, and never the 7-day one afterwards: a
  stale "7 days left" would only mislead. On the due day itself the 1-day reminder is still
  sent if it was missed.
* **overdue** — from the day after the due date, once a week while the work stays open:
  on days +1, +8, +15 and +22 (``OVERDUE_REPEATS`` notices), then the weekly digest to the
  department carries it. A worker down on day +1 sends the first one when it comes back;
  one that comes back on day +10 sends the second (week 2) only.

Idempotence: each reminder has a unique key ("obligation:12:2016-06-15:before-3"). Its
``Reminder`` row and the recipients' notifications are written in one transaction, and
the e-mails go out only after it commits (``notify``). A second run, a restarted worker or
two workers at once find the key taken (the unique constraint, not a prior read, decides)
and skip it; a run that crashes mid-way rolls back the reminder in hand, which is then sent
by the next run. The due date is part of the key, so moving a deadline re-arms the
reminders for the new date. The price of "never twice" is "at most once": a process killed
between the commit and the mail server loses that e-mail (the in-app notification stays).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import (
    Obligation,
    ObligationState,
    Plan,
    PlanStatus,
    Reminder,
    ReminderKind,
    Task,
    TaskState,
    Unit,
)
from .notify import notify, people_of
from .wording import clip, plan_name, short_date

# Overdue work is re-announced weekly this many times (days +1, +8, +15, +22); after that
# only the department's weekly digest lists it, so a forgotten plan does not mail forever.
OVERDUE_REPEATS = 4

OPEN_OBLIGATION = (ObligationState.PENDING, ObligationState.RETURNED)

_KEY_CHUNK = 500


@dataclass(frozen=True)
class SentReminder:
    key: str
    kind: str
    unit: str
    text: str
    url: str
    recipients: int


@dataclass
class Summary:
    """What one run did: the reminders sent (or, in a dry run, that would be sent) and how
    many were due but already sent by an earlier run."""

    today: dt.date
    dry_run: bool = False
    sent: list[SentReminder] = field(default_factory=list)
    already_sent: int = 0


@dataclass(frozen=True)
class _Due:
    """One open piece of work and the reminder due for it today."""

    key: str
    kind: str
    days: int
    text: str
    url: str
    unit: Unit
    task: Task | None
    obligation: Obligation | None


def reminder_days(value: Any = None) -> list[int]:
    """The days before a due date that get a reminder, most distant first: from
    ``settings.KEHOACH_REMINDER_DAYS`` ("7,3,1" or a list of numbers)."""
    raw = settings.KEHOACH_REMINDER_DAYS if value is None else value
    parts: Iterable[Any] = raw.replace(";", ",").split(",") if isinstance(raw, str) else raw
    days = set()
    for part in parts:
        text = str(part).strip()
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            number = -1
        if number < 0 or number > 366:
            raise ImproperlyConfigured(
                f"KEHOACH_REMINDER_DAYS={raw!r}: cần các số ngày từ 0 đến 366, cách nhau bởi "
                "dấu phẩy (expected comma-separated day counts)."
            )
        days.add(number)
    return sorted(days, reverse=True)


def due_step(due: dt.date, today: dt.date, days: Sequence[int]) -> tuple[str, int] | None:
    """The reminder due today for work due on ``due``: ("before", threshold) or
    ("overdue", n-th weekly notice); None when nothing is due."""
    left = (due - today).days
    if left >= 0:
        reached = [n for n in days if n >= left]
        return (ReminderKind.BEFORE, min(reached)) if reached else None
    repeat = (-left - 1) // 7 + 1
    return (ReminderKind.OVERDUE, repeat) if repeat <= OVERDUE_REPEATS else None


def send_reminders(
    today: dt.date,
    *,
    dry_run: bool = False,
    on_sent: Callable[[SentReminder], None] | None = None,
) -> Summary:
    """Send every reminder due on ``today`` that was not sent before. ``on_sent`` is called
    after each one is committed (the command prints them as they go)."""
    days = reminder_days()
    summary = Summary(today=today, dry_run=dry_run)
    with translation.override(settings.LANGUAGE_CODE):
        items = list(_due_today(today, days))
    sent_before = _existing_keys([item.key for item in items])
    recipients: dict[int, list[Any]] = {}
    for item in items:
        if item.key in sent_before:
            summary.already_sent += 1
            continue
        if item.unit.pk not in recipients:
            recipients[item.unit.pk] = list(people_of(item.unit))
        people = recipients[item.unit.pk]
        if not dry_run and not _record_and_notify(item, people):
            summary.already_sent += 1  # another worker got there between our read and write
            continue
        done = SentReminder(item.key, item.kind, item.unit.name, item.text, item.url, len(people))
        summary.sent.append(done)
        if on_sent is not None:
            on_sent(done)
    return summary


def _record_and_notify(item: _Due, people: list[Any]) -> bool:
    """Write the reminder and its notifications in one transaction (e-mail follows the
    commit); False when its key is already taken."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                key=item.key,
                kind=item.kind,
                days=item.days,
                task=item.task,
                obligation=item.obligation,
                recipients=len(people),
            )
            if people:
                notify(people, item.text, item.url)
    except IntegrityError:
        return False
    return True


def _existing_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        found.update(Reminder.objects.filter(key__in=chunk).values_list("key", flat=True))
    return found


def _window(today: dt.date, days: Sequence[int]) -> tuple[dt.date, dt.date]:
    """Due dates that can have a reminder today: up to the farthest threshold ahead, back to
    the last weekly overdue notice."""
    return today - dt.timedelta(days=7 * OVERDUE_REPEATS), today + dt.timedelta(
        days=max(days, default=0)
    )


def _due_today(today: dt.date, days: Sequence[int]) -> Iterator[_Due]:
    oldest, horizon = _window(today, days)
    tasks = (
        Task.objects.filter(
            plan__status=PlanStatus.ISSUED,
            state=TaskState.OPEN,
            due_date__gte=oldest,
            due_date__lte=horizon,
        )
        .select_related("plan", "unit")
        .order_by("due_date", "pk")
    )
    for task in tasks:
        assert task.due_date is not None
        step = due_step(task.due_date, today, days)
        if step is not None:
            yield _task_item(task, step, today)
    obligations = (
        Obligation.objects.filter(
            plan__status=PlanStatus.ISSUED,
            state__in=OPEN_OBLIGATION,
            due_date__gte=oldest,
            due_date__lte=horizon,
        )
        .select_related("plan", "unit")
        .order_by("due_date", "pk")
    )
    for obligation in obligations:
        step = due_step(obligation.due_date, today, days)
        if step is not None:
            yield _obligation_item(obligation, step, today)


def _key(kind: str, pk: int, due: dt.date, step: tuple[str, int]) -> str:
    return f"{kind}:{pk}:{due.isoformat()}:{step[0]}-{step[1]}"


def _task_item(task: Task, step: tuple[str, int], today: dt.date) -> _Due:
    assert task.due_date is not None
    what = _("nhiệm vụ “%(text)s”") % {"text": shorten(task.text)}
    return _Due(
        key=_key("task", task.pk, task.due_date, step),
        kind=step[0],
        days=_days(task.due_date, today),
        text=reminder_text(what, task.plan, task.due_date, today),
        url=link("kehoach:task-detail", task.pk),
        unit=task.unit,
        task=task,
        obligation=None,
    )


def _obligation_item(obligation: Obligation, step: tuple[str, int], today: dt.date) -> _Due:
    what = _("báo cáo “%(label)s”") % {"label": obligation.label}
    return _Due(
        key=_key("obligation", obligation.pk, obligation.due_date, step),
        kind=step[0],
        days=_days(obligation.due_date, today),
        text=reminder_text(what, obligation.plan, obligation.due_date, today),
        url=link("kehoach:report-edit", obligation.pk),
        unit=obligation.unit,
        task=None,
        obligation=obligation,
    )


def _days(due: dt.date, today: dt.date) -> int:
    """Days left (before) or days late (overdue), as stored on the reminder."""
    return abs((due - today).days)


def reminder_text(what: str, plan: Plan, due: dt.date, today: dt.date) -> str:
    """ "Còn 3 ngày đến hạn báo cáo “6 tháng đầu năm 2016” — Kế hoạch số 17-KH/QU"."""
    left = (due - today).days
    values = {"what": what, "plan": plan_name(plan), "days": abs(left), "due": short_date(due)}
    if left > 0:
        return _("Còn %(days)s ngày đến hạn %(what)s — %(plan)s") % values
    if left == 0:
        return _("Hôm nay là hạn %(what)s — %(plan)s") % values
    return _("Quá hạn %(days)s ngày (hạn %(due)s): %(what)s — %(plan)s") % values


def shorten(text: str, limit: int = 100) -> str:
    return clip(text, limit)


def link(name: str, pk: int) -> str:
    """The page a reminder points to; "" while that page does not exist."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""
