"""Exact button labels typed (or sent as text by a channel) are the button's choice, nothing else is."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from eparaksts import choices
from eparaksts.components.choice_labels import ChoiceLabelClassifier


def parsed(text, intent="report_lost_card"):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.7})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.7}])
    return ChoiceLabelClassifier().process([message])[0]


@pytest.mark.parametrize("text, key", [
    ("eID karte un parakstīšana", "eid_signing"),
    ("eid karte un parakstisana", "eid_signing"),
    ("ID-карта и подписание", "eid_signing"),
    ("Complaint about customer service!", "complaint_customer_service"),
    ("Uzslava.", "praise"),
])
def test_a_label_in_any_language_becomes_its_choice(text, key):
    message = parsed(text)
    assert message.get("intent") == {"name": "choose", "confidence": 1.0}
    assert [e["value"] for e in message.get("entities") if e["entity"] == "choice"] == [key]
    # The classifier's own ranking stays for trainers.
    assert message.get("intent_ranking") == [{"name": "report_lost_card", "confidence": 0.7}]


@pytest.mark.parametrize("text", ["pazaudēju eID karti", "eID karte", "1", "", "/choose", "karte un parakstīšana ir pazudusi"])
def test_anything_but_an_exact_label_is_left_to_the_classifier(text):
    message = parsed(text)
    assert message.get("intent")["name"] == "report_lost_card"
    assert not message.get("entities")


def test_every_label_maps_back_to_its_own_key():
    for group in ("application_topic", "feedback_category"):
        for key in choices.keys(group):
            for lang in ("lv", "en", "ru"):
                assert choices.key_of_label(choices.label(group, key, lang)) == key


@pytest.mark.parametrize("text, intent", [
    ("Leave a contact", "affirm"),
    ("atstat kontaktu", "affirm"),
    ("Оставить контакт.", "affirm"),
    ("Nē, paldies", "deny"),
    ("No contact", "deny"),
    ("👍 Helpful", "rate_up"),
    ("Не помогло", "rate_down"),
])
def test_a_domain_button_title_becomes_the_intent_its_button_sends(text, intent):
    message = parsed(text, intent="request_application")
    assert message.get("intent") == {"name": intent, "confidence": 1.0}
    assert not message.get("entities")
    assert message.get("intent_ranking") == [{"name": "request_application", "confidence": 0.7}]


@pytest.mark.parametrize("text", ["Leave a contact please", "I want to leave a contact", "kontakts"])
def test_more_than_a_button_title_is_left_to_the_classifier(text):
    assert parsed(text, intent="request_application").get("intent")["name"] == "request_application"


def test_every_bare_intent_button_of_the_domain_is_read_back(domain):
    import re

    from eparaksts import button_labels

    for name, variations in domain["responses"].items():
        for variation in variations:
            for button in variation.get("buttons") or []:
                if re.fullmatch(r"/\w+", button["payload"]):
                    assert button_labels.intent_of_title(button["title"]) == button["payload"][1:], (name, button)
