"""Fixtures: one strict build of the real site and one of the example clinic profile per test
session, the site served like GitHub Pages, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "scripts"), str(ROOT / "tests")]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.pop("SITE_URL", None)  # tests build for the default project sub-path

from helpers import template_env  # noqa: E402
from serve_built import SiteServer  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the long tests first (marked `long`): the workers then share out the short ones
    and finish together. No test depends on the order; this only saves waiting."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def build_site(config_file: Path, site_dir: Path, strict: bool = True, **overrides: object) -> Path:
    """Build a config into site_dir, strictly unless told otherwise (`mkdocs build --strict`)."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def profile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example clinic profile (profiles/example), built once per test session."""
    return build_site(ROOT / "profiles" / "example" / "mkdocs.yml",
                      tmp_path_factory.mktemp("profile"))


@pytest.fixture(scope="session")
def site_prefix() -> str:
    """The sub-path the site lives under on GitHub Pages, from mkdocs.yml's site_url."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return urlsplit(config.site_url or "/").path or "/"


@pytest.fixture(scope="session")
def site_server(built_site: Path, site_prefix: str) -> Iterator[SiteServer]:
    with SiteServer(built_site, prefix=site_prefix) as server:
        yield server


@pytest.fixture(scope="session")
def site_url(site_server: SiteServer) -> str:
    return site_server.url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the tests through `./dev test`, which"
                    " installs Debian's chromium package, or set CHROMIUM to its path.")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def env() -> jinja2.Environment:
    """The templates in overrides/, loaded like the theme's environment (no autoescaping)."""
    return template_env()
