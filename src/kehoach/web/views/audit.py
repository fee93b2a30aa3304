"""The audit log page: who changed which plan, unit or person, when, and how."""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import access
from ..audit import audited_models
from ..models import AuditEntry, Role

PAGE_SIZE = 50


def _model_choices() -> list[tuple[str, str]]:
    return [(m._meta.label, str(m._meta.verbose_name).capitalize()) for m in audited_models()]


def _field(model_label: str, name: str) -> Any:
    try:
        return apps.get_model(model_label)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return None


class _Names:
    """Readable values for a page of entries: a unit's name for its id, a role's label."""

    def __init__(self) -> None:
        self._related: dict[tuple[Any, Any], str] = {}

    def value(self, field: Any, value: Any) -> str:
        if field is not None and value not in (None, ""):
            if field.is_relation and field.related_model is not None:
                key = (field.related_model, value)
                if key not in self._related:
                    row = field.related_model._default_manager.filter(pk=value).first()
                    self._related[key] = str(row) if row is not None else f"#{value}"
                return self._related[key]
            if field.choices:
                return str(dict(field.flatchoices).get(value, value))
        return _shown(value)


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _rows(entry: AuditEntry, names: _Names) -> list[tuple[str, str, str]]:
    before = entry.before if isinstance(entry.before, dict) else {}
    after = entry.after if isinstance(entry.after, dict) else {}
    rows = []
    for key in dict.fromkeys([*before, *after]):
        field = _field(entry.model, key)
        label = str(field.verbose_name) if field is not None else key
        rows.append(
            (
                label,
                names.value(field, before.get(key)) if key in before else "",
                names.value(field, after.get(key)) if key in after else "",
            )
        )
    return rows


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    if access.role_of(request.user) != Role.ADMIN:
        raise Http404
    path = access.scope_path(request.user)
    entries = AuditEntry.objects.all()
    if path:
        entries = entries.filter(unit__path__startswith=path)
    actors = sorted(set(entries.values_list("actor_name", flat=True)))
    models = _model_choices()
    model = request.GET.get("model", "")
    actor = request.GET.get("actor", "")
    if model:
        entries = entries.filter(model=model)
    if actor:
        entries = entries.filter(actor_name=actor)
    page = Paginator(entries.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))
    model_names = dict(models)
    names = _Names()
    for entry in page.object_list:
        entry.rows = _rows(entry, names)  # type: ignore[attr-defined]
        entry.model_name = model_names.get(entry.model, entry.model)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "kehoach/audit/list.html",
        {
            "page": page,
            "models": models,
            "actors": actors,
            "model": model,
            "actor": actor,
            "query": query.urlencode(),
        },
    )
