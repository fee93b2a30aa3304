"""The work stamp of an issued plan moves with every change to its obligations and reports,
so what the department's pages keep for large plans is never stale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from kehoach.web import progress, stamps
from kehoach.web.models import Issuance, ReportState
from support.work import make_obligation, make_report, mark_issued


def version(plan) -> int:
    return Issuance.objects.get(plan=plan).work_version


def test_saving_or_deleting_an_obligation_or_a_report_moves_the_stamp(cast, seed_plan):
    plan = mark_issued(seed_plan)
    before = stamps.stamp(plan)
    duty = make_obligation(plan, cast.unit("DU-P-BODE"))
    assert version(plan) == 1
    report = make_report(duty, cast.binh, state=ReportState.SUBMITTED)  # report + obligation
    assert version(plan) == 3
    report.delete()
    assert version(plan) == 4
    assert stamps.stamp(plan) != before


def test_a_plan_not_issued_has_no_stamp_and_nothing_is_cached(cast, seed_plan):
    assert stamps.stamp(seed_plan) is None
    calls = []
    for _ in range(2):
        stamps.cached(seed_plan, "t", lambda: calls.append(1) or len(calls), worth=bool)
    assert len(calls) == 2


@pytest.fixture
def large(monkeypatch):
    """Every plan counts as large: columns, units, series and sums go through the cache."""
    cache.clear()
    monkeypatch.setattr(progress, "CACHE_FROM", 1)
    yield
    cache.clear()


def test_the_cached_matrix_follows_a_report_sent_after_it_was_read(cast, seed_plan, large):
    plan = mark_issued(seed_plan)
    today = dt.date(2016, 6, 20)
    duties = {code: make_obligation(plan, cast.unit(code)) for code in ("DU-P-BODE", "DU-P-CUKHOI")}
    make_report(duties["DU-P-CUKHOI"], cast.binh, state=ReportState.ACCEPTED)
    first = progress.matrix(plan, today)
    assert first.columns[0].summary.missing == 1  # Bồ Đề, due 15/06
    assert progress.matrix(plan, today) == first  # read again from the cache
    make_report(duties["DU-P-BODE"], cast.binh, state=ReportState.ACCEPTED)
    after = progress.matrix(plan, today)
    assert after.columns[0].summary.missing == 0
    assert after.columns[0].summary.accepted == 2
    assert len(progress.progress_series(plan)) >= 1


def test_after_an_acceptance_the_worker_adds_up_a_large_plan_before_the_next_view(
    cast, seed_plan, large, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from conftest import run_worker
    from kehoach.web import reporting

    plan = mark_issued(seed_plan)
    duty = make_obligation(plan, cast.unit("DU-P-BODE"))
    report = make_report(
        duty, cast.binh, state=ReportState.SUBMITTED, counts={("conference", "attendees"): 40}
    )
    with django_capture_on_commit_callbacks(execute=True):
        reporting.accept_report(report, cast.lan)
    run_worker()  # the queued refresh runs in the worker, as under kehoach serve
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as view:
        totals = progress.sums(plan)
        progress.columns(plan, today)
        progress.progress_series(plan)
    assert totals.channel_totals()[0].total == 40
    # Each read is the stamp and the cache row: nothing is added up again.
    assert not any("SUM(" in q["sql"].upper() for q in view.captured_queries)


def test_one_page_reads_the_plans_stamp_once(cast, seed_plan, large):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = mark_issued(seed_plan)
    make_obligation(plan, cast.unit("DU-P-BODE"))
    with CaptureQueriesContext(connection) as page, stamps.reading():
        progress.matrix(plan, dt.date(2016, 6, 20))
        progress.sums(plan)
        progress.progress_series(plan)
    stamp_reads = [q for q in page.captured_queries if "kehoach_issuance" in q["sql"]]
    assert len(stamp_reads) == 1
