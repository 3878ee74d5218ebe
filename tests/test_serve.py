"""The maintainer's loop: `mkdocs serve` (./dev serve) rebuilds when a data file or a template
changes, not only a page. Run on a tiny copy of the project, never on the real tree."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import copy_tiny_project

WAIT = 90  # seconds for the server to start, or to rebuild after a change


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if text in _get(url):
            return
        assert server.poll() is None, f"mkdocs serve stopped (exit {server.returncode})"
        time.sleep(0.5)
    pytest.fail(f"{what}: {text!r} did not appear at {url} within {WAIT} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes]]]:
    project = copy_tiny_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "-f", str(project / "mkdocs.yml")], cwd=project, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield project, f"http://127.0.0.1:{port}/therapeutic-bond/", server
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_serve_rebuilds_when_data_or_templates_change(
        served: tuple[Path, str, subprocess.Popen[bytes]]) -> None:
    project, url, server = served
    _wait_for(url, ">Get help now</a>", server, "first build")

    ui = project / "data" / "ui.yml"
    ui.write_text(ui.read_text(encoding="utf-8").replace(
        "help_now: Get help now", "help_now: Get help today", 1), encoding="utf-8")
    _wait_for(url, ">Get help today</a>", server, "after editing data/ui.yml")

    partial = project / "overrides" / "partials" / "copyright.html"
    partial.write_text(partial.read_text(encoding="utf-8") + '<span id="serve-test"></span>\n',
                       encoding="utf-8")
    _wait_for(url, 'id="serve-test"', server, "after editing overrides/partials/copyright.html")
