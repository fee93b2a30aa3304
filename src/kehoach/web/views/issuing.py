"""Issuing a plan: the outgoing register, tasks per unit, report obligations.

``ke-hoach/<pk>/ban-hanh/`` shows what issuing would do (number, dates, the units each
assignment resolves to, tasks with due dates, report obligations) and issues it;
``so-van-ban-di/`` is the outgoing register with its start numbers.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kehoach.document.text import nfc

from .. import access, issuing
from ..forms import DATE_FORMATS
from ..models import Issuance, PlanStatus, RegisterStart, Unit

REGISTER_PAGE = 100
SKIP = "skip"


class FormProblem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _date(value: str, label: str) -> datetime.date | None:
    text = (value or "").strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FormProblem(
        _("%(label)s không hợp lệ: “%(text)s” (cần một ngày có thật, dạng dd/mm/yyyy).")
        % {"label": label, "text": text}
    )


def _int(value: str, label: str, low: int, high: int) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise FormProblem(
            _("%(label)s phải là số nguyên từ %(low)s đến %(high)s.")
            % {"label": label, "low": low, "high": high}
        )
    return int(text)


def _choices(form: QueryDict, count: int) -> dict[int, list[int]]:
    """Assignment index → unit ids from the form. A "skip" or an emptied list of a
    matched assignment skips it; nothing chosen for a guessed one leaves it unconfirmed."""
    out: dict[int, list[int]] = {}
    for index in range(count):
        values = [v for v in form.getlist(f"unit-{index}") if v]
        if SKIP in values:
            out[index] = []
        elif values:
            ids = [int(v) for v in values if v.isdigit()]
            if len(ids) != len(values):
                raise FormProblem(_("Đơn vị đã chọn không hợp lệ."))
            out[index] = ids
        elif form.get(f"listed-{index}"):
            out[index] = []
    return out


def _parameters(form: QueryDict, count: int) -> dict[str, Any]:
    return {
        "number": _int(form.get("number", ""), _("Số văn bản"), 1, 999_999),
        "issued_on": _date(form.get("issued_on", ""), _("Ngày ban hành")),
        "runs_until": _date(form.get("runs_until", ""), _("Ngày kết thúc thực hiện")),
        "due_day": _int(form.get("due_day", ""), _("Ngày hạn nộp báo cáo"), 1, 28)
        or issuing.DEFAULT_DUE_DAY,
        "choices": _choices(form, count),
    }


def _picker_units(user: Any) -> list[Unit]:
    return list(access.visible_units(user).only("pk", "name", "code", "path"))


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan(request.user, pk, write=True)
    if plan.status == PlanStatus.ISSUED:
        messages.info(request, _("Kế hoạch này đã được ban hành."))
        return redirect("kehoach:plan-detail", pk=plan.pk)
    count = len((plan.data or {}).get("assignments") or [])
    params: dict[str, Any] = {"due_day": issuing.DEFAULT_DUE_DAY}
    error = ""
    status = 200
    # A link may carry the dates to propose with (?issued_on=2016-01-05); the form posts all.
    form = request.POST if request.method == "POST" else request.GET
    try:
        params = _parameters(form, count)
    except FormProblem as exc:
        error, status = exc.message, 400
    if request.method == "POST" and not error and request.POST.get("action") == "issue":
        try:
            row = issuing.issue_plan(plan, request.user, **params)
        except issuing.IssueError as exc:
            error, status = exc.message, exc.status
        else:
            plan.refresh_from_db()
            messages.success(
                request,
                _(
                    "Đã ban hành %(ref)s ngày %(date)s: %(tasks)s nhiệm vụ và "
                    "%(reports)s kỳ báo cáo cho %(units)s đơn vị."
                )
                % {
                    "ref": plan.reference,
                    "date": row.issued_on.strftime("%d/%m/%Y"),
                    "tasks": plan.tasks.count(),
                    "reports": plan.obligations.count(),
                    "units": len(
                        set(plan.tasks.values_list("unit_id", flat=True))
                        | set(plan.obligations.values_list("unit_id", flat=True))
                    ),
                },
            )
            return redirect("kehoach:plan-detail", pk=plan.pk)
    proposal = _proposal(plan, request.user, params)
    if isinstance(proposal, str):
        error, status = error or proposal, 400
        proposal = issuing.propose(plan, user=request.user)
    manual = params.get("number")
    context = {
        "plan": plan,
        "proposal": proposal,
        "manual_number": manual or "",
        "next_number": issuing.next_number(proposal.issuer, proposal.doc_code, proposal.year),
        "error": error,
        "units": _picker_units(request.user)
        if any(a.method == "none" for a in proposal.assignments)
        else [],
        "skip": SKIP,
    }
    return render(request, "kehoach/issuing/issue.html", context, status=status)


def _proposal(plan: Any, user: Any, params: dict[str, Any]) -> issuing.Proposal | str:
    try:
        return issuing.propose(
            plan,
            issued_on=params.get("issued_on"),
            runs_until=params.get("runs_until"),
            due_day=params.get("due_day") or issuing.DEFAULT_DUE_DAY,
            choices=params.get("choices"),
            number=params.get("number"),
            user=user,
        )
    except issuing.IssueError as exc:
        return exc.message


# --- the register --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = access.library_unit(user)
    if scope is None:
        raise Http404
    visible = access.visible_units(user)
    can_edit = access.can_write(user)
    status = 200
    form_error = ""
    if request.method == "POST":
        if not can_edit:
            raise Http404
        try:
            issuer = visible.filter(
                pk=_int(request.POST.get("issuer", ""), _("Đơn vị ban hành"), 1, 2**31)
            ).first()
            if issuer is None:
                raise Http404
            year = _int(request.POST.get("year", ""), _("Năm"), 1900, 2999)
            start = _int(request.POST.get("start", ""), _("Số bắt đầu"), 1, 999_999)
            code = nfc(request.POST.get("doc_code", "")).strip()
            if year is None or start is None:
                raise FormProblem(_("Cần nhập năm và số bắt đầu."))
            issuing.set_register_start(issuer, code, year, start)
        except (FormProblem, issuing.IssueError) as exc:
            form_error, status = exc.message, 400
        else:
            messages.success(
                request,
                _("Sổ văn bản đi %(code)s năm %(year)s của %(unit)s bắt đầu từ số %(start)s.")
                % {"code": code, "year": year, "unit": issuer.name, "start": start},
            )
            return redirect("kehoach:register")
    issuers = visible.filter(pk__in=Issuance.objects.values("issuer_id"))
    year_text = request.GET.get("year", "").strip()
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    code = nfc(request.GET.get("doc_code", "")).strip()
    issuer_text = request.GET.get("issuer", "").strip()
    chosen = issuers.filter(pk=int(issuer_text)).first() if issuer_text.isdigit() else None
    rows = issuing.register([chosen] if chosen else visible, year=year, code=code)
    page = Paginator(rows, REGISTER_PAGE).get_page(request.GET.get("page"))
    filters = {"year": year or "", "doc_code": code, "issuer": chosen.pk if chosen else ""}
    in_scope = Issuance.objects.filter(issuer__in=visible)
    today = timezone.localdate()
    context = {
        "scope": scope,
        "rows": page.object_list,
        "page": page,
        "query": urlencode({k: v for k, v in filters.items() if v}),
        "years": list(in_scope.order_by("-year").values_list("year", flat=True).distinct()),
        "codes": list(in_scope.order_by("doc_code").values_list("doc_code", flat=True).distinct()),
        "issuers": list(issuers),
        "filters": filters,
        "can_edit": can_edit,
        "starts": RegisterStart.objects.filter(issuer__in=visible)
        .select_related("issuer")
        .order_by("-year", "issuer__path", "doc_code"),
        # The bodies that number documents: those with a symbol, and the scope itself.
        "start_units": list(
            visible.filter(path__startswith=scope.path).filter(Q(pk=scope.pk) | ~Q(symbol=""))
        )
        if can_edit
        else [],
        "start_form": {
            "issuer": request.POST.get("issuer", str(scope.pk)),
            "doc_code": request.POST.get("doc_code", "KH"),
            "year": request.POST.get("year", str(today.year)),
            "start": request.POST.get("start", ""),
        },
        "next_here": issuing.next_number(scope, "KH", today.year),
        "this_year": today.year,
        "form_error": form_error,
    }
    return render(request, "kehoach/issuing/register.html", context, status=status)


urlpatterns: list[URLPattern] = [
    path("ke-hoach/<int:pk>/ban-hanh/", plan_issue, name="plan-issue"),
    path("so-van-ban-di/", register, name="register"),
]
