"""What the actions read from a conversation: the reply language, the latest message, a turn key."""
from __future__ import annotations

from typing import Text

from rasa_sdk import Tracker

from eparaksts.language import DEFAULT


def language(tracker: Tracker) -> Text:
    return tracker.get_slot("language") or DEFAULT


def latest_text(tracker: Tracker) -> Text:
    return tracker.latest_message.get("text") or ""


def turn_key(tracker: Tracker, kind: Text) -> Text:
    """Same value however often the action is retried for the same customer message, so the
    case desk files a case once (the idempotency key of actions/clients/case_desk.py)."""
    message_id = tracker.latest_message.get("message_id")
    if not message_id:
        message_id = str(sum(1 for event in tracker.events if event.get("event") == "user"))
    return f"{kind}:{tracker.sender_id}:{message_id}"
