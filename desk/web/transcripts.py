"""Conversation transcripts from Rasa's tracker store: list with filters, one conversation, CSV
of the filtered set, a readable HTML file of one conversation, and "keep" against retention."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from typing import List
from urllib.parse import urlencode

from aiohttp import web

from desk.tracker_store import TAGS, Conversation, Filters
from desk.web.common import in_thread, period, staff, tracker
from desk.web.config import CONFIG
from desk.web.render import ENV, page, redirect, riga

MAX_LIST_ROWS = 300
LANGUAGES = ("lv", "en", "ru")
# Spreadsheet programs run cells starting with these as formulas (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def filters_from(request: web.Request) -> Filters:
    start, end = period(request, 7)
    tag = request.query.get("tag", "")
    language = request.query.get("language", "")
    if tag and tag not in TAGS:
        raise web.HTTPBadRequest(reason="unknown tag")
    if language and language not in LANGUAGES:
        raise web.HTTPBadRequest(reason="unknown language")
    return Filters(query=request.query.get("q", "")[:200], start=start, end=end, tag=tag, language=language,
                   intent=request.query.get("intent", "")[:128])


async def _find(request: web.Request, filters: Filters):
    reader = tracker(request)
    return await in_thread(request, reader.conversations, filters)


async def _expiring(request: web.Request) -> int:
    reader, days = tracker(request), request.app[CONFIG].retention_days
    expired = await in_thread(request, reader.expired, days)
    kept = await in_thread(request, staff(request).kept, expired)
    return len([c for c in expired if c not in kept])


async def listing(request: web.Request) -> web.Response:
    filters = filters_from(request)
    found = await _find(request, filters)
    conversations: List[Conversation] = found["conversations"]
    return page(
        request, "transcripts.html", filters=filters, tags=TAGS, languages=LANGUAGES,
        conversations=conversations[:MAX_LIST_ROWS], total=len(conversations),
        shown=min(len(conversations), MAX_LIST_ROWS), truncated=found["truncated"],
        expiring=await _expiring(request), retention_days=request.app[CONFIG].retention_days,
        query_string=request.query_string,
    )


async def export_csv(request: web.Request) -> web.Response:
    found = await _find(request, filters_from(request))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["conversation_id", "language", "tags", "time", "speaker", "text", "intent", "confidence"])
    for conversation in found["conversations"]:
        tags = " ".join(sorted(conversation.tags))
        for turn in conversation.turns:
            confidence = "" if turn.confidence is None else f"{turn.confidence:.3f}"
            writer.writerow([csv_cell(v) for v in (
                conversation.id, conversation.language or "", tags, riga(turn.at, "%Y-%m-%d %H:%M:%S"),
                "customer" if turn.kind == "user" else "assistant", turn.text, turn.intent or "", confidence,
            )])
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    # BOM: Excel otherwise reads UTF-8 CSV as a legacy code page and garbles ā, ž and Cyrillic.
    return web.Response(
        body=("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv", charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="transcripts-{stamp}.csv"'},
    )


async def _conversation(request: web.Request) -> Conversation:
    conversation_id = request.query.get("id", "")
    reader = tracker(request)
    conversation = await in_thread(request, reader.conversation, conversation_id) if conversation_id else None
    if conversation is None:
        raise web.HTTPNotFound(reason="no such conversation in the tracker store")
    return conversation


async def view(request: web.Request) -> web.Response:
    conversation = await _conversation(request)
    kept = (await in_thread(request, staff(request).kept, [conversation.id])).get(conversation.id)
    return page(request, "conversation.html", conversation=conversation, kept=kept,
                retention_days=request.app[CONFIG].retention_days)


def _file_name(conversation_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", conversation_id)[:80] or "conversation"


async def export_html(request: web.Request) -> web.Response:
    conversation = await _conversation(request)
    body = ENV.get_template("transcript_export.html").render(conversation=conversation,
                                                             exported=datetime.now().astimezone())
    return web.Response(
        text=body, content_type="text/html", charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="transcript-{_file_name(conversation.id)}.html"'},
    )


async def keep(request: web.Request) -> web.Response:
    form = await request.post()
    conversation_id = str(form.get("id", ""))
    if not conversation_id or len(conversation_id) > 255:
        raise web.HTTPBadRequest(reason="which conversation?")
    store = staff(request)
    await in_thread(request, store.keep, conversation_id, request["user"]["username"], form.get("keep") == "1")
    return redirect("/transcripts/view?" + urlencode({"id": conversation_id}))


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/transcripts", listing)
    router.add_get("/transcripts.csv", export_csv)
    router.add_get("/transcripts/view", view)
    router.add_get("/transcripts/export", export_html)
    router.add_post("/transcripts/keep", keep)
