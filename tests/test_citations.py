"""Inline citations on the built pages, in both languages.

The convention (see the team rules and README): a page ends with `## References {#references}`
(Spanish `## Referencias {#references}`), a numbered list whose entries carry the ids `ref-1`,
`ref-2`, ...; every paragraph, list item or table row that states a figure links to one of
them with `[[N]](#ref-N)`, and every entry is cited at least once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT
from helpers import html_pages, soup

# A figure that needs a source: a percentage ("8 %", "8,2 %"), an r or d value ("r = .28",
# "d = 0,58", "a link of .275": a bare decimal below 1 with two or three digits), or a count
# of studies, people or samples ("295 studies", "more than 30,000 people", "6138 pacientes",
# "82 groups of clients"). Digits glued to other digits or dots (DOIs, versions) do not count.
PERCENT = r"(?<![\w.,])\d+(?:[.,]\d+)?\s?%"
CORRELATION = r"\b[rd]\s?=\s?[-\u2212]?0?[.,]\d+|(?<![\w.,])0?[.,]\d{2,3}(?![\w.,])"
COUNTED = (r"studies|people|patients|clients|samples|treatments|data sources|groups of clients"
           r"|estudios|pacientes|personas|muestras|tratamientos|grupos de pacientes")
COUNT = r"(?<![\w.,])\d[\d,.\u00a0\u202f ]*\s(?:more\s|other\s|más\s)?(?:" + COUNTED + r")\b"
FIGURE = re.compile("|".join([PERCENT, CORRELATION, COUNT]), re.IGNORECASE)
CITE = re.compile(r"^#ref-\d+$")

# Pages with no research content, so no figures to cite: the crisis page lists help lines
# (numbers from data/crisis-lines.yml, not findings) and has no References section.
NO_RESEARCH = {"get-help-now", "es/get-help-now"}
# Parts of an article that are not the page's own prose: the checklists' scaffolding (their
# questions, choices and result bands come from data/checklists/ and state no findings), the
# review line under the title, and code samples (embed snippets for clinics).
NOT_PROSE = ".checklist, .review-line, pre, code"


def _name(site: Path, page: Path) -> str:
    return page.parent.relative_to(site).as_posix()


def _lang(name: str) -> str:
    return "es" if name == "es" or name.startswith("es/") else "en"


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _references(article: Tag) -> list[Tag]:
    """The entries of the page's References list, in order."""
    heading = article.find(id="references")
    if heading is None:
        return []
    listing = heading.find_next_sibling(["ol", "ul"])
    return [] if listing is None else listing.find_all("li", recursive=False)


def _body_blocks(article: Tag) -> list[Tag]:
    """Paragraphs, list items, table rows and definitions (a glossary's <dd>) of the article,
    before its References section, outside the parts that are not prose."""
    heading = article.find(id="references")
    # Sets of id(): bs4 tags compare (and hash) by their markup, not by identity.
    after = {id(el) for el in heading.find_all_next()} if heading is not None else set()
    skipped = {id(el) for node in article.select(NOT_PROSE) for el in [node, *node.find_all()]}
    return [el for el in article.find_all(["p", "li", "tr", "dd"])
            if id(el) not in after and id(el) not in skipped]


def _innermost(blocks: list[Tag]) -> list[Tag]:
    """A list item or definition holding paragraphs is judged by its paragraphs, a row by
    itself."""
    chosen = {id(b) for b in blocks}
    return [b for b in blocks
            if not (b.name in ("li", "dd") and any(id(inner) in chosen for inner in b.find_all("p")))]


def _cites(block: Tag) -> list[str]:
    return [a["href"] for a in block.find_all("a", href=True) if CITE.match(a["href"])]


def _article(path: Path) -> Tag:
    article = soup(path).select_one("article")
    assert article is not None, path
    return article


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Path]:
    found = {_name(built_site, p): p for p in html_pages(built_site)}
    return {name: path for name, path in found.items() if name not in NO_RESEARCH}


def _sources_with_references() -> list[Path]:
    return [p for p in sorted((ROOT / "docs").glob("*.md"))
            if re.search(r"^## .+\{#references\}\s*$", p.read_text(encoding="utf-8"), re.M)]


def test_enough_pages_are_checked(pages: dict[str, Path]) -> None:
    sources = _sources_with_references()
    with_references = [n for n, p in pages.items() if _references(_article(p))]
    assert len(sources) >= 20, sources
    assert len(with_references) >= len(sources), sorted(with_references)
    assert {_lang(n) for n in with_references} == {"en", "es"}


def _uncited_figures(name: str, article: Tag) -> tuple[int, list[str]]:
    """How many blocks state a figure, and those among them without a citation link."""
    checked, uncited = 0, []
    for block in _innermost(_body_blocks(article)):
        figure = FIGURE.search(_text(block))
        if figure is None:
            continue
        checked += 1
        if not _cites(block):
            uncited.append(f"{name}: <{block.name}> states {figure.group(0)!r} without a "
                           f"[[N]](#ref-N) link: {_text(block)[:90]}")
    return checked, uncited


def _reference_problems(name: str, article: Tag) -> list[str]:
    """Entries never cited in the text, and citation links that point at no entry."""
    ids = [li.get("id", "") for li in _references(article)]
    if ids != [f"ref-{n}" for n in range(1, len(ids) + 1)]:
        return [f"{name}: References entries need the ids ref-1, ref-2, ... in order, not {ids}"]
    cited = {href[1:] for block in _body_blocks(article) for href in _cites(block)}
    every = {a["href"][1:] for a in article.find_all("a", href=True) if CITE.match(a["href"])}
    return ([f"{name}: #{i} is never cited in the text" for i in ids if i not in cited]
            + [f"{name}: [[..]](#{i}) points at no entry" for i in sorted(every - set(ids))])


def test_every_figure_is_cited(pages: dict[str, Path]) -> None:
    checked, uncited = 0, []
    for name, path in pages.items():
        found, missing = _uncited_figures(name, _article(path))
        checked += found
        uncited += missing
    assert checked >= 40, f"only {checked} blocks with figures found: is the pattern broken?"
    assert not uncited, "\n".join(uncited)


def test_every_reference_is_cited_and_every_citation_has_a_reference(
        pages: dict[str, Path]) -> None:
    problems: list[str] = []
    entries = 0
    for name, path in pages.items():
        article = _article(path)
        entries += len(_references(article))
        problems += _reference_problems(name, article)
    assert entries >= 40, entries
    assert not problems, "\n".join(problems)


def test_pages_with_references_cite_at_least_two_sources(pages: dict[str, Path]) -> None:
    counts = {name: len(_references(_article(path))) for name, path in pages.items()}
    thin = {name: n for name, n in counts.items() if 0 < n < 2}
    missing = [name for name, n in counts.items() if n == 0]
    assert len(counts) >= 20
    assert not thin, f"pages citing fewer than two sources: {thin}"
    assert not missing, f"pages without a References list: {missing}"


# The key figures, each with one home: stated with its citation on the evidence page and at
# most one other page per language; every other mention links to a page that states it.
KEY_FIGURES = {
    "r = .278": re.compile(r"(?<![\d.,])0?[.,]278(?!\d)"),
    "295 studies": re.compile(r"(?<![\d.,])295(?![\d.,])"),
    "demonstrably effective": re.compile(r"demonstrably effective|eficacia demostrada", re.I),
}
MOST_HOMES = 2


def _key_figure_blocks(article: Tag, pattern: re.Pattern[str]) -> list[Tag]:
    return [b for b in _innermost(_body_blocks(article)) if pattern.search(_text(b))]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("figure", list(KEY_FIGURES))
def test_each_key_figure_is_stated_on_at_most_two_pages_and_linked_elsewhere(
        pages: dict[str, Path], lang: str, figure: str) -> None:
    """Readers who read three pages should not meet the same finding three times."""
    pattern = KEY_FIGURES[figure]
    in_lang = {name: _article(path) for name, path in pages.items() if _lang(name) == lang}
    stated: set[str] = set()
    unlinked: list[str] = []
    for name, article in in_lang.items():
        for block in _key_figure_blocks(article, pattern):
            if _cites(block):
                stated.add(name)
            elif not any(href.split("#")[0].rstrip("/").endswith(("evidence", "why-it-matters"))
                         for href in (a["href"] for a in block.find_all("a", href=True))):
                unlinked.append(f"{name}: {_text(block)[:100]}")
    assert len(in_lang) >= 12 and any(n.endswith("evidence") for n in stated), stated
    assert len(stated) <= MOST_HOMES, f"{figure!r} stated with its citation on: {sorted(stated)}"
    assert not unlinked, f"{figure!r} mentioned without a citation or a link to its home:\n" + (
        "\n".join(unlinked))


def test_the_patterns_find_what_they_should() -> None:
    """The figure pattern itself: what counts as a figure and what does not."""
    for text in ["r = .28", "d = 0,58", "a link of .275", "8 %", "8,2 %", "295 studies",
                 "more than 30,000 people", "6138 pacientes", "30 000 personas", "82 samples",
                 "0,24 en 54 estudios", "82 groups of clients"]:
        assert FIGURE.search(text), text
    for text in ["doi:10.1037/pst0000172", "MkDocs 1.6", "in 2018", "36 questions",
                 "grade 8", "1 to 7"]:
        assert not FIGURE.search(text), text


def test_the_checks_catch_a_broken_page() -> None:
    """Each check on a small page broken on purpose. (A link to a missing #ref-N also fails
    the strict build, so a real page can never show that case to the tests above.)"""
    def article(body: str, entries: int) -> Tag:
        refs = "".join(f'<li id="ref-{n}">Source {n}</li>' for n in range(1, entries + 1))
        html = (f'<article><p class="review-line">Last reviewed 2026</p>{body}'
                f'<h2 id="references">References</h2><ol>{refs}</ol></article>')
        found = BeautifulSoup(html, "html.parser").article
        assert found is not None
        return found

    good = article('<p>A link of r = .28 <a href="#ref-1">[1]</a>.</p>'
                   '<ul><li><p>In 295 studies <a href="#ref-2">[2]</a>.</p></li></ul>'
                   '<div class="checklist"><p>8 % of answers</p></div>', 2)
    assert _uncited_figures("good", good) == (2, [])
    assert _reference_problems("good", good) == []
    assert _key_figure_blocks(good, KEY_FIGURES["295 studies"])

    uncited_figure = article('<p>A link of r = .28.</p><p>See <a href="#ref-1">[1]</a>.</p>', 1)
    assert _uncited_figures("x", uncited_figure)[1] == [
        "x: <p> states 'r = .28' without a [[N]](#ref-N) link: A link of r = .28."]
    uncited_entry = article('<p>About 8 % <a href="#ref-1">[1]</a>.</p>', 2)
    assert _reference_problems("x", uncited_entry) == ["x: #ref-2 is never cited in the text"]
    dangling = article('<p>About 8 % <a href="#ref-1">[1]</a> <a href="#ref-9">[9]</a>.</p>', 1)
    assert _reference_problems("x", dangling) == ["x: [[..]](#ref-9) points at no entry"]
    assert len(_references(article("<p>x</p>", 1))) == 1
    assert not _key_figure_blocks(article("<p>In 2950 ways, 7,278 people</p>", 1),
                                  KEY_FIGURES["295 studies"])
    assert _key_figure_blocks(article("<p>r = 0,278</p>", 1), KEY_FIGURES["r = .278"])
    assert not _key_figure_blocks(article("<p>7,278 people</p>", 1), KEY_FIGURES["r = .278"])
