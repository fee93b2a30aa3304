"""The rule catalogue as Markdown (docs/rules.md is generated from the rules themselves).

python -m kehoach.document.checking.catalogue > docs/rules.md
"""

from __future__ import annotations

from . import all_rules

__all__ = ["catalogue_markdown"]

_REGIME = {"party": "Đảng", "state": "Nhà nước", "union": "Công đoàn"}

CORRECTIONS = """\
## Corrections to the seed table

The findings of the five seeds were verified by reading them; the spec's §7.5 summary held
for every seed. Where the detailed §7.2 columns left room, the choices were:

- REF-003 (one document, two dates) is reported once, at the later citation, and names both
  lines; the spec's column gives both lines (004: L27 vs L31).
- CAP-5 also fires on seed 003 line 52 (`Phòng nội vụ` → `Phòng Nội vụ`), which the table
  omits; the same document writes the name correctly on lines 29 and 50.
- REF-002 asks for type, `số`, number-symbol, date and issuing body at the first citation;
  the subject is not required, as the seed column (002 L11) implies.
- HDR-003 (missing star) stays a warning on DOCX as well, as the table says; HDR-001, 002
  and 004 are errors on DOCX and warnings on text (§7.1).
"""


def catalogue_markdown() -> str:
    rules = all_rules()
    out = [
        "# Rule catalogue of `kehoach check`",
        "",
        "Generated from the rules themselves: `python -m kehoach.document.checking.catalogue`.",
        "`kehoach check --rules` prints the same list. Severity: Lỗi (error), Cảnh báo (warning),",
        "Gợi ý (info). Rules marked DOCX run only on DOCX input.",
        "",
        "| id | severity | regimes | in force | what is checked | source |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        regimes = ", ".join(_REGIME[x] for x in ("party", "state", "union") if x in r.regimes)
        when = "always"
        if r.applies_from or r.applies_until:
            start = r.applies_from.strftime("%d/%m/%Y") if r.applies_from else "…"
            end = r.applies_until.strftime("%d/%m/%Y") if r.applies_until else "now"
            when = f"{start} – {end}"
        title = r.title + (" (DOCX)" if r.layout else "")
        severity = r.severity.vietnamese + (" / lỗi trên DOCX" if r.header_presence else "")
        out.append(f"| {r.id} | {severity} | {regimes} | {when} | {title} | {r.source} |")
    out += ["", f"{len(rules)} rules.", "", CORRECTIONS]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_markdown(), end="")
