"""Readable Vietnamese summaries of a plan (``--format text`` and ``--format md``)."""

from __future__ import annotations

from .model import Plan, Section

__all__ = ["number_symbol", "plan_markdown", "plan_summary", "vn_date"]

_REPORT_NAMES = {
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "6-month": "6 tháng",
    "yearly": "hằng năm",
}


def vn_date(iso: str | None) -> str:
    """ "2023-11-03" → "03/11/2023"; None → "—"."""
    if not iso:
        return "—"
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def number_symbol(number: str | None, symbol: str | None) -> str:
    """Party "193-KH/QU" (hyphen, then slash) or State "43/KH-LĐLĐ" (slash, then hyphen)."""
    if number and symbol:
        party = "/" in symbol and "-" not in symbol.split("/")[0] and not symbol[:4].isdigit()
        return f"{number}{'-' if party else '/'}{symbol}"
    if symbol:
        return f"(chưa có số) {symbol}"
    return number or "—"


def _number(plan: Plan) -> str:
    return number_symbol(plan.number, plan.symbol)


def plan_summary(plan: Plan, source: str | None = None) -> str:
    lines: list[str] = []
    if source:
        lines.append(f"== {source} ==")
    lines.append(f"Loại văn bản : {plan.doc_type or '—'}")
    lines.append(f"Số, ký hiệu  : {_number(plan)}")
    lines.append(f"Địa danh, ngày: {plan.place or '—'}, {vn_date(plan.date)}")
    lines.append(f"Cơ quan ban hành: {plan.issuer or '—'}")
    lines.append(f"Trích yếu    : {plan.title or '—'}")
    if plan.basis:
        lines.append("Căn cứ:")
        for c in plan.basis:
            ident = f" số {number_symbol(c.number, c.symbol)}" if c.number else ""
            when = f", ngày {vn_date(c.date)}" if c.date else ""
            who = f" của {c.issuer}" if c.issuer else ""
            if c.title and not c.number:
                lines.append(f"  - {c.title}{when}{who}")
                continue
            lines.append(f"  - {c.kind}{ident}{when}{who}")
    if plan.sections:
        lines.append("Các phần:")
        for s in plan.sections:
            lines.append(f"  {s.label}. {s.heading}  [{s.role}]")
    if plan.phases:
        lines.append("Giai đoạn:")
        for ph in plan.phases:
            peak = " (cao điểm)" if ph.peak else ""
            lines.append(f"  - {vn_date(ph.start)} → {vn_date(ph.end)}{peak}: {ph.label}")
    if plan.channels:
        lines.append(f"Kênh tuyên truyền: {', '.join(plan.channels)}")
    if plan.slogans:
        lines.append(f"Khẩu hiệu: {len(plan.slogans)}")
    if plan.assignments:
        lines.append("Phân công:")
        for a in plan.assignments:
            lines.append(f"  - {a.unit} ({len(a.duties)} nhiệm vụ)")
    if plan.deadlines:
        lines.append("Thời hạn:")
        for d in plan.deadlines:
            unit = f" [{d.unit}]" if d.unit else ""
            lines.append(f"  - trước {vn_date(d.date)}{unit}: {d.what}")
    if plan.recurring_reports:
        lines.append(
            "Báo cáo định kỳ: " + ", ".join(_REPORT_NAMES.get(r, r) for r in plan.recurring_reports)
        )
    if plan.recipients:
        lines.append(f"Nơi nhận: {len(plan.recipients)} nơi")
    if plan.signer:
        signer = plan.signer
        parts = (signer.authority, signer.title, signer.name)
        lines.append("Người ký: " + " / ".join(part for part in parts if part))
    if plan.warnings:
        lines.append("Cảnh báo:")
        for w in plan.warnings:
            where = f"dòng {w.line}: " if w.line else ""
            lines.append(f"  - {where}{w.message}")
    return "\n".join(lines)


def plan_markdown(plan: Plan, source: str | None = None) -> str:
    out: list[str] = []
    if source:
        out.append(f"<!-- {source} -->")
    head = " — ".join(
        p for p in (plan.issuer, _number(plan), f"{plan.place or ''}, {vn_date(plan.date)}") if p
    )
    out.append(f"*{head}*\n")
    out.append(f"# {plan.doc_type or 'VĂN BẢN'}\n")
    if plan.title:
        out.append(f"**{plan.title}**\n")
    for section in plan.sections:
        _section_md(section, 2, out)
    if plan.recipients:
        out.append("**Nơi nhận:**\n")
        for r in plan.recipients:
            purpose = f" ({r.purpose})" if r.purpose else ""
            out.append(f"- {r.name}{purpose}")
        out.append("")
    if plan.signer:
        s = plan.signer
        out.append("  \n".join(part for part in (s.authority, s.title, s.name) if part))
    return "\n".join(out).rstrip() + "\n"


def _section_md(section: Section, level: int, out: list[str]) -> None:
    out.append(f"{'#' * min(level, 6)} {section.label}. {section.heading}\n")
    if section.text:
        out.append(section.text + "\n")
    for child in section.children:
        _section_md(child, level + 1, out)
