"""Pick a domain response's variation by language, outside Rasa's own NLG.

Used by the channel guard (it answers some messages before Rasa sees them) and by actions:
Rasa renders `dispatcher.utter_message(response=...)` against the tracker as it was *before* the
action's own events; an action that sets the language in the same step (session start) must
choose the variation itself.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional, Text

import yaml

from eparaksts.language import DEFAULT

DOMAIN_FILE = Path(__file__).resolve().parent.parent / "domain.yml"


@lru_cache(maxsize=1)
def project_domain() -> Dict[Text, Any]:
    """The project's domain.yml as plain data, read once: for code that runs where Rasa does not
    hand it the domain (the channel guard, NLU components)."""
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8")) or {}


def variation(domain: Dict[Text, Any], response: Text, lang: Optional[Text]) -> Dict[Text, Any]:
    """The variation of `response` conditioned on `language == lang`, else the default one."""
    variations = (domain.get("responses") or {}).get(response) or []
    default: Dict[Text, Any] = {}
    for candidate in variations:
        conditions = candidate.get("condition") or []
        if not conditions:
            default = default or candidate
            continue
        if any(c.get("name") == "language" and c.get("value") == (lang or DEFAULT) for c in conditions):
            return candidate
    return default


def text(domain: Dict[Text, Any], response: Text, lang: Optional[Text], **values: Any) -> Text:
    template = variation(domain, response, lang).get("text", "")
    return template.format(**values) if values else template
