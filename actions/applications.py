"""The application form: topic, description, name, contact, consent, a summary to confirm, filing.

A customer can change any field from the summary, cancel at any time (actions/forms.py), ask a
question in between (data/rules/forms.yml), and is never kept in a loop: after three contacts
that cannot be read, or without consent, nothing is filed and the reply says why.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import cases, clock
from actions.contact import normalise_name, yes_or_no
from actions.conversation import language
from actions.forms import free_text, read_contact, reset_form_slots
from eparaksts import choices, responses

APPLICATION_SLOTS = (
    "application_topic", "application_description", "customer_name", "customer_contact",
    "application_consent", "application_confirmed",
)
SUMMARY_DESCRIPTION_CHARS = 300


class ValidateApplicationForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_application_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Text]:
        # Nothing more to ask once filing is impossible; action_submit_application says why.
        if tracker.get_slot("gave_up") or tracker.get_slot("application_consent") is False:
            return []
        return domain_slots

    def validate_application_topic(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        topic = choices.match("application_topic", value)
        if topic is None:
            dispatcher.utter_message(response="utter_invalid_topic")
        return {"application_topic": topic}

    def validate_application_description(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"application_description": free_text(value)}

    def validate_customer_name(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        name = normalise_name(value)
        if name is None:
            dispatcher.utter_message(response="utter_invalid_name")
        return {"customer_name": name}

    def validate_customer_contact(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        # Without a contact no one could reply: action_submit_application explains and files nothing.
        return read_contact(
            "customer_contact", value, dispatcher, tracker, give_up={"customer_contact": None, "gave_up": True}
        )

    def validate_application_consent(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if isinstance(value, bool):
            return {"application_consent": value}
        answer = yes_or_no(value)
        if answer is None:
            dispatcher.utter_message(response="utter_consent_hint")
        return {"application_consent": answer}

    def validate_application_confirmed(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value == "yes":
            return {"application_confirmed": "yes"}
        field = choices.match("correction", value)
        if field:
            # Emptying the field makes the form ask it again, then come back to the summary.
            return {"application_confirmed": None, field: None}
        dispatcher.utter_message(response="utter_confirm_hint")
        return {"application_confirmed": None}


class ActionAskApplicationTopic(Action):
    def name(self) -> Text:
        return "action_ask_application_topic"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(
            response="utter_ask_application_topic", buttons=choices.buttons("application_topic", language(tracker))
        )
        return []


class ActionAskApplicationConfirmed(Action):
    def name(self) -> Text:
        return "action_ask_application_confirmed"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        lang = language(tracker)
        description = tracker.get_slot("application_description") or ""
        if len(description) > SUMMARY_DESCRIPTION_CHARS:
            description = description[:SUMMARY_DESCRIPTION_CHARS].rstrip() + "…"
        buttons = [{"title": responses.text(domain, "utter_submit_label", lang), "payload": "/affirm"}]
        buttons += choices.buttons("correction", lang)
        buttons.append({"title": responses.text(domain, "utter_cancel_label", lang), "payload": "/cancel"})
        dispatcher.utter_message(
            response="utter_application_summary",
            topic=choices.label("application_topic", tracker.get_slot("application_topic"), lang),
            description=description,
            name=tracker.get_slot("customer_name"),
            contact=tracker.get_slot("customer_contact"),
            buttons=buttons,
        )
        return []


class ActionSubmitApplication(Action):
    def name(self) -> Text:
        return "action_submit_application"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        if tracker.get_slot("gave_up"):
            dispatcher.utter_message(response="utter_application_gave_up")
        elif tracker.get_slot("application_consent") is False:
            dispatcher.utter_message(response="utter_application_no_consent")
        elif tracker.get_slot("application_confirmed") == "yes":
            await _file(dispatcher, tracker)
        return reset_form_slots(APPLICATION_SLOTS)


async def _file(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    lang, now = language(tracker), clock.now()
    deadline, times, outside_hours = cases.processing_times(now, lang)
    filed = await cases.file_case(
        tracker,
        kind="application",
        case_type=tracker.get_slot("application_topic"),
        received_at=now,
        deadline=deadline,
        fields={
            "description": tracker.get_slot("application_description"),
            "name": tracker.get_slot("customer_name"),
            "contact": tracker.get_slot("customer_contact"),
            "consent": True,
        },
    )
    response = "utter_application_filed_outside_hours" if outside_hours else "utter_application_filed"
    dispatcher.utter_message(response=response, reference=filed.reference, **times)
    cases.tell_if_delayed(dispatcher, filed)

