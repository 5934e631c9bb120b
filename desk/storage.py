"""Cases and ratings in the database: parameterised SQL through SQLAlchemy Core, nothing else.

The engine is synchronous; every public coroutine runs its query in the default thread pool so
the event loop keeps serving. Idempotency rests on the database's unique keys, not on a read
before the write: two identical requests arriving together both try to insert, one wins, and
the other reads the winner's row (IntegrityError is the signal).
"""
from __future__ import annotations

import asyncio
import functools
import json
from typing import Any, Dict, List, Optional, Tuple

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from desk.db import make_engine
from desk.errors import BadRequest, Conflict, NotFound
from desk.migrate import migrate
from desk.validation import STATUSES, now_text

MAX_FIELDS_JSON_CHARS = 200_000
CASE_COLUMNS = (
    "reference, idempotency_key, kind, case_type, language, conversation_id, received_at, "
    "deadline, status, status_by, status_at, fields, created_at, updated_at"
)


def _case(row, history: Optional[List[Dict[str, str]]]) -> Dict[str, Any]:
    case = dict(row._mapping)
    case["fields"] = json.loads(case["fields"])
    if history is not None:  # a single case carries its status history; list rows do not
        case["history"] = history
    return case


class Store:
    def __init__(self, url: str):
        self.engine: Engine = make_engine(url)

    async def _run(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(function, *args))

    def _read(self):
        return self.engine.connect().execution_options(readonly=True)

    # -- lifecycle ---------------------------------------------------------------------------

    async def migrate(self) -> List[str]:
        return await self._run(migrate, self.engine)

    async def ping(self) -> bool:
        try:
            await self._run(self._ping)
            return True
        except Exception:  # noqa: BLE001 - any failure means "not reachable" to /health
            return False

    def _ping(self) -> None:
        with self._read() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        self.engine.dispose()

    # -- cases -------------------------------------------------------------------------------

    async def create_case(self, case: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        """(case, True) when filed now; (existing case, False) when the key was seen before."""
        return await self._run(self._create_case, case)

    def _create_case(self, case: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        now = now_text()
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    text(
                        f"INSERT INTO cases ({CASE_COLUMNS}) VALUES (:reference, :idempotency_key, :kind, "
                        ":case_type, :language, :conversation_id, :received_at, :deadline, 'new', NULL, "
                        "NULL, :fields, :now, :now)"
                    ),
                    {**case, "fields": json.dumps(case["fields"], ensure_ascii=False), "now": now},
                )
                conn.execute(
                    text(
                        "INSERT INTO case_status_changes (reference, status, changed_by, changed_at) "
                        "VALUES (:reference, 'new', 'assistant', :now)"
                    ),
                    {"reference": case["reference"], "now": now},
                )
        except IntegrityError:
            existing = self._get_by("idempotency_key", case["idempotency_key"])
            if existing is None:
                raise Conflict(f"reference {case['reference']} belongs to another case") from None
            if existing["reference"] != case["reference"]:
                raise Conflict(
                    f"idempotency_key was already used for case {existing['reference']}, not {case['reference']}"
                ) from None
            return existing, False
        return self._get_by("reference", case["reference"]), True

    async def get_case(self, reference: str) -> Dict[str, Any]:
        case = await self._run(self._get_by, "reference", reference)
        if case is None:
            raise NotFound(f"no case {reference}")
        return case

    def _get_by(self, column: str, value: str) -> Optional[Dict[str, Any]]:
        assert column in ("reference", "idempotency_key")  # never user input: a fixed column name
        with self._read() as conn:
            row = conn.execute(text(f"SELECT {CASE_COLUMNS} FROM cases WHERE {column} = :v"), {"v": value}).first()
            if row is None:
                return None
            history = conn.execute(
                text(
                    "SELECT status, changed_by, changed_at FROM case_status_changes "
                    "WHERE reference = :r "
                    # Statuses only move forward, so lifecycle order is time order, even within a second.
                    "ORDER BY CASE status WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END"
                ),
                {"r": row.reference},
            )
            return _case(row, [{"status": h.status, "by": h.changed_by, "at": h.changed_at} for h in history])

    async def list_cases(self, kind: Optional[str], status: Optional[str], limit: int) -> List[Dict[str, Any]]:
        return await self._run(self._list_cases, kind, status, limit)

    def _list_cases(self, kind: Optional[str], status: Optional[str], limit: int) -> List[Dict[str, Any]]:
        # Only fixed clause strings are joined; the values travel as bound parameters.
        clauses, params = [], {"limit": limit}
        if kind:
            clauses.append("kind = :kind")
            params["kind"] = kind
        if status:
            clauses.append("status = :status")
            params["status"] = status
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._read() as conn:
            rows = conn.execute(
                text(f"SELECT {CASE_COLUMNS} FROM cases {where} ORDER BY received_at, reference LIMIT :limit"),
                params,
            )
            return [_case(row, None) for row in rows]

    async def change_status(self, reference: str, status: str, by: str) -> Tuple[Dict[str, Any], bool]:
        """(case, True) when moved now; (case, False) when it already had that status."""
        return await self._run(self._change_status, reference, status, by)

    def _change_status(self, reference: str, status: str, by: str) -> Tuple[Dict[str, Any], bool]:
        now = now_text()
        with self.engine.begin() as conn:
            row = conn.execute(text("SELECT status FROM cases WHERE reference = :r"), {"r": reference}).first()
            if row is None:
                raise NotFound(f"no case {reference}")
            current = row.status
            if current != status:
                if STATUSES.index(status) < STATUSES.index(current):
                    raise Conflict(f"case {reference} is {current}; it cannot move back to {status}")
                # The status condition makes a concurrent move show up as "0 rows" instead of
                # silently overwriting the other person's change.
                moved = conn.execute(
                    text(
                        "UPDATE cases SET status = :s, status_by = :by, status_at = :now, updated_at = :now "
                        "WHERE reference = :r AND status = :current"
                    ),
                    {"s": status, "by": by, "now": now, "r": reference, "current": current},
                ).rowcount
                if moved != 1:
                    raise Conflict(f"case {reference} was changed meanwhile; read it again")
                conn.execute(
                    text(
                        "INSERT INTO case_status_changes (reference, status, changed_by, changed_at) "
                        "VALUES (:r, :s, :by, :now)"
                    ),
                    {"r": reference, "s": status, "by": by, "now": now},
                )
        return self._get_by("reference", reference), current != status

    async def add_fields(self, reference: str, fields: Dict[str, Any], key: str) -> Tuple[Dict[str, Any], bool]:
        """Merge fields into the case once per idempotency key; (case, applied now?)."""
        return await self._run(self._add_fields, reference, fields, key)

    def _add_fields(self, reference: str, fields: Dict[str, Any], key: str) -> Tuple[Dict[str, Any], bool]:
        for _attempt in range(5):
            try:
                applied = self._try_add_fields(reference, fields, key)
            except IntegrityError:
                applied = False  # the same update arrived twice at once: the other one applied it
            if applied is not None:
                return self._get_by("reference", reference), applied
        raise Conflict(f"case {reference} kept changing; try again")

    def _try_add_fields(self, reference: str, fields: Dict[str, Any], key: str) -> Optional[bool]:
        now = now_text()
        with self.engine.begin() as conn:
            seen = conn.execute(
                text("SELECT reference FROM case_field_updates WHERE idempotency_key = :k"), {"k": key}
            ).first()
            if seen is not None:
                if seen.reference != reference:
                    raise Conflict(f"idempotency_key was already used for case {seen.reference}")
                return False
            row = conn.execute(text("SELECT fields FROM cases WHERE reference = :r"), {"r": reference}).first()
            if row is None:
                raise NotFound(f"no case {reference}")
            merged = json.dumps({**json.loads(row.fields), **fields}, ensure_ascii=False)
            if len(merged) > MAX_FIELDS_JSON_CHARS:
                raise BadRequest(f"the case's fields would exceed {MAX_FIELDS_JSON_CHARS} characters")
            # Compare-and-set on the old value: PostgreSQL's read committed would otherwise let
            # two different updates each overwrite the other's fields.
            changed = conn.execute(
                text("UPDATE cases SET fields = :new, updated_at = :now WHERE reference = :r AND fields = :old"),
                {"new": merged, "now": now, "r": reference, "old": row.fields},
            ).rowcount
            if changed != 1:
                return None
            conn.execute(
                text(
                    "INSERT INTO case_field_updates (idempotency_key, reference, fields, applied_at) "
                    "VALUES (:k, :r, :f, :now)"
                ),
                {"k": key, "r": reference, "f": json.dumps(fields, ensure_ascii=False), "now": now},
            )
            return True

    # -- ratings -----------------------------------------------------------------------------

    async def add_rating(self, rating: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        return await self._run(self._add_rating, rating)

    def _add_rating(self, rating: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        created = True
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO answer_ratings (idempotency_key, conversation_id, answer, rating, "
                        "language, comment, created_at) VALUES (:idempotency_key, :conversation_id, "
                        ":answer, :rating, :language, :comment, :now)"
                    ),
                    {**rating, "now": now_text()},
                )
        except IntegrityError:
            created = False
        with self._read() as conn:
            row = conn.execute(
                text(
                    "SELECT idempotency_key, conversation_id, answer, rating, language, comment, created_at "
                    "FROM answer_ratings WHERE idempotency_key = :k"
                ),
                {"k": rating["idempotency_key"]},
            ).first()
        return dict(row._mapping), created

    async def rating_summary(self, language: Optional[str], since: Optional[str] = None,
                             until: Optional[str] = None) -> List[Dict[str, Any]]:
        """Per answer: ups and downs; since/until (UTC text, until exclusive) limit the period."""
        return await self._run(self._rating_summary, language, since, until)

    def _rating_summary(self, language: Optional[str], since: Optional[str] = None,
                        until: Optional[str] = None) -> List[Dict[str, Any]]:
        clauses = [clause for clause, value in (("language = :language", language), ("created_at >= :since", since),
                                                ("created_at < :until", until)) if value]
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._read() as conn:
            rows = conn.execute(
                text(
                    "SELECT answer, "
                    "SUM(CASE WHEN rating = 'up' THEN 1 ELSE 0 END) AS up, "
                    "SUM(CASE WHEN rating = 'down' THEN 1 ELSE 0 END) AS down "
                    f"FROM answer_ratings {where} GROUP BY answer ORDER BY down DESC, answer"
                ),
                {"language": language, "since": since, "until": until},
            )
            return [{"answer": r.answer, "up": int(r.up), "down": int(r.down)} for r in rows]


# Where the application keeps its Store (API handlers today, staff pages later).
STORE = web.AppKey("store", Store)
