"""How many syllables a Spanish word has, by the rules of the RAE's Ortografía (2010).

Fernández-Huerta needs only the count, not where the breaks fall. Every Spanish syllable has
exactly one vowel nucleus, so the count is the number of nuclei and consonant clusters never
change it. textstat counts with Pyphen's hyphenation patterns instead, which never break a
hiatus (dí-a, po-e-ta, le-er) and so undercount Spanish text by about 0.1 syllable a word.

The rules followed:
- a e o (á é ó) are strong vowels; i u ü are weak, and í ú are weak vowels carrying the stress.
- Each strong vowel is a nucleus; two together are a hiatus: le-er, po-e-ta, ca-os.
- A weak vowel without a written accent joins the vowel beside it in a diphthong or triphthong
  and adds no nucleus: ciu-dad, rui-do, cons-truir, guion, buey, a-ve-ri-guáis, pin-güi-no.
  Weak vowels on their own are one nucleus (rui-do, cons-truí), unless the same vowel comes twice
  (chi-i-ta, fri-í-si-mo).
- A stressed weak vowel beside a strong one is a nucleus of its own: pa-ís, re-ír, dí-a, o-í-do.
- h is silent and changes nothing, neither a diphthong nor a hiatus: ahu-ma-do, prohi-bir
  (Instituto Cervantes: [proi-bír]), a-hí, bú-ho.
- The u of que, qui, gue, gui is silent and needs no rule of its own: as a weak vowel beside
  another vowel it adds no nucleus (que, quie-ro, gue-rra).
- y is the vowel i at the end of a word or before a consonant (hoy, muy, rey, U-ru-guay, the
  word y) and a consonant before a vowel (yo, ma-yo, a-yu-da).
- Accents that Spanish does not use (à, ï, ö) are read as the plain vowel; w and k are consonants.
- Each digit counts as one syllable ("30" two, "2010" four): a low but simple estimate, as numbers
  read aloud ("treinta", "dos mil diez") have about one or more syllables a digit.
- Every word has at least one syllable, even one without a vowel ("TCC").

Known limits:
- It counts the spelling's syllables, which the RAE fixes for everyone; some speakers say a
  hiatus where it writes a diphthong (gui-on, pro-hi-bir, je-su-i-ta, ac-tu-ar), so a slow
  reader's count can be a little higher.
- Abbreviations spelt out letter by letter (TCC: te-ce-ce) count as one syllable.
- Words from other languages are counted by Spanish rules ("online" has three).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

STRONG = frozenset("aeoáéó")
WEAK = frozenset("iuü")
STRESSED_WEAK = frozenset("íú")
# Letters kept as they are; any other accented letter is reduced to its base letter.
SPANISH_LETTERS = STRONG | WEAK | STRESSED_WEAK | {"ñ"}
# Weak vowels compared without their accent: i and í are the same vowel twice (fri-í-si-mo).
UNSTRESSED = str.maketrans("íú", "iu")
VOWEL_RUN = re.compile("[aeoáéóiuüíú]+")
# y is a consonant only before a vowel (yo, mayo); elsewhere it sounds as the vowel i.
VOWEL_Y = re.compile("y(?![aeoáéóiuüíú])")


def _plain_letter(char: str) -> str:
    if char in SPANISH_LETTERS:
        return char
    return unicodedata.normalize("NFD", char)[0]


def spoken_letters(word: str) -> str:
    """The word's letters and digits in lower case, as they sound: Spanish vowels kept, other
    accents dropped, the silent h removed and a vowel y written as i."""
    word = unicodedata.normalize("NFC", word.lower())
    letters = "".join(_plain_letter(c) for c in word if c.isalnum())
    # h is silent and does not separate the vowels around it (RAE): ahí is a-í.
    letters = letters.replace("h", "")
    return VOWEL_Y.sub("i", letters)


def nuclei(run: str) -> int:
    """Syllable nuclei in one run of adjacent vowels (already free of h and vowel y)."""
    bare = run.translate(UNSTRESSED)
    doubled = sum(a == b for a, b in pairwise(bare) if a not in STRONG)
    strong = sum(v in STRONG for v in run)
    if not strong:
        # Weak vowels alone make one nucleus (ciu-dad, cons-truí), the same one twice two (chi-i-ta).
        return 1 + doubled
    # A stressed í or ú beside a strong vowel is a hiatus (dí-a); unstressed weak vowels glide
    # into a neighbour and add nothing.
    stressed_weak = sum(v in STRESSED_WEAK and any(n in STRONG for n in run[max(i - 1, 0):i + 2])
                        for i, v in enumerate(run))
    return strong + stressed_weak + doubled


def syllables(word: str) -> int:
    """Number of syllables of a Spanish word (see the module docstring for the rules)."""
    letters = spoken_letters(word)
    digits = sum(c.isdigit() for c in letters)
    return max(1, digits + sum(nuclei(run) for run in VOWEL_RUN.findall(letters)))
