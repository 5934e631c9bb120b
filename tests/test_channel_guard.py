"""The guard every customer message passes before Rasa sees, stores or logs it."""
import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from eparaksts.channels import guard


def deliver(text, metadata=None):
    received = []

    async def on_new_message(message):
        received.append(message)

    collector = CollectingOutputChannel()
    message = UserMessage(text, collector, "tester", metadata=metadata)
    asyncio.run(guard.guarded(on_new_message)(message))
    return received, collector.messages


@pytest.mark.parametrize(
    "typed, expected",
    [
        ('/ask_hours', "/ask_hours"),
        ('/ask_hours{"language": "en"}', "/ask_hours"),
        ('/report_fraud{"contact": "x"}@0.9', "/report_fraud"),
        ('/restart', "restart"),
        ('/action_session_start', "action_session_start"),
        ('//inform{"consent": true}', 'inform{"consent": true}'),
        ("kad strādājat?", "kad strādājat?"),
    ],
)
def test_typed_commands_cannot_fill_slots_or_reach_internal_intents(typed, expected):
    assert guard.sanitise(typed) == expected


def test_control_characters_and_nul_bytes_are_dropped():
    assert guard.sanitise("kad\x00 jūs\x07 strādājat\x1b?") == "kad jūs strādājat?"


@pytest.mark.parametrize("raw", [None, 42, {"a": 1}, ["x"]])
def test_non_text_counts_as_empty(raw):
    assert guard.sanitise(raw) == ""


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "/"])
def test_empty_message_is_answered_and_not_passed_on(text):
    received, replies = deliver(text)
    assert received == []
    assert len(replies) == 1
    # The language is unknown: the reply says it in all three.
    assert "Please" in replies[0]["text"] and "Lūdzu" in replies[0]["text"]


def test_empty_message_uses_the_page_language_when_known():
    _, replies = deliver("  ", metadata={"language": "en"})
    assert "Please" in replies[0]["text"] and "Lūdzu" not in replies[0]["text"]


def test_long_message_is_cut_with_a_notice_and_still_answered():
    text = "Kā parakstīt dokumentu? " + "ļoti gari " * 2000
    received, replies = deliver(text)
    assert len(received) == 1
    assert len(received[0].text) == guard.MAX_MESSAGE_CHARS
    assert str(guard.MAX_MESSAGE_CHARS) in replies[0]["text"]


def test_detected_language_travels_as_metadata():
    received, _ = deliver("у меня украли телефон", metadata={"page": "x"})
    assert received[0].metadata == {"page": "x", "language": "ru"}
    received, _ = deliver("ok", metadata={"language": "en"})
    assert received[0].metadata["language"] == "en"


def test_a_turn_without_any_reply_gets_the_apology_with_24h_channels():
    async def silent(message):
        return None

    collector = CollectingOutputChannel()
    asyncio.run(guard.guarded(silent)(UserMessage("kad strādājat?", collector, "tester")))
    assert len(collector.messages) == 1
    assert "67108787" in collector.messages[0]["text"] and "https://www.eparaksts.lv" in collector.messages[0]["text"]


def test_a_failing_handler_still_gets_the_apology():
    async def broken(message):
        raise RuntimeError("action server down")

    collector = CollectingOutputChannel()
    with pytest.raises(RuntimeError):
        asyncio.run(guard.guarded(broken)(UserMessage("how do I sign?", collector, "tester")))
    assert "technical" in collector.messages[0]["text"]


def test_a_turn_with_replies_gets_no_apology():
    async def answering(message):
        await message.output_channel.send_response(message.sender_id, {"text": "answer"})

    collector = CollectingOutputChannel()
    asyncio.run(guard.guarded(answering)(UserMessage("how do I sign?", collector, "tester")))
    assert [m["text"] for m in collector.messages] == ["answer"]
