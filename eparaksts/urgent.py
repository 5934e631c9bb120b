"""The urgent intents and the case type each one files: the one list the NLU safety net, the
actions, the case desk, the staff console and the urgent evaluation all read."""
from __future__ import annotations

from typing import Any, Dict, FrozenSet, List

URGENT_CASE_TYPES: Dict[str, str] = {
    "report_lost_phone": "lost_phone",
    "report_lost_card": "lost_card",
    "report_pin_disclosed": "pin_disclosed",
    "report_fraud": "fraud",
    "request_suspension": "suspension",
}
URGENT_INTENTS: FrozenSet[str] = frozenset(URGENT_CASE_TYPES)


def calm_ranking(ranking: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """An intent ranking without the urgent intents and the fallback: the calm readings, best first."""
    return [item for item in ranking if item.get("name") not in URGENT_INTENTS and item.get("name") != "nlu_fallback"]
