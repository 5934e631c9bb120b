"""Read (and, for retention, delete) conversations in Rasa's SQL tracker store.

Rasa's SQLTrackerStore keeps one row per event in `events` (id, sender_id, type_name, timestamp,
intent_name, action_name, data = the event as JSON). The embedded default is the SQLite file
TRACKER_DB; TRACKER_STORE_URL (a SQLAlchemy URL) points to PostgreSQL instead. The console only
reads what Rasa wrote: masked values ([personal code], [secret], [card number]) stay as stored.

Filtering happens in Python after one bounded query per date range: the data column is JSON with
escaped non-ASCII (json.dumps), so SQL LIKE cannot search Latvian or Russian text reliably.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set

from sqlalchemy import bindparam, create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url

from desk.db import normalise_url
from eparaksts.text import fold
from eparaksts.urgent import URGENT_INTENTS
from eparaksts.working_days import RIGA

TAGS = ("urgent", "application", "feedback", "fallback", "out_of_scope", "rating")
# The console reads at most this many conversations per query; the page says when it cut.
MAX_CONVERSATIONS = 2000
LOW_CONFIDENCE = 0.6
READ_TYPES = ("user", "bot", "slot", "action", "active_loop")
CHUNK = 400  # sender ids per IN (...) list: well under SQLite's bound-variable limit


def tracker_url(env: Mapping[str, str]) -> str:
    url = env.get("TRACKER_STORE_URL", "").strip()
    if url:
        return normalise_url(url)
    return f"sqlite:///{env.get('TRACKER_DB', 'var/tracker.db')}"


@dataclass
class Turn:
    kind: str  # "user" or "bot"
    at: datetime
    text: str
    intent: Optional[str] = None
    confidence: Optional[float] = None
    buttons: List[str] = field(default_factory=list)
    event_id: int = 0
    # For nlu_fallback: the likeliest real intent (what "did you mean…" offered first).
    runner_up: Optional[str] = None


@dataclass
class Conversation:
    id: str
    started: datetime
    last: datetime
    language: Optional[str] = None
    tags: Set[str] = field(default_factory=set)
    intents: Set[str] = field(default_factory=set)
    turns: List[Turn] = field(default_factory=list)

    @property
    def user_turns(self) -> int:
        return sum(1 for turn in self.turns if turn.kind == "user")

    def matches(self, query: str) -> bool:
        wanted = fold(query.strip())
        return not wanted or wanted in fold(self.id) or any(wanted in fold(t.text) for t in self.turns)


@dataclass
class Filters:
    query: str = ""
    start: Optional[date] = None  # Riga dates, both inclusive
    end: Optional[date] = None
    tag: str = ""
    language: str = ""
    intent: str = ""

    def accepts(self, conversation: Conversation) -> bool:
        return (
            (not self.tag or self.tag in conversation.tags)
            and (not self.language or conversation.language == self.language)
            and (not self.intent or self.intent in conversation.intents)
            and conversation.matches(self.query)
        )


def riga_bounds(start: Optional[date], end: Optional[date]):
    """Unix timestamps of the start of `start` and the end of `end` in Riga (None = open)."""
    low = datetime.combine(start, time(0), RIGA).timestamp() if start else None
    high = datetime.combine(end + timedelta(days=1), time(0), RIGA).timestamp() if end else None
    return low, high


def _moment(timestamp: Optional[float]) -> datetime:
    return datetime.fromtimestamp(timestamp or 0, timezone.utc).astimezone(RIGA)


def message_key(conversation_id: str, turn: Turn) -> str:
    # Event ids and timestamps are stable in the tracker store; the text ties the key to the message.
    raw = f"{conversation_id}\x1f{turn.at.timestamp():.6f}\x1f{turn.text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:40]


def build(conversation_id: str, rows: Iterable[Any]) -> Optional[Conversation]:
    conversation: Optional[Conversation] = None
    for row in rows:
        at = _moment(row.timestamp)
        if conversation is None:
            conversation = Conversation(conversation_id, at, at)
        conversation.last = max(conversation.last, at)
        try:
            data = json.loads(row.data or "{}")
        except ValueError:
            data = {}
        kind = row.type_name
        if kind == "user":
            intent = (data.get("parse_data") or {}).get("intent") or {}
            name = intent.get("name") or row.intent_name
            confidence = intent.get("confidence")
            ranking = (data.get("parse_data") or {}).get("intent_ranking") or []
            runner_up = next((r.get("name") for r in ranking if isinstance(r, dict)
                              and r.get("name") not in (None, "nlu_fallback")), None)
            conversation.turns.append(Turn("user", at, data.get("text") or "", name,
                                           float(confidence) if confidence is not None else None,
                                           event_id=row.id, runner_up=runner_up))
            if name:
                conversation.intents.add(name)
                if name in URGENT_INTENTS:
                    conversation.tags.add("urgent")
                elif name == "nlu_fallback":
                    conversation.tags.add("fallback")
                elif name == "out_of_scope":
                    conversation.tags.add("out_of_scope")
                elif name in ("rate_up", "rate_down"):
                    conversation.tags.add("rating")
        elif kind == "bot":
            buttons = [str(b.get("title", "")) for b in ((data.get("data") or {}).get("buttons") or [])
                       if isinstance(b, dict)]
            conversation.turns.append(Turn("bot", at, data.get("text") or "", buttons=buttons, event_id=row.id))
        elif kind == "slot":
            if data.get("name") == "language" and data.get("value"):
                conversation.language = str(data["value"])
        elif kind in ("action", "active_loop"):
            name = data.get("name") or row.action_name
            if name in ("action_submit_application", "application_form"):
                conversation.tags.add("application")
            elif name == "feedback_form":
                conversation.tags.add("feedback")
            elif name == "action_suggest_intents":
                conversation.tags.add("fallback")
    return conversation


class TrackerReader:
    def __init__(self, url: str):
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.sqlite_path = Path(parsed.database) if self.is_sqlite and parsed.database else None
        self._engine: Optional[Engine] = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            args = {"connect_args": {"timeout": 30}} if self.is_sqlite else {"pool_pre_ping": True, "pool_size": 3}
            self._engine = create_engine(self.url, future=True, **args)
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    def available(self) -> bool:
        # A missing SQLite file means "no conversation yet"; connecting would create an empty one.
        if self.sqlite_path is not None and not self.sqlite_path.exists():
            return False
        return inspect(self.engine).has_table("events")

    # -- reading -----------------------------------------------------------------------------

    def _senders(self, start: Optional[date], end: Optional[date], limit: int = MAX_CONVERSATIONS):
        low, high = riga_bounds(start, end)
        having, params = [], {"limit": limit}
        if low is not None:
            having.append("MIN(timestamp) >= :low")
            params["low"] = low
        if high is not None:
            having.append("MIN(timestamp) < :high")
            params["high"] = high
        clause = f"HAVING {' AND '.join(having)}" if having else ""
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                f"SELECT sender_id, MIN(timestamp) AS started FROM events GROUP BY sender_id {clause} "
                "ORDER BY started DESC, sender_id LIMIT :limit"
            ), params)
            return [row.sender_id for row in rows]

    def _load(self, sender_ids: Sequence[str]) -> List[Conversation]:
        by_sender: Dict[str, list] = {sender: [] for sender in sender_ids}
        query = text(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
            "WHERE sender_id IN :ids AND type_name IN :types ORDER BY id"
        ).bindparams(bindparam("ids", expanding=True), bindparam("types", expanding=True))
        with self.engine.connect() as conn:
            for offset in range(0, len(sender_ids), CHUNK):
                chunk = list(sender_ids[offset:offset + CHUNK])
                for row in conn.execute(query, {"ids": chunk, "types": list(READ_TYPES)}):
                    by_sender[row.sender_id].append(row)
        built = [build(sender, rows) for sender, rows in by_sender.items()]
        return [c for c in built if c is not None]

    def conversations(self, filters: Filters) -> Dict[str, Any]:
        """{"conversations": newest first, "truncated": bool}."""
        if not self.available():
            return {"conversations": [], "truncated": False}
        senders = self._senders(filters.start, filters.end)
        found = [c for c in self._load(senders) if filters.accepts(c)]
        found.sort(key=lambda c: (c.started, c.id), reverse=True)
        return {"conversations": found, "truncated": len(senders) >= MAX_CONVERSATIONS}

    def conversation(self, conversation_id: str) -> Optional[Conversation]:
        if not self.available():
            return None
        loaded = self._load([conversation_id])
        return loaded[0] if loaded else None

    def intent_counts(self, start: Optional[date], end: Optional[date]) -> List[Any]:
        if not self.available():
            return []
        low, high = riga_bounds(start, end)
        with self.engine.connect() as conn:
            return list(conn.execute(text(
                "SELECT intent_name, COUNT(*) AS n FROM events WHERE type_name = 'user' "
                "AND intent_name IS NOT NULL AND timestamp >= :low AND timestamp < :high "
                "GROUP BY intent_name ORDER BY n DESC, intent_name"
            ), {"low": low if low is not None else 0, "high": high if high is not None else 1e12}))

    # -- retention ---------------------------------------------------------------------------

    def expired(self, days: int, now: Optional[datetime] = None) -> List[str]:
        """Conversations whose latest event is older than `days` days."""
        if not self.available():
            return []
        cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=days)).timestamp()
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff ORDER BY sender_id"
            ), {"cutoff": cutoff})
            return [row.sender_id for row in rows]

    def delete(self, sender_ids: Sequence[str]) -> int:
        deleted = 0
        query = text("DELETE FROM events WHERE sender_id IN :ids").bindparams(bindparam("ids", expanding=True))
        for offset in range(0, len(sender_ids), CHUNK):
            with self.engine.begin() as conn:
                deleted += conn.execute(query, {"ids": list(sender_ids[offset:offset + CHUNK])}).rowcount
        return deleted


def reader_from_env(env: Mapping[str, str] = os.environ) -> TrackerReader:
    return TrackerReader(tracker_url(env))
