"""The checker on whole documents: the seeds, clean plans, and injected defects."""

from __future__ import annotations

import re
from collections.abc import Callable
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
