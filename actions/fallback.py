"""Low-confidence messages: "did you mean…" with buttons for the likeliest intents."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from eparaksts import responses
from eparaksts.language import DEFAULT, SUPPORTED

LABELS_FILE = Path(__file__).with_name("intent_labels.csv")
MAX_SUGGESTIONS = 3
NONE_OF_THESE_PAYLOAD = "/deny"


@lru_cache(maxsize=1)
def intent_labels() -> Dict[Text, Dict[Text, Text]]:
    """intent -> {language: label}, edited by trainers in intent_labels.csv."""
    with LABELS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["intent"]: {lang: row[lang] for lang in SUPPORTED} for row in csv.DictReader(handle)}


class ActionSuggestIntents(Action):
    def name(self) -> Text:
        return "action_suggest_intents"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        lang = tracker.get_slot("language") or DEFAULT
        labels = intent_labels()
        ranking = tracker.latest_message.get("intent_ranking") or []
        suggestions = [
            item["name"] for item in ranking if item.get("name") in labels and item["name"] != "out_of_scope"
        ][:MAX_SUGGESTIONS]
        if not suggestions:
            dispatcher.utter_message(response="utter_fallback_offer")
            return []
        buttons = [{"title": labels[intent][lang], "payload": f"/{intent}"} for intent in suggestions]
        buttons.append({"title": _none_label(domain, lang), "payload": NONE_OF_THESE_PAYLOAD})
        dispatcher.utter_message(response="utter_fallback_suggest", buttons=buttons)
        return []


def _none_label(domain: Dict[Text, Any], lang: Text) -> Text:
    return responses.text(domain, "utter_fallback_none_label", lang) or "—"
