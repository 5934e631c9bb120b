"""The action server's only way to the case desk (desk/): file cases, add fields, rate answers.

Promise to the customer: what the assistant reports as registered is never lost and never filed
twice. Every request is first committed to the local outbox (outbox.py), then sent with a short
time budget; if the desk cannot be reached the request waits in the outbox and is delivered by
the next call, by a background retry every OUTBOX_RETRY_SECONDS, or by an operator
(`python -m actions.clients.outbox deliver`). The case reference is computed here from the
idempotency key, so the customer gets the same reference whether the desk answered or not.

Network and desk failures never raise. Arguments that the desk would always refuse (unknown
kind, naive datetime…) raise ValueError at once: that is a bug in the calling action.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Optional

import aiohttp

from actions.clients.outbox import DELIVERED, Entry, Outbox
from eparaksts.cases import (
    ANSWER_RE,
    KEY_RE,
    LANGUAGES,
    MAX_CONVERSATION_ID_CHARS,
    RATINGS,
    case_type_error,
    make_reference,
)

log = logging.getLogger(__name__)

# How long a customer-facing call may wait for the desk before answering from the outbox.
CALL_BUDGET_SECONDS = 2.5
# An operator's or the background task's pass may take longer (a backlog after an outage).
PASS_BUDGET_SECONDS = 60.0


@dataclass(frozen=True)
class FiledCase:
    reference: str
    delivered: bool  # False = kept in the outbox, will be delivered later


def wire_key(key: str) -> str:
    """The key as the desk accepts it. Keys outside the plain alphabet are hashed, deterministically,
    so any key the actions build stays idempotent instead of being refused."""
    if not isinstance(key, str) or not key:
        raise ValueError("idempotency_key must be a non-empty string")
    return key if KEY_RE.match(key) else "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()


def _check_common(conversation_id: str, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, not {language!r}")
    if not isinstance(conversation_id, str) or not conversation_id.strip():
        raise ValueError("conversation_id must be a non-empty string")
    if len(conversation_id) > MAX_CONVERSATION_ID_CHARS:
        raise ValueError(f"conversation_id longer than {MAX_CONVERSATION_ID_CHARS} characters")


def _aware(name: str, moment: Optional[datetime]) -> Optional[str]:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError(f"{name} needs a time zone")
    return moment.isoformat()


class CaseDeskClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        outbox_path: Path,
        *,
        call_budget: float = CALL_BUDGET_SECONDS,
        retry_seconds: float = 30.0,
    ):
        self.base_url = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}
        self.outbox = Outbox(Path(outbox_path))
        self.call_budget = call_budget
        self.retry_seconds = retry_seconds
        self._session: Optional[aiohttp.ClientSession] = None
        self._retry_task: Optional[asyncio.Task] = None

    @classmethod
    def from_env(cls) -> "CaseDeskClient":
        from eparaksts import settings

        settings.load()  # .env over defaults; DESK_API_TOKEN shared with the desk via var/
        return cls(
            os.environ["DESK_URL"],
            os.environ["DESK_API_TOKEN"],
            Path(os.environ["OUTBOX_DB"]),
            retry_seconds=float(os.environ.get("OUTBOX_RETRY_SECONDS", "30")),
        )

    # -- the interface the actions use -------------------------------------------------------

    async def file_case(
        self,
        *,
        kind: str,
        case_type: str,
        language: str,
        conversation_id: str,
        idempotency_key: str,
        received_at: datetime,
        deadline: Optional[datetime],
        fields: Dict[str, Any],
    ) -> FiledCase:
        problem = case_type_error(kind, case_type)
        if problem:
            raise ValueError(problem)
        _check_common(conversation_id, language)
        key = wire_key(idempotency_key)
        reference = make_reference(kind, received_at, key)
        body = {
            "reference": reference,
            "idempotency_key": key,
            "kind": kind,
            "case_type": case_type,
            "language": language,
            "conversation_id": conversation_id,
            "received_at": _aware("received_at", received_at),
            "deadline": _aware("deadline", deadline),
            "fields": dict(fields),
        }
        json.dumps(body, ensure_ascii=False)  # fails here (ValueError/TypeError), not in the outbox
        entry = await self._queue_and_send("case", key, reference, "POST", "/api/cases", body)
        # The stored reference wins: a retry of the same turn keeps the first one's reference.
        return FiledCase(entry.reference, entry.state == DELIVERED)

    async def add_fields(self, reference: str, fields: Dict[str, Any], idempotency_key: str) -> bool:
        if not fields:
            raise ValueError("fields must name at least one field")
        key = wire_key(idempotency_key)
        body = {"fields": dict(fields), "idempotency_key": key}
        entry = await self._queue_and_send("fields", key, reference, "PATCH", f"/api/cases/{reference}/fields", body)
        return entry.state == DELIVERED

    async def rate_answer(
        self,
        *,
        conversation_id: str,
        answer: str,
        rating: str,
        language: str,
        idempotency_key: str,
        comment: Optional[str] = None,
    ) -> bool:
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
        if not ANSWER_RE.match(answer or ""):
            raise ValueError(f"answer must be a response or action name, not {answer!r}")
        _check_common(conversation_id, language)
        key = wire_key(idempotency_key)
        body = {
            "conversation_id": conversation_id, "answer": answer, "rating": rating,
            "language": language, "idempotency_key": key, "comment": comment,
        }
        entry = await self._queue_and_send("rating", key, "", "POST", "/api/ratings", body)
        return entry.state == DELIVERED

    async def deliver_pending(self) -> int:
        """Send what the outbox holds, oldest first; returns how many the desk accepted now."""
        return await self._deliver(None, PASS_BUDGET_SECONDS)

    async def close(self) -> None:
        if self._retry_task is not None:
            self._retry_task.cancel()
            self._retry_task = None
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    # -- delivery ----------------------------------------------------------------------------

    async def _queue_and_send(self, operation: str, key: str, reference: str, method: str, path: str, body) -> Entry:
        entry = await asyncio.to_thread(self.outbox.put, operation, key, reference, method, path, body)
        self._ensure_retry_task()
        if entry.state != DELIVERED:
            # Older pending rows go first (a case before its later fields); cheap when none wait.
            await self._deliver(entry.id, self.call_budget)
            entry = await asyncio.to_thread(self.outbox.get, entry.id)
        if entry.state == DELIVERED:
            log.info("%s %s delivered to the case desk", operation, entry.reference or entry.idempotency_key)
        else:
            log.warning("%s %s kept in the outbox (%s): %s", operation, entry.reference, entry.state, entry.last_error)
        return entry

    async def _deliver(self, up_to_id: Optional[int], budget: float) -> int:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + budget
        delivered = 0
        for entry in await asyncio.to_thread(self.outbox.pending, up_to_id):
            remaining = deadline - loop.time()
            if remaining < 0.1:
                break
            outcome = await self._send(entry, min(remaining, CALL_BUDGET_SECONDS))
            if outcome == "delivered":
                delivered += 1
            elif outcome == "unavailable":
                break  # the desk is down or refusing everyone: the rest would fail the same way
        return delivered

    async def _send(self, entry: Entry, timeout: float) -> str:
        try:
            session = self._client_session()
            async with session.request(
                entry.method, self.base_url + entry.path, json=entry.body, headers=self._headers,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                status, text = response.status, (await response.text())[:500]
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            await asyncio.to_thread(self.outbox.mark_failed, entry.id, f"desk unreachable: {error!r}"[:500])
            return "unavailable"
        if status in (200, 201):
            await asyncio.to_thread(self.outbox.mark_delivered, entry.id)
            return "delivered"
        if status == 404 and entry.operation == "fields" and await asyncio.to_thread(
            self.outbox.has_pending_case, entry.reference
        ):
            await asyncio.to_thread(self.outbox.mark_failed, entry.id, "its case is still in the outbox")
            return "later"
        if status in (400, 404, 409, 413, 422):
            # The desk judged the request itself; sending it again gets the same answer. Kept for
            # an operator (`python -m actions.clients.outbox status`), never silently dropped.
            log.error(
                "CASE DESK REJECTED %s %s (outbox #%d): HTTP %d %s — kept as rejected in %s",
                entry.operation, entry.reference, entry.id, status, text, self.outbox.path,
            )
            await asyncio.to_thread(self.outbox.mark_rejected, entry.id, f"HTTP {status}: {text}")
            return "rejected"
        # 401/403 (token mismatch: fixable by configuration), 429, 5xx: try again later.
        (log.error if status in (401, 403) else log.warning)(
            "case desk answered HTTP %d to %s %s; will retry: %s", status, entry.operation, entry.reference, text
        )
        await asyncio.to_thread(self.outbox.mark_failed, entry.id, f"HTTP {status}: {text}")
        return "unavailable"

    def _client_session(self) -> aiohttp.ClientSession:
        # One session per client, created inside the running loop (aiohttp binds it to the loop).
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._session._loop is not loop:
            self._session = aiohttp.ClientSession()
        return self._session

    def _ensure_retry_task(self) -> None:
        loop = asyncio.get_running_loop()
        task = self._retry_task
        if task is None or task.done() or task.get_loop() is not loop:
            self._retry_task = loop.create_task(self._retry_forever())

    async def _retry_forever(self) -> None:
        while True:
            await asyncio.sleep(self.retry_seconds)
            try:
                delivered = await self._deliver(None, PASS_BUDGET_SECONDS)
                if delivered:
                    log.info("outbox: delivered %d waiting request(s) to the case desk", delivered)
            except Exception:  # noqa: BLE001 - the retry loop must outlive any single failure
                log.exception("outbox: delivery pass failed")
