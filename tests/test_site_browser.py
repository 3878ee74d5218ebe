"""The built site in headless Chromium: loads cleanly, accessible, private, usable on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import describe, html_pages, run_axe
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def _watch(page: Page) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return errors, requests


def _paths(built_site: Path) -> list[str]:
    return [p.parent.relative_to(built_site).as_posix().removeprefix(".") for p in
            html_pages(built_site)]


def test_home_page_opens_without_console_errors(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    errors, _ = _watch(page)
    response = page.goto(site_url, wait_until="networkidle")
    assert response is not None and response.ok
    assert page.locator("h1").first.inner_text().strip()
    assert page.title().endswith("The Therapeutic Bond")
    assert errors == []


def test_every_page_loads_only_from_this_site(context: BrowserContext, site_url: str,
                                              built_site: Path) -> None:
    page = context.new_page()
    errors, requests = _watch(page)
    origin = urlsplit(site_url).netloc
    for path in _paths(built_site):
        page.goto(site_url + path, wait_until="networkidle")
    foreign = [u for u in requests if urlsplit(u).scheme in {"http", "https"}
               and urlsplit(u).netloc != origin]
    assert foreign == [] and errors == []
    assert context.cookies() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser: Browser, site_url: str, built_site: Path,
                               scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for path in _paths(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        violations = run_axe(page)
        if violations:
            failures[path or "home"] = describe(violations)
    context.close()
    assert not failures, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


def test_get_help_now_is_one_tap_away_on_a_phone(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(site_url + "trust/")
    link = page.get_by_role("link", name="Get help now").first
    assert link.is_visible()
    box = link.bounding_box()
    assert box is not None and box["y"] < 60 and box["height"] >= 24
    page.mouse.wheel(0, 3000)
    assert link.is_visible()
    link.tap()
    page.wait_for_url("**/get-help-now/")
    assert page.locator("article a[href^='tel:']").count() >= 5
    context.close()


def test_missing_pages_get_a_styled_404_at_any_depth(context: BrowserContext,
                                                     site_url: str) -> None:
    page = context.new_page()
    errors, _ = _watch(page)
    response = page.goto(site_url + "no/such/page/", wait_until="networkidle")
    assert response is not None and response.status == 404
    # Material's stylesheet loaded: the header is laid out as a fixed bar.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in {
        "sticky", "fixed"}
    page.get_by_role("link", name="Get help now").first.click()
    page.wait_for_url("**/get-help-now/")
    assert [e for e in errors if "404" not in e] == []
