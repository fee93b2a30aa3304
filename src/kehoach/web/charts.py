"""The progress page's pictures, drawn here as inline SVG (as the plan timeline is).

Three charts, no script and no external asset:

* ``totals_chart`` — one bar per channel: the channel's first counted measure (conferences
  held, articles posted, banners put up …), the other measures written after the bar;
* ``progress_chart`` — reports sent and accepted, cumulated over time, with the due dates;
* ``periods_chart`` — per report period, a stacked bar of on time, late, missing and not
  yet due.

Each picture has a ``<title>`` and a ``<desc>`` saying in Vietnamese what it shows (screen
readers read them, ``role="img"``); the page prints the same figures in tables beside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kehoach.tracking.synthesis import thousands

from .progress import ChannelTotal, Column, SeriesPoint, measure_info, timing_labels
from .wording import clip as _clip
from .wording import short_date as short

WIDTH = 760
MARGIN = 16
FONT = 'font-family="system-ui, sans-serif" font-size="12"'

# Colours shared with progress.css (the matrix cells) so a legend means the same everywhere.
COLOURS = {
    "on_time": "#1f7a3a",
    "late": "#d08700",
    "missing": "#b42318",
    "pending": "#b8c0cc",
    "submitted": "#4a7bb7",
    "accepted": "#1f7a3a",
}
BAR = "#4a7bb7"
INK = "#222"
MUTED = "#5d6675"
GRID = "#d0d4da"


def _svg(ident: str, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    head = (
        f'<svg id="{ident}" class="chart" role="img" aria-labelledby="{ident}-title '
        f'{ident}-desc" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" {FONT}>'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )
    # every text above and in ``body`` is escaped where it is made
    return mark_safe(head + "".join(body) + "</svg>")


def _nice_max(value: int) -> int:
    """A round top for an axis: 7 → 10, 130 → 150, 2,400 → 2,500."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


# --- totals by channel ------------------------------------------------------------------------


def _by_channel(
    totals: Sequence[ChannelTotal],
) -> list[tuple[str, ChannelTotal, list[ChannelTotal]]]:
    groups: dict[str, list[ChannelTotal]] = {}
    for t in totals:
        if t.total:
            groups.setdefault(t.channel, []).append(t)
    return [(channel, rows[0], rows[1:]) for channel, rows in groups.items()]


def _amount(t: ChannelTotal) -> str:
    unit = measure_info(t.channel, t.measure).unit_label
    return f"{thousands(t.total)} {unit}".strip()


def totals_chart(totals: Sequence[ChannelTotal]) -> SafeString:
    """``<svg id="chart-totals">``: one bar per channel; "" when nothing is counted yet."""
    groups = _by_channel(totals)
    if not groups:
        return mark_safe("")
    row = 40
    top = 8
    height = top + row * len(groups) + 8
    largest = max(first.total for _, first, _ in groups)
    scale = (WIDTH - 2 * MARGIN) * 0.6 / max(largest, 1)
    body: list[str] = []
    spoken: list[str] = []
    for i, (channel, first, rest) in enumerate(groups):
        y = top + row * i
        name = measure_info(channel, first.measure).channel_label
        width = max(2.0, round(first.total * scale, 1))
        extra = "; ".join(f"{t.label.lower()}: {_amount(t)}" for t in rest)
        value = _amount(first) + (f" ({extra})" if extra else "")
        spoken.append(f"{name}: {first.label.lower()} {value}")
        body.append(
            f'<g class="bar" data-channel="{escape(channel)}" data-value="{first.total}">'
            f"<title>{escape(name)}: {escape(first.label.lower())} {escape(value)}</title>"
            f'<text x="{MARGIN}" y="{y + 12}" fill="{INK}">{escape(_clip(name, 90))}</text>'
            f'<rect x="{MARGIN}" y="{y + 17}" width="{width}" height="14" rx="2" fill="{BAR}"/>'
            f'<text x="{MARGIN + width + 6}" y="{y + 29}" fill="{MUTED}">'
            f"{escape(_clip(value, 70))}</text></g>"
        )
    title = _("Kết quả theo hình thức tuyên truyền")
    desc = _("Tổng số liệu từ các báo cáo đã được chấp nhận. ") + "; ".join(spoken) + "."
    return _svg("chart-totals", height, title, desc, body)


# --- reports over time --------------------------------------------------------------------------


def progress_chart(
    series: Sequence[SeriesPoint],
    *,
    expected: int,
    due_dates: Sequence[dt.date] = (),
    today: dt.date | None = None,
) -> SafeString:
    """``<svg id="chart-progress">``: cumulative reports sent and accepted; the dashed line
    is the number of reports owed (``expected``), the ticks the due dates. "" with no report."""
    if not series:
        return mark_safe("")
    height = 260
    left, right, top, bottom = 48, WIDTH - MARGIN, 28, height - 40
    days = [p.day for p in series] + list(due_dates)
    lo, hi = min(days), max(days)
    # Today widens the picture only while the plan runs; years later it would squash it.
    shown_today = today if today is not None and lo <= today <= hi + dt.timedelta(days=31) else None
    if shown_today is not None:
        hi = max(hi, shown_today)
    if hi == lo:
        hi = lo + dt.timedelta(days=1)
    span = (hi - lo).days
    ymax = _nice_max(max(expected, series[-1].submitted, 1))

    def x(day: dt.date) -> float:
        return round(left + (right - left) * (day - lo).days / span, 1)

    def y(value: int) -> float:
        return round(bottom - (bottom - top) * value / ymax, 1)

    body: list[str] = ['<g class="axes">']
    for step in range(5):
        value = round(ymax * step / 4)
        body.append(
            f'<line x1="{left}" x2="{right}" y1="{y(value)}" y2="{y(value)}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y(value) + 4}" text-anchor="end" fill="{MUTED}">'
            f"{thousands(value)}</text>"
        )
    body.append(
        f'<text x="{left}" y="{height - 8}" fill="{MUTED}">{short(lo)}</text>'
        f'<text x="{right}" y="{height - 8}" text-anchor="end" fill="{MUTED}">{short(hi)}</text>'
        "</g>"
    )
    for due in sorted(set(due_dates)):
        label = _("Hạn %(date)s") % {"date": short(due)}
        body.append(
            f'<g class="due"><line x1="{x(due)}" x2="{x(due)}" y1="{top}" y2="{bottom}" '
            f'stroke="{MUTED}" stroke-dasharray="2 3"/><title>{escape(label)}</title></g>'
        )
    if shown_today is not None:
        label = _("Hôm nay %(date)s") % {"date": short(shown_today)}
        body.append(
            f'<g class="today"><line x1="{x(shown_today)}" x2="{x(shown_today)}" y1="{top}" '
            f'y2="{bottom}" stroke="{COLOURS["missing"]}" stroke-width="1.5"/>'
            f"<title>{escape(label)}</title></g>"
        )
    if expected:
        owed = _("Phải nộp: %(n)s") % {"n": thousands(expected)}
        body.append(
            f'<g class="expected"><line x1="{left}" x2="{right}" y1="{y(expected)}" '
            f'y2="{y(expected)}" stroke="{INK}" stroke-dasharray="6 4"/>'
            f'<text x="{right}" y="{y(expected) - 4}" text-anchor="end" fill="{INK}">'
            f"{escape(owed)}</text></g>"
        )
    for name, colour, pick in (
        ("submitted", COLOURS["submitted"], lambda p: p.submitted),
        ("accepted", COLOURS["accepted"], lambda p: p.accepted),
    ):
        points = [f"{left},{bottom}"]
        last = 0
        for p in series:
            points.append(f"{x(p.day)},{y(last)}")  # a step: the count changes on the day
            last = pick(p)
            points.append(f"{x(p.day)},{y(last)}")
        points.append(f"{x(hi)},{y(last)}")
        body.append(
            f'<polyline class="line-{name}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'points="{" ".join(points)}"/>'
        )
    sent_label = _("Đã nộp")
    accepted_label = _("Đã chấp nhận")
    body.append(
        f'<g class="legend"><rect x="{left}" y="6" width="14" height="4" '
        f'fill="{COLOURS["submitted"]}"/><text x="{left + 20}" y="13" fill="{INK}">'
        f"{escape(sent_label)}</text>"
        f'<rect x="{left + 120}" y="6" width="14" height="4" fill="{COLOURS["accepted"]}"/>'
        f'<text x="{left + 140}" y="13" fill="{INK}">{escape(accepted_label)}</text></g>'
    )
    end = series[-1]
    title = _("Tiến độ nộp báo cáo")
    desc = _(
        "Số báo cáo đã nộp và đã chấp nhận, cộng dồn theo ngày, từ %(start)s đến %(end)s: "
        "đến %(end)s đã nộp %(sent)s, đã chấp nhận %(accepted)s trên %(expected)s báo cáo "
        "phải nộp."
    ) % {
        "start": short(series[0].day),
        "end": short(end.day),
        "sent": thousands(end.submitted),
        "accepted": thousands(end.accepted),
        "expected": thousands(expected),
    }
    return _svg("chart-progress", height, title, desc, body)


# --- periods ------------------------------------------------------------------------------------


def periods_chart(columns: Sequence[Column]) -> SafeString:
    """``<svg id="chart-periods">``: per period a bar split into on time, late, missing and
    not yet due, with the counts written in. "" when the plan has no report period."""
    if not columns:
        return mark_safe("")
    labels = timing_labels()
    row = 46
    top = 30
    height = top + row * len(columns) + 6
    inner = WIDTH - 2 * MARGIN
    body: list[str] = ['<g class="legend">']
    at = MARGIN
    for key in ("on_time", "late", "missing", "pending"):
        body.append(
            f'<rect x="{at}" y="6" width="12" height="12" fill="{COLOURS[key]}"/>'
            f'<text x="{at + 16}" y="16" fill="{INK}">{escape(labels[key])}</text>'
        )
        at += 30 + 8 * len(labels[key])
    body.append("</g>")
    spoken = []
    for i, column in enumerate(columns):
        s = column.summary
        y = top + row * i
        head = f"{column.label} — {_('hạn')} {short(column.due)}"
        parts: list[tuple[str, int]] = [
            ("on_time", s.on_time),
            ("late", s.late),
            ("missing", s.missing),
            ("pending", s.pending),
        ]
        words = ", ".join(f"{labels[k].lower()} {thousands(n)}" for k, n in parts if n)
        nothing = _("không có báo cáo")
        spoken.append(f"{head}: {words or nothing}")
        body.append(
            f'<g class="period" data-period="{escape(column.key)}">'
            f'<text x="{MARGIN}" y="{y + 12}" fill="{INK}">{escape(_clip(head, 100))}</text>'
        )
        x = float(MARGIN)
        for key, n in parts:
            if not n:
                continue
            width = round(inner * n / max(s.total, 1), 1)
            text = f"{labels[key]}: {thousands(n)}"
            body.append(
                f'<rect class="seg-{key}" data-count="{n}" x="{x}" y="{y + 18}" '
                f'width="{width}" height="18" fill="{COLOURS[key]}"><title>{escape(text)}</title>'
                "</rect>"
            )
            if width > 28:
                fill = "#fff" if key != "pending" else INK
                body.append(
                    f'<text x="{round(x + width / 2, 1)}" y="{y + 31}" text-anchor="middle" '
                    f'fill="{fill}">{thousands(n)}</text>'
                )
            x += width
        body.append("</g>")
    title = _("Tình hình nộp báo cáo theo kỳ")
    desc = "; ".join(spoken) + "."
    return _svg("chart-periods", height, title, desc, body)
