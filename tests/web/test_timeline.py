"""The timeline picture: one bar per dated phase, peaks highlighted, months and issue date."""

from __future__ import annotations

import lxml.etree

from kehoach.web.timeline import bars, render_timeline

SVG = "{http://www.w3.org/2000/svg}"

PHASES = [
    {"label": "Trước Đại hội", "start": "2015-12-21", "end": "2016-01-19", "peak": False},
    {"label": "Cao điểm tuyên truyền", "start": "2016-01-07", "end": "2016-01-28", "peak": True},
    {"label": "Sau Đại hội", "start": "2016-02-01", "end": None, "peak": False},
]


def picture(phases=PHASES, date="2015-12-29"):
    return lxml.etree.fromstring(str(render_timeline(phases, date)).encode("utf-8"))


def rects(svg) -> list:
    return [r for r in svg.iter(f"{SVG}rect") if "phase-bar" in r.get("class", "").split()]


def test_each_dated_phase_gets_one_bar_in_order_left_to_right_by_date():
    svg = picture()
    assert svg.get("id") == "timeline"
    assert svg.get("role") == "img"
    drawn = rects(svg)
    assert len(drawn) == 3
    starts = [float(r.get("x")) for r in drawn]
    assert starts[0] < starts[1] < starts[2]
    ends = [float(r.get("x")) + float(r.get("width")) for r in drawn]
    assert ends[0] < ends[1]


def test_peak_phases_stand_out():
    drawn = rects(picture())
    assert [("peak" in r.get("class").split()) for r in drawn] == [False, True, False]
    assert drawn[1].get("fill") != drawn[0].get("fill")


def test_the_picture_has_month_ticks_and_the_issue_date_marker():
    svg = picture()
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "tick-label"]
    assert labels[:3] == ["12/2015", "01/2016", "02/2016"]
    marker = [t for t in svg.iter(f"{SVG}text") if t.get("class") == "issued-label"]
    assert marker and marker[0].text == "Ban hành ngày 29/12/2015"
    assert "3 giai đoạn, từ 21/12/2015" in svg.get("aria-label")


def test_without_an_issue_date_there_is_no_marker():
    svg = picture(date=None)
    assert not [t for t in svg.iter(f"{SVG}text") if t.get("class") == "issued-label"]
    assert len(rects(svg)) == 3


def test_an_open_end_runs_to_the_plans_last_date_and_fades():
    drawn = bars(PHASES, "2015-12-29")
    assert drawn[2].open_end and str(drawn[2].end) == "2016-02-15"
    assert rects(picture())[2].get("fill") == "url(#timeline-fade-right-bar)"


def test_phases_without_any_date_are_left_out_and_no_dates_give_no_picture():
    undated = {"label": "Thường xuyên", "start": None, "end": None, "peak": False}
    assert len(rects(picture([*PHASES, undated]))) == 3
    assert str(render_timeline([undated], "2015-12-29")) == ""
    assert str(render_timeline([], "2015-12-29")) == ""


def test_labels_are_escaped():
    phase = {"label": "<script>alert(1)</script> & Co", "start": "2020-01-01", "end": "2020-02-01"}
    text = str(render_timeline([phase]))
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert len(rects(lxml.etree.fromstring(text.encode("utf-8")))) == 1
