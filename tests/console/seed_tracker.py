"""Write test conversations with Rasa's own SQLTrackerStore (run as a script by conftest.py).

Usage: seed_tracker.py TRACKER_URL KNOWN_TEXT XSS_TEXT; prints the conversation ids as JSON.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time

from sqlalchemy.engine import make_url

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

DAY = 86400


def user(text, intent, confidence, at, ranking=None):
    parse = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": [],
             "intent_ranking": ranking or [{"name": intent, "confidence": confidence}]}
    return UserUttered(text, intent={"name": intent, "confidence": confidence}, parse_data=parse, timestamp=at)


def bot(text, at, buttons=None):
    return BotUttered(text, data={"buttons": buttons} if buttons else {}, timestamp=at)


def conversations(known: str, xss: str):
    now = time.time()
    t = now - 3600
    return {
        "urgent": ("conv-urgent-lv", [
            ActionExecuted("action_session_start", timestamp=t), SlotSet("language", "lv", timestamp=t),
            user("Pazaudēju telefonu ar eParaksts mobile", "report_lost_phone", 0.97, t + 1),
            ActionExecuted("utter_lost_phone", timestamp=t + 2),
            bot("Nekavējoties apturiet eParaksts mobile – to var izdarīt visu diennakti vietnē https://www.eparaksts.lv vai pa tālruni 67108787.", t + 2),
        ]),
        "xss": ("conv-xss", [
            SlotSet("language", "en", timestamp=t + 10),
            user(xss, "out_of_scope", 0.31, t + 11),
            bot("Sorry, I can only help with eParaksts. <i>markup from a response</i>", t + 12),
        ]),
        "fallback": ("conv-fallback-en", [
            SlotSet("language", "en", timestamp=t + 20),
            user("my personal code is [personal code] and the qwzx thing broke", "nlu_fallback", 0.3, t + 21,
                 [{"name": "nlu_fallback", "confidence": 0.3}, {"name": "ask_pin_blocked", "confidence": 0.28}]),
            ActionExecuted("action_suggest_intents", timestamp=t + 22),
            bot("Did you mean:", t + 22, [{"title": "PIN blocked", "payload": "/ask_pin_blocked"}]),
            user("=HYPERLINK(\"http://evil.example\",\"price\")", "ask_prices", 0.55, t + 23),
            bot("Prices are listed on the portal.", t + 24),
            user("/rate_down", "rate_down", 1.0, t + 25),
            user(known, "ask_hours", 0.41, t + 26),
        ]),
        "application": ("conv-application-ru", [
            SlotSet("language", "ru", timestamp=t + 30),
            user("хочу подать заявку на продление сертификата", "request_application", 0.93, t + 31),
            ActionExecuted("application_form", timestamp=t + 32), ActiveLoop("application_form", timestamp=t + 32),
            ActionExecuted("action_submit_application", timestamp=t + 40),
            bot("Заявка принята.", t + 40),
        ]),
        "old": ("conv-old", [user("labdien", "greet", 0.99, now - 200 * DAY), bot("Labdien!", now - 200 * DAY + 1)]),
        "old_kept": ("conv-old-kept", [user("sūdzība", "give_feedback", 0.9, now - 201 * DAY)]),
    }


async def main(url: str, known: str, xss: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=parsed.database)
    else:
        store = SQLTrackerStore(Domain.empty(), dialect="postgresql", host=parsed.host, port=parsed.port or 5432,
                                db=parsed.database, username=parsed.username, password=parsed.password)
    ids = {}
    for name, (sender, events) in conversations(known, xss).items():
        await store.save(DialogueStateTracker.from_events(sender, events))
        ids[name] = sender
    print(json.dumps(ids))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:4]))
