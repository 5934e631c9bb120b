"""Feedback in the standard's four categories: guessed from the message, confirmed, filed.

Complaints get a reference and the processing deadline; suggestions a reference; praise thanks.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import cases, clock, feedback_category
from actions.conversation import language, latest_text
from actions.forms import free_text, read_contact, reset_form_slots
from eparaksts import choices

FEEDBACK_SLOTS = ("feedback_category", "feedback_text", "feedback_contact", "feedback_category_guess")
# "I want to complain" asks to give feedback; a longer message usually is the feedback itself.
MIN_WORDS_FOR_TEXT = 7


class ActionStartFeedback(Action):
    def name(self) -> Text:
        return "action_start_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = latest_text(tracker).strip()
        events = [SlotSet("feedback_category_guess", feedback_category.guess(text))]
        if len(text.split()) >= MIN_WORDS_FOR_TEXT:
            events.append(SlotSet("feedback_text", free_text(text)))
        return events


class ActionAskFeedbackCategory(Action):
    def name(self) -> Text:
        return "action_ask_feedback_category"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        lang, guess = language(tracker), tracker.get_slot("feedback_category_guess")
        buttons = choices.buttons("feedback_category", lang, first=guess)
        if guess:
            dispatcher.utter_message(
                response="utter_ask_feedback_category_guess",
                category=choices.label("feedback_category", guess, lang),
                buttons=buttons,
            )
        else:
            dispatcher.utter_message(response="utter_ask_feedback_category", buttons=buttons)
        return []


class ValidateFeedbackForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_feedback_form"

    def validate_feedback_category(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        category = choices.match("feedback_category", value)
        if category is None:
            dispatcher.utter_message(response="utter_invalid_feedback_category")
        return {"feedback_category": category}

    def validate_feedback_text(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        return {"feedback_text": free_text(value)}

    def validate_feedback_contact(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        if value == "none":
            return {"feedback_contact": "none"}
        # A contact is optional for feedback: after bad tries go on without one, keep the feedback.
        return read_contact("feedback_contact", value, dispatcher, tracker, give_up={"feedback_contact": "none"},
                            give_up_response="utter_contact_gave_up")


class ActionSubmitFeedback(Action):
    def name(self) -> Text:
        return "action_submit_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        category = tracker.get_slot("feedback_category")
        if not category or not tracker.get_slot("feedback_text"):
            return reset_form_slots(FEEDBACK_SLOTS)
        lang, now = language(tracker), clock.now()
        deadline, times, outside_hours = cases.processing_times(now, lang)
        is_complaint = category.startswith("complaint")
        contact = tracker.get_slot("feedback_contact")
        filed = await cases.file_case(
            tracker,
            kind="feedback",
            case_type=category,
            received_at=now,
            deadline=deadline if is_complaint else None,
            fields={"text": tracker.get_slot("feedback_text"), "contact": None if contact == "none" else contact},
        )
        if is_complaint:
            response = "utter_feedback_complaint_filed_outside_hours" if outside_hours else "utter_feedback_complaint_filed"
            dispatcher.utter_message(response=response, reference=filed.reference, **times)
        elif category == "suggestion":
            dispatcher.utter_message(response="utter_feedback_suggestion_filed", reference=filed.reference)
        else:
            dispatcher.utter_message(response="utter_feedback_praise_filed")
        cases.tell_if_delayed(dispatcher, filed)
        return reset_form_slots(FEEDBACK_SLOTS)
