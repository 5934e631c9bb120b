"""`python -m desk reconcile`: file the urgent cases the action server never filed.

An urgent message is answered with the 24-hour channels by a domain response, then
`action_file_urgent_case` (actions/urgent.py) files the case and sets the slot
`urgent_case_reference`. If the action server is down, the customer still gets the channels but
no case is filed. This reads Rasa's tracker store (table `events`), finds the urgent user messages
of the last `--since-hours` that no `urgent_case_reference` slot followed within their turn, and
files each through the same CaseDeskClient with the same idempotency key the action would have
used (actions.conversation.message_key). So a case the action did file, or an earlier reconcile
run filed, is never filed twice: the outbox and the desk both answer a known key with its case.

Rows that cannot be read (invalid JSON, no timestamp, no intent…) are skipped and counted; the
command never stops on one.
"""
from __future__ import annotations

import asyncio
import json
import logging
import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional

import sqlalchemy as sa

from actions.clients.case_desk import CaseDeskClient, wire_key
from actions.conversation import message_key
from eparaksts.urgent import URGENT_CASE_TYPES
from eparaksts.cases import LANGUAGES
from eparaksts.language import DEFAULT

log = logging.getLogger(__name__)

KIND = "urgent"
REFERENCE_SLOT = "urgent_case_reference"
LANGUAGE_SLOT = "language"
DEFAULT_SINCE_HOURS = 48.0
# The events that matter: messages, slots, and what ends a turn or resets the slots.
EVENT_TYPES = ("user", "slot", "session_started", "restart")


@dataclass(frozen=True)
class Missed:
    """An urgent customer message with no case reference after it."""

    sender_id: str
    message_id: str
    intent: str
    text: str
    language: str
    received_at: datetime

    @property
    def key(self) -> str:
        return message_key(KIND, self.sender_id, self.message_id)


@dataclass
class Summary:
    found: int = 0  # urgent messages in the window
    already_filed: int = 0  # by the action (slot set), or queued/filed by an earlier run
    filed: int = 0  # filed now (delivered or, with the desk down, kept in the outbox)
    waiting: int = 0  # of those filed now, how many wait in the outbox
    skipped: int = 0  # rows that could not be read, or cases the client refused
    missed: List[Missed] = field(default_factory=list)

    def line(self, since_hours: float) -> str:
        waiting = f" ({self.waiting} waiting in the outbox)" if self.waiting else ""
        return (
            f"reconcile (last {since_hours:g} h): found {self.found} urgent message(s), "
            f"filed {self.filed}{waiting}, already filed {self.already_filed}, skipped {self.skipped}"
        )


def tracker_store_url(env: Mapping[str, str]) -> str:
    """TRACKER_STORE_URL (any SQLAlchemy URL, e.g. postgresql://…) or the SQLite TRACKER_DB."""
    url = (env.get("TRACKER_STORE_URL") or "").strip()
    if url:
        return url
    return f"sqlite:///{Path(env['TRACKER_DB']).resolve()}"


def _json(raw: Any) -> Optional[Dict[str, Any]]:
    if isinstance(raw, dict):
        return raw
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _timestamp(value: Any) -> Optional[datetime]:
    try:
        seconds = float(value)
        if not math.isfinite(seconds):
            return None
        return datetime.fromtimestamp(seconds, timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _intent(row: Mapping[str, Any], data: Optional[Dict[str, Any]]) -> Optional[str]:
    name = row.get("intent_name")
    if not name and data is not None:
        parse_data = data.get("parse_data")
        intent = parse_data.get("intent") if isinstance(parse_data, dict) else None
        name = intent.get("name") if isinstance(intent, dict) else None
    return name if isinstance(name, str) and name else None


class _Turn:
    """One urgent message waiting to see whether its turn sets the case reference."""

    def __init__(self, row: Mapping[str, Any], data: Dict[str, Any], intent: str, received_at: datetime,
                 message_id: str):
        self.row, self.data, self.intent, self.received_at, self.message_id = row, data, intent, received_at, message_id
        self.referenced = False


def scan_sender(rows: Iterable[Mapping[str, Any]], since: datetime, summary: Summary) -> List[Missed]:
    """The urgent messages of one sender (rows ordered by id) that no case reference followed."""
    missed: List[Missed] = []
    language = DEFAULT
    user_messages = 0  # in the current session: turn_key's fallback when a message has no id
    turn: Optional[_Turn] = None

    def close_turn() -> None:
        nonlocal turn
        if turn is not None:
            if turn.referenced:
                summary.already_filed += 1
            else:
                text = turn.data.get("text")
                missed.append(Missed(
                    sender_id=str(turn.row["sender_id"]),
                    message_id=turn.message_id,
                    intent=turn.intent,
                    text=text if isinstance(text, str) else "",
                    # As of the end of the turn, as the action would have read it: the slot set
                    # from the message's own language entity is stored just after the message.
                    language=language if language in LANGUAGES else DEFAULT,
                    received_at=turn.received_at,
                ))
        turn = None

    for row in rows:
        kind = row.get("type_name")
        data = _json(row.get("data"))
        if kind in ("session_started", "restart"):
            close_turn()
            user_messages = 0
            if kind == "restart":
                language = DEFAULT
            continue
        if kind == "slot":
            if data is None:
                summary.skipped += 1
                continue
            name = data.get("name") or row.get("action_name")
            value = data.get("value")
            if name == LANGUAGE_SLOT and isinstance(value, str) and value:
                language = value
            elif name == REFERENCE_SLOT and value and turn is not None:
                turn.referenced = True
            continue
        if kind != "user":
            continue
        close_turn()
        user_messages += 1
        received_at = _timestamp(row.get("timestamp"))
        if received_at is None or received_at < since:
            if received_at is None:
                summary.skipped += 1
            continue
        intent = _intent(row, data)
        if intent is None or data is None:
            summary.skipped += 1  # unreadable: no intent, or no JSON to read the message from
            continue
        if intent not in URGENT_CASE_TYPES:
            continue  # not urgent
        summary.found += 1
        message_id = data.get("message_id")
        if not isinstance(message_id, str) or not message_id:
            message_id = str(user_messages)  # as actions.conversation.turn_key does
        turn = _Turn(row, data, intent, received_at, message_id)
    close_turn()
    return missed


def find_missed(engine: sa.engine.Engine, since: datetime, summary: Summary) -> List[Missed]:
    cutoff = since.timestamp()
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("events"):
            log.warning("tracker store has no events table yet: nothing to reconcile")
            return []
        senders = conn.execute(
            sa.text("SELECT DISTINCT sender_id FROM events WHERE type_name = :user AND timestamp >= :cutoff"),
            {"user": "user", "cutoff": cutoff},
        ).scalars().all()
        query = sa.text(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
            "WHERE sender_id = :sender AND type_name IN :types ORDER BY id"
        ).bindparams(sa.bindparam("types", expanding=True))
        missed: List[Missed] = []
        for sender in senders:
            rows = conn.execute(query, {"sender": sender, "types": list(EVENT_TYPES)}).mappings()
            missed.extend(scan_sender(rows, since, summary))
    return missed


async def file_missed(client: CaseDeskClient, missed: Iterable[Missed], summary: Summary) -> None:
    for message in missed:
        try:
            key = message.key
            if await asyncio.to_thread(client.outbox.find, "case", wire_key(key)) is not None:
                summary.already_filed += 1  # an earlier run (or the action) queued this key
                continue
            filed = await client.file_case(
                kind=KIND,
                case_type=URGENT_CASE_TYPES[message.intent],
                language=message.language,
                conversation_id=message.sender_id,
                idempotency_key=key,
                received_at=message.received_at,
                deadline=None,
                fields={"message": message.text, "intent": message.intent, "recovered_from": "tracker_store"},
            )
        except ValueError as error:  # e.g. a conversation id the desk would refuse
            log.error("cannot file urgent case for %s/%s: %s", message.sender_id, message.message_id, error)
            summary.skipped += 1
            continue
        summary.filed += 1
        summary.missed.append(message)
        if not filed.delivered:
            summary.waiting += 1
        log.info("filed urgent case %s for %s (recovered from the tracker store)", filed.reference, message.sender_id)
    # Nothing else may be running to deliver what waits (the action server may be the one down).
    await client.deliver_pending()


def reconcile(
    since_hours: float = DEFAULT_SINCE_HOURS,
    *,
    env: Optional[Mapping[str, str]] = None,
    client: Optional[CaseDeskClient] = None,
    now: Optional[datetime] = None,
) -> Summary:
    """Find and file the missed urgent cases; env defaults to os.environ (settings loaded)."""
    env = os.environ if env is None else env
    since = (now or datetime.now(timezone.utc)) - timedelta(hours=since_hours)
    summary = Summary()
    if not (env.get("TRACKER_STORE_URL") or "").strip() and not Path(env["TRACKER_DB"]).exists():
        log.warning("no tracker store at %s yet: nothing to reconcile", env["TRACKER_DB"])
        return summary
    engine = sa.create_engine(tracker_store_url(env), future=True)
    try:
        missed = find_missed(engine, since, summary)
    finally:
        engine.dispose()
    if not missed:
        return summary

    async def go() -> None:
        desk = client or CaseDeskClient(
            env["DESK_URL"], env["DESK_API_TOKEN"], Path(env["OUTBOX_DB"]),
            retry_seconds=float(env.get("OUTBOX_RETRY_SECONDS", "30")),
        )
        try:
            await file_missed(desk, missed, summary)
        finally:
            await desk.close()

    asyncio.run(go())
    return summary
