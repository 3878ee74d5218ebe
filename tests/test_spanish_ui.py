"""Spanish pages and Spanish embed twins speak Spanish around the content too: no English
interface text (Material's or the site's own) in what a reader sees or hears."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from helpers import soup

UI = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
# Interface phrases Material and this site show in English (the theme's own words, its
# palette and heading-link titles from mkdocs.yml, and the site's templates).
ENGLISH_UI = [
    "Use light mode", "Use dark mode", "Follow system setting", "Link to this section",
    "Back to top", "Skip to content", "Search", "Type to start searching", "Initializing search",
    "Copy to clipboard", "Copied to clipboard", "Table of contents", "Previous", "Next",
    "Header", "Footer", "Navigation", "Clear", "Share", "Select language", "Select version",
    "Made with", "Edit this page", "Last update", "No matching documents", "matching documents",
    "Missing", "Print a blank copy", "Education only",
]
# The site's own English words: every ui.yml text whose Spanish differs.
ENGLISH_UI += [text for key, text in UI["en"].items()
               if isinstance(text, str) and len(text) > 2 and text != UI["es"].get(key)
               and "{" not in text]
PHRASE = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, sorted(set(ENGLISH_UI), key=len,
                                                                   reverse=True))) + r")(?!\w)")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def _spanish_pages(site: Path) -> tuple[list[Path], list[Path]]:
    pages = sorted((site / "es").rglob("*.html"))
    twins = sorted((site / "embed" / "es").rglob("index.html"))
    return pages, twins


def english_interface_text(doc: BeautifulSoup) -> list[str]:
    """English interface phrases in what the reader sees or hears, outside the References
    (whose titles are English on purpose) and outside anything marked as another language."""
    references = doc.find(id="references")
    if references is not None:
        for later in references.find_next_siblings():
            later.decompose()
    texts: list[str] = []
    config = doc.select_one("script#__config")
    if config is not None and config.string:  # the words Material's script shows
        texts += map(str, json.loads(config.string).get("translations", {}).values())
    for hidden in doc(["script", "style", "template"]):
        hidden.decompose()
    for other in doc.select("[lang]:not([lang^=es])"):
        if other.name != "html":
            other.decompose()
    texts += [str(text) for text in doc.find_all(string=True)]
    texts += [str(el[name]) for el in doc.find_all(True) for name in ATTRIBUTES if el.get(name)]
    return [f"{match!r} in {text.strip()[:70]!r}" for text in texts for match in PHRASE.findall(text)]


def test_spanish_pages_and_twins_have_no_english_interface_text(built_site: Path) -> None:
    pages, twins = _spanish_pages(built_site)
    spanish_sources = sorted((ROOT / "docs").glob("*.es.md"))
    assert len(pages) == len(spanish_sources) + 1  # every page and the 404 page
    assert len(twins) == len(spanish_sources)
    found = {path.relative_to(built_site).as_posix(): english_interface_text(soup(path))
             for path in [*pages, *twins]}
    assert sum(1 for _ in found) == 2 * len(spanish_sources) + 1
    assert not {name: hits for name, hits in found.items() if hits}


def test_the_scan_finds_english_interface_text() -> None:
    """The scan itself catches Material's English words where a Spanish page would show them."""
    doc = BeautifulSoup('<html lang="es"><body><a class="headerlink" title="Link to this section">'
                        '¶</a><label title="Use dark mode"></label><input placeholder="Search">'
                        '<p>Volver <span lang="en">Back to top</span></p>'
                        '<h2 id="references">Referencias</h2><ol><li>Next steps, 2018.</li></ol>'
                        '</body></html>', "html.parser")
    assert len(english_interface_text(doc)) == 3


@pytest.mark.parametrize(("path", "titles"), [
    ("trust/index.html", ["Use light mode", "Use dark mode", "Follow system setting"]),
    ("es/trust/index.html", ["Usar el modo claro", "Usar el modo oscuro",
                             "Seguir la configuración del sistema"]),
])
def test_palette_and_heading_links_speak_the_pages_language(built_site: Path, path: str,
                                                            titles: list[str]) -> None:
    doc = soup(built_site / path)
    labels = [label["title"] for label in doc.select("[data-md-component=palette] label[title]")]
    assert labels == titles
    lang = "es" if path.startswith("es/") else "en"
    heading_links = doc.select("article a.headerlink")
    assert len(heading_links) >= 3
    assert {a["title"] for a in heading_links} == {UI[lang]["permalink_title"]}


def test_spanish_twins_credit_the_spanish_licence_deed(built_site: Path) -> None:
    _, twins = _spanish_pages(built_site)
    deeds = {soup(t).select_one("[data-embed-attribution] a[rel~=license]")["href"] for t in twins}
    assert deeds == {"https://creativecommons.org/licenses/by/4.0/deed.es"}
    english = soup(built_site / "embed" / "trust" / "index.html")
    assert english.select_one("[data-embed-attribution] a[rel~=license]")["href"] == (
        "https://creativecommons.org/licenses/by/4.0/")
