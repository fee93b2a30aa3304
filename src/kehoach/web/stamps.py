"""A version number per issued plan that moves on whenever its obligations or reports
change, so the department's pages can keep what they add up (a plan sent to every commune
has 70,000 obligations and 250,000 counts) and never show it stale.

The number is moved by signals on every save and delete of an obligation or a report —
pages, the API, the admin and commands alike. Rows written without signals
(``QuerySet.update``, ``bulk_create``) do not move it; the code that writes reports uses
``save()``, and issuing creates the obligations before anything is cached.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from .models import Issuance, Obligation, Plan, Report

T = TypeVar("T")

# Long enough for a department paging through its matrix; the key changes anyway.
SECONDS = 6 * 3600


def bump(plan_id: int) -> None:
    Issuance.objects.filter(plan_id=plan_id).update(work_version=F("work_version") + 1)


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw") and instance.plan_id is not None:
        bump(instance.plan_id)


def connect_signals() -> None:
    for model in (Obligation, Report):
        uid = f"kehoach-stamp-{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete")


# Stamps already read in the current ``reading()`` block, by plan id.
_read: contextvars.ContextVar[dict[int, str | None] | None] = contextvars.ContextVar(
    "kehoach_stamps", default=None
)


@contextmanager
def reading() -> Iterator[None]:
    """Within the block each plan's stamp is read once: a progress page asks for the columns,
    the units, the series and the sums, each of which would read it again. For reading
    only — a change made inside the block would not be seen by it."""
    if _read.get() is not None:
        yield
        return
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def stamp(plan: Plan) -> str | None:
    """The plan's identity and work version (the creation time keeps two plans that reuse a
    deleted plan's id apart), or None for a plan not issued."""
    seen = _read.get()
    if seen is not None and plan.pk in seen:
        return seen[plan.pk]
    version = Issuance.objects.filter(plan_id=plan.pk).values_list("work_version", flat=True)
    found = version.first()
    mark = None
    if found is not None:
        created = plan.created_at.timestamp() if plan.created_at else 0
        mark = f"{plan.pk}:{created}:{found}"
    if seen is not None:
        seen[plan.pk] = mark
    return mark


def cached(plan: Plan, name: str, compute: Callable[[], T], *, worth: Callable[[T], bool]) -> T:
    """``compute()`` for ``plan``, kept under the plan's stamp when ``worth(result)`` (only
    large plans are worth a cache entry; small ones are cheaper to add up again)."""
    mark = stamp(plan)
    if mark is None:
        return compute()
    key = f"kehoach:{name}:{mark}"
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    result = compute()
    if worth(result):
        cache.set(key, result, SECONDS)
    return result
