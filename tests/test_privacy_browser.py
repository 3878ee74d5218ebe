"""Privacy and policy in Chromium: every page, searched, re-coloured and with every checklist
answered, makes no request to another host, sets no cookie, stores no answers and breaks no
Content-Security-Policy rule."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import html_pages
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`));
"""


def _answer_every_checklist(page: Page) -> int:
    """Pick an answer for every question of every checklist on the page; returns how many."""
    answered = 0
    for root in page.locator("[data-checklist]").all():
        names = root.locator("input[type=radio]").evaluate_all(
            "inputs => [...new Set(inputs.map(i => i.name))]")
        for name in names:
            root.locator(f"input[type=radio][name='{name}']").last.check()
            answered += 1
    return answered


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_foreign_requests_cookies_storage_or_csp_violations(
        browser: Browser, site_url: str, built_site: Path, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    origin = urlsplit(site_url).netloc
    violations: dict[str, list[str]] = {}
    answered = 0
    paths = [p.parent.relative_to(built_site).as_posix().removeprefix(".")
             for p in html_pages(built_site)] + ["no/such/page/"]
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
        storage_before = page.evaluate("[localStorage.length, sessionStorage.length]")
        if page.locator("[data-checklist]").count():
            answered += _answer_every_checklist(page)
            assert page.evaluate("[localStorage.length, sessionStorage.length]") == \
                storage_before, f"{path}: answering wrote to storage"
        if path == "":
            page.keyboard.press("/")
            page.keyboard.type("trust")
            page.locator(".md-search-result__item").first.wait_for()
            page.keyboard.press("Escape")
            page.locator("[data-md-component=palette] label:visible").first.click()
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path or "home"] = found
    assert answered > 20, "the checklists were not found or not answered"
    assert violations == {}
    foreign = [u for u in requests
               if urlsplit(u).scheme in {"http", "https"} and urlsplit(u).netloc != origin]
    assert foreign == []
    assert context.cookies() == []
    context.close()
