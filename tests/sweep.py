"""One visit to every page of the built site per colour scheme (embed twins and the 404 page
included), with every check that needs a whole-site walk recorded on the way: axe-core,
requests, console and script errors, CSP violations, storage writes while answering the
checklists, and cookies. test_site_browser.py walks the site once per scheme and checks all of
it, instead of walking it once per check.

Each page, in order: load it; check the colour scheme; run
axe on the page as loaded; on a checklist page, answer every statement (compare storage before
and after), run axe on the result, answer Yes to the safety statement and run axe on the crisis
panel and the safety result; collect the CSP violations the page reported. In the light scheme
axe runs every rule (WCAG 2.0 to 2.2 A and AA, best practice, target size); in the dark scheme
only the rules about colour, the only thing the scheme changes. Last, when asked, back on the
home page, search and switch the palette (last, because the palette a reader picks applies to
every page after it). A test walks part of the site (test_site_browser.py splits it in two), so
the two test workers share the walks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from helpers import WATCH_CSP, answer_every_checklist, describe, run_axe
from playwright.sync_api import Browser, Page

MISSING = "no/such/page/"  # any address the site lacks: GitHub Pages serves 404.html there
# Material sets the scheme on <body>; an embed twin (no Material script) on <html>.
SCHEME = "document.body.dataset.mdColorScheme || document.documentElement.dataset.mdColorScheme || ''"
STORAGE = "[localStorage.length, sessionStorage.length]"
PICKED_PALETTE = """(() => {
  const key = Object.keys(localStorage).find(k => k.endsWith('/.__palette'));
  return key ? JSON.parse(localStorage.getItem(key)).index : -1;
})()"""
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


@dataclass
class PageVisit:
    path: str
    status: int
    scheme: str = ""
    axe: list[dict[str, Any]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    answered: int = 0
    stored_while_answering: bool = False
    palette: int = -1  # which of theme.palette Material keeps as picked (-1: none picked)
    after_search: bool = False  # the home page visited again at the end, searched

    @property
    def name(self) -> str:
        """How failures name the visit: the path, 'home', or the home page after searching."""
        return (self.path or "home") + (" (searched, palette switched)" if self.after_search
                                        else "")


@dataclass
class Sweep:
    scheme: str
    origin: str
    visits: list[PageVisit]
    searched: PageVisit | None  # the home page again, searched and re-coloured (light walk)
    cookies: list[Any]

    @property
    def every_visit(self) -> list[PageVisit]:
        return [*self.visits, *([self.searched] if self.searched else [])]

    def foreign_requests(self) -> dict[str, list[str]]:
        """Requests to any other host, by the visit that made them."""
        found = {v.name: [u for u in v.requests if urlsplit(u).scheme in {"http", "https"}
                          and urlsplit(u).netloc != self.origin] for v in self.every_visit}
        return {name: urls for name, urls in found.items() if urls}

    def axe_failures(self) -> str:
        return "\n".join(f"{v.name}:\n{describe(v.axe)}" for v in self.visits if v.axe)


def _search_and_switch_palette(page: Page) -> None:
    page.keyboard.press("/")
    page.keyboard.type("trust")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.locator("[data-md-component=palette] label:visible").first.click()


def walk(browser: Browser, site_url: str, paths: list[str], scheme: str,
         search: bool) -> Sweep:
    """Visit each path (relative to site_url) in one browser context with this colour scheme,
    then, if `search`, search and switch the palette on the home page."""
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    rules = COLOUR_RULES if scheme == "dark" else None
    visits: list[PageVisit] = []
    current: list[PageVisit] = []  # the visit that events belong to
    page.on("request", lambda r: current[-1].requests.append(r.url))
    page.on("console", lambda m: current[-1].errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: current[-1].errors.append(str(e)))

    def load(visit: PageVisit) -> PageVisit:
        current.append(visit)
        response = page.goto(site_url + visit.path, wait_until="load")
        visit.status = response.status if response else 0
        return visit

    for path in paths:
        visit = load(PageVisit(path=path, status=0))
        visit.scheme = page.evaluate(SCHEME)
        visit.axe = run_axe(page, rules)
        if page.locator("[data-checklist]").count():
            before = page.evaluate(STORAGE)
            visit.answered = answer_every_checklist(page)
            visit.axe += run_axe(page, rules)  # the result of the last answers
            page.locator("[data-checklist] input[data-safety]").first.check()
            page.locator("[data-crisis]").first.wait_for()
            visit.axe += run_axe(page, rules)  # the crisis panel and the safety result
            visit.stored_while_answering = page.evaluate(STORAGE) != before
        visit.csp = page.evaluate("window.__cspViolations")
        visits.append(visit)
    searched = None
    if search:
        searched = load(PageVisit(path="", status=0, after_search=True))
        _search_and_switch_palette(page)
        searched.scheme = page.evaluate(SCHEME)
        searched.palette = page.evaluate(PICKED_PALETTE)
        searched.csp = page.evaluate("window.__cspViolations")
    cookies = context.cookies()
    context.close()
    return Sweep(scheme=scheme, origin=urlsplit(site_url).netloc, visits=visits,
                 searched=searched, cookies=cookies)
