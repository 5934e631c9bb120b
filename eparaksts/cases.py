"""What a case is, shared by the case desk (desk/) and its client in the action server.

Both sides must agree on the allowed kinds and types and on the reference format: the client
computes the reference itself so the customer gets it even while the desk is unreachable, and
the desk validates and stores the very same string when the case arrives later.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Dict, FrozenSet

from eparaksts.urgent import URGENT_CASE_TYPES
from eparaksts.working_days import to_riga

LANGUAGES: FrozenSet[str] = frozenset({"lv", "en", "ru"})

# Urgent cases go to the 24-hour desk; the rest are worked the next working day.
CASE_TYPES: Dict[str, FrozenSet[str]] = {
    "urgent": frozenset(URGENT_CASE_TYPES.values()),
    "feedback": frozenset({"suggestion", "praise", "complaint_service", "complaint_customer_service"}),
    # Applications carry a topic chosen by the dialogue, not a closed list: any short slug.
    "application": frozenset(),
}
KINDS: FrozenSet[str] = frozenset(CASE_TYPES)
TOPIC_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

PREFIX = {"urgent": "U", "application": "A", "feedback": "F"}

# Base32 without the characters people confuse when they read a reference over the phone
# (0/O, 1/I): 2-9 and A-Z minus I and O is exactly 32 symbols, so 5 bits a character.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_RE = re.compile(r"^([UAF])-(\d{6})-([" + ALPHABET + r"]{6})$")


def case_type_error(kind: str, case_type: str) -> str:
    """Empty when the pair is allowed, otherwise what is wrong (for a 400 message or ValueError)."""
    if kind not in KINDS:
        return f"kind must be one of {sorted(KINDS)}, not {kind!r}"
    allowed = CASE_TYPES[kind]
    if allowed and case_type not in allowed:
        return f"case_type for {kind} must be one of {sorted(allowed)}, not {case_type!r}"
    if not allowed and not (isinstance(case_type, str) and TOPIC_RE.match(case_type)):
        return "case_type of an application is its topic: lower-case letters, digits and _, at most 64"
    return ""


def make_reference(kind: str, received_at: datetime, idempotency_key: str) -> str:
    """E.g. U-261124-7K3Q9X: kind, date received in Riga, 30 bits of sha256 of the key.

    Deterministic, so a retried action or a late delivery from the outbox yields the same
    reference the customer was already given.
    """
    if received_at.tzinfo is None:
        raise ValueError("received_at needs a time zone")
    digest = int.from_bytes(hashlib.sha256(idempotency_key.encode("utf-8")).digest()[:4], "big")
    code = "".join(ALPHABET[(digest >> (27 - 5 * i)) & 31] for i in range(6))
    return f"{PREFIX[kind]}-{to_riga(received_at):%y%m%d}-{code}"


# Limits the desk enforces; the client checks the cheap ones before queuing a case so that a
# programming error surfaces at once instead of as a rejected outbox row.
MAX_TEXT_CHARS = 10_000
MAX_CONVERSATION_ID_CHARS = 255
# Idempotency keys travel in JSON and logs: short and plain. The client hashes anything else.
KEY_RE = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")
# Ratings name the answer rated: a response (utter_…) or an action (action_…).
RATINGS = ("up", "down")
ANSWER_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
