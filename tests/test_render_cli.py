"""`kehoach render` as a clerk runs it: real files, a real process, exit codes, no tracebacks."""

from __future__ import annotations

import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kehoach.document import parse_bytes, parse_file

SEEDS_DIR = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
SEED = SEEDS[0]


def _has_renderer() -> bool:
    try:
        from kehoach.document.rendering import render_docx  # noqa: F401
    except ImportError:
        return False
    return True


needs_renderer = pytest.mark.skipif(
    not _has_renderer(), reason="kehoach.document.rendering.render_docx is not there yet"
)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def run(*args: str, path_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    if path_env is not None:
        env["PATH"] = path_env
    return subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "render", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def seed_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first seed as `kehoach parse --format json` prints it."""
    out = tmp_path_factory.mktemp("json") / "seed.json"
    result = subprocess.run(
        [sys.executable, "-m", "kehoach.cli", "parse", str(SEED)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    out.write_text(result.stdout, encoding="utf-8")
    return out


def test_a_plan_json_renders_to_markdown_with_header_sections_and_signer(
    seed_json: Path, tmp_path: Path
) -> None:
    result = run(str(seed_json), "--to", "md", "-o", str(tmp_path / "plan.md"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "Số 193-KH/QU" in text
    assert "**ĐẢNG CỘNG SẢN VIỆT NAM**" in text
    assert "*Long Biên, ngày 03 tháng 11 năm 2023*" in text
    assert "# KẾ HOẠCH" in text
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in text
    assert "### 1. Cấp Quận" in text
    assert "- Ban Tuyên giáo TU (để báo cáo)," in text
    assert text.rstrip().endswith("**Ngô Mạnh Điềm**")
    assert result.stdout == "" and result.stderr == ""


def test_markdown_goes_to_standard_output_when_no_output_is_named(seed_json: Path) -> None:
    result = run(str(seed_json), "--to", "md")
    assert result.returncode == 0, result.stderr
    assert "## IV. TỔ CHỨC THỰC HIỆN" in result.stdout


def test_the_format_follows_the_output_name_when_to_is_not_given(
    seed_json: Path, tmp_path: Path
) -> None:
    result = run(str(seed_json), "-o", str(tmp_path / "plan.html"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


class _Page(html.parser.HTMLParser):
    """Collects tags and table cells to look at an HTML page's structure."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[str] = []
        self._in_cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "td":
            self._in_cell += 1
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_cell -= 1

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1] += data.strip() + " "


def test_a_seed_text_renders_to_a_complete_vietnamese_html_page(tmp_path: Path) -> None:
    result = run(str(SEED), "--to", "html", "-o", str(tmp_path / "plan.html"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "plan.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")
    parsed = _Page()
    parsed.feed(page)
    tags = [t for t, _ in parsed.tags]
    assert ("html", {"lang": "vi"}) in parsed.tags
    assert "style" in tags and "script" not in tags and "link" not in tags
    assert not any("src" in attrs or "href" in attrs for _, attrs in parsed.tags)
    # The header: a two-column table, issuer and number left, title and date right.
    left, right, number, date, *closing = parsed.cells
    assert "*" in left and "ĐẢNG CỘNG SẢN VIỆT NAM" in right
    assert number.strip() == "Số 193-KH/QU"
    assert date.strip() == "Long Biên, ngày 03 tháng 11 năm 2023"
    recipients, signature = closing
    assert recipients.startswith("Nơi nhận:")
    assert "T/M BAN THƯỜNG VỤ" in signature and "Ngô Mạnh Điềm" in signature
    assert "<h2>I. MỤC ĐÍCH, YÊU CẦU</h2>" in page


def test_text_from_the_plan_is_escaped_in_html(seed_json: Path, tmp_path: Path) -> None:
    data = json.loads(seed_json.read_text(encoding="utf-8"))
    data["title"] = '<script>alert("x")</script> & co'
    data["sections"][0]["text"] = "<b>not bold</b>"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(hostile), "--to", "html")
    assert result.returncode == 0, result.stderr
    assert "<script>" not in result.stdout and "<b>not bold" not in result.stdout
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in result.stdout


def test_decomposed_unicode_in_json_comes_out_composed(seed_json: Path, tmp_path: Path) -> None:
    import unicodedata

    nfd = tmp_path / "nfd.json"
    nfd.write_text(
        unicodedata.normalize("NFD", seed_json.read_text(encoding="utf-8")), encoding="utf-8"
    )
    result = run(str(nfd), "--to", "md")
    assert result.returncode == 0, result.stderr
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in result.stdout
    assert unicodedata.is_normalized("NFC", result.stdout)


def test_several_inputs_with_an_output_folder_give_one_file_each(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(SEEDS_DIR), "--to", "md", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem + ".md" for p in SEEDS)


def test_inputs_with_the_same_name_do_not_overwrite_each_other(
    seed_json: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "in" / "seed.txt"
    twin.parent.mkdir()
    twin.write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = run(str(seed_json), str(twin), "--to", "md", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["seed-2.md", "seed.md"]
    assert "193-KH/QU" in (out / "seed.md").read_text(encoding="utf-8")
    assert "17-KH/QU" in (out / "seed-2.md").read_text(encoding="utf-8")


def test_bad_json_gives_one_vietnamese_line_exit_2_and_no_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"number": "193",', encoding="utf-8")
    target = tmp_path / "bad.md"
    result = run(str(bad), "--to", "md", "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"kehoach: {bad}: JSON không hợp lệ")
    assert "Traceback" not in result.stderr
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_json_that_is_not_a_plan_object_is_refused(tmp_path: Path) -> None:
    listing = tmp_path / "list.json"
    listing.write_text("[1, 2, 3]", encoding="utf-8")
    shaped = tmp_path / "shaped.json"
    shaped.write_text('{"signer": "nobody"}', encoding="utf-8")
    result = run(str(listing), str(shaped), "--to", "md", "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("kehoach: ") for line in lines)
    assert "Traceback" not in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


def test_an_unreadable_input_is_reported_and_the_rest_is_rendered(
    seed_json: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    result = run(str(missing), str(seed_json), "--to", "html", "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == f"kehoach: {missing}: không tìm thấy tệp\n"
    assert [p.name for p in out.iterdir()] == ["seed.html"]


def test_binary_output_needs_an_output_path(seed_json: Path) -> None:
    result = run(str(seed_json), "--to", "docx")
    assert result.returncode == 2
    assert result.stderr.startswith("kehoach: cần -o") and result.stdout == ""


def test_pdf_without_libreoffice_says_what_to_install(seed_json: Path, tmp_path: Path) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    target = tmp_path / "plan.pdf"
    result = run(str(seed_json), "--to", "pdf", "-o", str(target), path_env=str(empty_bin))
    assert result.returncode == 2
    assert result.stderr == (
        "kehoach: Cần LibreOffice để xuất PDF; cài gói libreoffice-writer-nogui và "
        "fonts-liberation\n"
    )
    assert not target.exists()


@needs_renderer
def test_a_plan_json_renders_to_a_docx_that_reads_back_as_the_same_plan(
    seed_json: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plan.docx"
    result = run(str(seed_json), "--to", "docx", "-o", str(target), "--regime", "party")
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    again = parse_bytes(data, name="plan.docx")
    original = parse_file(SEED)
    assert (again.number, again.symbol, again.date) == ("193", "KH/QU", "2023-11-03")
    assert [s.heading for s in again.sections] == [s.heading for s in original.sections]
    assert [p.name for p in tmp_path.iterdir()] == ["plan.docx"]  # no temporary file left


@needs_renderer
def test_a_regime_that_does_not_exist_is_refused_by_the_command_line(seed_json: Path) -> None:
    result = run(str(seed_json), "--regime", "church", "-o", "x.docx")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@needs_renderer
@needs_soffice
@pytest.mark.libreoffice
def test_several_inputs_to_pdf_use_one_libreoffice_run(seed_json: Path, tmp_path: Path) -> None:
    calls = tmp_path / "calls.log"
    wrapper = tmp_path / "bin" / "soffice"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho run >> "{calls}"\nexec "{shutil.which("soffice")}" "$@"\n')
    wrapper.chmod(0o755)
    out = tmp_path / "out"
    result = run(
        str(seed_json),
        str(SEEDS[2]),
        "--to",
        "pdf",
        "-o",
        str(out),
        path_env=f"{wrapper.parent}:/usr/bin:/bin",
    )
    assert result.returncode == 0, result.stderr
    assert calls.read_text().splitlines() == ["run"]
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["seed.pdf", SEEDS[2].stem + ".pdf"])
    assert all((out / n).read_bytes().startswith(b"%PDF-") for n in names)
    again = parse_bytes((out / (SEEDS[2].stem + ".pdf")).read_bytes(), name="x.pdf")
    assert (again.number, again.symbol) == ("43", "KH-LĐLĐ")
