"""The whole loop, on SQLite and PostgreSQL, through the HTTP API a clerk's tools would use:
the department issues a seed plan, the ward finds its work, reports, the department accepts,
the synthesis counts it and renders as an official DOCX."""

from __future__ import annotations

import io
import json

import docx

from kehoach.web.models import Obligation, ReportState, Task
from support.api import Api


def _document_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_a_plan_runs_from_issue_to_synthesis(cast, seed_plan):
    department, ward = Api(cast.lan), Api(cast.binh)

    # The department issues 17-KH/QU (dated 29/12/2015) the next day.
    issued = department.send("post", f"/plans/{seed_plan.pk}/issue", {"issued_on": "2015-12-30"})
    assert issued.status_code == 201, issued.content
    reference = issued.json()["reference"]  # the register's first number this year
    assert reference == "01-KH/QU"
    # Tasks for the units the plan names, found in the tree.
    units = set(Task.objects.filter(plan=seed_plan).values_list("unit__code", flat=True))
    assert {"BTG-QU-LB", "UBND-LB", "MTTQ-LB", "DU-P-BODE", "DU-P-CUKHOI"} <= units
    assert "LDLD-HN" not in units and "BTG-TU-HN" not in units

    # The ward finds its report obligation (due 04/02/2016, the plan's own deadline).
    owed = ward.get("/units/DU-P-BODE/obligations").json()
    assert [o["due_date"] for o in owed] == ["2016-02-04"], owed
    obligation_id = owed[0]["id"]
    assert ward.get("/units/DU-P-CUKHOI/obligations").status_code == 404  # another ward

    # It writes and submits its report.
    report = ward.send("post", f"/obligations/{obligation_id}/reports").json()
    counts = [
        {"channel": "conference", "measure": "held", "value": 2},
        {"channel": "conference", "measure": "attendees", "value": 150},
        {"channel": "press", "measure": "articles", "value": 3},
    ]
    saved = ward.send(
        "patch",
        f"/reports/{report['id']}",
        {"narrative": "Phường tổ chức 2 hội nghị quán triệt Đại hội XII.", "counts": counts},
    )
    assert saved.status_code == 200, saved.content
    assert ward.send("post", f"/reports/{report['id']}/submit").status_code == 200
    # The ward cannot accept its own report; the department can.
    assert ward.send("post", f"/reports/{report['id']}/accept").status_code in (403, 404)
    accepted = department.send("post", f"/reports/{report['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == ReportState.ACCEPTED
    assert Obligation.objects.get(pk=obligation_id).state == "accepted"

    # The synthesis counts the accepted report, by channel and by unit.
    synthesis = department.get(f"/plans/{seed_plan.pk}/synthesis")
    assert synthesis.status_code == 200, synthesis.content
    flat = json.dumps(synthesis.json(), ensure_ascii=False)
    assert "150" in flat and "Bồ Đề" in flat
    assert ward.get(f"/plans/{seed_plan.pk}/synthesis").status_code == 404

    # ... and renders as the issuing body's official report.
    rendered = department.get(f"/plans/{seed_plan.pk}/synthesis.docx")
    assert rendered.status_code == 200
    text = _document_text(rendered.content)
    assert "BÁO CÁO" in text and f"Kế hoạch số {reference} ngày 30/12/2015" in text
    assert "150" in text and "Bồ Đề" in text
