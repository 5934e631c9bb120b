"""What the actions read from a conversation: the reply language, the latest message, a turn key."""
from __future__ import annotations

from typing import Text

from rasa_sdk import Tracker

from eparaksts.language import DEFAULT


def language(tracker: Tracker) -> Text:
    return tracker.get_slot("language") or DEFAULT


def latest_text(tracker: Tracker) -> Text:
    return tracker.latest_message.get("text") or ""


def message_key(kind: Text, sender_id: Text, message_id: Text) -> Text:
    """The idempotency key of the case filed for one customer message. The one place the format
    lives: the actions (turn_key) and `python -m desk reconcile` (desk/reconcile.py, which files
    from the tracker store what the action server missed) must build the very same key."""
    return f"{kind}:{sender_id}:{message_id}"


def turn_key(tracker: Tracker, kind: Text) -> Text:
    """Same value however often the action is retried for the same customer message, so the
    case desk files a case once (the idempotency key of actions/clients/case_desk.py)."""
    message_id = tracker.latest_message.get("message_id")
    if not message_id:
        message_id = str(sum(1 for event in tracker.events if event.get("event") == "user"))
    return message_key(kind, tracker.sender_id, message_id)
