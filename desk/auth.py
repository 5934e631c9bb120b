"""Bearer-token check on the JSON API. The action server is the only client of /api/ today; the
staff pages that will come under /web/ get their own login and are not covered here."""
from __future__ import annotations

import hmac

from aiohttp import web

from desk.errors import error_response

API_PREFIX = "/api/"


def bearer_auth(token: str):
    if not token:
        raise ValueError("DESK_API_TOKEN is empty: the API would be open to anyone")
    expected = token.encode("utf-8")

    @web.middleware
    async def middleware(request: web.Request, handler):
        if request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/"):
            scheme, _, given = request.headers.get("Authorization", "").partition(" ")
            # compare_digest: the time taken must not reveal how much of a guess was right.
            if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8"), expected):
                return error_response(401, "missing or wrong token: send Authorization: Bearer <DESK_API_TOKEN>")
        return await handler(request)

    return middleware
