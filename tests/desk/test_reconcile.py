"""`python -m desk reconcile` against a real Rasa SQL tracker store (written by rasa's own
SQLTrackerStore) and a real case desk (subprocess, real HTTP, SQLite)."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.clients.case_desk import CaseDeskClient
from actions.conversation import message_key
from desk.reconcile import reconcile
from tests.conftest import ROOT
from tests.servers import TOKEN, start_desk, stop

NOW = time.time()


def user(text, intent, message_id, at):
    return UserUttered(
        text, intent={"name": intent, "confidence": 0.98}, message_id=message_id, timestamp=at,
        parse_data={"text": text, "intent": {"name": intent, "confidence": 0.98}, "entities": []},
    )


def bot(response, at):
    return [ActionExecuted(response, timestamp=at), BotUttered(f"({response})", {"utter_action": response}, timestamp=at)]


def save_trackers(path, conversations):
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(path))

    async def go():
        for sender_id, events in conversations.items():
            tracker = DialogueStateTracker.from_events(sender_id, events, slots=domain.slots)
            await store.save(tracker)

    asyncio.run(go())
    store.engine.dispose()


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A desk, a tracker store with four conversations, and the env pointing at both."""
    tracker_db = tmp_path / "tracker.db"
    t = NOW - 3600
    save_trackers(tracker_db, {
        # Action server down: the channels went out, no case reference followed. English.
        "missed-1": [
            SlotSet("language", "lv", timestamp=t),
            user("I lost my phone, block my eParaksts", "report_lost_phone", "msg-missed", t + 1),
            SlotSet("language", "en", timestamp=t + 1),  # from the message's own language entity
            *bot("utter_urgent_lost_phone", t + 2),
            user("hello?", "greet", "msg-after", t + 60),
            *bot("utter_greet", t + 61),
        ],
        # The action ran and filed it (reference slot set in the same turn).
        "handled-1": [
            SlotSet("language", "ru", timestamp=t),
            user("у меня украли карту", "report_lost_card", "msg-handled", t + 1),
            *bot("utter_urgent_lost_card", t + 2),
            ActionExecuted("action_file_urgent_case", timestamp=t + 3),
            SlotSet("urgent_case_reference", "set-in-test", timestamp=t + 3),
        ],
        # Nothing urgent.
        "calm-1": [user("Kad jūs strādājat?", "ask_working_hours", "msg-calm", t + 1), *bot("utter_working_hours", t + 2)],
        # Urgent but older than the window: left alone.
        "old-1": [user("krāpnieki!", "report_fraud", "msg-old", NOW - 72 * 3600), *bot("utter_urgent_fraud", NOW - 72 * 3600)],
    })
    # Odd rows a real store may hold: invalid JSON, no intent at all.
    engine = sa.create_engine(f"sqlite:///{tracker_db}", future=True)
    with engine.begin() as conn:
        insert = sa.text(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            "VALUES (:s, :t, :ts, :i, NULL, :d)"
        )
        conn.execute(insert, {"s": "odd-1", "t": "user", "ts": t, "i": "report_fraud", "d": "{not json"})
        conn.execute(insert, {"s": "odd-1", "t": "user", "ts": t + 1, "i": None, "d": '{"text": "?"}'})
        conn.execute(insert, {"s": "odd-1", "t": "slot", "ts": t + 2, "i": None, "d": "[]"})
    engine.dispose()

    desk = start_desk(f"sqlite:///{tmp_path / 'desk.db'}", tmp_path)
    env = {
        "DESK_URL": desk.url, "DESK_API_TOKEN": TOKEN, "OUTBOX_DB": str(tmp_path / "outbox.db"),
        "TRACKER_DB": str(tracker_db),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    yield desk, env, t
    stop(desk.process)


def file_as_the_action_did(env, received_at):
    async def go():
        client = CaseDeskClient(env["DESK_URL"], env["DESK_API_TOKEN"], Path(env["OUTBOX_DB"]))
        try:
            return await client.file_case(
                kind="urgent", case_type="lost_card", language="ru", conversation_id="handled-1",
                idempotency_key=message_key("urgent", "handled-1", "msg-handled"),
                received_at=received_at, deadline=None, fields={"message": "у меня украли карту", "intent": "report_lost_card"},
            )
        finally:
            await client.close()

    return asyncio.run(go())


def test_reconcile_files_the_missed_urgent_case_once(world):
    desk, env, t = world
    handled = file_as_the_action_did(env, datetime.fromtimestamp(t + 3, timezone.utc))
    assert handled.delivered

    summary = reconcile(48)

    cases = {case["conversation_id"]: case for case in desk.list_cases()}
    assert sorted(cases) == ["handled-1", "missed-1"]  # nothing for calm-1, old-1, odd-1
    missed = cases["missed-1"]
    assert (missed["kind"], missed["case_type"], missed["language"]) == ("urgent", "lost_phone", "en")
    assert missed["fields"] == {
        "message": "I lost my phone, block my eParaksts", "intent": "report_lost_phone", "recovered_from": "tracker_store",
    }
    # The message's own time (the desk keeps whole seconds), not the time of the reconcile run.
    assert abs(datetime.fromisoformat(missed["received_at"].replace("Z", "+00:00")).timestamp() - (t + 1)) < 1
    assert cases["handled-1"]["reference"] == handled.reference
    assert "recovered_from" not in cases["handled-1"]["fields"]
    assert (summary.found, summary.filed, summary.waiting, summary.already_filed) == (2, 1, 0, 1)
    assert summary.skipped == 3
    assert [m.key for m in summary.missed] == ["urgent:missed-1:msg-missed"]

    again = reconcile(48)
    assert (again.found, again.filed, again.already_filed) == (2, 0, 2)
    assert len(desk.list_cases()) == 2


def test_reconcile_command_and_a_second_run(world):
    desk, env, _ = world
    command = [sys.executable, "-m", "desk", "reconcile", "--since-hours", "48"]
    run_env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(command, cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    # handled-1's turn set a case reference, so it counts as filed by the action: only missed-1 is new.
    assert "found 2 urgent message(s), filed 1, already filed 1, skipped 3" in first.stdout.strip().splitlines()[-1]
    [case] = desk.list_cases()
    assert case["conversation_id"] == "missed-1"

    second = subprocess.run(command, cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert "filed 0" in second.stdout and "already filed 2" in second.stdout
    assert len(desk.list_cases()) == 1

    # A shorter window than the messages' age finds nothing.
    none = subprocess.run(command[:-1] + ["0.5"], cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=120)
    assert "found 0 urgent message(s), filed 0" in none.stdout
