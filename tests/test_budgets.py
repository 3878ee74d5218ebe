"""Byte budgets, measured deterministically by gzipping the built files (as GitHub Pages
serves them). Timings are not asserted anywhere: `./dev bench` prints those."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from bench import first_load_bytes
from conftest import ROOT, build_site
from helpers import html_pages, local_resources, read_config, write_config
from playwright.sync_api import Browser
from serve_built import SiteServer

OWN_ASSETS_BUDGET = 10 * 1024  # project's own assets on any main-site page, gzipped
FIRST_LOAD_RATIO = 1.05  # checklist page against a default Material build of the same Markdown
MATERIAL = ("assets/javascripts/", "assets/stylesheets/")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def own(site: Path, page: Path) -> set[Path]:
    """The project's own files a page loads (everything but Material's bundle and styles)."""
    return {f for f in local_resources(site, page)
            if not f.relative_to(site).as_posix().startswith(MATERIAL)}


def test_own_assets_stay_within_10_kb_on_every_page(built_site: Path) -> None:
    sizes = {p.parent.relative_to(built_site).as_posix():
             sum(gz(f) for f in own(built_site, p))
             for p in html_pages(built_site)}
    over = {name: size for name, size in sizes.items() if size > OWN_ASSETS_BUDGET}
    assert sizes and not over, over


@pytest.fixture(scope="module")
def default_material_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Material as it comes (no hooks, overrides or extra CSS) on the same Markdown."""
    project = read_config()
    folder = tmp_path_factory.mktemp("default-material")
    config = {
        "site_name": project["site_name"], "site_url": project["site_url"],
        "docs_dir": str(ROOT / "docs"), "theme": {"name": "material", "font": False},
        "plugins": project["plugins"], "markdown_extensions": project["markdown_extensions"],
        "nav": project["nav"],
    }
    write_config(folder / "mkdocs.yml", config)
    return build_site(folder / "mkdocs.yml", folder / "site", strict=False)


@pytest.mark.browser
def test_checklist_pages_first_load_is_close_to_plain_material(
        built_site: Path, default_material_site: Path, site_prefix: str,
        browser: Browser) -> None:
    """Bytes on the wire in Chromium for a cold first load, both sites served with gzip."""
    pages = ["bond-check/", "is-therapy-right-for-me/", "es/bond-check/"]
    with SiteServer(built_site, prefix=site_prefix, use_gzip=True) as ours, \
            SiteServer(default_material_site, prefix=site_prefix, use_gzip=True) as plain:
        ours_bytes = first_load_bytes(ours.url, pages, set(), browser)
        plain_bytes = first_load_bytes(plain.url, pages, set(), browser)
    for page in pages:
        mine, theirs = ours_bytes[page]["total"], plain_bytes[page]["total"]
        assert mine <= FIRST_LOAD_RATIO * theirs, f"{page}: {mine} against {theirs} ({mine / theirs:.3f}x)"
