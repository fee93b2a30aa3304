"""Who may see and change what. Every protected object is fetched through these helpers.

A person sees the subtree of their scope unit (``Membership.scope``); administrators change
plans, units and people there; leaders and viewers only read; a unit's reporter sees their
own unit only. Whatever is outside gives 404, not 403: another unit's plans do not exist
for them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from .models import (
    Membership,
    Obligation,
    Plan,
    PlanStatus,
    Report,
    ReportState,
    Role,
    Task,
    Unit,
    Upload,
)

User = AbstractBaseUser | AnonymousUser


def membership(user: Any) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.membership  # type: ignore[no-any-return]
    except Membership.DoesNotExist:
        return None


def role_of(user: Any) -> str | None:
    if user is not None and user.is_authenticated and user.is_superuser:
        return Role.ADMIN
    m = membership(user)
    return m.role if m else None


def scope_path(user: Any) -> str | None:
    """The materialised path prefix of what the user may see; "" for everything."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return ""
    m = membership(user)
    if m is None:
        return None
    if m.role == Role.REPORTER:
        return m.unit.path
    return m.scope.path


def can_write(user: Any) -> bool:
    return role_of(user) == Role.ADMIN


def visible_units(user: Any) -> QuerySet[Unit]:
    path = scope_path(user)
    if path is None:
        return Unit.objects.none()
    return Unit.objects.filter(path__startswith=path) if path else Unit.objects.all()


def visible_plans(user: Any) -> QuerySet[Plan]:
    path = scope_path(user)
    if path is None:
        return Plan.objects.none()
    plans = Plan.objects.all()
    return plans.filter(owner__path__startswith=path) if path else plans


def get_plan(user: Any, pk: Any, *, write: bool = False, for_work: bool = False) -> Plan:
    """A plan the person sees in their libraries; with ``for_work`` also an issued plan that
    gives work to a unit they see (its page, text and downloads — never its department
    pages: the progress of other units, reviews, the synthesis)."""
    if write and not can_write(user):
        raise Http404
    plan = visible_plans(user).select_related("owner").filter(pk=pk).first()
    if plan is None and for_work and not write:
        plan = _plan_giving_work(user, pk)
    if plan is None:
        raise Http404
    return plan


def _plan_giving_work(user: Any, pk: Any) -> Plan | None:
    """An issued plan from another library that gives work to a unit the person sees: a
    ward reads the district's plan it reports on (read only; it stays out of their list)."""
    path = scope_path(user)
    if not path:  # None: nobody; "": a superuser already sees every plan
        return None
    gives_work = Exists(
        Task.objects.filter(plan=OuterRef("pk"), unit__path__startswith=path)
    ) | Exists(Obligation.objects.filter(plan=OuterRef("pk"), unit__path__startswith=path))
    return (
        Plan.objects.select_related("owner")
        .filter(pk=pk, status=PlanStatus.ISSUED)
        .filter(gives_work)
        .first()
    )


def get_unit(user: Any, pk: Any, *, write: bool = False) -> Unit:
    if write and not can_write(user):
        raise Http404
    unit = visible_units(user).filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def get_upload(user: Any, pk: Any) -> Upload:
    upload = (
        Upload.objects.filter(pk=pk, created_by=user).first() if user.is_authenticated else None
    )
    if upload is None:
        raise Http404
    return upload


# --- Issued plans: tasks, obligations, reports ------------------------------------------
#
# A unit's work (tasks, obligations) is seen by whoever sees the unit, and by the department
# that issued the plan (whoever sees the plan). Reports are written by the unit's reporters
# and administrators; a draft is seen only inside the reporting unit (its members' own unit
# subtree), never by another unit nor by the department before it is submitted. Reviewing
# (accept, return) is for administrators who see the plan.


def _work_filter(user: Any, model: Any) -> QuerySet[Any]:
    path = scope_path(user)
    if path is None:
        return model.objects.none()  # type: ignore[no-any-return]
    rows = model.objects.all()
    if not path:
        return rows  # type: ignore[no-any-return]
    return rows.filter(  # type: ignore[no-any-return]
        Q(unit__path__startswith=path) | Q(plan__owner__path__startswith=path)
    )


def visible_tasks(user: Any) -> QuerySet[Task]:
    return _work_filter(user, Task)


def visible_obligations(user: Any) -> QuerySet[Obligation]:
    return _work_filter(user, Obligation)


def own_unit_path(user: Any) -> str | None:
    """The path of the unit the person works in ("" for a superuser): where drafts show."""
    if user is not None and user.is_authenticated and user.is_superuser:
        return ""
    m = membership(user)
    return m.unit.path if m else None


def visible_reports(user: Any) -> QuerySet[Report]:
    seen = _work_filter(user, Report)
    own = own_unit_path(user)
    if own is None:
        return Report.objects.none()
    if not own:
        return seen
    # A draft is seen by those who may write it (reporters and administrators of the unit or
    # a unit above it in their own unit's subtree); leaders and viewers see their own unit's
    # drafts only, never those of the units below them before they are submitted.
    if role_of(user) in (Role.REPORTER, Role.ADMIN):
        drafts = Q(unit__path__startswith=own)
    else:
        drafts = Q(unit__path=own)
    return seen.filter(~Q(state=ReportState.DRAFT) | drafts)


def can_report(user: Any, unit: Unit) -> bool:
    """May the person write and submit reports for ``unit`` and complete its tasks?
    Reporters and administrators, for their own unit and the units below it: a department
    officer reports for the department, not in a ward's name."""
    if role_of(user) not in (Role.REPORTER, Role.ADMIN):
        return False
    own = own_unit_path(user)
    return own is not None and unit.path.startswith(own)


def can_review(user: Any, plan: Plan) -> bool:
    """May the person accept or return reports on ``plan`` (the issuing department)?"""
    if not can_write(user):
        return False
    path = scope_path(user)
    return path is not None and plan.owner.path.startswith(path)


def get_task(user: Any, pk: Any) -> Task:
    task = visible_tasks(user).select_related("plan", "unit").filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


def get_obligation(user: Any, pk: Any) -> Obligation:
    row = visible_obligations(user).select_related("plan", "unit").filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def get_report(user: Any, pk: Any) -> Report:
    row = (
        visible_reports(user)
        .select_related("plan", "plan__owner", "unit", "obligation")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        raise Http404
    return row


def library_unit(user: Any) -> Unit | None:
    """The unit whose library a new upload goes into: the administrator's scope."""
    m = membership(user)
    if m is not None:
        return m.scope
    if user.is_authenticated and user.is_superuser:
        return Unit.objects.filter(parent=None).order_by("path").first()
    return None


def context(request: HttpRequest) -> dict[str, Any]:
    """Template context: the signed-in person's role and unit, for menus and buttons."""
    user = getattr(request, "user", None)
    m = membership(user)
    return {
        "me": m,
        "can_write": can_write(user),
        "my_role": role_of(user),
    }
