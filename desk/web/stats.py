"""Statistics for a period: conversations per day, share without fallback, top intents, urgent
cases, feedback by category, ratings per answer. Cases and ratings come from desk.storage."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from aiohttp import web

from desk.tracker_store import Filters, riga_bounds
from desk.validation import utc_text
from desk.web import charts
from desk.web.common import in_thread, period, store, tracker
from desk.web.render import page

MAX_CASES = 100_000


async def statistics(request: web.Request) -> web.Response:
    start, end = period(request, 14)
    reader = tracker(request)
    found = await in_thread(request, reader.conversations, Filters(start=start, end=end))
    conversations = found["conversations"]
    per_day = Counter(c.started.date() for c in conversations)
    days = [(start + timedelta(days=i)) for i in range((end - start).days + 1)]
    daily = [(day.strftime("%d.%m"), per_day.get(day, 0)) for day in days]
    without_fallback = sum(1 for c in conversations if "fallback" not in c.tags)
    share = without_fallback / len(conversations) if conversations else None
    tag_counts = Counter(tag for c in conversations for tag in c.tags)
    intents = [(row.intent_name, row.n) for row in await in_thread(request, reader.intent_counts, start, end)][:15]

    low, high = riga_bounds(start, end)
    since, until = utc_text_from(low), utc_text_from(high)
    urgent = [c for c in await store(request).list_cases("urgent", None, MAX_CASES) if since <= c["received_at"] < until]
    feedback = [c for c in await store(request).list_cases("feedback", None, MAX_CASES)
                if since <= c["received_at"] < until]
    urgent_types = Counter(c["case_type"] for c in urgent)
    feedback_types = Counter(c["case_type"] for c in feedback)
    ratings = await store(request).rating_summary(None, since, until)
    return page(
        request, "stats.html", start=start, end=end, total=len(conversations), truncated=found["truncated"],
        share=share, without_fallback=without_fallback, tag_counts=tag_counts,
        daily_chart=charts.columns(daily, "Conversations per day"),
        intents_chart=charts.bars(intents, "Top intents"),
        urgent=len(urgent), urgent_chart=charts.bars(sorted(urgent_types.items()), "Urgent cases by type"),
        feedback_chart=charts.bars(sorted(feedback_types.items()), "Feedback by category"),
        ratings=ratings,
        ratings_chart=charts.bars([(r["answer"], r["down"]) for r in ratings if r["down"]][:15],
                                  "Thumbs-down per answer"),
    )


def utc_text_from(timestamp: float) -> str:
    return utc_text(datetime.fromtimestamp(timestamp, timezone.utc))


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/stats", statistics)
