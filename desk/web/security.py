"""What every console response gets: security headers, the session check, CSRF on POST, roles.

Order in the application: json_errors (outermost, JSON for /api/), bearer_auth (/api/ only),
security_headers, require_session (innermost, so it sees the route's own handler and its roles).
"""
from __future__ import annotations

import logging
from typing import Callable, Optional
from urllib.parse import urlencode

from aiohttp import web

from desk.auth import API_PREFIX
from desk.errors import ApiError
from desk.web import csrf
from desk.web.render import page, redirect

log = logging.getLogger(__name__)

SESSION_COOKIE = "console_session"
PUBLIC = ("/login", "/health")
STATIC_PREFIX = "/static/"
# The customer web chat (desk/web/chat.py): public, and its handlers set their own, wider CSP.
CHAT_PREFIX = "/chat"

# No script at all; styles only from our own file; forms only post back to us; never framed.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def is_api(request: web.Request) -> bool:
    return request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")


def is_chat(request: web.Request) -> bool:
    return request.path == CHAT_PREFIX or request.path.startswith(CHAT_PREFIX + "/")


def roles(*allowed: str) -> Callable:
    """Mark a handler as reachable only by these roles (checked by require_session)."""
    def mark(handler):
        handler.allowed_roles = frozenset(allowed)
        return handler
    return mark


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    return page(request, "error.html", status=status, status_code=status, message=message)


@web.middleware
async def security_headers(request: web.Request, handler):
    if is_api(request):
        return await handler(request)
    try:
        response = await handler(request)
    except web.HTTPException as error:
        if error.status < 400:
            response = redirect(error.location, error.status) if getattr(error, "location", None) else \
                web.Response(status=error.status)
        else:
            response = error_page(request, error.status, error.reason)
    except ApiError as error:
        response = error_page(request, error.status, error.message)
    except Exception:  # noqa: BLE001 - staff see a plain page, the log gets the traceback
        log.exception("console error on %s %s", request.method, request.path)
        response = error_page(request, 500, "Internal error; the desk logged it.")
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith(STATIC_PREFIX):
        # Pages show personal data: no copies in shared caches or the browser's back-forward cache.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


@web.middleware
async def require_session(request: web.Request, handler):
    if is_api(request) or request.path in PUBLIC or request.path.startswith(STATIC_PREFIX) or is_chat(request):
        return await handler(request)
    from desk.web.session import current_user  # late import: session imports this module

    user: Optional[dict] = await current_user(request)
    if user is None:
        if request.method == "GET":
            return redirect("/login?" + urlencode({"next": request.path_qs}), 302)
        return redirect("/login", 303)
    request["user"] = user
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        if not await csrf.valid(request, user["csrf"]):
            return error_page(request, 403, "The form's security token is missing or wrong. Reload the page and try again.")
    route_handler = request.match_info.handler
    allowed = getattr(route_handler, "allowed_roles", None)
    if allowed is not None and user["role"] not in allowed:
        return error_page(request, 403, "Your role does not give access to this page.")
    return await handler(request)
