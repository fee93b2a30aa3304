"""``kehoach serve``: the pages and the task worker start together and stop together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

KEHOACH = Path(sys.executable).with_name("kehoach")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    return env


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_line(process: subprocess.Popen[str], needle: str, timeout: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"no {needle!r} in {''.join(seen)!r}")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_serve_answers_the_login_page_and_stops_with_its_worker_on_sigterm(tmp_path):
    port = free_port()
    with subprocess.Popen(
        [str(KEHOACH), "serve", "--port", str(port), "--data-dir", str(tmp_path / "var")],
        cwd=tmp_path,
        env=serve_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            line = wait_for_line(process, "đang chạy", timeout=120)
            assert f"http://127.0.0.1:{port}/" in line
            assert "Ctrl+C" in line
            url = f"http://127.0.0.1:{port}/dang-nhap/"
            with urllib.request.urlopen(url, timeout=30) as page:
                assert page.status == 200
                assert "Đăng nhập" in page.read().decode("utf-8")
            workers = children_of(process.pid)
            assert workers, "the task worker runs beside the server"
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        stderr = process.stderr.read() if process.stderr else ""
    assert "đã dừng" in stderr
    assert not any(alive(pid) for pid in workers), "the worker stops with the server"
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=2)


def test_serve_on_a_busy_port_says_so_in_one_line_and_exits_2(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [str(KEHOACH), "serve", "--no-worker", "--port", str(port)],
            cwd=tmp_path,
            env=serve_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == (
        f"kehoach: không mở được http://127.0.0.1:{port}/: "
        "cổng đang được chương trình khác dùng (thử --port khác)"
    )
    assert "Traceback" not in result.stderr
    assert "đang chạy" not in result.stdout


def test_serve_refuses_a_port_out_of_range(tmp_path):
    result = subprocess.run(
        [str(KEHOACH), "serve", "--port", "70000"],
        cwd=tmp_path,
        env=serve_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "cổng phải từ 1 đến 65535" in result.stderr
