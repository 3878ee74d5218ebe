"""Reading level of the site's pages, measured the way the tests measure it.

Usage:
    .venv/bin/python scripts/readability.py docs/trust.md [...]   # Markdown sources
    .venv/bin/python scripts/readability.py site/                  # a built site

English pages: Flesch-Kincaid grade, at most 8. Spanish pages (`*.es.md`, or built pages under
`es/`): Fernandez-Huerta ease, at least 60 (higher is easier), with syllables counted by
spanish_syllables.py.

The text measured is the page's main content without its References section, the review
and author line or the checklists' scaffolding. Each heading, paragraph, list item and table
cell counts as its own sentence, because that is how a reader meets it.

What counts as a checklist's scaffolding, and why. A checklist is a form: its answer labels
("Not at all", "Yes"), the group titles in its legends ("Agreeing on goals"), its buttons
("Copy my answers") and the list of crisis lines in its crisis panel (names and numbers, the
same data as the get-help-now page) are one- to three-word controls, not sentences. Counted as
sentences they would add dozens of very short "sentences" to every checklist page and pull its
grade down by several points without making any prose easier. So they are left out. Each
checklist statement (the legend of one item, e.g. "I feel safe telling my therapist things I
find hard to say.") is kept: it is a full sentence the reader has to read, understand and judge,
so it is measured like a paragraph. So are the checklist's intro, privacy note, guidance,
suggested phrases and result headings, which are prose.
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import markdown

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # textstat 0.7.4 imports the deprecated pkg_resources
    import textstat
from bs4 import BeautifulSoup, Tag
from spanish_syllables import syllables

GRADE_LIMIT = 8.0
SPANISH_EASE_MINIMUM = 60.0
BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "dt", "dd", "figcaption",
          "summary"]
# Parts of a page that are not prose for the reader: the references, permalinks, the
# review and author line (marked data-readability="skip" by the template), machine-readable
# scripts, SVG drawings, and a checklist's controls (see the module docstring): answer labels,
# buttons, every legend except a statement's, and the crisis panel's list of lines.
SKIP = ["script", "style", "svg", "a.headerlink", "[data-readability=skip]", ".md-source-file",
        "label", "button", "input", ".checklist__choices", ".checklist__actions",
        ".checklist__crisis .crisis-lines"]
# A checklist statement is the legend of its item's fieldset: measured as a sentence.
STATEMENT = "fieldset.checklist__item > legend"
MD_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
                 "tables", "toc", "pymdownx.details", "pymdownx.superfences"]


def _drop_references(root: Tag) -> None:
    heading = root.find(id="references")
    if heading is None:
        return
    for sibling in list(heading.find_next_siblings()):
        sibling.decompose()
    heading.decompose()


def main_text(html: str) -> str:
    """Return the readable prose of a page's article as sentences, one block per sentence."""
    soup = BeautifulSoup(html, "html.parser")
    root = soup.find("article") or soup
    _drop_references(root)
    for selector in SKIP:
        for node in root.select(selector):
            node.decompose()
    for statement in root.select(STATEMENT):
        statement.name = "p"
    for legend in root.find_all("legend"):
        legend.decompose()
    sentences: list[str] = []
    for block in root.find_all(BLOCKS):
        # Nested blocks (a paragraph inside a list item) are counted once, at the innermost level.
        if block.find(BLOCKS):
            continue
        text = " ".join(block.get_text(" ").split())
        if not text:
            continue
        if not re.search(r"[.!?:]$", text):
            text += "."
        sentences.append(text)
    return "\n".join(sentences)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of English text (lower is easier), from textstat's counts of words,
    sentences and syllables. The formula is applied here, not by textstat: 0.7.4 rounds the
    average syllables per word to one decimal first, which moves a page's grade by up to 1.2
    (1.249 syllables a word counts as 1.2, 1.251 as 1.3) and rewards tuning a page to that edge."""
    textstat.set_lang("en")
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * textstat.syllable_count(text) / words - 15.59


def spanish_syllable_count(text: str) -> int:
    """Syllables of Spanish text, counted by spanish_syllables over the words textstat counts
    (its lexicon_count splits the same punctuation-free text), so only the syllables differ."""
    return sum(syllables(word) for word in textstat.remove_punctuation(text).split())


def spanish_ease(text: str) -> float:
    """Fernandez-Huerta reading ease of Spanish text (higher is easier), from textstat's counts
    of words and sentences and spanish_syllables' count of syllables: textstat 0.7.4 counts
    syllables with Pyphen's hyphenation patterns, which miss about 0.1 syllable a Spanish word
    (u-na, dí-a, le-er), so its figures came out too easy (the README gives both).

    The formula is textstat's (0.7.4, after legible.es): 206.84 - 60 * syllables per word
    - 1.02 * words per sentence. Fernandez Huerta (1959) is usually printed as 206.84 - 0.60 P
    - 1.02 F with F "sentences per 100 words"; that would score longer sentences as easier, and
    as an adaptation of Flesch (whose term is words per sentence) it is read as a misprint
    (G. Law, LINGUIST List 22.2332, 2011). As in grade(), the averages are not rounded first."""
    words = textstat.lexicon_count(text)
    sentences = textstat.sentence_count(text)
    if not words:
        return 0.0
    return 206.84 - 60 * spanish_syllable_count(text) / words - 1.02 * words / sentences


def is_spanish(name: str) -> bool:
    return name.endswith(".es.md") or "/es/" in name.replace("\\", "/") + "/"


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9][\w'\u2019-]*", text))


def markdown_to_html(source: str) -> str:
    source = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)
    return "<article>" + markdown.markdown(source, extensions=MD_EXTENSIONS) + "</article>"


def _pages(target: Path) -> list[tuple[str, str]]:
    if target.is_dir():
        return [(str(p), p.read_text(encoding="utf-8")) for p in sorted(target.rglob("index.html"))]
    return [(str(target), markdown_to_html(target.read_text(encoding="utf-8")))]


def main(argv: list[str]) -> int:
    failed = 0
    total = 0
    for arg in argv or ["site"]:
        for name, html in _pages(Path(arg)):
            text = main_text(html)
            n = words(text)
            total += n
            if is_spanish(name):
                ease = spanish_ease(text)
                failed += ease < SPANISH_EASE_MINIMUM
                flag = "" if ease >= SPANISH_EASE_MINIMUM else "  <-- below 60"
                print(f"FH {ease:5.1f}  {n:5d} words  {name}{flag}")
            else:
                g = grade(text)
                failed += g > GRADE_LIMIT
                flag = "" if g <= GRADE_LIMIT else "  <-- above grade 8"
                print(f"FK {g:5.1f}  {n:5d} words  {name}{flag}")
    print(f"total {total} words; {failed} page(s) outside the limits "
          f"(English grade <= {GRADE_LIMIT}, Spanish ease >= {SPANISH_EASE_MINIMUM})")
    return 0 if not failed else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
