"""Who may see and change what. Every protected object is fetched through these helpers.

A person sees the subtree of their scope unit (``Membership.scope``); administrators change
plans, units and people there; leaders and viewers only read; a unit's reporter sees their
own unit only. Whatever is outside gives 404, not 403: another unit's plans do not exist
for them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from .models import Membership, Plan, Role, Unit, Upload

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


def get_plan(user: Any, pk: Any, *, write: bool = False) -> Plan:
    if write and not can_write(user):
        raise Http404
    plan = visible_plans(user).select_related("owner").filter(pk=pk).first()
    if plan is None:
        raise Http404
    return plan


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
