"""A form's choice that arrives when no form is running: typed, or a button clicked late.

A feedback category ("Sūdzība par klientu apkalpošanu") says what the customer wants: the feedback
form starts with that category chosen. An application topic starts the application form, which
asks the topic again with its introduction (what an application is and when it is handled). A
correction button from a summary that is gone leads nowhere: "anything else?" as before.
The `choice_group` slot carries the decision to the rules (data/rules/forms.yml).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from eparaksts import choices

# Groups that start their form; anything else leaves choice_group empty.
STARTS_A_FORM = ("feedback_category", "application_topic")


class ActionChoiceOutsideForm(Action):
    def name(self) -> Text:
        return "action_choice_outside_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key = next(tracker.get_latest_entity_values("choice"), None)
        group = choices.group_of(key)
        if group not in STARTS_A_FORM:
            return [SlotSet("choice_group", None)]
        events = [SlotSet("choice_group", group)]
        if group == "feedback_category":
            events.append(SlotSet("feedback_category", key))
        return events
