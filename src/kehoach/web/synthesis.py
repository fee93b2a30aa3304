"""The synthesis of an issued plan: drafted from the accepted reports, edited, rendered.

    doc = draft(plan, today)                       # a fresh draft, nothing stored
    row = redraft_synthesis(plan, today, user)     # stored; the officer's edits kept
    row = save_edits(plan, {"sections": {...}}, user)
    data = render(plan, "docx")                    # docx, pdf, xlsx

``draft`` reads everything with the aggregate queries of ``progress`` (about ten queries
whatever the number of units) and hands plain data to the core
(``kehoach.tracking.synthesis``), which writes the text and lays out the document in the
official format of the issuing body. The document is stored in ``Synthesis.data``; every
change to it is audited (the model is in ``audit.audited_models``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from kehoach.document.rendering.pdf import docx_to_pdf
from kehoach.tracking import synthesis as core

from . import downloads, excel, progress
from .audit import acting_as
from .models import Issuance, Plan, Synthesis, Unit

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": excel.CONTENT_TYPE,
}


def issuer_of(plan: Plan) -> Unit:
    """The body that issued the plan (its register entry), else the library it lives in."""
    issuance = Issuance.objects.filter(plan=plan).select_related("issuer").first()
    return issuance.issuer if issuance is not None else plan.owner


def _superiors(unit: Unit) -> tuple[str, ...]:
    ids = [int(p) for p in unit.path.strip("/").split("/") if p][:-1]
    names = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    return tuple(names[i] for i in reversed(ids) if i in names)


def _issuer(unit: Unit) -> core.Issuer:
    return core.Issuer(
        name=unit.name,
        kind=unit.kind,
        organ_lines=tuple(unit.header_lines or ()),
        symbol=unit.symbol,
        place=unit.place,
        short_name=unit.short_name,
        signer_authority=unit.signer_authority,
        signer_title=unit.signer_title,
        signer_name=unit.signer_name,
        superiors=_superiors(unit),
    )


def _plan_data(plan: Plan) -> dict[str, Any]:
    """The plan JSON, its number, symbol, date and issuer as the library keeps them."""
    data = dict(plan.data or {})
    for name in ("doc_type", "number", "symbol", "issuer", "title"):
        data[name] = data.get(name) or getattr(plan, name) or None
    if not data.get("date") and plan.date:
        data["date"] = plan.date.isoformat()
    return data


def _periods(items: list[progress.Behind], *, late: bool) -> tuple[str, ...]:
    if not late:
        return tuple(item.label for item in items)
    return tuple(
        f"{item.label}: nộp ngày {item.submitted_on:%d/%m/%Y}, chậm {item.days_late} ngày"
        for item in items
        if item.submitted_on
    )


def synthesis_input(plan: Plan, today: dt.date) -> core.SynthesisInput:
    """Everything the draft is made of, from aggregate queries."""
    counts = progress.summary(plan, today)
    tasks, done = progress.task_counts(plan)
    found = progress.sums(plan)
    units = progress.unit_totals(plan, found=found)
    totals = []
    for t in found.channel_totals():
        info = progress.measure_info(t.channel, t.measure)
        totals.append(
            core.Total(t.channel, info.channel_label, t.measure, t.label, info.unit_label, t.total)
        )
    behind = progress.late_and_missing(plan, today)
    situation = core.Situation(
        units=len(units),
        obligations=counts.total,
        due=counts.due,
        submitted=counts.sent,
        on_time=counts.on_time,
        late=counts.late,
        accepted=counts.accepted,
        missing=counts.missing,
        tasks=tasks,
        tasks_done=done,
    )
    return core.SynthesisInput(
        plan=_plan_data(plan),
        issuer=_issuer(issuer_of(plan)),
        today=today,
        situation=situation,
        totals=totals,
        units=[core.UnitResult(u.name, u.reports, u.values) for u in units],
        late_units=[core.Lateness(u.name, _periods(u.late, late=True)) for u in behind if u.late],
        missing_units=[
            core.Lateness(u.name, _periods(u.missing, late=False)) for u in behind if u.missing
        ],
        narratives=[core.Narrative(u, p, n) for u, p, n in progress.notable_narratives(plan)],
    )


def draft(plan: Plan, today: dt.date) -> dict[str, Any]:
    """A fresh draft of the report from the accepted reports, as of ``today``."""
    return core.draft_synthesis(synthesis_input(plan, today))


def stored(plan: Plan) -> Synthesis | None:
    return Synthesis.objects.filter(plan=plan).first()


def document(plan: Plan, today: dt.date) -> dict[str, Any]:
    """The stored document, else a fresh draft (not stored)."""
    row = stored(plan)
    return row.data if row is not None and row.data else draft(plan, today)


def redraft_synthesis(
    plan: Plan, today: dt.date, user: Any, *, keep_edits: bool = True
) -> Synthesis:
    """Draft again from the reports as they are now; what a person edited stays unless
    ``keep_edits`` is False ("soạn lại từ đầu")."""
    fresh = draft(plan, today)
    with acting_as(user), transaction.atomic():
        row = Synthesis.objects.select_for_update().filter(plan=plan).first()
        if row is None:
            return Synthesis.objects.create(plan=plan, data=fresh, updated_by=user)
        row.data = core.redraft(row.data or {}, fresh, keep_edits=keep_edits)
        row.updated_by = user
        row.save()
        return row


def save_edits(plan: Plan, edits: dict[str, Any], user: Any, today: dt.date) -> Synthesis:
    """Apply a person's edits (all or nothing; ``core.SynthesisError`` on a bad value).
    Editing before any draft was stored drafts first."""
    with acting_as(user), transaction.atomic():
        row = Synthesis.objects.select_for_update().filter(plan=plan).first()
        base = row.data if row is not None and row.data else draft(plan, today)
        data = core.apply_edits(base, edits)
        if row is None:
            return Synthesis.objects.create(plan=plan, data=data, updated_by=user)
        row.data = data
        row.updated_by = user
        row.save()
        return row


def render(plan: Plan, fmt: str, today: dt.date) -> bytes:
    """The report as ``fmt`` ("docx", "pdf", "xlsx"). PDF raises ``ConverterMissing``
    without LibreOffice, like the plans' downloads."""
    doc = document(plan, today)
    if fmt == "xlsx":
        return excel.synthesis_workbook(doc)
    data = core.render_synthesis_docx(doc)
    if fmt == "docx":
        return data
    if fmt == "pdf":
        return docx_to_pdf([data])[0]
    raise ValueError(fmt)


def filename(plan: Plan, fmt: str) -> str:
    """``bao-cao-ket-qua-17-KH-QU.docx``."""
    return "bao-cao-ket-qua-" + downloads.filename(plan, fmt).removeprefix("ke-hoach-")
