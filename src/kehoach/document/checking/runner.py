"""Run the rules over a document and collect the findings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..model import Plan, SourceText
from ..reading import DEFAULT_MAX_BYTES, read_bytes
from .context import CheckContext, build_context
from .model import RULES, Finding, Hit, Rule, Severity

__all__ = ["Report", "check_bytes", "check_path", "check_source", "rules_for"]


@dataclass
class Report:
    """The findings for one document, sorted by line, with what decided the rules."""

    findings: list[Finding]
    regime: str
    regime_signal: str
    on: date
    version: str
    plan: Plan
    path: str | None = None
    rules_run: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def infos(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.INFO)


def rules_for(ctx: CheckContext) -> list[Rule]:
    """The rules that apply: the document's regime, in force on its date, layout on DOCX."""
    _load_rules()
    return [
        r
        for r in RULES.values()
        if ctx.regime in r.regimes and r.in_force(ctx.on) and (ctx.is_docx or not r.layout)
    ]


def _load_rules() -> None:
    # Importing the rule modules registers them (decorators fill RULES).
    from .rules import capitals, closing, header, layout, structure, text  # noqa: F401


def check_source(
    source: SourceText,
    *,
    docx: bytes | None = None,
    as_of: date | None = None,
    regime: str | None = None,
    ignore: Iterable[str] = (),
    min_severity: Severity = Severity.INFO,
) -> Report:
    ctx = build_context(source, docx=docx, as_of=as_of, regime=regime)
    ignored = {i.strip().upper() for i in ignore if i.strip()}
    findings: list[Finding] = []
    run: list[str] = []
    for rule in rules_for(ctx):
        if rule.id in ignored:
            continue
        run.append(rule.id)
        try:
            hits = list(rule.check(ctx))
        except Exception as exc:  # one rule's bug must not cost the clerk the other findings
            hits = [
                Hit(
                    None,
                    message=f"Không kiểm tra được quy tắc {rule.id} ({type(exc).__name__}); hãy báo lỗi này.",
                    suggestion="",
                    severity=Severity.INFO,
                )
            ]
        for hit in hits:
            severity = hit.severity or rule.severity
            if rule.header_presence and hit.severity is None:
                severity = Severity.ERROR if ctx.is_docx else Severity.WARNING
            if severity < min_severity:
                continue
            findings.append(
                Finding(
                    rule=rule.id,
                    severity=severity,
                    line=hit.line,
                    column=hit.column,
                    text=hit.text,
                    message=hit.message or rule.message,
                    suggestion=hit.suggestion if hit.suggestion is not None else rule.suggestion,
                )
            )
    findings.sort(key=lambda f: (f.line or 0, -int(f.severity), f.rule))
    return Report(
        findings=findings,
        regime=ctx.regime,
        regime_signal=ctx.regime_signal,
        on=ctx.on,
        version=ctx.version,
        plan=ctx.plan,
        path=source.path,
        rules_run=run,
    )


def check_bytes(
    data: bytes,
    *,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    as_of: date | None = None,
    regime: str | None = None,
    ignore: Iterable[str] = (),
    min_severity: Severity = Severity.INFO,
) -> Report:
    """Read and check an in-memory document. Raises ``UnreadableDocument`` on bad input."""
    source = read_bytes(data, name=name, max_bytes=max_bytes)
    docx = data if source.format == "docx" else None
    return check_source(
        source, docx=docx, as_of=as_of, regime=regime, ignore=ignore, min_severity=min_severity
    )


def check_path(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    as_of: date | None = None,
    regime: str | None = None,
    ignore: Iterable[str] = (),
    min_severity: Severity = Severity.INFO,
) -> Report:
    """Read and check a file; the DOCX itself is kept for the layout rules."""
    from ..reading import read_path

    source = read_path(path, max_bytes=max_bytes)
    docx = Path(path).read_bytes() if source.format == "docx" else None
    report = check_source(
        source, docx=docx, as_of=as_of, regime=regime, ignore=ignore, min_severity=min_severity
    )
    report.path = str(path)
    return report
