"""Ratings of single answers ("was this helpful?"), and the per-answer tally trainers read."""
from __future__ import annotations

from aiohttp import web

from desk import validation
from desk.errors import read_json_object
from desk.storage import STORE


async def create(request: web.Request) -> web.Response:
    rating = validation.rating(await read_json_object(request))
    stored, created = await request.app[STORE].add_rating(rating)
    return web.json_response(stored, status=201 if created else 200)


async def summary(request: web.Request) -> web.Response:
    language = request.query.get("language") or None
    if language is not None:
        validation.language(language)
    return web.json_response({"answers": await request.app[STORE].rating_summary(language)})
