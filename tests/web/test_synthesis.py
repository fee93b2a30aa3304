"""The synthesis drafted from the database: counts of the accepted reports only, the units
behind, stored and edited with an audit trail, rendered to DOCX, PDF and Excel."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import docx
import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from test_progress import TODAY, at, build, new_version

from kehoach.document.checking import Severity, check_bytes
from kehoach.tracking.synthesis import SynthesisError, edited_fields, get_field
from kehoach.web import synthesis
from kehoach.web.models import AuditEntry, Issuance, ReportState, Synthesis
from support.work import make_obligation


@pytest.fixture
def scene(cast, seed_plan):
    return build(cast, seed_plan)


def table(doc: dict) -> dict[str, tuple[int, dict[str, int]]]:
    keys = [c["key"] for c in doc["table"]["columns"]]
    return {
        row["unit"]: (row["reports"], dict(zip(keys, row["values"], strict=True)))
        for row in doc["table"]["rows"]
    }


# --- the draft ---------------------------------------------------------------------------------


def test_the_draft_counts_the_accepted_reports_only(scene):
    doc = synthesis.draft(scene.plan, TODAY)
    assert {(t["channel"], t["measure"]): t["total"] for t in doc["totals"]} == {
        ("press", "articles"): 4,
        ("conference", "held"): 2,
        ("conference", "attendees"): 150,
    }
    assert table(doc) == {
        "Đảng ủy phường Bồ Đề": (
            1,
            {"press.articles": 0, "conference.held": 2, "conference.attendees": 150},
        ),
        "Đảng ủy phường Cự Khối": (
            1,
            {"press.articles": 4, "conference.held": 0, "conference.attendees": 0},
        ),
        "Đảng ủy phường Đức Giang": (
            0,
            {"press.articles": 0, "conference.held": 0, "conference.attendees": 0},
        ),
        "Đảng ủy phường Gia Thụy": (
            0,
            {"press.articles": 0, "conference.held": 0, "conference.attendees": 0},
        ),
    }
    assert doc["table"]["total"] == {"reports": 2, "values": [4, 2, 150]}


def test_a_correction_counts_once_accepted(cast, scene):
    v2 = new_version(
        scene.bode_h1,
        cast.binh,
        state=ReportState.SUBMITTED,
        counts={("conference", "held"): 9},
        when=dt.date(2016, 6, 19),
    )
    assert (
        table(synthesis.draft(scene.plan, TODAY))["Đảng ủy phường Bồ Đề"][1]["conference.held"] == 2
    )
    # Returned, corrected and sent again as version 3, which the department accepts.
    v3 = new_version(
        v2,
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("conference", "held"): 3},
        when=dt.date(2016, 6, 20),
    )
    doc = synthesis.draft(scene.plan, TODAY)
    reports, values = table(doc)["Đảng ủy phường Bồ Đề"]
    assert (reports, values["conference.held"]) == (1, 3)
    assert "conference.attendees" not in values or values["conference.attendees"] == 0
    assert v3.version == 3


def test_the_draft_names_late_and_missing_units_as_of_today(scene):
    doc = synthesis.draft(scene.plan, TODAY)
    assert doc["late_units"] == [
        {
            "name": "Đảng ủy phường Cự Khối",
            "periods": ["6 tháng đầu năm 2016: nộp ngày 18/06/2016, chậm 3 ngày"],
        }
    ]
    assert doc["missing_units"] == [
        {"name": "Đảng ủy phường Gia Thụy", "periods": ["6 tháng đầu năm 2016"]}
    ]
    text = get_field(doc, "sections.deployment")
    assert "cho 4 đơn vị" in text
    assert "Các đơn vị được giao 4 nhiệm vụ; chưa có nhiệm vụ nào được báo hoàn thành." in text
    assert "có 5 lượt báo cáo đã đến hạn" in text, "4 due, and Cự Khối's year sent early"
    assert "3 báo cáo đúng hạn, 1 báo cáo chậm hạn" in text


def test_the_header_is_the_issuing_bodys(cast, scene):
    doc = synthesis.draft(scene.plan, TODAY)
    assert doc["organ_lines"] == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY LONG BIÊN"]
    assert (doc["symbol"], doc["place"], doc["regime"]) == ("BC/QU", "Long Biên", "party")
    assert doc["title"].startswith(
        "Kết quả thực hiện Kế hoạch số 17-KH/QU ngày 29/12/2015 của Ban Thường vụ Quận ủy về "
    )
    assert doc["signer"]["name"] == "Nguyễn Huy Thắng"
    # Issued through the register by the propaganda department: its header instead.
    Issuance.objects.update_or_create(
        plan=scene.plan,
        defaults={
            "issuer": cast.unit("BTG-QU-LB"),
            "doc_code": "KH",
            "year": 2015,
            "number": 17,
            "issued_on": dt.date(2015, 12, 29),
            "runs_until": dt.date(2016, 12, 31),
        },
    )
    again = synthesis.draft(scene.plan, TODAY)
    assert again["organ_lines"][-1] == "BAN TUYÊN GIÁO"
    assert again["symbol"] == "BC/BTGQU"


def test_the_draft_is_aggregated_in_sql_whatever_the_number_of_units(cast, scene):
    synthesis.draft(scene.plan, TODAY)  # the plan's owner is read once, then cached
    with CaptureQueriesContext(connection) as small:
        synthesis.draft(scene.plan, TODAY)
    for code in ("DU-P-LONGBIEN", "DU-P-NGOCLAM", "DU-P-NGOCTHUY", "DU-P-PHUCDONG"):
        make_obligation(scene.plan, cast.unit(code), start=dt.date(2016, 1, 1))
    with CaptureQueriesContext(connection) as large:
        doc = synthesis.draft(scene.plan, TODAY)
    assert len(doc["table"]["rows"]) == 8
    assert len(large.captured_queries) == len(small.captured_queries) <= 15


# --- stored, edited, redrafted -------------------------------------------------------------------


def test_edits_persist_and_are_audited(cast, scene):
    synthesis.redraft_synthesis(scene.plan, TODAY, cast.lan)
    synthesis.save_edits(
        scene.plan,
        {"sections": {"assessment": "Nhận xét của Ban Tuyên giáo."}, "number": "25"},
        cast.lan,
        TODAY,
    )
    row = Synthesis.objects.get(plan=scene.plan)
    assert get_field(row.data, "sections.assessment") == "Nhận xét của Ban Tuyên giáo."
    assert row.data["number"] == "25"
    assert row.updated_by == cast.lan
    entries = AuditEntry.objects.filter(model="kehoach.Synthesis", object_id=str(row.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
    update = entries.get(action="update")
    assert update.actor == cast.lan
    assert update.unit == cast.unit("QU-LB")
    assert get_field(update.after["data"], "sections.assessment") == "Nhận xét của Ban Tuyên giáo."
    assert get_field(update.before["data"], "sections.assessment") != "Nhận xét của Ban Tuyên giáo."


def test_a_bad_edit_stores_nothing(cast, scene):
    synthesis.redraft_synthesis(scene.plan, TODAY, cast.lan)
    before = Synthesis.objects.get(plan=scene.plan).data
    with pytest.raises(SynthesisError):
        synthesis.save_edits(scene.plan, {"number": "26", "date": "31/06/2016"}, cast.lan, TODAY)
    assert Synthesis.objects.get(plan=scene.plan).data == before


def test_editing_before_any_draft_drafts_first(cast, scene):
    row = synthesis.save_edits(scene.plan, {"number": "3"}, cast.lan, TODAY)
    assert row.data["number"] == "3"
    assert edited_fields(row.data) == ["number"]
    assert len(row.data["table"]["rows"]) == 4


def test_a_redraft_takes_new_reports_and_keeps_the_edits(cast, scene):
    from support.work import make_report

    synthesis.redraft_synthesis(scene.plan, TODAY, cast.lan)
    synthesis.save_edits(
        scene.plan, {"sections": {"proposals": "Kiến nghị riêng."}}, cast.lan, TODAY
    )
    make_report(
        scene.h1["DU-P-GIATHUY"],
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("press", "articles"): 10},
        submitted_at=at(dt.date(2016, 6, 21)),
    )
    later = dt.date(2016, 6, 25)
    row = synthesis.redraft_synthesis(scene.plan, later, cast.lan)
    assert get_field(row.data, "sections.proposals") == "Kiến nghị riêng."
    assert table(row.data)["Đảng ủy phường Gia Thụy"][1]["press.articles"] == 10
    assert row.data["missing_units"] == []
    assert row.data["date"] == "2016-06-25"
    fresh = synthesis.redraft_synthesis(scene.plan, later, cast.lan, keep_edits=False)
    assert get_field(fresh.data, "sections.proposals") != "Kiến nghị riêng."
    assert edited_fields(fresh.data) == []


# --- files -------------------------------------------------------------------------------------------


def test_the_docx_carries_the_header_title_and_table_by_unit(cast, scene):
    synthesis.save_edits(scene.plan, {"number": "25"}, cast.lan, TODAY)
    data = synthesis.render(scene.plan, "docx", TODAY)
    d = docx.Document(io.BytesIO(data))
    header = d.tables[0]
    assert "QUẬN ỦY LONG BIÊN" in header.cell(0, 0).text
    assert header.cell(0, 1).text.strip() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert header.cell(1, 0).text.strip() == "Số 25-BC/QU"
    text = " ".join("\n".join(p.text for p in d.paragraphs).split())
    assert "BÁO CÁO Kết quả thực hiện Kế hoạch số 17-KH/QU ngày 29/12/2015" in text
    rows = [[c.text for c in r.cells] for r in d.tables[1].rows]
    assert rows[2] == ["1", "Đảng ủy phường Bồ Đề", "1", "-", "2", "150"]
    assert rows[3] == ["2", "Đảng ủy phường Cự Khối", "1", "4", "-", "-"]
    assert rows[5] == ["4", "Đảng ủy phường Gia Thụy", "-", "-", "-", "-"]
    assert rows[-1] == ["", "Tổng cộng", "2", "4", "2", "150"]
    report = check_bytes(data, name="bao-cao.docx")
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_the_excel_of_the_synthesis_reads_back(cast, scene):
    book = openpyxl.load_workbook(io.BytesIO(synthesis.render(scene.plan, "xlsx", TODAY)))
    assert book.sheetnames == ["Theo hình thức", "Theo đơn vị", "Chậm, chưa báo cáo", "Nội dung"]
    units = list(book["Theo đơn vị"].iter_rows(values_only=True))
    assert units[1] == (1, "Đảng ủy phường Bồ Đề", 1, 0, 2, 150)
    assert units[-1] == (None, "Tổng cộng", 2, 4, 2, 150)
    behind = list(book["Chậm, chưa báo cáo"].iter_rows(min_row=2, values_only=True))
    assert [r[:2] for r in behind] == [
        ("Đảng ủy phường Cự Khối", "Gửi báo cáo chậm"),
        ("Đảng ủy phường Gia Thụy", "Chưa gửi báo cáo"),
    ]
    text = list(book["Nội dung"].iter_rows(min_row=2, values_only=True))
    assert text[1][0] == "I. TÌNH HÌNH TRIỂN KHAI"


def test_the_file_name_names_the_plan(scene):
    assert synthesis.filename(scene.plan, "docx") == "bao-cao-ket-qua-17-KH-QU.docx"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_pdf_is_made_by_libreoffice(scene):
    assert synthesis.render(scene.plan, "pdf", TODAY).startswith(b"%PDF")


# --- the whole loop, through the issuing and reporting code ------------------------------------


def test_issue_report_accept_then_the_synthesis_counts_it(cast, seed_plan):
    from kehoach.web import issuing, reporting
    from kehoach.web.models import Obligation

    issuing.issue_plan(seed_plan, cast.lan, issued_on=dt.date(2015, 12, 29))
    seed_plan.refresh_from_db()
    obligation = Obligation.objects.get(plan=seed_plan, unit__code="DU-P-BODE")
    report = reporting.start_report(obligation, cast.binh)
    reporting.save_report(
        report,
        cast.binh,
        narrative="Tổ chức hội nghị quán triệt Nghị quyết Đại hội XII cho 320 đảng viên.",
        counts={("conference", "held"): 3, ("conference", "attendees"): 320},
    )
    reporting.submit_report(report, cast.binh, now=at(dt.date(2016, 2, 1)))
    day = dt.date(2016, 2, 10)
    before = synthesis.draft(seed_plan, day)
    assert before["table"]["columns"] == [], "submitted, not yet accepted: nothing counts"
    reporting.accept_report(report, cast.lan, now=at(dt.date(2016, 2, 2)))
    doc = synthesis.draft(seed_plan, day)
    assert table(doc)["Đảng ủy phường Bồ Đề"] == (
        1,
        {"conference.held": 3, "conference.attendees": 320},
    )
    assert doc["title"].startswith(f"Kết quả thực hiện Kế hoạch số {seed_plan.reference} ")
    assert "Đảng ủy phường Cự Khối" in [u["name"] for u in doc["missing_units"]]
    data = synthesis.render(seed_plan, "docx", day)
    rows = [[c.text for c in r.cells] for r in docx.Document(io.BytesIO(data)).tables[1].rows]
    assert ["Đảng ủy phường Bồ Đề", "1", "3", "320"] in [r[1:] for r in rows]
    report = check_bytes(data, name="bao-cao.docx")
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []
