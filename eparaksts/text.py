"""Text normalisation shared by NLU features and lookups.

Latvian customers often type without diacritics ("pazaudeju telefonu"); folding both spellings
to one form lets one training example serve both. Russian ё is folded to е for the same reason.
"""
from __future__ import annotations

import re
import unicodedata

# Russian is the only one of the three languages written in Cyrillic: a certain signal.
CYRILLIC = re.compile(r"[\u0400-\u04FF]")

_FOLD = str.maketrans({"ё": "е", "Ё": "е"})


def fold(text: str) -> str:
    """Lower-case `text` and strip diacritics: 'Pazaudēju' -> 'pazaudeju'. Cyrillic is kept."""
    text = text.translate(_FOLD).lower()
    decomposed = unicodedata.normalize("NFD", text)
    # Drop combining marks only on Latin letters: Cyrillic й would otherwise become и.
    out = []
    for ch in decomposed:
        if unicodedata.combining(ch) and out and "a" <= unicodedata.normalize("NFD", out[-1])[0] <= "z":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))
