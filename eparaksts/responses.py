"""Pick a domain response's variation by language, outside Rasa's own NLG.

Used by the channel guard (it answers some messages before Rasa sees them) and by actions:
Rasa renders `dispatcher.utter_message(response=...)` against the tracker as it was *before* the
action's own events; an action that sets the language in the same step (session start) must
choose the variation itself.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

from eparaksts.language import DEFAULT


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
