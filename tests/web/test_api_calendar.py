"""The calendar in the HTTP API: a unit's events and the commemorative days of a year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from support.api import Api
from support.work import make_obligation, make_task, mark_issued


@pytest.fixture
def work(cast, seed_plan):
    plan = mark_issued(seed_plan)
    bode, cukhoi = cast.unit("DU-P-BODE"), cast.unit("DU-P-CUKHOI")
    return {
        "plan": plan,
        "bode_task": make_task(plan, bode, "Treo băng rôn.", due=dt.date(2016, 1, 7)),
        "cukhoi_task": make_task(plan, cukhoi, "Tọa đàm Cự Khối.", due=dt.date(2016, 1, 7)),
        "bode_report": make_obligation(plan, bode, due=dt.date(2016, 6, 15)),
        "cukhoi_report": make_obligation(plan, cukhoi, due=dt.date(2016, 6, 15)),
    }


def test_a_ward_reads_its_events_for_a_range(cast, work):
    answer = Api(cast.binh).get("/calendar", unit="DU-P-BODE", start="2016-01-01", end="2016-06-30")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["unit"], body["start"], body["end"]) == ("DU-P-BODE", "2016-01-01", "2016-06-30")
    by_uid = {e["uid"]: e for e in body["events"]}
    task = by_uid[f"task-{work['bode_task'].pk}.DU-P-BODE@kehoach"]
    assert (task["kind"], task["start"], task["title"]) == ("task", "2016-01-07", "Treo băng rôn.")
    assert task["plan"] == "17-KH/QU" and task["state"] == "open"
    report = by_uid[f"obligation-{work['bode_report'].pk}.DU-P-BODE@kehoach"]
    assert report["title"] == "Hạn nộp báo cáo 6 tháng đầu năm 2016"
    assert "Tọa đàm Cự Khối." not in answer.content.decode()
    assert not any(str(work["cukhoi_report"].pk) in uid and "obligation" in uid for uid in by_uid)
    peak = next(e for e in body["events"] if e["kind"] == "peak")
    assert (peak["start"], peak["end"]) == ("2016-01-07", "2016-01-28")


def test_anniversaries_in_the_events_carry_years_and_level(cast):
    answer = Api(cast.hung).get("/calendar", unit="QU-LB", start="2025-02-01", end="2025-02-28")
    party = next(e for e in answer.json()["events"] if e["commemoration"] == "dang")
    assert party["title"] == (
        "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)"
    )
    assert (party["years"], party["level"], party["kind"]) == (95, "round", "commemoration")


def test_without_a_unit_or_dates_the_callers_unit_and_this_month_are_used(cast):
    body = Api(cast.binh).get("/calendar").json()
    first = timezone.localdate().replace(day=1)
    assert body["unit"] == "DU-P-BODE" and body["start"] == first.isoformat()
    assert dt.date.fromisoformat(body["end"]).month == first.month
    only_start = Api(cast.binh).get("/calendar", start="2016-02-10").json()
    assert only_start["end"] == "2016-02-29"


def test_a_unit_out_of_reach_is_404(cast, work):
    answer = Api(cast.tuan).get("/calendar", unit="QU-LB", start="2016-01-01", end="2016-01-31")
    assert answer.status_code == 404
    assert answer.json()["detail"] == "Không tìm thấy đơn vị."
    assert Api(cast.binh).get("/calendar", unit="DU-P-CUKHOI").status_code == 404
    assert Api(cast.binh).get("/calendar", unit="KHONG-CO").status_code == 404


def test_bad_ranges_are_refused_with_vietnamese_messages(cast):
    api = Api(cast.binh)
    backwards = api.get("/calendar", start="2016-02-01", end="2016-01-01")
    assert backwards.status_code == 422
    assert backwards.json()["detail"] == "Ngày kết thúc phải sau ngày bắt đầu."
    long = api.get("/calendar", start="2016-01-01", end="2018-01-01")
    assert long.status_code == 422 and "tối đa 400 ngày" in long.json()["detail"]
    garbled = api.get("/calendar", start="2016-02-30")
    assert garbled.status_code == 422 and "start" in garbled.json()["detail"]


def test_the_calendar_needs_a_token(cast):
    assert Client().get("/api/calendar").status_code == 401
    assert Client().get("/api/commemorations").status_code == 401


def test_the_commemorations_of_2025_count_95_years_of_the_party(cast):
    body = Api(cast.binh).get("/commemorations", year=2025).json()
    assert body["year"] == 2025
    days = {d["key"]: d for d in body["days"]}
    party = days["dang"]
    assert (party["date"], party["founded"], party["years"]) == ("2025-02-03", 1930, 95)
    assert (party["round"], party["major"], party["level"]) == (True, False, "round")
    assert "145/2013/NĐ-CP" in party["source"]
    national = days["quoc-khanh"]
    assert (national["years"], national["major"], national["holiday"]) == (80, True, True)
    assert all(d["source"] for d in body["days"])
    assert {d["key"] for d in body["lunar"]} == {"tet-nguyen-dan", "gio-to-hung-vuong"}
    assert next(d for d in body["lunar"] if d["key"] == "gio-to-hung-vuong")["lunar_month"] == 3


def test_2030_is_the_partys_hundredth_year_and_round_only_filters(cast):
    body = Api(cast.binh).get("/commemorations", year=2030, round_only="true").json()
    party = next(d for d in body["days"] if d["key"] == "dang")
    assert (party["years"], party["level"]) == (100, "grand")
    assert all(d["round"] for d in body["days"])
    assert "ho-chi-minh" in {d["key"] for d in body["days"]}  # 140 years
    assert "quoc-khanh" in {d["key"] for d in body["days"]}  # 85 years


def test_a_year_out_of_range_is_refused(cast):
    assert Api(cast.binh).get("/commemorations", year=99999).status_code == 422


def test_the_openapi_document_lists_the_calendar(cast):
    paths = Api(cast.binh).get("/openapi.json").json()["paths"]
    assert "/api/calendar" in paths and "/api/commemorations" in paths
