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
from actions.fallback import intent_labels
from actions.formatting import clock_time
from actions.forms import read_contact
from eparaksts.urgent import URGENT_CASE_TYPES, calm_ranking

# Topics offered when the safety net, not the classifier, made the message urgent.
MAX_ALTERNATIVES = 2


class ActionFileUrgentCase(Action):
    def name(self) -> Text:
        return "action_file_urgent_case"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        now = clock.now()
        # The customer's words are kept (masked by the channel) so the desk knows the situation.
        fields = {"message": tracker.latest_message.get("text") or "", "intent": intent}
        overruled = (tracker.latest_message.get("urgent_safety_net") or {}).get("classifier_intent") or {}
        if overruled.get("name"):
            # The desk sees that the classifier read it as calm: a likelier false alarm.
            fields["classifier_intent"] = overruled["name"]
        filed = await cases.file_case(
            tracker,
            kind="urgent",
            case_type=URGENT_CASE_TYPES.get(intent, "suspension"),
            received_at=now,
            fields=fields,
        )
        dispatcher.utter_message(response="utter_urgent_case_filed", reference=filed.reference)
        cases.tell_if_delayed(dispatcher, filed)
        closes = clock.calendar().closes_at(now)
        if closes is not None:
            dispatcher.utter_message(response="utter_customer_service_open", closes_at=clock_time(closes, language(tracker)))
        if tracker.active_loop.get("name") is None:
            # Mid-form the form asks its next question instead; a second question would confuse.
            dispatcher.utter_message(response="utter_ask_callback")
            labels = intent_labels()
            alternatives = calm_alternatives(tracker, labels)
            if alternatives:
                lang = language(tracker)
                buttons = [{"title": labels[name][lang], "payload": f"/{name}"} for name in alternatives]
                dispatcher.utter_message(response="utter_not_urgent_topics", buttons=buttons)
        return [SlotSet("urgent_case_reference", filed.reference)]


def calm_alternatives(tracker: Tracker, labels: Dict[Text, Dict[Text, Text]]) -> List[Text]:
    """The classifier's likeliest calm topics when the urgent safety net overruled it.

    A calm question that shares words with an emergency can be routed urgent on purpose, because a
    missed emergency costs more (eparaksts/components/urgent_safety_net.py). The customer
    then gets the 24-hour channels first and, with these buttons, the answer they asked for in one
    click. Empty when the classifier itself chose the urgent intent."""
    if not tracker.latest_message.get("urgent_safety_net"):
        return []
    ranking = calm_ranking(tracker.latest_message.get("intent_ranking") or [])
    # Out of scope is no topic to offer; an intent without a label has no button.
    calm = [item["name"] for item in ranking if item["name"] in labels and item["name"] != "out_of_scope"]
    return calm[:MAX_ALTERNATIVES]


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
