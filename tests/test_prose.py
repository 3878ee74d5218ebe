"""Prose that reads like a person: English articles at grade 5 to 8 (not grade 2 made of
fragments), no runs of very short sentences, and headings that are the reader's questions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import html_pages
from readability import GRADE_LIMIT, _drop_references, grade, main_text

GRADE_FLOOR = 5.0
# The crisis page is short steps and phone numbers on purpose: someone in crisis needs the
# next action, not flowing prose. It is held to the ceiling only (test_content.py).
CRISIS_PAGES = {"get-help-now", "es/get-help-now"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[¿¡\"“(A-ZÁÉÍÓÚÑ])")
SHORT = 5  # words: a sentence this short is a fragment when several come in a row
LONGEST_RUN = 2


def _name(site: Path, page: Path) -> str:
    return page.parent.relative_to(site).as_posix()


@pytest.fixture(scope="module")
def articles(built_site: Path) -> dict[str, Tag]:
    """Each content page's article, without its checklist (answer statements are short by
    design and measured in test_content.py) and without its references."""
    found = {}
    for page in html_pages(built_site):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        assert isinstance(article, Tag), page
        for checklist in article.select("[data-checklist]"):
            checklist.decompose()
        _drop_references(article)
        found[_name(built_site, page)] = article
    return found


def fragment_runs(article: Tag) -> list[str]:
    """Paragraphs and list items with more than LONGEST_RUN very short sentences in a row."""
    found = []
    for block in article.find_all(["p", "li", "dd"]):
        if block.find(["p", "li"]):
            continue  # counted at the innermost level
        sentences = SENTENCE_END.split(block.get_text(" ", strip=True))
        run = 0
        for sentence in sentences:
            run = run + 1 if len(sentence.split()) <= SHORT else 0
            if run > LONGEST_RUN:
                found.append(" ".join(sentences)[:120])
                break
    return found


def test_english_articles_read_at_grade_5_to_8(articles: dict[str, Tag]) -> None:
    grades = {name: round(grade(main_text(str(article))), 1)
              for name, article in articles.items()
              if not name.startswith("es") and name not in CRISIS_PAGES}
    assert len(grades) >= 20, sorted(grades)
    outside = {name: g for name, g in grades.items() if not GRADE_FLOOR <= g <= GRADE_LIMIT}
    assert outside == {}, f"English articles outside grade {GRADE_FLOOR}-{GRADE_LIMIT}: {outside}"


def test_no_runs_of_very_short_sentences(articles: dict[str, Tag]) -> None:
    assert len(articles) >= 40
    runs = {name: found for name, article in articles.items() if (found := fragment_runs(article))}
    assert runs == {}, f"more than {LONGEST_RUN} sentences of {SHORT} words or fewer in a row: {runs}"


def test_the_fragment_check_catches_fragments() -> None:
    choppy = BeautifulSoup("<article><p>Trust grows. It takes time. Be patient. Keep going, and"
                           " talk to your therapist about it.</p></article>", "html.parser")
    flowing = BeautifulSoup("<article><p>Trust grows. It can take time, and that is normal for"
                            " a new relationship.</p></article>", "html.parser")
    assert fragment_runs(choppy.article) and not fragment_runs(flowing.article)  # type: ignore[arg-type]


def test_headings_are_the_readers_questions(articles: dict[str, Tag]) -> None:
    checked, statements = 0, {}
    for name, article in articles.items():
        if name in CRISIS_PAGES:
            continue  # action headings ("What to do in an emergency") on the crisis page
        for heading in article.find_all("h2"):
            text = heading.get_text(" ", strip=True).rstrip("¶").strip()
            checked += 1
            if not text.endswith("?"):
                statements.setdefault(name, []).append(text)
    assert checked >= 150
    assert statements == {}, f"section headings that are not questions: {statements}"
