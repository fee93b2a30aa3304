"""The calendar of phases, deadlines, report periods and commemorative days.

``lich/`` is a month (a grid on wide screens, an agenda on phones) for one unit the person
sees; ``lich/lien-ket/`` manages the unit's secret iCalendar link; ``lich/<token>.ics`` is
the feed itself, open without signing in because calendar programs cannot sign in: the
token in the address is the secret, and a new token revokes the old address.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kehoach.tracking.commemorations import anniversaries

from .. import access
from .. import calendar as cal
from ..audit import acting_as
from ..models import CalendarFeed, Unit
from ..models.results import new_feed_token

# A select of every unit stops being usable somewhere in the hundreds; past that the
# filter takes a unit code.
SELECT_LIMIT = 300
WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def default_unit(user: Any) -> Unit | None:
    """The unit a person's calendar opens on: a reporter's own unit, otherwise the unit
    whose library they work in (a department officer's committee)."""
    return access.library_unit(user)


def chosen_unit(request: HttpRequest) -> Unit:
    """The unit asked for by ``?unit=CODE`` among those the person sees (404 otherwise)."""
    code = request.GET.get("unit", "").strip()
    visible = access.visible_units(request.user)
    if code:
        unit = visible.filter(code=code).first()
    else:
        fallback = default_unit(request.user)
        unit = visible.filter(pk=fallback.pk).first() if fallback else visible.first()
    if unit is None:
        raise Http404
    return unit


def _month(text: str, today: datetime.date) -> tuple[datetime.date, str]:
    """The first day of ``YYYY-MM`` and an error message ("" when fine)."""
    text = text.strip()
    if not text:
        return today.replace(day=1), ""
    try:
        year, month = (int(part) for part in text.split("-", 1))
        return datetime.date(year, month, 1), ""
    except ValueError:
        message = _("Tháng “%(text)s” không hợp lệ (cần dạng 2016-01); đang hiện tháng này.") % {
            "text": text[:20]
        }
        return today.replace(day=1), message


def _grid(
    first: datetime.date, events: list[cal.Event], today: datetime.date
) -> list[list[dict[str, Any]]]:
    """Weeks (Monday first) covering the month; each day with its one-day events."""
    start = first - datetime.timedelta(days=first.weekday())
    last = cal.month_bounds(first)[1]
    end = last + datetime.timedelta(days=6 - last.weekday())
    by_day: dict[datetime.date, list[cal.Event]] = {}
    for event in events:
        if not event.multi_day:
            by_day.setdefault(event.start, []).append(event)
    weeks: list[list[dict[str, Any]]] = []
    day = start
    while day <= end:
        week = []
        for _i in range(7):
            week.append(
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "today": day == today,
                    "events": by_day.get(day, []),
                }
            )
            day += datetime.timedelta(days=1)
        weeks.append(week)
    return weeks


def _query(unit: Unit, month: datetime.date) -> str:
    return "?" + urlencode({"unit": unit.code, "month": f"{month.year:04d}-{month.month:02d}"})


@login_required
@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    unit = chosen_unit(request)
    first, problem = _month(request.GET.get("month", ""), today)
    if problem:
        messages.warning(request, problem)
    last = cal.month_bounds(first)[1]
    grid_start = first - datetime.timedelta(days=first.weekday())
    grid_end = last + datetime.timedelta(days=6 - last.weekday())
    events = cal.events(request.user, unit, grid_start, grid_end)
    in_month = [e for e in events if e.start <= last and e.end >= first]
    spans = [e for e in in_month if e.multi_day]
    agenda: dict[datetime.date, list[cal.Event]] = {}
    for event in in_month:
        if not event.multi_day:
            agenda.setdefault(event.start, []).append(event)
    year_days = [
        a
        for a in anniversaries(datetime.date(first.year, 1, 1), datetime.date(first.year, 12, 31))
        if a.round
    ]
    visible = access.visible_units(request.user)
    many_units = visible.count() > SELECT_LIMIT
    context = {
        "unit": unit,
        "units": [] if many_units else list(visible.only("pk", "code", "name", "path")),
        "many_units": many_units,
        "month": first,
        "month_value": f"{first.year:04d}-{first.month:02d}",
        "prev_query": _query(unit, cal.add_months(first, -1)),
        "next_query": _query(unit, cal.add_months(first, 1)),
        "today_query": _query(unit, today),
        "weekdays": WEEKDAYS,
        "weeks": _grid(first, events, today),
        "spans": spans,
        "agenda": sorted(agenda.items()),
        "year_days": year_days,
        "year": first.year,
        "kinds": cal.kind_labels(),
        "can_manage_feed": _may_manage_feed(request.user, unit),
    }
    template = (
        "kehoach/calendar/_month.html" if _is_htmx(request) else "kehoach/calendar/month.html"
    )
    return render(request, template, context)


# --- the secret link ------------------------------------------------------------------------


def feed_links(request: HttpRequest, feed: CalendarFeed) -> dict[str, str]:
    https = request.build_absolute_uri(reverse("kehoach:calendar-ics", args=[feed.token]))
    # webcal:// makes phones and mail programs offer "subscribe" instead of a download.
    webcal = "webcal://" + https.split("://", 1)[1]
    return {"https": https, "webcal": webcal}


def _may_manage_feed(user: Any, unit: Unit) -> bool:
    """The unit's reporters and administrators, and administrators whose scope holds it
    (``unit`` is already one the person sees)."""
    return access.can_write(user) or access.can_report(user, unit)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    unit = chosen_unit(request)
    may_manage = _may_manage_feed(request.user, unit)
    feed = CalendarFeed.objects.filter(unit=unit).first()
    if request.method == "POST":
        if not may_manage:
            raise Http404
        with acting_as(request.user), transaction.atomic():
            feed = CalendarFeed.objects.select_for_update().filter(unit=unit).first()
            if feed is None:
                CalendarFeed.objects.create(unit=unit, created_by=request.user)
                messages.success(request, _("Đã tạo liên kết lịch cho %(unit)s.") % {"unit": unit})
            else:
                feed.token = new_feed_token()
                feed.created_by = request.user
                feed.created_at = timezone.now()
                feed.save()
                messages.success(
                    request,
                    _("Đã tạo liên kết mới; liên kết cũ không còn dùng được.")
                    + " "
                    + _("Hãy đăng ký lại lịch trên các thiết bị bằng liên kết mới."),
                )
        return redirect(reverse("kehoach:calendar-feed") + "?" + urlencode({"unit": unit.code}))
    context = {
        "unit": unit,
        "feed": feed,
        "links": feed_links(request, feed) if feed else None,
        "may_manage": may_manage,
        "calendar_query": _query(unit, timezone.localdate()),
    }
    response = render(request, "kehoach/calendar/feed.html", context)
    response["Cache-Control"] = "no-store"  # the page shows a secret
    return response


@require_GET
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed: no sign-in, the token is the secret; an unknown token is 404."""
    feed = CalendarFeed.objects.select_related("unit").filter(token=token).first()
    if feed is None:
        raise Http404
    start, end = cal.feed_window(timezone.localdate())
    # Calendar programs send their own Accept-Language; the unit's calendar reads the same
    # on every device, in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        body = cal.ical(feed.unit, start, end)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-{feed.unit.code}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


urlpatterns: list[URLPattern] = [
    path("lich/", calendar_page, name="calendar"),
    path("lich/lien-ket/", calendar_feed, name="calendar-feed"),
    path("lich/<str:token>.ics", calendar_ics, name="calendar-ics"),
]
