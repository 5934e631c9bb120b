"""Cases: file (idempotent), read, list a queue, move the status forward, add fields later."""
from __future__ import annotations

from aiohttp import web

from desk import validation
from desk.errors import BadRequest, read_json_object
from desk.storage import STORE, Store
from eparaksts.cases import KINDS

def _store(request: web.Request) -> Store:
    return request.app[STORE]


async def create(request: web.Request) -> web.Response:
    case = validation.new_case(await read_json_object(request))
    stored, created = await _store(request).create_case(case)
    # 201 for a new case, 200 for a repeat: the client learns a retry found its earlier case.
    return web.json_response(stored, status=201 if created else 200)


async def read(request: web.Request) -> web.Response:
    return web.json_response(await _store(request).get_case(request.match_info["reference"]))


async def list_cases(request: web.Request) -> web.Response:
    kind, status = request.query.get("kind") or None, request.query.get("status") or None
    if kind is not None and kind not in KINDS:
        raise BadRequest(f"kind must be one of {sorted(KINDS)}")
    if status is not None and status not in validation.STATUSES:
        raise BadRequest(f"status must be one of {list(validation.STATUSES)}")
    limit = validation.limit(request.query.get("limit"))
    return web.json_response({"cases": await _store(request).list_cases(kind, status, limit)})


async def change_status(request: web.Request) -> web.Response:
    change = validation.status_change(await read_json_object(request))
    case, _moved = await _store(request).change_status(request.match_info["reference"], change["status"], change["by"])
    return web.json_response(case)


async def add_fields(request: web.Request) -> web.Response:
    update = validation.field_update(await read_json_object(request))
    case, applied = await _store(request).add_fields(
        request.match_info["reference"], update["fields"], update["idempotency_key"]
    )
    return web.json_response({**case, "applied": applied})
