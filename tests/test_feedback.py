"""Feedback without an account, and printed pages: every page in both languages has a mailto:
link with its title and address filled in, to `extra.feedback_email` (a clinic's profile sets
its own; a bad address fails the build with the file and line); a printed article page drops
the site's chrome and ends with its address and review date."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bondsite import feedback
from bondsite.errors import SiteDataError
from conftest import ROOT, build_site
from helpers import html_pages, soup
from mkdocs.exceptions import Abort, PluginError
from playwright.sync_api import Browser, expect

LINK_TEXT = {"en": "Report a problem with this page", "es": "Informar de un problema en esta página"}


def _configured(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return next(line.split(":", 1)[1].strip() for line in text.splitlines()
                if line.strip().startswith(f"{feedback.KEY}:"))


def _parts(href: str) -> tuple[str, str, str]:
    """(address, subject, body) of a mailto: link."""
    assert href.startswith("mailto:")
    address, _, query = href.removeprefix("mailto:").partition("?")
    assert "+" not in query, "spaces must be %20 in mailto: links (RFC 6068)"
    values = parse_qs(query, keep_blank_values=True)
    assert set(values) == {"subject", "body"}
    return unquote(address), values["subject"][0], values["body"][0]


def _check_site(site: Path, address: str) -> int:
    checked = 0
    for page in html_pages(site):
        doc = soup(page)
        lang = doc.html["lang"]
        links = doc.select("[data-feedback] a")
        assert len(links) == 1, page
        assert links[0].get_text() == LINK_TEXT[lang], page
        to, subject, body = _parts(links[0]["href"])
        title = doc.select_one("article h1").get_text().replace("¶", "").strip()
        url = doc.select_one('link[rel="canonical"]')["href"]
        assert to == address, page
        assert title in subject and url in body, page
        assert ("Problema en una página" if lang == "es" else "Problem with a page") in subject
        checked += 1
    return checked


def test_every_page_in_both_languages_has_a_feedback_link(built_site: Path) -> None:
    assert _check_site(built_site, _configured(ROOT / "mkdocs.yml")) >= 30


def test_mailto_links_encode_whatever_the_title_holds() -> None:
    words = {"feedback_subject": "Problem: {title}", "feedback_body": "Page: {url}\n"}
    title = 'A & B? #1 "quotes" ¿ñ? {braces} 100%'
    href = feedback.page_link("team@example.org", words, title=title,
                              url="https://example.org/a/?x=1&y=2#z")
    assert _parts(href) == ("team@example.org", f"Problem: {title}",
                            "Page: https://example.org/a/?x=1&y=2#z\n")


@pytest.mark.parametrize("value", ["", None, "not an address", "a@b", "a@b.org,c@d.org",
                                   "a@b.org?cc=c@d.org", "a b@c.org", "<a@b.org>",
                                   "javascript:alert(1)//@b.org"])
def test_a_bad_feedback_address_fails_with_the_file_line_and_fix(tmp_path: Path,
                                                                 value: str | None) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n  publisher: y\n  feedback_email: {value!r}\n")
    with pytest.raises(SiteDataError) as caught:
        feedback.check_address(value, [config], tmp_path)
    assert str(caught.value).startswith("mkdocs.yml:4: `extra.feedback_email`")
    assert "Fix: set `feedback_email:" in str(caught.value)


# --- A clinic's profile ----------------------------------------------------------------------

EXAMPLE = ROOT / "profiles" / "example" / "mkdocs.yml"


def test_a_profile_sends_feedback_to_the_clinic(profile_site: Path) -> None:
    address = _configured(EXAMPLE)
    assert address.endswith("@example.org") and address != _configured(ROOT / "mkdocs.yml")
    assert _check_site(profile_site, address) >= 30


def test_a_profile_with_a_bad_address_fails_the_build(tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    for name in ["docs", "hooks", "overrides", "data", "profiles"]:
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "site"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    config = tmp_path / "profiles" / "example" / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("  feedback_email:")].count("\n") + 1
    config.write_text(text.replace("feedback_email: feedback@example.org",
                                   "feedback_email: clinic at example dot org"))
    with pytest.raises((Abort, PluginError)) as caught:
        build_site(config, tmp_path / "site")
    message = caplog.text + str(caught.value)
    assert f"profiles/example/mkdocs.yml:{line}: `extra.feedback_email`" in message


# --- Printing ----------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("path", ["trust/", "es/trust/"])
def test_a_printed_page_drops_the_chrome_and_ends_with_its_address(
        browser: Browser, site_url: str, built_site: Path, path: str) -> None:
    doc = soup(built_site / path / "index.html")
    canonical = doc.select_one('link[rel="canonical"]')["href"]
    reviewed = doc.select_one(".review-line time").get_text()
    page = browser.new_page()
    page.goto(site_url + path)
    footer = page.locator("[data-print-footer]")
    expect(footer).to_be_hidden()  # on screen
    expect(page.locator("[data-feedback] a")).to_be_visible()
    page.emulate_media(media="print")
    expect(footer).to_be_visible()
    text = " ".join(footer.inner_text().split())
    assert canonical in text and reviewed in text
    for chrome in [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search",
                   "[data-feedback]"]:
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()
    # The footer is the last thing printed in the article's column.
    below = page.evaluate("""() => {
        const f = document.querySelector('[data-print-footer]').getBoundingClientRect().bottom;
        return [...document.querySelectorAll('.md-content *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.height > 0 && r.top >= f && getComputedStyle(e).display !== 'none'; }).length;
        }""")
    assert below == 0
    page.close()
    assert urlsplit(canonical).scheme == "https"
