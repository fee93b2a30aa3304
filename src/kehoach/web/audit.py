"""Every change to units, people and plans is written to the audit log.

Signals see every save and delete — from pages, the API, the admin and management commands
alike — so no code path can forget to audit. The acting user reaches them through a context
variable that ``ActorMiddleware`` (pages) and the API's authentication set; outside a request
the actor is the system.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("kehoach_actor", default=None)

# Fields too large or too derived to be worth a copy in the log.
_SKIP = {
    "password",
    "token",  # a calendar feed's secret link
    "key_hash",
    "content",
    "source_text",
    "search_text",
    "search_key",
    "issuer_key",
    "number_key",
    "path",
    "updated_at",
    "last_login",
}


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = _actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIP:
            continue
        values[field.name] = _plain(getattr(instance, field.attname))
    return values


def _unit_of(instance: models.Model) -> Any:
    from .models import Issuance, Membership, Plan, RegisterStart, Synthesis, Unit

    if isinstance(instance, Unit):
        return instance if instance.pk else None
    if isinstance(instance, Plan):
        return instance.owner
    if isinstance(instance, Membership):
        return instance.unit
    if isinstance(instance, (Issuance, RegisterStart)):
        return instance.issuer
    if isinstance(instance, Synthesis):
        return instance.plan.owner
    if hasattr(instance, "report_id"):  # a report's counts and evidence
        return instance.report.unit  # type: ignore[attr-defined]
    if hasattr(instance, "unit_id"):  # tasks, obligations, reports, calendar feeds
        return instance.unit  # type: ignore[attr-defined]
    membership = getattr(instance, "membership", None)
    return getattr(membership, "unit", None)


def _write(
    action: str, instance: models.Model, before: dict[str, Any], after: dict[str, Any]
) -> None:
    from .models import AuditEntry

    actor = _actor.get()
    if action == "update":
        changed = {k for k in after if before.get(k) != after.get(k)}
        if not changed:
            return
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after[k] for k in sorted(changed)}
    try:
        unit = _unit_of(instance)
    except models.ObjectDoesNotExist:
        unit = None
    AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor.get_username() if actor is not None else "hệ thống",
        action=action,
        model=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        unit=unit if unit is not None and unit.pk else None,
        before=before,
        after=after,
    )


def _pre_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    previous = None
    if instance.pk is not None and not instance._state.adding:
        previous = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(previous) if previous is not None else None  # type: ignore[attr-defined]


def _post_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        _write("create", instance, {}, snapshot(instance))
    else:
        _write("update", instance, before, snapshot(instance))
    instance._audit_before = snapshot(instance)  # type: ignore[attr-defined]


def _post_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    _write("delete", instance, snapshot(instance), {})


def audited_models() -> list[type[models.Model]]:
    from . import models as m

    return [
        m.Unit,
        m.Membership,
        m.Plan,
        get_user_model(),
        m.RegisterStart,
        m.Issuance,
        m.Task,
        m.Obligation,
        m.Report,
        m.ReportCount,
        m.Evidence,
        m.Synthesis,
        m.CalendarFeed,
    ]


def log_created(instances: list[Any]) -> None:
    """Audit rows made with ``bulk_create`` (which sends no signals): one entry each,
    written in one statement, so issuing a plan to 3,000 units stays fast and audited."""
    from .models import AuditEntry

    actor = _actor.get()
    entries = []
    for instance in instances:
        try:
            unit = _unit_of(instance)
        except models.ObjectDoesNotExist:
            unit = None
        entries.append(
            AuditEntry(
                actor=actor if actor is not None and actor.pk else None,
                actor_name=actor.get_username() if actor is not None else "hệ thống",
                action="create",
                model=instance._meta.label,
                object_id=str(instance.pk),
                object_repr=str(instance)[:255],
                unit=unit if unit is not None and unit.pk else None,
                before={},
                after=snapshot(instance),
            )
        )
    AuditEntry.objects.bulk_create(entries, batch_size=1000)


def connect_signals() -> None:
    for model in audited_models():
        uid = f"kehoach-audit-{model._meta.label}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-del")
