"""Embedding in Chromium: a clinic's page on another origin frames the checklist twin with
embed.js, and the frame follows the content; messages from anywhere else are ignored; the
snippet generator works with and without JavaScript. (Every twin passes axe, loads nothing from
other hosts and breaks no CSP rule: the site walk in test_site_browser.py visits them.)"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from bondsite import embed
from helpers import RECORD_CLIPBOARD
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Route, expect
from serve_built import SiteServer

pytestmark = pytest.mark.browser

TWIN = "embed/bond-check/"
HEIGHT = "bond-embed:height"


@pytest.fixture(scope="module")
def other_origins(tmp_path_factory: pytest.TempPathFactory,
                  site_url: str) -> Iterator[tuple[SiteServer, SiteServer]]:
    """A clinic's site and a third, unrelated site, each on its own 127.0.0.1 port."""
    clinic_dir = tmp_path_factory.mktemp("clinic")
    code = embed.snippet(site_url + TWIN, "Is my therapy relationship working?",
                         site_url + embed.HOST_SCRIPT)
    (clinic_dir / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example clinic</title>'
        '</head><body><h1>Check in on your therapy</h1>\n' + code + "\n</body></html>")
    other_dir = tmp_path_factory.mktemp("other")
    (other_dir / "index.html").write_text("<!doctype html><title>Other</title><p>Other site</p>")
    for folder in (clinic_dir, other_dir):  # a clinic's site has an icon, and a 404 page
        (folder / "404.html").write_text("<!doctype html><title>Not found</title>")
        (folder / "favicon.ico").write_bytes(b"")
    with SiteServer(clinic_dir) as clinic_site, SiteServer(other_dir) as other_site:
        yield clinic_site, other_site


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(color_scheme="light", viewport={"width": 800, "height": 700})
    yield ctx
    ctx.close()


def _frame_height(page: Page) -> int:
    return int(page.evaluate("parseInt(document.querySelector('iframe').style.height, 10) || 0"))


def _content_height(frame: Frame) -> int:
    return int(frame.evaluate("Math.ceil(document.querySelector('[data-embed-root]')"
                              ".getBoundingClientRect().bottom + pageYOffset)"))


def _settled(page: Page, frame: Frame) -> int:
    """Wait until the iframe's height equals its content's height; return it."""
    page.wait_for_function("h => parseInt(document.querySelector('iframe').style.height) === h",
                           arg=_content_height(frame), timeout=5000)
    return _frame_height(page)


def _open_clinic(context: BrowserContext, clinic_url: str, site_url: str) -> tuple[Page, Frame]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(clinic_url, wait_until="load")
    frame = page.wait_for_selector("iframe").content_frame()
    assert frame is not None
    frame.wait_for_url(site_url + TWIN)
    expect(frame.locator("[data-checklist]")).to_have_attribute("data-checklist-ready", "")
    assert errors == []
    return page, frame


def test_the_frame_fits_the_content(
        context: BrowserContext, site_url: str,
        other_origins: tuple[SiteServer, SiteServer]) -> None:
    """The height it keeps whatever is answered: tests/test_embed_privacy_browser.py."""
    clinic_site, _ = other_origins
    assert urlsplit(clinic_site.url).netloc != urlsplit(site_url).netloc
    page, frame = _open_clinic(context, clinic_site.url, site_url)
    start = _settled(page, frame)
    assert start > 1000, "the frame kept the snippet's fixed height: embed.js did not size it"
    # Inside: the page's text and checklist, without the site's header, navigation or footer.
    assert frame.locator("header, nav, footer, .md-header, .md-sidebar, .md-footer, "
                         ".md-search, [data-md-component]").count() == 0
    assert frame.locator("article h1").inner_text().strip()
    assert frame.locator("[data-embed-attribution]").is_visible()
    # Opening the guidance (not an answer) grows the frame, which follows.
    frame.locator("[data-checklist-guidance] summary").click()
    assert _settled(page, frame) > start
    # The reader's view of the clinic's page does not scroll inside the frame.
    assert frame.evaluate("document.documentElement.scrollHeight <= innerHeight + 1")


def _received(page: Page, messages: list[str]) -> None:
    """Wait until the host's page has received each of these messages (as JSON), as often."""
    page.wait_for_function("""want => want.every(w => __got.filter(g => g === w).length >=
                                                     want.filter(x => x === w).length)""",
                           arg=messages)


def test_only_the_embed_frame_can_set_its_height(
        context: BrowserContext, site_url: str,
        other_origins: tuple[SiteServer, SiteServer]) -> None:
    clinic_site, other_site = other_origins
    page, frame = _open_clinic(context, clinic_site.url, site_url)
    height = _settled(page, frame)
    message = "h => ({type: '" + HEIGHT + "', height: h})"
    # The host's page records every message it receives, after embed.js has handled it (its
    # listener came first): the test waits for its own messages to arrive, never for a time.
    page.evaluate("window.__got = []; addEventListener('message', e => __got.push("
                  "JSON.stringify(e.data)));")
    valid = f'{{"type":"{HEIGHT}","height":321}}'
    # 1. The clinic's own page (wrong origin, wrong source).
    page.evaluate(f"postMessage(({message})(321), '*')")
    # 2. A frame from a third origin, with a perfectly formed message.
    # 3. A frame from our own origin that is not an embed page (right origin, wrong source).
    for url in [other_site.url, site_url + "trust/"]:
        page.evaluate("""url => new Promise(done => {
            const f = document.createElement('iframe'); f.src = url; f.onload = done;
            document.body.append(f); })""", url)
        intruder = page.frame(url=url)
        assert intruder is not None
        intruder.evaluate(f"parent.postMessage(({message})(321), '*')")
    # 4. Malformed messages from the real frame: wrong type, height not a number.
    frame.evaluate("""type => {
        parent.postMessage({type: 'other', height: 321}, '*');
        parent.postMessage({type: type, height: '321'}, '*');
        parent.postMessage({type: type, height: NaN}, '*');
        parent.postMessage(type + ' 321', '*'); }""", HEIGHT)
    _received(page, [valid] * 3 + ['{"type":"other","height":321}',
                                   f'{{"type":"{HEIGHT}","height":"321"}}',
                                   f'{{"type":"{HEIGHT}","height":null}}', f'"{HEIGHT} 321"'])
    assert _frame_height(page) == height, "a message that should be ignored changed the height"
    # The same message from the real frame is obeyed, and an absurd height is clamped.
    frame.evaluate(f"parent.postMessage(({message})(321), '*')")
    page.wait_for_function("parseInt(document.querySelector('iframe').style.height) === 321")
    frame.evaluate(f"parent.postMessage(({message})(1e9), '*')")
    page.wait_for_function("parseInt(document.querySelector('iframe').style.height) === 50000")
    frame.evaluate(f"parent.postMessage(({message})(-5), '*')")
    page.wait_for_function("parseInt(document.querySelector('iframe').style.height) === 100")
    # 5. The embed frame's own window after it navigated to another site (right source, wrong
    #    origin): a framed page that sends the reader elsewhere cannot resize the frame.
    frame.evaluate("url => { location.href = url; }", other_site.url)
    frame.wait_for_url(other_site.url)
    frame.evaluate(f"parent.postMessage(({message})(321), '*')")
    _received(page, [valid] * 5)  # three ignored, one obeyed, and this one
    assert _frame_height(page) == 100


def test_the_clinics_page_shows_no_console_message_in_20_loads(
        browser: Browser, site_url: str, other_origins: tuple[SiteServer, SiteServer]) -> None:
    """embed.js asks only frames that have loaded for their height: a lazy frame still on
    about:blank would answer with a postMessage warning in the clinic's console."""
    clinic_site, _ = other_origins
    context = browser.new_context()
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: messages.append(f"error: {e}"))
    for _ in range(20):
        page.goto(clinic_site.url, wait_until="load")
        page.wait_for_function("parseInt(document.querySelector('iframe').style.height) > 1000")
    assert messages == []
    context.close()


def test_a_frame_that_loaded_before_the_script_is_sized_too(
        context: BrowserContext, site_url: str,
        other_origins: tuple[SiteServer, SiteServer]) -> None:
    """embed.js asks frames that already posted their height (script added late) to repeat it."""
    page = context.new_page()
    page.goto(other_origins[1].url)
    page.evaluate("""url => new Promise(done => {
        const f = document.createElement('iframe'); f.src = url; f.onload = done;
        document.body.prepend(f); })""", site_url + TWIN)
    page.evaluate("""src => { const s = document.createElement('script'); s.src = src;
        document.body.append(s); }""", site_url + embed.HOST_SCRIPT)
    page.wait_for_function("parseInt(document.querySelector('iframe').style.height) > 1000")


def test_a_ping_while_the_twin_loads_gets_no_half_built_height(
        context: BrowserContext, site_url: str,
        other_origins: tuple[SiteServer, SiteServer]) -> None:
    """The twin posts its first height once it has loaded. A clinic's embed.js can ping the
    frame while the twin is still being parsed; answering then posted the height of a half-built
    page, so the frame jumped, and a framing page saw a different list of messages from one load
    to the next (which made the privacy test flaky). The twin's checklist script is held back
    until the ping has arrived, so the ping reaches a half-parsed page on every run."""
    clinic_site, _ = other_origins
    # The host records every message. The twin tells the host when a ping has reached it, with
    # the ping's number (embed.js may send one of its own, unnumbered): a wait inside the twin
    # would never end, as a page still being parsed runs no animation frames, and its CSP
    # forbids the eval a string predicate needs.
    context.add_init_script("""
      if (window.top === window) {
        window.__got = [];
        addEventListener('message', e => __got.push(e.data));
      } else {
        addEventListener('message', e => {
          if (e.data && e.data.type === 'bond-embed:ping') parent.postMessage({pinged: e.data.n}, '*');
        });
      }""")
    held: list[Route] = []
    released: list[bool] = []

    def hold(route: Route) -> None:  # holds the checklist script until released
        if released:
            route.continue_()
        else:
            held.append(route)

    context.route("**/assets/checklist.js", hold)
    page = context.new_page()
    page.goto(clinic_site.url, wait_until="domcontentloaded")
    frame = page.wait_for_selector("iframe").content_frame()
    assert frame is not None
    frame.wait_for_selector("[data-checklist]", state="attached")
    ping = """n => { const f = document.querySelector('iframe');
                 f.contentWindow.postMessage({type: 'bond-embed:ping', n}, new URL(f.src).origin); }"""
    reached = "n => __got.findIndex(m => m && m.pinged === n)"  # where its arrival was recorded
    page.evaluate(ping, 1)
    page.wait_for_function(f"n => ({reached})(n) > -1", arg=1)
    assert frame.evaluate("document.readyState") == "loading", "the ping came too late to test"
    released.append(True)  # a request not yet handed to `hold` goes on when it is
    for route in held:
        route.continue_()
    expect(frame.locator("[data-checklist]")).to_have_attribute("data-checklist-ready", "")
    frame.wait_for_load_state("load")  # the twin's first height has gone; then two frames
    frame.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.evaluate(ping, 2)  # after loading, a ping is answered at once
    page.wait_for_function(f"n => ({reached})(n) > -1 && ({reached})(n) < __got.length - 1", arg=2)
    height = _content_height(frame)
    heights = [m["height"] for m in page.evaluate("__got") if m and m.get("type") == HEIGHT]
    assert heights == [height, height]


def test_the_generator_fills_and_copies_the_code(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(RECORD_CLIPBOARD)
    page = context.new_page()
    page.goto(site_url + "embed-our-pages/", wait_until="load")
    select = page.get_by_label("Page to embed")
    expect(select).to_be_visible()
    code = page.locator("[data-embed-code]")
    chosen = select.evaluate("s => [s.value, s.selectedOptions[0].dataset.title]")
    script = page.locator("[data-embed-generator]").get_attribute("data-embed-script")
    assert code.inner_text() == embed.snippet(chosen[0], chosen[1], script)
    select.select_option(label="Trust in therapy")
    expected = embed.snippet(select.input_value(), "Trust in therapy", script)
    assert select.input_value().endswith("/embed/trust/")
    assert code.inner_text() == expected
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator("[data-embed-status]")).to_have_text("Copied. Paste it into your page.")
    assert page.evaluate("window.__copied") == [expected]
    context.close()


def test_without_javascript_the_clinics_page_shows_a_ready_example(browser: Browser,
                                                                   site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "embed-our-pages/")
    expect(page.locator("[data-embed-controls]")).to_be_hidden()
    example = page.locator("[data-embed-code]")
    expect(example).to_be_visible()
    assert "<iframe src=" in example.inner_text() and "embed.js" in example.inner_text()
    # The twin itself works without JavaScript too: the statements and guidance are there.
    page.goto(site_url + TWIN)
    assert page.locator("[data-checklist] input[type=radio]").count() > 10
    expect(page.locator("[data-checklist-guidance]")).to_be_visible()
    context.close()
