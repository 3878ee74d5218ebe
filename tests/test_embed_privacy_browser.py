"""What a framing page can observe of an embedded checklist must not depend on the answers.

A host page on another 127.0.0.1 origin frames a checklist twin with embed.js and records every
message the twin posts and every height its iframe takes, then its own history length and the
frame's title, address and scroll position. Three readers, one per run: one who answers
nothing, one who answers every statement one way (safety No), and one who answers every
statement the other way with the safety statement Yes; on the bond check, a fourth answers
every statement at its best, opens the session summary, ticks a phrase and writes a note. The
records must be identical, at a phone's width and a desktop's. The twin keeps its height fixed
by putting the crisis panel, the result and the summary in a box of one height that scrolls
inside (embed.css), so in every state the blank space below the twin's content stays small: at
most 800 px at 375 px wide, 400 px at 1280 px.
Each run waits for the twin to answer a "ping" after two animation frames (by then every
height it would post for the answers has been posted), never for a length of time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bondsite import embed
from playwright.sync_api import Browser, Frame, Page, expect
from serve_built import SiteServer

pytestmark = pytest.mark.browser

CHECKLISTS = [("en", "bond-check"), ("en", "is-therapy-right-for-me"), ("es", "bond-check"),
              ("es", "is-therapy-right-for-me")]
# Runs before any script of the host page: records each message (data and origin) with the
# iframe's height at that moment, and every later change of that height.
RECORDER = """
if (window.top === window) {
  window.__log = [];
  const height = () => { const f = document.querySelector('iframe');
                         return f ? f.getBoundingClientRect().height : -1; };
  addEventListener('message', e => window.__log.push(
    ['message', e.origin, JSON.stringify(e.data), height()]));
  document.addEventListener('DOMContentLoaded', () => new MutationObserver(
    () => window.__log.push(['height', height()])).observe(
      document.documentElement, {subtree: true, attributes: true, attributeFilter: ['style']}));
}
"""


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Iterator[SiteServer]:
    folder = tmp_path_factory.mktemp("host")
    for lang, checklist_id in CHECKLISTS:
        page = f"{checklist_id}/" if lang == "en" else f"{lang}/{checklist_id}/"
        code = embed.snippet(site_url + embed.twin_url(page), "Checklist",
                             site_url + embed.HOST_SCRIPT)
        (folder / f"{lang}-{checklist_id}.html").write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title>'
            f"</head><body><h1>Our clinic</h1>\n{code}\n<p>After the frame.</p></body></html>",
            encoding="utf-8")
    (folder / "404.html").write_text("<!doctype html><title>Not found</title>")
    with SiteServer(folder) as server:
        yield server


def _answer(frame: Frame, way: str) -> int:
    """Answer every statement: 'first' picks each first choice (the safety Yes included),
    'last' each last choice (safety No). Returns how many statements were answered."""
    root = frame.locator("[data-checklist]")
    items = root.locator("[data-item]")
    for n in range(items.count()):
        choices = items.nth(n).locator("input[type=radio]")
        (choices.first if way == "first" else choices.last).check()
    return items.count()


# In the twin: after two frames (resize observers have run), how much blank space there is (below
# the credit line, and inside the outcome box below what it shows), and whether the document
# scrolls (it must not: the host fits it).
SETTLE = """async () => {
  for (let i = 0; i < 2; i++) await new Promise(done => requestAnimationFrame(done));
  const credit = document.querySelector('[data-embed-attribution]').getBoundingClientRect();
  const main = document.querySelector('[data-embed-root]').getBoundingClientRect();
  const box = document.querySelector('[data-checklist-outcome]');
  const shown = [...box.children].filter(c => !c.hidden).pop().getBoundingClientRect();
  const inBox = box.getBoundingClientRect().bottom - (shown.bottom + box.scrollTop);
  return {blank: Math.round(main.bottom - credit.bottom + Math.max(0, inBox)),
          scrolls: document.documentElement.scrollHeight > innerHeight + 1};
}"""
BLANK_LIMIT = {375: 800, 1280: 400}


def _settled(page: Page, frame: Frame) -> dict[str, object]:
    """Wait, by events alone, until everything the twin posts for its state has arrived."""
    seen = page.evaluate("window.__log.length")
    state = frame.evaluate(SETTLE)
    page.evaluate("""() => { const f = document.querySelector('iframe');
      f.contentWindow.postMessage({type: 'bond-embed:ping'}, new URL(f.src).origin); }""")
    page.wait_for_function("n => window.__log.slice(n).some(e => e[0] === 'message')", arg=seen)
    return state


def _run(browser: Browser, url: str, way: str | None, width: int) -> tuple[list, bool, dict]:
    context = browser.new_context(viewport={"width": width, "height": 700})
    context.add_init_script(RECORDER)
    page: Page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    frame = page.wait_for_selector("iframe").content_frame()
    assert frame is not None
    frame.wait_for_url("**/embed/**")
    root = frame.locator("[data-checklist]")
    expect(root).to_have_attribute("data-checklist-ready", "")
    page.wait_for_function("window.__log.some(e => e[0] === 'message')")
    _settled(page, frame)
    crisis_shown = False
    if way is not None:
        assert _answer(frame, "last" if way == "summary" else way) >= 10
        crisis_shown = root.locator("[data-crisis]").is_visible()
        expect(root.locator("[data-checklist-detail] > *").first).to_be_visible()
    if way == "summary":  # every answer at its best (so the summary offers phrases), then open it
        data = root.evaluate("r => JSON.parse(r.dataset.checklistData)")
        for item in data["items"]:
            best = data["lo"] if item["r"] else data["hi"]
            root.locator(f'[data-item="{item["id"]}"] input[value="{best}"]').check()
        root.locator("[data-summary-open]").click()
        summary = root.locator("[data-session-summary]")
        expect(summary.locator("h3")).to_be_focused()
        summary.locator("[data-summary-phrase]:visible input").first.check()
        summary.locator("textarea").fill("A note for my therapist.")
    state = _settled(page, frame)
    # Other things a framing page could read or infer: its history, and what the frame's own
    # title, address and scroll position say (a frame that changes its hash adds history).
    facts = [page.evaluate("history.length"),
             frame.evaluate("[document.title, location.href, scrollX, scrollY]")]
    log = [*page.evaluate("window.__log"), ["facts", facts]]
    assert errors == []
    context.close()
    return log, crisis_shown, state


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(("lang", "checklist_id"), CHECKLISTS,
                         ids=[f"{lang}-{c}" for lang, c in CHECKLISTS])
def test_the_framing_page_sees_the_same_whatever_is_answered(browser: Browser, host: SiteServer,
                                                            lang: str, checklist_id: str,
                                                            width: int) -> None:
    url = f"{host.url}{lang}-{checklist_id}.html"
    untouched, _, unanswered = _run(browser, url, None, width)
    one_way, crisis_one_way, answered = _run(browser, url, "last", width)
    other_way, crisis_other_way, safety = _run(browser, url, "first", width)
    assert not crisis_one_way and crisis_other_way  # the runs really differ inside the frame
    heights = [entry for entry in untouched if entry[0] == "message"]
    assert heights, "the twin posted nothing: the test would prove nothing"
    assert one_way == untouched
    assert other_way == untouched
    states = [unanswered, answered, safety]
    if checklist_id == "bond-check":
        with_summary, _, summarised = _run(browser, url, "summary", width)
        assert with_summary == untouched
        states.append(summarised)
    for state in states:
        assert not state["scrolls"], state
        assert 0 <= state["blank"] <= BLANK_LIMIT[width], (width, state)
