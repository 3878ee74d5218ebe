"""scripts/hook_time.py, which `./dev bench` uses to show the time spent inside the hooks' own
handlers (the figure a template cache cannot hide): it must find every handler of ours that
ran, count nothing of the plugins' as ours, and add up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from helpers import copy_tiny_project


def test_hook_time_reports_each_of_our_handlers_and_adds_up(tmp_path: Path) -> None:
    project = copy_tiny_project(tmp_path / "project")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "hook_time.py"), str(project / "mkdocs.yml"),
         str(tmp_path / "site")], check=True, capture_output=True, text=True, cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    figures = json.loads(done.stdout)
    events = figures["events"]
    expected = {f"on_{name} site_hooks.py" for name in (
        "config", "env", "page_markdown", "page_content", "page_context", "post_page",
        "post_template", "post_build")} | {"on_post_build search_hooks.py"}
    assert set(events) == expected, sorted(events)
    assert all(seconds >= 0 for seconds in events.values()), events
    assert abs(figures["hooks_s"] - sum(events.values())) < 1e-9
    assert 0 < figures["hooks_s"] < figures["build_s"]
    assert (tmp_path / "site" / "index.html").is_file()
