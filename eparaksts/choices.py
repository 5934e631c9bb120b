"""Button choices of the forms (choices.yml): labels per language and reading an answer back.

A button sends `/choose{"choice": "<key>"}`: the key goes straight to the form's validation
without passing the intent classifier (a label such as "Certificates and eParaksts mobile" must not
be read as an urgent request to suspend certificates). The channel guard lets exactly these
commands through (eparaksts/channels/guard.py); a typed answer is read back by `match`.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Text

import yaml

from eparaksts.language import SUPPORTED
from eparaksts.text import fold

CHOICES_FILE = Path(__file__).with_name("choices.yml")
CHOOSE_INTENT = "choose"


@lru_cache(maxsize=1)
def _all() -> Dict[Text, Dict[Text, Dict[Text, object]]]:
    return yaml.safe_load(CHOICES_FILE.read_text(encoding="utf-8"))


def keys(group: Text) -> List[Text]:
    return list(_all()[group])


def label(group: Text, key: Text, lang: Text) -> Text:
    return str(_all()[group][key][lang])


def payload(key: Text) -> Text:
    return "/%s%s" % (CHOOSE_INTENT, json.dumps({"choice": key}))


def all_keys() -> FrozenSet[Text]:
    """Every key of every group: the only values a `/choose` command may carry."""
    return frozenset(key for group in _all().values() for key in group)


def group_of(key: Optional[Text]) -> Optional[Text]:
    """The group ("feedback_category", "application_topic", "correction") a key belongs to."""
    return next((group for group, options in _all().items() if key in options), None)


def buttons(group: Text, lang: Text, first: Optional[Text] = None) -> List[Dict[Text, Text]]:
    ordered = sorted(keys(group), key=lambda k: k != first)
    return [{"title": label(group, k, lang), "payload": payload(k)} for k in ordered]


def normal_label(text: Text) -> Text:
    """A label or a typed answer compared as labels are: case, diacritics and punctuation aside.
    Dots inside stay (an e-mail address, "3.0"); a closing full stop is punctuation."""
    return re.sub(r"[^\w@.+-]+", " ", fold(text)).strip().rstrip(".").strip()


def _labelled(options: Dict[Text, Dict[Text, object]], answer: Text) -> List[Text]:
    """The keys of `options` one of whose labels (any language) is `answer`, normalised."""
    return [key for key, entry in options.items() if any(answer == normal_label(str(entry[lang])) for lang in SUPPORTED)]


def key_of_label(text: Optional[Text]) -> Optional[Text]:
    """The key whose label, in any language and any group, is exactly `text` (case, diacritics
    and punctuation aside); None when no label or more than one key has it."""
    answer = normal_label(text or "")
    keys_found = {key for options in _all().values() for key in _labelled(options, answer)} if answer else set()
    return keys_found.pop() if len(keys_found) == 1 else None


def match(group: Text, text: Optional[Text]) -> Optional[Text]:
    """The key a customer's answer names: a label in any language, its number in the list, or a
    keyword stem. None when it names none or more than one (then the form asks again)."""
    if not text:
        return None
    options = _all()[group]
    if text in options:
        return text
    answer = normal_label(text)
    labelled = _labelled(options, answer)
    if labelled:
        return labelled[0]
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return list(options)[int(answer) - 1]
    hits = [key for key, entry in options.items() if any(stem in answer for stem in entry.get("keywords", []))]
    return hits[0] if len(hits) == 1 else None
