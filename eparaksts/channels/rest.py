"""REST channel (/webhooks/rest/webhook) with the customer-input guard."""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request

from eparaksts import pii
from eparaksts.channels.guard import guarded, sanitise


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def _extract_message(self, req: Request) -> Optional[Text]:
        # Sanitised and masked here, before Rasa's own handlers can log or store the text (Rasa's
        # REST handler logs this text when a turn fails). The guard warns the customer: it reads
        # what was masked from the placeholders.
        return pii.mask(sanitise(req.json.get("message") if isinstance(req.json, dict) else None)).text

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = req.json.get("sender") if isinstance(req.json, dict) else None
        return str(sender)[:128] if sender not in (None, "") else None

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        return super().blueprint(guarded(on_new_message))
