"""The foundation under every page: the unit tree, scopes, the library and the audit log."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from conftest import run_worker, upload_file
from kehoach.web import access
from kehoach.web.library import create_upload, search
from kehoach.web.models import AuditEntry, Plan, PlanLink, Unit, Upload
from kehoach.web.tasks import read_upload


def test_the_sample_tree_loads_with_paths_that_nest(cast):
    qu = Unit.objects.get(code="QU-LB")
    ward = Unit.objects.get(code="DU-P-BODE")
    assert qu.contains(ward)
    assert not ward.contains(qu)
    assert Unit.objects.filter(kind="party_committee", level="commune").count() == 14


def test_an_uploaded_seed_becomes_a_plan_awaiting_review_with_its_findings(cast, seed_plan):
    assert seed_plan.status == "review"
    assert seed_plan.number == "17"
    assert seed_plan.year == 2015
    assert seed_plan.source_file.size > 1000
    assert seed_plan.findings, "the checker's findings are kept with the plan"
    assert "Long Biên" in seed_plan.source_text


def test_search_ignores_accents_and_tone_placement(cast, seed_plan):
    plans = Plan.objects.all()
    assert list(search(plans, q="dai hoi dang")) == [seed_plan]
    assert list(search(plans, q="ĐẠI HỘI Đảng")) == [seed_plan]
    assert list(search(plans, q="quan uỷ long bien")) == [seed_plan]
    assert list(search(plans, q="dai hoi khong-co-tu-nay")) == []


def test_another_units_administrator_does_not_see_the_plan(cast, seed_plan):
    assert list(access.visible_plans(cast.lan)) == [seed_plan]
    assert list(access.visible_plans(cast.hung)) == [seed_plan]
    assert list(access.visible_plans(cast.tuan)) == []
    assert list(access.visible_plans(cast.binh)) == []


def test_a_citation_links_to_the_plan_it_cites_both_ways(cast, seed_plan):
    parent_text = (
        "THÀNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\n*\nSố 02-KH/BTGTU\n"
        "Hà Nội, ngày 24 tháng 12 năm 2015\nKẾ HOẠCH\n"
        "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XII của Đảng\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Tuyên truyền sâu rộng.\n"
    ).encode()
    parent = upload_file(cast.lan, cast.unit("QU-LB"), "kh02.txt", parent_text)
    link = PlanLink.objects.get()
    assert (link.source, link.target) == (seed_plan, parent)


def test_a_failed_read_keeps_no_plan_and_no_bytes(cast):
    upload = create_upload(
        data=b"Chi mot dong chu\n", name="a.txt", owner=cast.unit("QU-LB"), user=cast.lan
    )
    Upload.objects.filter(pk=upload.pk).update(content=b"\x00PK not a plan")
    read_upload.enqueue(str(upload.pk))
    run_worker()
    upload.refresh_from_db()
    assert upload.status == "failed"
    assert "Không đọc được" in upload.error
    assert bytes(upload.content) == b""
    assert Plan.objects.count() == 0


def test_changes_to_plans_units_and_people_are_audited_with_before_and_after(cast, seed_plan):
    from kehoach.web.audit import acting_as

    with acting_as(cast.lan):
        seed_plan.title = "Tiêu đề đã sửa"
        seed_plan.save()
    entry = AuditEntry.objects.filter(model="kehoach.Plan", action="update").get()
    assert entry.actor == cast.lan
    assert entry.after == {"title": "Tiêu đề đã sửa"}
    assert entry.before["title"].startswith("Triển khai công tác thông tin")
    assert entry.unit.code == "QU-LB"
    assert (
        AuditEntry.objects.filter(model="kehoach.Unit", action="create").count()
        == Unit.objects.count()
    )
    assert (
        AuditEntry.objects.filter(model=get_user_model()._meta.label, action="create").count() == 5
    )
