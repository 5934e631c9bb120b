"""The action server dies in the middle of an application: an urgent message still gets the
24-hour channels at once, and the urgent case is not lost — `python -m desk reconcile` finds it
in the tracker store and files it, once."""
import os
import subprocess
import sys

import pytest

from tests.e2e.test_form_chats import Chat
from tests.conftest import FROZEN
from tests.servers import ROOT, TOKEN, stop, running_assistant


@pytest.fixture(scope="module")
def assistant(trained_model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("killed")
    with running_assistant(trained_model, workdir, env={"ASSISTANT_FROZEN_TIME": FROZEN},
                           with_desk=True) as running:
        yield running


def reconcile(assistant):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_DB": str(assistant.tracker_db),
           "DESK_URL": assistant.desk.url, "DESK_API_TOKEN": TOKEN,
           "OUTBOX_DB": str(assistant.logs / "reconcile-outbox.db")}
    result = subprocess.run([sys.executable, "-m", "desk", "reconcile"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_urgent_case_survives_a_dead_action_server(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("I want to leave an application for your staff")
    assert chat.say("Something else") == ["utter_ask_application_description"]

    stop(assistant.actions)
    chat.say("my phone was stolen, it has eParaksts mobile on it")
    answer = chat.text()
    assert "67108787" in answer and "https://www.eparaksts.lv" in answer
    assert assistant.desk.list_cases() == []

    reconcile(assistant)
    [case] = assistant.desk.list_cases()
    assert (case["kind"], case["case_type"], case["conversation_id"]) == ("urgent", "lost_phone", chat.sender)
    assert case["fields"]["recovered_from"] == "tracker_store"

    reconcile(assistant)
    assert len(assistant.desk.list_cases()) == 1
