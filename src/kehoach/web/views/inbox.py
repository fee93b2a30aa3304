"""A unit's inbox: its tasks and report obligations by due date, and one task."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, reporting
from ..models import (
    Obligation,
    ObligationState,
    PlanStatus,
    Report,
    ReportState,
    Task,
    TaskState,
    Unit,
)

# A unit's inbox holds a few dozen rows; this many of each kind is a ceiling for a unit
# that has collected years of them (the "done" and "all" views).
LIMIT = 200
CHOOSER_LIMIT = 500
SHOW = ("open", "done", "all")
PLAN_DEFER = ("plan__data", "plan__source_text", "plan__search_text", "plan__findings")


@dataclass(frozen=True)
class Item:
    """One row of the inbox: a task or an obligation, with how it stands today."""

    kind: str  # "task" or "obligation"
    row: Any
    due: dt.date | None
    status: reporting.Status
    url: str
    draft: bool = False

    @property
    def sort_key(self) -> tuple[bool, dt.date, int, int]:
        return (self.due is None, self.due or dt.date.max, self.kind != "obligation", self.row.pk)


def inbox_units(user: Any) -> QuerySet[Unit]:
    """The units whose inbox the person may open: visible units with work of issued plans,
    and their own unit."""
    m = access.membership(user)
    return (
        access.visible_units(user)
        .filter(
            Exists(Task.objects.filter(unit=OuterRef("pk"), plan__status=PlanStatus.ISSUED))
            | Exists(Obligation.objects.filter(unit=OuterRef("pk"), plan__status=PlanStatus.ISSUED))
            | Q(pk=m.unit_id if m else None)
        )
        .order_by("path")
    )


def default_unit(user: Any) -> Unit | None:
    m = access.membership(user)
    if m is not None and access.visible_units(user).filter(pk=m.unit_id).exists():
        return m.unit
    return inbox_units(user).first()


def inbox_items(user: Any, unit: Unit, *, today: dt.date, show: str = "open") -> list[Item]:
    """The unit's tasks and obligations of issued plans that the person sees, soonest due
    first (undated last). ``show``: "open" what the unit still has to do (open tasks,
    obligations not submitted or returned), "done" the rest, "all" both."""
    tasks = (
        access.visible_tasks(user)
        .filter(unit=unit, plan__status=PlanStatus.ISSUED)
        .select_related("plan")
        .defer(*PLAN_DEFER)
    )
    obligations = (
        access.visible_obligations(user)
        .filter(unit=unit, plan__status=PlanStatus.ISSUED)
        .select_related("plan")
        .defer(*PLAN_DEFER)
    )
    waiting = (ObligationState.PENDING, ObligationState.RETURNED)
    if show == "open":
        tasks = tasks.filter(state=TaskState.OPEN)
        obligations = obligations.filter(state__in=waiting)
    elif show == "done":
        tasks = tasks.filter(state=TaskState.DONE)
        obligations = obligations.exclude(state__in=waiting)
    own = access.own_unit_path(user)
    if own is not None and unit.path.startswith(own):
        # Drafts show only inside the unit, as everywhere else.
        obligations = obligations.annotate(
            draft_state=Subquery(
                Report.objects.filter(obligation=OuterRef("pk"), current=True).values("state")[:1]
            )
        )
    items = [
        Item(
            "task",
            t,
            t.due_date,
            reporting.task_status(t, today),
            reverse("kehoach:task-detail", args=[t.pk]),
        )
        for t in tasks.order_by("due_date", "pk")[:LIMIT]
    ]
    items += [
        Item(
            "obligation",
            o,
            o.due_date,
            reporting.obligation_status(o, today),
            reverse("kehoach:report-edit", args=[o.pk]),
            draft=getattr(o, "draft_state", None) == ReportState.DRAFT,
        )
        for o in obligations.order_by("due_date", "pk")[:LIMIT]
    ]
    items.sort(key=lambda item: item.sort_key)
    return items[:LIMIT]


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = request.user
    code = request.GET.get("unit", "").strip()
    if code:
        unit = access.visible_units(user).filter(code=code).first()
        if unit is None:
            raise Http404
    else:
        unit = default_unit(user)
    show = request.GET.get("show", "open")
    if show not in SHOW:
        show = "open"
    today = timezone.localdate()
    items = inbox_items(user, unit, today=today, show=show) if unit is not None else []
    choices = list(inbox_units(user).only("pk", "code", "name", "path")[:CHOOSER_LIMIT])
    if unit is not None and unit not in choices:
        choices.insert(0, unit)
    filters = [
        (value, label, "?" + urlencode({"unit": unit.code if unit else "", "show": value}))
        for value, label in (
            ("open", _("Cần làm")),
            ("done", _("Đã xong, đã nộp")),
            ("all", _("Tất cả")),
        )
    ]
    return render(
        request,
        "kehoach/inbox/inbox.html",
        {
            "unit": unit,
            "items": items,
            "show": show,
            "filters": filters,
            "today": today,
            "choices": choices if len(choices) > 1 else [],
            "truncated": len(items) >= LIMIT,
            "can_write": unit is not None and reporting.may_write(user, unit),
        },
    )


# ---------------------------------------------------------------------------- one task


def source_line(task: Task) -> str:
    """The line of the plan the duty was read from, as printed."""
    if not task.source_line:
        return ""
    lines = (task.plan.source_text or "").split("\n")
    return lines[task.source_line - 1].strip() if 0 < task.source_line <= len(lines) else ""


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    task = access.get_task(user, pk)
    can_write = reporting.may_write(user, task.unit)
    status = 200
    error = ""
    if request.method == "POST":
        if not can_write:
            raise Http404
        note = request.POST.get("note", "")
        action = request.POST.get("action")
        try:
            if action == "done":
                reporting.complete_task(task, user, note)
                messages.success(request, _("Đã đánh dấu nhiệm vụ hoàn thành."))
            elif action == "reopen":
                reporting.reopen_task(task, user, note)
                messages.success(request, _("Đã mở lại nhiệm vụ."))
            else:
                raise ValidationError(_("Không rõ thao tác."))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            error = " ".join(exc.messages)
            status = 400
        else:
            return redirect("kehoach:task-detail", pk=task.pk)
    plan_visible = access.visible_plans(user).filter(pk=task.plan_id).exists()
    return render(
        request,
        "kehoach/inbox/task.html",
        {
            "task": task,
            "plan": task.plan,
            "status": reporting.task_status(task, timezone.localdate()),
            "source_line": source_line(task),
            "plan_visible": plan_visible,
            "can_write": can_write,
            "error": error,
            "note": request.POST.get("note", "") if error else "",
            "inbox_url": reverse("kehoach:inbox") + "?" + urlencode({"unit": task.unit.code}),
        },
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("viec/", inbox, name="inbox"),
    path("viec/nhiem-vu/<int:pk>/", task_detail, name="task-detail"),
]
