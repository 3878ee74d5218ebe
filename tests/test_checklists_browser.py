"""Checklists in headless Chromium against the strict build: the page follows the reference
scorer (one evaluation over many answer sets, and the safety, crossed-line, feeling-safe and
two-weeks cases driven by real clicks), the crisis panel, keyboard use, privacy, the
no-JavaScript view, print, phones and the size budget of the script and stylesheet. axe runs on
every checklist, before and after answering, in the site walk (test_site_browser.py)."""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bondsite import checklists
from bondsite.checklists import Checklist
from helpers import (
    NO_CLIPBOARD,
    RECORD_CLIPBOARD,
    answer,
    answers_for,
    flagged_sets,
    open_checklist,
    read_config,
    requests_so_far,
    write_config,
)
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from serve_built import SiteServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "docs" / "assets"
# Bytes, checklist.js and checklist.css gzipped, together: 6 KB until the session summary
# (its rules, filling, print and copy: 2.3 KB) joined them.
SIZE_BUDGET = 7 * 1024
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


TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def live_text(root: Locator) -> str:
    return root.locator("[aria-live]").text_content() or ""


# What the result shows, in order, as the ids of rule 6 (checklists.blocks) or "safety".
SHOWN = """root => [...root.querySelector('[data-checklist-detail]').children].map(n =>
  n.hasAttribute('data-safety-result') ? 'safety'
  : n.hasAttribute('data-flag-note') ? 'note:' + n.getAttribute('data-flag-note')
  : n.hasAttribute('data-band') ? 'band:' + n.getAttribute('data-band')
  : n.hasAttribute('data-weakest') ? 'advice:' + n.getAttribute('data-weakest')
  : n.hasAttribute('data-weakest-note') ? 'weakest-note' : null).filter(Boolean)"""

# Sets the answers without clicking (the inputs' own state), fires the change event the script
# listens for, and reads what the page shows and says: many answer sets in one evaluation.
RESULTS_FOR = """([root, sets]) => sets.map(answers => {
  root.querySelectorAll('input[type=radio]').forEach(input => { input.checked = false; });
  for (const [id, value] of Object.entries(answers)) {
    root.querySelector(`[data-item="${id}"] input[value="${value}"]`).checked = true;
  }
  root.dispatchEvent(new Event('change', {bubbles: true}));
  return {shown: (""" + SHOWN + """)(root),
          said: root.querySelector('[data-checklist-live]').textContent,
          crisis: !root.querySelector('[data-crisis]').hidden};
})"""


def expected_view(checklist: Checklist, answers: dict[str, int]) -> dict[str, object]:
    """What the reference scorer says the page must show and announce for these answers."""
    result = checklists.score(checklist, answers)
    labels = checklist.labels
    if result.safety:
        return {"shown": ["safety"], "crisis": True, "said": " ".join([
            checklist.crisis.notice,
            labels["result_status"].format(band=checklist.safety_result.title)])}
    if result.band is None:
        return {"shown": [], "crisis": False, "said": labels["progress"].format(
            answered=result.answered, total=result.total)}
    said = [labels["result_status"].format(band=result.band.title)]
    if checklist.weakest and result.weakest:
        said.append(checklist.weakest.status.format(group=result.weakest.title))
    if checklist.weakest and result.also:
        said.append(checklist.weakest.also.format(groups=", ".join(g.title for g in result.also)))
    return {"shown": list(checklists.blocks(result)), "crisis": False, "said": " ".join(said)}


def answer_sets(checklist: Checklist) -> list[dict[str, int]]:
    """Every band edge, every flag answer, each serious answer beside a low area, partial
    answers, the safety answer beside every band, and random answers."""
    scored = checklist.scored_items
    values = [c.value for c in checklist.choices]
    edges = [answers_for(checklist, edge) for band in checklist.bands
             for edge in (band.low, band.high)]
    flags = flagged_sets(checklist)
    serious = [flagged | {scored[0].id: checklist.low_value} for flagged in flags]
    partial = [{item.id: values[-1] for item in scored[:n]} for n in (0, 1, len(scored) - 1)]
    safety = [answers | {checklist.safety_item.id: 1} for answers in edges]
    rng = random.Random(20261203)
    randoms = [{i.id: rng.choice(values) for i in scored} for _ in range(40)]
    return edges + flags + serious + partial + safety + randoms


@pytest.mark.parametrize("checklist_id", IDS)
def test_the_page_shows_and_says_what_the_reference_scorer_says(
        context: BrowserContext, page_url: str, definitions: dict[str, Checklist],
        checklist_id: str) -> None:
    """Band, named areas, notes and their order (rule 6), the live announcement and the crisis
    panel, for every answer set of answer_sets(), in one evaluation."""
    checklist = definitions[checklist_id]
    page, root = open_checklist(context, f"{page_url}{checklist_id}/", checklist_id)
    sets = answer_sets(checklist)
    got = page.evaluate(RESULTS_FOR, [root.element_handle(), sets])
    mismatches = [(answers, found, expected_view(checklist, answers))
                  for answers, found in zip(sets, got, strict=True)
                  if found != expected_view(checklist, answers)]
    assert not mismatches, mismatches[:3]
    results = [checklists.score(checklist, answers) for answers in sets]
    assert {r.band.id for r in results if r.band} == {b.id for b in checklist.bands}
    assert sum(r.band != r.score_band for r in results if r.band) >= len(checklist.flagged_items)
    if checklist.weakest:  # serious notes really came first, and the advice really left
        assert any(r.serious for r in results) and any(
            not r.serious and r.weakest for r in results if r.band)


# --- Driven by real clicks: the cases the safety round is about -------------------------------

def test_crossed_lines_and_feeling_safe_by_clicks(context: BrowserContext, page_url: str,
                                                  definitions: dict[str, Checklist]) -> None:
    """A crossed line ("A little" is enough) and feeling safe only "Partly" each rule out the top
    band; the note comes first, links to "When something is not OK" and no advice to raise it
    with the therapist shows; "Mostly" safe with no crossed line gives the top band."""
    checklist = definitions["bond-check"]
    _page, root = open_checklist(context, f"{page_url}bond-check/", "bond-check")
    best = {i.id: (0 if i.reverse else 4) for i in checklist.scored_items}
    answer(root, best | {"harm-thoughts": 0, "bond-lines": 1})
    detail = root.locator("[data-checklist-detail]")
    assert root.evaluate(SHOWN) == ["note:bond-lines", "band:mixed"]
    first = detail.locator(":scope > *").first
    expect(first.locator("a")).to_have_attribute("href", "../when-something-is-not-ok/")
    expect(detail.locator("[data-weakest], [data-weakest-note]")).to_have_count(0)
    bond = next(g for g in checklist.groups if g.id == "bond")
    assert bond.title in live_text(root)
    answer(root, {"bond-lines": 0, "bond-safe": 2})
    assert root.evaluate(SHOWN) == ["note:bond-safe", "band:mixed"]
    answer(root, {"bond-safe": 3})
    assert root.evaluate(SHOWN)[0] == "band:strong"
    expect(detail).to_contain_text(checklist.bands[-1].text)


def test_two_weeks_of_low_mood_by_clicks(context: BrowserContext, page_url: str,
                                         definitions: dict[str, Checklist]) -> None:
    checklist = definitions["is-therapy-right-for-me"]
    _page, root = open_checklist(context, f"{page_url}{checklist.id}/", checklist.id)
    no = {item.id: 0 for item in checklist.items}
    answer(root, no)
    assert root.evaluate(SHOWN) == ["band:few-signs"]
    answer(root, {"two-weeks": 1})
    assert root.evaluate(SHOWN) == ["band:some-signs", "note:two-weeks"]
    assert checklist.bands[0].title not in live_text(root)


@pytest.mark.parametrize("checklist_id", IDS)
def test_safety_yes_shows_crisis_lines_at_once_and_replaces_every_result(
        browser: Browser, page_url: str, definitions: dict[str, Checklist],
        checklist_id: str) -> None:
    """By clicks: help at once, before any other answer; then whatever else is answered nothing
    reassuring shows, on screen, in the copied answers or in print; No brings the result back."""
    checklist = definitions[checklist_id]
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page, root = open_checklist(context, f"{page_url}{checklist_id}/", checklist_id)
    crisis = root.locator("[data-crisis]")
    expect(crisis).to_be_hidden()
    root.locator("input[data-safety]").check()
    expect(crisis).to_be_visible()
    expect(crisis.locator("a[href^='tel:']").first).to_be_visible()
    said = expected_view(checklist, {checklist.safety_item.id: 1})["said"]
    assert live_text(root) == said
    best = answers_for(checklist, checklist.bands[-1].high)
    answer(root, best)
    assert live_text(root) == said and root.evaluate(SHOWN) == ["safety"]
    reassuring = [t for band in checklist.bands for t in (band.title, band.text)]
    if checklist.weakest:
        reassuring += [checklist.weakest.note] + [g.if_weakest.text for g in checklist.groups
                                                  if g.if_weakest]
    shown = root.locator("[data-checklist-detail]").inner_text()
    assert checklist.safety_result.text in shown and checklist.not_diagnosis in shown
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-checklist-copy-status]")).not_to_be_empty()
    copied = page.evaluate("window.__copied")[-1]
    assert said in copied
    page.emulate_media(media="print")
    printed = root.inner_text()
    page.emulate_media(media="screen")
    for text in reassuring:
        assert text not in shown and text not in copied and text not in printed, text
    root.locator(f'[data-item="{checklist.safety_item.id}"] input[value="0"]').check()
    expect(crisis).to_be_hidden()
    assert root.evaluate(SHOWN)[0] == "band:" + checklist.bands[-1].id
    context.close()


@pytest.mark.parametrize("checklist_id", IDS)
def test_without_javascript_the_guidance_leads_with_the_safety_result(
        browser: Browser, page_url: str, definitions: dict[str, Checklist],
        checklist_id: str) -> None:
    """The guidance every reader without JavaScript sees: the safety result first, then the
    serious notes (before any band, as in the live result), then the bands."""
    checklist = definitions[checklist_id]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{page_url}{checklist_id}/")
    order = page.locator(f'[data-checklist="{checklist_id}"] [data-checklist-guidance]').evaluate(
        """g => [...g.querySelectorAll('[data-safety-result], [data-band], [data-flag-note]')]
           .map(n => n.hasAttribute('data-band') ? 'band' : n.hasAttribute('data-serious')
                ? 'serious' : n.hasAttribute('data-flag-note') ? 'note' : 'safety')""")
    serious = [i for i in checklist.flagged_items if i.flag and i.flag.note and i.flag.serious]
    notes = [i for i in checklist.flagged_items if i.flag and i.flag.note and not i.flag.serious]
    assert order == (["safety"] + ["serious"] * len(serious) + ["band"] * len(checklist.bands)
                     + ["note"] * len(notes))
    first = page.locator("[data-checklist-guidance] [data-safety-result]")
    expect(first).to_contain_text(checklist.safety_result.when)
    expect(first).to_contain_text(checklist.safety_result.title)
    context.close()


# --- Keyboard only ----------------------------------------------------------------------------

def _focused(page: Page) -> dict[str, str]:
    """The focused element, and whether the sticky header covers any of it (WCAG 2.2 focus not
    obscured)."""
    return page.evaluate("""() => { const e = document.activeElement;
      const header = document.querySelector('.md-header').getBoundingClientRect();
      return {tag: e.tagName, type: e.type || '', name: e.name || '',
              copy: e.hasAttribute('data-checklist-copy') ? 'yes' : '',
              inside: e.closest('[data-checklist]') ? 'yes' : '',
              under_header: e.getBoundingClientRect().top < header.bottom ? 'yes' : ''}; }""")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720},
                                      {"width": 390, "height": 844}], ids=["desktop", "phone"])
@pytest.mark.parametrize("checklist_id", IDS)
def test_keyboard_alone_answers_everything_and_copies(browser: Browser, page_url: str,
                                                      definitions: dict[str, Checklist],
                                                      checklist_id: str,
                                                      viewport: dict[str, int]) -> None:
    """Tab and Space reach and answer every statement, never under the sticky header (which is
    two rows on a phone), and Enter copies the answers."""
    checklist = definitions[checklist_id]
    context = browser.new_context(viewport=viewport)
    context.add_init_script(RECORD_CLIPBOARD)
    page, root = open_checklist(context, f"{page_url}{checklist_id}/", checklist_id)
    answered: dict[str, int] = {}
    for _ in range(400):
        focus = _focused(page)
        if focus["copy"]:
            break
        if focus["inside"] and focus["type"] == "radio" and focus["name"] not in answered:
            assert not focus["under_header"], f"the header covers the focused {focus['name']}"
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
    # Back up through every statement with Shift+Tab: each one scrolls into view below the
    # header, not under it.
    for _ in range(3 * len(checklist.items)):
        page.keyboard.press("Shift+Tab")
        focus = _focused(page)
        if not focus["inside"]:
            break
        assert not focus["under_header"], f"the header covers the focused {focus['name']}"
    page.locator("[data-checklist-copy]").focus()
    assert root.locator("input[type=radio]:checked").count() == len(checklist.items)
    expect(root.locator("[data-crisis]")).to_be_hidden()
    assert any(block.startswith("band:") for block in root.evaluate(SHOWN))
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
    # Material follows links instantly once it has read the sitemap (which pages are its own).
    with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(instant_site_url + "trust/", wait_until="load")
    sitemap.value.finished()
    page.evaluate(TWO_FRAMES)  # and has handled it
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
    _page, root = open_checklist(context, f"{page_url}bond-check/", "bond-check")
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-checklist-copy-status]")).to_have_text(
        definitions["bond-check"].labels["copy_failed"])
    context.close()


def test_running_the_script_again_binds_nothing_twice(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page, root = open_checklist(context, f"{site_url}is-therapy-right-for-me/", "is-therapy-right-for-me")
    assert page.evaluate("typeof window.document$.subscribe") == "function"
    page.add_script_tag(url=f"{site_url}assets/checklist.js")
    root.locator("[data-checklist-copy]").click()
    expect(root.locator("[data-checklist-copy-status]")).not_to_be_empty()
    assert len(page.evaluate("window.__copied")) == 1
    context.close()


def test_print_shows_the_answers_and_the_result(context: BrowserContext, page_url: str,
                                                definitions: dict[str, Checklist]) -> None:
    checklist = definitions["is-therapy-right-for-me"]
    page, root = open_checklist(context, f"{page_url}{checklist.id}/", checklist.id)
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
    page, root = open_checklist(context, f"{site_url}{checklist_id}/", checklist_id)
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
    page.goto(f"{page_url}{checklist_id}/", wait_until="load")
    root = page.locator(f'[data-checklist="{checklist_id}"]')
    expect(root).to_have_attribute("data-checklist-ready", "")
    origin = urlsplit(page_url).netloc
    loaded = len(requests_so_far(page, requests))
    assert [u for u in requests if urlsplit(u).netloc != origin] == []
    storage = "[localStorage.length, sessionStorage.length, document.cookie]"
    before = page.evaluate(storage)
    root.locator("input[data-safety]").check()
    answer(root, answers_for(checklist, checklist.bands[0].high))
    root.locator("[data-checklist-copy]").click()
    root.locator("[data-checklist-guidance] summary").click()
    expect(root.locator("[data-checklist-copy-status]")).not_to_be_empty()
    assert requests_so_far(page, requests)[loaded:] == [], "answering made requests"
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


# --- Size budget and what the script may use --------------------------------------------------

def test_script_and_styles_fit_the_size_budget() -> None:
    sizes = {name: len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=9))
             for name in ("checklist.js", "checklist.css")}
    assert sum(sizes.values()) <= SIZE_BUDGET, sizes
