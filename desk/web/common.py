"""Small helpers the page modules share: date filters from the query string, store access."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Optional, Tuple

from aiohttp import web

from desk.storage import STORE, Store
from desk.web.config import STAFF, TRACKER
from desk.staff import StaffStore
from desk.tracker_store import TrackerReader
from eparaksts.working_days import RIGA


def today() -> date:
    return datetime.now(RIGA).date()


def parse_date(value: str) -> Optional[date]:
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        raise web.HTTPBadRequest(reason=f"not a date (YYYY-MM-DD): {value[:20]}") from None


def period(request: web.Request, default_days: int) -> Tuple[date, date]:
    end = parse_date(request.query.get("end", "")) or today()
    start = parse_date(request.query.get("start", "")) or end - timedelta(days=default_days - 1)
    if start > end:
        start, end = end, start
    return start, end


def store(request: web.Request) -> Store:
    return request.app[STORE]


def staff(request: web.Request) -> StaffStore:
    return request.app[STAFF]


def tracker(request: web.Request) -> TrackerReader:
    return request.app[TRACKER]


async def in_thread(request: web.Request, function, *args):
    return await request.app[STAFF].run(function, *args)
