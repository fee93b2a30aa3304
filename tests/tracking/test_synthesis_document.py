"""The synthesis report drafted from plain data, edited, redrafted and rendered to DOCX in the
official format of the issuing body (no Django: the core alone)."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest

from kehoach.document import parse_file
from kehoach.document.checking import Severity, check_bytes
from kehoach.document.rendering.pdf import docx_to_pdf
from kehoach.tracking.synthesis import (
    EDITABLE,
    Issuer,
    Lateness,
    Narrative,
    Situation,
    SynthesisError,
    SynthesisInput,
    Total,
    UnitResult,
    apply_edits,
    draft_synthesis,
    edited_fields,
    get_field,
    recipient_from_line,
    redraft,
    render_synthesis_docx,
    synthesis_plan,
    thousands,
)

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
TODAY = date(2016, 6, 20)


@pytest.fixture(scope="module")
def seed_001() -> dict:
    return parse_file(sorted(SEEDS.glob("001_*.txt"))[0]).to_dict()


QUAN_UY = Issuer(
    name="Quận ủy Long Biên",
    kind="party_committee",
    organ_lines=("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY LONG BIÊN"),
    symbol="QU",
    place="Long Biên",
    short_name="Quận ủy",
    signer_authority="T/M BAN THƯỜNG VỤ",
    signer_title="PHÓ BÍ THƯ THƯỜNG TRỰC",
    signer_name="Nguyễn Huy Thắng",
    superiors=("Thành ủy Hà Nội",),
)
CONFERENCE = "Hội nghị, hội thảo, hội nghị báo cáo viên"
TOTALS = (
    Total("press", "Báo chí, phát thanh - truyền hình", "articles", "Số tin, bài", "tin, bài", 4),
    Total("conference", CONFERENCE, "held", "Số hội nghị", "hội nghị", 2),
    Total("conference", CONFERENCE, "attendees", "Lượt người dự", "lượt người", 1500),
)
UNITS = (
    UnitResult("Đảng ủy phường Bồ Đề", 1, {"conference.held": 2, "conference.attendees": 1500}),
    UnitResult("Đảng ủy phường Cự Khối", 1, {"press.articles": 4}),
    UnitResult("Đảng ủy phường Gia Thụy", 0, {}),
)


def make_input(plan: dict, **changes) -> SynthesisInput:
    values = {
        "plan": plan,
        "issuer": QUAN_UY,
        "today": TODAY,
        "situation": Situation(
            units=3, obligations=6, due=3, submitted=2, on_time=1, late=1, accepted=2, missing=1
        ),
        "totals": TOTALS,
        "units": UNITS,
        "late_units": (Lateness("Đảng ủy phường Cự Khối", ("6 tháng đầu năm 2016: chậm 3 ngày",)),),
        "missing_units": (Lateness("Đảng ủy phường Gia Thụy", ("6 tháng đầu năm 2016",)),),
        "narratives": (
            Narrative("Đảng ủy phường Bồ Đề", "6 tháng đầu năm 2016", "Tổ chức 2 hội nghị."),
        ),
    }
    values.update(changes)
    return SynthesisInput(**values)


@pytest.fixture
def doc(seed_001) -> dict:
    return draft_synthesis(make_input(seed_001))


def section(document: dict, key: str) -> str:
    return get_field(document, f"sections.{key}")


def body_text(data: bytes) -> str:
    d = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in d.paragraphs)


# --- the draft --------------------------------------------------------------------------------


def test_the_title_cites_the_plan_in_full(doc):
    assert doc["title"] == (
        "Kết quả thực hiện Kế hoạch số 17-KH/QU ngày 29/12/2015 của Ban Thường vụ Quận ủy "
        "về triển khai công tác thông tin, tuyên truyền phục vụ Đại hội đại biểu toàn quốc "
        "lần thứ XII của Đảng"
    )


def test_a_draft_has_a_blank_number_and_the_issuers_report_symbol(doc):
    assert (doc["doc_type"], doc["number"], doc["symbol"]) == ("BÁO CÁO", "", "BC/QU")
    assert (doc["place"], doc["date"], doc["regime"]) == ("Long Biên", "2016-06-20", "party")


def test_state_and_union_bodies_use_their_own_symbol_form(seed_001):
    ubnd = Issuer(name="Ủy ban nhân dân quận Long Biên", kind="peoples_committee", symbol="UBND")
    ldld = Issuer(name="Liên đoàn Lao động quận Long Biên", kind="trade_union", symbol="LĐLĐ")
    assert draft_synthesis(make_input(seed_001, issuer=ubnd))["symbol"] == "BC-UBND"
    union = draft_synthesis(make_input(seed_001, issuer=ldld))
    assert (union["symbol"], union["regime"]) == ("BC-LĐLĐ", "union")


def test_the_five_sections_come_in_order(doc):
    assert [(s["label"], s["heading"]) for s in doc["sections"]] == [
        ("I", "TÌNH HÌNH TRIỂN KHAI"),
        ("II", "KẾT QUẢ THỰC HIỆN"),
        ("III", "ĐƠN VỊ CHẬM, CHƯA BÁO CÁO"),
        ("IV", "ĐÁNH GIÁ CHUNG"),
        ("V", "PHƯƠNG HƯỚNG, KIẾN NGHỊ"),
    ]


def test_the_situation_is_told_in_figures(doc):
    text = section(doc, "deployment")
    assert text.startswith("Thực hiện Kế hoạch số 17-KH/QU ngày 29/12/2015")
    assert "cho 3 đơn vị" in text
    assert "Tính đến ngày 20/06/2016" in text
    assert "1 báo cáo đúng hạn, 1 báo cáo chậm hạn" in text
    assert "còn 1 lượt báo cáo quá hạn chưa gửi" in text


def test_results_are_sentences_per_channel_with_vietnamese_thousands(doc):
    text = section(doc, "results")
    assert "- Báo chí, phát thanh - truyền hình: số tin, bài: 4 tin, bài." in text
    assert f"- {CONFERENCE}: số hội nghị: 2 hội nghị; lượt người dự: 1.500 lượt người." in text
    assert "Đảng ủy phường Bồ Đề (6 tháng đầu năm 2016): Tổ chức 2 hội nghị." in text


def test_with_nothing_accepted_the_results_say_so(seed_001):
    document = draft_synthesis(make_input(seed_001, totals=(), narratives=()))
    assert "chưa tổng hợp được số liệu" in section(document, "results")
    assert document["table"]["columns"] == []


def test_late_and_missing_units_are_named_with_their_periods(doc):
    text = section(doc, "late")
    assert "Đơn vị gửi báo cáo chậm so với thời hạn (1 đơn vị): Đảng ủy phường Cự Khối" in text
    assert "Đơn vị chưa gửi báo cáo (1 đơn vị): Đảng ủy phường Gia Thụy (6 tháng" in text


def test_a_long_list_of_missing_units_is_cut_and_counted(seed_001):
    many = tuple(Lateness(f"Đảng ủy xã {i:04d}") for i in range(100))
    text = section(draft_synthesis(make_input(seed_001, missing_units=many)), "late")
    assert "(100 đơn vị)" in text
    assert "Đảng ủy xã 0059" in text and "Đảng ủy xã 0060" not in text
    assert "và 40 đơn vị khác (danh sách kèm theo)" in text


def test_the_table_by_unit_has_a_column_per_counted_measure(doc):
    table = doc["table"]
    assert [c["key"] for c in table["columns"]] == [
        "press.articles",
        "conference.held",
        "conference.attendees",
    ]
    assert [(r["unit"], r["reports"], r["values"]) for r in table["rows"]] == [
        ("Đảng ủy phường Bồ Đề", 1, [0, 2, 1500]),
        ("Đảng ủy phường Cự Khối", 1, [4, 0, 0]),
        ("Đảng ủy phường Gia Thụy", 0, [0, 0, 0]),
    ]
    assert table["total"] == {"reports": 2, "values": [4, 2, 1500]}


def test_recipients_are_those_the_plan_reported_to_then_the_archive(doc):
    assert doc["recipients"] == [
        {"name": "Thành ủy Hà Nội", "purpose": "để báo cáo"},
        {"name": "Ban Tuyên giáo Thành ủy Hà Nội", "purpose": "để báo cáo"},
        {"name": "Lưu VP", "purpose": None},
    ]
    assert doc["signer"] == {
        "authority": "T/M BAN THƯỜNG VỤ",
        "title": "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "name": "Nguyễn Huy Thắng",
    }


def test_without_such_recipients_the_report_goes_to_the_body_above(seed_001):
    plan = {**seed_001, "recipients": [{"name": "Lưu", "purpose": None}]}
    document = draft_synthesis(make_input(plan))
    assert document["recipients"][0] == {"name": "Thành ủy Hà Nội", "purpose": "để báo cáo"}


def test_thousands_are_grouped_with_dots():
    assert [thousands(n) for n in (0, 999, 1500, 2_000_000)] == ["0", "999", "1.500", "2.000.000"]


# --- edits and redrafts ---------------------------------------------------------------------


def test_an_edit_changes_only_its_field_and_is_remembered(doc):
    edited = apply_edits(
        doc, {"sections": {"assessment": "Các đơn vị thực hiện nghiêm túc."}, "number": "25"}
    )
    assert section(edited, "assessment") == "Các đơn vị thực hiện nghiêm túc."
    assert edited["number"] == "25"
    assert edited_fields(edited) == ["number", "sections.assessment"]
    assert section(doc, "assessment") != section(edited, "assessment"), "the input is untouched"


def test_edits_are_normalised_to_nfc_and_trimmed(doc):
    decomposed = "Đánh giá chung".replace("á", "a\u0301")
    edited = apply_edits(doc, {"sections": {"assessment": f"  {decomposed}  \r\n"}})
    assert section(edited, "assessment") == "Đánh giá chung"


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ({"date": "30/02/2016"}, "Ngày báo cáo không hợp lệ: “30/02/2016”"),
        ({"number": "25/BC"}, "Số văn bản không hợp lệ"),
        ({"title": "  "}, "Trích yếu không được để trống."),
        ({"sections": {"conclusion": "…"}}, "Không có mục “conclusion” trong báo cáo."),
        ({"table": []}, "Không sửa được mục “table”."),
        ({"sections": {"late": "x" * 50_001}}, "quá dài"),
        ({"signer": {"rank": "x"}}, "Người ký: không có mục “rank”."),
    ],
)
def test_a_bad_edit_is_refused_in_vietnamese(doc, edits, message):
    with pytest.raises(SynthesisError) as caught:
        apply_edits(doc, {"number": "7", **edits})
    assert message in caught.value.message


def test_a_date_is_taken_as_dd_mm_yyyy_or_iso(doc):
    assert apply_edits(doc, {"date": "05/07/2016"})["date"] == "2016-07-05"
    assert apply_edits(doc, {"date": "2016-07-05"})["date"] == "2016-07-05"
    assert apply_edits(doc, {"date": ""})["date"] == ""


def test_recipients_are_edited_one_per_line(doc):
    edited = apply_edits(doc, {"recipients": "- Thành ủy Hà Nội (để báo cáo);\n\n- Lưu VP."})
    assert edited["recipients"] == [
        {"name": "Thành ủy Hà Nội", "purpose": "để báo cáo"},
        {"name": "Lưu VP", "purpose": None},
    ]
    assert recipient_from_line("Các đảng ủy phường") == {
        "name": "Các đảng ủy phường",
        "purpose": None,
    }


def test_a_redraft_takes_new_figures_and_keeps_the_officers_edits(seed_001, doc):
    edited = apply_edits(doc, {"sections": {"assessment": "Nhận xét của Ban."}, "number": "25"})
    newer = draft_synthesis(
        make_input(
            seed_001,
            today=date(2016, 7, 1),
            missing_units=(),
            units=(*UNITS, UnitResult("Đảng ủy phường Đức Giang", 1, {"press.articles": 6})),
        )
    )
    merged = redraft(edited, newer)
    assert section(merged, "assessment") == "Nhận xét của Ban."
    assert merged["number"] == "25"
    assert merged["date"] == "2016-07-01", "an untouched field follows the new draft"
    assert "Đơn vị chưa gửi báo cáo" not in section(merged, "late")
    assert len(merged["table"]["rows"]) == 4
    assert edited_fields(merged) == ["number", "sections.assessment"]
    fresh = redraft(edited, newer, keep_edits=False)
    assert section(fresh, "assessment") == section(newer, "assessment")
    assert edited_fields(fresh) == []


def test_every_editable_field_is_reachable(doc):
    for path in EDITABLE:
        assert get_field(doc, path) is not None, path


# --- rendering ----------------------------------------------------------------------------------


def test_the_docx_has_the_party_header_number_line_and_title(doc):
    data = render_synthesis_docx(doc)
    d = docx.Document(io.BytesIO(data))
    header = d.tables[0]
    left = header.cell(0, 0).text
    assert "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" in left and "QUẬN ỦY LONG BIÊN" in left
    assert header.cell(0, 1).text.strip() == "ĐẢNG CỘNG SẢN VIỆT NAM"
    number = header.cell(1, 0).text
    assert number.startswith("Số") and number.split("\n")[0].endswith("-BC/QU")
    assert "Dự thảo" in number
    assert header.cell(1, 1).text.strip() == "Long Biên, ngày 20 tháng 6 năm 2016"
    text = body_text(data)
    assert "BÁO CÁO" in text
    assert doc["title"] in " ".join(text.split())


def test_the_table_by_unit_comes_at_the_end_of_section_ii_with_the_right_numbers(doc):
    d = docx.Document(io.BytesIO(render_synthesis_docx(doc)))
    table = d.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:3] == ["TT", "Đơn vị", "Số báo cáo"]
    assert rows[0][4] == CONFERENCE and rows[1][5] == "Lượt người dự (lượt người)"
    assert rows[2] == ["1", "Đảng ủy phường Bồ Đề", "1", "-", "2", "1.500"]
    assert rows[3] == ["2", "Đảng ủy phường Cự Khối", "1", "4", "-", "-"]
    assert rows[-1] == ["", "Tổng cộng", "2", "4", "2", "1.500"]
    # Between "II. KẾT QUẢ THỰC HIỆN" and "III. ĐƠN VỊ CHẬM …", in the body's order.
    body = d.element.body
    before = table._tbl.getprevious()
    after = table._tbl.getnext()
    assert "bảng dưới đây" in "".join(before.itertext())
    assert "".join(after.itertext()).startswith("III.")
    assert list(body).index(table._tbl) > list(body).index(d.tables[0]._tbl)


def test_the_rendered_report_passes_the_checker(doc):
    report = check_bytes(render_synthesis_docx(doc), name="bao-cao.docx")
    assert report.regime == "party"
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []
    assert report.plan.doc_type == "BÁO CÁO"
    assert report.plan.symbol == "BC/QU"


def test_a_numbered_report_has_no_draft_mark_and_passes_the_checker(doc):
    data = render_synthesis_docx(apply_edits(doc, {"number": "25"}))
    number = docx.Document(io.BytesIO(data)).tables[0].cell(1, 0).text
    assert number.strip() == "Số 25-BC/QU"
    report = check_bytes(data, name="bao-cao.docx")
    assert [f.rule for f in report.findings if f.severity >= Severity.WARNING] == []


def test_a_state_body_gets_the_national_header(seed_001):
    ubnd = Issuer(
        name="Ủy ban nhân dân quận Long Biên",
        kind="peoples_committee",
        organ_lines=("ỦY BAN NHÂN DÂN", "QUẬN LONG BIÊN"),
        symbol="UBND",
        place="Long Biên",
        signer_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Nguyễn Văn A",
    )
    data = render_synthesis_docx(draft_synthesis(make_input(seed_001, issuer=ubnd)))
    header = docx.Document(io.BytesIO(data)).tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert header.cell(1, 0).text.split("\n")[0].replace(" ", "") == "Số:/BC-UBND"
    report = check_bytes(data, name="bao-cao.docx")
    assert report.regime == "state"
    assert [f for f in report.findings if f.severity is Severity.ERROR] == []


def test_the_officers_text_is_what_is_printed(doc):
    edited = apply_edits(
        doc,
        {
            "sections": {"proposals": "1. Đề nghị Thành ủy cấp thêm tài liệu tuyên truyền."},
            "signer": {"authority": "T/M BAN THƯỜNG VỤ", "title": "BÍ THƯ", "name": "Trần B"},
        },
    )
    text = body_text(render_synthesis_docx(edited))
    assert "1. Đề nghị Thành ủy cấp thêm tài liệu tuyên truyền." in text
    d = docx.Document(io.BytesIO(render_synthesis_docx(edited)))
    closing = d.tables[-1].cell(0, 1).text
    assert "BÍ THƯ" in closing and "Trần B" in closing


def test_the_plan_model_carries_the_table_mark_only_with_a_table(seed_001, doc):
    assert "⟦" in synthesis_plan(doc).sections[1].text
    empty = draft_synthesis(make_input(seed_001, totals=()))
    assert "⟦" not in synthesis_plan(empty).sections[1].text


def test_a_national_table_of_3300_units_renders(seed_001):
    units = tuple(
        UnitResult(f"Đảng ủy xã {i:04d}", 1, {"press.articles": i % 7, "conference.held": 1})
        for i in range(3300)
    )
    document = draft_synthesis(make_input(seed_001, units=units))
    d = docx.Document(io.BytesIO(render_synthesis_docx(document)))
    table = d.tables[1]
    assert len(table.rows) == 3300 + 3
    assert table.rows[3301].cells[1].text == "Đảng ủy xã 3299"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_report_converts_to_pdf(doc):
    (pdf,) = docx_to_pdf([render_synthesis_docx(doc)])
    assert pdf.startswith(b"%PDF")
