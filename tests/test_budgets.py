"""Byte budgets, measured deterministically by gzipping the built files (as GitHub Pages
serves them). Timings are not asserted anywhere, and the comparison with a default Material
build of the same Markdown is a figure `./dev bench` prints, not a test."""

from __future__ import annotations

import gzip
from pathlib import Path

from helpers import html_pages, local_resources

# The project's own assets on any main-site page, gzipped. 10 KB until the quick exit (1.2 KB)
# and the scripts' shared start-up (1.0 KB) joined the checklist pages, the heaviest; 12 KB
# until the session summary (2.3 KB) joined them (12.6 KB).
OWN_ASSETS_BUDGET = 13 * 1024
MATERIAL = ("assets/javascripts/", "assets/stylesheets/")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def own(site: Path, page: Path) -> set[Path]:
    """The project's own files a page loads (everything but Material's bundle and styles)."""
    return {f for f in local_resources(site, page)
            if not f.relative_to(site).as_posix().startswith(MATERIAL)}


def test_own_assets_stay_within_13_kb_on_every_page(built_site: Path) -> None:
    sizes = {p.parent.relative_to(built_site).as_posix():
             sum(gz(f) for f in own(built_site, p))
             for p in html_pages(built_site)}
    over = {name: size for name, size in sizes.items() if size > OWN_ASSETS_BUDGET}
    assert sizes and not over, over
