"""CSRF tokens. Logged in: one random token per session (staff_sessions.csrf_token), sent as the
hidden form field `csrf_token` (or the X-CSRF-Token header) and compared in constant time on
every POST. The login form has no session yet: it uses a double-submit cookie instead, so a
foreign page cannot log a browser into an attacker's account either."""
from __future__ import annotations

import hmac
import secrets

from aiohttp import web

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
LOGIN_COOKIE = "console_login_csrf"


def same(given: str, expected: str) -> bool:
    return bool(given) and bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


async def valid(request: web.Request, expected: str) -> bool:
    given = request.headers.get(HEADER, "")
    if not given and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        given = str((await request.post()).get(FIELD, ""))
    return same(given, expected)


def new_token() -> str:
    return secrets.token_urlsafe(32)
