"""A plan as Markdown or as one HTML page, for a quick look before the DOCX is made.

Both keep the parts of the official layout in their order — header (issuer, ``*``,
number | title, place and date), type name and trích yếu, opening paragraphs, numbered
sections, "Nơi nhận" and the signature block — but not its measurements: the DOCX
(``render_docx``) is the document to sign. The HTML page stands alone (inline CSS, no
scripts, no outside resources) and every text from the plan is escaped.
"""

from __future__ import annotations

import html
import re

from ..model import Plan, Section
from .regime import choose_regime

__all__ = ["header_parts", "render_html", "render_markdown"]

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _regime(plan: Plan, regime: str | None) -> str:
    return choose_regime(plan, regime)


def _number_line(plan: Plan, regime: str) -> str:
    number = plan.number or ""
    symbol = plan.symbol or ""
    if regime == "party":
        return f"Số {number}-{symbol}" if symbol else f"Số {number}".rstrip()
    return f"Số: {number}/{symbol}" if symbol else f"Số: {number}".rstrip()


def _date_line(plan: Plan) -> str:
    """ "Long Biên, ngày 03 tháng 11 năm 2023": day under 10 and months 1–2 with a zero."""
    place = f"{plan.place}, " if plan.place else ""
    if not plan.date:
        partial = (plan.date_partial or "").split("-")
        if len(partial) == 2 and all(part.isdigit() for part in partial):
            month = int(partial[1])
            shown = f"{month:02d}" if month < 3 else str(month)
            return f"{place}ngày … tháng {shown} năm {partial[0]}"
        if partial[0].isdigit():
            return f"{place}ngày … tháng … năm {partial[0]}"
        return f"{place}ngày … tháng … năm …"
    year, month, day = (int(part) for part in plan.date.split("-"))
    month_text = f"{month:02d}" if month < 3 else str(month)
    return f"{place}ngày {day:02d} tháng {month_text} năm {year}"


def _issuer_lines(plan: Plan) -> list[str]:
    if plan.organ_lines:
        return list(plan.organ_lines)
    if not plan.issuer:
        return []
    # The header names the committee or union; its "Ban Thường vụ" signs for it
    # (T/M BAN THƯỜNG VỤ, TM. BAN THƯỜNG VỤ).
    name = re.sub(r"^(?:Ban Thường vụ|Ban Chấp hành)\s+", "", plan.issuer, flags=re.IGNORECASE)
    return [name.upper()]


def header_parts(plan: Plan, regime: str | None = None) -> tuple[list[str], list[str], str, str]:
    """(left lines, right lines, number line, place-and-date line) of the page header."""
    chosen = _regime(plan, regime)
    left = _issuer_lines(plan)
    if chosen == "party":
        left.append("*")
        right = [PARTY_TITLE]
    else:
        right = [NATIONAL_TITLE, MOTTO]
    return left, right, _number_line(plan, chosen), _date_line(plan)


def _numbered(section: Section) -> str:
    label, heading = section.label.strip(), section.heading.strip()
    if not label:
        return heading
    if re.fullmatch(r"[a-zđ]", label):
        return f"{label}) {heading}".rstrip()
    if re.match(r"(?i)^(?:phần|chương)\b", label):
        return f"{label}: {heading}" if heading else label
    return f"{label}. {heading}".rstrip()


def _recipient_lines(plan: Plan) -> list[str]:
    lines = []
    for i, r in enumerate(plan.recipients):
        purpose = f" ({r.purpose})" if r.purpose else ""
        end = "." if i == len(plan.recipients) - 1 else ","
        lines.append(f"- {r.name}{purpose}{end}")
    return lines


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- Markdown --------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(\s)")


def _md(text: str) -> str:
    """Inline text with the characters Markdown would act on escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_paragraph(text: str) -> str:
    """A paragraph; "- …" and "+ …" stay list items, "1. …" stays literal text."""
    escaped = _md(text)
    if re.match(r"^[-+]\s", text):
        return "- " + escaped[2:].lstrip() if text.startswith("-") else "    - " + escaped[2:]
    return _MD_ORDERED.sub(r"\1\\\2\3", escaped)


def render_markdown(plan: Plan, *, regime: str | None = None) -> str:
    """The plan as Markdown: header lines, type and title, opening, sections, Nơi nhận, signer."""
    left, right, number, when = header_parts(plan, regime)
    out: list[str] = []
    head_left = [f"**{_md(line)}**" if line != "*" else "\\*" for line in left]
    out.append("  \n".join([*head_left, _md(number)]))
    out.append("")
    out.append("  \n".join([*(f"**{_md(line)}**" for line in right), f"*{_md(when)}*"]))
    out.append("")
    out.append(f"# {_md(plan.doc_type or 'KẾ HOẠCH')}")
    out.append("")
    if plan.title:
        out.append(f"**{_md(plan.title)}**")
        out.append("")
    for paragraph in plan.opening:
        out.append(_md_paragraph(paragraph))
        out.append("")
    for section in plan.sections:
        _section_markdown(section, 2, out)
    if plan.recipients:
        out.append("**Nơi nhận:**")
        out.append("")
        out.extend(_md(line) for line in _recipient_lines(plan))
        out.append("")
    signature = _signature_lines(plan, regime)
    if signature:
        out.append(
            "  \n".join(f"**{_md(text)}**" if bold else _md(text) for text, bold in signature)
        )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _section_markdown(section: Section, level: int, out: list[str]) -> None:
    out.append(f"{'#' * min(level, 6)} {_md(_numbered(section))}")
    out.append("")
    for paragraph in _paragraphs(section.text):
        out.append(_md_paragraph(paragraph))
        out.append("")
    for child in section.children:
        _section_markdown(child, level + 1, out)


def _signature_lines(plan: Plan, regime: str | None = None) -> list[tuple[str, bool]]:
    """(text, bold) lines of the signature block, the gap for the signature excluded."""
    if plan.signer is None:
        return []
    party = _regime(plan, regime) == "party"
    s = plan.signer
    lines: list[tuple[str, bool]] = []
    if s.authority:
        lines.append((s.authority, True))
    if s.title:
        lines.append((s.title, not party or not s.authority))
    if s.name:
        lines.append((s.name, True))
    return lines


# --- HTML ------------------------------------------------------------------------------

_CSS = """
body { margin: 0; background: #eee; color: #000; }
.page { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 1em auto;
  padding: 20mm 15mm 20mm 30mm; background: #fff;
  font: 14pt/1.35 "Times New Roman", "Liberation Serif", Times, serif; }
table.cols { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.cols td { vertical-align: top; padding: 0; text-align: center; }
table.header td.left { width: 45%; }
table.closing td.left { width: 45%; text-align: left; }
.header p, .closing p { margin: 0; }
.b { font-weight: bold; }
.i { font-style: italic; }
.u { text-decoration: underline; }
.small { font-size: 12pt; }
.ruled { display: inline-block; border-bottom: 1px solid #000; }
h1 { font-size: 15pt; text-align: center; margin: 18pt 0 0; }
p.title { font-weight: bold; text-align: center; margin: 0; }
p.rule { text-align: center; margin: 0 0 6pt; }
section > h2, section > h3, section > h4, section > h5, section > h6 {
  font-size: 14pt; margin: 6pt 0; text-indent: 10mm; text-align: justify; }
h2 { font-weight: bold; }
h3 { font-weight: bold; }
h4 { font-weight: bold; font-style: italic; }
h5, h6 { font-weight: normal; font-style: italic; }
p.body { text-align: justify; text-indent: 10mm; margin: 6pt 0; }
.sign { height: 25mm; }
@media print { body { background: none; } .page { margin: 0; width: auto; min-height: 0; } }
""".strip()


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render_html(plan: Plan, *, regime: str | None = None) -> str:
    """The plan as one self-contained HTML page (lang="vi", inline CSS, all text escaped)."""
    chosen = _regime(plan, regime)
    left, right, number, when = header_parts(plan, chosen)
    doc_type = plan.doc_type or "KẾ HOẠCH"
    page_title = " ".join(p for p in (doc_type, number.removeprefix("Số").strip(" :")) if p)
    if plan.title:
        page_title += f" — {plan.title}"
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(page_title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        '<main class="page">',
        '<table class="cols header">',
        "<tr>",
        f'<td class="left">{"".join(_header_left(left))}</td>',
        f'<td class="right">{"".join(_header_right(right))}</td>',
        "</tr>",
        "<tr>",
        f'<td class="left"><p>{_e(number)}</p></td>',
        f'<td class="right"><p class="i">{_e(when)}</p></td>',
        "</tr>",
        "</table>",
        f"<h1>{_e(doc_type)}</h1>",
    ]
    if plan.title:
        out.append(f'<p class="title">{_e(plan.title)}</p>')
    out.append('<p class="rule">-----</p>' if chosen == "party" else '<p class="rule">―――</p>')
    out.extend(f'<p class="body">{_e(p)}</p>' for p in plan.opening)
    for section in plan.sections:
        _section_html(section, 2, out)
    out.append('<table class="cols closing">')
    out.append("<tr>")
    out.append(f'<td class="left">{"".join(_recipients_html(plan, chosen))}</td>')
    out.append(f'<td class="right">{"".join(_signature_html(plan, chosen))}</td>')
    out.append("</tr>")
    out.append("</table>")
    out.extend(["</main>", "</body>", "</html>"])
    return "\n".join(out) + "\n"


def _header_left(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        last_name = i == len(lines) - 1 or lines[i + 1] == "*"
        cls = "" if line == "*" else (' class="b"' if last_name else "")
        out.append(f"<p{cls}>{_e(line)}</p>")
    return out


def _header_right(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        if i == len(lines) - 1:  # the line under the Party title or the motto
            out.append(f'<p class="b"><span class="ruled">{_e(line)}</span></p>')
        else:
            out.append(f'<p class="b">{_e(line)}</p>')
    return out


def _section_html(section: Section, level: int, out: list[str]) -> None:
    tag = f"h{min(level, 6)}"
    out.append("<section>")
    out.append(f"<{tag}>{_e(_numbered(section))}</{tag}>")
    out.extend(f'<p class="body">{_e(p)}</p>' for p in _paragraphs(section.text))
    for child in section.children:
        _section_html(child, level + 1, out)
    out.append("</section>")


def _recipients_html(plan: Plan, regime: str) -> list[str]:
    if not plan.recipients:
        return []
    style = "u" if regime == "party" else "b i"
    out = [f'<p class="{style}">Nơi nhận:</p>']
    out.extend(f'<p class="small">{_e(line)}</p>' for line in _recipient_lines(plan))
    return out


def _signature_html(plan: Plan, regime: str) -> list[str]:
    lines = _signature_lines(plan, regime)
    if not lines:
        return []
    out = []
    name = plan.signer.name if plan.signer else None
    for text, bold in lines:
        if name and text == name and (text, bold) == lines[-1]:
            out.append('<p class="sign"></p>')
        out.append(f'<p class="b">{_e(text)}</p>' if bold else f"<p>{_e(text)}</p>")
    return out
