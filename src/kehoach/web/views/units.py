"""The unit tree: browse it, read one unit, import and export it as YAML or CSV."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kehoach.document.text import fold
from kehoach.orgtree import (
    OrgTree,
    OrgTreeError,
    OrgUnit,
    dumps_csv,
    dumps_yaml,
    loads_csv,
    loads_yaml,
)

from .. import access
from ..audit import acting_as
from ..models import Membership, Unit
from ..units_io import export_tree, import_tree


@login_required
@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    units = access.visible_units(request.user).annotate(members_count=Count("members"))
    q = request.GET.get("q", "").strip()
    if q:
        key = fold(q)
        matches = list(units.filter(search_key__contains=key).select_related("parent"))
        matches.sort(key=lambda u: fold(u.name))
        return render(request, "kehoach/units/list.html", {"q": q, "matches": matches, "roots": []})
    rows = list(units)
    by_id = {u.pk: u for u in rows}
    for u in rows:
        u.kids = []  # type: ignore[attr-defined]
    roots = []
    # Children in the order they were created (the tree file's order), not by path text.
    for u in sorted(rows, key=lambda u: u.pk):
        parent = by_id.get(u.parent_id) if u.parent_id else None
        if parent is None:
            roots.append(u)
        else:
            parent.kids.append(u)  # type: ignore[attr-defined]
    return render(
        request,
        "kehoach/units/list.html",
        {"q": "", "matches": None, "roots": roots, "total": len(rows)},
    )


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.get_unit(request.user, pk)
    visible = access.visible_units(request.user)
    parent = unit.parent if unit.parent_id else None
    parent_visible = parent is not None and visible.filter(pk=parent.pk).exists()
    children = list(
        visible.filter(parent=unit).annotate(members_count=Count("members")).order_by("pk")
    )
    people = None
    if access.can_write(request.user):
        people = list(
            Membership.objects.filter(unit=unit)
            .select_related("user", "scope")
            .order_by("user__last_name", "user__first_name", "user__username")
        )
    plans = access.visible_plans(request.user).filter(owner=unit)
    return render(
        request,
        "kehoach/units/detail.html",
        {
            "unit": unit,
            "parent": parent,
            "parent_visible": parent_visible,
            "children": children,
            "people": people,
            "plans": plans[:50],
            "plans_count": plans.count(),
        },
    )


def _read_tree(data: bytes) -> OrgTree:
    """A tree from an uploaded file: CSV when its header starts with ``code,``, else YAML."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OrgTreeError(_("tệp không phải văn bản UTF-8")) from None
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.lstrip("\ufeff").startswith("code,"):
        return loads_csv(text)
    return loads_yaml(text)


def _scoped_tree(user: Any, tree: OrgTree) -> OrgTree:
    """Check that ``tree`` stays inside the user's scope; return the tree to import.

    A unit in the file with no parent that already exists keeps the parent it has (an
    export of one's subtree has its top unit detached from the units above it); the
    existing units above are added unchanged so the tree is whole.
    """
    visible = access.visible_units(user)
    everything = access.scope_path(user) == ""
    visible_codes = set(visible.values_list("code", flat=True))
    existing = {
        u.code: u for u in Unit.objects.filter(code__in=list(tree.units)).select_related("parent")
    }
    errors = []
    for org in tree:
        if org.code in existing and org.code not in visible_codes:
            errors.append(_("Đơn vị %(code)s nằm ngoài phạm vi của bạn.") % {"code": org.code})
        elif org.parent is None and org.code not in existing and not everything:
            errors.append(
                _("Đơn vị mới %(code)s phải thuộc một đơn vị trong phạm vi của bạn.")
                % {"code": org.code}
            )
        # A parent outside the visible units is in the file (OrgTree checked that), so it
        # is checked in its turn: the whole chain ends in scope or is refused.
    if errors:
        raise OrgTreeError(" ".join(errors))

    units: list[OrgUnit] = []
    added: list[OrgUnit] = []
    for org in tree:
        row = existing.get(org.code)
        if org.parent is None and row is not None and row.parent_id is not None:
            units.append(dataclasses.replace(org, parent=row.parent.code))  # type: ignore[union-attr]
            ancestor = row.parent
            while ancestor is not None and ancestor.code not in tree:
                if all(a.code != ancestor.code for a in added):
                    top = export_tree([ancestor]).get(ancestor.code)
                    parent_code = ancestor.parent.code if ancestor.parent_id else None  # type: ignore[union-attr]
                    added.append(dataclasses.replace(top, parent=parent_code))
                ancestor = ancestor.parent if ancestor.parent_id else None
        else:
            units.append(org)
    return OrgTree([*added, *units])


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request: HttpRequest) -> HttpResponse:
    if not access.can_write(request.user):
        raise Http404
    context: dict[str, Any] = {"max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size == 0:
            context["error"] = _("Hãy chọn một tệp YAML hoặc CSV.")
            return render(request, "kehoach/units/import.html", context, status=400)
        if upload.size > settings.MAX_UPLOAD_BYTES:
            context["error"] = _("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": context["max_mb"]}
            return render(request, "kehoach/units/import.html", context, status=400)
        try:
            tree = _scoped_tree(request.user, _read_tree(upload.read()))
            with acting_as(request.user), transaction.atomic():
                created, updated = import_tree(tree)
        except OrgTreeError as exc:
            context["error"] = _("Không nhập được cây đơn vị: %(reason)s") % {"reason": exc}
            return render(request, "kehoach/units/import.html", context, status=400)
        except ValidationError as exc:
            reasons = "; ".join(str(m) for m in exc.messages)
            context["error"] = _("Không nhập được cây đơn vị: %(reason)s") % {"reason": reasons}
            return render(request, "kehoach/units/import.html", context, status=400)
        messages.success(
            request,
            _("Đã nhập cây đơn vị: %(created)d đơn vị mới, %(updated)d đơn vị được cập nhật.")
            % {"created": created, "updated": updated},
        )
        return redirect("kehoach:unit-list")
    return render(request, "kehoach/units/import.html", context)


@login_required
@require_GET
def unit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("yaml", "csv"):
        raise Http404
    rows = list(access.visible_units(request.user).select_related("parent").order_by("pk"))
    tree = export_tree(rows)
    if fmt == "csv":
        # A byte-order mark so spreadsheet programs read the Vietnamese right; the import
        # (and kehoach.orgtree.loads_csv) skip it.
        body = "\ufeff" + dumps_csv(tree)
        content_type = "text/csv; charset=utf-8"
    else:
        body = dumps_yaml(tree)
        content_type = "application/yaml; charset=utf-8"
    response = HttpResponse(body.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="don-vi.{fmt}"'
    return response
