"""The quick exit ("Exit this page") in Chromium, on a 390 px phone: visible without scrolling
beside "Get help now" with the site's name readable; the button and three Shift presses cover
the page at once and replace it with the everyday site; without JavaScript it is a plain link;
the skip link reaches it; nothing is requested from the everyday site before it is used."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT
from helpers import read_config
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
UI = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
PAGES = ["get-help-now/", "when-something-is-not-ok/", "bond-check/", "is-therapy-right-for-me/"]


def _exit_url(lang: str) -> str:
    config = read_config()
    if lang == "en":
        return str(config["extra"]["quick_exit"])
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return str(next(la for la in i18n["languages"] if la["locale"] == lang)["extra"]["quick_exit"])


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A phone whose requests to the everyday sites get a small stand-in page (no network)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    for lang in ("en", "es"):
        host = urlsplit(_exit_url(lang)).netloc
        context.route(f"https://{host}/**", lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>"))
    yield context
    context.close()


def _open(context: BrowserContext, url: str) -> tuple[Page, list[str]]:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    expect(page.locator("[data-module~='quick-exit']")).to_have_attribute(
        "data-module-started", "quick-exit")
    return page, requests


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_the_exit_and_help_are_in_view_on_a_phone_with_the_name_readable(
        phone: BrowserContext, site_url: str, path: str, lang: str) -> None:
    page = phone.new_page()
    page.goto(site_url + ("es/" if lang == "es" else "") + path, wait_until="load")
    exit_link = page.get_by_role("link", name=f"{UI[lang]['quick_exit_hidden']} {UI[lang]['quick_exit']}")
    help_link = page.locator(".md-header .help-now")
    boxes = [exit_link.bounding_box(), help_link.bounding_box()]
    for box in boxes:
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert box["height"] >= 24 and box["width"] >= 24, box
    exit_box, help_box = boxes
    assert exit_box is not None and help_box is not None
    assert exit_box["x"] >= help_box["x"] + help_box["width"] or (
        exit_box["y"] >= help_box["y"] + help_box["height"]), "the buttons overlap"
    name = page.locator(".md-header__topic .md-ellipsis").first
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the site's name is cut off"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_button_covers_the_page_at_once_and_replaces_it(phone: BrowserContext,
                                                            site_url: str, lang: str) -> None:
    target = _exit_url(lang)
    url = site_url + ("es/" if lang == "es" else "") + "when-something-is-not-ok/"
    page, requests = _open(phone, url)
    assert not [u for u in requests if urlsplit(u).netloc == urlsplit(target).netloc]
    history = page.evaluate("history.length")
    # Clicked from inside the page, so what it does before the next site loads can be read.
    covered = page.evaluate("""() => {
      document.querySelector('[data-quick-exit-link]').click();
      const overlay = document.querySelector('.quick-exit-overlay');
      const box = overlay && overlay.getBoundingClientRect();
      return {covers: !!overlay && !overlay.hidden && box.width >= innerWidth
                      && box.height >= innerHeight,
              title: document.title,
              said: document.querySelector('[data-quick-exit-status]').textContent};
    }""")
    assert covered == {"covers": True, "title": "", "said": UI[lang]["quick_exit_active"]}
    page.wait_for_url(target)
    assert page.evaluate("history.length") == history  # the page was replaced, not added to
    assert page.title() == "Weather"


def test_three_shift_presses_leave_and_other_keys_start_again(phone: BrowserContext,
                                                             site_url: str) -> None:
    page, _ = _open(phone, site_url + "get-help-now/")
    dots = page.locator("[data-quick-exit-dots]")
    status = page.locator("[data-quick-exit-status]")
    expect(dots).to_be_hidden()
    page.keyboard.press("Shift")
    expect(dots).to_be_visible()
    assert page.locator(".quick-exit__dot--on").count() == 1
    expect(status).to_have_text(UI["en"]["quick_exit_progress"].format(count=2))
    page.keyboard.press("Shift")
    expect(status).to_have_text(UI["en"]["quick_exit_progress_one"])
    page.keyboard.press("a")  # any other key starts again
    expect(dots).to_be_hidden()
    expect(status).to_have_text("")
    page.keyboard.press("Shift+A")  # Shift as part of a combination does not count
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.url.startswith(site_url)
    page.keyboard.press("Shift")
    page.wait_for_url(_exit_url("en"))


def test_without_javascript_it_is_a_plain_link(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title>"))
    page = context.new_page()
    page.goto(site_url + "bond-check/")
    link = page.locator("[data-quick-exit-link]")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == _exit_url("en")
    assert set((link.get_attribute("rel") or "").split()) == {"nofollow", "noreferrer"}
    link.click()
    page.wait_for_url(_exit_url("en"))
    context.close()


def test_the_skip_link_reaches_the_exit(phone: BrowserContext, site_url: str) -> None:
    page, _ = _open(phone, site_url + "get-help-now/")
    skip = page.locator(".quick-exit-skip")
    assert skip.get_attribute("href") == "#quick-exit"
    for _ in range(3):
        page.keyboard.press("Tab")
        if skip.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the skip link")
    expect(skip).to_be_visible()  # shown when focused
    expect(skip).to_have_text(UI["en"]["quick_exit_skip"])
    assert page.locator("#quick-exit").count() == 1


def test_pages_without_the_exit_keep_their_header_simple(phone: BrowserContext,
                                                         site_url: str) -> None:
    page = phone.new_page()
    page.goto(site_url + "trust/", wait_until="load")
    assert page.locator("[data-quick-exit-link], .quick-exit-skip").count() == 0
    box = page.locator(".md-header .help-now").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 120
