"""Telling people: an in-app notification for each, and the same text by e-mail.

E-mail goes through Django's e-mail backend (the console in the demo) after the surrounding
transaction commits, so a rolled-back change never mails anyone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q

from .models import Notification, Role, Unit

log = logging.getLogger("kehoach.notify")


def people_of(unit: Unit, roles: Iterable[str] = (Role.REPORTER, Role.ADMIN)) -> list[Any]:
    """Active people who act for ``unit``: those working in it, and administrators whose
    scope is the unit itself (a department officer serving the committee)."""
    return people_for_units([unit], roles)[unit.pk]


def people_for_units(
    units: Iterable[Unit], roles: Iterable[str] = (Role.REPORTER, Role.ADMIN)
) -> dict[int, list[Any]]:
    """``people_of`` for many units in a few queries (issuing to 3,000 wards at once)."""
    roles = list(roles)
    ids = [u.pk for u in units]
    found: dict[int, dict[int, Any]] = {pk: {} for pk in ids}
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        people = (
            get_user_model()
            .objects.filter(is_active=True, membership__role__in=roles)
            .filter(
                Q(membership__unit_id__in=chunk)
                | Q(membership__scope_id__in=chunk, membership__role=Role.ADMIN)
            )
            .select_related("membership")
        )
        for person in people:
            m = person.membership
            if m.unit_id in found:
                found[m.unit_id][person.pk] = person
            if m.role == Role.ADMIN and m.scope_id in found:
                found[m.scope_id][person.pk] = person
    return {pk: [by_pk[k] for k in sorted(by_pk)] for pk, by_pk in found.items()}


def notify(
    users: Iterable[Any], text: str, url: str = "", *, subject: str = "", email: bool = True
) -> int:
    """Notify each user in the app and, when they have an address, by e-mail. Returns how
    many people were notified."""
    people = [u for u in users if u is not None]
    Notification.objects.bulk_create(Notification(user=u, text=text, url=url) for u in people)
    if email:
        mails = [
            (subject or text[:120], _body(text, url), settings.DEFAULT_FROM_EMAIL, [u.email])
            for u in people
            if u.email
        ]
        if mails:
            transaction.on_commit(lambda: _send(mails))
    return len(people)


def _body(text: str, url: str) -> str:
    base = getattr(settings, "KEHOACH_SITE_URL", "").rstrip("/")
    return f"{text}\n\n{base}{url}\n" if url else f"{text}\n"


def _send(mails: list[tuple[str, str, str, list[str]]]) -> None:
    try:
        send_mass_mail(mails, fail_silently=False)
    except Exception:  # a mail server outage must not fail the change that was committed
        log.exception("sending %d e-mails failed", len(mails))
