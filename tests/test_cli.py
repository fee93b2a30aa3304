"""`kehoach parse` as a clerk runs it: real files, real process, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "kehoach.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_one_file_gives_one_json_object() -> None:
    result = run("parse", str(SEED))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["number"], data["symbol"], data["date"]) == ("193", "KH/QU", "2023-11-03")


def test_a_folder_gives_json_lines_one_per_file() -> None:
    result = run("parse", str(SEEDS))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]).name for r in rows] == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_text_format_is_a_vietnamese_summary() -> None:
    result = run("parse", str(SEED), "--format", "text")
    assert result.returncode == 0
    assert "Số, ký hiệu  : 193-KH/QU" in result.stdout
    assert "Cơ quan ban hành: Ban Thường vụ Quận ủy Long Biên" in result.stdout


def test_markdown_format_has_the_sections_as_headings() -> None:
    result = run("parse", str(SEED), "--format", "md")
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in result.stdout


def test_output_dir_gets_one_json_per_input(tmp_path: Path) -> None:
    result = run("parse", str(SEEDS), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(p.stem + ".json" for p in SEEDS.glob("*.txt"))
    assert (
        json.loads((tmp_path / "out" / (SEED.stem + ".json")).read_text(encoding="utf-8"))["number"]
        == "193"
    )


def test_bad_inputs_get_one_line_each_and_the_rest_of_the_batch_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_garbage.docx").write_bytes(b"PK\x03\x04 this is not a zip at all" * 10)
    (tmp_path / "c_binary.pdf").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "d_good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("parse", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4, result.stderr
    assert all(line.startswith("kehoach: ") for line in errors)
    assert "Traceback" not in result.stderr
    assert any("a_empty.txt" in e and "rỗng" in e for e in errors)
    assert any("missing.txt" in e and "không tìm thấy" in e for e in errors)
    (good,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert good["number"] == "193"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("KẾ HOẠCH\n" + "x" * 300_000, encoding="utf-8")
    result = run("parse", str(big), "--max-size", "0.1")
    assert result.returncode == 2
    assert "quá lớn" in result.stderr and "big.txt" in result.stderr


def test_unknown_format_is_refused_by_content_not_name(tmp_path: Path) -> None:
    fake = tmp_path / "plan.pdf"
    fake.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("parse", str(fake))
    # A text file named .pdf is read as the text it is.
    assert result.returncode == 0
    assert json.loads(result.stdout)["number"] == "193"


def test_a_batch_shows_a_progress_bar_on_stderr_when_asked() -> None:
    result = run("parse", str(SEEDS), "--progress", "always")
    assert result.returncode == 0
    assert "5/5" in result.stderr and "#" in result.stderr
    assert len(result.stdout.splitlines()) == 5  # progress never mixes into the results


def test_an_encrypted_pdf_and_a_scan_are_refused_with_their_reason(tmp_path: Path) -> None:
    from support.pdf_builder import image_only_pdf

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    result = run("parse", str(scan))
    assert result.returncode == 2
    assert "scan.pdf" in result.stderr and "lớp chữ" in result.stderr
    assert "Traceback" not in result.stderr
