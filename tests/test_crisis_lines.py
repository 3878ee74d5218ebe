"""Crisis lines: the data file's numbers (star codes, regions without a verified emergency
number), the one tel: builder, the directory for other countries, the crisis pages, the
bilingual 404 page, and the private country choice in Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bondsite.crisis import (
    CHOICE_SCRIPT,
    every_line_always,
    load_crisis_data,
    parse_crisis_data,
    sms_href,
    tel_href,
)
from bondsite.errors import SiteDataError
from bondsite.templates import MODULES_SCRIPT
from bondsite.yamldata import parse_yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from helpers import WATCH_CSP, describe, requests_so_far, run_axe, soup
from playwright.sync_api import Browser, BrowserContext, Page

DATA = yaml.safe_load((ROOT / "data/crisis-lines.yml").read_text(encoding="utf-8"))
UI = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
DIRECTORY = "https://findahelpline.com/"
CHECKLIST_PAGES = ["bond-check", "is-therapy-right-for-me"]


def _region(code: str, emergency: str, number: str, checked: str = "2026-12-01",
            hours: str = "always") -> str:
    """A one-region crisis file with one line; the line's number is on line 8."""
    return (f"order: [{code}]\nregions:\n  {code}:\n    name: N\n    emergency: {emergency}\n"
            f"    lines:\n      - name: L\n        number: {number}\n        hours: {hours}\n"
            f"        note: n\n    checked: {checked}\n")


# The data and the tel: builder -----------------------------------------------------------------

@pytest.mark.parametrize(("written", "dialled"), [
    ("116 123", "tel:116123"), ("*4141", "tel:*4141"), ("(011) 5275-1135", "tel:01152751135"),
    ("0800 999 0091", "tel:08009990091"), ("+44 20 7946 0991", "tel:+442079460991"),
])
def test_numbers_dial_as_written_star_codes_included(written: str, dialled: str) -> None:
    assert tel_href(written) == dialled
    data = parse_crisis_data(parse_yaml(_region("CL", "[]", f'"{written}"'), "c.yml"), "c.yml")
    assert data.regions["CL"].lines[0].tel == dialled


@pytest.mark.parametrize("junk", [
    "call me", "4141*", "*41*41", "**4141", "*", "tel:988", "12a", "javascript:alert(1)",
    "(011 5275", "1", "112; 999", "", "+", "0800--999",
])
def test_junk_numbers_are_rejected_with_file_and_line(junk: str) -> None:
    with pytest.raises(SiteDataError) as caught:
        parse_crisis_data(parse_yaml(_region("CL", "[]", f'"{junk}"'), "c.yml"), "c.yml")
    assert str(caught.value).startswith("c.yml:8: ") and "not a phone number" in str(caught.value)
    assert '"*4141"' in caught.value.fix
    with pytest.raises(ValueError):
        tel_href(junk)


def test_a_junk_emergency_number_names_its_own_line() -> None:
    text = _region("MX", '\n      - "911"\n      - "9x1"', '"800 911 2000"')
    with pytest.raises(SiteDataError, match=r"^c\.yml:7: '9x1' is not a phone number"):
        parse_crisis_data(parse_yaml(text, "c.yml"), "c.yml")


def test_a_region_may_have_no_verified_emergency_number_but_must_say_so() -> None:
    data = parse_crisis_data(parse_yaml(_region("CL", "[]", '"*4141"'), "c.yml"), "c.yml")
    assert data.regions["CL"].emergency == () and data.regions["CL"].emergency_tels == ()
    missing = _region("CL", "[]", '"*4141"').replace("    emergency: []\n", "")
    with pytest.raises(SiteDataError, match=r"^c\.yml:4: region CL needs its emergency") as caught:
        parse_crisis_data(parse_yaml(missing, "c.yml"), "c.yml")
    assert "emergency: []" in caught.value.fix


def test_the_latin_american_lines_are_the_verified_ones() -> None:
    """The numbers and hours checked this round (sources in the data file's comments)."""
    data = load_crisis_data(ROOT / "data/crisis-lines.yml", lang="es")
    mx, co, ar, cl, pe = (data.regions[code] for code in ("MX", "CO", "AR", "CL", "PE"))
    assert mx.name == "México" and mx.emergency_tels == (("911", "tel:911"),)
    assert [line.tel for line in mx.lines] == ["tel:8009112000"]
    assert [(n.number, n.name) for n in cl.emergency] == [("131", "ambulancia"),
                                                          ("133", "Carabineros")]
    assert [line.tel for line in cl.lines] == ["tel:*4141", "tel:6003607777"]
    assert "celulares" in cl.lines[0].note and "fijo" not in cl.lines[0].note  # mobiles only
    assert [n.number for n in ar.emergency] == ["911", "107"]
    assert [line.tel for line in ar.lines] == ["tel:08009990091", "tel:135", "tel:01152751135"]
    assert [line.always for line in ar.lines] == [True, False, False]
    assert ar.lines[1].hours == "Todos los días de 8 a 24 h"
    assert [n.number for n in co.emergency] == ["123"]
    assert [n.number for n in pe.emergency] == ["105", "106", "116"]
    assert [line.tel for line in pe.lines] == ["tel:113"] and "opción 5" in pe.lines[0].note
    spain = data.regions["ES"]
    assert [line.tel for line in spain.lines] == ["tel:024", "tel:717003717"]
    assert all(region.checked >= dt.date(2026, 12, 3) for region in data.regions.values())


def test_spanish_help_in_the_us_and_the_nhs_mental_health_option() -> None:
    data = load_crisis_data(ROOT / "data/crisis-lines.yml", lang="en")
    us = data.regions["US"].lines[0]
    assert us.tel == "tel:988" and us.sms == "sms:988"
    assert "press 2" in us.note and "AYUDA" in us.note and "ASL" in us.note
    nhs = next(line for line in data.regions["GB"].lines if line.number == "111")
    assert "mental health option" in nhs.note and nhs.always
    texts = [line.sms for region in data.regions.values() for line in region.lines if line.sms]
    assert texts == ["sms:988", "sms:85258", "sms:50808"]


def test_hours_come_from_the_data_and_no_list_promises_what_its_lines_do_not() -> None:
    data = load_crisis_data(ROOT / "data/crisis-lines.yml")
    assert not every_line_always(data.ordered())  # Argentina's 135 closes at night
    assert every_line_always([data.regions["US"], data.regions["GB"]])
    eu = data.regions["EU"].lines[0]
    assert not eu.always and "differ" in (eu.hours or "")
    with pytest.raises(SiteDataError, match=r"^c\.yml:7: a crisis line has no `hours`"):
        parse_crisis_data(parse_yaml(_region("CL", "[]", '"*4141"').replace(
            "        hours: always\n", ""), "c.yml"), "c.yml")


@pytest.mark.parametrize(("checked", "expected"), [
    ("2026-12-01", None), ("2026-07-10", None), ("2026-07-01", "notice"),
    ("2026-06-03", "notice"), ("2026-06-02", "error"), ("2025-12-01", "error")])
def test_crisis_numbers_are_checked_again_within_six_months(checked: str,
                                                            expected: str | None) -> None:
    """In the 30 days before six months from `checked` the build says so; after that it fails
    and names the region's line (here on 2026-12-03: due 2026-12-02 has passed; due today or
    within 30 days is a notice)."""
    data = parse_crisis_data(parse_yaml(_region("CL", "[]", '"*4141"', checked=checked),
                                        "c.yml"), "c.yml")
    today = dt.date(2026, 12, 3)
    if expected == "error":
        with pytest.raises(SiteDataError, match=r"^c\.yml:3: checking the numbers of region CL"
                                                r" was due on") as caught:
            data.review_notices("c.yml", today)
        assert "set its `checked:` to today" in caught.value.fix
    else:
        notices = data.review_notices("c.yml", today)
        assert (notices != []) == (expected == "notice"), notices
        assert all(n.startswith("review due soon: c.yml:3: ") for n in notices)


def test_the_eu_line_is_in_many_countries_not_all_in_both_languages() -> None:
    for lang, many in [("en", "many EU countries"), ("es", "muchos países de la UE")]:
        note = load_crisis_data(ROOT / "data/crisis-lines.yml", lang=lang).regions["EU"].lines[0].note
        assert many in note and "across the EU" not in note, note


@pytest.mark.parametrize("scheme", ["tel", "sms"])
def test_phone_links_are_built_in_one_place(scheme: str) -> None:
    """Every tel: and sms: link comes from bondsite.crisis (tel_href, sms_href)."""
    sources = [*sorted((ROOT / "hooks").rglob("*.py")), *sorted((ROOT / "overrides").rglob("*.html"))]
    assert len(sources) >= 10
    builders = [f"{path.relative_to(ROOT)}:{number}"
                for path in sources
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if re.search(rf"""["']{scheme}:["']|f["']{scheme}:|{scheme}:\{{""", line)]
    lines = (ROOT / "hooks/bondsite/crisis.py").read_text(encoding="utf-8").splitlines()
    own = next(i for i, line in enumerate(lines, 1) if f'"{scheme}:" +' in line)
    assert builders == [f"hooks/bondsite/crisis.py:{own}"], builders
    assert sms_href("85258") == "sms:85258"
    with pytest.raises(ValueError):
        sms_href("*4141")


# The built pages -------------------------------------------------------------------------------

def _help_page(site: Path, lang: str) -> Path:
    return site / ("es/" if lang == "es" else "") / "get-help-now" / "index.html"


def test_a_region_without_an_emergency_number_says_call_the_local_one(env: object) -> None:
    """`emergency: []` (no number verified) renders advice instead of a button."""
    data = parse_crisis_data(parse_yaml(_region("CL", "[]", '"*4141"'), "c.yml"), "c.yml")
    html = env.get_template("partials/crisis-lines.html").render(  # type: ignore[attr-defined]
        regions=data.ordered(), ui=UI["es"])
    first = BeautifulSoup(html, "html.parser").select_one(".crisis-region[data-region=CL] li")
    assert "crisis-line--emergency" in first["class"] and not first.select("a[href]"), first
    assert UI["es"]["emergency_local"] in first.get_text(" ", strip=True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_line_reads_as_name_buttons_then_hours_and_note(built_site: Path, lang: str) -> None:
    """On the crisis page every line is its name, its call/text buttons and then its hours
    and note, never a button inside a sentence; the opening sentence promises 24-hour help only
    if every line listed gives it (Argentina's 135 does not)."""
    page = soup(_help_page(built_site, lang))
    crisis_list = page.select_one("article [data-crisis-lines]")
    assert crisis_list.select_one("[data-crisis-hours]").get_text(strip=True) == UI[lang]["hours_each"]
    lines = crisis_list.select("li.crisis-line")
    data = load_crisis_data(ROOT / "data/crisis-lines.yml", lang=lang)
    assert len(lines) == sum(1 + len(r.lines) for r in data.regions.values())
    for line in lines:
        parts = [child for child in line.children if getattr(child, "name", None)]
        assert [c["class"][0] for c in parts][:2] == ["crisis-line__name", "crisis-line__actions"] \
            or [c["class"][0] for c in parts] == ["crisis-line__name", "crisis-line__note"], line
        assert not line.select(".crisis-line__note a, .crisis-line__name a"), line
    argentina = crisis_list.select("[data-region=AR] .crisis-line__hours")
    assert [h.get_text(strip=True) for h in argentina] == [
        UI[lang]["hours_always"], *[r.hours + "." for r in data.regions["AR"].lines[1:]]]
    chile = crisis_list.select("[data-region=CL] a[href^='tel:']")
    assert [a["href"] for a in chile] == ["tel:131", "tel:133", "tel:*4141", "tel:6003607777"]
    assert chile[2].get_text(strip=True).endswith("*4141")
    texts = crisis_list.select("a[href^='sms:']")
    assert [a["href"] for a in texts] == ["sms:988", "sms:85258", "sms:50808"]
    assert all(a.get_text(strip=True).startswith(UI[lang]["text"]) for a in texts)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_crisis_list_links_the_directory_for_other_countries(built_site: Path,
                                                                   lang: str) -> None:
    prefix = "es/" if lang == "es" else ""
    checked = 0
    for name in ["get-help-now", *CHECKLIST_PAGES]:
        page = soup(built_site / prefix / name / "index.html")
        lists = page.select("article [data-crisis-lines]")
        assert lists, name
        for block in lists:
            links = block.select(f"a[href='{DIRECTORY}']")
            assert len(links) == 1, name
            assert links[0]["hreflang"] == "en" and links[0].get_text(strip=True) == "Find A Helpline"
            text = links[0].parent.get_text(" ", strip=True)
            assert ("(en inglés)" in text) == (lang == "es"), text
            assert "130" in text and "ThroughLine" in text
            checked += 1
        if name == "get-help-now":  # and the page's own "not listed" advice links it
            assert len(page.select(f"article a[href='{DIRECTORY}']")) == 2
    assert checked == 1 + len(CHECKLIST_PAGES)


@pytest.mark.parametrize(("lang", "emergency", "overdose", "day_or_night", "some"), [
    ("en", "emergency number", "overdose", r"day (?:or|and) night", "Many lines"),
    ("es", "número de emergencias", "sobredosis", r"de día [oy] de noche", "Muchas de las líneas"),
])
def test_the_crisis_page_starts_with_the_emergency_number(built_site: Path, lang: str,
                                                          emergency: str, overdose: str,
                                                          day_or_night: str, some: str) -> None:
    """Emergency first, the overdose advice, and no promise that every line answers day and
    night (not every listed line does: the list says each line's hours)."""
    article = soup(_help_page(built_site, lang)).select_one("article")
    crisis_list = article.select_one("[data-crisis-lines]")
    before = [p.get_text(" ", strip=True) for p in crisis_list.find_all_previous("p")
              if p.find_parent("article") is article][::-1]
    assert emergency in before[0], before
    promises = [sentence for text in before for sentence in re.split(r"(?<=\.) ", text)
                if re.search(day_or_night, sentence)]
    assert promises and all(sentence.startswith(some) for sentence in promises), promises
    assert any(overdose in text and emergency in text for text in before), before
    steps = article.select("ol > li")
    assert emergency in steps[0].get_text(" ", strip=True)
    text = article.get_text(" ", strip=True)
    assert "search online" not in text and "busca en internet" not in text
    assert "tú u otra persona pueden" not in text


# The bilingual 404 page ------------------------------------------------------------------------

def test_the_root_404_page_speaks_english_then_spanish(built_site: Path, site_prefix: str) -> None:
    page = soup(built_site / "404.html")
    assert page.html["lang"] == "en"
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == UI["en"]["not_found_title"]
    spanish = article.select("section[lang=es]")
    assert len(spanish) == 1
    assert spanish[0].find_previous("h1") is article.h1  # English first
    words = spanish[0].get_text(" ", strip=True)
    for key in ("not_found_title", "not_found_text", "go_home", "help_in_crisis"):
        assert UI["es"][key] in words, key
        assert UI["en"][key] not in words, key
    links = {a.get_text(strip=True): a["href"] for a in spanish[0].select("a[href]")}
    assert len(links) == 2
    for link in links.values():
        resolved = urlsplit(urljoin("https://host" + site_prefix + "es/a/b/missing", link)).path
        assert resolved.startswith(site_prefix + "es/"), link
        assert (built_site / resolved[len(site_prefix):] / "index.html").is_file(), link
    assert links[UI["es"]["help_in_crisis"]] == site_prefix + "es/get-help-now/"
    english = {a.get_text(strip=True): a["href"] for a in article.select("a[href]")
               if not a.find_parent("section")}
    assert english == {UI["en"]["go_home"]: site_prefix,
                       UI["en"]["help_in_crisis"]: site_prefix + "get-help-now/"}
    assert page.select_one('meta[http-equiv="Content-Security-Policy"]') is not None
    assert UI["es"]["not_found_title"] in page.title.get_text()


def test_the_spanish_404_copy_stays_spanish_only(built_site: Path, site_prefix: str) -> None:
    page = soup(built_site / "es" / "404.html")
    assert page.html["lang"] == "es" and not page.select("article section[lang]")
    assert page.select_one("article h1").get_text(strip=True) == UI["es"]["not_found_title"]
    home = page.find("a", string=UI["es"]["go_home"])
    assert home["href"] == site_prefix + "es/"


# The country choice, in Chromium -----------------------------------------------------------------

def _open(browser: Browser, url: str, **options: object) -> tuple[BrowserContext, Page, list[str]]:
    context = browser.new_context(**options)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")  # the page's scripts have run
    return context, page, requests


def _order(page: Page, root: int = 0) -> list[str]:
    return page.locator("[data-crisis-lines]").nth(root).locator(":scope > [data-region]").evaluate_all(
        "sections => sections.map(s => s.dataset.region)")


STORAGE = "[Object.entries(localStorage), Object.entries(sessionStorage), document.cookie]"
# Material keeps the palette the reader picked; nothing else may be kept.
MATERIAL_KEYS = re.compile(r"/\.__palette$")


def _nothing_kept(context: BrowserContext, page: Page, at_load: list[object]) -> None:
    """Storage as it was after loading (Material's palette key at most), no cookie, no CSP error."""
    kept = page.evaluate(STORAGE)
    assert kept == at_load, kept
    assert all(MATERIAL_KEYS.search(key) for key, _ in kept[0]) and kept[1:] == [[], ""], kept
    if "/embed/" in page.url:  # no Material script: nothing at all
        assert kept == [[], [], ""]
    assert context.cookies() == []
    assert page.evaluate("window.__cspViolations") == []


@pytest.mark.browser
def test_without_javascript_the_full_list_shows_in_the_default_order(browser: Browser,
                                                                     site_url: str) -> None:
    context, page, _ = _open(browser, site_url + "get-help-now/", java_script_enabled=False,
                             locale="es-MX")
    assert _order(page) == DATA["order"]
    context.close()
    context, page, _ = _open(browser, site_url + "es/get-help-now/", java_script_enabled=False,
                             locale="en-US")
    assert _order(page) == DATA["order_by_language"]["es"]
    assert page.locator("[data-crisis-choice]").is_hidden()
    assert page.locator("[data-crisis-lines] [data-region]").count() == len(DATA["order"])
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "first"), [("get-help-now/", "MX"), ("es/get-help-now/", "MX"),
                                             ("embed/es/bond-check/", "MX")])
def test_the_browser_language_region_comes_first(browser: Browser, site_url: str, path: str,
                                                 first: str) -> None:
    context, page, requests = _open(browser, site_url + path, locale="es-MX")
    at_load = page.evaluate(STORAGE)
    order = _order(page)
    assert order[0] == first and sorted(order) == sorted(DATA["order"])
    assert page.locator("[data-crisis-lines] select").first.input_value() == first
    assert all(urlsplit(url).netloc == urlsplit(site_url).netloc for url in requests), requests
    assert any(url.endswith(CHOICE_SCRIPT) for url in requests)
    if "bond-check" not in path:  # (the checklist's panel opens only on a yes)
        page.locator("[data-crisis-lines] select").first.select_option("US")
        assert _order(page)[0] == "US"
    _nothing_kept(context, page, at_load)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "locale", "first"), [
    ("es/get-help-now/", "es", DATA["order_by_language"]["es"]),  # Spain, then Latin America
    ("es/get-help-now/", "es-419", ["MX", "CO", "AR", "CL", "PE", "ES", "US", "GB", "IE", "EU"]),
    ("get-help-now/", "es-419", ["MX", "CO", "AR", "CL", "PE", "US", "GB", "IE", "EU", "ES"]),
    ("get-help-now/", "de-DE", ["EU", *[c for c in DATA["order"] if c != "EU"]]),
    ("get-help-now/", "ja-JP", DATA["order"]),  # no region for Japan: the page's own order
    ("get-help-now/", "zh-Hant-TW", DATA["order"]),
    ("es/get-help-now/", "es-AR", ["AR", *[c for c in DATA["order_by_language"]["es"] if c != "AR"]]),
])
def test_the_browser_language_picks_sensible_regions_first(browser: Browser, site_url: str,
                                                           path: str, locale: str,
                                                           first: list[str]) -> None:
    """A country code moves that country first; a wider area (es-419, an EU country without a
    region of its own) moves every region that covers it, in the page's order."""
    context, page, _ = _open(browser, site_url + path, locale=locale)
    assert _order(page) == first
    context.close()


@pytest.mark.browser
def test_choosing_a_country_by_keyboard_reorders_privately(browser: Browser, site_url: str) -> None:
    context, page, requests = _open(browser, site_url + "get-help-now/", locale="en-US")
    at_load = page.evaluate(STORAGE)
    choice = page.locator("[data-crisis-choice]")
    assert choice.is_visible() and choice.locator("label").is_visible()
    assert _order(page) == DATA["order"]
    select = choice.locator("select")
    for _ in range(60):  # reach the control with Tab alone
        page.keyboard.press("Tab")
        if select.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the country choice")
    seen_before = len(requests_so_far(page, requests))
    page.keyboard.press("End")  # the last region in the list
    assert _order(page)[0] == DATA["order"][-1]
    page.keyboard.press("Home")
    assert _order(page) == DATA["order"]
    select.select_option("CL")
    order = _order(page)
    assert order == ["CL", *[code for code in DATA["order"] if code != "CL"]]
    assert page.locator("[data-crisis-lines] > [data-region]").count() == len(DATA["order"])
    made = requests_so_far(page, requests)
    assert len(made) == seen_before, made[seen_before:]
    assert page.evaluate("location.hash") == "" and "?" not in page.url
    _nothing_kept(context, page, at_load)
    violations = run_axe(page)
    assert not violations, describe(violations)
    context.close()


@pytest.mark.browser
def test_the_embedded_crisis_page_keeps_its_height_when_the_choice_changes(
        browser: Browser, site_url: str) -> None:
    context, page, requests = _open(browser, site_url + "embed/es/get-help-now/", locale="es-AR")
    at_load = page.evaluate(STORAGE)
    assert _order(page)[0] == "AR"
    height = page.evaluate("document.documentElement.scrollHeight")
    seen_before = len(requests)
    for code in ["CL", "US", "ES", "MX"]:
        page.locator("[data-crisis-lines] select").select_option(code)
        assert _order(page)[0] == code
        assert page.evaluate("document.documentElement.scrollHeight") == height, code
    assert len(requests) == seen_before
    _nothing_kept(context, page, at_load)
    violations = run_axe(page)
    assert not violations, describe(violations)
    context.close()


@pytest.mark.browser
def test_each_checklist_panel_has_its_own_working_choice(browser: Browser, site_url: str) -> None:
    context, page, _ = _open(browser, site_url + "es/bond-check/", locale="es-CL")
    at_load = page.evaluate(STORAGE)
    panel = page.locator("[data-crisis]")
    assert panel.count() == 1
    assert _order(page)[0] == "CL"
    page.locator("[data-safety]").first.check()  # the panel opens
    select = panel.locator("[data-crisis-lines] select")
    assert select.is_visible()
    select.select_option("MX")
    assert _order(page)[0] == "MX"
    _nothing_kept(context, page, at_load)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("fixed", "first"), [(True, "GB"), (False, "MX")])
def test_a_clinics_region_stays_first_whatever_the_browser_language(
        browser: Browser, env: object, fixed: bool, first: str) -> None:
    """On a clinic's build (extra.region) the partial is marked fixed: the browser's language
    region does not move the clinic's region (GB here) from the front; the reader still may."""
    regions = load_crisis_data(ROOT / "data/crisis-lines.yml").ordered("GB")
    html = env.get_template("partials/crisis-lines.html").render(  # type: ignore[attr-defined]
        regions=regions, crisis_region_fixed=fixed)
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.set_content(f"<!doctype html><html lang='en'><body>{html}</body></html>")
    page.add_script_tag(path=str(ROOT / "docs" / MODULES_SCRIPT))
    page.add_script_tag(path=str(ROOT / "docs" / CHOICE_SCRIPT))
    assert _order(page)[0] == first
    page.locator("[data-crisis-lines] select").select_option("CL")
    assert _order(page)[0] == "CL"
    context.close()
