"""A plan's phases drawn as a timeline: an inline SVG picture, one bar per phase.

The picture is built here, in Python, so that the plan page needs no script and no
external asset: month ticks along the top, a bar per dated phase (peak phases stand out),
and a dashed marker on the plan's issue date. Open ends (a phase "from 21/01 on") run to
the edge of the picture and fade out.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .wording import clip
from .wording import short_date as short

WIDTH = 760
MARGIN = 16
AXIS_Y = 34  # the month labels sit above this line
ROW = 44  # each phase: its label, then its bar
BAR = 14
LABEL_CHARS = 100

BAR_FILL = "#4a7bb7"
PEAK_FILL = "#c0392b"
MARKER = "#2c3e50"


@dataclass(frozen=True)
class Bar:
    label: str
    start: datetime.date
    end: datetime.date
    peak: bool
    open_start: bool
    open_end: bool


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _clip(text: str, limit: int = LABEL_CHARS) -> str:
    return clip(text, limit)


def bars(phases: Iterable[Mapping[str, Any]], plan_date: Any = None) -> list[Bar]:
    """The drawable phases, in the plan's order; a phase with no date at all is left out."""
    issued = _date(plan_date)
    raw = [(p, _date(p.get("start")), _date(p.get("end"))) for p in phases]
    known = [d for _, s, e in raw for d in (s, e) if d]
    if not known:
        return []
    first, last = min(known), max(known)
    out: list[Bar] = []
    for phase, start, end in raw:
        if start is None and end is None:
            continue
        open_start, open_end = start is None, end is None
        if start is None:
            assert end is not None
            start = min(issued, end) if issued else min(first, end)
        if end is None:
            # An open end runs to the last date the plan names, or a fortnight on.
            end = max(last, start + datetime.timedelta(days=14))
        if end < start:
            start, end = end, start
        out.append(
            Bar(
                label=str(phase.get("label") or ""),
                start=start,
                end=end,
                peak=bool(phase.get("peak")),
                open_start=open_start,
                open_end=open_end,
            )
        )
    return out


def render_timeline(phases: Iterable[Mapping[str, Any]], plan_date: Any = None) -> SafeString:
    """The ``<svg id="timeline">`` picture of the phases; "" when none has a date."""
    drawn = bars(phases, plan_date)
    if not drawn:
        return mark_safe("")
    issued = _date(plan_date)
    lo = min(b.start for b in drawn)
    hi = max(b.end for b in drawn)
    if issued:
        lo, hi = min(lo, issued), max(hi, issued)
    lo = _month_start(lo)
    hi = _next_month(hi)
    span = max((hi - lo).days, 1)
    inner = WIDTH - 2 * MARGIN

    def x(day: datetime.date) -> float:
        return round(MARGIN + inner * (day - lo).days / span, 1)

    height = AXIS_Y + ROW * len(drawn) + 28
    summary = _("Tiến độ thực hiện: %(count)d giai đoạn, từ %(start)s đến %(end)s") % {
        "count": len(drawn),
        "start": short(min(b.start for b in drawn)),
        "end": short(max(b.end for b in drawn)),
    }
    parts = [
        f'<svg id="timeline" class="timeline" role="img" aria-label="{escape(summary)}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f"<title>{escape(summary)}</title>",
        "<defs>"
        + "".join(
            f'<linearGradient id="timeline-fade-{side}-{name}" x1="0" x2="1" y1="0" y2="0">'
            f'<stop offset="0" stop-color="{color}" stop-opacity="{a}"/>'
            f'<stop offset="1" stop-color="{color}" stop-opacity="{b}"/></linearGradient>'
            for name, color in (("bar", BAR_FILL), ("peak", PEAK_FILL))
            for side, a, b in (("right", 1, 0), ("left", 0, 1))
        )
        + "</defs>",
    ]
    # Month ticks: a line at the first of each month, labelled "12/2015"; with many months
    # only every second or third is labelled so the labels never overlap.
    months = []
    day = lo
    while day <= hi:
        months.append(day)
        day = _next_month(day)
    every = max(1, -(-len(months) * 60 // inner))
    parts.append('<g class="timeline-ticks">')
    for i, month in enumerate(months):
        px = x(month)
        parts.append(
            f'<line class="tick" x1="{px}" x2="{px}" y1="{AXIS_Y - 6}" y2="{height - 20}" '
            f'stroke="#d0d4da" stroke-width="1"/>'
        )
        if i % every == 0 and month < hi:
            parts.append(
                f'<text class="tick-label" x="{px + 3}" y="{AXIS_Y - 10}" fill="#555">'
                f"{month.strftime('%m/%Y')}</text>"
            )
    parts.append(
        f'<line x1="{MARGIN}" x2="{WIDTH - MARGIN}" y1="{AXIS_Y}" y2="{AXIS_Y}" '
        f'stroke="#999" stroke-width="1"/></g>'
    )
    parts.append('<g class="timeline-phases">')
    for i, bar in enumerate(drawn):
        top = AXIS_Y + ROW * i + 8
        x1, x2 = x(bar.start), x(bar.end + datetime.timedelta(days=1))
        fill = PEAK_FILL if bar.peak else BAR_FILL
        classes = "phase-bar peak" if bar.peak else "phase-bar"
        when = (
            ("…" if bar.open_start else short(bar.start))
            + " – "
            + ("…" if bar.open_end else short(bar.end))
        )
        peak_word = _("Cao điểm") + ": " if bar.peak and "cao điểm" not in bar.label.lower() else ""
        # About 105 characters fit on a row at this size; bold ones are wider.
        label = _clip(bar.label, LABEL_CHARS - len(when) - len(peak_word) - (8 if bar.peak else 0))
        weight = ' font-weight="bold"' if bar.peak else ""
        paint = fill
        tone = "peak" if bar.peak else "bar"
        if bar.open_end:
            paint = f"url(#timeline-fade-right-{tone})"
        elif bar.open_start:
            paint = f"url(#timeline-fade-left-{tone})"
        parts.append(
            f'<g class="phase{" peak" if bar.peak else ""}" data-phase="{i + 1}">'
            f"<title>{escape(bar.label)} ({when})</title>"
            f'<text class="phase-label" x="{MARGIN}" y="{top + 10}" fill="#222"{weight}>'
            f'{escape(peak_word + label)} <tspan fill="#666">({when})</tspan></text>'
            f'<rect class="{classes}" x="{x1}" y="{top + 16}" width="{max(x2 - x1, 3)}" '
            f'height="{BAR}" rx="3" fill="{paint}"/></g>'
        )
    parts.append("</g>")
    if issued:
        px = x(issued)
        text = _("Ban hành ngày %(date)s") % {"date": short(issued)}
        anchor = "end" if px > WIDTH * 0.75 else "start"
        dx = -4 if anchor == "end" else 4
        parts.append(
            f'<g class="timeline-issued"><line class="issued-marker" x1="{px}" x2="{px}" '
            f'y1="{AXIS_Y}" y2="{height - 18}" stroke="{MARKER}" stroke-width="2" '
            f'stroke-dasharray="4 3"/>'
            f'<text class="issued-label" x="{px + dx}" y="{height - 6}" text-anchor="{anchor}" '
            f'fill="{MARKER}">{escape(text)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped
