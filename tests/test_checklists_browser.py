"""Checklists in headless Chromium against the strict build: live results that match Python's
scoring, the crisis panel, keyboard use, privacy, the no-JavaScript view, axe, print, phones
and the size budget of the script and stylesheet."""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bondsite import checklists
from bondsite.checklists import Checklist
from helpers import NO_CLIPBOARD, RECORD_CLIPBOARD, describe, read_config, run_axe, write_config
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from serve_built import SiteServer
from test_checklists_unit import answers_for

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
SIZE_BUDGET = 6144  # bytes, checklist.js and checklist.css gzipped, together
IDS = ["is-therapy-right-for-me", "bond-check"]

@pytest.fixture(scope="module", params=["en", "es"])
def lang(request: pytest.FixtureRequest) -> str:
    """Every test that reads the definitions runs on the English and the Spanish pages."""
    return str(request.param)


@pytest.fixture(scope="module")
def definitions(lang: str) -> dict[str, Checklist]:
    return checklists.load_all(ROOT / "data" / "checklists" / lang, f"data/checklists/{lang}")


@pytest.fixture
def page_url(site_url: str, lang: str) -> str:
    """Where this language's pages live (Spanish under es/)."""
    return site_url if lang == "en" else f"{site_url}{lang}/"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(color_scheme="light")
    yield ctx
    ctx.close()


def open_checklist(context: BrowserContext, site_url: str, checklist_id: str) -> tuple[Page,
                                                                                       Locator]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}{checklist_id}/", wait_until="networkidle")
    root = page.locator(f'[data-checklist="{checklist_id}"]')
    expect(root).to_have_attribute("data-checklist-ready", "")
    assert errors == []
    return page, root


def answer(root: Locator, answers: dict[str, int]) -> None:
    for item_id, value in answers.items():
        root.locator(f'[data-item="{item_id}"] input[value="{value}"]').check()


def shown_result(root: Locator) -> tuple[str | None, str | None]:
    """The band and weakest group the page shows right now (ids, or None)."""
    detail = root.locator("[data-checklist-detail]")
    band = detail.locator("[data-band]")
    weakest = detail.locator("[data-weakest]")
    return (band.get_attribute("data-band") if band.count() else None,
            weakest.first.get_attribute("data-weakest") if weakest.count() else None)


def shown_names(root: Locator) -> tuple[list[str], list[str]]:
    """Every group the result names (weakest first) and every flag note it shows."""
    detail = root.locator("[data-checklist-detail]")
    return (detail.locator("[data-weakest]").evaluate_all(
                "ns => ns.map(n => n.getAttribute('data-weakest'))"),
            detail.locator("[data-flag-note]").evaluate_all(
                "ns => ns.map(n => n.getAttribute('data-flag-note'))"))


def expected_names(result: checklists.Result) -> tuple[list[str], list[str]]:
    groups = ([result.weakest] if result.weakest else []) + list(result.also)
    return [g.id for g in groups], [i.id for i in result.notes]


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


def live_text(root: Locator) -> str:
    return root.locator("[aria-live]").text_content() or ""


# --- Live results match Python's scoring ------------------------------------------------------

@pytest.mark.parametrize("checklist_id", IDS)
def test_results_follow_the_answers_and_match_python(context: BrowserContext, page_url: str,
                                                     definitions: dict[str, Checklist],
                                                     checklist_id: str) -> None:
    checklist = definitions[checklist_id]
    _page, root = open_checklist(context, page_url, checklist_id)
    total = len([i for i in checklist.items if not i.safety])
    assert checklist.labels["progress"].format(answered=0, total=total) == live_text(root)
    assert shown_result(root) == (None, None)
    # Every band edge, then random answers: the page and score() agree on band and weakest.
    targets = [edge for band in checklist.bands for edge in (band.low, band.high)]
    rng = random.Random(20261128)
    sets = [answers_for(checklist, t) for t in targets] + flagged_sets(checklist) + [
        {i.id: rng.choice([c.value for c in checklist.choices])
         for i in checklist.items if not i.safety} for _ in range(6)]
    seen_bands, moved = set(), 0
    for answers in sets:
        answer(root, answers)
        expected = checklists.score(checklist, answers)
        assert expected.band is not None
        moved += expected.band != expected.score_band
        weakest = expected.weakest.id if expected.weakest else None
        assert shown_result(root) == (expected.band.id, weakest), answers
        assert shown_names(root) == expected_names(expected), answers
        said = live_text(root)
        assert checklist.labels["result_status"].format(band=expected.band.title) in said
        if expected.weakest:
            assert checklist.weakest is not None
            assert checklist.weakest.status.format(group=expected.weakest.title) in said
        detail = root.locator("[data-checklist-detail]").inner_text()
        assert checklist.not_diagnosis in detail
        seen_bands.add(expected.band.id)
    assert seen_bands == {band.id for band in checklist.bands}
    assert moved >= len(checklist.flagged_items)  # flags really moved results, page and Python
    assert root.locator("[data-crisis]").is_hidden()


def test_bond_check_names_the_weakest_area_with_phrases(context: BrowserContext, page_url: str,
                                                        definitions: dict[str, Checklist]) -> None:
    note = definitions["bond-check"].weakest.note  # type: ignore[union-attr]
    _page, root = open_checklist(context, page_url, "bond-check")
    good = {"goals-named": 4, "goals-progress": 4, "goals-focus": 4, "methods-why": 4,
            "methods-adjust": 4, "methods-say": 4, "bond-safe": 4, "bond-serious": 4,
            "bond-judged": 0}
    answer(root, good | {"methods-why": 1, "methods-say": 2})
    assert shown_result(root) == ("strong", "methods")
    titles = {group.id: group.title for group in definitions["bond-check"].groups}
    assert titles["methods"] in live_text(root)
    detail = root.locator("[data-checklist-detail]")
    expect(detail.locator("[data-weakest] q").first).to_be_visible()
    expect(detail).to_contain_text(note)
    answer(root, {"methods-why": 4, "methods-say": 4, "bond-judged": 4, "bond-safe": 1,
                  "bond-serious": 1})
    assert shown_result(root) == ("mixed", "bond")
    assert titles["bond"] in live_text(root)


# --- Safety -----------------------------------------------------------------------------------

def reassuring_texts(checklist: Checklist) -> list[str]:
    """Every band's words, and the weakest-area words: none may show beside the crisis panel."""
    texts = [t for band in checklist.bands for t in (band.title, band.text)]
    if checklist.weakest:
        texts += [checklist.weakest.note] + [g.if_weakest.text for g in checklist.groups
                                             if g.if_weakest]
    return texts


@pytest.mark.parametrize("checklist_id", IDS)
def test_safety_yes_shows_crisis_lines_at_once_and_replaces_every_result(
        browser: Browser, page_url: str, definitions: dict[str, Checklist],
        checklist_id: str) -> None:
    checklist = definitions[checklist_id]
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page, root = open_checklist(context, page_url, checklist_id)
    crisis = root.locator("[data-crisis]")
    detail = root.locator("[data-checklist-detail]")
    expect(crisis).to_be_hidden()
    root.locator("input[data-safety]").check()
    expect(crisis).to_be_visible()
    tels = crisis.locator("a[href^='tel:']")
    assert tels.count() >= 5
    expect(tels.first).to_be_visible()
    safety_said = " ".join([checklist.crisis.notice, checklist.labels["result_status"].format(
        band=checklist.safety_result.title)])
    # At once, before any other answer: help first, and the safety result is the result.
    assert live_text(root) == safety_said
    expect(detail.locator("[data-safety-result]")).to_have_count(1)
    # Whatever else is answered (every band, every flag), nothing reassuring shows.
    sets = [answers_for(checklist, edge) for band in checklist.bands
            for edge in (band.low, band.high)] + flagged_sets(checklist)
    for answers in sets:
        answer(root, answers)
        assert live_text(root) == safety_said, answers
        assert shown_result(root) == (None, None) and shown_names(root) == ([], [])
        shown = detail.inner_text()
        assert checklist.safety_result.text in shown and checklist.not_diagnosis in shown
        for text in reassuring_texts(checklist):
            assert text not in shown and text not in live_text(root)
        expect(crisis).to_be_visible()
    # The copied answers say the same.
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-checklist-copy-status]")).not_to_be_empty()
    copied = page.evaluate("window.__copied")[-1]
    assert safety_said in copied and checklist.safety_result.title in copied
    for text in reassuring_texts(checklist):
        assert text not in copied
    # So does the printed page: the result shows the safety result and no band.
    page.emulate_media(media="print")
    expect(detail.locator("[data-safety-result]")).to_be_visible()
    printed = root.inner_text()
    for band in checklist.bands:
        assert band.title not in printed
    page.emulate_media(media="screen")
    # Answering No brings back the ordinary result for the same answers.
    root.locator(f'[data-item="{checklist.safety_item.id}"] input[value="0"]').check()
    expect(crisis).to_be_hidden()
    assert checklist.crisis.notice not in live_text(root)
    expected = checklists.score(checklist, sets[-1])
    assert expected.band is not None and shown_result(root)[0] == expected.band.id
    context.close()


@pytest.mark.parametrize("checklist_id", IDS)
def test_without_javascript_the_guidance_leads_with_the_safety_result(
        browser: Browser, page_url: str, definitions: dict[str, Checklist],
        checklist_id: str) -> None:
    checklist = definitions[checklist_id]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{page_url}{checklist_id}/")
    blocks = page.locator(f'[data-checklist="{checklist_id}"] [data-checklist-guidance]'
                          " :is([data-safety-result], [data-band])")
    assert blocks.count() == 1 + len(checklist.bands)
    first = blocks.first
    assert first.get_attribute("data-safety-result") is not None
    expect(first).to_contain_text(checklist.safety_result.when)
    expect(first).to_contain_text(checklist.safety_result.title)
    # The guidance that lists the bands also shows every flag note.
    notes = page.locator("[data-checklist-guidance] [data-flag-note]")
    assert notes.count() == len([i for i in checklist.flagged_items if i.flag and i.flag.note])
    context.close()


# --- Keyboard only ----------------------------------------------------------------------------

def _focused(page: Page) -> dict[str, str]:
    return page.evaluate("""() => { const e = document.activeElement;
      return {tag: e.tagName, type: e.type || '', name: e.name || '',
              copy: e.hasAttribute('data-checklist-copy') ? 'yes' : '',
              inside: e.closest('[data-checklist]') ? 'yes' : ''}; }""")


@pytest.mark.parametrize("checklist_id", IDS)
def test_keyboard_alone_answers_everything_and_copies(browser: Browser, page_url: str,
                                                      definitions: dict[str, Checklist],
                                                      checklist_id: str) -> None:
    checklist = definitions[checklist_id]
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page, root = open_checklist(context, page_url, checklist_id)
    answered: dict[str, int] = {}
    for _ in range(400):
        focus = _focused(page)
        if focus["copy"]:
            break
        if focus["inside"] and focus["type"] == "radio" and focus["name"] not in answered:
            page.keyboard.press("Space")
            moves = len(answered) % 3
            if focus["name"].endswith("--" + checklist.safety_item.id):
                expect(root.locator("[data-crisis]")).to_be_visible()  # Space picked Yes
                moves = 1  # then the arrow moves to No
            for _ in range(moves):
                page.keyboard.press("ArrowRight")
            answered[focus["name"]] = moves
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the copy button")
    assert len(answered) == len(checklist.items)
    assert root.locator("input[type=radio]:checked").count() == len(checklist.items)
    expect(root.locator("[data-crisis]")).to_be_hidden()
    assert shown_result(root)[0] is not None
    page.keyboard.press("Enter")
    expect(root.locator("[data-checklist-copy-status]")).to_have_text(
        checklist.labels["copied"])
    copied = page.evaluate("window.__copied")
    assert len(copied) == 1
    for item in checklist.items:
        assert item.text in copied[0]
    assert checklist.labels["result_title"] in copied[0] and checklist.not_diagnosis in copied[0]
    context.close()


# --- Copy, print, phones, instant navigation --------------------------------------------------

@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site with Material's instant navigation on, served where its sitemap says."""
    folder = tmp_path_factory.mktemp("instant")
    site = folder / "site"
    site.mkdir()
    parent = read_config()
    with SiteServer(site, prefix="/therapeutic-bond/") as server:
        child = {
            "INHERIT": str(ROOT / "mkdocs.yml"),
            "docs_dir": str(ROOT / "docs"),
            "site_url": server.url,
            "hooks": [str(ROOT / hook) for hook in parent["hooks"]],
            "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"),
                      "features": [*parent["theme"]["features"], "navigation.instant"]},
        }
        config = folder / "mkdocs.yml"
        write_config(config, child)
        # Not strict: the i18n plugin warns that instant navigation drops its switcher link.
        build(load_config(str(config), site_dir=str(site), strict=False))
        yield server.url


def test_instant_navigation_sets_up_each_checklist_once(browser: Browser,
                                                        instant_site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CLIPBOARD)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(instant_site_url + "trust/", wait_until="networkidle")
    page.evaluate("window.__samePage = true")
    for target in ("bond-check", "is-therapy-right-for-me", "bond-check"):
        page.evaluate("t => document.querySelector(`a[href$='${t}/']`).click()", target)
        page.wait_for_url(f"**/{target}/")
        root = page.locator(f'[data-checklist="{target}"]')
        expect(root).to_have_attribute("data-checklist-ready", "")
        assert page.evaluate("window.__samePage"), "the link was not followed instantly"
        root.locator("input[data-safety]").check()
        expect(root.locator("[data-crisis]")).to_be_visible()
        assert live_text(root).endswith("Your result: Please reach out for help today.")
        root.locator("[data-checklist-copy]").click()
        expect(root.locator("[data-checklist-copy-status]")).not_to_be_empty()
    assert len(page.evaluate("window.__copied")) == 3  # one copy per click: nothing bound twice
    assert errors == []
    context.close()


def test_copy_without_a_clipboard_says_so(browser: Browser, page_url: str,
                                          definitions: dict[str, Checklist]) -> None:
    context = browser.new_context()
    context.add_init_script(NO_CLIPBOARD)
    _page, root = open_checklist(context, page_url, "bond-check")
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-checklist-copy-status]")).to_have_text(
        definitions["bond-check"].labels["copy_failed"])
    context.close()


def test_running_the_script_again_binds_nothing_twice(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page, root = open_checklist(context, site_url, "is-therapy-right-for-me")
    assert page.evaluate("typeof window.document$.subscribe") == "function"
    page.add_script_tag(url=f"{site_url}assets/checklist.js")
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-checklist-copy-status]")).not_to_be_empty()
    assert len(page.evaluate("window.__copied")) == 1
    context.close()


def test_print_shows_the_answers_and_the_result(context: BrowserContext, page_url: str,
                                                definitions: dict[str, Checklist]) -> None:
    checklist = definitions["is-therapy-right-for-me"]
    page, root = open_checklist(context, page_url, checklist.id)
    answer(root, answers_for(checklist, 5))
    page.emulate_media(media="print")
    chosen = root.locator(".checklist__choice:has(input:checked)")
    assert chosen.count() == len(checklist.items) - 1
    expect(chosen.first).to_be_visible()
    expect(root.locator(".checklist__choice:not(:has(input:checked))").first).to_be_hidden()
    expect(root.locator("[data-checklist-detail] [data-band]")).to_be_visible()
    expect(root.locator("[aria-live]")).to_be_visible()
    expect(root.locator("[data-checklist-copy]")).to_be_hidden()


@pytest.mark.parametrize("checklist_id", IDS)
def test_fits_a_phone_screen(browser: Browser, site_url: str, checklist_id: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                                  has_touch=True)
    page, root = open_checklist(context, site_url, checklist_id)
    root.locator("input[data-safety]").tap()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = root.locator(".checklist__choice").first.bounding_box()
    assert box is not None and box["height"] >= 24 and box["width"] >= 24
    context.close()


# --- Privacy ----------------------------------------------------------------------------------

@pytest.mark.parametrize("checklist_id", IDS)
def test_answers_never_leave_the_page(browser: Browser, page_url: str,
                                      definitions: dict[str, Checklist],
                                      checklist_id: str) -> None:
    checklist = definitions[checklist_id]
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{page_url}{checklist_id}/", wait_until="networkidle")
    origin = urlsplit(page_url).netloc
    assert [u for u in requests if urlsplit(u).netloc != origin] == []
    loaded = len(requests)
    storage = "[localStorage.length, sessionStorage.length, document.cookie]"
    before = page.evaluate(storage)
    root = page.locator(f'[data-checklist="{checklist_id}"]')
    root.locator("input[data-safety]").check()
    for band in checklist.bands:
        answer(root, answers_for(checklist, band.high))
    root.locator("[data-checklist-copy]").click()
    root.locator("[data-checklist-guidance] summary").click()
    page.wait_for_timeout(300)
    assert requests[loaded:] == [], "answering made requests"
    assert page.evaluate(storage) == before and before[2] == ""
    assert context.cookies() == []
    assert root.locator("form").count() == 0
    assert checklist.privacy in (root.text_content() or "")
    context.close()


# --- Without JavaScript -----------------------------------------------------------------------

@pytest.mark.parametrize("checklist_id", IDS)
def test_without_javascript_everything_is_readable(browser: Browser, page_url: str,
                                                   definitions: dict[str, Checklist],
                                                   checklist_id: str) -> None:
    checklist = definitions[checklist_id]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{page_url}{checklist_id}/")
    root = page.locator(f'[data-checklist="{checklist_id}"]')
    for item in checklist.items:
        expect(root.get_by_text(item.text, exact=True)).to_be_visible()
    crisis = root.locator("[data-crisis]")
    expect(crisis).to_be_visible()
    expect(crisis.locator("a[href^='tel:']").first).to_be_visible()
    guidance = root.locator("[data-checklist-guidance]")
    expect(guidance).to_be_visible()
    for band in checklist.bands:
        expect(guidance.get_by_text(band.title, exact=True)).to_be_visible()
        expect(guidance.get_by_text(band.when, exact=True)).to_be_visible()
    expect(guidance.get_by_text(checklist.not_diagnosis)).to_be_visible()
    expect(root.locator("[data-checklist-result]")).to_be_hidden()  # needs the script
    context.close()


# --- Accessibility ----------------------------------------------------------------------------

def checklist_violations(page: Page) -> list[dict]:
    """axe violations (whole-page run) whose nodes lie inside a checklist."""
    # The rest of each page is checked by test_site_browser.py's test_every_page_passes_axe.
    inside = ("t => { const e = document.querySelector(t);"
              " return !!(e && e.closest('[data-checklist]')); }")
    found = []
    for violation in run_axe(page):
        nodes = [n for n in violation["nodes"]
                 if n["target"] and isinstance(n["target"][0], str)
                 and page.evaluate(inside, n["target"][0])]
        if nodes:
            found.append(violation | {"nodes": nodes})
    return found


def explain(violations: list[dict]) -> str:
    """describe() plus axe's own summary of each failing node."""
    return describe(violations) + "\n" + "\n".join(
        f"{n['target']}: {n.get('failureSummary', '')}" for v in violations for n in v["nodes"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("checklist_id", IDS)
def test_axe_finds_nothing_before_and_after_answering(browser: Browser, page_url: str,
                                                      definitions: dict[str, Checklist],
                                                      checklist_id: str, scheme: str) -> None:
    checklist = definitions[checklist_id]
    context = browser.new_context(color_scheme=scheme)
    page, root = open_checklist(context, page_url, checklist_id)
    violations = checklist_violations(page)
    assert violations == [], explain(violations)
    root.locator("input[data-safety]").check()
    answer(root, answers_for(checklist, checklist.bands[1].low))
    root.locator("[data-checklist-guidance] summary").click()
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-crisis]")).to_be_visible()
    page.wait_for_timeout(500)  # let Material's colour transitions on the focused button end
    violations = checklist_violations(page)
    assert violations == [], explain(violations)
    context.close()


# --- Size budget ------------------------------------------------------------------------------

def test_script_and_styles_fit_the_size_budget() -> None:
    sizes = {name: len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=9))
             for name in ("checklist.js", "checklist.css")}
    assert sum(sizes.values()) <= SIZE_BUDGET, sizes


def test_the_script_uses_no_storage_network_or_html_parsing() -> None:
    script = (ASSETS / "checklist.js").read_text(encoding="utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "fetch(",
                   "XMLHttpRequest", "sendBeacon", "localStorage", "sessionStorage",
                   "document.cookie", "indexedDB", "eval(", "new Function"):
        assert banned not in script, banned
