"""Word stems for the NLU features: one feature for all inflected forms of a word.

Russian and Latvian inflect heavily ("потерял", "потеряла", "потерянный"; "telefons", "telefonu",
"telefonā"), so whole-word counts see a different feature for each form and the classifier needs
an example of every form. The word-count featurizer sees the stem instead (the tokenizer puts it
in the token's lemma); the character n-gram featurizer still sees the surface form.

Russian and English use the Snowball stemmers. Snowball has no Latvian stemmer, so Latvian gets
a light nominal suffix stripper after Kreslins' algorithm (the one Lucene ships as
LatvianStemmer), adapted to folded text: the tokens arrive lower-cased and without diacritics.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from eparaksts.text import CYRILLIC

_VOWELS = set("aeiou")

# (suffix, vowels the whole word must have more than) — longest first; folded spellings, so
# "ām" and "am" are one entry.
_LATVIAN_SUFFIXES = (
    ("ajiem", 3), ("ajai", 3), ("ajam", 2), ("ajos", 2), ("ajas", 2), ("iem", 2), ("aja", 2),
    ("ais", 2), ("ai", 2), ("ei", 2), ("am", 1), ("em", 1), ("im", 1), ("um", 1), ("us", 1),
    ("as", 1), ("es", 1), ("os", 1), ("ij", 1), ("is", 1), ("ie", 1), ("u", 1), ("a", 1),
    ("i", 1), ("e", 1), ("o", 1), ("s", 0),
)


@lru_cache(maxsize=None)
def _snowball(language: str):
    import snowballstemmer

    return snowballstemmer.stemmer(language)


def _vowel_count(text: str) -> int:
    return sum(ch in _VOWELS for ch in text)


def latvian_stem(word: str) -> str:
    """Strip one nominal ending from a folded Latvian word ("telefonu" -> "telefon")."""
    vowels_in_word = _vowel_count(word)
    for suffix, vowels in _LATVIAN_SUFFIXES:
        if vowels_in_word > vowels and len(word) >= len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=50_000)
def stem(word: str, language: Optional[str]) -> str:
    """The stem of a folded token. Cyrillic words are Russian whatever the message was detected as;
    Latin words follow the message language (Latvian when it could not be told)."""
    if not word.isalpha():
        return word
    if CYRILLIC.search(word):
        return _snowball("russian").stemWord(word)
    if language == "en":
        return _snowball("english").stemWord(word)
    return latvian_stem(word)
