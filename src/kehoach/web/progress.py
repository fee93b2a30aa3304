"""The department's view of an issued plan: who has reported, what the reports add up to.

Every figure is an aggregate computed by the database, so a plan issued to 3,300 communes
costs a handful of queries whatever its size:

* ``matrix`` — units × report periods. The column summaries are one GROUP BY; the units
  come in tree order from the obligations' (plan, unit) index; only the cells of the rows
  asked for (a page of the table, or all of it for Excel) are loaded, in one query, and the
  row summaries are counted from them.
* ``sums``, ``channel_totals``, ``unit_totals`` — the counted activities of the reports that
  count: per obligation, its latest ACCEPTED version (``reporting.latest_accepted``'s rule);
  drafts, reports waiting for review and returned ones never count, and an accepted report
  stays counted until its correction is itself accepted. Large plans keep these sums in the
  cache under a key that changes with every acceptance.
* ``progress_series`` — reports sent and accepted, cumulated day by day.
* ``late_and_missing`` — the units behind, with the periods concerned.

A cell is judged on the obligation's first submission (``first_submitted_at``, local day)
against its due date; ``today`` is a parameter so tests (and the synthesis) fix the day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, TruncDate
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kehoach.tracking.measures import CHANNEL_LABELS, all_measures

from . import access, stamps
from .models import (
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

# A cell's colour, from best to worst; the page and the Excel sheet name each in words.
KINDS = ("accepted", "submitted", "late", "returned", "missing", "pending")
# When a report came in, which partitions every column: on_time + late + missing + pending.
TIMINGS = ("on_time", "late", "missing", "pending")


def kind_labels() -> dict[str, str]:
    """The cells' states in words, in the active language (cached: a page labels a thousand
    cells)."""
    language = get_language() or ""
    found = _KIND_LABELS.get(language)
    if found is None:
        found = _KIND_LABELS[language] = _kind_labels()
    return found


_KIND_LABELS: dict[str, dict[str, str]] = {}


def _kind_labels() -> dict[str, str]:
    return {
        "accepted": _("Đã chấp nhận"),
        "submitted": _("Đã nộp, chờ duyệt"),
        "late": _("Nộp chậm"),
        "returned": _("Bị trả lại"),
        "missing": _("Quá hạn, chưa nộp"),
        "pending": _("Chưa đến hạn"),
    }


def timing_labels() -> dict[str, str]:
    return {
        "on_time": _("Đúng hạn"),
        "late": _("Chậm hạn"),
        "missing": _("Chưa nộp (quá hạn)"),
        "pending": _("Chưa đến hạn"),
    }


# --- who may look -----------------------------------------------------------------------


def get_plan_for_progress(user: Any, pk: Any) -> Plan:
    """The plan, for the department's pages: its administrators, and leaders and viewers
    who see it (read only). A unit's reporter never sees the other units' rows: 404."""
    plan = access.get_plan(user, pk)
    role = access.role_of(user)
    if role in (Role.LEADER, Role.VIEWER):
        return plan
    if role == Role.ADMIN and access.can_review(user, plan):
        return plan
    raise Http404


# --- the matrix -------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Counts of a column, a row or the whole plan. ``on_time + late + missing + pending``
    is ``total``; ``accepted``, ``submitted`` and ``returned`` are the review states of
    what was sent."""

    total: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    accepted: int = 0
    submitted: int = 0
    returned: int = 0

    @property
    def sent(self) -> int:
        return self.on_time + self.late

    @property
    def due(self) -> int:
        """Reports due by today, or sent already."""
        return self.total - self.pending

    def __add__(self, other: Summary) -> Summary:
        return Summary(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))


@dataclass(frozen=True)
class Column:
    """A report period: "6 tháng đầu năm 2016", due 15/6/2016."""

    key: str
    frequency: str
    label: str
    period_start: dt.date
    period_end: dt.date
    due: dt.date
    summary: Summary


@dataclass(frozen=True)
class Cell:
    obligation_id: int
    state: str  # ObligationState
    due: dt.date
    submitted_on: dt.date | None
    kind: str  # one of KINDS
    timing: str  # one of TIMINGS
    report_id: int | None = None  # the latest version the department can open

    @property
    def days_late(self) -> int:
        if self.submitted_on is None:
            return 0
        return max(0, (self.submitted_on - self.due).days)

    @property
    def label(self) -> str:
        """The cell in words, for the page (beside its colour), Excel and the API."""
        return self.text(kind_labels(), _("Nộp chậm %(days)d ngày"))

    def text(self, labels: dict[str, str], late: str) -> str:
        """``label`` with the words looked up once for a whole table."""
        if self.kind == "late":
            text = late % {"days": self.days_late}
            if self.state in (ObligationState.ACCEPTED, ObligationState.RETURNED):
                text += " · " + labels[self.state].lower()
            return text
        return labels[self.kind]


@dataclass
class Row:
    unit_id: int
    code: str
    name: str
    cells: list[Cell | None]
    summary: Summary


@dataclass
class Matrix:
    plan_id: int
    today: dt.date
    columns: list[Column]
    rows: list[Row]
    summary: Summary
    unit_count: int  # rows matching ``only``, before the page was cut
    offset: int = 0
    limit: int | None = None
    only: str = ""


def _classify(
    state: str, due: dt.date, submitted_on: dt.date | None, today: dt.date
) -> tuple[str, str]:
    if submitted_on is None:
        timing = "missing" if due < today else "pending"
    else:
        timing = "late" if submitted_on > due else "on_time"
    if state == ObligationState.RETURNED:
        kind = "returned"
    elif timing != "on_time":
        kind = timing
    elif state == ObligationState.ACCEPTED:
        kind = "accepted"
    else:
        kind = "submitted"
    return kind, timing


def _filters(today: dt.date) -> dict[str, Q]:
    """The conditions of each count, over obligations annotated with ``sent_on``."""
    unsent = Q(first_submitted_at__isnull=True)
    return {
        "on_time": Q(sent_on__lte=F("due_date")),
        "late": Q(sent_on__gt=F("due_date")),
        "missing": unsent & Q(due_date__lt=today),
        "pending": unsent & Q(due_date__gte=today),
        "accepted": Q(state=ObligationState.ACCEPTED),
        "submitted": Q(state=ObligationState.SUBMITTED),
        "returned": Q(state=ObligationState.RETURNED),
    }


@lru_cache(maxsize=4)
def _fixed_offset(zone_name: str) -> dt.timedelta | None:
    """The zone's offset from UTC when it never changes (Asia/Ho_Chi_Minh: +7 h), else None."""
    zone = ZoneInfo(zone_name)
    offsets = {
        dt.datetime(year, month, 1, tzinfo=zone).utcoffset()
        for year in range(2000, 2041)
        for month in (1, 7)
    }
    return offsets.pop() if len(offsets) == 1 else None


def local_day(name: str) -> Any:
    """The local calendar day of the moment stored in field ``name``.

    PostgreSQL's ``AT TIME ZONE`` costs about 0.4 µs a row, which is most of the time of a
    GROUP BY over the 70,000 obligations of a plan sent to every commune; for a zone with one
    fixed offset, the UTC moment plus the offset cast to a date is the same day, cheaply.
    """
    offset = _fixed_offset(settings.TIME_ZONE)
    if (
        offset is not None
        and connection.vendor == "postgresql"
        and connection.timezone_name == "UTC"
    ):
        moved = ExpressionWrapper(F(name) + Value(offset), output_field=DateTimeField())
        return Cast(moved, DateField())
    return TruncDate(name)


def _obligations(plan: Plan) -> QuerySet[Obligation]:
    # The local day of the first submission: what "on time" is judged on.
    return Obligation.objects.filter(plan=plan).annotate(sent_on=local_day("first_submitted_at"))


def _counts(today: dt.date) -> dict[str, Any]:
    return {
        "n_total": Count("id"),
        **{f"n_{name}": Count("id", filter=q) for name, q in _filters(today).items()},
    }


def _summary(values: dict[str, Any]) -> Summary:
    return Summary(**{f: int(values.get(f"n_{f}") or 0) for f in Summary.__dataclass_fields__})


def _column_key(frequency: str, start: dt.date) -> str:
    return f"{frequency}:{start.isoformat()}"


def columns(plan: Plan, today: dt.date) -> list[Column]:
    """The report periods of the plan, by due date, each with its summary (one query, kept
    for large plans until their work changes or the day does)."""
    return stamps.cached(
        plan,
        f"progress:columns:{today.isoformat()}",
        lambda: _columns(plan, today),
        worth=lambda found: sum(c.summary.total for c in found) >= CACHE_FROM,
    )


def _columns(plan: Plan, today: dt.date) -> list[Column]:
    rows = (
        _obligations(plan)
        .values("frequency", "period_start")
        .annotate(end=Max("period_end"), due=Min("due_date"), label=Min("label"), **_counts(today))
        .order_by("due", "period_start", "frequency")
    )
    return [
        Column(
            key=_column_key(r["frequency"], r["period_start"]),
            frequency=r["frequency"],
            label=r["label"],
            period_start=r["period_start"],
            period_end=r["end"],
            due=r["due"],
            summary=_summary(r),
        )
        for r in rows
    ]


ONLY = ("late", "missing", "returned", "behind")


def _summarise(cells: Iterable[Cell | None]) -> Summary:
    counts = dict.fromkeys(Summary.__dataclass_fields__, 0)
    for cell in cells:
        if cell is None:
            continue
        counts["total"] += 1
        counts[cell.timing] += 1
        if cell.state in ("accepted", "submitted", "returned"):
            counts[cell.state] += 1
    return Summary(**counts)


def _units_behind(plan: Plan, today: dt.date, only: str) -> list[tuple[int, str, str]]:
    """The units with a late, missing or returned report, in tree order: a GROUP BY on the
    obligations alone (HAVING the count asked for), then the units in tree order."""
    q = _filters(today)
    wanted = ("late", "missing") if only == "behind" else (only,)
    having = Q()
    for name in wanted:
        having |= Q(**{f"n_{name}__gt": 0})
    flagged = set(
        _obligations(plan)
        .values("unit_id")
        .annotate(**{f"n_{name}": Count("id", filter=q[name]) for name in wanted})
        .filter(having)
        .values_list("unit_id", flat=True)
    )
    return [unit for unit in plan_units(plan) if unit[0] in flagged]


def plan_units(plan: Plan) -> list[tuple[int, str, str]]:
    """(id, code, name) of the units with obligations, in tree order. The obligations are
    read from the (plan, unit) index only; the units are joined after."""

    def units() -> list[tuple[int, str, str]]:
        owing = Obligation.objects.filter(plan=plan).values("unit_id")
        found = Unit.objects.filter(pk__in=owing).order_by("path", "id")
        return list(found.values_list("id", "code", "name"))

    return stamps.cached(plan, "progress:units", units, worth=lambda found: len(found) >= 500)


def matrix(
    plan: Plan,
    today: dt.date,
    *,
    offset: int = 0,
    limit: int | None = None,
    only: str = "",
    links: bool = True,
) -> Matrix:
    """Units × report periods of ``plan`` on ``today``.

    Rows are the units with obligations, in tree order; ``only`` keeps the units with a
    late ("late"), missing ("missing"), returned ("returned") or late-or-missing ("behind")
    report; ``offset``/``limit`` cut a page of rows. Column and plan summaries count every
    unit; row summaries are counted from the row's cells. ``links`` adds to each sent cell
    the report the department can open. Four queries whatever the size: the columns, the
    units, the cells of the rows shown, their reports.
    """
    with stamps.reading():
        return _matrix(plan, today, offset=offset, limit=limit, only=only, links=links)


def _matrix(
    plan: Plan, today: dt.date, *, offset: int, limit: int | None, only: str, links: bool
) -> Matrix:
    cols = columns(plan, today)
    index = {c.key: i for i, c in enumerate(cols)}
    if only in ONLY:
        every = _units_behind(plan, today, only)
    else:
        only = ""
        every = plan_units(plan)
    page = every[offset : offset + limit if limit is not None else None]
    cells_of: dict[int, list[Cell | None]] = {u[0]: [None] * len(cols) for u in page}
    cells = _obligations(plan)
    if len(page) < len(every) or only:
        cells = cells.filter(unit_id__in=list(cells_of))
    for oid, unit_id, freq, start, due, state, sent_on in cells.values_list(
        "id", "unit_id", "frequency", "period_start", "due_date", "state", "sent_on"
    ):
        row = cells_of.get(unit_id)
        if row is not None:
            kind, timing = _classify(state, due, sent_on, today)
            row[index[_column_key(freq, start)]] = Cell(oid, state, due, sent_on, kind, timing)
    if links:
        reports = _report_ids(plan, list(cells_of) if len(page) < len(every) else None)
        for row in cells_of.values():
            for at, cell in enumerate(row):
                if cell is not None and cell.obligation_id in reports:
                    row[at] = _with_report(cell, reports[cell.obligation_id])
    rows = [
        Row(unit_id, code, name, cells_of[unit_id], _summarise(cells_of[unit_id]))
        for unit_id, code, name in page
    ]
    return Matrix(
        plan_id=plan.pk,
        today=today,
        columns=cols,
        rows=rows,
        summary=sum((c.summary for c in cols), Summary()),
        unit_count=len(every),
        offset=offset,
        limit=limit,
        only=only,
    )


def _with_report(cell: Cell, report_id: int) -> Cell:
    return Cell(
        cell.obligation_id,
        cell.state,
        cell.due,
        cell.submitted_on,
        cell.kind,
        cell.timing,
        report_id,
    )


def _report_ids(plan: Plan, unit_ids: Sequence[int] | None) -> dict[int, int]:
    """Per obligation, the latest version the department sees (never a draft)."""
    found: dict[int, tuple[int, int]] = {}
    rows = Report.objects.filter(plan=plan).exclude(state=ReportState.DRAFT)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    for oid, version, rid in rows.values_list("obligation_id", "version", "id"):
        if oid not in found or version > found[oid][0]:
            found[oid] = (version, rid)
    return {oid: rid for oid, (_, rid) in found.items()}


def summary(plan: Plan, today: dt.date) -> Summary:
    """The plan's counts in one query."""
    return _summary(_obligations(plan).aggregate(**_counts(today)))


# --- totals -----------------------------------------------------------------------------


class ChannelTotal(NamedTuple):
    channel: str
    measure: str
    label: str
    total: int


@dataclass(frozen=True)
class MeasureInfo:
    channel_label: str
    label: str
    unit_label: str
    order: int


def measure_info(channel: str, measure: str) -> MeasureInfo:
    """Vietnamese names of a measure; one outside the vocabulary keeps its key."""
    for order, m in enumerate(all_measures()):
        if (m.channel, m.key) == (channel, measure):
            return MeasureInfo(CHANNEL_LABELS[channel], m.label, m.unit_label, order)
    return MeasureInfo(CHANNEL_LABELS.get(channel, channel), measure, "", 10_000)


def counted_reports(plan: Plan) -> QuerySet[Report]:
    """The reports that count in totals and the synthesis (``reporting.latest_accepted``)."""
    from .reporting import latest_accepted  # reporting asks progress to refresh: no cycle

    return latest_accepted(plan=plan)


def _ordered(rows: Iterable[tuple[str, str, int]]) -> list[ChannelTotal]:
    out = []
    for channel, measure, total in rows:
        info = measure_info(channel, measure)
        out.append(
            (info.order, channel, measure, ChannelTotal(channel, measure, info.label, total))
        )
    return [t for *_, t in sorted(out)]


@dataclass(frozen=True)
class Sums:
    """The counted reports added up per unit: ``values[unit_id]["channel.measure"]`` and
    ``reports[unit_id]`` (how many reports count)."""

    values: dict[int, dict[str, int]]
    reports: dict[int, int]
    totals: dict[str, int]  # over the units above

    @classmethod
    def of(cls, values: dict[int, dict[str, int]], reports: dict[int, int]) -> Sums:
        totals: dict[str, int] = defaultdict(int)
        for per_unit in values.values():
            for key, value in per_unit.items():
                totals[key] += value
        return cls(values, reports, dict(totals))

    def channel_totals(self) -> list[ChannelTotal]:
        rows = []
        for key, total in self.totals.items():
            channel, _dot, measure = key.partition(".")
            rows.append((channel, measure, total))
        return _ordered(rows)


# Plans this large (accepted reports for the sums; obligations for the columns; reports sent
# for the series) keep what the pages add up in the cache, under the plan's work stamp
# (kehoach.web.stamps), which moves with every change to its obligations and reports:
# adding up 250,000 counts of a plan sent to every commune costs a few hundred milliseconds,
# and the department pages through its matrix.
CACHE_FROM = 2_000


def _count_rows(plan: Plan, unit_ids: Sequence[int] | None) -> QuerySet[ReportCount]:
    newer = Report.objects.filter(
        plan=plan,
        state=ReportState.ACCEPTED,
        obligation=OuterRef("report__obligation"),
        version__gt=OuterRef("report__version"),
    )
    rows = ReportCount.objects.filter(report__plan=plan, report__state=ReportState.ACCEPTED)
    if unit_ids is not None:
        rows = rows.filter(report__unit_id__in=list(unit_ids))
    return rows.exclude(Exists(newer))


def sums(plan: Plan, unit_ids: Sequence[int] | None = None) -> Sums:
    """The counted reports of ``plan`` (of ``unit_ids`` only, if given) added up per unit:
    two GROUP BY queries, or one small query when the cache holds them (large plans)."""
    key = None
    if unit_ids is None or len(unit_ids) > 0:
        mark = stamps.stamp(plan)
        if mark is not None:
            key = f"kehoach:progress:sums:{mark}"
            found = cache.get(key)
            if found is not None:
                return _only(found, unit_ids)
            accepted = Report.objects.filter(plan=plan, state=ReportState.ACCEPTED).count()
            if accepted < CACHE_FROM:
                key = None
    limit = None if key else unit_ids  # a cached result holds every unit
    counted = counted_reports(plan)
    if limit is not None:
        counted = counted.filter(unit_id__in=list(limit))
    reports = {
        unit_id: n
        for unit_id, n in counted.values_list("unit_id").annotate(n=Count("id")).order_by()
    }
    values: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        _count_rows(plan, limit)
        .values_list("report__unit_id", "channel", "measure")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for unit_id, channel, measure, total in rows:
        values[unit_id][f"{channel}.{measure}"] = int(total or 0)
    result = Sums.of(dict(values), reports)
    if key:
        cache.set(key, result, stamps.SECONDS)
    return _only(result, unit_ids)


def is_large(plan: Plan) -> bool:
    """Is ``plan`` big enough for its sums to be kept (and refreshed by the worker)?"""
    return Obligation.objects.filter(plan=plan).count() >= CACHE_FROM


def warm(plan: Plan, today: dt.date) -> None:
    """Put what the progress page adds up for a large plan into the cache now."""
    with stamps.reading():
        columns(plan, today)
        plan_units(plan)
        progress_series(plan)
        sums(plan)


def refresh_later(plan: Plan) -> None:
    """After the surrounding transaction commits, have the task worker warm a large plan's
    progress (its work stamp has just moved, so the cached copy is no longer used)."""
    from .tasks import refresh_progress

    if is_large(plan):
        transaction.on_commit(lambda: refresh_progress.enqueue(plan.pk))


def _only(found: Sums, unit_ids: Sequence[int] | None) -> Sums:
    if unit_ids is None:
        return found
    wanted = set(unit_ids)
    return Sums.of(
        {u: v for u, v in found.values.items() if u in wanted},
        {u: n for u, n in found.reports.items() if u in wanted},
    )


def channel_totals(plan: Plan) -> list[ChannelTotal]:
    """Each measure summed over the counted reports, in the vocabulary's order."""
    return sums(plan).channel_totals()


@dataclass
class UnitTotals:
    unit_id: int
    code: str
    name: str
    reports: int  # reports counted
    values: dict[str, int] = field(default_factory=dict)  # "channel.measure" → sum


def unit_totals(
    plan: Plan, unit_ids: Sequence[int] | None = None, *, found: Sums | None = None
) -> list[UnitTotals]:
    """Per unit with obligations (or those of ``unit_ids``), in tree order: reports counted
    and each measure's sum (``found``: sums already read)."""
    if unit_ids is None:
        units = plan_units(plan)
    else:
        units = list(
            Unit.objects.filter(pk__in=list(unit_ids))
            .order_by("path", "id")
            .values_list("id", "code", "name")
        )
    added = found if found is not None else sums(plan, unit_ids)
    return [
        UnitTotals(
            unit_id, code, name, added.reports.get(unit_id, 0), dict(added.values.get(unit_id, {}))
        )
        for unit_id, code, name in units
    ]


# --- over time ----------------------------------------------------------------------------


class SeriesPoint(NamedTuple):
    day: dt.date
    submitted: int
    accepted: int


def progress_series(plan: Plan) -> list[SeriesPoint]:
    """Reports sent (first submissions) and accepted (first acceptances), cumulated per
    local day: one point per day something happened (two queries, kept for large plans)."""
    return stamps.cached(
        plan,
        "progress:series",
        lambda: _series(plan),
        worth=lambda found: bool(found) and found[-1].submitted >= CACHE_FROM,
    )


def _series(plan: Plan) -> list[SeriesPoint]:
    sent = (
        Obligation.objects.filter(plan=plan, first_submitted_at__isnull=False)
        .annotate(day=local_day("first_submitted_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    accepted = (
        Obligation.objects.filter(plan=plan, accepted_at__isnull=False)
        .annotate(day=local_day("accepted_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_day: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for day, n in sent:
        per_day[day][0] += n
    for day, n in accepted:
        per_day[day][1] += n
    out: list[SeriesPoint] = []
    s = a = 0
    for day in sorted(per_day):
        s += per_day[day][0]
        a += per_day[day][1]
        out.append(SeriesPoint(day, s, a))
    return out


# --- the units behind ---------------------------------------------------------------------


@dataclass(frozen=True)
class Behind:
    """One late or missing report of a unit."""

    label: str
    due: dt.date
    submitted_on: dt.date | None

    @property
    def days_late(self) -> int:
        return (self.submitted_on - self.due).days if self.submitted_on else 0


@dataclass
class UnitBehind:
    unit_id: int
    code: str
    name: str
    late: list[Behind] = field(default_factory=list)
    missing: list[Behind] = field(default_factory=list)


def late_and_missing(plan: Plan, today: dt.date) -> list[UnitBehind]:
    """The units with a report sent after its due date or not sent although due, in tree
    order, each with the periods concerned (one query over those obligations only)."""
    q = _filters(today)
    rows = (
        _obligations(plan)
        .filter(q["late"] | q["missing"])
        .values_list("unit_id", "unit__code", "unit__name", "label", "due_date", "sent_on")
        .order_by("unit__path", "unit_id", "due_date", "period_start")
    )
    units: dict[int, UnitBehind] = {}
    for unit_id, code, name, label, due, sent_on in rows:
        unit = units.setdefault(unit_id, UnitBehind(unit_id, code, name))
        (unit.late if sent_on else unit.missing).append(Behind(label, due, sent_on))
    return list(units.values())


# --- tasks --------------------------------------------------------------------------------


def task_counts(plan: Plan) -> tuple[int, int]:
    """(tasks, tasks done) of the plan, one query."""
    found = Task.objects.filter(plan=plan).aggregate(
        n=Count("id"), done=Count("id", filter=Q(state=TaskState.DONE))
    )
    return int(found["n"] or 0), int(found["done"] or 0)


NOTABLE_MIN_CHARS = 40  # "Đã thực hiện." says nothing worth quoting
NOTABLE_FROM = 30  # the latest accepted reports the quotes are chosen from


def notable_narratives(plan: Plan, limit: int = 3) -> list[tuple[str, str, str]]:
    """(unit, period, narrative) quoted by the draft as examples, the officer keeps or
    deletes them: the fullest of the latest accepted reports. Only those few narratives are
    read; measuring every narrative of a plan sent to every commune took 0.3 s."""
    # Two steps: choosing among narrow rows keeps the narratives out of the sort.
    latest = list(
        counted_reports(plan)
        .order_by("-reviewed_at", "-id")
        .values_list("id", flat=True)[:NOTABLE_FROM]
    )
    rows = Report.objects.filter(pk__in=latest).values_list(
        "id", "unit__name", "obligation__label", "narrative"
    )
    order = {rid: i for i, rid in enumerate(latest)}
    found = [
        (len(n.strip()), order[rid], (u, p, n.strip()))
        for rid, u, p, n in rows
        if len(n.strip()) >= NOTABLE_MIN_CHARS
    ]
    return [item for *_, item in sorted(found, key=lambda f: (-f[0], f[1]))[:limit]]
