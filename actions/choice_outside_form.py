"""A form's choice that arrives when no form is running: typed, or a button clicked late.

A feedback category ("Sūdzība par klientu apkalpošanu") says what the customer wants: the feedback
form starts with that category chosen. An application topic starts the application form, which
asks the topic again with its introduction (what an application is and when it is handled). A
correction button from a summary that is gone leads nowhere: "anything else?" as before.
The `choice_group` slot carries the decision to the rules (data/rules/forms.yml); its values in
domain.yml are the groups that start a form.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from eparaksts import choices

class ActionChoiceOutsideForm(Action):
    def name(self) -> Text:
        return "action_choice_outside_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        key = next(tracker.get_latest_entity_values("choice"), None)
        group = choices.group_of(key)
        # The slot's values are the groups that start a form; anything else leaves it empty.
        if group not in domain["slots"]["choice_group"]["values"]:
            return [SlotSet("choice_group", None)]
        events = [SlotSet("choice_group", group)]
        if group == "feedback_category":
            events.append(SlotSet("feedback_category", key))
        return events
