"""The overview staff open in the morning: the last 24 hours at a glance."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from aiohttp import web

from desk.tracker_store import TAGS, Filters
from desk.validation import now_text
from desk.web import inbox
from desk.web.common import in_thread, store, today, tracker
from desk.web.queues import KIND_ORDER, overdue
from desk.web.render import page
from eparaksts.working_days import RIGA


async def overview(request: web.Request) -> web.Response:
    user = request["user"]
    since = datetime.now(timezone.utc) - timedelta(hours=24)
    found = await in_thread(request, tracker(request).conversations,
                            Filters(start=since.astimezone(RIGA).date(), end=today()))
    recent = [c for c in found["conversations"] if c.started >= since]
    tag_counts = Counter(tag for c in recent for tag in c.tags)
    show_cases = user["role"] in ("support", "admin")
    open_cases = []
    if show_cases:
        now = now_text()
        for kind in KIND_ORDER:
            cases = [c for c in await store(request).list_cases(kind, None, 100_000) if c["status"] != "done"]
            open_cases.append((kind, {
                "new": sum(1 for c in cases if c["status"] == "new"),
                "in_progress": sum(1 for c in cases if c["status"] == "in_progress"),
                "overdue": sum(1 for c in cases if overdue(c, now)),
            }))
    waiting = None
    if user["role"] in ("trainer", "admin"):
        waiting = len(await inbox.pending(request, today() - timedelta(days=29), today()))
    return page(request, "home.html", since=since, since_date=since.astimezone(RIGA).date(),
                conversations=len(recent), tags=TAGS, tag_counts=tag_counts, show_cases=show_cases,
                open_cases=open_cases, inbox=waiting)


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/", overview)
