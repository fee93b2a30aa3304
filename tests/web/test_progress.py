"""The department's figures: the matrix, the totals of the reports that count, progress over
time, the units behind. Real rows on SQLite and PostgreSQL, a controlled ``today``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach.web import progress
from kehoach.web.models import Obligation, ObligationState, Plan, Report, ReportCount, ReportState
from support.work import make_obligation, make_report, make_task, mark_issued

H1 = {"start": dt.date(2016, 1, 1), "end": dt.date(2016, 6, 30), "due": dt.date(2016, 6, 15)}
YEAR = {
    "start": dt.date(2016, 1, 1),
    "end": dt.date(2016, 12, 31),
    "due": dt.date(2016, 12, 15),
    "frequency": "yearly",
    "label": "Năm 2016",
}
TODAY = dt.date(2016, 6, 20)
WARDS = ("DU-P-BODE", "DU-P-CUKHOI", "DU-P-DUCGIANG", "DU-P-GIATHUY")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment of ``day`` in Hà Nội (UTC+7), as the app stores it."""
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=dt.timezone(dt.timedelta(hours=7)))


def new_version(
    old: Report, user: object, *, state: str, counts: dict[tuple[str, str], int], when: dt.date
) -> Report:
    """A correction after acceptance: version n+1 supersedes the accepted one, kept."""
    Report.objects.filter(pk=old.pk).update(current=False)
    report = Report.objects.create(
        obligation=old.obligation,
        plan=old.plan,
        unit=old.unit,
        version=old.version + 1,
        supersedes=old,
        state=state,
        narrative="Bổ sung số liệu.",
        created_by=user,
        submitted_at=None if state == ReportState.DRAFT else at(when),
        reviewed_at=at(when) if state == ReportState.ACCEPTED else None,
    )
    ReportCount.objects.bulk_create(
        ReportCount(report=report, channel=c, measure=m, value=v) for (c, m), v in counts.items()
    )
    return report


@dataclass
class Scenario:
    plan: Plan
    h1: dict[str, Obligation]
    year: dict[str, Obligation]
    bode_h1: Report


def build(cast, plan: Plan) -> Scenario:
    """Four wards, two periods (first half of 2016, due 15/6; the year, due 15/12):

    Bồ Đề — first half accepted on time (2 conferences, 150 attendees); year: a draft.
    Cự Khối — first half sent late (18/6) and accepted (4 articles); year: sent early, returned.
    Đức Giang — first half sent on time, waiting for review (5 conferences: not counted).
    Gia Thụy — nothing sent: the first half is missing on 20/6.
    """
    plan = mark_issued(plan)
    units = {code: cast.unit(code) for code in WARDS}
    h1 = {c: make_obligation(plan, u, **H1) for c, u in units.items()}
    year = {c: make_obligation(plan, u, **YEAR) for c, u in units.items()}
    for unit in units.values():
        make_task(plan, unit, due=dt.date(2016, 2, 4))
    bode = make_report(
        h1["DU-P-BODE"],
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("conference", "held"): 2, ("conference", "attendees"): 150},
        narrative="Tổ chức 2 hội nghị quán triệt cho 150 đảng viên ở các chi bộ tổ dân phố.",
        submitted_at=at(dt.date(2016, 6, 10)),
    )
    make_report(
        year["DU-P-BODE"], cast.binh, state=ReportState.DRAFT, counts={("press", "articles"): 9}
    )
    make_report(
        h1["DU-P-CUKHOI"],
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("press", "articles"): 4},
        narrative="Đăng 4 tin, bài.",
        submitted_at=at(dt.date(2016, 6, 18)),
    )
    make_report(
        year["DU-P-CUKHOI"],
        cast.binh,
        state=ReportState.RETURNED,
        counts={("press", "articles"): 7},
        submitted_at=at(dt.date(2016, 6, 19)),
    )
    make_report(
        h1["DU-P-DUCGIANG"],
        cast.binh,
        state=ReportState.SUBMITTED,
        counts={("conference", "held"): 5},
        submitted_at=at(dt.date(2016, 6, 15), hour=23),
    )
    for rows in (h1, year):
        for code, row in rows.items():
            row.refresh_from_db()
            rows[code] = row
    return Scenario(plan, h1, year, bode)


@pytest.fixture
def scene(cast, seed_plan) -> Scenario:
    return build(cast, seed_plan)


def totals(plan: Plan) -> dict[tuple[str, str], int]:
    return {(t.channel, t.measure): t.total for t in progress.channel_totals(plan)}


# --- what counts ----------------------------------------------------------------------------


def test_only_accepted_reports_count_in_the_totals(scene):
    assert totals(scene.plan) == {
        ("conference", "held"): 2,
        ("conference", "attendees"): 150,
        ("press", "articles"): 4,
    }


def test_totals_come_in_the_vocabularys_order_with_vietnamese_labels(scene):
    rows = progress.channel_totals(scene.plan)
    assert [(t.channel, t.measure) for t in rows] == [
        ("press", "articles"),
        ("conference", "held"),
        ("conference", "attendees"),
    ]
    channel, measure, label, total = rows[1]
    assert (channel, measure, label, total) == ("conference", "held", "Số hội nghị", 2)


def test_an_accepted_report_keeps_counting_while_its_correction_waits(cast, scene):
    new_version(
        scene.bode_h1,
        cast.binh,
        state=ReportState.SUBMITTED,
        counts={("conference", "held"): 3, ("conference", "attendees"): 200},
        when=dt.date(2016, 6, 21),
    )
    assert totals(scene.plan)[("conference", "held")] == 2
    assert totals(scene.plan)[("conference", "attendees")] == 150


def test_the_correction_replaces_the_old_version_once_accepted(cast, scene):
    new_version(
        scene.bode_h1,
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("conference", "held"): 3, ("conference", "attendees"): 200},
        when=dt.date(2016, 6, 21),
    )
    assert totals(scene.plan)[("conference", "held")] == 3
    assert totals(scene.plan)[("conference", "attendees")] == 200
    by_unit = {u.code: u for u in progress.unit_totals(scene.plan)}
    assert by_unit["DU-P-BODE"].reports == 1, "one obligation, one counted report"


def test_the_table_by_unit_sums_each_units_counted_reports(scene):
    rows = progress.unit_totals(scene.plan)
    assert [r.code for r in rows] == list(WARDS), "every unit with obligations, tree order"
    by_code = {r.code: r for r in rows}
    assert by_code["DU-P-BODE"].values == {"conference.held": 2, "conference.attendees": 150}
    assert by_code["DU-P-CUKHOI"].values == {"press.articles": 4}
    assert by_code["DU-P-DUCGIANG"].values == {} and by_code["DU-P-DUCGIANG"].reports == 0
    assert by_code["DU-P-GIATHUY"].reports == 0


def test_another_plans_reports_do_not_count(cast, scene):
    other = Plan.objects.create(owner=cast.unit("QU-LB"), title="Kế hoạch khác", data={})
    obligation = make_obligation(other, cast.unit("DU-P-BODE"), **H1)
    make_report(
        obligation, cast.binh, state=ReportState.ACCEPTED, counts={("press", "articles"): 50}
    )
    assert totals(scene.plan)[("press", "articles")] == 4
    assert totals(other) == {("press", "articles"): 50}


# --- the matrix -------------------------------------------------------------------------------


def kinds(m: progress.Matrix) -> dict[str, list[str]]:
    return {row.code: [c.kind if c else "" for c in row.cells] for row in m.rows}


def test_the_matrix_tells_on_time_late_returned_missing_and_pending(scene):
    m = progress.matrix(scene.plan, TODAY)
    assert [(c.label, c.due) for c in m.columns] == [
        ("6 tháng đầu năm 2016", dt.date(2016, 6, 15)),
        ("Năm 2016", dt.date(2016, 12, 15)),
    ]
    assert kinds(m) == {
        "DU-P-BODE": ["accepted", "pending"],
        "DU-P-CUKHOI": ["late", "returned"],
        "DU-P-DUCGIANG": ["submitted", "pending"],
        "DU-P-GIATHUY": ["missing", "pending"],
    }


def test_a_report_sent_late_in_the_evening_of_the_due_day_is_on_time(scene):
    # Đức Giang sent at 23:00 on 15/6 Hà Nội time (16:00 UTC): still the due day.
    cell = next(r for r in progress.matrix(scene.plan, TODAY).rows if r.code == "DU-P-DUCGIANG")
    assert cell.cells[0].timing == "on_time"
    assert cell.cells[0].submitted_on == dt.date(2016, 6, 15)


def test_a_late_cell_says_how_late_in_words(scene):
    row = next(r for r in progress.matrix(scene.plan, TODAY).rows if r.code == "DU-P-CUKHOI")
    assert row.cells[0].days_late == 3
    assert row.cells[0].label == "Nộp chậm 3 ngày · đã chấp nhận"


def test_nothing_is_missing_before_the_due_date(scene):
    m = progress.matrix(scene.plan, dt.date(2016, 6, 15))
    assert kinds(m)["DU-P-GIATHUY"] == ["pending", "pending"]
    assert m.columns[0].summary.missing == 0


def test_column_row_and_plan_summaries_add_up(scene):
    m = progress.matrix(scene.plan, TODAY)
    first, year = (c.summary for c in m.columns)
    assert (first.total, first.on_time, first.late, first.missing, first.pending) == (4, 2, 1, 1, 0)
    assert (first.accepted, first.submitted, first.returned) == (2, 1, 0)
    assert (year.total, year.on_time, year.pending, year.returned) == (4, 1, 3, 1)
    assert m.summary == first + year
    rows = {r.code: r.summary for r in m.rows}
    assert (rows["DU-P-CUKHOI"].late, rows["DU-P-CUKHOI"].returned) == (1, 1)
    assert rows["DU-P-GIATHUY"].missing == 1
    assert progress.summary(scene.plan, TODAY) == m.summary


def test_a_page_of_rows_keeps_the_summaries_of_all_units(scene):
    m = progress.matrix(scene.plan, TODAY, offset=1, limit=2)
    assert [r.code for r in m.rows] == ["DU-P-CUKHOI", "DU-P-DUCGIANG"]
    assert m.unit_count == 4
    assert m.columns[0].summary.total == 4


def test_the_matrix_can_show_only_the_units_behind(scene):
    assert [r.code for r in progress.matrix(scene.plan, TODAY, only="behind").rows] == [
        "DU-P-CUKHOI",
        "DU-P-GIATHUY",
    ]
    assert [r.code for r in progress.matrix(scene.plan, TODAY, only="missing").rows] == [
        "DU-P-GIATHUY"
    ]
    assert [r.code for r in progress.matrix(scene.plan, TODAY, only="returned").rows] == [
        "DU-P-CUKHOI"
    ]


def test_cells_link_to_the_report_the_department_can_open_never_a_draft(scene):
    rows = {r.code: r for r in progress.matrix(scene.plan, TODAY).rows}
    assert rows["DU-P-BODE"].cells[0].report_id == scene.bode_h1.pk
    assert rows["DU-P-BODE"].cells[1].report_id is None, "the year's report is a draft"
    assert rows["DU-P-GIATHUY"].cells[0].report_id is None


def test_the_matrix_costs_a_fixed_number_of_queries(cast, scene):
    with CaptureQueriesContext(connection) as small:
        progress.matrix(scene.plan, TODAY)
    for code in ("DU-P-LONGBIEN", "DU-P-NGOCLAM", "DU-P-NGOCTHUY", "DU-P-PHUCDONG"):
        make_obligation(scene.plan, cast.unit(code), **H1)
    with CaptureQueriesContext(connection) as large:
        m = progress.matrix(scene.plan, TODAY)
    assert len(m.rows) == 8
    # The columns, the units, the cells, their reports; and, for the columns and the units,
    # the plan's work stamp and a look in the cache for a large plan's copy.
    assert len(large.captured_queries) == len(small.captured_queries) <= 8


# --- over time, and the units behind ------------------------------------------------------------


def test_progress_over_time_is_cumulative_per_day(scene):
    series = progress.progress_series(scene.plan)
    assert [(p.day, p.submitted, p.accepted) for p in series] == [
        (dt.date(2016, 6, 10), 1, 1),
        (dt.date(2016, 6, 15), 2, 1),
        (dt.date(2016, 6, 18), 3, 2),
        (dt.date(2016, 6, 19), 4, 2),
    ]


def test_late_and_missing_names_the_units_and_periods(scene):
    behind = progress.late_and_missing(scene.plan, TODAY)
    assert [(u.code, len(u.late), len(u.missing)) for u in behind] == [
        ("DU-P-CUKHOI", 1, 0),
        ("DU-P-GIATHUY", 0, 1),
    ]
    late = behind[0].late[0]
    assert (late.label, late.due, late.submitted_on, late.days_late) == (
        "6 tháng đầu năm 2016",
        dt.date(2016, 6, 15),
        dt.date(2016, 6, 18),
        3,
    )


def test_a_unit_reporting_after_the_deadline_moves_from_missing_to_late(cast, scene):
    make_report(
        scene.h1["DU-P-GIATHUY"],
        cast.binh,
        state=ReportState.SUBMITTED,
        submitted_at=at(dt.date(2016, 6, 22)),
    )
    behind = {u.code: u for u in progress.late_and_missing(scene.plan, dt.date(2016, 6, 25))}
    assert [b.days_late for b in behind["DU-P-GIATHUY"].late] == [7]
    assert behind["DU-P-GIATHUY"].missing == []


def test_task_counts_and_notable_narratives(scene):
    assert progress.task_counts(scene.plan) == (4, 0)
    notable = progress.notable_narratives(scene.plan)
    assert notable[0][0] == "Đảng ủy phường Bồ Đề"
    assert all("7" not in text for _, _, text in notable), "a returned report is not quoted"


def test_an_obligation_state_is_read_not_guessed(scene):
    # The matrix follows the obligation's own state kept in step by the reports.
    Obligation.objects.filter(pk=scene.h1["DU-P-DUCGIANG"].pk).update(
        state=ObligationState.ACCEPTED
    )
    row = next(r for r in progress.matrix(scene.plan, TODAY).rows if r.code == "DU-P-DUCGIANG")
    assert row.cells[0].kind == "accepted"


# --- the cache of large plans' sums -----------------------------------------------------------


@pytest.fixture
def cached(monkeypatch):
    """Every plan counts as large: its sums go through the cache."""
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(progress, "CACHE_FROM", 1)
    yield
    cache.clear()


def test_a_large_plans_sums_are_read_once_then_from_the_cache(scene, cached):
    first = totals(scene.plan)
    with CaptureQueriesContext(connection) as again:
        assert totals(scene.plan) == first
    # The plan's work stamp (has anything changed since?) and the cache row: no sums.
    assert len(again.captured_queries) == 2
    assert not any("SUM(" in q["sql"].upper() for q in again.captured_queries)


def test_a_newly_accepted_report_shows_at_once_in_a_cached_plan(cast, scene, cached):
    assert totals(scene.plan)[("press", "articles")] == 4
    make_report(
        scene.h1["DU-P-GIATHUY"],
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("press", "articles"): 6},
        submitted_at=at(dt.date(2016, 6, 21)),
    )
    assert totals(scene.plan)[("press", "articles")] == 10
    new_version(
        scene.bode_h1,
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("conference", "held"): 3},
        when=dt.date(2016, 6, 22),
    )
    assert totals(scene.plan)[("conference", "held")] == 3
    assert ("conference", "attendees") not in totals(scene.plan)


def test_the_cached_sums_serve_a_page_of_units_too(scene, cached):
    progress.sums(scene.plan)
    bode = scene.h1["DU-P-BODE"].unit_id
    page = progress.unit_totals(scene.plan, [bode])
    assert [(u.code, u.reports, u.values) for u in page] == [
        ("DU-P-BODE", 1, {"conference.held": 2, "conference.attendees": 150})
    ]
