"""Answers that only give data: "29123456", "18:00", "mans telefons 29123456", "my e-mail is a@b.lv".

Such a message names no intent: in a form it answers the question asked, and elsewhere a guess
would be wrong ("мой телефон 29123456" reads like a lost phone to a classifier that sees "мой
телефон"). Shared by the NLU (eparaksts/components/data_answers.py) and the forms, which read the
contact out of it (actions/contact.py).
"""
from __future__ import annotations

import re
from typing import List, Optional, Text

from eparaksts.text import fold

EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:]{2,}")
# Digits with the punctuation of phone numbers and dates: "+371 2612 3456", "(2) 612-3456".
NUMBER = re.compile(r"\+?\d[\d\s().\-/]*\d|\d")
_WORD = re.compile(r"[\w'’-]+")

# Words that only label the data, folded (lower case, no diacritics). Deliberately few: any other
# word ("pazaudēju", "stolen", "украли") makes the message more than data.
LABEL_WORDS = frozenset("""
mans mana manu mani man telefons telefona telefonu talrunis talruna talruni numurs numura numuru
nr tel mob mobilais mobila mobilo e-pasts epasts e-pasta e-pastu pasts kontakts kontakti
kontaktinformacija sazinai zvaniet zvani rakstiet raksti uz ir vai un ludzu lugums
my phone number mobile cell tel email e-mail mail is contact me at call write or and please here
it's its
мой моя мои мое моё телефон телефона номер тел моб мобильный почта почты email емейл имейл мейл
электронная электронной это контакт контакты звоните пишите на или и пожалуйста вот
""".split())


def data_items(text: Optional[Text]) -> List[Text]:
    """The e-mail addresses and numbers of a data-only answer, in the order typed: at least one of
    them and no word but labels. Empty for anything else (and for a "/command")."""
    if not text or text.lstrip().startswith("/"):
        return []
    emails = list(EMAIL.finditer(text))
    # Blanked to the same length, so the numbers' positions are still the text's.
    without_emails = EMAIL.sub(lambda m: " " * len(m.group()), text)
    numbers = list(NUMBER.finditer(without_emails))
    rest = NUMBER.sub(" ", without_emails)
    if not all(fold(w) in LABEL_WORDS for w in _WORD.findall(rest)):
        return []
    return [m.group().strip() for m in sorted(emails + numbers, key=lambda m: m.start())]


def is_data_only(text: Optional[Text]) -> bool:
    return bool(data_items(text))
