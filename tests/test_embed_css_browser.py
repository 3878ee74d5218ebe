"""Embed twins link Material's stylesheet cut down to the classes twins use. It must look
exactly the same: screenshots of twins with the subset and with the full stylesheet swapped
in are identical, in light and dark, before and after a checklist is answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import soup
from playwright.sync_api import Browser, Route

pytestmark = pytest.mark.browser

TWINS = ["embed/bond-check/", "embed/es/is-therapy-right-for-me/", "embed/embed-our-pages/",
         "embed/evidence/"]


def _full_stylesheet(built_site: Path) -> bytes:
    links = [link["href"] for link in soup(built_site / "index.html").select("link[rel=stylesheet]")]
    main = [href for href in links if "/main." in href]
    assert len(main) == 1, links
    return (built_site / main[0]).read_bytes()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_twins_look_the_same_with_the_cut_down_stylesheet(browser: Browser, built_site: Path,
                                                          site_url: str, scheme: str) -> None:
    full = _full_stylesheet(built_site)
    shots: dict[str, list[bytes]] = {}
    for swap in (False, True):
        context = browser.new_context(viewport={"width": 700, "height": 900}, color_scheme=scheme)
        if swap:
            def serve_full(route: Route) -> None:
                route.fulfill(status=200, body=full, content_type="text/css")
            context.route("**/assets/stylesheets/embed-*.css", serve_full)
        page = context.new_page()
        taken = []
        for twin in TWINS:
            page.goto(site_url + twin, wait_until="networkidle")
            css = [link["href"] for link in soup(built_site / twin / "index.html").select(
                "link[rel=stylesheet]")]
            assert any("embed-" in href for href in css) and not any("/main." in h for h in css)
            taken.append(page.screenshot(full_page=True))
            if page.locator("[data-checklist]").count():
                for item in page.locator("[data-item]").all():
                    item.locator("input[type=radio]").first.check()
                page.locator("[data-checklist-guidance] summary").click()
                page.locator("[data-checklist-copy]").focus()
                page.wait_for_timeout(500)  # Material's colour transition on the focused button
                taken.append(page.screenshot(full_page=True))
        shots[str(swap)] = taken
        context.close()
    assert len(shots["False"]) == len(TWINS) + 2
    for n, (cut, whole) in enumerate(zip(shots["False"], shots["True"], strict=True)):
        assert cut == whole, f"screenshot {n} differs with the full stylesheet"
