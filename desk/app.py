"""The desk's aiohttp application: health check, JSON API under /api/ (desk/api/), and the staff
console's pages (desk/web/) in the same process and database."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Mapping, Optional

from aiohttp import web

from desk import api
from desk.auth import bearer_auth
from desk.errors import json_errors
from desk.staff import StaffStore
from desk.storage import STORE, Store
from desk.tracker_store import TrackerReader
from desk import web as console
from desk.web.config import STAFF, TRACKER, ConsoleConfig

log = logging.getLogger(__name__)

# Bodies are small JSON; 10,000 characters of emoji is 40 kB of UTF-8. Anything far beyond is
# refused with 413 before it is read into memory.
MAX_BODY_BYTES = 256 * 1024


@dataclass(frozen=True)
class DeskSettings:
    database_url: str
    api_token: str

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "DeskSettings":
        return cls(database_url=env["DATABASE_URL"], api_token=env.get("DESK_API_TOKEN", ""))


async def health(request: web.Request) -> web.Response:
    # No token: process supervisors and `make run` probe this. It says nothing about cases.
    if await request.app[STORE].ping():
        return web.json_response({"status": "ok", "database": "reachable"})
    return web.json_response({"status": "unavailable", "database": "unreachable"}, status=503)


def create_app(settings: DeskSettings, console_config: Optional[ConsoleConfig] = None) -> web.Application:
    app = web.Application(
        middlewares=[json_errors, bearer_auth(settings.api_token), *console.middlewares],
        client_max_size=MAX_BODY_BYTES,
    )
    store = Store(settings.database_url)
    app[STORE] = store
    console_config = console_config or ConsoleConfig.from_env(os.environ)
    app[STAFF] = StaffStore(store.engine)
    tracker = TrackerReader(console_config.tracker_url)
    app[TRACKER] = tracker

    async def on_startup(_app: web.Application) -> None:
        # Migrate before the first request: a fresh clone or a new release needs no manual step.
        applied = await store.migrate()
        if applied:
            log.info("database migrated: %s", ", ".join(applied))

    async def on_cleanup(_app: web.Application) -> None:
        store.close()
        tracker.close()

    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    app.router.add_get("/health", health)
    api.add_routes(app)
    console.add_routes(app, console_config)
    return app
