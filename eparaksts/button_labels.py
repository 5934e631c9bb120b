"""The domain's buttons that send a bare intent ("Atstāt kontaktu" → /affirm, "Bez kontakta" →
/deny, "👍 Noderēja" → /rate_up), read back from their titles.

Some channels send a button's title as text, and customers retype the label they see. The title
of the urgent report's contact offer, "Leave a contact", reads to the classifier like a request for
an application or for the contacts, so the offer's answer was lost and an application form
started instead. Titles compare as the forms' choice labels do (eparaksts/choices.py: case,
diacritics and punctuation aside); a title that two intents share is skipped.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Optional, Text

from eparaksts.choices import normal_label
from eparaksts.responses import project_domain

_BARE_INTENT = re.compile(r"^/(\w+)$")


@lru_cache(maxsize=1)
def _intents_by_title() -> Dict[Text, Text]:
    domain = project_domain()
    found: Dict[Text, set] = {}
    for variations in (domain.get("responses") or {}).values():
        for variation in variations or []:
            for button in variation.get("buttons") or []:
                intent = _BARE_INTENT.match(str(button.get("payload", "")).strip())
                title = normal_label(str(button.get("title", "")))
                if intent and title:
                    found.setdefault(title, set()).add(intent.group(1))
    return {title: intents.pop() for title, intents in found.items() if len(intents) == 1}


def intent_of_title(text: Optional[Text]) -> Optional[Text]:
    """The intent a domain button with exactly this title sends, or None."""
    return _intents_by_title().get(normal_label(text)) if text else None
