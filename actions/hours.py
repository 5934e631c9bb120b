"""Opening hours and processing deadlines, answered from the real clock and Latvian calendar."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.conversation import language
from actions.formatting import clock_time, moment_text

class ActionAnswerHours(Action):
    """"Are you open now?" / "When do you open?": open until …, or closed and next opening."""

    def name(self) -> Text:
        return "action_answer_hours"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        lang, now, cal = language(tracker), clock.now(), clock.calendar()
        closes = cal.closes_at(now)
        if closes is not None:
            dispatcher.utter_message(response="utter_hours_open", closes_at=clock_time(closes, lang))
        else:
            dispatcher.utter_message(
                response="utter_hours_closed",
                now=moment_text(now, lang, now),
                next_opening=moment_text(cal.next_opening(now), lang, now),
            )
        return []


class ActionAnswerProcessingTime(Action):
    """"When will my application be processed?": start and deadline of one working day."""

    def name(self) -> Text:
        return "action_answer_processing_time"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        lang, now, cal = language(tracker), clock.now(), clock.calendar()
        start, deadline = cal.processing_window(now)
        response = "utter_processing_time" if cal.is_open(now) else "utter_processing_time_outside_hours"
        dispatcher.utter_message(
            response=response,
            start=moment_text(start, lang, now),
            deadline=moment_text(deadline, lang, now),
        )
        return []
