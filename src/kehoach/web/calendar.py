"""A unit's calendar: the phases of the issued plans it works on, its deadlines and report
periods, and the commemorative days (with their round anniversaries) plans are tied to.

``events`` is what the pages and the API show a signed-in person; ``ical`` is the same for
a unit as an iCalendar feed (RFC 5545) that a phone or a mail program subscribes to.

What "concerning the unit" means:

* issued plans in the unit's own library (the department that issued them): their phases,
  their stated deadlines, and the deadlines of all the units they assigned, gathered per
  date ("Hạn 12 đơn vị nộp báo cáo 6 tháng đầu năm 2016");
* issued plans that gave the unit work: their phases, the unit's task due dates, its report
  due dates and report periods;
* every commemorative day of the dataset, with plans (of the two kinds above) whose title
  names that day's anniversary listed beside it.

Every event has a UID that depends only on what it is (the task, the phase's place in its
plan, the day and year), so a calendar program updates an event rather than duplicating it
when the feed is fetched again.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as ICalEvent

from kehoach.tracking.commemorations import KINDS as DAY_KINDS
from kehoach.tracking.commemorations import Anniversary, anniversaries, find_in_text

from . import access
from .models import Obligation, ObligationState, Plan, PlanStatus, Task, TaskState, Unit
from .wording import clip
from .wording import short_date as short

# The order events of one day are listed in: the day's meaning first, then the work.
KIND_ORDER = (
    "commemoration",
    "peak",
    "phase",
    "deadline",
    "collect",
    "obligation",
    "task",
    "period",
)

# The feed leaves report periods out: a six-month banner across every day of a phone's
# calendar hides everything else. The due dates carry the period in their text.
FEED_KINDS = frozenset(KIND_ORDER) - {"period"}

MAX_DAYS = 400  # the longest range a person may ask for at once (the feed spans 15 months)
TITLE_CHARS = 120


def kind_labels() -> dict[str, str]:
    """The text label of each kind of event (shown beside its colour)."""
    return {
        "commemoration": _("Ngày kỷ niệm"),
        "peak": _("Cao điểm"),
        "phase": _("Giai đoạn"),
        "deadline": _("Hạn của kế hoạch"),
        "collect": _("Hạn các đơn vị"),
        "obligation": _("Hạn báo cáo"),
        "task": _("Hạn nhiệm vụ"),
        "period": _("Kỳ báo cáo"),
    }


@dataclass(frozen=True)
class Event:
    """One entry of the calendar; ``end`` is the last day (inclusive)."""

    uid: str
    kind: str
    start: datetime.date
    end: datetime.date
    title: str
    detail: str = ""
    plan_id: int | None = None
    plan_ref: str = ""
    url: str = ""
    state: str = ""
    state_label: str = ""
    years: int | None = None
    level: str = ""
    holiday: bool = False
    day_key: str = ""
    day_kind: str = ""
    plans: tuple[str, ...] = field(default=())

    @property
    def kind_label(self) -> str:
        return kind_labels()[self.kind]

    @property
    def multi_day(self) -> bool:
        return self.end > self.start

    @property
    def years_label(self) -> str:
        return _("%(years)d năm") % {"years": self.years} if self.years else ""

    @property
    def day_kind_label(self) -> str:
        return DAY_KINDS.get(self.day_kind, "")

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "detail": self.detail,
            "plan_id": self.plan_id,
            "plan": self.plan_ref,
            "url": self.url,
            "state": self.state,
            "state_label": self.state_label,
            "years": self.years,
            "level": self.level,
            "holiday": self.holiday,
            "commemoration": self.day_key,
            "tied_plans": list(self.plans),
        }


# --- dates --------------------------------------------------------------------------------


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def month_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_bounds(datetime.date(year, month + 1, 1))[1].day
    return datetime.date(year, month + 1, min(day.day, last))


def feed_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """What a feed shows: the past three months and the next twelve."""
    return add_months(today, -3), add_months(today, 12)


# --- which plans ----------------------------------------------------------------------------


def _clip(text: str, limit: int = TITLE_CHARS) -> str:
    return clip(text, limit)


def _plan_name(plan: Plan) -> str:
    reference = plan.reference
    doc = (plan.doc_type or _("Kế hoạch")).capitalize()
    return f"{doc} {reference}" if reference else doc


def plans_concerning(unit: Unit) -> QuerySet[Plan]:
    """Issued plans in the unit's library or giving the unit work."""
    worked = Q(pk__in=Task.objects.filter(unit=unit).values("plan_id")) | Q(
        pk__in=Obligation.objects.filter(unit=unit).values("plan_id")
    )
    return Plan.objects.filter(status=PlanStatus.ISSUED).filter(Q(owner=unit) | worked)


class _Builder:
    """Collects one unit's events for a range; ``readable`` says which plans may be linked."""

    def __init__(
        self,
        unit: Unit,
        start: datetime.date,
        end: datetime.date,
        readable: set[int],
    ) -> None:
        self.unit = unit
        self.start = start
        self.end = end
        self.readable = readable
        self.out: list[Event] = []

    def uid(self, base: str) -> str:
        # The unit is part of the UID: the same commemorative day in two units' feeds, both
        # subscribed on one phone, stays two events.
        return f"{base}.{self.unit.code}@kehoach"

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return start <= self.end and end >= self.start

    def calendar_url(self, day: datetime.date) -> str:
        return (
            reverse("kehoach:calendar")
            + f"?unit={self.unit.code}&month={day.year:04d}-{day.month:02d}"
        )

    def plan_url(self, plan: Plan, day: datetime.date) -> str:
        if plan.pk in self.readable:
            return reverse("kehoach:plan-detail", args=[plan.pk])
        return self.calendar_url(day)

    def add(self, event: Event) -> None:
        self.out.append(event)

    def phases(self, plan: Plan) -> None:
        for index, phase in enumerate((plan.data or {}).get("phases") or []):
            if not isinstance(phase, dict):
                continue
            start, end = _date(phase.get("start")), _date(phase.get("end"))
            if start is None and end is None:
                continue
            label = " ".join(str(phase.get("label") or "").split()) or _("Giai đoạn")
            open_end = end is None
            start = start or end
            end = end or start
            assert start is not None and end is not None
            if end < start:
                start, end = end, start
            if not self.overlaps(start, end):
                continue
            peak = bool(phase.get("peak"))
            when = f"{short(start)} – {short(end)}" if end > start else short(start)
            if open_end:
                when = _("từ %(date)s") % {"date": short(start)}
            self.add(
                Event(
                    uid=self.uid(f"phase-{plan.pk}-{index}"),
                    kind="peak" if peak else "phase",
                    start=start,
                    end=end,
                    title=_clip(label),
                    detail=f"{_plan_name(plan)}: {_clip(plan.title, 200)} ({when})",
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, start),
                )
            )

    def deadlines(self, plan: Plan) -> None:
        for index, deadline in enumerate((plan.data or {}).get("deadlines") or []):
            if not isinstance(deadline, dict):
                continue
            day = _date(deadline.get("date"))
            if day is None or not self.overlaps(day, day):
                continue
            what = _clip(str(deadline.get("what") or _("Hạn của kế hoạch")))
            who = str(deadline.get("unit") or "").strip()
            self.add(
                Event(
                    uid=self.uid(f"deadline-{plan.pk}-{index}"),
                    kind="deadline",
                    start=day,
                    end=day,
                    title=what,
                    detail=f"{_plan_name(plan)}" + (f" — {who}" if who else ""),
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, day),
                )
            )

    def tasks(self, plans: dict[int, Plan]) -> None:
        rows = Task.objects.filter(
            unit=self.unit, plan_id__in=plans, due_date__range=(self.start, self.end)
        ).order_by("due_date", "pk")
        for task in rows:
            plan = plans[task.plan_id]
            assert task.due_date is not None
            self.add(
                Event(
                    uid=self.uid(f"task-{task.pk}"),
                    kind="task",
                    start=task.due_date,
                    end=task.due_date,
                    title=_clip(task.text),
                    detail=_plan_name(plan),
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, task.due_date),
                    state=task.state,
                    state_label=str(TaskState(task.state).label),
                )
            )

    def obligations(self, plans: dict[int, Plan]) -> None:
        mine = Obligation.objects.filter(unit=self.unit, plan_id__in=plans)
        for row in mine.filter(due_date__range=(self.start, self.end)).order_by("due_date", "pk"):
            plan = plans[row.plan_id]
            self.add(
                Event(
                    uid=self.uid(f"obligation-{row.pk}"),
                    kind="obligation",
                    start=row.due_date,
                    end=row.due_date,
                    title=_("Hạn nộp báo cáo %(period)s") % {"period": row.label},
                    detail=_("%(plan)s — kỳ báo cáo từ %(start)s đến %(end)s")
                    % {
                        "plan": _plan_name(plan),
                        "start": short(row.period_start),
                        "end": short(row.period_end),
                    },
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, row.due_date),
                    state=row.state,
                    state_label=str(ObligationState(row.state).label),
                )
            )
        periods = mine.filter(period_start__lte=self.end, period_end__gte=self.start)
        for row in periods.order_by("period_start", "pk"):
            plan = plans[row.plan_id]
            self.add(
                Event(
                    uid=self.uid(f"period-{row.pk}"),
                    kind="period",
                    start=row.period_start,
                    end=row.period_end,
                    title=_("Kỳ báo cáo %(period)s") % {"period": row.label},
                    detail=_("%(plan)s — hạn nộp %(due)s")
                    % {"plan": _plan_name(plan), "due": short(row.due_date)},
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, row.period_start),
                    state=row.state,
                    state_label=str(ObligationState(row.state).label),
                )
            )

    def collected(self, owned: dict[int, Plan]) -> None:
        """The department's side: when the units it assigned owe their work, per date."""
        if not owned:
            return
        reports = (
            Obligation.objects.filter(plan_id__in=owned, due_date__range=(self.start, self.end))
            .exclude(unit=self.unit)
            .values("plan_id", "due_date", "frequency", "label")
            .annotate(
                units=Count("unit", distinct=True),
                done=Count(
                    "pk",
                    filter=Q(state__in=[ObligationState.SUBMITTED, ObligationState.ACCEPTED]),
                ),
            )
            .order_by("due_date", "plan_id", "label")
        )
        for row in reports:
            plan = owned[row["plan_id"]]
            due = row["due_date"]
            self.add(
                Event(
                    uid=self.uid(f"collect-{plan.pk}-{due.isoformat()}-{row['frequency']}"),
                    kind="collect",
                    start=due,
                    end=due,
                    title=_("Hạn %(units)d đơn vị nộp báo cáo %(period)s")
                    % {"units": row["units"], "period": row["label"]},
                    detail=_("%(plan)s — đã nộp %(done)d/%(units)d")
                    % {"plan": _plan_name(plan), "done": row["done"], "units": row["units"]},
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, due),
                )
            )
        tasks = (
            Task.objects.filter(plan_id__in=owned, due_date__range=(self.start, self.end))
            .exclude(unit=self.unit)
            .values("plan_id", "due_date")
            .annotate(
                units=Count("unit", distinct=True),
                done=Count("pk", filter=Q(state=TaskState.DONE)),
                total=Count("pk"),
            )
            .order_by("due_date", "plan_id")
        )
        for row in tasks:
            plan = owned[row["plan_id"]]
            due = row["due_date"]
            self.add(
                Event(
                    uid=self.uid(f"tasks-{plan.pk}-{due.isoformat()}"),
                    kind="collect",
                    start=due,
                    end=due,
                    title=_("Hạn nhiệm vụ của %(units)d đơn vị") % {"units": row["units"]},
                    detail=_("%(plan)s — hoàn thành %(done)d/%(total)d nhiệm vụ")
                    % {"plan": _plan_name(plan), "done": row["done"], "total": row["total"]},
                    plan_id=plan.pk,
                    plan_ref=plan.reference,
                    url=self.plan_url(plan, due),
                )
            )

    def commemorations(self, plans: Iterable[Plan]) -> None:
        tied: dict[tuple[str, int], list[str]] = defaultdict(list)
        for plan in plans:
            for mention in find_in_text(plan.title or ""):
                if mention.year is not None:
                    key = (mention.commemoration.key, mention.year)
                    tied[key].append(plan.reference or _clip(plan.title, 60))
        for day in anniversaries(self.start, self.end):
            entry = day.commemoration
            names = tuple(tied.get((entry.key, day.date.year), ()))
            self.add(self._anniversary(day, names))

    def _anniversary(self, day: Anniversary, plans: tuple[str, ...]) -> Event:
        entry = day.commemoration
        lines = [entry.name, _("Căn cứ: %(source)s") % {"source": entry.source}]
        if entry.scope:
            lines.append(_("Kỷ niệm tại: %(scope)s") % {"scope": entry.scope})
        if plans:
            lines.append(_("Kế hoạch gắn với ngày này: %(plans)s") % {"plans": ", ".join(plans)})
        return Event(
            uid=self.uid(f"commemoration-{entry.key}-{day.date.year}"),
            kind="commemoration",
            start=day.date,
            end=day.date,
            title=day.label + (f" ({entry.scope})" if entry.scope else ""),
            detail="\n".join(lines),
            url=self.calendar_url(day.date),
            years=day.years,
            level=day.level,
            holiday=entry.holiday,
            day_key=entry.key,
            day_kind=entry.kind,
            plans=plans,
        )

    def build(self) -> list[Event]:
        plans = list(
            plans_concerning(self.unit)
            .select_related("owner")
            .defer("source_text", "search_text", "findings")
            .order_by("date", "pk")
        )
        by_id = {p.pk: p for p in plans}
        owned = {p.pk: p for p in plans if p.owner_id == self.unit.pk}
        for plan in plans:
            self.phases(plan)
            if plan.pk in owned:
                self.deadlines(plan)
        self.tasks(by_id)
        self.obligations(by_id)
        self.collected(owned)
        self.commemorations(plans)
        order = {kind: i for i, kind in enumerate(KIND_ORDER)}
        self.out.sort(key=lambda e: (e.start, order[e.kind], e.end, e.title))
        return self.out


def _check_range(start: datetime.date, end: datetime.date, *, limit: int | None = None) -> None:
    if end < start:
        raise ValueError(_("Ngày kết thúc phải sau ngày bắt đầu."))
    if limit is not None and (end - start).days > limit:
        raise ValueError(
            _("Khoảng thời gian quá dài: tối đa %(days)d ngày mỗi lần.") % {"days": limit}
        )


def unit_events(
    unit: Unit,
    start: datetime.date,
    end: datetime.date,
    *,
    readable: set[int] | None = None,
) -> list[Event]:
    """Everything concerning ``unit`` from ``start`` to ``end`` (no access check: the
    caller decided the unit may be seen). ``readable``: plan ids to link to; by default
    the plans the unit's own members can open (those in its subtree's libraries)."""
    _check_range(start, end)
    if readable is None:
        readable = set(
            plans_concerning(unit)
            .filter(owner__path__startswith=unit.path)
            .values_list("pk", flat=True)
        )
    return _Builder(unit, start, end, readable).build()


def events(user: Any, unit: Unit, start: datetime.date, end: datetime.date) -> list[Event]:
    """The calendar of ``unit`` as ``user`` may see it: a unit outside the person's reach
    does not exist for them (404). Raises ``ValueError`` (a Vietnamese message) for a range
    that ends before it starts or is longer than ``MAX_DAYS``."""
    if not access.visible_units(user).filter(pk=unit.pk).exists():
        raise Http404
    _check_range(start, end, limit=MAX_DAYS)
    concerning = plans_concerning(unit).values("pk")
    readable = set(
        access.visible_plans(user).filter(pk__in=concerning).values_list("pk", flat=True)
    )
    return unit_events(unit, start, end, readable=readable)


# --- iCalendar --------------------------------------------------------------------------------


def site_url(path: str) -> str:
    return settings.KEHOACH_SITE_URL.rstrip("/") + path


def feed_name(unit: Unit) -> str:
    return _("Lịch công tác — %(unit)s") % {"unit": unit.name}


def ical(
    unit: Unit,
    start: datetime.date,
    end: datetime.date,
    *,
    now: datetime.datetime | None = None,
) -> bytes:
    """The unit's calendar as an iCalendar file: all-day events, stable UIDs, each with its
    plan and a link back to the site."""
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//kehoach//Lịch công tác//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", feed_name(unit))
    cal.add("x-wr-caldesc", _("Giai đoạn, hạn nhiệm vụ, hạn báo cáo và ngày kỷ niệm"))
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("x-published-ttl", "PT6H")
    cal.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for event in unit_events(unit, start, end):
        if event.kind not in FEED_KINDS:
            continue
        cal.add_component(_vevent(event, now))
    return cal.to_ical()


def _vevent(event: Event, now: datetime.datetime) -> ICalEvent:
    item = ICalEvent()
    item.add("uid", event.uid)
    item.add("dtstamp", now)
    item.add("dtstart", event.start)
    item.add("dtend", event.end + datetime.timedelta(days=1))  # DTEND of a date is exclusive
    summary = event.title
    if event.kind != "commemoration":
        summary = f"{event.kind_label}: {event.title}"
    item.add("summary", summary)
    lines = [event.detail] if event.detail else []
    if event.state_label:
        lines.append(_("Trạng thái: %(state)s") % {"state": event.state_label})
    if event.url:
        lines.append(site_url(event.url))
    item.add("description", "\n".join(lines))
    if event.url:
        item.add("url", site_url(event.url))
    categories = [event.kind_label]
    if event.level:
        categories.append(_("Kỷ niệm tròn năm"))
    item.add("categories", categories)
    item.add("transp", "TRANSPARENT")  # an all-day reminder, not a busy day
    return item
