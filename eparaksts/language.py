"""Which of the assistant's languages (Latvian, English, Russian) a customer message is in.

lingua does the statistics; two cheap, certain signals go first: Cyrillic letters mean Russian
and Latvian diacritics mean Latvian. A message too short or too ambiguous to tell ("ok", "PIN",
"eID") returns None so that the conversation keeps the language it had.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from eparaksts.text import CYRILLIC

SUPPORTED = ("lv", "en", "ru")
DEFAULT = "lv"

_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_LATVIAN_DIACRITICS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
# Product names say nothing about the customer's language.
_NEUTRAL = re.compile(
    r"\b(e-?paraksts?\w*|eparakst\w*|mobile|e-?id\w*|pin\d?|puk|edoc|asic-?e|pdf|lvrtc|pmlp|ok|okay)\b",
    re.IGNORECASE,
)
# An e-mail address or a link says nothing about the language the customer writes in.
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)
MIN_CONFIDENCE = 0.75
# Short words lingua cannot score reliably but a customer uses as a whole message.
_SHORT_WORDS = {
    "hi": "en", "hey": "en", "thx": "en", "ty": "en", "yes": "en", "yep": "en", "nope": "en",
    "ja": "lv", "jaa": "lv", "ne": "lv", "nee": "lv", "cau": "lv", "sveiks": "lv", "sveika": "lv",
    "labdien": "lv", "labrit": "lv", "labvakar": "lv", "paldies": "lv",
}


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(
        Language.LATVIAN, Language.ENGLISH, Language.RUSSIAN
    ).build()


def detect(text: Optional[str]) -> Optional[str]:
    """ISO code of the message's language, or None when it cannot be told."""
    if not text:
        return None
    # Scripts and diacritics are counted without the product names: "сколько стоит eParaksts
    # mobile" has more Latin letters than Cyrillic ones, and "how to install eParakstītājs" has
    # Latvian diacritics, yet the customer wrote Russian and English.
    content = _NEUTRAL.sub(" ", _ADDRESSES.sub(" ", text))
    cyrillic = len(CYRILLIC.findall(content))
    latin = len(_LATIN.findall(content))
    if cyrillic and cyrillic >= latin:
        return "ru"
    if _LATVIAN_DIACRITICS.search(content):
        return "lv"
    word = text.strip().strip("!?.,").lower()
    if word in _SHORT_WORDS:
        return _SHORT_WORDS[word]
    if latin < 3:
        return None
    values = _detector().compute_language_confidence_values(content)
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None
    return {"LATVIAN": "lv", "ENGLISH": "en", "RUSSIAN": "ru"}[best.language.name]
