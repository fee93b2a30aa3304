"""`kehoach check` as a clerk and a CI system run it: exit codes, formats, options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
DRAFT = next(SEEDS.glob("004_*.txt"))  # a draft: blank number and day


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_errors_give_exit_code_1_and_are_listed_first_with_line_quote_and_fix() -> None:
    result = run(str(DRAFT))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert out.index("Lỗi (") < out.index("Tổng cộng")
    assert "dòng 4 [NUM-002]" in out and "«Số -KH/HU»" in out and "→ Sửa:" in out
    assert "văn bản Đảng" in out


def test_json_format_is_a_list_of_findings_with_the_documented_keys() -> None:
    result = run(str(DRAFT), "--format", "json")
    findings = json.loads(result.stdout)
    assert findings and all(
        set(f) == {"rule", "severity", "line", "column", "text", "message", "suggestion"}
        for f in findings
    )
    assert {"rule": "NUM-002", "line": 4} in [
        {"rule": f["rule"], "line": f["line"]} for f in findings
    ]


def test_sarif_format_is_a_sarif_2_1_0_log_pointing_at_lines() -> None:
    result = run(str(DRAFT), "--format", "sarif")
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    rules = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    results = run_["results"]
    assert results and {r["ruleId"] for r in results} <= rules
    num = next(r for r in results if r["ruleId"] == "NUM-002")
    assert num["level"] == "error"
    location = num["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith(DRAFT.name)
    assert location["region"]["startLine"] == 4


def test_ignore_and_min_severity_filter_findings() -> None:
    ignored = json.loads(run(str(DRAFT), "--format", "json", "--ignore", "NUM-002").stdout)
    assert "NUM-002" not in {f["rule"] for f in ignored}
    errors_only = json.loads(run(str(DRAFT), "--format", "json", "--min-severity", "error").stdout)
    assert errors_only and {f["severity"] for f in errors_only} == {"error"}


def test_rules_lists_every_rule_with_its_source() -> None:
    result = run("--rules")
    assert result.returncode == 0
    from kehoach.document.checking import all_rules

    for r in all_rules():
        assert r.id in result.stdout
    assert result.stdout.count("Nguồn:") == len(all_rules())


def test_a_folder_gets_a_summary_table_and_an_unreadable_file_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 broken")
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert "b.docx" in result.stderr and "Traceback" not in result.stderr
    assert "tệp" in result.stdout and "không đọc được" in result.stdout
    assert result.stdout.count("a.txt") == 2  # its report and its row in the table


def test_as_of_and_regime_override_the_automatic_choice() -> None:
    result = run(str(DRAFT), "--regime", "state", "--as-of", "2026-06-01")
    assert (
        "văn bản hành chính (NĐ30, theo ngày 01/06/2026; căn cứ: chọn bằng --regime)"
        in result.stdout
    )
    bad = run(str(DRAFT), "--as-of", "2026-13-01")
    assert bad.returncode == 2 and "ngày không hợp lệ" in bad.stderr
