"""The form checker: a plan's form against the official rules (document-format.md §7).

    report = check_path("ke-hoach.docx")
    for finding in report.findings:
        print(finding.line, finding.rule, finding.message, finding.suggestion)

Each rule is data plus a small function (``model.rule``); the rule modules under
``rules/`` register themselves. The regime (Party, State, Union) and the version of the
rules by issue date are chosen in ``context``; ``output`` renders text, JSON and SARIF.
"""

from __future__ import annotations

from .context import CheckContext
from .model import RULES, Finding, Hit, Rule, Severity
from .runner import Report, check_bytes, check_path, check_source

__all__ = [
    "RULES",
    "CheckContext",
    "Finding",
    "Hit",
    "Report",
    "Rule",
    "Severity",
    "all_rules",
    "check_bytes",
    "check_path",
    "check_source",
]


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by id."""
    from .runner import _load_rules

    _load_rules()
    return sorted(RULES.values(), key=lambda r: r.id)
