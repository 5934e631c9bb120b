"""What every customer message goes through before Rasa sees, stores or logs it.

- control characters and binary junk are dropped;
- `/intent{"slot": …}` typed by a customer cannot fill slots: a known public intent keeps only
  its name (that is what the chat's buttons send), anything else loses its slash and is read as
  plain text;
- personal codes, card numbers and PIN/PUK/password-like secrets are masked (eparaksts/pii.py,
  spaCy's Matcher), in the text and in every string of the metadata, and the customer is warned
  at once that they should never type them; only the masked message goes on to Rasa;
- an empty message is answered here (there is nothing to understand or record);
- an over-long message is cut to MAX_MESSAGE_CHARS with a notice, so the customer still gets an
  answer to what they asked;
- the detected language travels as metadata: a new session's welcome is written before the
  message is parsed (actions/session.py);
- a sender who sends more than RATE_LIMIT_PER_MINUTE messages (default 30) in a minute is told
  to slow down, and those messages go no further (counted in this process, or with
  RATE_LIMIT_STORE=redis in Redis for all instances behind a proxy: eparaksts/channels/rate_limit.py);
- a turn that produced no reply at all (action server down, an action that crashed) gets an
  apology with the phone line and the 24-hour suspension channels: a customer never meets silence.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from functools import lru_cache
from typing import Any, Awaitable, Callable, Dict, FrozenSet, Optional, Text

from rasa.core.channels.channel import UserMessage

from eparaksts import choices, language, pii, responses
from eparaksts.channels import rate_limit

MAX_MESSAGE_CHARS = int(os.environ.get("MAX_MESSAGE_CHARS", "10000"))
RATE_LIMIT_PER_MINUTE = int(os.environ.get("RATE_LIMIT_PER_MINUTE", "30") or 0)
# Not a domain response (domain.yml is the trainers'): the guard's own words, as short as can be.
# "/intent" or "/intent{...}" as Rasa's message parser reads it (a leading slash bypasses NLU).
_COMMAND = re.compile(r"^\s*/+\s*([A-Za-z_][\w-]*)?(.*)$", re.DOTALL)


@lru_cache(maxsize=1)
def button_intents() -> FrozenSet[Text]:
    """The domain's intents: what the chat's buttons may send as "/intent" — and Rasa's
    `session_start`, which the web chat sends to open a conversation."""
    intents = responses.project_domain().get("intents") or []
    return frozenset(i if isinstance(i, str) else next(iter(i)) for i in intents) | {"session_start"}


def response_text(name: Text, lang: Optional[Text], **values: Any) -> Text:
    """Text of a domain response in `lang` (all three languages when the language is unknown)."""
    if lang in language.SUPPORTED:
        return responses.text(responses.project_domain(), name, lang, **values)
    texts = (responses.text(responses.project_domain(), name, code, **values) for code in language.SUPPORTED)
    return "\n".join(t for t in texts if t)


def clean_text(raw: Any) -> Text:
    """Printable text only; non-strings (numbers, null, objects) count as empty."""
    if not isinstance(raw, str):
        return ""
    kept = (
        ch
        for ch in raw
        if ch in "\n\t" or unicodedata.category(ch)[0] != "C" or unicodedata.category(ch) == "Cf"
    )
    return "".join(kept).strip()


def neutralise_command(text: Text) -> Text:
    match = _COMMAND.match(text)
    if not match:
        return text
    intent = match.group(1)
    if intent == choices.CHOOSE_INTENT:
        return _choice_command(match.group(2))
    if intent in button_intents():
        # Whatever follows a known intent ({"slot": …}, @confidence) is dropped: it could fill slots.
        return f"/{intent}"
    return text.lstrip().lstrip("/").strip()


def _choice_command(arguments: Text) -> Text:
    """The forms' choice buttons (eparaksts/choices.py) carry one key from a closed list, which
    the form then validates like a typed answer; anything else in a `/choose` is dropped."""
    try:
        values = json.loads(arguments.strip() or "null")
    except ValueError:
        values = None
    key = values.get("choice") if isinstance(values, dict) and len(values) == 1 else None
    if isinstance(key, str) and key in choices.all_keys():
        return choices.payload(key)
    return f"/{choices.CHOOSE_INTENT}"


def sanitise(raw: Any) -> Text:
    return neutralise_command(clean_text(raw))


OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def guarded(on_new_message: OnNewMessage) -> OnNewMessage:
    """Wrap Rasa's message handler with the checks above."""
    limiter = rate_limit.from_settings(RATE_LIMIT_PER_MINUTE)

    async def handle(message: UserMessage) -> None:
        if not await limiter.allow(str(message.sender_id)):
            lang = language.detect(pii.without_placeholders(clean_text(message.text)))
            await message.output_channel.send_text_message(message.sender_id, response_text("utter_rate_limited", lang))
            return
        masked = pii.mask(sanitise(message.text))
        text = masked.text
        metadata, masked_in_metadata = pii.mask_value(dict(message.metadata or {}))
        # The REST channel masks already when it extracts the text (Rasa logs that text if the
        # turn fails), so what was masked is also read from the placeholders.
        masked_kinds = masked.kinds | masked_in_metadata | pii.placeholder_kinds(text)
        # Placeholders are English words: they must not make a Latvian message look English.
        detected = language.detect(pii.without_placeholders(text))
        if detected:
            metadata["language"] = detected
        lang = metadata.get("language") if metadata.get("language") in language.SUPPORTED else None

        if masked_kinds:
            # First, before any answer: never type these here, and what to do if they leaked.
            await message.output_channel.send_text_message(
                message.sender_id, response_text("utter_sensitive_data_warning", lang)
            )
        if not text.strip("/ "):
            await message.output_channel.send_text_message(
                message.sender_id, response_text("utter_empty_message", lang)
            )
            return
        if len(text) > MAX_MESSAGE_CHARS:
            await message.output_channel.send_text_message(
                message.sender_id,
                response_text("utter_message_too_long", lang or language.DEFAULT, max_chars=MAX_MESSAGE_CHARS),
            )
            text = text[:MAX_MESSAGE_CHARS]
        message.text = text
        message.metadata = metadata
        replies = _count_replies(message.output_channel)
        try:
            await on_new_message(message)
        finally:
            if not replies():
                await message.output_channel.send_text_message(
                    message.sender_id, response_text("utter_technical_problem", lang or language.DEFAULT)
                )

    return handle


def _count_replies(output_channel: Any) -> Callable[[], int]:
    """Count what Rasa sends on this channel during one turn (every bot message goes through
    `send_response`)."""
    sent = [0]
    original = output_channel.send_response

    async def counting_send_response(recipient_id: Text, message: Dict[Text, Any]) -> None:
        sent[0] += 1
        await original(recipient_id, message)

    output_channel.send_response = counting_send_response
    return lambda: sent[0]
