"""The action server is down: urgent answers still carry the 24-hour channels, nothing is silent."""
import uuid

import pytest

from tests.e2e.test_rest_chat import say, texts
from tests.servers import running_assistant


@pytest.fixture(scope="module")
def assistant_without_actions(trained_model, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("no-actions")
    with running_assistant(trained_model, workdir, with_actions=False) as running:
        yield running


@pytest.mark.parametrize(
    "message", ["my phone was stolen", "pazaudeju eid karti", "я отдал коды мошенникам"]
)
def test_urgent_reply_needs_no_action_server(assistant_without_actions, message):
    answer = texts(say(assistant_without_actions, message))
    assert "67108787" in answer and "https://www.eparaksts.lv" in answer


def test_question_answered_by_an_action_gets_an_apology_not_silence(assistant_without_actions):
    sender = uuid.uuid4().hex
    say(assistant_without_actions, "how do I sign a document", sender)
    answer = texts(say(assistant_without_actions, "are you open now?", sender))
    assert "67108787" in answer and "technical" in answer
