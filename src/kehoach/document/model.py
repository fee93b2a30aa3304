"""The structured plan (see ``shared/spec/plan-json.md``) and the reader's output.

Field names are the public JSON keys; ``to_dict`` gives exactly the JSON object of
``kehoach parse --format json``. Line numbers are 1-based lines of the source text
(``SourceText.lines``) so that the checker and the review page can point at them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Assignment",
    "Citation",
    "Deadline",
    "ParseWarning",
    "Phase",
    "Plan",
    "Recipient",
    "Section",
    "Signer",
    "SourceText",
]


@dataclass(frozen=True)
class ParseWarning:
    """Something the reader or parser could not read, or had to guess."""

    line: int | None
    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class SourceText:
    """What a reader produces from any input: numbered lines of NFC text.

    One line per paragraph (or table cell paragraph), in reading order; a two-column
    header table gives its left cell's lines, then its right cell's.
    """

    lines: tuple[str, ...]
    format: str = "txt"
    path: str | None = None
    warnings: tuple[ParseWarning, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Citation:
    """A document this plan implements or is based on ("Thực hiện …", "Căn cứ …")."""

    kind: str | None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "issuer": self.issuer,
            "title": self.title,
        }


@dataclass
class Section:
    label: str
    heading: str
    role: str = "other"
    roles: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    text: str = ""
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "heading": self.heading,
            "role": self.role,
            "roles": list(self.roles),
            "line": self.line,
            "text": self.text,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> list[Section]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def _section_from(data: dict[str, Any]) -> Section:
    return Section(
        label=str(data["label"]),
        heading=str(data.get("heading", "")),
        role=str(data.get("role", "other")),
        roles=list(data.get("roles") or []),
        children=[_section_from(c) for c in data.get("children") or []],
        text=str(data.get("text", "")),
        line=data.get("line"),
    )


@dataclass
class Phase:
    label: str
    start: str | None
    end: str | None
    peak: bool = False
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "start": self.start, "end": self.end, "peak": self.peak}


@dataclass
class Assignment:
    """A unit named under the implementation section and the duties it receives."""

    unit: str
    duties: list[str] = field(default_factory=list)
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "duties": list(self.duties), "line": self.line}


@dataclass
class Deadline:
    date: str
    what: str
    unit: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "what": self.what, "unit": self.unit, "line": self.line}


@dataclass
class Recipient:
    """One line of "Nơi nhận"."""

    name: str
    purpose: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "purpose": self.purpose}


@dataclass
class Signer:
    authority: str | None = None
    title: str | None = None
    name: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"authority": self.authority, "title": self.title, "name": self.name}


@dataclass
class Plan:
    """A plan as a careful clerk would annotate it."""

    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    title: str | None = None
    basis: list[Citation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    phases: list[Phase] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    slogans: list[str] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    recurring_reports: list[str] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    signer: Signer | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    # Extra keys (plan-json.md allows additions): the header organ lines as printed
    # ("QUẬN ỦY LONG BIÊN", "BAN TUYÊN GIÁO") and the opening paragraphs before section I,
    # so that a plan can be rendered back into a whole document.
    organ_lines: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    # What the date line gives when ``date`` is null: "2023-08" (a draft's blank day) or "2023".
    date_partial: str | None = None
    # Where things were found, for the checker and review pages (not JSON keys).
    number_line: int | None = None
    date_line: int | None = None
    title_line: int | None = None
    source_format: str = "txt"
    source_path: str | None = None

    def warn(self, line: int | None, code: str, message: str) -> None:
        self.warnings.append(ParseWarning(line, code, message))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """The inverse of ``to_dict`` (a plan JSON from ``kehoach parse`` or another system).

        Unknown keys are ignored; missing keys take their empty value. Raises ``ValueError``
        with a Vietnamese message when a value has the wrong shape.
        """
        try:
            return cls(
                doc_type=data.get("doc_type"),
                number=data.get("number"),
                symbol=data.get("symbol"),
                issuer=data.get("issuer"),
                place=data.get("place"),
                date=data.get("date"),
                title=data.get("title"),
                basis=[
                    Citation(
                        c.get("kind"),
                        c.get("number"),
                        c.get("symbol"),
                        c.get("date"),
                        c.get("issuer"),
                        c.get("title"),
                    )
                    for c in data.get("basis") or []
                ],
                sections=[_section_from(s) for s in data.get("sections") or []],
                phases=[
                    Phase(p.get("label", ""), p.get("start"), p.get("end"), bool(p.get("peak")))
                    for p in data.get("phases") or []
                ],
                channels=list(data.get("channels") or []),
                slogans=list(data.get("slogans") or []),
                assignments=[
                    Assignment(a["unit"], list(a.get("duties") or []), a.get("line"))
                    for a in data.get("assignments") or []
                ],
                deadlines=[
                    Deadline(d["date"], d.get("what", ""), d.get("unit"), d.get("line"))
                    for d in data.get("deadlines") or []
                ],
                recurring_reports=list(data.get("recurring_reports") or []),
                recipients=[
                    Recipient(r["name"], r.get("purpose")) for r in data.get("recipients") or []
                ],
                signer=Signer(**{k: data["signer"].get(k) for k in ("authority", "title", "name")})
                if data.get("signer")
                else None,
                organ_lines=list(data.get("organ_lines") or []),
                opening=list(data.get("opening") or []),
                date_partial=data.get("date_partial"),
                warnings=[
                    ParseWarning(w.get("line"), w.get("code", ""), w.get("message", ""))
                    for w in data.get("warnings") or []
                ],
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(
                f"kế hoạch JSON không đúng cấu trúc ({type(exc).__name__}: {exc})"
            ) from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "symbol": self.symbol,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date,
            "title": self.title,
            "basis": [c.to_dict() for c in self.basis],
            "sections": [s.to_dict() for s in self.sections],
            "phases": [p.to_dict() for p in self.phases],
            "channels": list(self.channels),
            "slogans": list(self.slogans),
            "assignments": [a.to_dict() for a in self.assignments],
            "deadlines": [d.to_dict() for d in self.deadlines],
            "recurring_reports": list(self.recurring_reports),
            "recipients": [r.to_dict() for r in self.recipients],
            "signer": self.signer.to_dict() if self.signer else None,
            "organ_lines": list(self.organ_lines),
            "opening": list(self.opening),
            "date_partial": self.date_partial,
            "warnings": [w.to_dict() for w in self.warnings],
        }
