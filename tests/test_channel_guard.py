"""The guard every customer message passes before Rasa sees, stores or logs it."""
import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from eparaksts.channels import guard
from eparaksts.channels.rate_limit import MemoryRateLimiter


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


# --- personal data (eparaksts/pii.py) --------------------------------------------------------


@pytest.mark.parametrize(
    "typed, passed_on, lang_word",
    [
        ("Mans personas kods ir 010190-12345, kā pieteikties?", "Mans personas kods ir [personal code], kā pieteikties?", "Lūdzu"),
        ("my card is 4111 1111 1111 1111 and my PIN is 1234, how do I sign?", "my card is [card number] and my PIN is [secret], how do I sign?", "Please"),
        ("мой пароль Qwerty123, что делать?", "мой пароль [secret], что делать?", "Пожалуйста"),
    ],
)
def test_personal_data_is_masked_before_rasa_and_the_warning_comes_first(typed, passed_on, lang_word):
    async def answering(message):
        await message.output_channel.send_response(message.sender_id, {"text": "answer"})

    received = []

    async def on_new_message(message):
        received.append((message.text, dict(message.metadata)))
        await answering(message)

    collector = CollectingOutputChannel()
    asyncio.run(guard.guarded(on_new_message)(UserMessage(typed, collector, "tester")))
    assert [text for text, _ in received] == [passed_on]
    warning = collector.messages[0]["text"]
    assert warning == guard.response_text("utter_sensitive_data_warning", received[0][1]["language"])
    assert lang_word in warning and "67108787" in warning and "https://www.eparaksts.lv" in warning
    assert [m["text"] for m in collector.messages[1:]] == ["answer"]


def test_warning_in_all_three_languages_when_the_language_is_unknown():
    received, replies = deliver("PIN 1234")
    assert received[0].text == "PIN [secret]"
    assert "Lūdzu" in replies[0]["text"] and "Please" in replies[0]["text"] and "Пожалуйста" in replies[0]["text"]


def test_metadata_strings_are_masked_too():
    received, replies = deliver("kā parakstīt?", metadata={"form": {"note": "PIN 1234"}, "ids": ["010190-12345"]})
    assert received[0].metadata["form"] == {"note": "PIN [secret]"}
    assert received[0].metadata["ids"] == ["[personal code]"]
    assert "67108787" in replies[0]["text"]


def test_text_already_masked_by_the_rest_channel_still_gets_the_warning():
    received, replies = deliver("my PIN is [secret]", metadata={"language": "en"})
    assert received[0].text == "my PIN is [secret]"
    assert replies and replies[0]["text"].startswith("Please do not type personal codes")


def test_latvian_message_with_a_masked_value_keeps_latvian():
    # The placeholders are English words: they must not turn the warning English.
    received, replies = deliver("mans pin kods ir 4821 un nedarbojas")
    assert received[0].metadata.get("language") == "lv"
    assert replies[0]["text"].startswith("Lūdzu, nerakstiet")


def test_nothing_to_mask_means_no_warning():
    received, replies = deliver("I forgot my PIN, call 67108787?", metadata={"language": "en"})
    assert received[0].text == "I forgot my PIN, call 67108787?"
    assert not any("personal codes" in r["text"] for r in replies)


def test_rest_channel_masks_when_it_extracts_the_text():
    from types import SimpleNamespace

    from eparaksts.channels.rest import GuardedRestInput

    request = SimpleNamespace(json={"sender": "x", "message": "kods 010190-12345\x00"})
    assert GuardedRestInput()._extract_message(request) == "kods [personal code]"


@pytest.mark.parametrize("typed, passed", [
    ('/choose{"choice": "invoices"}', '/choose{"choice": "invoices"}'),
    ('/choose{"choice":"customer_contact"}', '/choose{"choice": "customer_contact"}'),
    ('/choose{"choice": "x@example.com"}', "/choose"),
    ('/choose{"choice": "invoices", "customer_contact": "x@example.com"}', "/choose"),
    ('/choose{"customer_contact": "x@example.com"}', "/choose"),
    ('/choose{"choice": ["invoices"]}', "/choose"),
    ("/choose{not json", "/choose"),
])
def test_choice_buttons_carry_only_a_known_choice(typed, passed):
    assert guard.sanitise(typed) == passed

def test_rate_limit_per_sender_per_minute():
    now = [0.0]
    limiter = MemoryRateLimiter(3, clock=lambda: now[0])
    assert [limiter.allow_now("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow_now("b")  # another sender is not affected
    now[0] = 60.0
    assert limiter.allow_now("a")
    assert all(MemoryRateLimiter(0).allow_now("a") for _ in range(100))


def test_a_sender_over_the_limit_is_told_and_the_message_goes_no_further(monkeypatch):
    monkeypatch.setattr(guard, "RATE_LIMIT_PER_MINUTE", 2)
    received = []

    async def on_new_message(message):
        received.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "ok")

    handle = guard.guarded(on_new_message)
    collector = CollectingOutputChannel()

    async def send(text):
        await handle(UserMessage(text, collector, "fast"))
    for text in ["when are you open?", "what is your phone number?", "how do I sign a document?"]:
        asyncio.run(send(text))
    assert received == ["when are you open?", "what is your phone number?"]
    assert "too fast" in collector.messages[-1]["text"] and "67108787" in collector.messages[-1]["text"]


def test_the_web_chats_opening_command_passes():
    assert guard.sanitise("/session_start") == "/session_start"
    assert guard.sanitise('/session_start{"language": "xx"}') == "/session_start"
