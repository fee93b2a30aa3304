"""The unit tree between the database and the core's OrgTree (YAML and CSV files).

Import is an upsert by code inside one transaction: a bad file changes nothing.
"""

from __future__ import annotations

from django.db import transaction

from kehoach.orgtree import OrgTree, OrgUnit

from .models import Unit

_FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "symbol",
    "place",
    "area",
    "aliases",
    "signer_authority",
    "signer_title",
    "signer_name",
    "header_lines",
)


def import_tree(tree: OrgTree) -> tuple[int, int]:
    """Create or update every unit of ``tree``; returns (created, updated)."""
    created = updated = 0
    by_code: dict[str, Unit] = {u.code: u for u in Unit.objects.filter(code__in=list(tree.units))}
    with transaction.atomic():
        # Parents before children: the tree's own order is not guaranteed to be.
        for org in _top_down(tree):
            row = by_code.get(org.code)
            is_new = row is None
            if row is None:
                row = Unit(code=org.code)
            before = {f: getattr(row, f) for f in _FIELDS} if not is_new else None
            for name in _FIELDS:
                setattr(row, name, getattr(org, name))
            parent = by_code.get(org.parent) if org.parent else None
            if org.parent and parent is None:
                parent = Unit.objects.get(code=org.parent)
            changed = is_new or before != {f: getattr(row, f) for f in _FIELDS}
            changed = changed or row.parent_id != (parent.pk if parent else None)
            row.parent = parent
            if changed:
                row.full_clean(exclude=["parent", "path", "search_key"])
                row.save()
                created += is_new
                updated += not is_new
            by_code[org.code] = row
    return created, updated


def _top_down(tree: OrgTree) -> list[OrgUnit]:
    out: list[OrgUnit] = []
    for root in tree.roots():
        out.append(root)
        out.extend(tree.descendants(root.code))
    return out


def export_tree(units: list[Unit] | None = None) -> OrgTree:
    rows = units if units is not None else list(Unit.objects.select_related("parent"))
    codes = {u.code for u in rows}
    return OrgTree(
        OrgUnit(
            code=u.code,
            parent=u.parent.code if u.parent and u.parent.code in codes else None,
            **{f: getattr(u, f) for f in _FIELDS},
        )
        for u in rows
    )
