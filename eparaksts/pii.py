"""Mask personal data in customer text before anything stores or logs it.

The channel guard (eparaksts/channels/guard.py) runs `mask()` on every customer message, so the
tracker store, Rasa's logs, the NLU and the action server only ever see the masked text. The
project standard: personal codes, card numbers and PINs are never stored in clear.

How it works: spaCy's rule-based tokenizer (`spacy.blank("xx")`, no statistical model) splits the
text, every token gets a folded form (lower case, no diacritics, ё → е: eparaksts.text.fold) as
its NORM, and a spaCy `Matcher` finds candidate token sequences. Each candidate is then checked in
Python (a real date, the Luhn sum) before it is replaced. Two things token patterns cannot say are
done with small regular expressions: the tokenizer is taught to split "PIN:1234", "pin=1234",
"PIN1234" (extra infixes), and a password's extent is "up to the next space" (a password may
contain any character, including what the tokenizer splits off).

Kinds and why each rule is as it is:

- `personal_code` – Latvian personas kods, 11 digits. Old form DDMMYY-CNNNN: the first six
  digits must be a possible date (day 01–31 within the month, month 01–12, any year; 29 February
  always allowed because the century is not certain). New form 32NNNN-NNNNN: starts with 32,
  which is never a day, so the two forms cannot be confused. Written as 6+5 digits with a hyphen,
  a space, both, or nothing between. The check digit is NOT verified: customers mistype, and a
  mistyped code is still personal data – better masked than leaked. The date test is what keeps
  other 11-digit numbers out: Latvian company registration numbers start with 4 or 5 (day 40–59)
  and a phone written as 371XXXXXXXX has day 37.
- `card_number` – 13–19 digits passing the Luhn check, written together or in the groups a card
  is printed in (4-4-4-4, 4-4-4-4-1..3, 4-4-4-1..3, and Amex/Diners 4-6-5, 4-6-4), separated by
  spaces or hyphens. Only printed groupings count, so that a phone number next to other numbers
  ("67108787 1234 5678") is never read as one long number; the Luhn check drops 9 of 10 random
  digit runs. A phone written as 00371XXXXXXXX (13 digits) is excluded even if its Luhn sum is right.
- `secret` – PIN, PUK, password and similar codes. A bare number says nothing (it can be a year,
  an amount, a phone), so a secret is only recognised right after a keyword: PIN/PIN1/PIN2, PUK,
  pin kods, parole/paroli, kods/kodu (Latvian, with or without diacritics), pin, puk, password,
  passcode, code (English), пин, ПИН-код, пук, пароль, код (Russian), followed by at most four
  linking tokens from a short list (ir/is/это, mans/my/мой, kods/code/код, ":", "=", "-", …) and
  then the value. Linking tokens are a closed list, not "any word", so "I forgot my PIN in 2024"
  keeps its year. The value is a run of 4–12 digits (PINs are 4–12, PUKs 8); after a password
  keyword it may also be a password-like word: letters with digits or symbols inside
  ("Saule2024!"), masked up to the next space (a password may hold any character; only one
  trailing comma, full stop or semicolon is left, as the sentence's punctuation). A plain word after "password" is not masked
  ("mana parole ir nepareiza" – my password is wrong), nor is a web or e-mail address.
  A word like "PIN" alone is never masked.

Not masked, on purpose: the service phone 67108787 and other Latvian phones (8 digits, 2… or 6…,
optionally +371), dates, times such as 9.00–18.00, years, amounts, reference numbers such as
U-261124-7K3Q9X, e-mail and web addresses.

Each kind is replaced by a fixed, language-neutral placeholder (`PLACEHOLDERS`), so the masked
message still reads as a sentence to the NLU and to staff reading transcripts.
"""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Tuple

from eparaksts.text import fold

PERSONAL_CODE = "personal_code"
CARD_NUMBER = "card_number"
SECRET = "secret"

PLACEHOLDERS: Dict[str, str] = {
    PERSONAL_CODE: "[personal code]",
    CARD_NUMBER: "[card number]",
    SECRET: "[secret]",
}
_PRIORITY = {PERSONAL_CODE: 0, CARD_NUMBER: 1, SECRET: 2}
_PLACEHOLDER_KIND = {placeholder: kind for kind, placeholder in PLACEHOLDERS.items()}
_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))

# Keywords (folded: lower case, no diacritics). PIN/PUK forms also as "pin"/"-"/"kods" tokens.
_CODE_KEYWORDS = [
    # Latvian
    "pin", "pin1", "pin2", "pins", "pina", "pinu", "pinam", "pini", "pinus", "pinkods", "pinkodu",
    "puk", "puk1", "puk2", "puks", "puka", "puku", "pukkods", "pukkodu",
    "kods", "kodu", "koda", "kodi", "kodus",
    # English
    "pins", "pin-code", "pincode", "passcode", "passcodes", "code", "codes",
    # Russian
    "пин", "пин1", "пин2", "пинкод", "пинкода", "пин-код", "пин-кода", "пук", "пук1", "пук2",
    "пуккод", "пук-код", "код", "кода", "коды", "кодом",
]
_PASSWORD_KEYWORDS = [
    "parole", "paroli", "paroles", "parolei", "parolu", "password", "passwords", "passwd", "pwd",
    "пароль", "пароля", "паролем", "паролю",
]
# What may stand between the keyword and the value: a closed list, so ordinary sentences
# ("I forgot my PIN in 2024") are not read as secrets.
_LINKING = [
    ":", "=", "-", "–", "—", ",", "\"", "'", "«", "»", "is", "was", "are", "its", "it's", "my", "the",
    "new", "old", "number", "no", "no.", "nr", "nr.", "ir", "bija", "mans", "mana", "manu", "man",
    "jaunais", "jauns", "jauna", "vecais", "vecs", "veca", "numurs", "это", "мой",
    "моя", "мое", "мои", "новый", "старый", "номер", "такой", "был", "есть", "1", "2",
] + _CODE_KEYWORDS
_EXTRA_INFIXES = [
    r"[:=]",  # "PIN:1234", "pin1=5678", "kods:010190-12345"
    r"(?<=[pP][iI][nN])(?=\d{4})",  # "PIN1234"
    r"(?<=[pP][uU][kK])(?=\d{4})",  # "PUK12345678"
    r"(?<=[пП][иИ][нН])(?=\d{4})",  # "пин1234"
]
_DIGITS = re.compile(r"\D")
_LATVIAN_PHONE_00 = re.compile(r"^00371[26]\d{7}$")
# Cheap pre-check: a message with no digit and no password keyword has nothing to mask.
_HINT = re.compile(r"\d|parol|passw|pwd|парол", re.IGNORECASE)
_TRAILING_PUNCT = ".,;:!?)]}\"'»"
_WEB_OR_MAIL = re.compile(r"@|://|^www\.|\.(lv|com|eu|ru|org|net|gov\.lv)(/|$)", re.IGNORECASE)
_HYPHENS = ["-", "–", "‐"]
_SEPARATORS = [":", "=", "-", "–", "—", ","]


class Masked(NamedTuple):
    text: str
    kinds: FrozenSet[str]


def _digit_token(count: str) -> Dict[str, Any]:
    return {"TEXT": {"REGEX": rf"^\d{{{count}}}$"}}


_OPTIONAL_HYPHEN = {"TEXT": {"IN": _HYPHENS}, "OP": "?"}


def _grouped(*sizes: str) -> List[Dict[str, Any]]:
    pattern: List[Dict[str, Any]] = []
    for i, size in enumerate(sizes):
        if i:
            pattern.append(_OPTIONAL_HYPHEN)
        pattern.append(_digit_token(size))
    return pattern


@lru_cache(maxsize=1)
def _pipeline():
    """The tokenizer and matcher, built once per process."""
    import spacy
    from spacy.matcher import Matcher
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("xx")
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        list(nlp.Defaults.infixes) + _EXTRA_INFIXES
    ).finditer
    matcher = Matcher(nlp.vocab)
    matcher.add(
        PERSONAL_CODE,
        [
            _grouped("6", "5"),
            [_digit_token("11")],
            [{"TEXT": {"REGEX": r"^\d{6}[-‐–]\d{5}$"}}],  # when the tokenizer keeps it whole
        ],
    )
    matcher.add(
        CARD_NUMBER,
        [
            [_digit_token("13,19")],
            [{"TEXT": {"REGEX": r"^\d{4}(?:-\d{1,6}){2,4}$"}}],
            _grouped("4", "4", "4", "4"),
            _grouped("4", "4", "4", "4", "1,3"),
            _grouped("4", "4", "4", "1,3"),
            _grouped("4", "6", "5"),
            _grouped("4", "6", "4"),
        ],
    )
    linking = {"NORM": {"IN": _LINKING}, "OP": "{0,4}"}
    matcher.add(
        SECRET,
        [
            [{"NORM": {"IN": _CODE_KEYWORDS + _PASSWORD_KEYWORDS}}, linking, _digit_token("4,12")],
            # "pin1=1234" when the tokenizer keeps it whole; the digits after the separator go.
            [{"NORM": {"REGEX": r"^(pin|puk|пин|пук)[12]?[:=]\d{4,12}$"}}],
        ],
    )
    matcher.add(
        "password",
        [[{"NORM": {"IN": _PASSWORD_KEYWORDS}}, linking, {"NORM": {"NOT_IN": _SEPARATORS}}]],
    )
    return nlp, matcher


def _valid_date(digits: str) -> bool:
    day, month = int(digits[0:2]), int(digits[2:4])
    if not 1 <= month <= 12:
        return False
    # Any year: 29 February is possible in a leap year of some century.
    last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return 1 <= day <= last


def is_personal_code(digits: str) -> bool:
    return len(digits) == 11 and (digits.startswith("32") or _valid_date(digits[:6]))


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    return 13 <= len(digits) <= 19 and luhn_ok(digits) and not _LATVIAN_PHONE_00.match(digits)


def _password_like(word: str) -> bool:
    core = word.rstrip(_TRAILING_PUNCT).lstrip("\"'«(")
    if len(core) < 4 or _WEB_OR_MAIL.search(core):
        return False
    has_letter = any(ch.isalpha() for ch in core)
    has_other = any(ch.isdigit() or not (ch.isalnum() or ch in "-'") for ch in core)
    return has_letter and has_other


def _candidates(text: str) -> Iterable[Tuple[int, int, str]]:
    """(start_char, end_char, kind) of every validated match."""
    nlp, matcher = _pipeline()
    doc = nlp.make_doc(text)
    for token in doc:
        token.norm_ = fold(token.text)
    for match_id, start, end in matcher(doc):
        label = nlp.vocab.strings[match_id]
        span = doc[start:end]
        if label == PERSONAL_CODE:
            if is_personal_code(_DIGITS.sub("", span.text)):
                yield span.start_char, span.end_char, PERSONAL_CODE
        elif label == CARD_NUMBER:
            if is_card_number(_DIGITS.sub("", span.text)):
                yield span.start_char, span.end_char, CARD_NUMBER
        elif label == SECRET:
            value = span[-1]
            if len(span) == 1:  # glued "pin1=1234": keep the keyword, mask the digits
                cut = max(value.text.rfind(":"), value.text.rfind("=")) + 1
                yield value.idx + cut, value.idx + len(value.text), SECRET
            else:
                yield value.idx, value.idx + len(value.text), SECRET
        else:  # password-like word after a password keyword, up to the next space
            value = span[-1]
            stop = value.idx
            while stop < len(text) and not text[stop].isspace():
                stop += 1
            if _password_like(text[value.idx:stop]):
                # One trailing comma, full stop or semicolon is read as the sentence's own.
                if text[stop - 1] in ",.;" and stop - 1 > value.idx:
                    stop -= 1
                yield value.idx, stop, SECRET


def mask(text: Optional[str]) -> Masked:
    """`text` with personal codes, card numbers and secrets replaced by their placeholders."""
    if not text or not _HINT.search(text):
        return Masked(text or "", frozenset())
    # Longest match wins, so the "kods" secret rule seeing the first half of a personal code
    # ("kods 010190-12345") loses to the whole code; on equal spans ("kods 01019012345") the more
    # specific kind wins.
    chosen: List[Tuple[int, int, str]] = []
    candidates = sorted(set(_candidates(text)), key=lambda c: (c[0] - c[1], _PRIORITY[c[2]], c[0]))
    for start, end, kind in candidates:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    if not chosen:
        return Masked(text, frozenset())
    out, last = [], 0
    for start, end, kind in sorted(chosen):
        out.append(text[last:start])
        out.append(PLACEHOLDERS[kind])
        last = end
    out.append(text[last:])
    return Masked("".join(out), frozenset(kind for _, _, kind in chosen))


def mask_value(value: Any) -> Tuple[Any, FrozenSet[str]]:
    """Mask every string inside a JSON-like value (message metadata); other values are kept."""
    if isinstance(value, str):
        masked = mask(value)
        return masked.text, masked.kinds
    if isinstance(value, dict):
        kinds: FrozenSet[str] = frozenset()
        out = {}
        for key, item in value.items():
            out[key], found = mask_value(item)
            kinds |= found
        return out, kinds
    if isinstance(value, (list, tuple)):
        items = [mask_value(item) for item in value]
        return [i for i, _ in items], frozenset().union(*(k for _, k in items))
    return value, frozenset()


def placeholder_kinds(text: Optional[str]) -> FrozenSet[str]:
    """Kinds whose placeholder is in `text` (text masked earlier, e.g. by the REST channel)."""
    return frozenset(_PLACEHOLDER_KIND[p] for p in _PLACEHOLDER_RE.findall(text or ""))


def without_placeholders(text: str) -> str:
    """`text` without placeholders: they are English words and would mislead language detection."""
    return _PLACEHOLDER_RE.sub(" ", text)
