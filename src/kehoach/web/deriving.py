"""Draft a unit's implementing plan from a plan in its library (issue 7, the web side).

The core derives (kehoach.document.deriving); this module feeds it the unit tree from the
database, applies the clerk's edits and saves the draft as a plan awaiting review.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from kehoach.document import Section
from kehoach.document.deriving import Derivation, derive_plan
from kehoach.document.rendering import render_docx
from kehoach.document.text import nfc
from kehoach.orgtree import OrgTree

from . import library
from .models import Plan, Unit
from .units_io import export_tree


def tree_for(unit: Unit) -> OrgTree:
    """The part of the tree a derivation looks at: the unit's own subtree, its ancestors and
    their children (the level above and its departments) — not the whole country."""
    ancestor_ids = [int(part) for part in unit.path.strip("/").split("/") if part]
    rows = Unit.objects.filter(
        Q(path__startswith=unit.path) | Q(pk__in=ancestor_ids) | Q(parent_id__in=ancestor_ids)
    ).select_related("parent")
    return export_tree(list(rows))


@dataclass
class Clause:
    """One section of the draft as the edit form shows it."""

    path: str
    depth: int
    label: str
    heading: str
    text: str
    source_line: int | None


def derive_for(parent: Plan, unit: Unit, as_of: datetime.date) -> Derivation:
    return derive_plan(library.core_plan(parent), tree_for(unit), unit.code, as_of=as_of)


def _walk(sections: list[Section], prefix: str, depth: int) -> Iterator[tuple[str, int, Section]]:
    for section in sections:
        path = f"{prefix}/{section.label}"
        yield path, depth, section
        yield from _walk(section.children, path, depth + 1)


def clauses(derivation: Derivation) -> list[Clause]:
    lines = {link.target_path: link.source_line for link in derivation.links}
    return [
        Clause(path, depth, s.label, s.heading, s.text, lines.get(path))
        for path, depth, s in _walk(derivation.plan.sections, "sections", 0)
    ]


def apply_edits(derivation: Derivation, title: str, edits: Mapping[str, tuple[str, str]]) -> None:
    """Replace headings and texts of the sections the clerk edited (by path)."""
    if title.strip():
        derivation.plan.title = nfc(title.strip())
    for path, _depth, section in _walk(derivation.plan.sections, "sections", 0):
        if path in edits:
            heading, text = edits[path]
            section.heading = nfc(heading.strip()) or section.heading
            section.text = nfc(text.replace("\r\n", "\n").strip())


def save_draft(derivation: Derivation, parent: Plan, unit: Unit, user: Any) -> Plan:
    """The draft becomes a plan in the unit's library, awaiting review, citing its parent."""
    # The draft is kept as the document it will be: rendered in the official format, read
    # back and checked like any upload, so the review page shows the checker's findings at
    # the lines the clerk will print.
    docx = render_docx(derivation.plan)
    with transaction.atomic():
        row = library.file_plan(
            owner=unit,
            user=user,
            data=docx,
            name=f"du-thao-{unit.code}.docx",
            core=derivation.plan,
            extra={**derivation.to_dict(), "derived_from": parent.pk},
        )
    return row
