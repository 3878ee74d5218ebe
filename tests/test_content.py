"""Content standards on the built pages: reading level, substance, metadata, evidence, help."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bondsite.crisis import load_crisis_data
from conftest import ROOT, build_site
from helpers import copy_tiny_project, html_pages, soup
from readability import GRADE_LIMIT, SPANISH_EASE_MINIMUM, grade, main_text, spanish_ease, words

UI = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))
DOI_LINK = re.compile(r"^https://doi\.org/10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")
REQUIRED_DOIS = {"10.1037/pst0000172", "10.1037/h0085885"}
NO_REFERENCES = {"get-help-now", "es/get-help-now"}


def _name(site: Path, page: Path) -> str:
    return page.parent.relative_to(site).as_posix()


def _lang(name: str) -> str:
    return "es" if name == "es" or name.startswith("es/") else "en"


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Path]:
    return {_name(built_site, p): p for p in html_pages(built_site)}


def test_every_english_page_reads_at_grade_8_or_below(pages: dict[str, Path]) -> None:
    grades = {name: grade(main_text(p.read_text(encoding="utf-8"))) for name, p in pages.items()
              if _lang(name) == "en"}
    too_hard = {name: round(g, 1) for name, g in grades.items() if g > GRADE_LIMIT}
    assert len(grades) >= 12 and not too_hard, f"pages above grade {GRADE_LIMIT}: {too_hard}"


def test_every_spanish_page_is_easy_to_read(pages: dict[str, Path]) -> None:
    """Fernandez-Huerta reading ease, the Spanish counterpart of Flesch, at least 60."""
    ease = {name: spanish_ease(main_text(p.read_text(encoding="utf-8")))
            for name, p in pages.items() if _lang(name) == "es"}
    too_hard = {name: round(e, 1) for name, e in ease.items() if e < SPANISH_EASE_MINIMUM}
    assert len(ease) >= 12 and not too_hard, f"Spanish pages below {SPANISH_EASE_MINIMUM}: {too_hard}"


def test_every_english_page_has_a_spanish_version(pages: dict[str, Path]) -> None:
    """No silent fallback: each page exists in Spanish, in Spanish."""
    english = {name for name in pages if _lang(name) == "en"}
    missing = sorted(n for n in english if ("es/" + n if n != "." else "es") not in pages)
    assert not missing, f"pages without a Spanish version (add docs/<page>.es.md): {missing}"
    for name, path in pages.items():
        assert soup(path).html["lang"] == _lang(name), name
    for source in sorted((ROOT / "docs").glob("*.md")):
        if not source.name.endswith(".es.md"):
            assert source.with_suffix(".es.md").exists(), f"{source.name} has no .es.md twin"


def test_language_versions_point_at_each_other(pages: dict[str, Path], built_site: Path,
                                              site_prefix: str) -> None:
    """The header's language switcher and the sitemap's hreflang links pair each page."""
    def local(page: Path, href: str) -> Path:
        if href.startswith(site_prefix):
            return (built_site / href.removeprefix(site_prefix)).resolve()
        return (page.parent / href).resolve()

    for name, path in pages.items():
        english = name if _lang(name) == "en" else name.removeprefix("es").lstrip("/") or "."
        switch = {a["hreflang"]: local(path, a["href"])
                  for a in soup(path).select("a.md-select__link[hreflang]")}
        assert switch == {"en": (built_site / english).resolve(),
                          "es": (built_site / "es" / english).resolve()}, name
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
                  "x": "http://www.w3.org/1999/xhtml"}
    entries = ElementTree.parse(built_site / "sitemap.xml").getroot().findall("s:url", namespaces)
    assert len(entries) == len(pages)
    for entry in entries:
        langs = {link.get("hreflang"): link.get("href")
                 for link in entry.findall("x:link", namespaces)}
        assert set(langs) == {"en", "es"}, entry.findtext("s:loc", namespaces=namespaces)
        assert langs["es"].replace("/es/", "/", 1) == langs["en"]


def test_there_is_enough_substance(pages: dict[str, Path]) -> None:
    counts = {name: words(main_text(p.read_text(encoding="utf-8"))) for name, p in pages.items()
              if _lang(name) == "en"}
    assert len(counts) >= 12
    assert sum(counts.values()) >= 8000, counts
    thin = {name: n for name, n in counts.items() if n < 300}
    assert not thin, f"pages too thin to help anyone: {thin}"


def test_every_page_has_metadata_and_a_review_line(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        doc = soup(path)
        description = doc.select_one('meta[name="description"]')
        assert description and len(description["content"]) >= 50, name
        line = doc.select_one(".review-line")
        assert line is not None, name
        last, due = (dt.date.fromisoformat(t["datetime"]) for t in line.select("time"))
        assert last < due, name
        words_ = UI[_lang(name)]
        text = " ".join(line.get_text().split())
        assert words_["last_reviewed"] in text and words_["next_review"] in text, name
        assert words_["written_by"] in text, name


def test_every_page_describes_itself_in_json_ld(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        blocks = soup(path).select('script[type="application/ld+json"]')
        assert len(blocks) == 1, name
        data = json.loads(blocks[0].get_text())
        assert data["@type"] in {"MedicalWebPage", "WebPage"}
        dt.date.fromisoformat(data["lastReviewed"])
        assert data["inLanguage"] == _lang(name)
        assert data["about"] and (data.get("author") or data.get("reviewedBy"))
        review_line = soup(path).select_one(".review-line time")
        assert data["lastReviewed"] == review_line["datetime"], name


def test_pages_end_with_doi_references(pages: dict[str, Path]) -> None:
    seen: set[str] = set()
    assert set(pages) >= NO_REFERENCES
    with_references = {name: path for name, path in pages.items() if name not in NO_REFERENCES}
    assert len(with_references) == len(pages) - len(NO_REFERENCES) >= 24
    for name, path in with_references.items():
        article = soup(path).select_one("article")
        heading = article.find(id="references")
        assert heading is not None, f"{name}: no References section"
        later_headings = heading.find_all_next(["h2"])
        assert not [h for h in later_headings if h.find_parent("article") is article], (
            f"{name}: References must be the last section")
        links = [a["href"] for a in heading.find_all_next("a", href=True)
                 if "doi.org" in a["href"]]
        assert links, f"{name}: References has no DOI link"
        for link in links:
            assert DOI_LINK.match(link), f"{name}: malformed DOI link {link}"
            seen.add(link.removeprefix("https://doi.org/"))
    assert len(seen) >= 8, seen
    assert seen >= REQUIRED_DOIS


def test_every_page_links_to_get_help_now_in_its_language(pages: dict[str, Path],
                                                          built_site: Path) -> None:
    for name, path in pages.items():
        link = soup(path).select_one("header a.help-now[href]")
        assert link is not None and link.get_text(strip=True) == UI[_lang(name)]["help_now"], name
        help_page = built_site / ("es/" if _lang(name) == "es" else "") / "get-help-now"
        assert (path.parent / link["href"]).resolve() == help_page.resolve(), name


def test_headings_are_in_order_with_one_h1(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        article = soup(path).select_one("article")
        levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
        assert levels.count(1) == 1 and levels[0] == 1, name
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{name}: heading jumps from h{before} to h{after}"


def test_link_text_makes_sense_alone(pages: dict[str, Path]) -> None:
    vague = {"here", "click here", "this", "more", "read more", "link", "this page"}
    for name, path in pages.items():
        for a in soup(path).select("article a[href]"):
            assert a.get_text(" ", strip=True).lower() not in vague, f"{name}: {a}"


def test_pages_never_hard_code_crisis_numbers() -> None:
    """No page and no checklist text, in any language, types a number from the data file, in
    any spacing ("116 123", "116123", "*4141", "(011) 5275-1135")."""
    data = load_crisis_data(ROOT / "data/crisis-lines.yml")
    numbers = {n.number for r in data.regions.values() for n in r.emergency}
    numbers |= {n for r in data.regions.values() for line in r.lines
                for n in (line.number, line.text) if n}
    assert {"*4141", "116 123", "024", "800 911 2000", "85258"} <= numbers
    digits = sorted({re.sub(r"\D", "", n) for n in numbers}, key=len, reverse=True)
    written = "|".join(r"[\s()-]{0,2}".join(d) for d in digits)
    # Not part of a longer figure ("1,112", "9.88", "988%"); a full stop after it is fine.
    pattern = re.compile(r"(?<!\d)(?<!\d[.,])(" + written + r")(?![\d%]|[.,]\d)")
    pages = sorted((ROOT / "docs").rglob("*.md"))
    checklists = sorted((ROOT / "data/checklists").rglob("*.yml"))
    assert len([p for p in pages if p.name.endswith(".es.md")]) >= 20
    assert len([c for c in checklists if c.parent.name == "es"]) >= 2
    for source in [*pages, *checklists]:
        found = pattern.findall(source.read_text(encoding="utf-8"))
        assert not found, f"{source.relative_to(ROOT)} hard-codes {found}: link to get-help-now"


@pytest.mark.parametrize("name", ["what-is-the-bond", "es/what-is-the-bond"])
def test_the_diagram_has_a_text_alternative(pages: dict[str, Path], name: str) -> None:
    svg = soup(pages[name]).select_one("article svg")
    assert svg is not None and svg.get("role") == "img"
    labels = (svg.get("aria-labelledby") or "").split()
    assert labels and all(svg.find(id=label) for label in labels)
    assert svg.find("title").get_text(strip=True)


def test_crisis_numbers_come_from_the_data_file(built_site: Path, tmp_path: Path) -> None:
    loaded = load_crisis_data(ROOT / "data/crisis-lines.yml")
    page = soup(built_site / "get-help-now" / "index.html")
    tels = [a["href"] for a in page.select("article a[href^='tel:']")]
    expected = []
    for region in loaded.ordered():
        expected += [tel for _, tel in region.emergency_tels]
        expected += [line.tel for line in region.lines if line.tel]
    assert tels == expected and len(tels) > 20
    data = yaml.safe_load((ROOT / "data/crisis-lines.yml").read_text())

    # Change the data in a (tiny) copy of the project: the page follows, with no page edited.
    copy_tiny_project(tmp_path)
    data["regions"]["GB"]["lines"][0]["number"] = "0800 123 456"
    data["order"] = ["GB", *[c for c in data["order"] if c != "GB"]]
    (tmp_path / "data/crisis-lines.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    rebuilt = soup(build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
                   / "get-help-now" / "index.html")
    tels = [a["href"] for a in rebuilt.select("article a[href^='tel:']")]
    assert tels[0] == "tel:999" and "tel:0800123456" in tels
    assert rebuilt.select("article .crisis-region")[0]["data-region"] == "GB"


def test_spanish_crisis_page_leads_with_spain(built_site: Path) -> None:
    page = soup(built_site / "es" / "get-help-now" / "index.html")
    regions = page.select("article .crisis-region")
    assert regions[0]["data-region"] == "ES" and regions[0].find(["h2", "h3"]).get_text() == "España"
    tels = [a["href"] for a in regions[0].select("a[href^='tel:']")]
    assert set(tels) == {"tel:024", "tel:112", "tel:717003717"}
    assert len(regions) == len(yaml.safe_load((ROOT / "data/crisis-lines.yml").read_text())["order"])
    assert [r["data-region"] for r in regions][:6] == ["ES", "MX", "CO", "AR", "CL", "PE"]


@pytest.mark.parametrize(("lang", "word"), [("en", "statements"), ("es", "frases")])
def test_each_checklist_page_says_how_many_statements_it_has(lang: str, word: str) -> None:
    """The page and its description count the checklist's statements as the definition has
    them, and stay right when a statement is added or removed."""
    from bondsite import checklists

    found = checklists.load_all(ROOT / "data/checklists" / lang, f"data/checklists/{lang}")
    for checklist_id, checklist in found.items():
        source = (ROOT / "docs" / f"{checklist_id}{'' if lang == 'en' else '.' + lang}.md"
                  ).read_text(encoding="utf-8")
        counts = {int(n) for n in re.findall(rf"\b(\d+) {word}\b", source)}
        scored = len(checklist.scored_items)
        assert counts <= {len(checklist.items), scored}, (checklist_id, counts)
        if checklist_id == "bond-check":
            assert len(checklist.items) in counts, (checklist_id, counts)
