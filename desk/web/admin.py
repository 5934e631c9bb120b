"""Account management (admins only): create users, change roles, disable and enable."""
from __future__ import annotations

from aiohttp import web

from desk.staff import ROLES, AccountError
from desk.validation import now_text
from desk.web.common import in_thread, staff
from desk.web.render import page, redirect
from desk.web.security import roles


async def _users_page(request: web.Request, status: int = 200, message: str = "") -> web.Response:
    users = await in_thread(request, staff(request).list_users)
    return page(request, "admin_users.html", status=status, users=users, roles=ROLES, message=message,
                notice=request.query.get("notice", ""), now=now_text())


@roles("admin")
async def users(request: web.Request) -> web.Response:
    return await _users_page(request)


@roles("admin")
async def create(request: web.Request) -> web.Response:
    form = await request.post()
    username = str(form.get("username", "")).strip().lower()
    try:
        await in_thread(request, staff(request).create_user, username, str(form.get("password", "")),
                        str(form.get("role", "")))
    except AccountError as error:
        return await _users_page(request, 400, str(error))
    return redirect("/admin/users?notice=created")


@roles("admin")
async def update(request: web.Request) -> web.Response:
    form = await request.post()
    username, action = str(form.get("username", "")), str(form.get("action", ""))
    store = staff(request)
    try:
        if action == "role":
            await in_thread(request, store.update_user, username, str(form.get("role", "")), None)
        elif action in ("disable", "enable"):
            if action == "disable" and username == request["user"]["username"]:
                raise AccountError("you cannot disable your own account")
            await in_thread(request, store.update_user, username, None, action == "disable")
        elif action == "password":
            await in_thread(request, store.set_password, username, str(form.get("password", "")))
        else:
            raise AccountError("unknown action")
    except AccountError as error:
        return await _users_page(request, 400, str(error))
    return redirect("/admin/users?notice=saved")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/admin/users", users)
    router.add_post("/admin/users", create)
    router.add_post("/admin/users/update", update)
