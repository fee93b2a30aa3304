"""Reports: writing, submitting, accepting and returning; a plan's reports for review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kehoach.tracking.measures import MEASURES, ordered_channels

from .. import access, evidence, reporting
from ..models import Evidence, EvidenceKind, Obligation, Report, ReportState
from ..templatetags.plans import CHANNELS as CHANNEL_LABELS  # translatable, same words

PAGE_SIZE = 50


def field_name(channel: str, key: str) -> str:
    return f"c-{channel}-{key}"


def posted_counts(data: QueryDict) -> dict[tuple[str, str], str]:
    """The count fields filled in (blank ones are "not counted", not zero)."""
    counts = {}
    for channel, measures in MEASURES.items():
        for m in measures:
            value = data.get(field_name(channel, m.key), "").strip()
            if value:
                counts[(channel, m.key)] = value
    return counts


def count_grid(
    plan_channels: list[str],
    values: dict[tuple[str, str], Any],
    errors: dict[str, list[str]] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The count fields by channel: the plan's own channels, then the others."""
    errors = errors or {}
    own, others = [], []
    lead = [c for c in plan_channels if c in MEASURES]
    for channel in ordered_channels(lead):
        fields = [
            {
                "measure": m,
                "name": field_name(channel, m.key),
                "value": values.get((channel, m.key), ""),
                "errors": errors.get(m.code, []),
            }
            for m in MEASURES[channel]
        ]
        group = {
            "channel": channel,
            "label": CHANNEL_LABELS[channel],
            "fields": fields,
            "filled": any(f["value"] not in ("", None) or f["errors"] for f in fields),
        }
        (own if channel in lead else others).append(group)
    return own, others


def counts_by_channel(report: Report) -> list[dict[str, Any]]:
    """The report's counts grouped by channel in the vocabulary's order, with labels."""
    counts = reporting.counts_of(report)
    rows = []
    for channel in ordered_channels(report.plan.data.get("channels") or []):
        found = [
            {
                "measure": m,
                "value": counts[(channel, m.key)],
                "shown": f"{counts[(channel, m.key)]:,}".replace(",", "."),
            }
            for m in MEASURES[channel]
            if (channel, m.key) in counts
        ]
        if found:
            rows.append({"channel": channel, "label": CHANNEL_LABELS[channel], "rows": found})
    return rows


def _versions(user: Any, obligation: Obligation) -> list[Report]:
    return list(
        access.visible_reports(user)
        .filter(obligation=obligation)
        .select_related("submitted_by", "reviewed_by")
        .order_by("-version")
    )


def _late(report: Report) -> bool:
    """Submitted after the obligation's due date (the local calendar day counts)."""
    if report.submitted_at is None:
        return False
    return timezone.localtime(report.submitted_at).date() > report.obligation.due_date


def _plan_visible(user: Any, plan_id: int) -> bool:
    return access.visible_plans(user).filter(pk=plan_id).exists()


# ---------------------------------------------------------------------------- writing


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit writes its report for one period: narrative, counts, evidence."""
    user = request.user
    obligation = access.get_obligation(user, pk)
    can_write = reporting.may_write(user, obligation.unit)
    if request.method == "POST" and not can_write:
        raise Http404
    current = reporting.current_report(obligation) if can_write else None
    plan_channels = list(obligation.plan.data.get("channels") or [])
    errors: dict[str, list[str]] = {}
    general: list[str] = []
    status = 200
    if request.method == "POST":
        narrative = request.POST.get("narrative", "")
        counts = posted_counts(request.POST)
        try:
            report = _write(request, obligation, narrative, counts)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = exc.message_dict
            else:
                general = exc.messages
            status = 400
            values: dict[tuple[str, str], Any] = dict(counts)
        else:
            if report.state == ReportState.SUBMITTED:
                messages.success(
                    request, _("Đã nộp báo cáo. Ban, phòng ban hành kế hoạch sẽ duyệt.")
                )
                return redirect("kehoach:report-detail", pk=report.pk)
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("kehoach:report-edit", pk=obligation.pk)
    else:
        narrative = current.narrative if current else ""
        values = reporting.counts_of(current) if current else {}
    own, others = count_grid(plan_channels, values, errors)
    editable = current is None or current.state in reporting.EDITABLE
    return render(
        request,
        "kehoach/reports/edit.html",
        {
            "obligation": obligation,
            "plan": obligation.plan,
            "plan_visible": _plan_visible(user, obligation.plan_id),
            "status": reporting.obligation_status(obligation, timezone.localdate()),
            "current": current,
            "editable": editable,
            "can_write": can_write,
            "narrative": narrative,
            "own_channels": own,
            "other_channels": others,
            "errors": general,
            "field_errors": errors,
            "evidence": list(current.evidence.defer("content")) if current else [],
            "versions": _versions(user, obligation),
            "max_mb": evidence.max_bytes() // 1048576,
        },
        status=status,
    )


def _write(
    request: HttpRequest,
    obligation: Obligation,
    narrative: str,
    counts: dict[tuple[str, str], str],
) -> Report:
    """Save (and attach, remove, submit) in one transaction: a refused file or a bad count
    leaves the report exactly as it was."""
    user = request.user
    data = request.POST
    with transaction.atomic():
        report = reporting.start_report(obligation, user)
        reporting.save_report(report, user, narrative=narrative, counts=counts)
        remove = data.get("remove", "")
        if remove.isdigit():
            row = Evidence.objects.filter(pk=int(remove), report=report).first()
            if row is None:
                raise ValidationError(_("Bằng chứng cần xóa không còn trong báo cáo."))
            evidence.remove(row, user)
        url = data.get("link_url", "").strip()
        if url:
            evidence.add_link(report, user, url, data.get("link_title", ""))
        for sent in request.FILES.getlist("files"):
            evidence.add_upload(report, user, sent)
        if data.get("action") == "submit":
            report = reporting.submit_report(report, user)
    return report


# ---------------------------------------------------------------------------- reading, review


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    report = access.get_report(user, pk)
    can_review = access.can_review(user, report.plan)
    error = ""
    comment = ""
    status = 200
    if request.method == "POST":
        if not can_review:
            raise Http404
        action = request.POST.get("action")
        comment = request.POST.get("comment", "")
        try:
            if action == "accept":
                reporting.accept_report(report, user)
                messages.success(request, _("Đã chấp nhận báo cáo."))
            elif action == "return":
                reporting.return_report(report, user, comment)
                messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
            else:
                raise ValidationError(_("Không rõ thao tác."))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            error = " ".join(exc.messages)
            status = 400
        else:
            return redirect("kehoach:report-detail", pk=report.pk)
    may_write = reporting.may_write(user, report.unit)
    return render(
        request,
        "kehoach/reports/detail.html",
        {
            "report": report,
            "obligation": report.obligation,
            "plan": report.plan,
            "plan_visible": _plan_visible(user, report.plan_id),
            "counts": counts_by_channel(report),
            "evidence": list(report.evidence.defer("content")),
            "versions": _versions(user, report.obligation),
            "can_review": can_review and report.current and report.state == ReportState.SUBMITTED,
            "reviewer": can_review,
            "can_edit": may_write and report.current,
            "late": _late(report),
            "error": error,
            "comment": comment,
        },
        status=status,
    )


STATE_TABS = (
    (ReportState.SUBMITTED, gettext_lazy("Chờ duyệt")),
    (ReportState.RETURNED, gettext_lazy("Bị trả lại")),
    (ReportState.ACCEPTED, gettext_lazy("Đã chấp nhận")),
)


@login_required
@require_GET
def plan_reports(request: HttpRequest, pk: int) -> HttpResponse:
    """The department's list of a plan's reports: waiting for review first, then by state."""
    user = request.user
    plan = access.get_plan(user, pk)
    reports = access.visible_reports(user).filter(plan=plan, current=True)
    counts = dict(reports.values_list("state").annotate(n=Count("pk")).order_by())
    state = request.GET.get("state", ReportState.SUBMITTED)
    if state not in {s for s, _label in STATE_TABS} | {ReportState.DRAFT}:
        state = ReportState.SUBMITTED
    order = {
        ReportState.SUBMITTED: ("submitted_at", "pk"),
        ReportState.RETURNED: ("-reviewed_at", "pk"),
        ReportState.ACCEPTED: ("-reviewed_at", "pk"),
        ReportState.DRAFT: ("-updated_at", "pk"),
    }[ReportState(state)]
    rows = (
        reports.filter(state=state)
        .select_related("unit", "obligation", "submitted_by")
        .order_by(*order)
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page.object_list:
        row.late = _late(row)  # type: ignore[attr-defined]
    tabs = [(s, str(label), counts.get(s, 0)) for s, label in STATE_TABS]
    if counts.get(ReportState.DRAFT):
        tabs.append((ReportState.DRAFT, _("Bản nháp"), counts[ReportState.DRAFT]))
    return render(
        request,
        "kehoach/reports/plan_reports.html",
        {
            "plan": plan,
            "tabs": tabs,
            "state": state,
            "page": page,
            "reports": page.object_list,
            "obligations_count": Obligation.objects.filter(plan=plan).count(),
            "reviewer": access.can_review(user, plan),
        },
    )


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    row = (
        Evidence.objects.filter(
            pk=pk, kind=EvidenceKind.FILE, report__in=access.visible_reports(request.user)
        )
        .select_related("report")
        .first()
    )
    if row is None:
        raise Http404
    return evidence.response(row)


urlpatterns: list[URLPattern] = [
    path("bao-cao/ky/<int:pk>/", report_edit, name="report-edit"),
    path("bao-cao/<int:pk>/", report_detail, name="report-detail"),
    path("bao-cao/bang-chung/<int:pk>/", evidence_download, name="evidence-download"),
    path("ke-hoach/<int:pk>/bao-cao/", plan_reports, name="plan-reports"),
]
