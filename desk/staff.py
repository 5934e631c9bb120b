"""Staff accounts, sessions, NLU annotations and kept conversations: SQL for the console.

Same engine and the same habits as desk/storage.py (parameterised Core SQL, synchronous engine
run in the thread pool). Cases and ratings stay in desk/storage.py; the console calls those.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Set

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from desk.passwords import DUMMY_HASH, hash_password, password_problem, verify_password
from desk.validation import utc_text

ROLES = ("support", "trainer", "admin")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
SESSION_HOURS = 12
NOISE = "__noise__"


class AccountError(ValueError):
    """Refused account change; the message is shown to the admin as is."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_username(username: str) -> str:
    if not USERNAME_RE.match(username or ""):
        raise AccountError("user names are 2-64 characters: lower-case letters, digits, '.', '_' and '-'")
    return username


class StaffStore:
    def __init__(self, engine: Engine):
        self.engine = engine

    async def run(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(None, functools.partial(function, *args))

    def _read(self):
        return self.engine.connect().execution_options(readonly=True)

    # -- accounts ----------------------------------------------------------------------------

    def create_user(self, username: str, password: str, role: str) -> None:
        check_username(username)
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        problem = password_problem(password)
        if problem:
            raise AccountError(problem)
        now = utc_text(_now())
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO staff_users (username, password_hash, role, disabled, failed_logins, "
                        "locked_until, created_at, updated_at) VALUES (:u, :h, :r, 0, 0, NULL, :now, :now)"
                    ),
                    {"u": username, "h": hash_password(password), "r": role, "now": now},
                )
        except IntegrityError:
            raise AccountError(f"user {username} already exists") from None

    def list_users(self) -> List[Dict[str, Any]]:
        with self._read() as conn:
            rows = conn.execute(text(
                "SELECT username, role, disabled, failed_logins, locked_until, created_at, updated_at "
                "FROM staff_users ORDER BY username"
            ))
            return [dict(row._mapping) for row in rows]

    def update_user(self, username: str, role: Optional[str], disabled: Optional[bool]) -> None:
        if role is not None and role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        with self.engine.begin() as conn:
            row = conn.execute(text("SELECT role, disabled FROM staff_users WHERE username = :u"),
                               {"u": username}).first()
            if row is None:
                raise AccountError(f"no user {username}")
            new_role = row.role if role is None else role
            new_disabled = bool(row.disabled) if disabled is None else disabled
            if row.role == "admin" and (new_role != "admin" or new_disabled):
                # Without this the last administrator could lock everyone out of account management.
                active_admins = conn.execute(text(
                    "SELECT COUNT(*) FROM staff_users WHERE role = 'admin' AND disabled = 0"
                )).scalar()
                if active_admins <= 1 and not row.disabled:
                    raise AccountError("this is the last active administrator; create another one first")
            conn.execute(
                text("UPDATE staff_users SET role = :r, disabled = :d, updated_at = :now WHERE username = :u"),
                {"r": new_role, "d": 1 if new_disabled else 0, "now": utc_text(_now()), "u": username},
            )
            if new_disabled:
                conn.execute(text("DELETE FROM staff_sessions WHERE username = :u"), {"u": username})

    def set_password(self, username: str, password: str) -> None:
        problem = password_problem(password)
        if problem:
            raise AccountError(problem)
        with self.engine.begin() as conn:
            changed = conn.execute(
                text("UPDATE staff_users SET password_hash = :h, failed_logins = 0, locked_until = NULL, "
                     "updated_at = :now WHERE username = :u"),
                {"h": hash_password(password), "now": utc_text(_now()), "u": username},
            ).rowcount
            if changed != 1:
                raise AccountError(f"no user {username}")

    # -- login and sessions --------------------------------------------------------------------

    def login(self, username: str, password: str) -> Dict[str, Any]:
        """{"ok": True, "token", "csrf", "user"} or {"ok": False, "reason": "wrong"|"locked"|"disabled"}."""
        now = _now()
        with self._read() as conn:
            row = conn.execute(
                text("SELECT username, password_hash, role, disabled, failed_logins, locked_until "
                     "FROM staff_users WHERE username = :u"), {"u": username},
            ).first()
        if row is None:
            verify_password(password, DUMMY_HASH)
            return {"ok": False, "reason": "wrong"}
        if row.locked_until and row.locked_until > utc_text(now):
            # Locked: the password is not even checked, so guessing during the lock-out learns nothing.
            return {"ok": False, "reason": "locked", "until": row.locked_until}
        if not verify_password(password, row.password_hash):
            with self.engine.begin() as conn:
                # Counting in SQL, not in Python: parallel guesses must all be counted.
                conn.execute(text(
                    "UPDATE staff_users SET failed_logins = failed_logins + 1 WHERE username = :u"
                ), {"u": username})
                failures = conn.execute(text("SELECT failed_logins FROM staff_users WHERE username = :u"),
                                        {"u": username}).scalar()
                if failures >= MAX_FAILED_LOGINS:
                    until = utc_text(now + timedelta(minutes=LOCK_MINUTES))
                    conn.execute(text(
                        "UPDATE staff_users SET failed_logins = 0, locked_until = :t WHERE username = :u"
                    ), {"t": until, "u": username})
                    return {"ok": False, "reason": "locked", "until": until}
            return {"ok": False, "reason": "wrong"}
        if row.disabled:
            return {"ok": False, "reason": "disabled"}
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(text("UPDATE staff_users SET failed_logins = 0, locked_until = NULL WHERE username = :u"),
                         {"u": username})
            conn.execute(text("DELETE FROM staff_sessions WHERE expires_at < :now"), {"now": utc_text(now)})
            conn.execute(
                text("INSERT INTO staff_sessions (token_hash, username, csrf_token, created_at, expires_at) "
                     "VALUES (:h, :u, :c, :now, :exp)"),
                {"h": token_hash(token), "u": username, "c": csrf, "now": utc_text(now),
                 "exp": utc_text(now + timedelta(hours=SESSION_HOURS))},
            )
        return {"ok": True, "token": token, "csrf": csrf, "user": {"username": row.username, "role": row.role}}

    def session(self, token: str) -> Optional[Dict[str, Any]]:
        with self._read() as conn:
            row = conn.execute(
                text("SELECT s.username, s.csrf_token, s.expires_at, u.role, u.disabled FROM staff_sessions s "
                     "JOIN staff_users u ON u.username = s.username WHERE s.token_hash = :h"),
                {"h": token_hash(token)},
            ).first()
        if row is None or row.disabled or row.expires_at <= utc_text(_now()):
            return None
        return {"username": row.username, "role": row.role, "csrf": row.csrf_token}

    def logout(self, token: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("DELETE FROM staff_sessions WHERE token_hash = :h"), {"h": token_hash(token)})

    # -- NLU annotations -----------------------------------------------------------------------

    def annotate(self, item: Dict[str, Any], verdict: str, by: str) -> None:
        row = {
            "k": item["key"], "c": item["conversation_id"], "t": item["text"],
            "p": item.get("intent"), "conf": None if item.get("confidence") is None else f"{item['confidence']:.3f}",
            "v": verdict, "by": by, "now": utc_text(_now()),
        }
        with self.engine.begin() as conn:
            # A second trainer's verdict replaces the first: delete + insert works on both databases.
            conn.execute(text("DELETE FROM nlu_annotations WHERE message_key = :k"), row)
            conn.execute(text(
                "INSERT INTO nlu_annotations (message_key, conversation_id, text, predicted_intent, confidence, "
                "verdict, annotated_by, annotated_at) VALUES (:k, :c, :t, :p, :conf, :v, :by, :now)"
            ), row)

    def annotated_keys(self) -> Set[str]:
        with self._read() as conn:
            return {row[0] for row in conn.execute(text("SELECT message_key FROM nlu_annotations"))}

    def annotations(self) -> List[Dict[str, Any]]:
        with self._read() as conn:
            rows = conn.execute(text(
                "SELECT message_key, conversation_id, text, predicted_intent, confidence, verdict, annotated_by, "
                "annotated_at FROM nlu_annotations ORDER BY verdict, annotated_at, message_key"
            ))
            return [dict(row._mapping) for row in rows]

    # -- kept conversations --------------------------------------------------------------------

    def keep(self, conversation_id: str, by: str, keep: bool = True) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("DELETE FROM kept_conversations WHERE conversation_id = :c"), {"c": conversation_id})
            if keep:
                conn.execute(text(
                    "INSERT INTO kept_conversations (conversation_id, kept_by, kept_at) VALUES (:c, :by, :now)"
                ), {"c": conversation_id, "by": by, "now": utc_text(_now())})

    def kept(self, conversation_ids: Optional[Iterable[str]] = None) -> Dict[str, Dict[str, str]]:
        with self._read() as conn:
            if conversation_ids is None:
                rows = conn.execute(text("SELECT conversation_id, kept_by, kept_at FROM kept_conversations"))
            else:
                ids = list(conversation_ids)
                if not ids:
                    return {}
                rows = conn.execute(
                    text("SELECT conversation_id, kept_by, kept_at FROM kept_conversations "
                         "WHERE conversation_id IN :ids").bindparams(bindparam("ids", expanding=True)),
                    {"ids": ids},
                )
            return {r.conversation_id: {"by": r.kept_by, "at": r.kept_at} for r in rows}
