"""The plan library's operations: read an upload into a plan, keep the search columns and
the basis links current, search. Pages, the API and the demo loader all go through here."""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kehoach.document import Plan as CorePlan
from kehoach.document import SourceText, UnreadableDocument, parse_source, read_bytes
from kehoach.document.checking import check_source
from kehoach.document.reading.sniff import sniff
from kehoach.document.text import fold, nfc

from .models import Plan, PlanLink, PlanStatus, SourceFile, Unit, Upload, UploadStatus

# What an upload may be, decided from its bytes; the name is never trusted.
ACCEPTED = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "doc": "application/msword",
}
EXTENSIONS = {"docx": ".docx", "pdf": ".pdf", "text": ".txt", "html": ".html", "doc": ".doc"}


class UploadRejected(Exception):
    """An upload refused at the door; ``message`` is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Accepted:
    filename: str
    content_type: str
    kind: str
    source: SourceText


def safe_filename(name: str, kind: str) -> str:
    """The last path component, NFC, without control or path characters, with the extension
    the content really has."""
    base = PurePath(nfc(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'[<>:"/|?*]+', "_", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[:120] or "ke-hoach"
    return stem + EXTENSIONS[kind]


def accept_upload(data: bytes, name: str) -> Accepted:
    """Refuse what cannot become a plan before anything is stored.

    Reading is cheap for every accepted format, so corrupt, encrypted, scanned and disguised
    files are told apart here, in the request, and the user sees why at once.
    """
    limit = settings.MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise UploadRejected(too_large(len(data)))
    if not data.strip():
        raise UploadRejected("Tệp rỗng, không có nội dung.")
    kind = sniff(data, name)
    if kind not in ACCEPTED:
        raise UploadRejected(
            "Không nhận loại tệp này: nội dung không phải DOCX, DOC, PDF, TXT hay HTML "
            "(kiểm tra theo nội dung tệp, không theo tên)."
        )
    try:
        source = read_bytes(data, name=name, max_bytes=limit)
    except UnreadableDocument as exc:
        raise UploadRejected(_sentence(exc.message)) from exc
    if not any(line.strip() for line in source.lines):
        raise UploadRejected("Tệp không có chữ nào để đọc.")
    return Accepted(safe_filename(name, kind), ACCEPTED[kind], kind, source)


def too_large(size: int) -> str:
    limit = settings.MAX_UPLOAD_BYTES
    return _("Tệp quá lớn (%(size).1f MB); giới hạn là %(limit)d MB.") % {
        "size": size / 1048576,
        "limit": limit // 1048576,
    }


def submit_upload(sent: UploadedFile, *, owner: Unit, user: Any) -> Upload:
    """A file from a form or the API, accepted and queued for the task worker.

    A file declared over the cap is refused before its bytes are read into memory.
    """
    if (sent.size or 0) > settings.MAX_UPLOAD_BYTES:
        raise UploadRejected(too_large(sent.size or 0))
    from .tasks import read_upload

    with transaction.atomic():
        upload = create_upload(data=sent.read(), name=sent.name or "", owner=owner, user=user)
        result = read_upload.enqueue(str(upload.pk))
        upload.task_id = str(result.id)[:64]
        upload.save(update_fields=["task_id"])
    return upload


def _sentence(message: str) -> str:
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else message + "."


def create_upload(*, data: bytes, name: str, owner: Unit, user: Any) -> Upload:
    accepted = accept_upload(data, name)
    return Upload.objects.create(
        owner=owner,
        created_by=user,
        filename=accepted.filename,
        content_type=accepted.content_type,
        content=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _iso_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def number_key(number: str | None, symbol: str | None) -> str:
    """ "02-KH/BTGTU", "02 - KH/BTGTU" and "2-KH/BTGTU" give one key."""
    num = fold(number or "").replace(" ", "").lstrip("0")
    sym = fold(symbol or "").replace(" ", "").strip("-/")
    return f"{num}|{sym}" if num and sym else ""


def apply_core(row: Plan, core: CorePlan) -> None:
    """Copy the structured plan into the row: the JSON and the columns filtered on."""
    row.data = core.to_dict()
    row.doc_type = (core.doc_type or "")[:64]
    row.number = (core.number or "")[:32]
    row.symbol = (core.symbol or "")[:64]
    row.issuer = (core.issuer or "")[:255]
    row.place = (core.place or "")[:120]
    row.title = core.title or ""
    row.date = _iso_date(core.date)
    row.year = row.date.year if row.date else _year_of(core)
    refresh_index(row)


CORRECTABLE = ("doc_type", "number", "symbol", "issuer", "place", "title")


def correct(row: Plan, changes: Mapping[str, Any], *, status: str | None = None) -> None:
    """Write a clerk's corrections into the structured plan and its columns, all or nothing.

    ``changes`` may hold the CORRECTABLE texts, ``date`` (a ``datetime.date`` or None),
    ``channels`` and ``slogans`` (lists); absent keys stay as they are. Keys the core does
    not know (a draft's ``links`` and ``derived_from``) are kept.
    """
    old = row.data or {}
    core = core_plan(row)
    for name in CORRECTABLE:
        if name in changes:
            setattr(core, name, changes[name] or None)
    if "date" in changes:
        day = changes["date"]
        core.date = day.isoformat() if day else None
        if day:
            core.date_partial = None
    for name in ("channels", "slogans"):
        if name in changes:
            setattr(core, name, list(changes[name]))
    with transaction.atomic():
        apply_core(row, core)
        row.data = {**{k: v for k, v in old.items() if k not in row.data}, **row.data}
        if status is not None:
            row.status = status
        row.save(force_update=True)  # a plan deleted meanwhile is not brought back
        relink(row)


def _year_of(core: CorePlan) -> int | None:
    match = re.search(r"\b(19|20)\d\d\b", core.date_partial or "")
    return int(match.group(0)) if match else None


def core_plan(row: Plan) -> CorePlan:
    return CorePlan.from_dict(row.data)


def _headings(sections: list[dict[str, Any]]) -> Iterator[str]:
    for section in sections:
        yield section.get("heading") or ""
        yield from _headings(section.get("children") or [])


def refresh_index(row: Plan) -> None:
    """What search reads: the plan's identity, title, headings, slogans and cited titles.

    The body stays out on purpose: a few kilobytes per plan keep a search over a national
    library to one short scan, and a clerk finds a plan by what it is called."""
    data = row.data or {}
    parts = [row.number, row.symbol, row.reference, row.doc_type, row.issuer, row.place, row.title]
    parts += list(_headings(data.get("sections") or []))
    parts += [s for s in data.get("slogans") or [] if s]
    for cited in data.get("basis") or []:
        # The cited numbers let relink() find the plans that cite a new arrival.
        parts += [cited.get("number") or "", cited.get("symbol") or "", cited.get("title") or ""]
    row.search_text = fold(" ".join(p for p in parts if p))[:8000]
    row.issuer_key = fold(row.issuer)
    row.number_key = number_key(row.number, row.symbol)


def file_plan(
    *,
    owner: Unit,
    user: Any,
    data: bytes,
    name: str,
    core: CorePlan,
    extra: Mapping[str, Any] | None = None,
) -> Plan:
    """Read and check a document and file it, with the structured plan ``core`` made of it,
    in ``owner``'s library awaiting review. Call inside a transaction."""
    source = read_bytes(data, name=name, max_bytes=settings.MAX_UPLOAD_BYTES)
    report = check_source(source, docx=data if source.format == "docx" else None)
    row = Plan(
        owner=owner,
        status=PlanStatus.REVIEW,
        source_text="\n".join(source.lines),
        source_format=source.format,
        findings=[f.to_dict() for f in report.findings],
        created_by=user,
    )
    apply_core(row, core)
    if extra:
        row.data = {**row.data, **extra}
    row.save()
    SourceFile.objects.create(
        plan=row,
        name=name,
        content_type=ACCEPTED[sniff(data, name)],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )
    relink(row)
    return row


def ingest(upload: Upload) -> Plan:
    """Read, parse and check an upload into a plan awaiting review, in one transaction."""
    data = bytes(upload.content)
    core = parse_source(read_bytes(data, name=upload.filename, max_bytes=settings.MAX_UPLOAD_BYTES))
    with transaction.atomic():
        row = file_plan(
            owner=upload.owner, user=upload.created_by, data=data, name=upload.filename, core=core
        )
        upload.plan = row
        upload.status = UploadStatus.DONE
        upload.content = b""  # the bytes now live with the plan
        upload.save(update_fields=["plan", "status", "content"])
    return row


def relink(row: Plan) -> None:
    """Link the plan to the library's plans it cites, and the plans citing it to it."""
    PlanLink.objects.filter(source=row).delete()
    for index, citation in enumerate(row.data.get("basis") or []):
        key = number_key(citation.get("number"), citation.get("symbol"))
        if not key:
            continue
        candidates = Plan.objects.filter(number_key=key).exclude(pk=row.pk)
        when = _iso_date(citation.get("date"))
        if when:
            candidates = candidates.filter(Q(date=when) | Q(date__isnull=True))
        for target in candidates:
            PlanLink.objects.get_or_create(source=row, target=target, citation_index=index)
    if row.number_key:
        PlanLink.objects.filter(target=row).delete()
        for other in Plan.objects.filter(search_text__contains=_number_hint(row)).exclude(
            pk=row.pk
        ):
            for index, citation in enumerate(other.data.get("basis") or []):
                if number_key(citation.get("number"), citation.get("symbol")) != row.number_key:
                    continue
                when = _iso_date(citation.get("date"))
                if when and row.date and when != row.date:
                    continue
                PlanLink.objects.get_or_create(source=other, target=row, citation_index=index)


def _number_hint(row: Plan) -> str:
    # A cheap prefilter: a plan citing "02-KH/BTGTU" has the folded symbol in its text.
    return fold(row.symbol or "").split("/")[-1].strip() or fold(row.symbol or "")


def search(
    plans: QuerySet[Plan],
    *,
    q: str = "",
    issuer: str = "",
    year: int | None = None,
    doc_type: str = "",
    status: str = "",
) -> QuerySet[Plan]:
    """Accent- and tone-placement-insensitive search: every folded word must occur."""
    for word in fold(q).split():
        plans = plans.filter(search_text__contains=word)
    if issuer:
        plans = plans.filter(issuer_key__contains=fold(issuer))
    if year:
        plans = plans.filter(year=year)
    if doc_type:
        plans = plans.filter(doc_type=doc_type)
    if status:
        plans = plans.filter(status=status)
    return plans
