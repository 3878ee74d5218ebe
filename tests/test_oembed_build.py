"""oEmbed on the strict build: every page in both languages announces its oEmbed file with an
absolute address, every file is a valid oEmbed 1.0 `rich` response whose HTML survives
WordPress's filter, and every page has a small card twin with its own policy."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bondsite import oembed
from bs4 import BeautifulSoup
from helpers import local_resources, page_paths, soup

CARD_BUDGET = 6 * 1024  # bytes, gzipped: the card and everything it loads
REQUIRED = {"version": str, "type": str, "title": str, "provider_name": str, "provider_url": str,
            "width": int, "height": int, "html": str}
SITE_NAMES = {"en": "The Therapeutic Bond", "es": "El vínculo terapéutico"}
WORDPRESS_IFRAME_ATTRS = {"src", "width", "height", "frameborder", "marginwidth", "marginheight",
                          "scrolling", "title"}


@pytest.fixture(scope="module")
def paths(built_site: Path) -> list[str]:
    found = page_paths(built_site)
    assert len(found) >= 30 and "es/trust/" in found and "" in found and "es/" in found
    return found


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> str:
    return json.loads((built_site / "feed.json").read_text(encoding="utf-8"))["site"]["url"]


def _lang(path: str) -> str:
    return "es" if path.startswith("es/") or path == "es/" else "en"


def _discovery(built_site: Path, path: str) -> list:
    return soup(built_site / path / "index.html").select('link[type="application/json+oembed"]')


def test_every_page_announces_its_oembed_file(built_site: Path, paths: list[str],
                                              site_url: str) -> None:
    counted = 0
    for path in paths:
        links = _discovery(built_site, path)
        assert len(links) == 1, path
        link = links[0]
        assert link["rel"] == ["alternate"], path  # one token, whatever the spacing
        href = link["href"]
        assert href == site_url + oembed.json_path(path, _lang(path)), path
        assert urlsplit(href).scheme == "https", path
        assert (built_site / href.removeprefix(site_url)).is_file(), path
        title = soup(built_site / path / "index.html").select_one("article h1")
        assert link["title"] == title.get_text().replace("¶", "").strip(), path
        counted += 1
    assert counted == len(paths) >= 30
    # The two languages' home pages have files of their own.
    assert oembed.json_path("", "en") == "oembed/index.json"
    assert oembed.json_path("es/", "es") == "oembed/es/index.json"
    assert oembed.card_path("es/trust/", "es") == "card/es/trust.html"
    assert oembed.card_path("", "en") == "card/index.html"


def test_every_oembed_file_is_valid_oembed_1_0(built_site: Path, paths: list[str],
                                               site_url: str) -> None:
    files = sorted((built_site / "oembed").rglob("*.json"))
    assert len(files) == len(paths)
    for path in paths:
        data = json.loads((built_site / oembed.json_path(path, _lang(path))).read_text("utf-8"))
        for key, kind in REQUIRED.items():
            assert isinstance(data.get(key), kind), (path, key)
        assert data["version"] == "1.0" and data["type"] == "rich", path
        assert 200 <= data["height"] <= 1000 and data["width"] > 0, path
        assert data["provider_url"] == site_url
        assert data["provider_name"] == SITE_NAMES[_lang(path)], path
        embedded = BeautifulSoup(data["html"], "html.parser")
        iframe, quote = embedded.select_one("iframe"), embedded.select_one("blockquote")
        assert [tag.name for tag in embedded.find_all(recursive=False)] == ["blockquote", "iframe"]
        # What WordPress keeps of an unknown provider's HTML: nothing is lost here.
        assert set(iframe.attrs) <= WORDPRESS_IFRAME_ATTRS, (path, iframe.attrs)
        assert [a.name for a in quote.find_all(True)] == ["a"] and set(quote.a.attrs) == {"href"}
        assert iframe["src"] == site_url + oembed.card_path(path, _lang(path)), path
        assert int(iframe["height"]) == data["height"] and iframe["title"] == data["title"]
        assert quote.a["href"] == site_url + path
        assert (built_site / oembed.card_path(path, _lang(path))).is_file(), path


def test_every_card_shows_the_page_in_its_language(built_site: Path, paths: list[str],
                                                   site_url: str) -> None:
    checklist_cards = 0
    for path in paths:
        card = soup(built_site / oembed.card_path(path, _lang(path)))
        page = soup(built_site / path / "index.html")
        lang = _lang(path)
        assert card.html["lang"] == lang, path
        assert card.select_one('meta[name="robots"]')["content"] == "noindex"
        assert card.select_one('link[rel="canonical"]')["href"] == page.select_one(
            'link[rel="canonical"]')["href"], path
        assert card.select_one("h1").get_text() == page.select_one("article h1").get_text(
            ).replace("¶", "").strip(), path
        assert card.select_one(".card__summary").get_text() == page.select_one(
            'meta[name="description"]')["content"], path
        base = f"http://site/{oembed.card_path(path, lang)}"
        read = card.select_one("[data-card-read]")
        assert urlsplit(urljoin(base, read["href"])).path == f"/{path}", path
        help_link = card.select_one("[data-card-help]")
        assert urlsplit(urljoin(base, help_link["href"])).path == (
            "/es/get-help-now/" if lang == "es" else "/get-help-now/"), path
        has_checklist = bool(page.select("[data-checklist]"))
        checklist_cards += has_checklist
        expected = {("en", False): "Read the page", ("en", True): "Start the checklist",
                    ("es", False): "Lee la página", ("es", True): "Empieza la lista"}
        assert read.get_text() == expected[lang, has_checklist], path
        assert help_link.get_text() == ("Pide ayuda ahora" if lang == "es" else "Get help now")
        credit = card.select_one("[data-card-credit]").get_text(" ")
        assert "CC BY 4.0" in credit and card.select_one("[data-card-credit] time")[
            "datetime"] == page.select_one(".review-line time")["datetime"], path
        assert ("Última revisión" if lang == "es" else "Last reviewed") in credit
        assert all(a.get("target") == "_top" for a in card.select("a[href]")), path
        assert 'http-equiv="Content-Security-Policy"' in str(card), path
        assert not card.select("input, select, textarea, button, form, iframe"), path
    assert checklist_cards == 4  # two checklists, two languages


def test_a_card_loads_only_its_own_tiny_files(built_site: Path, paths: list[str]) -> None:
    for path in paths:
        card = built_site / oembed.card_path(path, _lang(path))
        files = [card, *local_resources(built_site, card)]
        names = sorted(f.relative_to(built_site).as_posix() for f in files[1:])
        assert names == ["assets/card-frame.js", "assets/card.css"], (path, names)
        size = sum(len(gzip.compress(f.read_bytes(), mtime=0)) for f in files)
        assert size <= CARD_BUDGET, (path, size)
    script = (built_site / "assets" / "card-frame.js").read_text(encoding="utf-8")
    # A sandboxed frame with an opaque origin throws on storage and cookies: never touch them.
    assert not re.search(r"localStorage|sessionStorage|document\.cookie|indexedDB", script)
