"""Checker output: readable Vietnamese text, JSON, SARIF 2.1.0, and the rule list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .model import Rule, Severity
from .runner import Report

__all__ = ["report_json", "report_text", "reports_sarif", "rules_text", "summary_table"]

_REGIME_NAMES = {
    "party": "văn bản Đảng",
    "state": "văn bản hành chính",
    "union": "văn bản công đoàn",
}
_REGIME_SHORT = {"party": "Đảng", "state": "Nhà nước", "union": "Công đoàn"}


def _counts(report: Report) -> str:
    return f"{report.errors} lỗi, {report.warnings} cảnh báo, {report.infos} gợi ý"


def report_text(report: Report) -> str:
    """Findings grouped by severity (errors first), each with its line, quote and fix."""
    out: list[str] = []
    name = report.path or "văn bản"
    regime = _REGIME_NAMES.get(report.regime, report.regime)
    out.append(f"== {name} ==")
    out.append(
        f"Áp dụng quy định {regime} ({report.version}, theo ngày {report.on.strftime('%d/%m/%Y')}; "
        f"căn cứ: {report.regime_signal})"
    )
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        group = [f for f in report.findings if f.severity is severity]
        if not group:
            continue
        out.append("")
        out.append(f"{severity.vietnamese} ({len(group)}):")
        for f in group:
            where = f"dòng {f.line}" if f.line else "toàn văn bản"
            if f.line and f.column:
                where += f", cột {f.column}"
            out.append(f"  {where} [{f.rule}] {f.message}")
            if f.text:
                out.append(f"      «{f.text}»")
            if f.suggestion:
                out.append(f"      → Sửa: {f.suggestion}")
    out.append("")
    verdict = "Không có lỗi." if not report.errors else "Cần sửa trước khi ban hành."
    if not report.findings:
        verdict = "Không phát hiện sai sót về thể thức."
    out.append(f"Tổng cộng: {_counts(report)}. {verdict}")
    return "\n".join(out)


def report_json(report: Report) -> list[dict[str, Any]]:
    return [f.to_dict() for f in report.findings]


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def reports_sarif(reports: Sequence[Report], rules: Sequence[Rule]) -> dict[str, Any]:
    """One SARIF run for all checked files, with the rule catalogue as the driver's rules."""
    used = {f.rule for r in reports for f in r.findings}
    driver_rules = [
        {
            "id": r.id,
            "name": r.id.replace("-", ""),
            "shortDescription": {"text": r.title},
            "fullDescription": {"text": r.message},
            "help": {"text": r.suggestion},
            "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
            "properties": {"source": r.source, "regimes": sorted(r.regimes)},
        }
        for r in rules
        if r.id in used
    ]
    index = {r["id"]: i for i, r in enumerate(driver_rules)}
    results = []
    for report in reports:
        uri = (report.path or "document").replace("\\", "/")
        for f in report.findings:
            region: dict[str, Any] = {"startLine": f.line or 1}
            if f.column:
                region["startColumn"] = f.column
            text = f.message + (f" Sửa: {f.suggestion}" if f.suggestion else "")
            results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": _SARIF_LEVEL[f.severity],
                    "message": {"text": text},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}
                    ],
                    "properties": {"quoted": f.text},
                }
            )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kehoach check",
                        "semanticVersion": "0.1.0",
                        "rules": driver_rules,
                    }
                },
                "results": results,
            }
        ],
    }


def summary_table(rows: Sequence[tuple[str, Report | str]]) -> str:
    """One row per file: errors, warnings, infos, regime — or why it could not be read."""
    width = max([len(name) for name, _ in rows] + [8])
    out = [f"{'tệp':<{width}}  {'lỗi':>4}  {'c.báo':>5}  {'gợi ý':>5}  quy định"]
    out.append("-" * (width + 32))
    for name, item in rows:
        if isinstance(item, str):
            out.append(f"{name:<{width}}  {'—':>4}  {'—':>5}  {'—':>5}  không đọc được: {item}")
        else:
            regime = f"{_REGIME_SHORT.get(item.regime, item.regime)} {item.version}"
            out.append(
                f"{name:<{width}}  {item.errors:>4}  {item.warnings:>5}  {item.infos:>5}  {regime}"
            )
    return "\n".join(out)


def rules_text(rules: Sequence[Rule]) -> str:
    """The catalogue for ``kehoach check --rules``: id, severity, regimes, dates, source."""
    names = {"party": "Đảng", "state": "NN", "union": "CĐ"}
    out: list[str] = []
    for r in rules:
        regimes = ", ".join(names[x] for x in ("party", "state", "union") if x in r.regimes)
        dates = ""
        if r.applies_from or r.applies_until:
            start = r.applies_from.strftime("%d/%m/%Y") if r.applies_from else "…"
            end = r.applies_until.strftime("%d/%m/%Y") if r.applies_until else "nay"
            dates = f"; áp dụng {start} – {end}"
        kind = " [DOCX]" if r.layout else ""
        out.append(f"{r.id:<9} {r.severity.vietnamese:<8} {r.title}{kind}")
        out.append(f"          ({regimes}{dates}) Nguồn: {r.source}")
    out.append(f"\n{len(rules)} quy tắc.")
    return "\n".join(out)


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)
