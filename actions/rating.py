"""One-click rating of the assistant's answer, stored per answer so trainers see which fail."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import cases
from actions.conversation import language, turn_key

# Replies that are about the conversation itself, not an answer worth rating.
_NOT_ANSWERS = {"utter_ask_rating", "utter_thank", "utter_welcome", "utter_greet", "utter_anything_else",
                "utter_rating_thanks_up", "utter_rating_thanks_down"}


def rated_answer(tracker: Tracker) -> Optional[Text]:
    """The response the customer rates: the last bot reply before the rating question that
    actually answered something."""
    for event in reversed(tracker.events):
        if event.get("event") != "bot":
            continue
        name = (event.get("metadata") or {}).get("utter_action")
        if name and name not in _NOT_ANSWERS:
            return name
    return None


class ActionRateAnswer(Action):
    def name(self) -> Text:
        return "action_rate_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        rating = "up" if (tracker.latest_message.get("intent") or {}).get("name") == "rate_up" else "down"
        answer = rated_answer(tracker)
        if answer:
            await cases.desk().rate_answer(
                conversation_id=tracker.sender_id,
                answer=answer,
                rating=rating,
                language=language(tracker),
                idempotency_key=turn_key(tracker, "rating"),
            )
        dispatcher.utter_message(response=f"utter_rating_thanks_{rating}")
        return []
