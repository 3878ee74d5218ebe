"""The Spanish syllable count behind the Fernández-Huerta figure: words whose syllables are known,
a sentence, the site's own text, and the formula that uses the count."""

from __future__ import annotations

import pytest
from conftest import ROOT
from readability import main_text, markdown_to_html, spanish_ease, spanish_syllable_count, textstat
from spanish_syllables import syllables

KNOWN = {
    # diphthongs and triphthongs: an unstressed i or u joins its neighbour
    "ciudad": 2, "ruido": 2, "cuidado": 3, "construir": 2, "aire": 2, "acuerdo": 3,
    "alianza": 3, "confianza": 3, "relación": 3, "emergencia": 4, "sentimiento": 4,
    "terapeuta": 4, "buey": 1, "averiguáis": 4, "jesuita": 3,
    # guion is one syllable since the RAE's 2010 Ortografía; the u of que, qui, gue, gui is silent
    "guion": 1, "que": 1, "guerra": 2, "quiero": 2, "pingüino": 3,
    # hiatus: two strong vowels, or a stressed í or ú beside a strong one
    "leer": 2, "poeta": 3, "caos": 2, "país": 2, "reír": 2, "día": 2, "oído": 3,
    "psicología": 5, "vínculo": 3,
    # h is silent and changes nothing: ahí and búho keep their hiatus, ahumado its diphthong, and
    # prohibir is prohi-bir, two syllables (Instituto Cervantes: [proi-bír]), not pro-hi-bir
    "ahí": 2, "búho": 2, "ahumado": 3, "prohibir": 2,
    # y: a vowel at the end of a word, a consonant before a vowel
    "hoy": 1, "muy": 1, "rey": 1, "Uruguay": 3, "y": 1, "yo": 1, "mayo": 2, "ayuda": 3,
    # a weak vowel between two strong ones goes with one of them: ca-ca-hue-te
    "cacahuete": 4,
    # the same weak vowel twice is a hiatus: chi-i-ta, fri-í-si-mo
    "chiita": 3, "friísimo": 4,
}


@pytest.mark.parametrize(("word", "count"), KNOWN.items())
def test_known_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_capitals_digits_and_words_without_vowels() -> None:
    assert syllables("PSICOLOGÍA") == 5
    assert syllables("2010") == 4  # one a digit: low, but not one for the whole number
    assert syllables("TCC") == 1  # every word has at least one


def test_a_sentence() -> None:
    # Hoy 1, leí 2, que 1, el 1, búho 2, oía 3, ruido 2, en 1, Uruguay 3
    assert spanish_syllable_count("¿Hoy leí que el búho oía ruido en Uruguay?") == 16


def _textstat_syllables(text: str) -> int:
    textstat.set_lang("es")
    try:
        return textstat.syllable_count(text)
    finally:
        textstat.set_lang("en")


def _spanish_pages() -> dict[str, str]:
    return {p.name: main_text(markdown_to_html(p.read_text(encoding="utf-8")))
            for p in sorted((ROOT / "docs").glob("*.es.md"))}


def test_the_count_is_higher_than_textstats_on_every_spanish_page() -> None:
    """The reason for the module: textstat's hyphenation patterns miss syllables (u-na, dí-a)."""
    pages = _spanish_pages()
    assert len(pages) >= 12
    lower = {name: (spanish_syllable_count(text), _textstat_syllables(text))
             for name, text in pages.items()
             if spanish_syllable_count(text) <= _textstat_syllables(text)}
    assert not lower, f"pages where textstat counts as many syllables or more: {lower}"


def test_spanish_ease_uses_this_count() -> None:
    """One 9-word sentence of 16 syllables (textstat counts fewer): 206.84 - 60 * 16/9 - 1.02 * 9."""
    text = "Hoy leí que el búho oía ruido en Uruguay."
    assert _textstat_syllables(text) != 16
    assert spanish_ease(text) == pytest.approx(206.84 - 60 * 16 / 9 - 1.02 * 9)


def test_spanish_ease_of_an_empty_text_is_zero() -> None:
    assert spanish_ease("") == 0.0
