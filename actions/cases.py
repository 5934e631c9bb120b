"""Filing cases with the case desk, and telling the customer the truth about it.

The desk client keeps a case in a local outbox when the desk cannot be reached, so filing never
fails here: the customer always gets the reference, and is told when delivery is delayed.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any, Dict, Optional, Text, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.clients.case_desk import CaseDeskClient, FiledCase
from actions.conversation import language, turn_key
from actions.formatting import moment_text


@lru_cache(maxsize=1)
def desk() -> CaseDeskClient:
    return CaseDeskClient.from_env()


async def file_case(
    tracker: Tracker, *, kind: Text, case_type: Text, fields: Dict[Text, Any],
    deadline: Optional[datetime] = None, received_at: Optional[datetime] = None,
) -> FiledCase:
    return await desk().file_case(
        kind=kind,
        case_type=case_type,
        language=language(tracker),
        conversation_id=tracker.sender_id,
        idempotency_key=turn_key(tracker, kind),
        received_at=received_at or clock.now(),
        deadline=deadline,
        fields=fields,
    )


def processing_times(now: datetime, lang: Text) -> Tuple[datetime, Dict[Text, Text], bool]:
    """Deadline of "1 working day", the texts for the reply, and whether it is outside hours."""
    cal = clock.calendar()
    start, deadline = cal.processing_window(now)
    texts = {"start": moment_text(start, lang, now), "deadline": moment_text(deadline, lang, now)}
    return deadline, texts, not cal.is_open(now)


def tell_if_delayed(dispatcher: CollectingDispatcher, filed: FiledCase) -> None:
    if not filed.delivered:
        dispatcher.utter_message(response="utter_case_delivery_delayed")
