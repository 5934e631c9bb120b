"""Urgent cases: recorded for LVRTC's 24-hour desk after the reply with the 24-hour channels.

The channels themselves come from a domain response given before this action (data/rules/
urgent.yml), so a customer gets them even when this action server is down. This action only
records the case and, if the customer wants, a contact for a call back.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import cases, clock
from actions.conversation import language
from actions.formatting import clock_time
from actions.forms import read_contact
from eparaksts.urgent import URGENT_CASE_TYPES


class ActionFileUrgentCase(Action):
    def name(self) -> Text:
        return "action_file_urgent_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        now = clock.now()
        filed = await cases.file_case(
            tracker,
            kind="urgent",
            case_type=URGENT_CASE_TYPES.get(intent, "suspension"),
            received_at=now,
            # The customer's words are kept (masked by the channel) so the desk knows the situation.
            fields={"message": tracker.latest_message.get("text") or "", "intent": intent},
        )
        dispatcher.utter_message(response="utter_urgent_case_filed", reference=filed.reference)
        cases.tell_if_delayed(dispatcher, filed)
        closes = clock.calendar().closes_at(now)
        if closes is not None:
            dispatcher.utter_message(response="utter_customer_service_open", closes_at=clock_time(closes, language(tracker)))
        if tracker.active_loop.get("name") is None:
            # Mid-form the form asks its next question instead; a second question would confuse.
            dispatcher.utter_message(response="utter_ask_callback")
        return [SlotSet("urgent_case_reference", filed.reference)]


class ValidateCallbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    def validate_callback_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        return read_contact("callback_contact", value, dispatcher, tracker, give_up={"callback_contact": "none"},
                            give_up_response="utter_contact_gave_up")


class ActionSaveCallbackContact(Action):
    def name(self) -> Text:
        return "action_save_callback_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        reference, contact = tracker.get_slot("urgent_case_reference"), tracker.get_slot("callback_contact")
        if reference and contact and contact != "none":
            await cases.desk().add_fields(
                reference, {"callback_contact": contact}, idempotency_key=f"callback:{reference}:{contact}"
            )
            dispatcher.utter_message(response="utter_callback_saved", reference=reference)
        else:
            dispatcher.utter_message(response="utter_anything_else")
        return [SlotSet("callback_contact", None)]
