"""`kehoach derive` as a clerk runs it: real process, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach.document.checking import Severity, check_path

ROOT = Path(__file__).resolve().parent.parent
PARENT = ROOT / "tests" / "derive" / "parent_02-KH-BTGTU.txt"
LONGBIEN = ROOT / "src" / "kehoach" / "data" / "trees" / "longbien.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "derive", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_without_output_the_draft_json_with_its_links_goes_to_stdout() -> None:
    result = run(str(PARENT), "--as", "QU-LB", "--org", str(LONGBIEN), "--date", "2015-12-29")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["symbol"], data["date"], data["number"]) == ("KH/QU", "2015-12-29", None)
    assert data["derived_for"] == "QU-LB" and data["links"]
    assert data["report_deadline"] == "2016-02-08"


def test_the_lead_days_option_moves_the_report_deadline() -> None:
    result = run(
        str(PARENT),
        "--as",
        "QU-LB",
        "--org",
        "longbien",
        "--date",
        "2015-12-29",
        "--lead-days",
        "1",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["report_deadline"] == "2016-02-12"


def test_a_docx_draft_is_written_and_passes_the_checker(tmp_path: Path) -> None:
    target = tmp_path / "du-thao.docx"
    result = run(str(PARENT), "--as", "QU-LB", "--org", "longbien", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    report = check_path(target)
    assert [f.rule for f in report.findings if f.severity is Severity.ERROR] == []


def test_a_json_draft_renders_with_kehoach_render(tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.json"
    result = run(str(PARENT), "--as", "BTG Quận ủy", "--org", "longbien", "-o", str(draft))
    assert result.returncode == 0, result.stderr
    rendered = subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "render", str(draft), "--to", "md"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert rendered.returncode == 0, rendered.stderr
    assert "BAN TUYÊN GIÁO" in rendered.stdout


def test_an_unknown_unit_is_one_vietnamese_line_and_exit_2() -> None:
    result = run(str(PARENT), "--as", "QU-XYZ", "--org", "longbien")
    assert result.returncode == 2
    assert result.stderr.strip() == "kehoach: Không tìm thấy đơn vị «QU-XYZ» trong cây tổ chức"
    assert result.stdout == ""


def test_a_missing_tree_file_is_reported_without_a_traceback(tmp_path: Path) -> None:
    result = run(str(PARENT), "--as", "QU-LB", "--org", str(tmp_path / "none.yaml"))
    assert result.returncode == 2
    assert "không tìm thấy tệp cây tổ chức" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_bad_tree_file_names_its_problem(tmp_path: Path) -> None:
    bad = tmp_path / "tree.yaml"
    bad.write_text("units:\n  - {code: A, name: X, kind: nope, level: commune}\n", encoding="utf-8")
    result = run(str(PARENT), "--as", "A", "--org", str(bad))
    assert result.returncode == 2
    assert "loại «nope»" in result.stderr and "Traceback" not in result.stderr


def test_an_unreadable_parent_gives_the_readers_message(tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.txt"), "--as", "QU-LB", "--org", "longbien")
    assert result.returncode == 2
    assert result.stderr.startswith(f"kehoach: {tmp_path / 'missing.txt'}: ")
    assert "Traceback" not in result.stderr


def test_an_unsupported_output_suffix_is_refused(tmp_path: Path) -> None:
    result = run(str(PARENT), "--as", "QU-LB", "--org", "longbien", "-o", str(tmp_path / "x.md"))
    assert result.returncode == 2
    assert ".json, .docx hoặc .pdf" in result.stderr


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_draft_is_written_through_libreoffice(tmp_path: Path) -> None:
    target = tmp_path / "du-thao.pdf"
    result = run(str(PARENT), "--as", "QU-LB", "--org", "longbien", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")
