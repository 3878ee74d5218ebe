"""The built site in headless Chromium: loads cleanly, accessible, private, usable on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bondsite import embed
from helpers import COLOUR_RULES, MISSING, answer_every_checklist, describe, page_paths, run_axe, walk
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


def test_home_page_opens_without_console_errors(context: BrowserContext, site_url: str) -> None:
    page = context.new_page()
    errors, _ = _watch(page)
    response = page.goto(site_url, wait_until="load")
    assert response is not None and response.ok
    assert page.locator("h1").first.inner_text().strip()
    assert page.title().endswith("The Therapeutic Bond")
    assert errors == []


def test_the_walks_axe_finds_a_planted_error(context: BrowserContext, site_url: str) -> None:
    """run_axe, which the walks rely on, reports what it should, all rules or the colour rules
    alone, and again on the same page (axe goes into each page once)."""
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    assert run_axe(page) == []
    page.evaluate("""() => {  // CSSOM, as the site's CSP blocks style attributes
        const pale = document.createElement('p');
        pale.textContent = 'Pale.';
        pale.style.color = '#bbb';
        document.querySelector('h1').after(pale, document.createElement('img'));
    }""")
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in run_axe(page)}
    assert {v["id"] for v in run_axe(page, COLOUR_RULES)} == {"color-contrast"}


# The dark walk visits one twin of each kind (an article, a checklist, the crisis page) in
# each language: twins share the pages' content and the colour rules are all it checks.
DARK_TWINS = ["trust/", "bond-check/", "get-help-now/", "es/trust/", "es/is-therapy-right-for-me/",
              "es/get-help-now/"]
HALVES = 2


def _walk_paths(built_site: Path, scheme: str) -> list[str]:
    pages = page_paths(built_site)
    assert set(DARK_TWINS) <= set(pages), set(DARK_TWINS) - set(pages)
    twins = pages if scheme == "light" else DARK_TWINS
    return [*pages, MISSING, *(embed.twin_url(path) for path in twins)]


@pytest.mark.long
@pytest.mark.parametrize("half", range(HALVES))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_and_stays_private(browser: Browser, site_url: str,
                                                 built_site: Path, scheme: str,
                                                 half: int) -> None:
    """One walk over every page, the embed twins and the 404 page per colour scheme (in two
    halves, tests/helpers.py), checking on the way: axe-core finds nothing, before and after
    answering the checklists and with the crisis panel open (in the dark scheme, the colour
    rules); no console or script error (but for the 404 page's own status); no request to
    another host and no cookie, even after searching and switching the palette; no
    Content-Security-Policy violation; answering every checklist stores nothing; twins load no
    Material script."""
    every = _walk_paths(built_site, scheme)
    paths = every[half::HALVES]
    sweep = walk(browser, site_url, paths, scheme, search=scheme == "light" and half == 0)
    expected = "slate" if scheme == "dark" else "default"
    assert [v.path for v in sweep.visits] == paths
    assert len(every) >= (110 if scheme == "light" else 60) and MISSING in every
    assert {v.path: v.status for v in sweep.visits if v.status != 200} == (
        {MISSING: 404} if MISSING in paths else {})
    assert {v.path: v.scheme for v in sweep.visits if v.scheme != expected} == {}
    errors = {v.name: [e for e in v.errors if not (v.path == MISSING and "404" in e)]
              for v in sweep.every_visit}
    problems = {
        "axe-core": sweep.axe_failures(),
        "console or script errors": {name: found for name, found in errors.items() if found},
        "requests to another host": sweep.foreign_requests(),
        "cookies": sweep.cookies,
        "CSP violations": {v.name: v.csp for v in sweep.every_visit if v.csp},
        "storage written while answering": [v.name for v in sweep.visits
                                            if v.stored_while_answering],
        "Material's script or search in a twin": {
            v.name: [u for u in v.requests if "/javascripts/" in u or "search" in u]
            for v in sweep.visits if v.path.startswith(embed.PREFIX)
            and any("/javascripts/" in u or "search" in u for u in v.requests)},
    }
    assert not any(problems.values()), "\n".join(
        f"{name}: {found}" for name, found in problems.items() if found)
    # The walk did what it says: it answered the checklists it met (pages and twins).
    checklist_paths = [p for p in paths if p.rstrip("/").endswith(
        ("bond-check", "is-therapy-right-for-me"))]
    answered = {v.path: v.answered for v in sweep.visits if v.answered}
    assert sorted(answered) == sorted(checklist_paths) and all(
        n >= 10 for n in answered.values()), answered
    if sweep.searched is not None:  # and searched and switched the palette
        searched = sweep.searched
        assert any(u.endswith("/search/search_index.json") for u in searched.requests)
        assert searched.palette == 1 and searched.scheme == "default"  # Material's light palette


def _inside_viewport(page: Page, box: dict[str, float] | None) -> bool:
    size = page.viewport_size
    return (box is not None and size is not None and box["x"] >= 0 and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"]
            and box["y"] + box["height"] <= size["height"])


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740},
                                      {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_get_help_now_is_one_tap_away_after_scrolling(browser: Browser, site_url: str,
                                                      viewport: dict[str, int]) -> None:
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.goto(site_url + "trust/")
    link = page.get_by_role("link", name="Get help now").first
    box = link.bounding_box()
    assert _inside_viewport(page, box), box
    assert box is not None and box["y"] < 60 and box["height"] >= 24
    page.mouse.wheel(0, 3000)
    # Wheel scrolling is smooth: wait, frame by frame, until it has gone far down. (evaluate,
    # not wait_for_function, which the page's Content Security Policy would block.)
    page.evaluate("""() => new Promise(done => { const far = () =>
      scrollY >= 1500 ? done() : requestAnimationFrame(far); far(); })""")
    box = link.bounding_box()  # relative to the viewport: still on screen after the scroll
    assert _inside_viewport(page, box), (page.evaluate("window.scrollY"), box)
    assert box is not None and box["height"] >= 24 and box["width"] >= 24
    link.tap() if phone else link.click()
    page.wait_for_url("**/get-help-now/")
    assert page.locator("article a[href^='tel:']").count() >= 5
    context.close()


@pytest.mark.parametrize(("path", "query", "index", "lunr"), [
    ("trust/", "therapist", "search/search_index.json", set()),
    ("es/trust/", "terapeuta", "es/search/search_index.json",
     {"lunr.stemmer.support.min.js", "lunr.es.min.js"}),
], ids=["en", "es"])
def test_search_loads_only_its_languages_index_and_code(context: BrowserContext, site_url: str,
                                                        path: str, query: str, index: str,
                                                        lunr: set[str]) -> None:
    page = context.new_page()
    _errors, requests = _watch(page)
    page.goto(site_url + path, wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    language_root = site_url + ("es/" if path.startswith("es/") else "")
    # Read in one step: Material re-renders the list while the typed query updates it.
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
    assert len(hrefs) >= 3 and all(h.startswith(language_root) for h in hrefs), hrefs
    if not language_root.endswith("es/"):
        assert not [h for h in hrefs if h.startswith(site_url + "es/")], hrefs
    loaded = [u.removeprefix(site_url) for u in requests]
    assert [u for u in loaded if u.endswith("search_index.json")] == [index]
    assert {u.rsplit("/", 1)[-1] for u in loaded if "/lunr/" in u} == lunr


@pytest.mark.parametrize(("path", "viewport"), [
    ("es/bond-check/", {"width": 360, "height": 740}),
    ("is-therapy-right-for-me/", {"width": 1280, "height": 800})], ids=["phone", "desktop"])
def test_back_to_top_never_covers_an_answer(browser: Browser, site_url: str, path: str,
                                            viewport: dict[str, int]) -> None:
    """WCAG 2.2 target size: answering scrolls down (the button is hidden, and must take no
    room); each statement in turn just below the header has nothing over it; scrolling back up
    shows the button in the bottom-right corner, clear of the header. (The keyboard test checks
    every statement of both checklists in both languages clears the header when focused.)"""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    assert answer_every_checklist(page) >= 8
    top = page.locator(".md-top")
    assert top.bounding_box() is None  # hidden: not rendered at all
    # Each statement in turn just below the header, where Material's hidden button sat.
    fieldsets = page.locator("[data-checklist] fieldset:has(input[type=radio])")
    assert fieldsets.count() >= 8
    for index in range(fieldsets.count()):
        fieldsets.nth(index).evaluate(
            "f => window.scrollBy(0, f.getBoundingClientRect().top"
            " - document.querySelector('.md-header').getBoundingClientRect().bottom - 4)")
        violations = run_axe(page, ["target-size"])
        assert violations == [], f"statement {index + 1}: {describe(violations)}"
    page.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls up
    top.wait_for(state="visible")
    box, size = top.bounding_box(), page.viewport_size
    assert box is not None and size is not None
    assert box["x"] + box["width"] > size["width"] - 40 and box["y"] > size["height"] / 2, box
    assert box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"]
    context.close()


def test_missing_pages_get_a_styled_404_at_any_depth(context: BrowserContext,
                                                     site_url: str) -> None:
    page = context.new_page()
    errors, _ = _watch(page)
    response = page.goto(site_url + "no/such/page/", wait_until="load")
    assert response is not None and response.status == 404
    # Material's stylesheet loaded: the header is laid out as a fixed bar.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in {
        "sticky", "fixed"}
    page.get_by_role("link", name="Get help now").first.click()
    page.wait_for_url("**/get-help-now/")
    assert [e for e in errors if "404" not in e] == []
