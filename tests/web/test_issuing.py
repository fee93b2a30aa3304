"""Issuing a plan: the outgoing register's numbers, the tasks and report obligations a plan
hands out, the units told about them — all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from conftest import SEEDS
from kehoach.document import parse_bytes
from kehoach.web import issuing, library
from kehoach.web.audit import acting_as
from kehoach.web.models import (
    AuditEntry,
    Frequency,
    Issuance,
    Notification,
    Obligation,
    Plan,
    PlanStatus,
    RegisterStart,
    Task,
    Unit,
)

GRASSROOTS = {
    "DU-P-BODE",
    "DU-P-CUKHOI",
    "DU-P-DUCGIANG",
    "DU-P-GIATHUY",
    "DU-P-GIANGBIEN",
    "DU-P-LONGBIEN",
    "DU-P-NGOCLAM",
    "DU-P-NGOCTHUY",
    "DU-P-PHUCDONG",
    "DU-P-PHUCLOI",
    "DU-P-SAIDONG",
    "DU-P-THACHBAN",
    "DU-P-THUONGTHANH",
    "DU-P-VIETHUNG",
    "DB-CQ-QU-LB",
    "CB-THCS-NGOCLAM",
}
ISSUED_001 = dt.date(2015, 12, 29)


def filed(owner: Unit, seed: str = "001", *, status: str = PlanStatus.SAVED) -> Plan:
    """A seed plan in ``owner``'s library, reviewed and saved."""
    path = sorted(SEEDS.glob(f"{seed}_*.txt"))[0]
    row = Plan(owner=owner, status=status, source_text=path.read_text(encoding="utf-8"))
    library.apply_core(row, parse_bytes(path.read_bytes(), name=path.name))
    row.save()
    return row


def counts() -> tuple[int, ...]:
    return (
        Issuance.objects.count(),
        Task.objects.count(),
        Obligation.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.count(),
    )


def codes(rows) -> set[str]:
    return {r.unit.code for r in rows}


# --- what issuing creates -------------------------------------------------------------------


def test_issuing_seed_001_gives_each_named_unit_its_duties(cast, seed_plan):
    issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    tasks = Task.objects.filter(plan=seed_plan).select_related("unit")
    assert codes(tasks.filter(unit__code="BTG-QU-LB", assignment_index=0)) == {"BTG-QU-LB"}
    assert tasks.filter(unit__code="BTG-QU-LB", assignment_index=0).count() == 6
    assert tasks.filter(unit__code="UBND-LB").count() == 5
    # "Các ban xây dựng Đảng và Văn phòng Quận uỷ": the committee's departments and office.
    assert codes(tasks.filter(assignment_index=1)) == {
        "BTG-QU-LB",
        "BTC-QU-LB",
        "BDV-QU-LB",
        "UBKT-QU-LB",
        "VP-QU-LB",
    }
    # "Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội": the Front and the mass
    # organisations of the district, the district's trade union (in the union's own line) too.
    assert codes(tasks.filter(assignment_index=3)) == {
        "MTTQ-LB",
        "QD-LB",
        "HPN-LB",
        "CCB-LB",
        "LDLD-LB",
    }
    assert codes(tasks.filter(assignment_index=4)) == GRASSROOTS
    assert "QU-LB" not in codes(tasks), "the committee does not give itself duties"
    assert tasks.count() == 6 + 5 * 1 + 5 + 5 * 1 + 16 * 1


def test_each_task_is_linked_to_its_clause_and_carries_its_duty(cast, seed_plan):
    issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    bode = Task.objects.get(plan=seed_plan, unit__code="DU-P-BODE")
    assignment = seed_plan.data["assignments"][4]
    assert (bode.assignment_index, bode.duty_index) == (4, 0)
    assert bode.source_line == assignment["line"]
    assert bode.text == assignment["duties"][0]
    assert bode.assigned_name == "Các tổ chức cơ sở Đảng thuộc Quận"
    btg = Task.objects.filter(plan=seed_plan, unit__code="BTG-QU-LB", assignment_index=0)
    assert [t.duty_index for t in btg.order_by("duty_index")] == [0, 1, 2, 3, 4, 5]
    assert btg.get(duty_index=1).text.startswith("Tổ chức hội nghị báo cáo viên cấp quận")


def test_the_report_deadline_becomes_the_due_date_and_a_once_obligation_of_the_grassroots(
    cast, seed_plan
):
    issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    deadline = dt.date(2016, 2, 4)
    grassroots = Task.objects.filter(plan=seed_plan, assignment_index=4)
    assert {t.due_date for t in grassroots} == {deadline}
    once = Obligation.objects.filter(plan=seed_plan).select_related("unit")
    assert codes(once) == GRASSROOTS, "only the organisations told to report owe a report"
    assert {(o.frequency, o.period_start, o.period_end, o.due_date) for o in once} == {
        (Frequency.ONCE, ISSUED_001, deadline, deadline)
    }
    assert all("04/02/2016" in o.label for o in once)
    assert {o.source_line for o in once} == {seed_plan.data["deadlines"][-1]["line"]}


def test_two_report_deadlines_give_a_unit_two_reports_one_after_the_other(cast, seed_plan):
    data = dict(seed_plan.data)
    last = data["deadlines"][-1]
    # "… báo cáo sơ kết trước ngày 20/01/2016", said of the same organisations, twice.
    interim = {**last, "date": "2016-01-20", "what": "báo cáo sơ kết đợt cao điểm"}
    data["deadlines"] = [*data["deadlines"], interim, {**interim, "what": "gửi báo cáo sơ kết"}]
    Plan.objects.filter(pk=seed_plan.pk).update(data=data)
    seed_plan.refresh_from_db()
    issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    bode = Obligation.objects.filter(plan=seed_plan, unit__code="DU-P-BODE").order_by("due_date")
    assert [(o.period_start, o.period_end) for o in bode] == [
        (ISSUED_001, dt.date(2016, 1, 20)),
        (dt.date(2016, 1, 21), dt.date(2016, 2, 4)),
    ]
    assert Obligation.objects.filter(plan=seed_plan).count() == 2 * len(GRASSROOTS)


def test_a_duty_without_a_deadline_of_its_own_is_due_when_the_plan_ends(cast, seed_plan):
    issuance = issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    assert issuance.runs_until == dt.date(2016, 2, 4)  # the last phase ends on 04/02/2016
    ubnd = Task.objects.filter(plan=seed_plan, unit__code="UBND-LB")
    assert {t.due_date for t in ubnd} == {issuance.runs_until}


def test_seed_000_owes_six_monthly_and_yearly_reports_until_the_end_of_its_year(cast):
    plan = filed(cast.unit("QU-LB"), "000")
    issuance = issuing.issue_plan(plan, cast.lan, issued_on=dt.date(2023, 11, 3))
    assert issuance.runs_until == dt.date(2023, 12, 31), "no end of its own: the year's end"
    rows = Obligation.objects.filter(plan=plan).select_related("unit")
    assert codes(rows) == GRASSROOTS, "the grassroots organisations are the ones told to report"
    periods = {(o.frequency, o.label, o.period_start, o.period_end, o.due_date) for o in rows}
    assert periods == {
        (
            "6-month",
            "6 tháng cuối năm 2023",
            dt.date(2023, 7, 1),
            dt.date(2023, 12, 31),
            dt.date(2023, 12, 15),
        ),
        ("yearly", "Năm 2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), dt.date(2023, 12, 15)),
    }
    assert rows.count() == 2 * len(GRASSROOTS)


def test_a_longer_run_and_another_due_day_give_every_period_until_then(cast):
    plan = filed(cast.unit("QU-LB"), "000")
    issuing.issue_plan(
        plan,
        cast.lan,
        issued_on=dt.date(2023, 11, 3),
        runs_until=dt.date(2024, 12, 31),
        due_day=20,
    )
    bode = Obligation.objects.filter(plan=plan, unit__code="DU-P-BODE")
    assert [(o.label, o.due_date) for o in bode.order_by("due_date", "frequency")] == [
        ("6 tháng cuối năm 2023", dt.date(2023, 12, 20)),
        ("Năm 2023", dt.date(2023, 12, 20)),
        ("6 tháng đầu năm 2024", dt.date(2024, 6, 20)),
        ("6 tháng cuối năm 2024", dt.date(2024, 12, 20)),
        ("Năm 2024", dt.date(2024, 12, 20)),
    ]


def test_the_issued_plan_carries_its_number_and_date_in_its_columns_and_its_data(cast, seed_plan):
    issuing.issue_plan(seed_plan, cast.lan, issued_on=dt.date(2016, 1, 5))
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.ISSUED
    assert (seed_plan.number, seed_plan.symbol, seed_plan.reference) == ("01", "KH/QU", "01-KH/QU")
    assert (seed_plan.date, seed_plan.year) == (dt.date(2016, 1, 5), 2016)
    assert seed_plan.data["number"] == "01"
    assert seed_plan.data["date"] == "2016-01-05"
    assert seed_plan.data["assignments"], "the rest of the plan is kept"
    assert library.number_key("01", "KH/QU") == seed_plan.number_key
    assert "01-kh/qu" in seed_plan.search_text


def test_proposing_reads_and_writes_nothing(cast, seed_plan):
    before = counts()
    proposal = issuing.propose(seed_plan, issued_on=ISSUED_001)
    assert counts() == before
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.REVIEW
    assert (proposal.number, proposal.reference, proposal.runs_until) == (
        1,
        "01-KH/QU",
        dt.date(2016, 2, 4),
    )
    assert proposal.issuer.code == "QU-LB" and proposal.doc_code == "KH"
    assert [a.method for a in proposal.assignments] == ["exact", "group", "exact", "group", "group"]
    assert proposal.task_count == 37
    assert proposal.obligation_count == 16
    assert proposal.unconfirmed == []
    assert any("rà soát" in note for note in proposal.notes), "issuing unreviewed is flagged"


# --- the register ---------------------------------------------------------------------------


def test_numbers_follow_each_other_per_issuer_type_and_year_and_restart_each_year(cast):
    qu, ldld = cast.unit("QU-LB"), cast.unit("LDLD-LB")
    numbers = [
        issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, d)).number
        for d in (5, 6, 7)
    ]
    assert numbers == [1, 2, 3]
    # Another issuer keeps its own register.
    union = filed(ldld, "002")
    assert issuing.issue_plan(union, cast.tuan, issued_on=dt.date(2016, 1, 8)).number == 1
    union.refresh_from_db()
    assert union.reference == "01/KH-LĐLĐ"
    # Another document type too.
    guide = filed(qu)
    Plan.objects.filter(pk=guide.pk).update(symbol="HD/QU", doc_type="HƯỚNG DẪN")
    guide.refresh_from_db()
    assert issuing.doc_code(guide) == "HD"
    assert issuing.issue_plan(guide, cast.lan, issued_on=dt.date(2016, 1, 9)).number == 1
    # A new year starts again from 1.
    assert issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2017, 1, 3)).number == 1
    assert issuing.next_number(qu, "KH", 2016) == 4
    assert issuing.next_number(qu, "KH", 2017) == 2


def test_a_register_start_is_honoured_and_cannot_go_below_what_was_issued(cast):
    qu = cast.unit("QU-LB")
    with acting_as(cast.lan):
        issuing.set_register_start(qu, "KH", 2016, 41)
    assert issuing.next_number(qu, "KH", 2016) == 41
    assert issuing.next_number(qu, "KH", 2017) == 1, "a start belongs to one year"
    first = issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 3, 1))
    second = issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 3, 2))
    assert (first.number, second.number) == (41, 42)
    with pytest.raises(issuing.IssueError, match="đã cấp đến số 42"):
        issuing.set_register_start(qu, "KH", 2016, 42)
    issuing.set_register_start(qu, "KH", 2016, 60)
    assert issuing.next_number(qu, "KH", 2016) == 60
    assert RegisterStart.objects.get(issuer=qu, doc_code="KH", year=2016).start == 60
    assert AuditEntry.objects.filter(model="kehoach.RegisterStart").exists()


def test_a_number_can_be_chosen_by_hand_and_the_register_continues_after_it(cast):
    qu = cast.unit("QU-LB")
    row = issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 5), number=17)
    assert row.number == 17
    assert Plan.objects.get(pk=row.plan_id).reference == "17-KH/QU"
    assert issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 6)).number == 18


def test_a_number_already_taken_is_refused_and_nothing_is_written(cast):
    qu = cast.unit("QU-LB")
    issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 5), number=17)
    plan = filed(qu)
    before = counts()
    mail.outbox.clear()
    with pytest.raises(issuing.NumberTaken) as refused:
        issuing.issue_plan(plan, cast.lan, issued_on=dt.date(2016, 2, 1), number=17)
    assert "Số 17 đã được cấp" in refused.value.message
    assert "18" in refused.value.message, "the message offers the next free number"
    assert refused.value.status == 409
    assert counts() == before
    assert mail.outbox == []
    plan.refresh_from_db()
    assert (plan.status, plan.number, plan.date) == (PlanStatus.SAVED, "17", dt.date(2015, 12, 29))
    # The same number in another year is free.
    assert issuing.issue_plan(plan, cast.lan, issued_on=dt.date(2017, 1, 2), number=17).number == 17


def test_a_plan_already_issued_is_not_issued_again(cast, seed_plan):
    issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    before = counts()
    with pytest.raises(issuing.AlreadyIssued) as refused:
        issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001, number=9)
    assert "đã được ban hành (01-KH/QU)" in refused.value.message
    assert counts() == before


def test_the_type_code_comes_from_the_symbol_or_the_document_type(cast):
    plan = Plan(owner=cast.unit("QU-LB"), symbol="KH/QU", doc_type="KẾ HOẠCH")
    assert issuing.doc_code(plan) == "KH"
    assert issuing.doc_code(Plan(symbol="KH-UBND", doc_type="")) == "KH"
    assert issuing.doc_code(Plan(symbol="", doc_type="HƯỚNG DẪN")) == "HD"
    assert issuing.doc_code(Plan(symbol="", doc_type="Chương trình")) == "CTr"
    assert issuing.doc_code(Plan(symbol="", doc_type="ĐỀ ÁN")) == "ĐA"


def test_a_plan_of_a_department_takes_its_number_from_the_departments_register(cast):
    plan = filed(cast.unit("QU-LB"), "001")
    Plan.objects.filter(pk=plan.pk).update(symbol="KH/BTGQU")
    plan.refresh_from_db()
    assert issuing.issuing_unit(plan).code == "BTG-QU-LB"
    row = issuing.issue_plan(plan, cast.lan, issued_on=ISSUED_001)
    assert (row.issuer.code, row.number) == ("BTG-QU-LB", 1)
    assert issuing.next_number(cast.unit("QU-LB"), "KH", 2015) == 1


def test_a_received_plans_symbol_becomes_the_issuers_own(cast):
    plan = filed(cast.unit("QU-LB"), "004")  # Huyện ủy Bạch Thông's KH/HU, filed here
    proposal = issuing.propose(plan, issued_on=dt.date(2023, 8, 1))
    assert proposal.issuer.code == "QU-LB"
    assert proposal.symbol == "KH/QU"
    assert any("KH/HU" in note and "KH/QU" in note for note in proposal.notes)


# --- matches to confirm ---------------------------------------------------------------------


def test_a_guessed_or_missing_unit_must_be_confirmed_before_issuing(cast):
    plan = filed(cast.unit("QU-LB"), "004")
    proposal = issuing.propose(plan, issued_on=dt.date(2023, 8, 1))
    unsure = {a.index: a for a in proposal.unconfirmed}
    assert unsure and {a.method for a in unsure.values()} <= {"fuzzy", "none"}
    before = counts()
    with pytest.raises(issuing.UnconfirmedMatches) as refused:
        issuing.issue_plan(plan, cast.lan, issued_on=dt.date(2023, 8, 1))
    assert refused.value.indices == sorted(unsure)
    for a in unsure.values():
        assert a.name in refused.value.message
    assert counts() == before


def test_confirmed_choices_replace_the_guess_and_an_empty_choice_skips(cast):
    plan = filed(cast.unit("QU-LB"), "004")
    proposal = issuing.propose(plan, issued_on=dt.date(2023, 8, 1))
    fuzzy = [a for a in proposal.unconfirmed if a.method == "fuzzy"]
    missing = next(a for a in proposal.unconfirmed if a.name == "Trung tâm Chính trị huyện")
    assert missing.method == "none"
    ttbdct = cast.unit("TTBDCT-LB")
    choices = {a.index: [a.options[0].pk] for a in proposal.unconfirmed}
    choices[missing.index] = [ttbdct.pk]
    issuing.issue_plan(plan, cast.lan, issued_on=dt.date(2023, 8, 1), choices=choices)
    tasks = Task.objects.filter(plan=plan)
    assert set(
        tasks.filter(assignment_index=missing.index).values_list("unit__code", flat=True)
    ) == {"TTBDCT-LB"}
    for a in fuzzy:
        assert set(tasks.filter(assignment_index=a.index).values_list("unit_id", flat=True)) == {
            a.options[0].pk
        }

    other = filed(cast.unit("QU-LB"), "004")
    skip = {a.index: [] for a in proposal.unconfirmed}
    issuing.issue_plan(other, cast.lan, issued_on=dt.date(2023, 8, 2), choices=skip)
    assert not Task.objects.filter(plan=other, assignment_index__in=list(skip)).exists()
    assert Task.objects.filter(plan=other).exists()


def test_a_choice_outside_the_match_and_the_persons_units_is_refused(cast):
    plan = filed(cast.unit("QU-LB"), "004")
    proposal = issuing.propose(plan, issued_on=dt.date(2023, 8, 1))
    choices = {a.index: [] for a in proposal.unconfirmed}
    missing = next(a for a in proposal.unconfirmed if a.method == "none")
    choices[missing.index] = [cast.unit("BTG-TU-HN").pk]  # the city's: above Lan's scope
    before = counts()
    with pytest.raises(issuing.IssueError, match="không hợp lệ"):
        issuing.issue_plan(plan, cast.lan, issued_on=dt.date(2023, 8, 1), choices=choices)
    assert counts() == before


# --- audit and notifications ----------------------------------------------------------------


def test_the_issuance_the_plan_the_tasks_and_the_obligations_are_audited(cast, seed_plan):
    row = issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    entries = AuditEntry.objects.filter(actor=cast.lan)
    issuance = entries.get(model="kehoach.Issuance")
    assert issuance.object_id == str(row.pk) and issuance.action == "create"
    assert issuance.after["number"] == 1
    plan = entries.filter(model="kehoach.Plan", action="update").latest("id")
    assert plan.after["status"] == "issued" and plan.before["status"] == "review"
    tasks = entries.filter(model="kehoach.Task")
    assert tasks.count() == Task.objects.filter(plan=seed_plan).count()
    assert set(tasks.values_list("object_id", flat=True)) == {
        str(pk) for pk in Task.objects.filter(plan=seed_plan).values_list("pk", flat=True)
    }
    bode = tasks.get(unit__code="DU-P-BODE")
    assert bode.after["due_date"] == "2016-02-04"
    assert entries.filter(model="kehoach.Obligation").count() == 16


def test_the_units_people_are_told_once_each_with_a_link_to_their_work(
    cast, seed_plan, django_capture_on_commit_callbacks
):
    cast.binh.email = "binh@bode.example"
    cast.binh.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    (binh,) = Notification.objects.filter(user=cast.binh)
    assert "01-KH/QU" in binh.text
    assert "Đảng ủy phường Bồ Đề" in binh.text
    assert "1 nhiệm vụ và 1 kỳ báo cáo" in binh.text
    assert binh.url == issuing.inbox_url()
    # Lan works in the propaganda department, which was given work; Tuấn in the trade union.
    assert Notification.objects.filter(user=cast.lan).count() == 1
    assert Notification.objects.filter(user=cast.tuan).count() == 1
    assert not Notification.objects.filter(user__in=[cast.hung, cast.mai]).exists()
    assert [m.to for m in mail.outbox] == [["binh@bode.example"]]
    assert "01-KH/QU" in mail.outbox[0].subject


def test_the_notification_links_to_the_inbox_page(cast, seed_plan):
    from django.urls import NoReverseMatch, reverse

    try:
        inbox = reverse("kehoach:inbox")
    except NoReverseMatch:
        pytest.skip("the inbox page (kehoach:inbox) is not built yet")
    issuing.issue_plan(seed_plan, cast.lan, issued_on=ISSUED_001)
    assert Notification.objects.get(user=cast.binh).url == inbox
