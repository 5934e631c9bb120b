"""Every error the API returns is JSON {"error": "..."} with the right status, never an HTML page
or a stack trace: the action server and the staff tools read the message."""
from __future__ import annotations

import json
import logging

from aiohttp import web

log = logging.getLogger(__name__)


class ApiError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class BadRequest(ApiError):
    status = 400


class NotFound(ApiError):
    status = 404


class Conflict(ApiError):
    status = 409


def error_response(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@web.middleware
async def json_errors(request: web.Request, handler):
    try:
        return await handler(request)
    except ApiError as error:
        return error_response(error.status, error.message)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        # aiohttp's own refusals (404 route, 405 method, 413 body too large) as JSON too.
        return error_response(error.status, error.reason if not error.text else error.text.split(": ", 1)[-1])
    except Exception:  # noqa: BLE001 - the customer's case must never meet an HTML 500 page
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal error; the desk logged it")


async def read_json_object(request: web.Request) -> dict:
    """The body as a JSON object, or a 400 that says what is wrong with it."""
    raw = await request.read()
    if not raw:
        raise BadRequest("request body is empty; send a JSON object")
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("request body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadRequest(f"request body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    if not isinstance(body, dict):
        raise BadRequest("request body must be a JSON object")
    return body
