""""Is eParaksts down?": answered from the maintenance notice trainers publish in the status file
(webchat/status.yml, eparaksts/service_status.py), the same notice the web chat's banner shows.

The assistant has no live monitoring, so without a notice it says so plainly and gives the ways
to check and to get help, rather than claiming that everything works.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.conversation import language
from eparaksts import service_status


class ActionAnswerServiceStatus(Action):
    def name(self) -> Text:
        return "action_answer_service_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        notice = service_status.current()
        if notice.state(clock.now()) == service_status.NONE:
            dispatcher.utter_message(response="utter_service_status_ok")
        else:
            dispatcher.utter_message(
                response="utter_service_status_maintenance", message=notice.message(language(tracker))
            )
        return []
