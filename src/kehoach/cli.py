"""Command line: ``kehoach parse``, ``check``, ``render`` and ``derive``; ``demo`` and ``serve``
run the web app; ``remind`` sends its reminders and weekly digests (for cron).

Bad input never gives a traceback: one line on stderr naming the file and the reason,
exit code 2 if any input was unreadable, and the rest of a batch still processed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .document import DEFAULT_MAX_BYTES, KehoachError, Plan, parse_file
from .document.reading import SUPPORTED_SUFFIXES
from .document.summary import plan_markdown, plan_summary

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.func(args)
    except KeyboardInterrupt:
        print("kehoach: đã dừng theo yêu cầu", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    return result


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kehoach",
        description="Đọc, kiểm tra và theo dõi kế hoạch tuyên truyền (KẾ HOẠCH).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "parse",
        help="đọc kế hoạch (DOCX, PDF, TXT, MD, HTML, DOC) thành kế hoạch có cấu trúc",
        description="Đọc tệp hoặc thư mục (đệ quy) và in kế hoạch có cấu trúc.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục")
    p.add_argument(
        "--format",
        choices=("json", "text", "md"),
        default="json",
        help="json (mặc định; JSON Lines khi nhiều tệp), text (tóm tắt), md",
    )
    p.add_argument(
        "--output", "-o", metavar="DIR", help="ghi mỗi kết quả ra một tệp JSON trong DIR"
    )
    p.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES / (1024 * 1024),
        metavar="MB",
        help="kích thước tối đa của một tệp, MB (mặc định 50)",
    )
    p.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="thanh tiến trình trên stderr (auto: khi stderr là terminal)",
    )
    p.set_defaults(func=_cmd_parse)

    c = sub.add_parser(
        "check",
        help="kiểm tra thể thức kế hoạch theo quy định (Đảng, Nhà nước, Công đoàn)",
        description=(
            "Kiểm tra thể thức văn bản theo quy định hiện hành tại ngày ban hành. "
            "Mã thoát: 0 không có lỗi, 1 có lỗi, 2 có tệp không đọc được."
        ),
    )
    c.add_argument("paths", nargs="*", metavar="PATH", help="tệp hoặc thư mục")
    c.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text (mặc định), json, sarif",
    )
    c.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_parse_date,
        help="áp dụng quy định có hiệu lực vào ngày này",
    )
    c.add_argument(
        "--regime",
        choices=("party", "state", "union"),
        help="bỏ qua tự nhận biết: party, state, union",
    )
    c.add_argument(
        "--ignore", default="", metavar="RULE,...", help="bỏ qua các quy tắc, ví dụ TXT-006,CAP-6"
    )
    c.add_argument(
        "--min-severity",
        choices=("info", "warning", "error"),
        default="info",
        help="chỉ báo từ mức này trở lên",
    )
    c.add_argument(
        "--rules", action="store_true", help="liệt kê mọi quy tắc cùng nguồn quy định rồi thoát"
    )
    c.add_argument(
        "--max-size", type=float, default=DEFAULT_MAX_BYTES / (1024 * 1024), metavar="MB"
    )
    c.add_argument("--progress", choices=("auto", "always", "never"), default="auto")
    c.set_defaults(func=_cmd_check)

    r = sub.add_parser(
        "render",
        help="dựng kế hoạch theo thể thức (DOCX, PDF, Markdown, HTML)",
        description=(
            "Dựng kế hoạch theo thể thức văn bản của Đảng, Nhà nước hoặc Công đoàn. "
            "Đầu vào là kế hoạch JSON (như kehoach parse --format json in ra) hoặc văn bản "
            "bất kỳ mà kehoach đọc được (đọc, phân tích rồi dựng lại). "
            "Mã thoát: 0 thành công, 2 có tệp không đọc hoặc không dựng được."
        ),
    )
    r.add_argument("paths", nargs="+", metavar="INPUT", help="kế hoạch JSON, văn bản hoặc thư mục")
    r.add_argument(
        "--to",
        choices=RENDER_FORMATS,
        help="docx, pdf (cần LibreOffice), md, html; mặc định theo đuôi của -o, không có thì docx",
    )
    r.add_argument(
        "--output",
        "-o",
        metavar="OUT",
        help="tệp kết quả, hoặc thư mục khi có nhiều đầu vào (md, html: bỏ trống để in ra)",
    )
    r.add_argument(
        "--regime",
        choices=("party", "state", "union"),
        help="bỏ qua tự nhận biết: party, state, union",
    )
    r.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=_parse_date,
        help="dựng theo quy định có hiệu lực vào ngày này",
    )
    r.add_argument(
        "--max-size", type=float, default=DEFAULT_MAX_BYTES / (1024 * 1024), metavar="MB"
    )
    r.set_defaults(func=_cmd_render)

    d = sub.add_parser(
        "derive",
        help="soạn dự thảo kế hoạch triển khai của một đơn vị từ kế hoạch cấp trên",
        description=(
            "Soạn dự thảo kế hoạch triển khai thực hiện kế hoạch cấp trên (PARENT) cho đơn vị "
            "--as trong cây tổ chức --org. Ngày làm việc là thứ Hai đến thứ Sáu (không tính "
            "ngày lễ). Mã thoát: 0 thành công, 2 lỗi đầu vào."
        ),
    )
    d.add_argument("parent", metavar="PARENT", help="kế hoạch cấp trên (văn bản hoặc JSON)")
    d.add_argument("--as", dest="unit", required=True, metavar="UNIT", help="mã hoặc tên đơn vị")
    d.add_argument(
        "--org",
        required=True,
        metavar="TREE",
        help="cây tổ chức .yaml/.yml/.csv, hoặc cây mẫu: longbien, two_tier",
    )
    d.add_argument(
        "--output", "-o", metavar="OUT", help="tệp kết quả .json, .docx hoặc .pdf (trống: in JSON)"
    )
    d.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        type=_parse_date,
        help="ngày của dự thảo (mặc định hôm nay)",
    )
    d.add_argument(
        "--lead-days",
        type=int,
        default=5,
        metavar="N",
        help="đơn vị cấp dưới báo cáo trước hạn của cấp trên N ngày làm việc (mặc định 5)",
    )
    d.add_argument(
        "--max-size", type=float, default=DEFAULT_MAX_BYTES / (1024 * 1024), metavar="MB"
    )
    d.set_defaults(func=_cmd_derive)
    _add_web_commands(sub)
    return parser


_DERIVE_FORMATS = {".json": "json", ".docx": "docx", ".pdf": "pdf"}


def _cmd_derive(args: argparse.Namespace) -> int:
    from .document.deriving import derive_plan
    from .orgtree import load_tree

    fmt = "json"
    if args.output is not None:
        suffix = Path(args.output).suffix.lower()
        if suffix not in _DERIVE_FORMATS:
            print(
                f"kehoach: {args.output}: tệp kết quả phải là .json, .docx hoặc .pdf",
                file=sys.stderr,
            )
            return EXIT_UNREADABLE
        fmt = _DERIVE_FORMATS[suffix]
    if args.lead_days < 0:
        print("kehoach: --lead-days phải là số không âm", file=sys.stderr)
        return EXIT_UNREADABLE
    if fmt == "pdf":
        from .document.libreoffice import find_soffice
        from .document.rendering.pdf import MISSING_MESSAGE

        if find_soffice() is None:  # say so before any work
            print(f"kehoach: {MISSING_MESSAGE}", file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        tree = load_tree(args.org)
    except KehoachError as exc:
        print(f"kehoach: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.unit not in tree and tree.find(args.unit) is None:
        print(f"kehoach: Không tìm thấy đơn vị «{args.unit}» trong cây tổ chức", file=sys.stderr)
        return EXIT_UNREADABLE
    parent_path = Path(args.parent)
    try:
        parent = _load_plan(parent_path, int(args.max_size * 1024 * 1024))
    except (KehoachError, _RenderFailure) as exc:
        print(f"kehoach: {parent_path}: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    except Exception as exc:  # never a traceback for a clerk
        print(
            f"kehoach: {parent_path}: lỗi không mong đợi khi đọc tệp ({type(exc).__name__})",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    try:
        derivation = derive_plan(
            parent, tree, args.unit, as_of=args.date or date.today(), lead_days=args.lead_days
        )
        if fmt == "json":
            data = (json.dumps(derivation.to_dict(), ensure_ascii=False, indent=1) + "\n").encode()
        else:
            data = _render_one(derivation.plan, "docx", derivation.regime, None)
            if fmt == "pdf":
                from .document.rendering.pdf import docx_to_pdf

                data = docx_to_pdf([data])[0]
    except (KehoachError, _RenderFailure) as exc:
        print(f"kehoach: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
        return EXIT_OK
    try:
        _write_atomically(Path(args.output), data)
    except OSError as exc:
        print(
            f"kehoach: {args.output}: không ghi được tệp ({exc.strerror or type(exc).__name__})",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    return EXIT_OK


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text} (dạng YYYY-MM-DD)") from None


def _cmd_check(args: argparse.Namespace) -> int:
    from .document.checking import Severity, all_rules, check_path
    from .document.checking.output import (
        dumps,
        report_json,
        report_text,
        reports_sarif,
        rules_text,
        summary_table,
    )

    if args.rules:
        print(rules_text(all_rules()))
        return EXIT_OK
    if not args.paths:
        print("kehoach: cần ít nhất một tệp hoặc thư mục (hoặc --rules)", file=sys.stderr)
        return EXIT_UNREADABLE
    files = list(_expand(args.paths))
    max_bytes = int(args.max_size * 1024 * 1024)
    show_progress = args.progress == "always" or (
        args.progress == "auto" and len(files) > 1 and sys.stderr.isatty()
    )
    rows: list[tuple[str, Any]] = []
    reports = []
    unreadable = 0
    for index, (path, _) in enumerate(files, 1):
        if show_progress:
            _progress(index - 1, len(files), sys.stderr)
        try:
            report = check_path(
                path,
                max_bytes=max_bytes,
                as_of=args.as_of,
                regime=args.regime,
                ignore=args.ignore.split(","),
                min_severity=Severity.parse(args.min_severity),
            )
        except KehoachError as exc:
            unreadable += 1
            _clear_progress(show_progress)
            print(f"kehoach: {path}: {exc.message}", file=sys.stderr)
            rows.append((str(path), exc.message))
            continue
        except Exception as exc:  # never a traceback for a clerk
            unreadable += 1
            _clear_progress(show_progress)
            print(
                f"kehoach: {path}: lỗi không mong đợi khi kiểm tra ({type(exc).__name__})",
                file=sys.stderr,
            )
            rows.append((str(path), type(exc).__name__))
            continue
        _clear_progress(show_progress)
        reports.append(report)
        rows.append((str(path), report))
        if args.format == "text":
            print(report_text(report))
            print()
        elif args.format == "json":
            findings = report_json(report)
            print(
                dumps(findings)
                if len(files) == 1
                else json.dumps({"source": str(path), "findings": findings}, ensure_ascii=False)
            )
    if show_progress:
        _progress(len(files), len(files), sys.stderr)
        print(file=sys.stderr)
    if args.format == "sarif":
        print(dumps(reports_sarif(reports, all_rules())))
    elif args.format == "text" and len(files) > 1:
        print(summary_table(rows))
    if not files:
        print("kehoach: không có tệp nào để kiểm tra", file=sys.stderr)
        return EXIT_UNREADABLE
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(r.errors for r in reports) else EXIT_OK


def _expand(
    paths: Sequence[str], suffixes: Sequence[str] = SUPPORTED_SUFFIXES
) -> Iterator[tuple[Path, bool]]:
    """Yield (path, explicitly named). Folders are walked in sorted order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    f = Path(root) / name
                    if f.suffix.lower() in suffixes and not name.startswith((".", "~$")):
                        yield f, False
        else:
            yield p, True


def _cmd_parse(args: argparse.Namespace) -> int:
    files = list(_expand(args.paths))
    max_bytes = int(args.max_size * 1024 * 1024)
    out_dir = Path(args.output) if args.output else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    show_progress = args.progress == "always" or (
        args.progress == "auto" and len(files) > 1 and sys.stderr.isatty()
    )
    failures = 0
    single = len(files) == 1
    for index, (path, _) in enumerate(files, 1):
        if show_progress:
            _progress(index - 1, len(files), sys.stderr)
        try:
            plan = parse_file(path, max_bytes=max_bytes)
        except KehoachError as exc:
            failures += 1
            _clear_progress(show_progress)
            print(f"kehoach: {path}: {exc.message}", file=sys.stderr)
            continue
        except Exception as exc:  # never a traceback for a clerk; say what failed
            failures += 1
            _clear_progress(show_progress)
            print(
                f"kehoach: {path}: lỗi không mong đợi khi đọc tệp ({type(exc).__name__})",
                file=sys.stderr,
            )
            continue
        _clear_progress(show_progress)
        _emit(plan, path, args.format, out_dir, single, sys.stdout)
    if show_progress:
        _progress(len(files), len(files), sys.stderr)
        print(file=sys.stderr)
    if not files:
        print("kehoach: không có tệp nào để đọc", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_UNREADABLE if failures else EXIT_OK


def _emit(
    plan: Plan, path: Path, fmt: str, out_dir: Path | None, single: bool, out: TextIO
) -> None:
    data = plan.to_dict()
    if out_dir is not None:
        target = out_dir / (path.stem + ".json")
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(target)  # no half-written result files
        return
    if fmt == "json":
        if single:
            out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        else:
            out.write(json.dumps({"source": str(path), **data}, ensure_ascii=False) + "\n")
    elif fmt == "md":
        out.write(plan_markdown(plan, str(path)) + "\n")
    else:
        out.write(plan_summary(plan, str(path)) + "\n")


RENDER_FORMATS = ("docx", "pdf", "md", "html")
_SUFFIX_FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md", ".html": "html", ".htm": "html"}


class _RenderFailure(Exception):
    """One input that could not be rendered; ``message`` is the Vietnamese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _cmd_render(args: argparse.Namespace) -> int:
    out_arg: str | None = args.output
    fmt: str = args.to or _SUFFIX_FORMATS.get(Path(out_arg or "").suffix.lower(), "docx")
    files = [path for path, _ in _expand(args.paths, (*SUPPORTED_SUFFIXES, ".json"))]
    if not files:
        print("kehoach: không có tệp nào để dựng", file=sys.stderr)
        return EXIT_UNREADABLE
    several = len(files) > 1 or any(Path(p).is_dir() for p in args.paths)
    if out_arg is None and (several or fmt in ("docx", "pdf")):
        need = "một thư mục" if several else "một tệp"
        print(f"kehoach: cần -o để ghi kết quả {fmt} ({need})", file=sys.stderr)
        return EXIT_UNREADABLE
    out_path = Path(out_arg) if out_arg is not None else None
    to_dir = out_arg is not None and (
        several or Path(out_arg).is_dir() or out_arg.endswith(("/", os.sep))
    )
    if out_path is not None and to_dir and out_path.exists() and not out_path.is_dir():
        print(f"kehoach: {out_path}: không phải thư mục", file=sys.stderr)
        return EXIT_UNREADABLE
    if fmt == "pdf":
        from .document.libreoffice import find_soffice
        from .document.rendering.pdf import MISSING_MESSAGE

        if find_soffice() is None:  # say so before reading anything
            print(f"kehoach: {MISSING_MESSAGE}", file=sys.stderr)
            return EXIT_UNREADABLE
    max_bytes = int(args.max_size * 1024 * 1024)

    failures = 0
    rendered: list[tuple[Path, bytes]] = []
    for path in files:
        try:
            plan = _load_plan(path, max_bytes)
            data = _render_one(plan, "docx" if fmt == "pdf" else fmt, args.regime, args.as_of)
        except (KehoachError, _RenderFailure) as exc:
            failures += 1
            print(f"kehoach: {path}: {exc.message}", file=sys.stderr)
            continue
        except Exception as exc:  # never a traceback for a clerk
            failures += 1
            print(
                f"kehoach: {path}: lỗi không mong đợi khi dựng văn bản ({type(exc).__name__})",
                file=sys.stderr,
            )
            continue
        rendered.append((path, data))

    if fmt == "pdf" and rendered:
        converted, pdf_failures = _convert_pdfs(rendered)
        failures += pdf_failures
        rendered = converted

    if out_path is None:  # md or html of one input, on stdout
        for _, data in rendered:
            sys.stdout.write(data.decode("utf-8"))
        return EXIT_UNREADABLE if failures else EXIT_OK

    if to_dir:
        out_path.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    for path, data in rendered:
        target = out_path / _unique_name(path.stem, fmt, used) if to_dir else out_path
        try:
            _write_atomically(target, data)
        except OSError as exc:
            failures += 1
            reason = exc.strerror or type(exc).__name__
            print(f"kehoach: {target}: không ghi được tệp ({reason})", file=sys.stderr)
    return EXIT_UNREADABLE if failures else EXIT_OK


def _load_plan(path: Path, max_bytes: int) -> Plan:
    """A structured-plan JSON, or any document the reader takes (read, then parse)."""
    if path.suffix.lower() != ".json":
        if path.is_file() and path.stat().st_size <= max_bytes:
            head = path.read_bytes()[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
            if head.startswith(b"{"):
                return _plan_from_json(path, max_bytes)
        return parse_file(path, max_bytes=max_bytes)
    return _plan_from_json(path, max_bytes)


def _plan_from_json(path: Path, max_bytes: int) -> Plan:
    import unicodedata

    if not path.is_file():
        raise _RenderFailure("không tìm thấy tệp")
    if path.stat().st_size > max_bytes:
        raise _RenderFailure("tệp quá lớn")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _RenderFailure("tệp JSON không phải UTF-8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _RenderFailure(f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}") from None
    if not isinstance(data, dict):
        raise _RenderFailure("tệp JSON phải chứa đúng một kế hoạch (một đối tượng JSON)")

    def nfc(value: Any) -> Any:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, list):
            return [nfc(v) for v in value]
        if isinstance(value, dict):
            return {k: nfc(v) for k, v in value.items()}
        return value

    try:
        return Plan.from_dict(nfc(data))
    except ValueError as exc:
        raise _RenderFailure(str(exc)) from None


def _render_one(plan: Plan, fmt: str, regime: str | None, as_of: date | None) -> bytes:
    if fmt == "md":
        from .document.rendering.text import render_markdown

        return render_markdown(plan, regime=regime).encode("utf-8")
    if fmt == "html":
        from .document.rendering.text import render_html

        return render_html(plan, regime=regime).encode("utf-8")
    try:
        from .document.rendering import render_docx
    except ImportError:
        raise _RenderFailure("bản cài đặt này chưa có bộ dựng DOCX") from None
    result: bytes = render_docx(plan, regime=regime, as_of=as_of)
    return result


def _convert_pdfs(rendered: list[tuple[Path, bytes]]) -> tuple[list[tuple[Path, bytes]], int]:
    """All DOCX to PDF with one LibreOffice run; if that fails, each alone to find the bad one."""
    from .document.rendering.pdf import docx_to_pdf

    try:
        pdfs = docx_to_pdf([data for _, data in rendered])
        return [(path, pdf) for (path, _), pdf in zip(rendered, pdfs, strict=True)], 0
    except KehoachError as exc:
        if len(rendered) == 1 or exc.code == "no-converter":
            where = (
                f"{rendered[0][0]}: " if len(rendered) == 1 and exc.code != "no-converter" else ""
            )
            print(f"kehoach: {where}{exc.message}", file=sys.stderr)
            return [], len(rendered)
    converted: list[tuple[Path, bytes]] = []
    failures = 0
    for path, data in rendered:
        try:
            converted.append((path, docx_to_pdf([data])[0]))
        except KehoachError as exc:
            failures += 1
            print(f"kehoach: {path}: {exc.message}", file=sys.stderr)
    return converted, failures


def _unique_name(stem: str, fmt: str, used: set[str]) -> str:
    """``stem.fmt``; a second input with the same stem gets ``stem-2.fmt``, and so on."""
    name = f"{stem}.{fmt}"
    n = 1
    while name.casefold() in used:
        n += 1
        name = f"{stem}-{n}.{fmt}"
    used.add(name.casefold())
    return name


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _progress(done: int, total: int, err: TextIO) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    err.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    err.flush()


def _clear_progress(active: bool) -> None:
    if active:
        sys.stderr.write("\r\033[K")


# --- the web app (issue 5): Django is imported only when these commands run ------------


def _add_web_commands(sub: Any) -> None:
    dm = sub.add_parser(
        "demo",
        help="chuẩn bị ứng dụng web để dùng thử: cơ sở dữ liệu, cây tổ chức, kế hoạch mẫu",
        description=(
            "Tạo hoặc cập nhật cơ sở dữ liệu, nạp hai cây tổ chức mẫu, nhập năm kế hoạch mẫu "
            "và tạo các tài khoản dùng thử (in tên đăng nhập và mật khẩu). Chạy lại không "
            "tạo trùng gì."
        ),
    )
    dm.add_argument(
        "--data-dir",
        metavar="DIR",
        help="thư mục dữ liệu (cơ sở dữ liệu, khóa bí mật, mật khẩu mẫu); mặc định ./var",
    )
    dm.add_argument(
        "--reset",
        action="store_true",
        help="nhập lại các kế hoạch mẫu và đặt lại mật khẩu các tài khoản mẫu",
    )
    dm.set_defaults(func=_cmd_demo)

    sv = sub.add_parser(
        "serve",
        help="chạy ứng dụng web cùng bộ đọc tệp nền (mặc định http://127.0.0.1:8000/)",
        description="Chạy máy chủ web và bộ đọc tệp nền; Ctrl+C để dừng cả hai.",
    )
    sv.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    sv.add_argument("--port", type=_port, default=8000, help="cổng (mặc định 8000)")
    sv.add_argument(
        "--threads", type=_positive, default=8, help="số luồng phục vụ trang (mặc định 8)"
    )
    sv.add_argument(
        "--no-worker",
        action="store_true",
        help="không chạy bộ đọc tệp nền (khi đã chạy riêng: python -m kehoach.web db_worker)",
    )
    sv.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu; mặc định ./var")
    sv.set_defaults(func=_cmd_serve)

    rm = sub.add_parser(
        "remind",
        help="gửi nhắc hạn và bản tổng hợp tuần đến hạn hôm nay (kehoach serve tự làm mỗi giờ)",
        description=(
            "Gửi nhắc hạn trước hạn và quá hạn cho các đơn vị, bản tổng hợp tuần cho phòng, "
            "ban ban hành kế hoạch, rồi in những gì đã gửi. Chạy lại không gửi trùng; dùng "
            "với cron khi không chạy kehoach serve."
        ),
    )
    rm.add_argument(
        "--date",
        type=_parse_date,
        metavar="YYYY-MM-DD",
        help="coi hôm nay là ngày này (mặc định: hôm nay)",
    )
    rm.add_argument("--dry-run", action="store_true", help="chỉ in những gì sẽ gửi, không gửi gì")
    rm.add_argument("--data-dir", metavar="DIR", help="thư mục dữ liệu; mặc định ./var")
    rm.set_defaults(func=_cmd_remind)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cổng không hợp lệ: {text}") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"cổng phải từ 1 đến 65535: {text}")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương: {text}")
    return value


def _web(module: str) -> Any:
    """A module of the web app, imported when a web command runs (by name, so that neither
    ``kehoach parse`` nor the type checker needs Django)."""
    import importlib

    return importlib.import_module(f"kehoach.web.{module}")


def _web_part(name: str) -> Any | None:
    """A module of the web app, or None after one line on stderr when it cannot load."""
    try:
        return _web(name)
    except ImportError as exc:
        print(f"kehoach: thiếu thành phần của ứng dụng web ({exc.name})", file=sys.stderr)
        return None


def _cmd_demo(args: argparse.Namespace) -> int:
    demo = _web_part("demo")
    if demo is None:
        return EXIT_UNREADABLE
    result: int = demo.main(data_dir=args.data_dir, reset=args.reset)
    return result


def _cmd_serve(args: argparse.Namespace) -> int:
    serve = _web_part("serve")
    if serve is None:
        return EXIT_UNREADABLE
    result: int = serve.main(
        host=args.host,
        port=args.port,
        threads=args.threads,
        worker=not args.no_worker,
        data_dir=args.data_dir,
    )
    return result


def _cmd_remind(args: argparse.Namespace) -> int:
    remind = _web_part("management.commands.remind")
    if remind is None:
        return EXIT_UNREADABLE
    day = args.date.isoformat() if args.date else None
    result: int = remind.main(day=day, dry_run=args.dry_run, data_dir=args.data_dir)
    return result


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
