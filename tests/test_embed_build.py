"""Embedding and the feed on the strict build: every page has its twin, the twins carry only
what they need (and stay within budget), the feed lists every page and validates, embed.js is
small, and the clinics page offers ready code."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bondsite import embed
from conftest import ROOT
from helpers import local_resources, page_paths, soup
from jsonschema import Draft202012Validator

BUDGET = 35 * 1024  # bytes: an embedded checklist page and everything it loads, gzipped
EMBED_JS_LIMIT = 3 * 1024  # bytes, uncompressed: "a few KB at most"
SITE_CHROME = "header, nav, footer, .md-header, .md-tabs, .md-sidebar, .md-footer, .md-search"


def _twin(site: Path, path: str) -> Path:
    return site / embed.twin_url(path) / "index.html"


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@pytest.fixture(scope="module")
def paths(built_site: Path) -> list[str]:
    return page_paths(built_site)


def test_every_page_has_its_twin(built_site: Path, paths: list[str]) -> None:
    assert len(paths) >= 16 and "embed-our-pages/" in paths
    missing = [path for path in paths if not _twin(built_site, path).is_file()]
    assert missing == []
    assert len([path for path in paths if path.startswith("es/")]) == len(paths) // 2
    assert _twin(built_site, "es/trust/").is_file()
    assert soup(_twin(built_site, "es/trust/")).html["lang"] == "es"


def test_twins_carry_the_article_and_credit_without_the_site_around_it(
        built_site: Path, paths: list[str]) -> None:
    for path in paths:
        page, twin = soup(built_site / path / "index.html"), soup(_twin(built_site, path))
        assert not twin.select(SITE_CHROME), path
        assert twin.select_one('meta[name="robots"]')["content"] == "noindex", path
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert twin.select_one('link[rel="canonical"]')["href"] == canonical, path
        assert twin.select_one("article h1").get_text() == page.select_one("article h1").get_text()
        credit = twin.select_one("[data-embed-attribution]")
        assert "CC BY 4.0" in credit.get_text(), path
        assert credit.select_one("time")["datetime"] == page.select_one(
            ".review-line time")["datetime"], path
        help_link = twin.select_one(".embed__help a")
        target = urlsplit(urljoin(f"http://site/embed/{path}", help_link["href"])).path
        assert target.endswith("get-help-now/") and "/embed/" not in target, path
        assert 'http-equiv="Content-Security-Policy"' in str(twin), path


def test_twin_links_open_the_main_site_outside_the_frame(built_site: Path,
                                                         paths: list[str]) -> None:
    checked = 0
    for path in paths:
        for link in soup(_twin(built_site, path)).select("a[href]"):
            href = link["href"]
            if href.startswith(("#", "tel:", "sms:", "mailto:")):
                assert not link.get("target"), f"{path}: {link}"
                continue
            assert link.get("target") == "_blank" and "noopener" in link.get("rel", []), (
                f"{path}: {link}")
            if urlsplit(href).scheme:
                continue
            target = urlsplit(urljoin(f"http://site/embed/{path}", href)).path.lstrip("/")
            assert not target.startswith("embed/"), f"{path}: {href} points at a twin"
            local = built_site / target
            assert local.is_file() or (local / "index.html").is_file(), f"{path}: {href}"
            checked += 1
    assert checked > 50


def test_twins_load_only_their_own_small_set_of_files(built_site: Path, paths: list[str]) -> None:
    for path in paths:
        twin = _twin(built_site, path)
        names = [f.relative_to(built_site).as_posix() for f in local_resources(built_site, twin)]
        assert not [n for n in names if "javascripts/" in n or "search" in n], (path, names)
        assert "assets/embed-frame.js" in names and "assets/site.css" in names
        assert all((built_site / n).is_file() for n in names), (path, names)
        # The checklist's files come along exactly when the page itself loads them.
        main = [f.relative_to(built_site).as_posix() for f in
                local_resources(built_site, built_site / path / "index.html")]
        for asset in ["assets/checklist.js", "assets/checklist.css"]:
            assert (asset in names) == (asset in main), (path, asset)
        assert ("assets/checklist.css" in names) == bool(soup(twin).select("[data-checklist]"))


@pytest.mark.parametrize("path", ["bond-check/", "is-therapy-right-for-me/"])
def test_an_embedded_checklist_page_loads_under_35_kb_gzipped(built_site: Path, path: str) -> None:
    twin = _twin(built_site, path)
    files = [twin, *local_resources(built_site, twin)]
    sizes = {f.relative_to(built_site).as_posix(): _gzipped(f.read_bytes()) for f in files}
    print(f"{path} embed, gzipped: {sum(sizes.values())} bytes {sizes}")
    assert sum(sizes.values()) <= BUDGET, sizes


def test_embed_js_is_small_licensed_and_self_contained(built_site: Path) -> None:
    script = (built_site / "embed.js").read_bytes()
    text = script.decode("utf-8")
    assert len(script) <= EMBED_JS_LIMIT, len(script)
    assert "MIT" in text.split("*/")[0]
    assert "iframe-resizer" not in text.lower() and "import " not in text
    assert not re.search(r"https?://(?!opensource\.org)", text.split("*/", 1)[1])
    assert "event.origin !== origin" in text and "contentWindow === event.source" in text


def test_the_feed_lists_every_page_and_validates_against_its_schema(
        built_site: Path, paths: list[str], site_prefix: str) -> None:
    data = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "feed.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads((ROOT / "docs" / "feed.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    site_url = data["site"]["url"]
    assert urlsplit(site_url).path == site_prefix
    listed = {page["url"].removeprefix(site_url): page for page in data["pages"]}
    assert sorted(listed) == sorted(paths)
    for path, page in listed.items():
        assert page["embed_url"] == site_url + "embed/" + path
        assert page["language"] == ("es" if path.startswith("es/") else "en")
        doc = soup(built_site / path / "index.html")
        assert page["title"] == doc.select_one("article h1").get_text().replace("¶", "").strip()
        assert page["description"] == doc.select_one('meta[name="description"]')["content"]
    assert data["site"]["embed_script"] == site_url + "embed.js"


def test_the_clinics_page_links_the_feed_and_offers_ready_code(built_site: Path) -> None:
    page = built_site / "embed-our-pages" / "index.html"
    doc = soup(page)
    hrefs = [urlsplit(urljoin("http://site/embed-our-pages/", a["href"])).path
             for a in doc.select("article a[href]")]
    assert "/feed.json" in hrefs and "/feed.schema.json" in hrefs
    generator = doc.select_one("[data-embed-generator]")
    options = generator.select("option")
    data = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    english = [p for p in data["pages"] if p["language"] == "en"]
    assert sorted(o["value"] for o in options) == sorted(p["embed_url"] for p in english)
    chosen = generator.select_one("option[selected]")
    assert generator.select_one("[data-embed-code]").get_text() == embed.snippet(
        chosen["value"], chosen["data-title"], data["site"]["embed_script"])
    assert generator.select_one("[data-embed-controls]").has_attr("hidden")
    assert "embed-generator.js" in generator.select("script")[-1]["src"]
