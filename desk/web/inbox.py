"""NLU inbox: customer messages the model was unsure about, for trainers to label.

A message is shown when its top intent scored below 0.6, when it became nlu_fallback, or when the
customer's next message was a thumbs-down (rate_down). Messages whose folded text already is a
training example in data/nlu are left out, and so are those already labelled. The export writes
the labelled ones (not noise) as Rasa NLU YAML, ready to paste into data/nlu/<language>/.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import yaml
from aiohttp import web

from desk.staff import NOISE
from desk.tracker_store import LOW_CONFIDENCE, Conversation, Filters, message_key
from desk.web.common import in_thread, period, staff, tracker
from desk.web.config import CONFIG
from desk.web.render import page, redirect
from desk.web.security import roles
from eparaksts.text import fold

MAX_ITEMS = 300
# [text](entity) and [text]{"entity": …} in training examples: only the text counts.
ENTITY_RE = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")

_known_cache: Dict[Tuple, Set[str]] = {}
_intents_cache: Dict[Tuple, List[str]] = {}


def _stamp(paths) -> Tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in paths))


def known_texts(folder: Path) -> Set[str]:
    """Folded texts of every training example under data/nlu (cached until a file changes)."""
    files = sorted(folder.rglob("*.yml")) if folder.is_dir() else []
    key = _stamp(files)
    if key not in _known_cache:
        texts: Set[str] = set()
        for path in files:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for block in content.get("nlu") or []:
                examples = block.get("examples") if isinstance(block, dict) else None
                if not isinstance(examples, str):
                    continue
                for line in examples.splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        texts.add(fold(ENTITY_RE.sub(r"\1", line[2:]).strip()))
        _known_cache.clear()
        _known_cache[key] = texts
    return _known_cache[key]


def domain_intents(domain_path: Path) -> List[str]:
    key = _stamp([domain_path])
    if key not in _intents_cache:
        domain = yaml.safe_load(domain_path.read_text(encoding="utf-8")) or {}
        names = [next(iter(i)) if isinstance(i, dict) else str(i) for i in domain.get("intents") or []]
        _intents_cache.clear()
        _intents_cache[key] = sorted(names)
    return _intents_cache[key]


def candidates(conversations: List[Conversation], known: Set[str], done: Set[str]) -> List[Dict[str, Any]]:
    found = []
    for conversation in conversations:
        users = [t for t in conversation.turns if t.kind == "user"]
        for index, turn in enumerate(users):
            text = turn.text.strip()
            # "/intent" texts are button clicks, not words a customer typed.
            if not text or text.startswith("/"):
                continue
            following = users[index + 1] if index + 1 < len(users) else None
            reasons = []
            if turn.intent == "nlu_fallback":
                reasons.append("fallback")
            elif turn.confidence is not None and turn.confidence < LOW_CONFIDENCE:
                reasons.append("low confidence")
            if following is not None and following.intent == "rate_down":
                reasons.append("rated down")
            if not reasons:
                continue
            key = message_key(conversation.id, turn)
            if key in done or fold(text) in known:
                continue
            found.append({"key": key, "conversation_id": conversation.id, "text": text, "intent": turn.intent,
                          "guess": turn.runner_up if turn.intent == "nlu_fallback" else turn.intent,
                          "confidence": turn.confidence, "at": turn.at, "reasons": reasons,
                          "language": conversation.language})
    found.sort(key=lambda item: item["at"], reverse=True)
    return found


async def pending(request: web.Request, start: date, end: date, conversation_id: str = "") -> List[Dict[str, Any]]:
    config = request.app[CONFIG]
    reader = tracker(request)
    if conversation_id:
        one = await in_thread(request, reader.conversation, conversation_id)
        conversations = [one] if one else []
    else:
        conversations = (await in_thread(request, reader.conversations, Filters(start=start, end=end)))["conversations"]
    known = await in_thread(request, known_texts, config.nlu_data)
    done = await in_thread(request, staff(request).annotated_keys)
    return candidates(conversations, known, done)


@roles("trainer", "admin")
async def inbox(request: web.Request) -> web.Response:
    start, end = period(request, 30)
    items = await pending(request, start, end)
    annotations = await in_thread(request, staff(request).annotations)
    intents = await in_thread(request, domain_intents, request.app[CONFIG].domain_path)
    return page(request, "inbox.html", items=items[:MAX_ITEMS], total=len(items), start=start, end=end,
                intents=intents, noise=NOISE, annotations=annotations, message=request.query.get("done", ""))


@roles("trainer", "admin")
async def annotate(request: web.Request) -> web.Response:
    form = await request.post()
    key, conversation_id = str(form.get("key", "")), str(form.get("conversation_id", ""))
    verdict = NOISE if form.get("noise") == "1" else str(form.get("verdict", ""))
    intents = await in_thread(request, domain_intents, request.app[CONFIG].domain_path)
    if verdict != NOISE and verdict not in intents:
        raise web.HTTPBadRequest(reason="choose an intent from the domain, or noise")
    # The text is read again from the tracker store, never taken from the form.
    items = await pending(request, date.min, date.max, conversation_id)
    item: Optional[Dict[str, Any]] = next((i for i in items if i["key"] == key), None)
    if item is None:
        raise web.HTTPNotFound(reason="this message is not in the inbox (already labelled?)")
    await in_thread(request, staff(request).annotate, item, verdict, request["user"]["username"])
    return redirect("/inbox")


def nlu_yaml(annotations: List[Dict[str, Any]]) -> str:
    by_intent: Dict[str, List[str]] = {}
    for row in annotations:
        if row["verdict"] == NOISE:
            continue
        # One example per line: a newline inside a message would start a new example.
        text = " ".join(row["text"].split())
        if text and text not in by_intent.setdefault(row["verdict"], []):
            by_intent[row["verdict"]].append(text)
    lines = ['version: "3.1"', "", "# Labelled in the staff console's NLU inbox. Review, then move each block",
             "# into data/nlu/<language>/ next to the intent's other examples.", "nlu:"]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {text}" for text in by_intent[intent]]
    if not by_intent:
        lines[-1] = "nlu: []"
    return "\n".join(lines) + "\n"


@roles("trainer", "admin")
async def export(request: web.Request) -> web.Response:
    annotations = await in_thread(request, staff(request).annotations)
    return web.Response(text=nlu_yaml(annotations), content_type="application/yaml", charset="utf-8",
                        headers={"Content-Disposition": 'attachment; filename="nlu_inbox.yml"'})


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/inbox", inbox)
    router.add_post("/inbox/annotate", annotate)
    router.add_get("/inbox/export.yml", export)
