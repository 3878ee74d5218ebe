"""Shared test support, one place for each: project copies (whole or tiny), the config as
MkDocs reads it, the built site's pages, the template environment, the clipboard stubs,
axe-core in the browser, and answer sets for the checklists."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
import yaml
from axe_playwright_python.sync_playwright import Axe
from bondsite import checklists, templates
from bondsite.checklists import Checklist
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PROJECT_PARTS = ("docs", "hooks", "overrides", "data")
_AXE = Axe()
# axe's defaults (WCAG 2.0/2.1 A and AA, best practice) plus WCAG 2.2 AA, which axe ships
# switched off: target-size (24 px, or spaced apart).
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}

# Stand-in clipboards for headless Chromium, which has none: one records what the page copies,
# the other is missing altogether.
RECORD_CLIPBOARD = """
window.__copied = [];
Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {
  writeText: text => { window.__copied.push(text); return Promise.resolve(); }}});
"""
# Records Content-Security-Policy violations for the page to report: add as an init script,
# then read window.__cspViolations.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`));
"""
NO_CLIPBOARD = ("Object.defineProperty(navigator, 'clipboard',"
                " {configurable: true, value: undefined});")


# Every request a page has made so far, without waiting for a time: the page fetches a marker
# address and the test waits for that request; a page's requests are reported in the order it
# makes them, so any it made before the marker has been seen. The marker is left out.
MARKER = "__requests-so-far"


# Material's search loads its index and language files in the background once a page has
# loaded, whatever the reader does (fixed addresses of files the site ships): left out too.
SEARCH_FILES = ("/search/", "/assets/javascripts/workers/search.", "/assets/javascripts/lunr/")


def requests_so_far(page: Page, requests: list[str]) -> list[str]:
    with page.expect_request(lambda r: MARKER in r.url):
        page.evaluate("m => { fetch(m).catch(() => {}); }", f"./{MARKER}")
    def search_file(url: str) -> bool:
        parts = urlsplit(url)
        return not parts.query and any(part in parts.path for part in SEARCH_FILES)

    return [url for url in requests if MARKER not in url and not search_file(url)]


def open_checklist(context: BrowserContext, url: str, checklist_id: str) -> tuple[Page, Locator]:
    """Open the page at `url` (which places the checklist) and wait until its script is ready,
    with no script error on the way."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    root = page.locator(f'[data-checklist="{checklist_id}"]')
    expect(root).to_have_attribute("data-checklist-ready", "")
    assert errors == []
    return page, root


def answer(root: Locator, answers: dict[str, int]) -> None:
    """Click each answer, as a reader does."""
    for item_id, value in answers.items():
        root.locator(f'[data-item="{item_id}"] input[value="{value}"]').check()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does without the environment: `!ENV [NAME, default]` gives
    the default (the tests never set SITE_URL)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))


def read_config(path: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """A MkDocs config file as plain data, `!ENV` tags resolved to their defaults."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def write_config(path: Path, config: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def copy_project(dest: Path, *extra: str) -> Path:
    """A throwaway copy of the whole project (docs, hooks, overrides, data, mkdocs.yml and any
    `extra` folders such as "profiles") to break on purpose; returns dest."""
    for name in (*PROJECT_PARTS, *extra):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "site"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def copy_tiny_project(dest: Path, *extra: str) -> Path:
    """The project's code and data with the tiny English-only site of tests/fixtures/tiny
    (a few short pages and the crisis page) instead of the real pages: for builds
    that must fail, where a whole-site build would only cost time."""
    for name in ("hooks", "overrides", "data", *extra):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "site"))
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(FIXTURES / "tiny" / "docs", dest / "docs", dirs_exist_ok=True)
    tiny = read_config(FIXTURES / "tiny" / "mkdocs.yml")
    config = read_config()
    config["nav"] = tiny["nav"]
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    for language in i18n["languages"]:
        language["build"] = bool(language.get("default"))
    write_config(dest / "mkdocs.yml", config)
    return dest


def template_env() -> jinja2.Environment:
    """The overrides as the build loads them: the project's own templates autoescaped
    (bondsite.templates), Material's and our forks of them not."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")),
                              autoescape=templates.autoescape)


def run_axe(page: Page, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core violations on the page as it is now (WCAG 2.0 to 2.2 A and AA, best practice),
    or for the named rules only."""
    options = AXE_OPTIONS if rules is None else {"resultTypes": ["violations"], "runOnly": rules}
    # axe-core (about 550 KB) goes into each page once, not once a run; only the violations
    # come back.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_AXE.axe_script)
    return list(page.evaluate("options => axe.run(document, options).then(r => r.violations)",
                              options))


def answer_every_checklist(page: Page) -> int:
    """Pick the last answer for every question of every checklist on the page; returns how
    many questions were answered."""
    answered = 0
    for root in page.locator("[data-checklist]").all():
        names = root.locator("input[type=radio]").evaluate_all(
            "inputs => [...new Set(inputs.map(i => i.name))]")
        for name in names:
            root.locator(f"input[type=radio][name='{name}']").last.check()
            answered += 1
    return answered


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in violations
    )


def html_pages(site: Path) -> list[Path]:
    """Every content page of a built site (not the 404 page, not embed twins or oEmbed cards)."""
    return sorted(p for p in site.rglob("index.html")
                  if not {"embed", "card"} & set(p.relative_to(site).parts))


def page_paths(site: Path) -> list[str]:
    """Every content page as a URL path from the site root: '' for home, 'trust/', 'es/trust/'."""
    return [(p.parent.relative_to(site).as_posix() + "/").removeprefix("./")
            for p in html_pages(site)]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local_resources(site: Path, page: Path) -> list[Path]:
    """Files a built page loads on first view (stylesheets, icons, scripts, images), resolved
    in the site folder; fails on any that another host would serve."""
    doc = soup(page)
    urls = [el["href"] for el in doc.select('link[rel~="stylesheet"], link[rel~="icon"]')]
    urls += [el["src"] for el in doc.select("script[src], img[src]")]
    base = "http://site/" + page.parent.relative_to(site).as_posix() + "/"
    files = []
    for url in urls:
        if url.startswith("data:"):
            continue  # inline, no request
        resolved = urlsplit(urljoin(base, url))
        assert resolved.netloc == "site", f"{page}: {url} is not on this site"
        files.append(site / resolved.path.lstrip("/"))
    return files


# Answer sets for the checklists ------------------------------------------------------------

def answers_for(checklist: Checklist, target: int) -> dict[str, int]:
    """Answers to every scored statement whose score is exactly `target`, spread as evenly as
    the choices allow, using answers that no flag names wherever the target can be reached that
    way, so that a band edge is reached without a flag moving the result where possible."""
    scored = checklist.scored_items
    # Each statement's choices as (points, value), lowest first: all of them, and the unflagged.
    every = {i.id: sorted((checklists.points(checklist, i, c.value), c.value)
                          for c in checklist.choices) for i in scored}
    clean = {i.id: [pv for pv in every[i.id] if not i.flagged_by(pv[1])] or every[i.id]
             for i in scored}
    chosen = {i.id: clean[i.id][0] for i in scored}
    total = sum(points for points, _ in chosen.values())

    def step(options: dict[str, list[tuple[int, int]]], up: bool) -> bool:
        """Move one statement to its next option up (or down) without passing the target."""
        nonlocal total
        moves = []
        for i in scored:
            ladder = options[i.id]
            at = ladder.index(chosen[i.id]) if chosen[i.id] in ladder else None
            if at is None:
                continue
            nxt = at + 1 if up else at - 1
            if 0 <= nxt < len(ladder):
                change = ladder[nxt][0] - chosen[i.id][0]
                if abs(change) <= abs(target - total):
                    moves.append((chosen[i.id][0] * (1 if up else -1), i.id, ladder[nxt], change))
        if not moves:
            return False
        _, item_id, option, change = min(moves)  # the statement with the fewest (most) points
        chosen[item_id] = option
        total += change
        return True

    while total < target and step(clean, up=True):
        pass
    while total < target and step(every, up=True):
        pass
    while total > target and step(every, up=False):
        pass
    assert total == target, f"cannot reach {target}"
    answers = {item_id: value for item_id, (_, value) in chosen.items()}
    assert checklists.score(checklist, answers).score == target
    return answers


def flagged_sets(checklist: Checklist) -> list[dict[str, int]]:
    """For each flag answer: the answers that score highest (or lowest, for a checklist whose
    flags rule out its lowest band), changed to that one flagged answer."""
    best = answers_for(checklist, checklist.bands[-1].high)
    least = answers_for(checklist, checklist.bands[0].low)
    sets = []
    for item in checklist.flagged_items:
        assert item.flag is not None
        base = least if checklist.bands[0].id in item.flag.rules_out else best
        sets += [base | {item.id: value} for value in item.flag.answers]
    return sets


# The site walk -------------------------------------------------------------------------------
#
# One visit to every page of the built site per colour scheme (embed twins and the 404 page
# included), with every check that needs a whole-site walk recorded on the way: axe-core,
# requests, console and script errors, CSP violations, storage writes while answering the
# checklists, and cookies. test_site_browser.py walks the site once per scheme and checks all of
# it, instead of walking it once per check.
#
# Each page, in order: load it; check the colour scheme; run
# axe on the page as loaded; on a checklist page, answer every statement and open the session
# summary with a note in it (compare storage before and after), run axe on the result and the
# summary, answer Yes to the safety statement and run axe on the crisis panel and the safety
# result; collect the CSP violations the page reported. In the light scheme
# axe runs every rule (WCAG 2.0 to 2.2 A and AA, best practice, target size); in the dark scheme
# only the rules about colour, the only thing the scheme changes. Last, when asked, back on the
# home page, search and switch the palette (last, because the palette a reader picks applies to
# every page after it). A test walks part of the site (test_site_browser.py splits it in two), so
# the two test workers share the walks.

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
            for opener in page.locator("[data-summary-open]:visible").all():
                # The session summary, open beside the result (a click event without the
                # pointer: axe would catch the button's hover colours mid-transition).
                opener.dispatch_event("click")
                page.locator("[data-session-summary] textarea:visible").fill("A note.")
            visit.axe += run_axe(page, rules)  # the result of the last answers, and the summary
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
