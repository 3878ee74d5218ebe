"""Embed twins link Material's stylesheet cut down to the classes twins use. It must look
exactly the same: screenshots of twins with the subset and with the full stylesheet swapped
in are identical, in light and dark, before and after a checklist is answered."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers import soup
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

TWINS = ["embed/bond-check/", "embed/es/is-therapy-right-for-me/", "embed/embed-our-pages/",
         "embed/evidence/"]


def _shot(page: Page) -> bytes:
    """A full-page screenshot with CSS transitions and animations run to their end, so that a
    busy machine taking it mid-transition cannot make two identical pages differ."""
    return page.screenshot(full_page=True, animations="disabled", caret="hide")


def differences(cut: bytes, whole: bytes) -> str:
    """'' when two PNG screenshots have the same size and pixels, else what differs."""
    a, b = (Image.open(io.BytesIO(png)).convert("RGB") for png in (cut, whole))
    if a.size != b.size:
        return f"size {a.size} with the subset, {b.size} with the full stylesheet"
    box = ImageChops.difference(a, b).getbbox()
    if box is None:
        return ""
    changed = sum(1 for p, q in zip(a.getdata(), b.getdata(), strict=True) if p != q)
    return f"{changed} pixels differ inside the box {box} (left, top, right, bottom)"


def _full_stylesheet(built_site: Path) -> bytes:
    links = [link["href"] for link in soup(built_site / "index.html").select("link[rel=stylesheet]")]
    main = [href for href in links if "/main." in href]
    assert len(main) == 1, links
    return (built_site / main[0]).read_bytes()


@pytest.mark.long
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_twins_look_the_same_with_the_cut_down_stylesheet(browser: Browser, built_site: Path,
                                                          site_url: str, scheme: str,
                                                          tmp_path: Path) -> None:
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
            page.goto(site_url + twin, wait_until="load")
            css = [link["href"] for link in soup(built_site / twin / "index.html").select(
                "link[rel=stylesheet]")]
            assert any("embed-" in href for href in css) and not any("/main." in h for h in css)
            taken.append(_shot(page))
            if page.locator("[data-checklist]").count():
                for item in page.locator("[data-item]").all():
                    item.locator("input[type=radio]").first.check()
                page.locator("[data-checklist-guidance] summary").click()
                page.locator("[data-checklist-copy]").focus()
                taken.append(_shot(page))
        shots[str(swap)] = taken
        context.close()
    assert len(shots["False"]) == len(TWINS) + 2
    for n, (cut, whole) in enumerate(zip(shots["False"], shots["True"], strict=True)):
        if found := differences(cut, whole):
            saved = tmp_path / f"{scheme}-{n}"
            (saved.with_suffix(".subset.png")).write_bytes(cut)
            (saved.with_suffix(".full.png")).write_bytes(whole)
            pytest.fail(f"screenshot {n} ({scheme}) differs with the full stylesheet: {found};"
                        f" both saved in {tmp_path}")
