"""Assemble a ``Plan`` from the extractors. Never raises."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Plan
from ..text import fold
from .assignments import extract_assignments
from .basis import extract_basis
from .channels import extract_channels, extract_slogans
from .closing import extract_recipients, extract_signer, find_recipients_start
from .header import Header, parse_header, type_word
from .issuer import determine_issuer
from .lines import Line, clean_lines, join_paragraphs
from .sections import Node, build_tree
from .timeline import extract_deadlines, extract_phases, extract_recurring_reports

__all__ = ["Analysis", "analyse", "parse_lines"]

_PHASE_ROLES = {"content", "timeline", "forms", "other"}


@dataclass
class Analysis:
    """The parser's working state, kept for the checker: what each line turned out to be."""

    plan: Plan
    cleaned: list[Line] = field(default_factory=list)
    header: Header = field(default_factory=Header)
    body: list[Line] = field(default_factory=list)  # cleaned lines after the title
    recipients_start: int | None = None  # index into body of "Nơi nhận"
    recipients_end: int | None = None
    main: list[Line] = field(default_factory=list)  # the body without the closing
    paragraphs: list[Line] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    opening: list[Line] = field(default_factory=list)


def parse_lines(raw_lines: list[str], source_format: str = "txt") -> Plan:
    return analyse(raw_lines, source_format).plan


def analyse(raw_lines: list[str], source_format: str = "txt") -> Analysis:
    """Parse and keep the intermediate results. Never raises."""
    analysis = Analysis(Plan())
    plan = analysis.plan
    try:
        _parse(raw_lines, analysis, source_format)
    except RecursionError:
        plan.warn(None, "parser-error", "văn bản quá phức tạp, chỉ đọc được một phần")
    except Exception as exc:  # the parser never raises on any input; say what failed
        plan.warn(
            None,
            "parser-error",
            f"lỗi khi phân tích văn bản ({type(exc).__name__}); kết quả có thể thiếu",
        )
    return analysis


def _attached_plan_start(lines: list[Line]) -> int | None:
    """A decision whose plan follows its signature: where the plan's own text starts."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.text:
            continue
        seen += 1
        if seen > 6:
            return None
        if type_word(line.text):
            j = i + 1
            while j < len(lines) and (
                not lines[j].text
                or (
                    len(lines[j].text) < 200
                    and not lines[j].text[:2].strip(" ").startswith(("I", "1"))
                )
            ):
                j += 1
                if j - i > 5:
                    break
            return j
    return None


def _parse(raw_lines: list[str], analysis: Analysis, source_format: str) -> None:
    plan = analysis.plan
    cleaned = clean_lines(raw_lines)
    analysis.cleaned = cleaned
    if not any(line.text for line in cleaned):
        plan.warn(None, "empty", "văn bản không có nội dung")
        return
    header = parse_header(cleaned, plan, source_format)
    body = cleaned[header.body_start :]
    r_start = find_recipients_start(body)
    recipients, r_end, side = extract_recipients(body, r_start)
    analysis.header, analysis.body = header, body
    analysis.recipients_start, analysis.recipients_end = r_start, r_end
    plan.recipients = recipients
    plan.signer = (extract_signer(side, None, None) if side else None) or extract_signer(
        body, r_start, r_end
    )
    if r_start is not None:
        main = body[:r_start]
        # Drop a signature block printed before "Nơi nhận" (side-by-side layouts).
        sign_no = plan.signer.line if plan.signer and plan.signer.line else None
        # (Not in a run-on page, where every piece shares the one line number.)
        while main and sign_no is not None and main[-1].no >= sign_no > main[0].no:
            main.pop()
        tail_start = _signature_end(body, r_end or r_start)
        attached = _attached_plan_start(body[tail_start:])
        if attached is not None:
            main = main + body[tail_start + attached :]
    else:
        main = body
        if plan.signer and plan.signer.line:
            main = [ln for ln in body if ln.no < plan.signer.line]
    paragraphs = join_paragraphs(main, source_format)
    nodes, preamble = build_tree(paragraphs)
    plan.sections = [n.section for n in nodes]
    opening = preamble if nodes else _opening_without_sections(paragraphs)
    analysis.main, analysis.paragraphs, analysis.nodes, analysis.opening = (
        main,
        paragraphs,
        nodes,
        opening,
    )
    plan.opening = [ln.text for ln in opening]
    plan.organ_lines = list(header.organ_lines)
    basis_lines = list(opening)
    for node in nodes:
        if "can cu" in fold(node.section.heading):
            basis_lines.extend(node.all_lines())
    plan.basis = extract_basis(basis_lines)
    plan.assignments = extract_assignments(nodes)
    body_lines = (
        [ln for ln in paragraphs if ln not in opening] if nodes else paragraphs[len(opening) :]
    )
    plan.phases = [
        p
        for p in extract_phases(_phase_lines(nodes) or body_lines, header.partial_date)
        if _plausible(p)
    ]
    plan.channels = extract_channels(body_lines)
    plan.slogans = extract_slogans(nodes)
    plan.deadlines = extract_deadlines(body_lines, plan.assignments)
    plan.recurring_reports = extract_recurring_reports(body_lines)
    determine_issuer(plan, header, opening)
    if not plan.sections:
        plan.warn(None, "sections-missing", "không thấy các phần I, II, III … của kế hoạch")
    if r_start is None:
        plan.warn(None, "recipients-missing", "không thấy phần Nơi nhận")
    if plan.signer is None:
        plan.warn(None, "signer-missing", "không thấy khối chữ ký")


_BODY_START = re.compile(r"^(?:Điều\s+1\b|QUYẾT ĐỊNH\s*:|\d{1,2}\.\s|[a-zđ]\)\s)")


def _opening_without_sections(paragraphs: list[Line]) -> list[Line]:
    """With no section headings, the opening runs to the first article or numbered item
    ("Điều 1.", "QUYẾT ĐỊNH:", "1. …"), at most eight paragraphs."""
    out: list[Line] = []
    for line in paragraphs[:8]:
        if out and _BODY_START.match(line.text):
            break
        out.append(line)
    return out or paragraphs[:4]


def _signature_end(body: list[Line], start: int) -> int:
    """Index after the signature block that follows the recipients."""
    i = start
    limit = min(len(body), start + 10)
    while i < limit:
        text = body[i].text
        if text and len(text) > 80:
            break
        if text and type_word(text):
            break
        i += 1
    return i


def _phase_lines(nodes: list[Node]) -> list[Line]:
    out: list[Line] = []
    for node in nodes:
        roles = set(node.section.roles) or {node.section.role}
        if (
            roles & _PHASE_ROLES and not roles & {"organization", "purpose"}
        ) or "timeline" in roles:
            if node.head_line is not None:
                out.append(node.head_line)
            out.extend(node.all_lines())
    return out


def _plausible(phase: object) -> bool:
    start = getattr(phase, "start", None)
    end = getattr(phase, "end", None)
    if start and end:
        # "(22/9/1943 - 22/9/2023)" is an anniversary, not a campaign phase.
        return int(end[:4]) - int(start[:4]) <= 6
    return True
