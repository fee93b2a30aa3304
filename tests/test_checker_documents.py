"""The checker on whole documents: the seeds, clean plans, and injected defects."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kehoach.document.checking import Finding, Severity, check_path, check_source
from kehoach.document.model import SourceText

ROOT = Path(__file__).resolve().parent.parent
CLEAN = sorted((ROOT / "tests" / "clean").glob("*.txt"))


def findings_of(lines: list[str]) -> list[Finding]:
    return check_source(SourceText(tuple(lines))).findings


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_a_well_formed_plan_has_no_error_or_warning(path: Path) -> None:
    report = check_path(path)
    serious = [f for f in report.findings if f.severity >= Severity.WARNING]
    assert not serious, [(f.rule, f.line, f.text, f.message) for f in serious]


def _line_of(lines: list[str], pattern: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if re.search(pattern, line))


def blank_number(lines: list[str]) -> tuple[list[str], int]:
    no = _line_of(lines, r"^Số")
    lines[no - 1] = re.sub(r"(Số:?\s*)\d+", r"\1", lines[no - 1])
    return lines, no


def impossible_issue_date(lines: list[str]) -> tuple[list[str], int]:
    no = _line_of(lines, r", ngày \d+ tháng")
    lines[no - 1] = re.sub(r"ngày \d+ tháng \d+", "ngày 31 tháng 02", lines[no - 1])
    return lines, no


def skip_a_roman_numeral(lines: list[str]) -> tuple[list[str], int]:
    no = _line_of(lines, r"^III\. ")
    lines[no - 1] = lines[no - 1].replace("III.", "IV.", 1)
    following = [i for i, line in enumerate(lines) if i >= no and re.match(r"^IV\. ", line)]
    for i in following[1:]:
        lines[i] = lines[i].replace("IV.", "V.", 1)
    return lines, no


def unclosed_quote(lines: list[str]) -> tuple[list[str], int]:
    no = _line_of(lines, r"^2\. ")
    lines[no - 1] = lines[no - 1].replace("2. ", "2. “", 1)
    return lines, no


def impossible_body_date(lines: list[str]) -> tuple[list[str], int]:
    no = _line_of(lines, r"^IV\. |^III\. TỔ CHỨC")
    lines.insert(no, "Thời gian tổng kết: ngày 15/13/2023.")
    return lines, no + 1


def one_document_two_dates(lines: list[str]) -> tuple[list[str], int]:
    opening = _line_of(lines, r"^(Thực hiện|Căn cứ) ")
    m = re.search(r"(Kế hoạch|Hướng dẫn) số (\S+?)[, ]+ngày (\d+/\d+/\d{4})", lines[opening - 1])
    assert m, lines[opening - 1]
    kind, number, when = m.groups()
    day, month, year = when.split("/")
    other = f"{int(day) % 28 + 1:02d}/{month}/{year}"
    no = _line_of(lines, r"^I\. ")
    lines.insert(no, f"Bám sát {kind.lower()} số {number} ngày {other} trong quá trình triển khai.")
    return lines, no + 1


def drop_colon_after_recipients(lines: list[str]) -> tuple[list[str], int]:
    no = _line_of(lines, r"^Nơi nhận:")
    lines[no - 1] = "Nơi nhận"
    return lines, no


MUTATIONS: list[tuple[str, Callable[[list[str]], tuple[list[str], int]]]] = [
    ("NUM-002", blank_number),
    ("DAT-003", impossible_issue_date),
    ("NUMB-001", skip_a_roman_numeral),
    ("TXT-001", unclosed_quote),
    ("BDT-001", impossible_body_date),
    ("REF-003", one_document_two_dates),
    ("RCV-002", drop_colon_after_recipients),
]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
@pytest.mark.parametrize(("rule_id", "mutate"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_an_injected_defect_is_found_at_its_line(
    path: Path, rule_id: str, mutate: Callable[[list[str]], tuple[list[str], int]]
) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    before = {(f.rule, f.line) for f in findings_of(lines)}
    mutated, line = mutate(list(lines))
    after = findings_of(mutated)
    hits = [f for f in after if f.rule == rule_id]
    assert hits, f"{rule_id} did not fire; got {[(f.rule, f.line) for f in after]}"
    assert line in {f.line for f in hits}, [(f.rule, f.line, f.text) for f in hits]
    assert (rule_id, line) not in before


# The findings of each seed by severity, verified by reading the seeds (document-format.md
# §7.5; the table held for every seed).
SEED_FINDINGS = {
    "000": {
        "warning": {"NUM-003", "HDR-001", "HDR-002", "RCV-003"},
        "info": {"RCV-005", "TXT-003", "TXT-005", "TXT-006", "CAP-6"},
    },
    "001": {
        "error": {"NUMB-002"},
        "warning": {"NUM-003", "HDR-001", "HDR-002"},
        "info": {"RCV-005", "TXT-005", "TXT-006", "CAP-5", "CAP-6"},
    },
    "002": {
        "warning": {"HDR-002", "HDR-004", "TTL-002", "REF-002", "REF-004", "END-001", "RCV-002"},
        "info": {"NUMB-006", "TXT-004", "TXT-006", "CAP-3", "CAP-5"},
    },
    "003": {
        "warning": {"NUM-003", "NUM-007", "HDR-002", "HDR-003", "REF-002", "RCV-003", "TXT-001"},
        "info": {
            "DAT-005",
            "TTL-004",
            "REF-005",
            "SIG-007",
            "TXT-004",
            "TXT-006",
            "CAP-5",
            "CAP-6",
        },
    },
    "004": {
        "error": {"NUM-002", "DAT-002", "BDT-001", "REF-003"},
        "warning": {"HDR-001", "HDR-002", "RCV-003", "SIG-005", "TXT-002"},
        "info": {"REF-005"},
    },
}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_each_seed_gives_exactly_the_verified_findings(seed: str) -> None:
    path = next((ROOT / "corpus" / "seeds").glob(f"{seed}_*.txt"))
    got: dict[str, set[str]] = {}
    for f in check_path(path).findings:
        got.setdefault(f.severity.label, set()).add(f.rule)
    assert got == SEED_FINDINGS[seed]


def test_the_party_rules_of_2026_apply_from_the_27th_of_may() -> None:
    path = next((ROOT / "corpus" / "seeds").glob("000_*.txt"))
    before = {f.rule for f in check_path(path).findings}
    after = {f.rule for f in check_path(path, as_of=date(2026, 6, 1)).findings}
    assert "END-002" not in before and "END-002" in after  # HD05: content ends with "."
    assert "SIG-006" not in before and "SIG-006" in after  # HD05: only BÍ THƯ / PHÓ BÍ THƯ


def test_the_rule_catalogue_in_docs_is_generated_from_the_current_rules() -> None:
    from kehoach.document.checking.catalogue import catalogue_markdown

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == catalogue_markdown()


def test_every_rule_has_a_vietnamese_message_a_fix_and_a_source() -> None:
    from kehoach.document.checking import all_rules

    rules = all_rules()
    assert len(rules) >= 80  # every id of the spec's §7.2 catalogue plus LAY-001…013
    for r in rules:
        assert r.title and r.message and r.suggestion and r.source, r.id
        assert re.fullmatch(r"[A-Z]{3,4}-\d{1,3}", r.id), r.id
