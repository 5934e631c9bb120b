"""A durable local queue of requests for the case desk, in a SQLite file (OUTBOX_DB).

Every request is written here and committed before it is sent, so a case the customer was told
about survives the desk being down, the action server being restarted, or a crash between the
two. Rows are keyed by (operation, idempotency key): a retried action finds its earlier row
instead of queuing a second one, and the desk's own idempotency makes redelivery harmless.

States: pending → delivered, or rejected when the desk refused the request as invalid (retrying
cannot help; the row stays, with the desk's message, for an operator: `status`, `requeue`).

Operator commands: python -m actions.clients.outbox deliver | status | requeue
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List, Optional

PENDING, DELIVERED, REJECTED = "pending", "delivered", "rejected"
KEEP_DELIVERED = timedelta(days=30)

# The outbox is a private file of one process, so its schema evolves through SQLite's
# user_version: each entry upgrades the file from the previous version.
SCHEMA = [
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        operation TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        reference TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        body TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (operation, idempotency_key)
    );
    CREATE INDEX outbox_state ON outbox (state, id);
    """,
]


@dataclass(frozen=True)
class Entry:
    id: int
    operation: str
    idempotency_key: str
    reference: str
    method: str
    path: str
    body: Dict[str, Any]
    state: str
    attempts: int
    last_error: Optional[str]


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Outbox:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn:
            self._upgrade(conn)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed row is on disk before we tell the customer it is registered.
        conn.execute("PRAGMA synchronous=FULL")
        return conn

    def _upgrade(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(SCHEMA[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _entry(row: sqlite3.Row) -> Entry:
        return Entry(
            id=row["id"], operation=row["operation"], idempotency_key=row["idempotency_key"],
            reference=row["reference"], method=row["method"], path=row["path"],
            body=json.loads(row["body"]), state=row["state"], attempts=row["attempts"],
            last_error=row["last_error"],
        )

    def put(self, operation: str, key: str, reference: str, method: str, path: str, body: Dict[str, Any]) -> Entry:
        """Queue a request (committed on return); the existing row if this key was queued before."""
        now = _now()
        with closing(self._connect()) as conn:
            conn.execute(
                "INSERT OR IGNORE INTO outbox (operation, idempotency_key, reference, method, path, body, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (operation, key, reference, method, path, json.dumps(body, ensure_ascii=False), now, now),
            )
            cutoff = (datetime.now(timezone.utc) - KEEP_DELIVERED).strftime("%Y-%m-%dT%H:%M:%SZ")
            conn.execute("DELETE FROM outbox WHERE state = ? AND updated_at < ?", (DELIVERED, cutoff))
            row = conn.execute(
                "SELECT * FROM outbox WHERE operation = ? AND idempotency_key = ?", (operation, key)
            ).fetchone()
        return self._entry(row)

    def get(self, entry_id: int) -> Entry:
        with closing(self._connect()) as conn:
            return self._entry(conn.execute("SELECT * FROM outbox WHERE id = ?", (entry_id,)).fetchone())

    def find(self, operation: str, key: str) -> Optional[Entry]:
        """The row queued for this key, if any (read only: queues nothing)."""
        with closing(self._connect()) as conn:
            row = conn.execute(
                "SELECT * FROM outbox WHERE operation = ? AND idempotency_key = ?", (operation, key)
            ).fetchone()
        return self._entry(row) if row is not None else None

    def pending(self, up_to_id: Optional[int] = None, limit: int = 500) -> List[Entry]:
        """Oldest first: a case is always sent before the fields added to it later."""
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT * FROM outbox WHERE state = ? AND id <= ? ORDER BY id LIMIT ?",
                (PENDING, up_to_id if up_to_id is not None else sys.maxsize, limit),
            ).fetchall()
        return [self._entry(row) for row in rows]

    def has_pending_case(self, reference: str) -> bool:
        with closing(self._connect()) as conn:
            return conn.execute(
                "SELECT 1 FROM outbox WHERE operation = 'case' AND reference = ? AND state = ?",
                (reference, PENDING),
            ).fetchone() is not None

    def _set(self, entry_id: int, state: str, error: Optional[str], attempted: bool = True) -> None:
        with closing(self._connect()) as conn:
            conn.execute(
                "UPDATE outbox SET state = ?, last_error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?",
                (state, error, 1 if attempted else 0, _now(), entry_id),
            )

    def mark_delivered(self, entry_id: int) -> None:
        self._set(entry_id, DELIVERED, None)

    def mark_rejected(self, entry_id: int, error: str) -> None:
        self._set(entry_id, REJECTED, error)

    def mark_failed(self, entry_id: int, error: str) -> None:
        """Still pending: the next pass tries again."""
        self._set(entry_id, PENDING, error)

    def requeue_rejected(self) -> int:
        with closing(self._connect()) as conn:
            return conn.execute(
                "UPDATE outbox SET state = ?, updated_at = ? WHERE state = ?", (PENDING, _now(), REJECTED)
            ).rowcount

    def counts(self) -> Dict[str, int]:
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall()
        return {PENDING: 0, DELIVERED: 0, REJECTED: 0, **{state: n for state, n in rows}}

    def rejected(self) -> List[Entry]:
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT * FROM outbox WHERE state = ? ORDER BY id", (REJECTED,)).fetchall()
        return [self._entry(row) for row in rows]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m actions.clients.outbox", description=__doc__.split("\n")[0])
    parser.add_argument(
        "command", choices=["deliver", "status", "requeue"],
        help="deliver: send pending rows now; status: counts and rejected rows; requeue: rejected → pending",
    )
    args = parser.parse_args(argv)
    from actions.clients.case_desk import CaseDeskClient

    client = CaseDeskClient.from_env()
    if args.command == "deliver":
        async def deliver() -> int:
            try:
                return await client.deliver_pending()
            finally:
                await client.close()

        print(f"delivered {asyncio.run(deliver())}; now {client.outbox.counts()}")
    elif args.command == "status":
        print(client.outbox.counts())
        for entry in client.outbox.rejected():
            print(f"  rejected #{entry.id} {entry.operation} {entry.reference}: {entry.last_error}")
    else:
        print(f"requeued {client.outbox.requeue_rejected()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
