"""Checks of what customers type into the forms: contacts and names."""
from __future__ import annotations

import re
from typing import List, Optional, Text

from eparaksts.data_answers import EMAIL, data_items
from eparaksts.text import fold

_EMAIL = re.compile(rf"^{EMAIL.pattern}$")
# Latvian numbers have 8 digits: mobiles start with 2, landlines with 6; +371 / 00371 optional.
_PHONE = re.compile(r"^(?:\+371|00371)?([26]\d{7})$")
_NAME_PREFIXES = re.compile(
    r"^(?:mani sauc|mans vārds ir|mans vards ir|es esmu|my name is|i am|i'm|name is|меня зовут|я)\s+",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?$")


# A customer may well give a phone and an e-mail address, or two phones; more is not a contact.
MAX_CONTACTS = 3


def normalise_contact(text: Optional[Text]) -> Optional[Text]:
    """An e-mail address (lower-cased) or a Latvian phone number as +371XXXXXXXX, typed alone or
    with its label ("mans telefons 26123456", "my e-mail is anna@example.lv"). Several of them
    ("26123456 vai anna@example.lv") are all kept, joined by ", ", so that staff can use any.
    None when any part is not a contact, or when there are more than MAX_CONTACTS."""
    contacts = []
    for item in data_items(text):
        found = _contacts_in(item)
        if found is None:
            return None
        contacts += found
    if not contacts or len(contacts) > MAX_CONTACTS:
        return None
    return ", ".join(dict.fromkeys(contacts))


def _contacts_in(item: Text) -> Optional[List[Text]]:
    """One item of data_items: an e-mail, a phone, or phones separated only by spaces
    ("26123456 29876543" reads as one 16-digit run of digits and spaces). None if not all contacts."""
    value = item.strip().strip(".,;")
    if _EMAIL.match(value) and len(value) <= 254:
        return [value.lower()]
    # Shortest runs of space-separated groups that make a phone: "+371 2612 3456" is one,
    # "+371 2612 3456 29876543" two.
    phones, run = [], ""
    for group in value.split():
        run += group
        phone = _phone(run)
        if phone:
            phones.append(phone)
            run = ""
    return phones if phones and not run else None


def _phone(value: Text) -> Optional[Text]:
    phone = _PHONE.match(re.sub(r"[\s().-]", "", value))
    return f"+371{phone.group(1)}" if phone else None


def normalise_name(text: Optional[Text]) -> Optional[Text]:
    """A person's name in letters (any alphabet), 2–100 characters; "my name is …" is dropped."""
    if not text:
        return None
    value = _NAME_PREFIXES.sub("", " ".join(text.split())).strip(" ,.!")
    if not (2 <= len(value) <= 100) or not _NAME.match(value):
        return None
    return value


_YES = {"ja", "jaa", "piekritu", "piekrītu", "labi", "ok", "okay", "yes", "yep", "sure", "i agree", "agree",
        "да", "согласен", "согласна", "ок", "хорошо", "ja piekritu", "jā piekrītu", "yes i agree", "да согласен"}
_NO = {"ne", "nē", "nepiekritu", "nepiekrītu", "no", "nope", "i do not agree", "i don't agree", "нет",
       "не согласен", "не согласна"}

_FOLDED_YES = {fold(word) for word in _YES}
_FOLDED_NO = {fold(word) for word in _NO}


def yes_or_no(text: Optional[Text]) -> Optional[bool]:
    """A typed yes/no that the intent classifier did not catch ("jā, piekrītu", "нет")."""
    answer = re.sub(r"[^\w' ]+", " ", (text or "").lower())
    answer = " ".join(answer.split())
    if fold(answer) in _FOLDED_YES:
        return True
    if fold(answer) in _FOLDED_NO:
        return False
    return None
