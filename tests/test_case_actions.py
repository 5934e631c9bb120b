"""The actions that file cases, run as the action server runs them, against a real case desk
(subprocess, real HTTP, SQLite) — and against no desk at all."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import cases
from actions.urgent import ActionFileUrgentCase
from tests.servers import TOKEN, free_port, start_desk, stop


def urgent_tracker(intent="report_lost_phone", text="mans telefons ir nozagts", message_id="m1", active_loop=None,
                   parse=None):
    return Tracker(
        sender_id="conversation-1",
        slots={"language": "lv"},
        latest_message={"text": text, "intent": {"name": intent}, "message_id": message_id, **(parse or {})},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="utter_urgent_lost_phone",
    )


def run(action, tracker, domain):
    async def go():
        dispatcher = CollectingDispatcher()
        try:
            events = await action.run(dispatcher, tracker, domain)
        finally:
            await cases.desk().close()
        return dispatcher.messages, events

    return asyncio.run(go())


@pytest.fixture
def desk_env(monkeypatch, tmp_path):
    """Point the action server's client at `url` with a fresh outbox; returns a setter."""
    def point(url):
        monkeypatch.setenv("DESK_URL", url)
        monkeypatch.setenv("DESK_API_TOKEN", TOKEN)
        monkeypatch.setenv("OUTBOX_DB", str(tmp_path / "outbox.db"))
        cases.desk.cache_clear()

    yield point
    cases.desk.cache_clear()


def test_urgent_case_at_night_is_filed_with_reference_and_callback_offer(desk_env, tmp_path, monkeypatch, domain):
    monkeypatch.setenv("ASSISTANT_FROZEN_TIME", "2026-11-28T02:30:00+02:00")
    desk = start_desk(f"sqlite:///{tmp_path / 'desk.db'}", tmp_path)
    try:
        desk_env(desk.url)
        messages, events = run(ActionFileUrgentCase(), urgent_tracker(), domain)
        [case] = desk.list_cases()
    finally:
        stop(desk.process)
    responses = [m["response"] for m in messages]
    assert responses == ["utter_urgent_case_filed", "utter_ask_callback"]
    assert messages[0]["reference"] == case["reference"]
    assert case["reference"].startswith("U-261128-")
    assert (case["kind"], case["case_type"], case["language"]) == ("urgent", "lost_phone", "lv")
    assert case["conversation_id"] == "conversation-1"
    assert case["fields"]["message"] == "mans telefons ir nozagts"
    assert events == [{"event": "slot", "timestamp": None, "name": "urgent_case_reference", "value": case["reference"]}]


def test_an_urgent_reply_the_safety_net_chose_offers_the_classifiers_calm_topics(desk_env, tmp_path, monkeypatch,
                                                                                domain):
    monkeypatch.setenv("ASSISTANT_FROZEN_TIME", "2026-11-28T02:30:00+02:00")
    # What eparaksts/components/urgent_safety_net.py leaves in the parse data when it overrules.
    parse = {
        "urgent_safety_net": {"classifier_intent": {"name": "ask_pin_blocked", "confidence": 0.55}},
        "intent_ranking": [
            {"name": "ask_pin_blocked", "confidence": 0.55}, {"name": "report_lost_card", "confidence": 0.2},
            {"name": "out_of_scope", "confidence": 0.1}, {"name": "ask_pin_change", "confidence": 0.08},
            {"name": "ask_eid_card", "confidence": 0.05},
        ],
    }
    desk = start_desk(f"sqlite:///{tmp_path / 'desk.db'}", tmp_path)
    try:
        desk_env(desk.url)
        tracker = urgent_tracker(intent="report_lost_card", text="pazudusi aploksne ar PIN", parse=parse)
        messages, _ = run(ActionFileUrgentCase(), tracker, domain)
        [case] = desk.list_cases()
    finally:
        stop(desk.process)
    assert [m["response"] for m in messages] == ["utter_urgent_case_filed", "utter_ask_callback", "utter_not_urgent_topics"]
    # Calm topics only, in the classifier's order, at most two; not the urgent one, not out_of_scope.
    assert messages[-1]["buttons"] == [
        {"title": "Bloķēts vai aizmirsts eID PIN", "payload": "/ask_pin_blocked"},
        {"title": "PIN koda maiņa", "payload": "/ask_pin_change"},
    ]
    assert case["fields"]["classifier_intent"] == "ask_pin_blocked"


def test_urgent_case_in_working_hours_adds_that_customer_service_is_open(desk_env, tmp_path, monkeypatch, domain):
    monkeypatch.setenv("ASSISTANT_FROZEN_TIME", "2026-11-25T11:00:00+02:00")
    desk = start_desk(f"sqlite:///{tmp_path / 'desk.db'}", tmp_path)
    try:
        desk_env(desk.url)
        messages, _ = run(ActionFileUrgentCase(), urgent_tracker(intent="report_fraud"), domain)
        [case] = desk.list_cases()
    finally:
        stop(desk.process)
    assert [m["response"] for m in messages] == ["utter_urgent_case_filed", "utter_customer_service_open", "utter_ask_callback"]
    assert messages[1]["closes_at"] == "18.00"
    assert case["case_type"] == "fraud"


def test_mid_form_the_urgent_case_does_not_ask_a_second_question(desk_env, tmp_path, monkeypatch, domain):
    monkeypatch.setenv("ASSISTANT_FROZEN_TIME", "2026-11-28T02:30:00+02:00")
    desk_env(f"http://127.0.0.1:{free_port()}")  # nothing listens: the outbox keeps it
    messages, _ = run(ActionFileUrgentCase(), urgent_tracker(active_loop="application_form"), domain)
    assert "utter_ask_callback" not in [m["response"] for m in messages]


def test_with_the_desk_down_the_case_waits_and_is_delivered_once_when_it_is_back(desk_env, tmp_path, monkeypatch, domain):
    monkeypatch.setenv("ASSISTANT_FROZEN_TIME", "2026-11-28T02:30:00+02:00")
    port = free_port()
    desk_env(f"http://127.0.0.1:{port}")
    tracker = urgent_tracker(intent="report_lost_card", text="pazaudēju ID karti")
    messages, _ = run(ActionFileUrgentCase(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_urgent_case_filed", "utter_case_delivery_delayed", "utter_ask_callback"]
    reference = messages[0]["reference"]
    # The action server retries the same turn (e.g. after a timeout): same reference, no new case.
    again, _ = run(ActionFileUrgentCase(), tracker, domain)
    assert again[0]["reference"] == reference

    desk = start_desk(f"sqlite:///{tmp_path / 'desk.db'}", tmp_path, port=port)
    try:
        async def deliver():
            try:
                return await cases.desk().deliver_pending()
            finally:
                await cases.desk().close()

        assert asyncio.run(deliver()) >= 1
        assert asyncio.run(deliver()) == 0
        [case] = desk.list_cases()
    finally:
        stop(desk.process)
    assert case["reference"] == reference
    assert case["case_type"] == "lost_card"
