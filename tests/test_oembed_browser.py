"""oEmbed in Chromium, against a host page on another 127.0.0.1 port that behaves like
WordPress with an unknown provider: it reads our oEmbed file, keeps only the blockquote and
the iframe, sandboxes the iframe (`allow-scripts` only, so an opaque origin), adds a secret to
its address, keeps it hidden until a height message carries that secret, clamps the height to
200-1000 px, and follows a "link" message only for our own host while the frame has focus
(the rules of WordPress's wp-embed.js and wp_filter_oembed_result)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bondsite import oembed
from helpers import WATCH_CSP, describe, run_axe
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect
from serve_built import SiteServer

pytestmark = pytest.mark.browser

# The host's side, after WordPress: wp_filter_oembed_result (PHP) and wp-embed.js, in one script.
HOST_SCRIPT = r"""
window.__messages = []; window.__followed = [];
window.wpEmbed = function (html, secret, dataSecret) {
  // wp_filter_oembed_result: keep the blockquote (with its link) and the iframe, add the secret.
  const box = document.createElement('div');
  box.innerHTML = html;
  const quote = box.querySelector('blockquote'), frame = box.querySelector('iframe');
  const kept = ['src', 'width', 'height', 'frameborder', 'marginwidth', 'marginheight',
                'scrolling', 'title'];
  for (const name of frame.getAttributeNames()) if (!kept.includes(name)) frame.removeAttribute(name);
  frame.src = frame.getAttribute('src') + '#?secret=' + secret;
  frame.setAttribute('data-secret', dataSecret || secret);
  quote.setAttribute('data-secret', dataSecret || secret);
  quote.className = 'wp-embedded-content';
  frame.setAttribute('style', 'position: absolute; visibility: hidden;');
  frame.className = 'wp-embedded-content';
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('security', 'restricted');
  document.getElementById('post').append(quote, frame);
  frame.addEventListener('load', () => frame.contentWindow.postMessage(
    {message: 'ready', secret: dataSecret || secret}, '*'));
  return frame;
};
// wp-embed.js: window.wp.receiveEmbedMessage
window.addEventListener('message', function (e) {
  const data = e.data;
  if (!(data || data.secret || data.message || data.value) || /[^a-zA-Z0-9]/.test(data.secret)) return;
  const hidden = [...document.querySelectorAll('iframe')].map(f => f.hasAttribute('style'));
  window.__messages.push({message: data.message, value: data.value, secret: data.secret, hidden});
  const frames = document.querySelectorAll('iframe[data-secret="' + data.secret + '"]');
  const quotes = document.querySelectorAll('blockquote[data-secret="' + data.secret + '"]');
  for (const q of quotes) q.style.display = 'none';
  for (const source of frames) {
    if (e.source !== source.contentWindow) continue;
    source.removeAttribute('style');
    if (data.message === 'height') {
      let height = parseInt(data.value, 10);
      if (height > 1000) height = 1000; else if (~~height < 200) height = 200;
      source.height = height;
    } else if (data.message === 'link') {
      const from = new URL(source.getAttribute('src')), to = new URL(data.value);
      if (/^https?:$/i.test(to.protocol) && to.host === from.host && document.activeElement === source) {
        window.__followed.push(data.value);
        window.top.location.href = data.value;
      }
    }
  }
});
"""
HOST_PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A clinic's blog"
             "</title><meta name='viewport' content='width=device-width,initial-scale=1'>"
             "</head><body><h1>A post</h1><p><button id='elsewhere'>Elsewhere</button></p>"
             "<div id='post' style='width: 600px; position: relative'></div>"
             f"<script>{HOST_SCRIPT}</script></body></html>")
SECRET = "Ab3dE6gH9k"


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    folder = tmp_path_factory.mktemp("wordpress")
    (folder / "index.html").write_text(HOST_PAGE, encoding="utf-8")
    (folder / "404.html").write_text("<!doctype html><title>Not found</title>")
    (folder / "favicon.ico").write_bytes(b"")
    with SiteServer(folder) as server:
        yield server


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 900, "height": 800})
    ctx.add_init_script(WATCH_CSP)
    yield ctx
    ctx.close()


def _oembed_html(built_site: Path, page_path: str, site_url: str) -> tuple[str, dict]:
    """The oEmbed file's html, pointed at the local server instead of the configured address."""
    configured = json.loads((built_site / "feed.json").read_text("utf-8"))["site"]["url"]
    lang = "es" if page_path.startswith("es/") else "en"
    data = json.loads((built_site / oembed.json_path(page_path, lang)).read_text("utf-8"))
    assert configured in data["html"]
    return data["html"].replace(configured, site_url), data


def _embed(page: Page, html: str, secret: str = SECRET, data_secret: str | None = None) -> Frame:
    page.evaluate("([h, s, d]) => { window.wpEmbed(h, s, d); }", [html, secret, data_secret])
    frame = page.wait_for_selector("iframe", state="attached").content_frame()
    assert frame is not None
    frame.wait_for_load_state("load")
    return frame


def _watch(page: Page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    return problems


@pytest.mark.parametrize("page_path", ["trust/", "bond-check/", "es/trust/", "es/bond-check/", ""])
def test_a_wordpress_host_shows_the_card_at_its_height_and_follows_its_link(
        context: BrowserContext, host: SiteServer, site_url: str, built_site: Path,
        page_path: str) -> None:
    assert urlsplit(host.url).netloc != urlsplit(site_url).netloc
    page = context.new_page()
    problems = _watch(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(host.url, wait_until="load")
    html, data = _oembed_html(built_site, page_path, site_url)
    frame = _embed(page, html)
    iframe = page.locator("iframe")
    page.wait_for_function("!document.querySelector('iframe').hasAttribute('style')")
    assert data["height"] == oembed.HEIGHT and data["width"] == oembed.WIDTH
    expect(page.locator("blockquote")).to_be_hidden()
    messages = page.evaluate("window.__messages")
    heights = [m for m in messages if m["message"] == "height"]
    assert heights and all(m["secret"] == SECRET for m in heights)
    assert heights[0]["hidden"] == [True], "the frame showed before its height message"
    assert [m for m in messages if m["message"] != "height"] == []
    # The card, sandboxed: an opaque origin, as tall as its content at every width (within
    # WordPress's 200-1000 clamp), with nothing cut off or scrolling sideways.
    assert frame.evaluate("self.origin") == "null"
    for width in (600, 375, 320):
        iframe.evaluate("(f, w) => { f.width = w; }", width)
        frame.wait_for_function("w => innerWidth === w", arg=width)
        posted = frame.evaluate("Math.ceil(document.querySelector('[data-card-root]')"
                                ".getBoundingClientRect().height)")
        expected_height = max(200, min(1000, posted))
        page.wait_for_function("h => +document.querySelector('iframe').height === h",
                               arg=expected_height)
        # Snug: the frame ends within 40 px of where the card's text and buttons end.
        content = frame.evaluate("Math.ceil([...document.querySelector('[data-card-root]')"
                                 ".children].pop().getBoundingClientRect().bottom)")
        assert abs(max(200, content) - expected_height) <= 40, (width, content, expected_height)
        assert frame.evaluate("document.documentElement.scrollHeight") <= expected_height, width
        assert frame.evaluate("document.documentElement.scrollWidth") <= width, width
    iframe.evaluate("f => { f.width = 600; }")
    expect(frame.locator("h1")).to_be_visible()
    assert frame.evaluate("window.__cspViolations") == []
    assert context.storage_state()["origins"] == [] and context.cookies() == []
    # A click on "read" asks the host to open our page, and the host (focused frame) does.
    expected = site_url + page_path
    with page.expect_navigation(url=expected):
        frame.locator("[data-card-read]").click()
    assert page.url == expected
    assert problems == [], problems
    hosts = {urlsplit(u).netloc for u in requests}
    assert hosts == {urlsplit(site_url).netloc, urlsplit(host.url).netloc}, hosts


@pytest.mark.parametrize("page_path", ["bond-check/", "es/trust/"])
def test_classic_markup_fits_a_375_px_phone_without_scrolling_sideways(
        browser: Browser, host: SiteServer, site_url: str, built_site: Path,
        page_path: str) -> None:
    """WordPress's Classic editor puts the oEmbed markup in a post as it is; on a phone the
    post's column is the screen's width, and the card's frame must fit in it."""
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True)
    page = context.new_page()
    page.goto(host.url + "?classic", wait_until="load")
    page.evaluate("document.getElementById('post').style.width = 'auto'")
    html, _ = _oembed_html(built_site, page_path, site_url)
    frame = _embed(page, html)
    page.wait_for_function("!document.querySelector('iframe').hasAttribute('style')")
    assert page.locator("iframe").get_attribute("width") == "100%"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert frame.evaluate("innerWidth") <= 375
    assert frame.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


def test_the_link_message_carries_our_address_and_is_followed_only_while_focused(
        context: BrowserContext, host: SiteServer, site_url: str, built_site: Path) -> None:
    page = context.new_page()
    problems = _watch(page)
    page.goto(host.url, wait_until="load")
    html, _ = _oembed_html(built_site, "es/bond-check/", site_url)
    frame = _embed(page, html)
    page.wait_for_function("!document.querySelector('iframe').hasAttribute('style')")
    help_link = frame.locator("[data-card-help]")
    expect(help_link).to_have_text("Pide ayuda ahora")
    # The host navigates; a 204 answer leaves its page in place, so we can read what it recorded.
    page.route(site_url + "es/get-help-now/", lambda route: route.fulfill(status=204, body=""))
    help_link.click()
    page.wait_for_function("window.__messages.some(m => m.message === 'link')")
    link = next(m for m in page.evaluate("window.__messages") if m["message"] == "link")
    assert link == {"message": "link", "value": site_url + "es/get-help-now/", "secret": SECRET,
                    "hidden": [False]}
    assert page.evaluate("window.__followed") == [site_url + "es/get-help-now/"]
    # The same message while the reader is elsewhere on the host's page is not followed.
    page.locator("#elsewhere").focus()
    frame.evaluate("s => parent.postMessage({message: 'link', value: location.href, secret: s},"
                   " '*')", SECRET)
    page.wait_for_function("window.__messages.filter(m => m.message === 'link').length === 2")
    assert len(page.evaluate("window.__followed")) == 1
    assert problems == [], problems


def test_a_wrong_secret_keeps_the_frame_hidden(context: BrowserContext, host: SiteServer,
                                               site_url: str, built_site: Path) -> None:
    """The host knows the frame by `data-secret`; a frame posting any other secret stays hidden."""
    page = context.new_page()
    page.goto(host.url, wait_until="load")
    html, _ = _oembed_html(built_site, "trust/", site_url)
    frame = _embed(page, html, secret=SECRET, data_secret="Zz9Yy8Xx7W")
    # The host handles each message as it records it: after the first, the frame is still hidden.
    page.wait_for_function("window.__messages.length > 0")
    assert page.locator("iframe").get_attribute("style") == "position: absolute; visibility: hidden;"
    assert {m["secret"] for m in page.evaluate("window.__messages")} == {SECRET}
    # Nor does the card answer a "ready" with the wrong secret, or from anyone but its parent.
    count = len(page.evaluate("window.__messages"))
    page.evaluate("document.querySelector('iframe').contentWindow.postMessage("
                  "{message: 'ready', secret: 'Zz9Yy8Xx7W'}, '*')")
    frame.evaluate("window.postMessage({message: 'ready', secret: '" + SECRET + "'}, '*')")
    # Then two right ones: the card answers in turn, so had it answered a wrong one, there would
    # be more than two answers once the second right one is answered.
    for _ in range(2):
        page.evaluate("document.querySelector('iframe').contentWindow.postMessage("
                      "{message: 'ready', secret: '" + SECRET + "'}, '*')")
    page.wait_for_function(f"window.__messages.length >= {count + 2}")
    assert len(page.evaluate("window.__messages")) == count + 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_cards_pass_axe_and_work_unframed(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems = _watch(page)
    failures = {}
    for path in ["card/trust.html", "card/es/bond-check.html", "card/index.html"]:
        page.goto(site_url + path, wait_until="load")
        found = run_axe(page)
        if found:
            failures[path] = describe(found)
        assert page.evaluate("window.__cspViolations") == [], path
    assert failures == {}, failures
    assert context.storage_state()["origins"] == [] and context.cookies() == []
    # Opened on its own (no frame, no secret), the card's links are ordinary links.
    page.goto(site_url + "card/trust.html")
    with page.expect_navigation(url=site_url + "trust/"):
        page.locator("[data-card-read]").click()
    assert problems == []
    context.close()


FIXED_CARD_HEIGHT = 400  # what the clinics' page tells Squarespace and Wix users to set


def test_every_card_fits_the_fixed_height_the_clinics_page_gives(
        browser: Browser, site_url: str, built_site: Path) -> None:
    """Every card's content fits a fixed frame of 400 px, at 300 px wide (a phone's embed block)
    and at 600, as "Embed our pages" promises."""
    context = browser.new_context(viewport={"width": 300, "height": FIXED_CARD_HEIGHT})
    page = context.new_page()
    cards = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("card/**/*.html"))
    assert len(cards) >= 40
    too_tall = {}
    for width in (300, 600):
        page.set_viewport_size({"width": width, "height": FIXED_CARD_HEIGHT})
        for path in cards:
            page.goto(site_url + path, wait_until="load")
            height = page.evaluate("document.documentElement.scrollHeight")
            if height > FIXED_CARD_HEIGHT:
                too_tall[f"{path} at {width} px"] = height
    context.close()
    assert too_tall == {}
