"""What every form shares: cancelling, and forgetting what was typed once a form ends."""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import normalise_contact
from eparaksts.cases import MAX_TEXT_CHARS

# Bookkeeping slots reset with every form, so one form's failed attempts don't carry into the next.
_COMMON = ("requested_slot", "contact_attempts", "gave_up", "choice_group")
_DEFAULTS = {"contact_attempts": 0, "gave_up": False}
# Re-asks after an unreadable contact before a form gives up on it.
MAX_CONTACT_ATTEMPTS = 3


def reset_form_slots(slots: Iterable[Text]) -> List[Dict[Text, Any]]:
    return [SlotSet(slot, _DEFAULTS.get(slot)) for slot in (*slots, *_COMMON)]


def read_contact(
    slot: Text, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, give_up: Dict[Text, Any],
    give_up_response: Optional[Text] = None,
) -> Dict[Text, Any]:
    """Slot updates for a typed contact: the normalised contact, or a re-ask with the reason, or
    after MAX_CONTACT_ATTEMPTS the form's own way of giving up (`give_up`, said with
    `give_up_response` when the form goes on), never an endless loop."""
    contact = normalise_contact(value)
    if contact:
        return {slot: contact, "contact_attempts": 0}
    attempts = (tracker.get_slot("contact_attempts") or 0) + 1
    if attempts >= MAX_CONTACT_ATTEMPTS:
        if give_up_response:
            dispatcher.utter_message(response=give_up_response)
        return {**give_up, "contact_attempts": 0}
    dispatcher.utter_message(response="utter_invalid_contact")
    return {slot: None, "contact_attempts": attempts}


def free_text(value: Any) -> Optional[Text]:
    """A typed answer kept verbatim up to the desk's limit; None (ask again) when empty or when it
    is a stale button click ("/choose…") rather than text."""
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text or text.startswith("/"):
        return None
    return text[:MAX_TEXT_CHARS]


class ActionCancelForm(Action):
    """"Cancel" in any form: stop it, keep nothing, say so."""

    def name(self) -> Text:
        return "action_cancel_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        form = tracker.active_loop.get("name")
        slots = (domain.get("forms") or {}).get(form, {}).get("required_slots", []) if form else []
        dispatcher.utter_message(response="utter_form_cancelled")
        extra = ["feedback_category_guess"] if form == "feedback_form" else []
        return [ActiveLoop(None), *reset_form_slots([*slots, *extra])]
