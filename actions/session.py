"""Conversation start: welcome in the customer's language with the recording notice."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from eparaksts import responses
from eparaksts.language import SUPPORTED

# Slots that survive a new session (the customer does not change language after an hour away).
CARRIED_SLOTS = ("language",)


class ActionSessionStart(Action):
    """Starts a session and greets with the notice that conversations are recorded.

    The first message has not been parsed yet when a session starts, so its language comes from
    the channel, which detects it and passes it as message metadata (eparaksts/channels/guard.py).
    """

    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        if _just_welcomed(tracker):
            return []
        events: List[EventType] = [SessionStarted()]
        carried = {name: tracker.get_slot(name) for name in CARRIED_SLOTS}
        metadata = tracker.get_slot("session_started_metadata") or {}
        if metadata.get("language") in SUPPORTED:
            carried["language"] = metadata["language"]
        events.extend(SlotSet(name, value) for name, value in carried.items() if value is not None)

        dispatcher.utter_message(text=responses.text(domain, "utter_welcome", carried.get("language")))
        events.append(ActionExecuted("action_listen"))
        return events


def _just_welcomed(tracker: Tracker) -> bool:
    """The web chat opens a conversation by sending /session_start; Rasa has then already started
    the session and welcomed the customer for that very message, so a second welcome is skipped."""
    if (tracker.latest_message.get("intent") or {}).get("name") != "session_start":
        return False
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return False
        if event.get("event") == "bot":
            return True
    return False
