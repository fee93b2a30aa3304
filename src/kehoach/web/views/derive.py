"""'Lập kế hoạch triển khai': draft the user's own unit's plan from a plan in the library."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kehoach.document import KehoachError

from .. import access
from ..deriving import apply_edits, clauses, derive_for, save_draft
from ..models import Unit


def deriving_unit(user: object) -> Unit:
    """The unit a user drafts for: the body their administrator role serves."""
    unit = access.library_unit(user)
    if unit is None:
        raise Http404
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def plan_derive(request: HttpRequest, pk: int) -> HttpResponse:
    parent = access.get_plan(request.user, pk)
    if not access.can_write(request.user):
        raise Http404
    unit = deriving_unit(request.user)
    as_of = timezone.localdate()
    if request.method == "POST":
        try:
            as_of = datetime.date.fromisoformat(request.POST.get("as_of", ""))
        except ValueError:
            as_of = timezone.localdate()
    try:
        derivation = derive_for(parent, unit, as_of)
    except KehoachError as exc:
        messages.error(request, _("Không lập được dự thảo: %(msg)s") % {"msg": exc.message})
        return redirect("kehoach:plan-detail", pk=parent.pk)
    if request.method == "POST":
        edits = {
            key[len("heading:") :]: (
                request.POST.get(key, ""),
                request.POST.get("text:" + key[len("heading:") :], ""),
            )
            for key in request.POST
            if key.startswith("heading:")
        }
        apply_edits(derivation, request.POST.get("title", ""), edits)
        draft = save_draft(derivation, parent, unit, request.user)
        messages.success(
            request,
            _("Đã lưu dự thảo kế hoạch triển khai của %(unit)s; hãy rà soát trước khi ban hành.")
            % {"unit": unit.name},
        )
        return redirect("kehoach:plan-review", pk=draft.pk)
    parent_lines = list(enumerate(parent.source_text.splitlines(), start=1))
    return render(
        request,
        "kehoach/derive/derive.html",
        {
            "parent": parent,
            "unit": unit,
            "as_of": as_of,
            "derivation": derivation,
            "draft": derivation.plan,
            "clauses": clauses(derivation),
            "parent_lines": parent_lines,
        },
    )
