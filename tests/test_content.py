"""Content standards on the built pages: reading level, substance, metadata, evidence, help."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_site
from helpers import html_pages, soup
from readability import GRADE_LIMIT, grade, main_text, words

DOI_LINK = re.compile(r"^https://doi\.org/10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")
REQUIRED_DOIS = {"10.1037/pst0000172", "10.1037/h0085885"}
NO_REFERENCES = {"get-help-now"}


def _name(site: Path, page: Path) -> str:
    return page.parent.relative_to(site).as_posix()


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Path]:
    return {_name(built_site, p): p for p in html_pages(built_site)}


def test_every_page_reads_at_grade_8_or_below(pages: dict[str, Path]) -> None:
    grades = {name: grade(main_text(p.read_text(encoding="utf-8"))) for name, p in pages.items()}
    too_hard = {name: round(g, 1) for name, g in grades.items() if g > GRADE_LIMIT}
    assert not too_hard, f"pages above grade {GRADE_LIMIT}: {too_hard}"


def test_there_is_enough_substance(pages: dict[str, Path]) -> None:
    counts = {name: words(main_text(p.read_text(encoding="utf-8"))) for name, p in pages.items()}
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
        assert "Last reviewed" in line.get_text() and "Next review due" in line.get_text()
        assert "Written by" in line.get_text(), name


def test_every_page_describes_itself_in_json_ld(pages: dict[str, Path]) -> None:
    for name, path in pages.items():
        blocks = soup(path).select('script[type="application/ld+json"]')
        assert len(blocks) == 1, name
        data = json.loads(blocks[0].get_text())
        assert data["@type"] in {"MedicalWebPage", "WebPage"}
        dt.date.fromisoformat(data["lastReviewed"])
        assert data["inLanguage"] == "en"
        assert data["about"] and (data.get("author") or data.get("reviewedBy"))
        review_line = soup(path).select_one(".review-line time")
        assert data["lastReviewed"] == review_line["datetime"], name


def test_pages_end_with_doi_references(pages: dict[str, Path]) -> None:
    seen: set[str] = set()
    for name, path in pages.items():
        if name in NO_REFERENCES:
            continue
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


def test_every_page_links_to_get_help_now(pages: dict[str, Path], built_site: Path) -> None:
    for name, path in pages.items():
        hrefs = [a["href"] for a in soup(path).select("header a[href]")]
        targets = {(path.parent / h).resolve() for h in hrefs if not h.startswith("#")}
        assert (built_site / "get-help-now").resolve() in targets, name


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
    data = yaml.safe_load((ROOT / "data/crisis-lines.yml").read_text())
    numbers = {n for r in data["regions"].values() for n in r["emergency"]}
    numbers |= {line["number"] for r in data["regions"].values() for line in r["lines"]}
    pattern = re.compile(r"(?<![\d.,])(" + "|".join(map(re.escape, numbers)) + r")(?![\d.,%])")
    for page in sorted((ROOT / "docs").rglob("*.md")):
        found = pattern.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(ROOT)} hard-codes {found}: use get-help-now instead"


def test_the_diagram_has_a_text_alternative(pages: dict[str, Path]) -> None:
    svg = soup(pages["what-is-the-bond"]).select_one("article svg")
    assert svg is not None and svg.get("role") == "img"
    labels = (svg.get("aria-labelledby") or "").split()
    assert labels and all(svg.find(id=label) for label in labels)
    assert svg.find("title").get_text(strip=True)


def test_crisis_numbers_come_from_the_data_file(built_site: Path, tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "data/crisis-lines.yml").read_text())
    page = soup(built_site / "get-help-now" / "index.html")
    tels = [a["href"] for a in page.select("article a[href^='tel:']")]
    expected = []
    for code in data["order"]:
        region = data["regions"][code]
        expected += ["tel:" + n.replace(" ", "") for n in region["emergency"]]
        expected += ["tel:" + line["number"].replace(" ", "") for line in region["lines"]]
    assert tels == expected

    # Change the data in a copy of the project: the page follows, with no page edited.
    for name in ["docs", "hooks", "overrides", "data"]:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    data["regions"]["GB"]["lines"][0]["number"] = "0800 123 456"
    data["order"] = ["GB", *[c for c in data["order"] if c != "GB"]]
    (tmp_path / "data/crisis-lines.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    rebuilt = soup(build_site(tmp_path / "mkdocs.yml", tmp_path / "site")
                   / "get-help-now" / "index.html")
    tels = [a["href"] for a in rebuilt.select("article a[href^='tel:']")]
    assert tels[0] == "tel:999" and "tel:0800123456" in tels
    assert rebuilt.select("article .crisis-region")[0]["data-region"] == "GB"
