"""Login, logout and the session behind every page.

The session cookie holds a random token (the database has only its hash); HttpOnly keeps it from
scripts, SameSite=Strict from cross-site requests, Secure when STAFF_COOKIE_SECURE=true.
"""
from __future__ import annotations

from typing import Optional

from aiohttp import web

from desk.staff import LOCK_MINUTES, SESSION_HOURS
from desk.web import csrf
from desk.web.config import CONFIG, STAFF
from desk.web.render import page, redirect
from desk.web.security import SESSION_COOKIE


async def current_user(request: web.Request) -> Optional[dict]:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token or len(token) > 200:
        return None
    staff = request.app[STAFF]
    return await staff.run(staff.session, token)


def _cookie(response: web.Response, request: web.Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="Strict",
                        secure=request.app[CONFIG].cookie_secure or None)


def _safe_next(target: str) -> str:
    # Only paths on this site: "//evil.example" and "https://…" would turn login into an open redirect.
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_form(request: web.Request, status: int = 200, message: str = "") -> web.Response:
    # Reuse the browser's token: a second login page (another tab, or the favicon request that
    # is redirected here) must not invalidate the form already shown.
    token = request.cookies.get(csrf.LOGIN_COOKIE, "")
    if not (40 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum()):
        token = csrf.new_token()
    response = page(request, "login.html", status=status, message=message, login_csrf=token,
                    next=_safe_next(request.query.get("next", "/")))
    _cookie(response, request, csrf.LOGIN_COOKIE, token, 3600)
    return response


async def login_form(request: web.Request) -> web.Response:
    if await current_user(request) is not None:
        return redirect(_safe_next(request.query.get("next", "/")), 302)
    return _login_form(request)


async def login(request: web.Request) -> web.Response:
    form = await request.post()
    if not csrf.same(str(form.get(csrf.FIELD, "")), request.cookies.get(csrf.LOGIN_COOKIE, "")):
        return _login_form(request, 403, "The login form expired. Please try again.")
    username = str(form.get("username", "")).strip().lower()[:64]
    password = str(form.get("password", ""))[:1024]
    staff = request.app[STAFF]
    result = await staff.run(staff.login, username, password)
    if not result["ok"]:
        if result["reason"] == "locked":
            response = _login_form(request, 429, f"Too many failed logins: this account is locked for "
                                                 f"{LOCK_MINUTES} minutes.")
            response.headers["Retry-After"] = str(LOCK_MINUTES * 60)
            return response
        # One message for unknown names, wrong passwords and disabled accounts: no account probing.
        return _login_form(request, 401, "Wrong user name or password, or the account is disabled.")
    response = redirect(_safe_next(str(form.get("next", "/"))))
    _cookie(response, request, SESSION_COOKIE, result["token"], SESSION_HOURS * 3600)
    response.del_cookie(csrf.LOGIN_COOKIE, path="/")
    return response


async def logout(request: web.Request) -> web.Response:
    staff = request.app[STAFF]
    await staff.run(staff.logout, request.cookies.get(SESSION_COOKIE, ""))
    response = redirect("/login")
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/login", login_form)
    router.add_post("/login", login)
    router.add_post("/logout", logout)
