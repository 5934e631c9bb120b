"""Case queues (urgent, applications, feedback) and the case page with its status form.

Reads and status changes go through desk.storage.Store, the same code the API uses, so a status
set here and one set through the API are recorded the same way.
"""
from __future__ import annotations

from typing import Any, Dict

from aiohttp import web

from desk.errors import Conflict
from desk.validation import STATUSES, now_text
from desk.web.common import store
from desk.web.render import page, redirect
from desk.web.security import roles
from eparaksts.cases import KINDS

KIND_ORDER = ("urgent", "application", "feedback")
STATUS_CHOICES = ("open", "new", "in_progress", "done", "all")
MAX_ROWS = 500


def overdue(case: Dict[str, Any], now: str) -> bool:
    return bool(case.get("deadline")) and case["deadline"] < now and case["status"] != "done"


@roles("support", "admin")
async def queue(request: web.Request) -> web.Response:
    kind = request.query.get("kind", "urgent")
    status = request.query.get("status", "open")
    if kind not in KINDS or status not in STATUS_CHOICES:
        raise web.HTTPBadRequest(reason="unknown queue or status")
    wanted = status if status in STATUSES else None
    cases = await store(request).list_cases(kind, wanted, MAX_ROWS)
    if status == "open":
        cases = [c for c in cases if c["status"] != "done"]
    now = now_text()
    for case in cases:
        case["overdue"] = overdue(case, now)
    return page(request, "queues.html", kind=kind, status_filter=status, kinds=KIND_ORDER,
                status_choices=STATUS_CHOICES, cases=cases)


def _case_page(request: web.Request, case: Dict[str, Any], status: int = 200, message: str = "") -> web.Response:
    position = STATUSES.index(case["status"])
    return page(request, "case.html", status=status, case=case, overdue=overdue(case, now_text()),
                next_statuses=STATUSES[position + 1:], message=message)


@roles("support", "admin")
async def case_page(request: web.Request) -> web.Response:
    return _case_page(request, await store(request).get_case(request.match_info["reference"]))


@roles("support", "admin")
async def change_status(request: web.Request) -> web.Response:
    reference = request.match_info["reference"]
    status = str((await request.post()).get("status", ""))
    if status not in STATUSES:
        raise web.HTTPBadRequest(reason=f"status must be one of {', '.join(STATUSES)}")
    try:
        await store(request).change_status(reference, status, request["user"]["username"])
    except Conflict as error:
        return _case_page(request, await store(request).get_case(reference), 409, error.message)
    return redirect(f"/cases/{reference}")


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/queues", queue)
    router.add_get("/cases/{reference}", case_page)
    router.add_post("/cases/{reference}/status", change_status)
