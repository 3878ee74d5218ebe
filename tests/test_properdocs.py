"""ProperDocs, the maintained drop-in fork of MkDocs 1.6, builds the site strictly too: the
hooks and the plain modules behind them do not depend on MkDocs alone (see README)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_site_strictly(built_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    done = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f",
                           str(ROOT / "mkdocs.yml"), "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    version = subprocess.run([sys.executable, "-m", "properdocs", "--version"],
                             capture_output=True, text=True).stdout
    assert "properdocs, version 1.6.7 from" in version and "site-packages/properdocs" in version
    # Every page, twin, card, oEmbed file, feed and handout that MkDocs writes.
    assert _files(out) == _files(built_site)
    page = BeautifulSoup((out / "bond-check" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one("[data-checklist='bond-check'] [data-safety-result]") is not None
    assert page.select_one("meta[http-equiv='Content-Security-Policy']") is not None
