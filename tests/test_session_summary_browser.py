"""The session summary of the bond check in headless Chromium, English and Spanish: it shows
what rule 7 of the reference scorer says over many answer sets (one evaluation), the safety
answer replaces it, it prints alone on one black-and-white A4 or Letter page (Chromium's PDF),
it copies as plain text, it makes no request and stores nothing, leaving the page clears it, and
without JavaScript it is a blank form to print. What a framing page sees of it in an embed twin
is in test_embed_privacy_browser.py; axe checks it open in the site walk."""

from __future__ import annotations

import io
import random
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from bondsite import checklists
from bondsite.checklists import Checklist
from helpers import (
    RECORD_CLIPBOARD,
    answer,
    answers_for,
    flagged_sets,
    open_checklist,
    requests_so_far,
)
from playwright.sync_api import Browser, BrowserContext, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
# The print dialog is the browser's: the tests replace it with a counter and print the page as
# the dialog would, with Chromium's PDF.
NO_PRINT_DIALOG = "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"


@pytest.fixture(scope="module", params=["en", "es"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def bond(lang: str) -> Checklist:
    folder = ROOT / "data" / "checklists" / lang
    return checklists.load_all(folder, f"data/checklists/{lang}")["bond-check"]


@pytest.fixture
def url(site_url: str, lang: str) -> str:
    return f"{site_url}bond-check/" if lang == "en" else f"{site_url}{lang}/bond-check/"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    ctx.add_init_script(NO_PRINT_DIALOG)
    ctx.add_init_script(RECORD_CLIPBOARD)
    yield ctx
    ctx.close()


def best(bond: Checklist, **changes: int) -> dict[str, int]:
    """Every statement at its best answer, safety No, then `changes` (ids with _ for -)."""
    top = {i.id: (bond.low_value if i.reverse else bond.high_value) for i in bond.scored_items}
    return top | {bond.safety_item.id: 0} | {k.replace("_", "-"): v for k, v in changes.items()}


# Many answer sets in one evaluation: set the answers, fire the change the script listens for,
# open the summary when its button shows, and read what it shows.
SUMMARY_FOR = """([root, sets]) => sets.map(answers => {
  root.querySelectorAll('[data-item] input').forEach(input => { input.checked = false; });
  for (const [id, value] of Object.entries(answers)) {
    root.querySelector(`[data-item="${id}"] input[value="${value}"]`).checked = true;
  }
  root.dispatchEvent(new Event('change', {bubbles: true}));
  const opener = root.querySelector('[data-summary-open]');
  const summary = root.querySelector('[data-session-summary]');
  if (opener.hidden) return {open: !summary.hidden};
  opener.click();
  const shown = n => !n.closest('[hidden]');
  const all = selector => [...summary.querySelectorAll(selector)];
  return {
    open: !summary.hidden,
    intro: all('[data-summary-intro]').filter(shown).map(n => n.dataset.summaryIntro),
    areas: all('[data-summary-area]').map(a => [a.dataset.summaryArea,
      [...a.querySelectorAll('[data-level]')].filter(shown).map(l => l.dataset.level),
      shown(a.querySelector('[data-summary-flagged]'))]),
    lowest: all('[data-summary-lowest] li').map(li => li.textContent),
    notes: all('[data-summary-notes-list] [data-flag-note]').filter(shown)
      .map(n => n.dataset.flagNote),
    phrases: all('[data-summary-phrase]').filter(shown).map(l => l.textContent.trim()),
  };
})"""


def expected(bond: Checklist, answers: dict[str, int]) -> dict[str, object]:
    """What rule 7 says the page must show for these answers."""
    summary = checklists.summary(bond, answers)
    if summary is None:
        return {"open": False}
    words = bond.summary
    assert words is not None
    labels = {c.value: c.label for c in bond.choices}
    lowest = [bond.labels["answer_line"].format(statement=item.text, answer=labels[value])
              for item, value in summary.lowest] or [words.none]
    return {
        "open": True,
        "intro": ["serious" if checklists.score(bond, answers).serious else "filled"],
        "areas": [[a.group.id, [a.level], a.flagged] for a in summary.areas],
        "lowest": lowest,
        "notes": [item.id for item in summary.notes],
        "phrases": list(summary.phrases),
    }


def answer_sets(bond: Checklist) -> list[dict[str, int]]:
    """Band edges, each flag answer, serious answers beside a low area, area levels at their
    edges, answers at the top, unfinished answers, the safety Yes, and random answers."""
    safety = {bond.safety_item.id: 0}
    values = [c.value for c in bond.choices]
    edges = [answers_for(bond, edge) | safety for band in bond.bands
             for edge in (band.low, band.high)]
    flags = [flagged | safety for flagged in flagged_sets(bond)]
    serious = [flagged | {bond.scored_items[0].id: bond.low_value} for flagged in flags]
    levels = [best(bond, goals_named=a, goals_progress=b, goals_focus=c)
              for a, b, c in ((3, 3, 3), (3, 3, 2), (2, 2, 2), (2, 2, 1))]
    unfinished = [{k: v for k, v in best(bond).items() if k != bond.scored_items[-1].id}]
    rng = random.Random(20261203)
    randoms = [{i.id: rng.choice(values) for i in bond.scored_items} | safety
               for _ in range(30)]
    return (edges + flags + serious + levels + [best(bond)] + unfinished
            + [best(bond) | {bond.safety_item.id: 1}] + randoms)


def test_the_summary_shows_what_rule_7_says(context: BrowserContext, url: str,
                                            bond: Checklist) -> None:
    page, root = open_checklist(context, url, "bond-check")
    sets = answer_sets(bond)
    shown = page.evaluate(SUMMARY_FOR, [root.element_handle(), sets])
    wrong = [(answers, got, want) for answers, got in zip(sets, shown, strict=True)
             if got != (want := expected(bond, answers))]
    assert wrong == []
    assert sum(1 for s in shown if s["open"]) >= 40  # the sets really open the summary


def test_the_safety_answer_replaces_the_summary(context: BrowserContext, url: str,
                                                bond: Checklist) -> None:
    page, root = open_checklist(context, url, "bond-check")
    opener = root.locator("[data-summary-open]")
    summary = root.locator("[data-session-summary]")
    expect(opener).to_be_hidden()
    answer(root, best(bond, goals_named=2))
    expect(opener).to_be_visible()
    opener.click()
    expect(summary).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    heading = summary.locator("h3")
    expect(heading).to_be_focused()
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect()"
                                  ".bottom")
    assert heading.bounding_box()["y"] >= header_bottom  # not under the sticky header
    assert bond.safety_item.text not in (summary.text_content() or "")
    answer(root, {bond.safety_item.id: 1})
    expect(summary).to_be_hidden()
    expect(opener).to_be_hidden()
    expect(root.locator("[data-crisis]")).to_be_visible()
    expect(root.locator("[data-checklist-detail] [data-safety-result]")).to_be_visible()
    answer(root, {bond.safety_item.id: 0})
    expect(opener).to_be_visible()
    expect(summary).to_be_hidden()  # it opens again only when asked
    expect(opener).to_have_attribute("aria-expanded", "false")


NOTE = ("I would like to talk about how we end our sessions. " * 10)[:500]


@pytest.mark.parametrize("case", ["serious notes", "every phrase"])
def test_print_is_the_summary_alone_on_one_black_and_white_page(
        context: BrowserContext, url: str, bond: Checklist, case: str) -> None:
    """The longest summaries: three serious notes, or the phrases of all three areas ticked;
    each with the longest note."""
    page, root = open_checklist(context, url, "bond-check")
    if case == "serious notes":
        answers = best(bond, bond_safe=0, bond_judged=4, bond_lines=4, goals_named=1)
    else:  # a Not at all in each area names all three
        answers = best(bond, goals_named=0, methods_why=0, bond_serious=0)
    answer(root, answers)
    root.locator("[data-summary-open]").click()
    summary = root.locator("[data-session-summary]")
    for box in summary.locator("[data-summary-phrase]:visible input").all():
        box.check()
    summary.locator("textarea").fill(NOTE + "more")  # the rest is cut at 500 characters
    assert summary.locator("textarea").input_value() == NOTE
    words = bond.summary
    assert words is not None
    wanted = checklists.summary(bond, answers)
    assert wanted is not None and (wanted.notes if case == "serious notes" else wanted.phrases)
    printing = "document.documentElement.hasAttribute('data-print-summary')"
    for paper in ("A4", "Letter"):
        summary.locator("[data-summary-print]").click()
        assert page.evaluate(printing) is True
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
        assert page.evaluate(printing) is False  # printing ended (afterprint): whole again
        text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
        assert len(pdf.pages) == 1, (paper, len(pdf.pages))
        for shown in (words.title, words.disclaimer, NOTE.strip(), *wanted.phrases,
                      *(i.flag.note.text for i in wanted.notes if i.flag and i.flag.note)):
            assert " ".join(shown.split()) in text, (paper, shown)
        for left_out in (bond.intro, bond.not_diagnosis, bond.labels["guidance_title"],
                         words.note_hint.split("{")[0], words.print_button):
            assert " ".join(left_out.split()) not in text, (paper, left_out)
    assert page.evaluate("window.__printed") == 2
    summary.locator("[data-summary-print]").click()
    page.emulate_media(media="print")
    colours = page.evaluate("""s => [...s.querySelectorAll('*')].filter(n => n.offsetParent)
      .map(n => [getComputedStyle(n).color, getComputedStyle(n).backgroundColor])""",
                            summary.element_handle())
    assert colours and {c for c, _ in colours} == {"rgb(0, 0, 0)"}
    assert {b for _, b in colours} <= {"rgba(0, 0, 0, 0)"}
    page.emulate_media(media="screen")
    # "Print my answers" prints the whole page, even if no afterprint came.
    root.locator("[data-checklist-print]").click()
    assert page.evaluate(printing) is False
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert " ".join(bond.intro.split()) in " ".join(
        " ".join(p.extract_text() for p in pdf.pages).split())


def test_copy_gives_the_summary_as_plain_text(context: BrowserContext, url: str,
                                              bond: Checklist) -> None:
    page, root = open_checklist(context, url, "bond-check")
    answers = best(bond, methods_why=1, methods_adjust=2, goals_named=0, bond_serious=3)
    answer(root, answers)
    root.locator("[data-summary-open]").click()
    summary = root.locator("[data-session-summary]")
    phrases = summary.locator("[data-summary-phrase]:visible")
    phrases.nth(1).locator("input").check()
    summary.locator("textarea").fill("  First line.\nSecond line.  ")
    summary.locator("[data-summary-copy]").click()
    words = bond.summary
    assert words is not None
    expect(summary.locator("[data-summary-copy-status]")).to_have_text(words.copied)
    wanted = checklists.summary(bond, answers)
    assert wanted is not None
    labels = {c.value: c.label for c in bond.choices}
    date = summary.locator("[data-summary-date]").text_content()
    assert date and any(str(year) in date for year in range(2026, 2100))
    lines = [words.title, words.intro, words.areas_title]
    for area in wanted.areas:
        lines.append(f"{area.group.title}: {words.levels[area.level]}")
        lines += [words.flagged] if area.flagged else []
    lines.append(words.lowest_title)
    lines += [bond.labels["answer_line"].format(statement=item.text, answer=labels[value])
              for item, value in wanted.lowest]
    # The address is the page's public one (its canonical link), whatever host serves the test.
    address = page.locator("link[rel=canonical]").get_attribute("href")
    assert address and address.startswith("https://")
    lines += [words.phrases_title, wanted.phrases[1], words.note_label,
              "First line.", "Second line.", f"{words.date_label}: {date}",
              f"{words.made_with} {address}", words.disclaimer]
    assert page.evaluate("window.__copied") == ["\n".join(" ".join(line.split())
                                                          for line in lines)]


def test_nothing_is_sent_or_stored_and_leaving_clears_it(context: BrowserContext, url: str,
                                                        bond: Checklist) -> None:
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    root = page.locator('[data-checklist="bond-check"]')
    expect(root).to_have_attribute("data-checklist-ready", "")
    loaded = len(requests_so_far(page, requests))
    storage = "[localStorage.length, sessionStorage.length, document.cookie]"
    before = page.evaluate(storage)
    answer(root, best(bond, goals_named=1))
    root.locator("[data-summary-open]").click()
    summary = root.locator("[data-session-summary]")
    summary.locator("[data-summary-phrase]:visible input").first.check()
    summary.locator("textarea").fill("Private words.")
    summary.locator("[data-summary-copy]").click()
    summary.locator("[data-summary-print]").click()
    expect(summary.locator("[data-summary-copy-status]")).not_to_be_empty()
    assert requests_so_far(page, requests)[loaded:] == [], "the summary made requests"
    assert page.evaluate(storage) == before and before[2] == ""
    assert context.cookies() == []
    # A page kept whole for the back button (the browser's back-forward cache) is cleared as
    # it is hidden; Playwright's Chromium keeps no such page, so the test sends the event.
    page.evaluate("dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}))")
    assert root.locator("input:checked").count() == 0
    assert root.locator("textarea").input_value() == ""
    expect(root.locator("[data-session-summary]")).to_be_hidden()
    # Leave and come back (a real pagehide this time): nothing comes back.
    answer(root, best(bond, goals_named=1))
    root.locator("[data-summary-open]").click()
    summary.locator("[data-summary-phrase]:visible input").first.check()
    summary.locator("textarea").fill("Private words.")
    page.goto(url.rsplit("bond-check/", 1)[0], wait_until="load")
    page.go_back(wait_until="load")
    root = page.locator('[data-checklist="bond-check"]')
    expect(root).to_have_attribute("data-checklist-ready", "")
    assert root.locator("input:checked").count() == 0
    assert root.locator("textarea").input_value() == ""
    expect(root.locator("[data-session-summary]")).to_be_hidden()
    expect(root.locator("[data-summary-open]")).to_be_hidden()


def test_without_javascript_it_is_a_blank_form_to_print(browser: Browser, url: str,
                                                        bond: Checklist) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url, wait_until="load")
    summary = page.locator("[data-session-summary]")
    words = bond.summary
    assert words is not None
    expect(summary).to_be_visible()
    expect(summary.get_by_text(" ".join(words.blank_intro.split()))).to_be_visible()
    expect(summary.locator("[data-summary-intro='filled']")).to_be_hidden()
    groups = bond.scored_groups
    expect(summary.locator("[data-level]:visible")).to_have_count(3 * len(groups))
    phrases = [p for g in groups if g.if_weakest for p in g.if_weakest.phrases]
    expect(summary.locator("[data-summary-phrase]:visible")).to_have_count(len(phrases))
    expect(summary.locator("textarea")).to_be_editable()
    expect(summary.locator("[data-summary-actions]")).to_be_hidden()
    expect(page.locator("[data-summary-open]")).to_be_hidden()
    expect(summary.locator("[data-handout-link] a")).to_be_visible()
    # Without the script's clearing too, the browser restores nothing when the reader comes
    # back (autocomplete="off" on every answer, tick and note).
    page.locator("[data-item] input").first.check()
    summary.locator("[data-summary-phrase] input").first.check()
    summary.locator("textarea").fill("Private words.")
    page.goto(url.rsplit("bond-check/", 1)[0], wait_until="load")
    page.go_back(wait_until="load")
    assert page.locator("[data-checklist] input:checked").count() == 0
    assert page.locator("[data-session-summary] textarea").input_value() == ""
    # After the guidance, where a reader without the live result reads it.
    assert page.evaluate("""() => document.querySelector('[data-checklist-guidance]')
      .compareDocumentPosition(document.querySelector('[data-session-summary]'))
      & Node.DOCUMENT_POSITION_FOLLOWING""")
    context.close()
