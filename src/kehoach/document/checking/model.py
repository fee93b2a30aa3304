"""Rules and findings of the form checker (document-format.md §7)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import CheckContext

__all__ = ["ALL_REGIMES", "RULES", "Finding", "Hit", "Rule", "Severity", "rule"]

ALL_REGIMES = frozenset({"party", "state", "union"})


class Severity(IntEnum):
    """Ordered so that ``--min-severity`` is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def vietnamese(self) -> str:
        return {1: "Gợi ý", 2: "Cảnh báo", 3: "Lỗi"}[int(self)]

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule function reports; the runner turns it into a ``Finding``.

    ``message``/``suggestion`` override the rule's own text when the case needs detail
    ("thiếu mục 2"); ``severity`` overrides the default (NUM-002 is a warning on drafts).
    """

    line: int | None
    text: str = ""
    column: int | None = None
    message: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    line: int | None
    column: int | None
    text: str
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
        }


CheckFunction = Callable[["CheckContext"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One rule: data (id, severity, regimes, dates, source, texts) plus a small function."""

    id: str
    severity: Severity
    regimes: frozenset[str]
    title: str  # one line, Vietnamese: what is checked
    message: str  # Vietnamese: what is wrong
    suggestion: str  # Vietnamese: how to fix it
    source: str  # the regulation and article, or "thực tiễn" for practice
    check: CheckFunction = field(compare=False)
    applies_from: date | None = None  # first issue date the rule is in force for
    applies_until: date | None = None  # last issue date
    layout: bool = False  # needs the DOCX itself (page, fonts), not only the text
    header_presence: bool = False  # an error on DOCX, a warning on text (§7.1)

    def in_force(self, on: date) -> bool:
        if self.applies_from and on < self.applies_from:
            return False
        return not (self.applies_until and on > self.applies_until)


RULES: dict[str, Rule] = {}


def rule(
    id: str,
    severity: Severity,
    *,
    regimes: Iterable[str] = ALL_REGIMES,
    title: str,
    message: str,
    suggestion: str,
    source: str,
    applies_from: date | None = None,
    applies_until: date | None = None,
    layout: bool = False,
    header_presence: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a rule function under ``id`` (ids are unique; a repeat is a bug)."""

    def register(fn: CheckFunction) -> CheckFunction:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(
            id=id,
            severity=severity,
            regimes=frozenset(regimes),
            title=title,
            message=message,
            suggestion=suggestion,
            source=source,
            check=fn,
            applies_from=applies_from,
            applies_until=applies_until,
            layout=layout,
            header_presence=header_presence,
        )
        return fn

    return register
