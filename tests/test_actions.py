"""Each custom action, run as the action server runs it: real Tracker, real domain, real clock rules."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionSuggestIntents
from actions.hours import ActionAnswerHours, ActionAnswerProcessingTime
from actions.session import ActionSessionStart


def tracker(slots=None, latest_message=None, events=None):
    return Tracker(
        sender_id="test",
        slots=slots or {},
        latest_message=latest_message or {},
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action, trk, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, trk, domain))
    return dispatcher.messages, events


@pytest.fixture
def frozen(monkeypatch):
    def freeze(iso):
        monkeypatch.setenv("ASSISTANT_FROZEN_TIME", iso)

    return freeze


def test_hours_on_saturday_gives_monday_opening_in_latvian(frozen, domain):
    frozen("2026-11-28T10:00:00+02:00")
    messages, events = run(ActionAnswerHours(), tracker({"language": "lv"}), domain)
    assert events == []
    assert messages[0]["response"] == "utter_hours_closed"
    assert messages[0]["next_opening"] == "pirmdiena, 30. novembris, plkst. 9.00"
    assert messages[0]["now"] == "šodien, plkst. 10.00"


def test_hours_on_friday_evening_says_monday_in_english(frozen, domain):
    frozen("2026-11-27T18:00:00+02:00")
    messages, _ = run(ActionAnswerHours(), tracker({"language": "en"}), domain)
    assert messages[0]["response"] == "utter_hours_closed"
    assert messages[0]["next_opening"] == "Monday 30 November, at 9:00"


def test_hours_before_opening_says_today_in_russian(frozen, domain):
    frozen("2026-11-25T07:30:00+02:00")
    messages, _ = run(ActionAnswerHours(), tracker({"language": "ru"}), domain)
    assert messages[0]["next_opening"] == "сегодня, в 9:00"


def test_hours_when_open_gives_closing_time(frozen, domain):
    frozen("2026-11-27T17:59:00+02:00")
    messages, _ = run(ActionAnswerHours(), tracker({"language": "lv"}), domain)
    assert messages[0]["response"] == "utter_hours_open"
    assert messages[0]["closes_at"] == "18.00"


def test_hours_on_jani_points_to_thursday(frozen, domain):
    frozen("2026-06-23T12:00:00+03:00")
    messages, _ = run(ActionAnswerHours(), tracker({"language": "en"}), domain)
    assert messages[0]["next_opening"] == "Thursday 25 June, at 9:00"


def test_processing_time_outside_hours_starts_next_working_day(frozen, domain):
    frozen("2026-12-23T20:00:00+02:00")
    messages, _ = run(ActionAnswerProcessingTime(), tracker({"language": "en"}), domain)
    assert messages[0]["response"] == "utter_processing_time_outside_hours"
    assert messages[0]["start"] == "Monday 28 December, at 9:00"
    assert messages[0]["deadline"] == "Monday 28 December, at 18:00"


def test_processing_time_in_hours_is_one_working_day(frozen, domain):
    frozen("2026-11-25T10:00:00+02:00")
    messages, _ = run(ActionAnswerProcessingTime(), tracker({"language": "lv"}), domain)
    assert messages[0]["response"] == "utter_processing_time"
    assert messages[0]["start"] == "šodien, plkst. 10.00"
    assert messages[0]["deadline"] == "rīt, plkst. 10.00"


def test_processing_time_across_new_year_names_the_year(frozen, domain):
    frozen("2026-12-30T18:30:00+02:00")
    messages, _ = run(ActionAnswerProcessingTime(), tracker({"language": "lv"}), domain)
    assert messages[0]["start"] == "pirmdiena, 2027. gada 4. janvāris, plkst. 9.00"


@pytest.mark.parametrize(
    "lang, words",
    [("lv", "ierakstītas"), ("en", "recorded"), ("ru", "записываются")],
)
def test_session_start_welcomes_in_the_detected_language_with_recording_notice(domain, lang, words):
    trk = tracker({"session_started_metadata": {"language": lang}})
    messages, events = run(ActionSessionStart(), trk, domain)
    assert isinstance(events[0], dict) and events[0] == SessionStarted()
    assert SlotSet("language", lang) in events
    assert events[-1] == ActionExecuted("action_listen")
    assert words in messages[0]["text"]
    assert "67108787" in messages[0]["text"]


def test_session_start_carries_the_language_over_and_defaults_to_latvian(domain):
    messages, events = run(ActionSessionStart(), tracker({"language": "ru"}), domain)
    assert SlotSet("language", "ru") in events
    assert "Здравствуйте" in messages[0]["text"]
    messages, events = run(ActionSessionStart(), tracker(), domain)
    assert not [e for e in events if e.get("event") == "slot"]
    assert "ierakstītas" in messages[0]["text"]


def test_fallback_suggests_top_intents_with_labels_in_the_customer_language(domain):
    latest = {
        "intent": {"name": "nlu_fallback", "confidence": 0.4},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "ask_hours", "confidence": 0.4},
            {"name": "greet", "confidence": 0.2},
            {"name": "out_of_scope", "confidence": 0.15},
            {"name": "ask_contacts", "confidence": 0.1},
            {"name": "ask_prices", "confidence": 0.05},
            {"name": "ask_software", "confidence": 0.01},
        ],
    }
    messages, _ = run(ActionSuggestIntents(), tracker({"language": "en"}, latest), domain)
    assert messages[0]["response"] == "utter_fallback_suggest"
    buttons = messages[0]["buttons"]
    assert [b["payload"] for b in buttons] == ["/ask_hours", "/ask_contacts", "/ask_prices", "/deny"]
    assert buttons[0]["title"] == "Opening hours"
    assert buttons[-1]["title"] == "None of these"


def test_fallback_without_candidates_offers_application_or_call(domain):
    latest = {"intent_ranking": [{"name": "nlu_fallback", "confidence": 1.0}]}
    messages, _ = run(ActionSuggestIntents(), tracker({"language": "ru"}, latest), domain)
    assert messages[0]["response"] == "utter_fallback_offer"


@pytest.mark.parametrize("active, expected", [(True, "utter_service_status_maintenance"), (False, "utter_service_status_ok")])
def test_service_status_comes_from_the_published_notice(frozen, monkeypatch, tmp_path, domain, active, expected):
    from actions.service_status import ActionAnswerServiceStatus

    status = tmp_path / "status.yml"
    status.write_text(
        "maintenance:\n  active: %s\n  from: '2026-11-28 09:00'\n  until: '2026-11-28 12:00'\n"
        "  message:\n    en: 'Signing is unavailable until noon.'\n" % str(active).lower(),
        encoding="utf-8",
    )
    monkeypatch.setenv("WEBCHAT_STATUS_FILE", str(status))
    frozen("2026-11-28T10:00:00+02:00")
    messages, _ = run(ActionAnswerServiceStatus(), tracker({"language": "en"}), domain)
    assert [m["response"] for m in messages] == [expected]
    if active:
        assert messages[0]["message"] == "Signing is unavailable until noon."


def test_the_web_chats_opening_session_start_does_not_welcome_twice(domain):
    welcomed = [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {"event": "bot", "text": "Labdien! …"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "/session_start", "parse_data": {"intent": {"name": "session_start"}}},
    ]
    trk = tracker({"language": "en"}, latest_message={"intent": {"name": "session_start"}}, events=welcomed)
    assert run(ActionSessionStart(), trk, domain) == ([], [])
    later = welcomed + [{"event": "session_started"}]
    messages, events = run(ActionSessionStart(), tracker({"language": "en"}, {"intent": {"name": "session_start"}}, later), domain)
    assert len(messages) == 1 and events
