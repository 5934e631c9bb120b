"""Checks on what the API receives. Text is stored verbatim (markup, SQL-like or template-like
text and emoji are just characters to the desk); what cannot be stored faithfully or is out of
bounds is refused with a 400 that names the field and the problem."""
from __future__ import annotations

import math
import re
from datetime import datetime, timezone
from typing import Any, Dict, Optional

from desk.errors import BadRequest
from eparaksts.cases import (
    ANSWER_RE,
    RATINGS,
    KEY_RE,
    LANGUAGES,
    MAX_CONVERSATION_ID_CHARS,
    MAX_TEXT_CHARS,
    PREFIX,
    REFERENCE_RE,
    case_type_error,
    make_reference,
)

STATUSES = ("new", "in_progress", "done")
FIELD_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_FIELDS = 50
MAX_SHORT_CHARS = 128


def text_value(name: str, value: Any, limit: int, required: bool = True) -> Optional[str]:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{name} must be a string")
    if required and not value.strip():
        raise BadRequest(f"{name} must not be empty")
    if len(value) > limit:
        raise BadRequest(f"{name} is {len(value)} characters long; at most {limit} are accepted")
    # PostgreSQL text cannot hold NUL, and a lone surrogate cannot be encoded: refuse both
    # rather than store something other than what was sent.
    if "\x00" in value:
        raise BadRequest(f"{name} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(f"{name} contains an unpaired surrogate (not valid Unicode text)") from None
    return value


def moment(name: str, value: Any, required: bool = True) -> Optional[str]:
    """ISO 8601 with an offset → UTC text "YYYY-MM-DDTHH:MM:SSZ" (sorts as text on both databases)."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{name} must be an ISO 8601 date-time string with an offset")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"{name} is not an ISO 8601 date-time: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise BadRequest(f"{name} needs a UTC offset, e.g. 2026-11-24T19:03:00+02:00")
    return utc_text(parsed)


def utc_text(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_text() -> str:
    return utc_text(datetime.now(timezone.utc))


def idempotency_key(value: Any) -> str:
    if not isinstance(value, str) or not KEY_RE.match(value):
        raise BadRequest("idempotency_key must be 1-128 characters of letters, digits and ._:@/+=-")
    return value


def language(value: Any) -> str:
    if value not in LANGUAGES:
        raise BadRequest(f"language must be one of {sorted(LANGUAGES)}")
    return value


def fields(value: Any, name: str = "fields") -> Dict[str, Any]:
    """Flat object of named values: strings (up to 10,000 characters), numbers, booleans, null."""
    if not isinstance(value, dict):
        raise BadRequest(f"{name} must be a JSON object")
    if len(value) > MAX_FIELDS:
        raise BadRequest(f"{name} has {len(value)} entries; at most {MAX_FIELDS} are accepted")
    for key, item in value.items():
        if not FIELD_NAME_RE.match(key):
            raise BadRequest(f"{name}: {key[:70]!r} is not a field name (lower-case letters, digits, _; at most 64)")
        if isinstance(item, str):
            text_value(f"{name}.{key}", item, MAX_TEXT_CHARS, required=False)
        elif isinstance(item, float) and not math.isfinite(item):
            raise BadRequest(f"{name}.{key} must be a finite number")
        elif item is not None and not isinstance(item, (bool, int, float)):
            raise BadRequest(f"{name}.{key} must be a string, number, boolean or null, not a nested value")
    return value


def new_case(body: Dict[str, Any]) -> Dict[str, Any]:
    kind, case_type = body.get("kind"), body.get("case_type")
    problem = case_type_error(kind, case_type)
    if problem:
        raise BadRequest(problem)
    key = idempotency_key(body.get("idempotency_key"))
    received_at = moment("received_at", body.get("received_at"))
    reference = body.get("reference")
    if reference is None:
        # A client that does not compute references gets the same one it would have computed.
        reference = make_reference(kind, datetime.fromisoformat(received_at.replace("Z", "+00:00")), key)
    elif not isinstance(reference, str) or not REFERENCE_RE.match(reference):
        raise BadRequest("reference must look like U-261124-7K3Q9X (U, A or F, date YYMMDD, 6 characters)")
    elif reference[0] != PREFIX[kind]:
        raise BadRequest(f"reference of a{'n' if kind[0] in 'aeiou' else ''} {kind} case starts with {PREFIX[kind]}-")
    return {
        "reference": reference,
        "idempotency_key": key,
        "kind": kind,
        "case_type": case_type,
        "language": language(body.get("language")),
        "conversation_id": text_value("conversation_id", body.get("conversation_id"), MAX_CONVERSATION_ID_CHARS),
        "received_at": received_at,
        "deadline": moment("deadline", body.get("deadline"), required=False),
        "fields": fields(body.get("fields", {})),
    }


def status_change(body: Dict[str, Any]) -> Dict[str, str]:
    status = body.get("status")
    if status not in STATUSES:
        raise BadRequest(f"status must be one of {list(STATUSES)}")
    return {"status": status, "by": text_value("by", body.get("by"), MAX_SHORT_CHARS)}


def field_update(body: Dict[str, Any]) -> Dict[str, Any]:
    new_fields = fields(body.get("fields"))
    if not new_fields:
        raise BadRequest("fields must name at least one field")
    return {"fields": new_fields, "idempotency_key": idempotency_key(body.get("idempotency_key"))}


def rating(body: Dict[str, Any]) -> Dict[str, Any]:
    answer = body.get("answer")
    if not isinstance(answer, str) or not ANSWER_RE.match(answer):
        raise BadRequest("answer must be the rated response or action name, e.g. utter_hours_open")
    if body.get("rating") not in RATINGS:
        raise BadRequest("rating must be \"up\" or \"down\"")
    return {
        "idempotency_key": idempotency_key(body.get("idempotency_key")),
        "conversation_id": text_value("conversation_id", body.get("conversation_id"), MAX_CONVERSATION_ID_CHARS),
        "answer": answer,
        "rating": body["rating"],
        "language": language(body.get("language")),
        "comment": text_value("comment", body.get("comment"), MAX_TEXT_CHARS, required=False),
    }


def limit(value: Optional[str], default: int = 50, most: int = 500) -> int:
    if value is None or value == "":
        return default
    if not value.isdigit() or not 1 <= int(value) <= most:
        raise BadRequest(f"limit must be a whole number from 1 to {most}")
    return int(value)
