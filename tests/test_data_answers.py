"""Messages that only give data name no intent, and the forms read the contact out of them."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.contact import normalise_contact
from eparaksts.components.data_answers import DataAnswerFilter
from eparaksts.data_answers import is_data_only

DATA_ONLY = [
    "12345", "+371 29123456", "18:00", "2026-11-25", "(8) 800-55-55", "anna@example.lv",
    "mans telefons 29123456", "Mans tālrunis: 29123456", "my phone number is +371 29123456",
    "my e-mail is anna@example.com", "мой телефон 29123456", "номер телефона +37129123456",
    "e-pasts janis@example.lv", "zvaniet uz 29123456 lūdzu",
]
MORE_THAN_DATA = [
    "pazaudēju telefonu 29123456", "my phone 29123456 was stolen", "украли телефон 29123456",
    "kad jūs strādājat, pēc 18:00?", "mans telefons", "my email", "", "/choose", "👍",
]


@pytest.mark.parametrize("text", DATA_ONLY)
def test_data_alone_or_with_its_label_names_no_intent(text):
    message = Message(data={"text": text})
    message.set("intent", {"name": "report_lost_phone", "confidence": 0.99})
    message.set("intent_ranking", [{"name": "report_lost_phone", "confidence": 0.99}])
    DataAnswerFilter().process([message])
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []


@pytest.mark.parametrize("text", MORE_THAN_DATA)
def test_a_message_with_other_words_is_left_to_the_classifier(text):
    assert not is_data_only(text)
    message = Message(data={"text": text})
    message.set("intent", {"name": "report_lost_phone", "confidence": 0.99})
    DataAnswerFilter().process([message])
    assert message.get("intent") == {"name": "report_lost_phone", "confidence": 0.99}


@pytest.mark.parametrize("typed, stored", [
    ("mans telefons 26123456", "+37126123456"),
    ("Mans tālrunis: +371 2612 3456", "+37126123456"),
    ("my e-mail is Anna@Example.com", "anna@example.com"),
    ("мой телефон 26123456", "+37126123456"),
])
def test_a_labelled_contact_is_read(typed, stored):
    assert normalise_contact(typed) == stored


@pytest.mark.parametrize("typed", ["pazaudēju telefonu 26123456", "mans telefons 12345"])
def test_other_words_or_a_bad_number_are_refused(typed):
    assert normalise_contact(typed) is None
