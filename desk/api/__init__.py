"""The JSON API under /api/, used by the action server (actions/clients/case_desk.py)."""
from __future__ import annotations

from aiohttp import web

from desk.api import cases, ratings


def add_routes(app: web.Application) -> None:
    app.router.add_post("/api/cases", cases.create)
    app.router.add_get("/api/cases", cases.list_cases)
    app.router.add_get("/api/cases/{reference}", cases.read)
    app.router.add_patch("/api/cases/{reference}", cases.change_status)
    app.router.add_patch("/api/cases/{reference}/fields", cases.add_fields)
    app.router.add_post("/api/ratings", ratings.create)
    app.router.add_get("/api/ratings/summary", ratings.summary)
