"""Forms, feedback, urgent cases and ratings, chatted over REST against the real Rasa server,
action server and case desk, with the trained model. Each turn checks which responses the
assistant gave (read from the tracker store); each chat then checks what the desk holds.

The clock is frozen at Saturday 28 November 2026, 10.00 Riga time: outside working hours, so
processing starts on Monday 30 November at 9.00 and the deadline is that day at 18.00.
"""
import asyncio
import json
import sqlite3
import uuid

import aiohttp
import pytest

from eparaksts.choices import payload

LONG_DESCRIPTION = ("<b>bold</b> '; DROP TABLE cases; -- {{7*7}} ${HOME} 😀 Paldies! " * 200)[:10_000]


class Chat:
    """One customer's conversation: `say` returns the names of the responses the bot gave."""

    def __init__(self, assistant):
        self.assistant, self.sender, self.seen = assistant, uuid.uuid4().hex, 0
        self.replies = []

    def say(self, text):
        async def post():
            async with aiohttp.ClientSession() as session:
                async with session.post(
                    self.assistant.webhook, json={"sender": self.sender, "message": text},
                    timeout=aiohttp.ClientTimeout(total=60),
                ) as response:
                    assert response.status == 200
                    return await response.json()

        self.replies = asyncio.run(post())
        assert self.replies, f"no reply to {text!r}"
        names = self._bot_responses()
        new, self.seen = names[self.seen:], len(names)
        return new

    def text(self):
        return "\n".join(r.get("text", "") for r in self.replies)

    def _bot_responses(self):
        with sqlite3.connect(self.assistant.tracker_db) as db:
            rows = db.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'bot' ORDER BY id", (self.sender,)
            ).fetchall()
        return [(json.loads(data).get("metadata") or {}).get("utter_action") for (data,) in rows]


def cases(assistant, chat):
    return [c for c in assistant.desk.list_cases() if c["conversation_id"] == chat.sender]


def test_application_in_latvian_with_a_correction(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("Gribu atstāt iesniegumu, lai speciālists rīt ar mani sazinās")
    assert chat.say("Rēķini un līgumi") == ["utter_ask_application_description"]
    assert chat.say("Lūdzu, atsūtiet oktobra rēķinu vēlreiz, iepriekšējais nav pienācis") == ["utter_ask_customer_name"]
    assert chat.say("Jānis Bērziņš") == ["utter_ask_customer_contact"]
    assert chat.say("2612 3456") == ["utter_ask_application_consent"]
    assert chat.say("/affirm") == ["utter_application_summary"]
    assert "+37126123456" in chat.text()
    assert chat.say(payload("customer_contact")) == ["utter_ask_customer_contact"]
    assert chat.say("janis.berzins@example.lv") == ["utter_application_summary"]
    assert chat.say("/affirm") == ["utter_application_filed_outside_hours"]
    assert "pirmdiena, 30. novembris, plkst. 9.00" in chat.text()
    assert "pirmdiena, 30. novembris, plkst. 18.00" in chat.text()

    [case] = cases(assistant, chat)
    assert case["reference"] in chat.text()
    assert (case["kind"], case["case_type"], case["language"]) == ("application", "invoices", "lv")
    assert case["fields"] == {
        "description": "Lūdzu, atsūtiet oktobra rēķinu vēlreiz, iepriekšējais nav pienācis",
        "name": "Jānis Bērziņš", "contact": "janis.berzins@example.lv", "consent": True,
    }


def test_a_contact_given_with_its_label_is_the_answer_not_a_lost_phone(assistant):
    # "мой телефон …" reads like a lost phone to the classifier; as an answer it is only data.
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("хочу оставить заявку")
    assert chat.say("ID-карта и подписание") == ["utter_ask_application_description"]
    assert chat.say("не получается подписать документ картой") == ["utter_ask_customer_name"]
    assert chat.say("Ольга Петрова") == ["utter_ask_customer_contact"]
    assert chat.say("мой телефон 26123456") == ["utter_ask_application_consent"]
    assert chat.say("/affirm") == ["utter_application_summary"]
    assert chat.say("/affirm") == ["utter_application_filed_outside_hours"]
    [case] = cases(assistant, chat)
    assert (case["kind"], case["case_type"]) == ("application", "eid_signing")
    assert case["fields"]["contact"] == "+37126123456"


def test_a_long_description_with_markup_is_stored_verbatim(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("I would like to leave an application for your staff")
    assert chat.say(payload("other")) == ["utter_ask_application_description"]
    assert chat.say(LONG_DESCRIPTION) == ["utter_ask_customer_name"]
    assert chat.say("John Smith") == ["utter_ask_customer_contact"]
    assert chat.say("john@example.com") == ["utter_ask_application_consent"]
    assert chat.say("yes, I agree") == ["utter_application_summary"]
    assert chat.say("/affirm") == ["utter_application_filed_outside_hours"]
    [case] = cases(assistant, chat)
    assert case["fields"]["description"] == LONG_DESCRIPTION.strip()


def test_three_unreadable_contacts_end_politely_and_file_nothing(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("can I leave a request for customer service?")
    assert chat.say(payload("documents")) == ["utter_ask_application_description"]
    assert chat.say("My signed PDF shows an unknown signer") == ["utter_ask_customer_name"]
    assert chat.say("Mary Jones") == ["utter_ask_customer_contact"]
    assert chat.say("12345") == ["utter_invalid_contact", "utter_ask_customer_contact"]
    assert chat.say("mary at example") == ["utter_invalid_contact", "utter_ask_customer_contact"]
    assert chat.say("+44 7700 900123") == ["utter_application_gave_up"]
    assert cases(assistant, chat) == []


def test_cancel_stops_the_application_and_files_nothing(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("gribu iesniegt pieteikumu")
    assert chat.say("eID karte un parakstīšana") == ["utter_ask_application_description"]
    assert chat.say("atcelt") == ["utter_form_cancelled"]
    assert cases(assistant, chat) == []


def test_declined_consent_files_nothing_and_says_why(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("I'd like to leave a request for tomorrow")
    chat.say(payload("account"))
    chat.say("Please change my e-mail")
    chat.say("Anna Lee")
    assert chat.say("anna@example.com") == ["utter_ask_application_consent"]
    assert chat.say("/deny") == ["utter_application_no_consent"]
    assert cases(assistant, chat) == []


def test_a_stolen_phone_interrupts_the_application_which_then_goes_on(assistant):
    chat = Chat(assistant)
    assert "utter_ask_application_topic" in chat.say("I want to leave an application")
    assert chat.say(payload("certificate_mobile")) == ["utter_ask_application_description"]
    urgent = chat.say("wait, my phone was just stolen!")
    assert urgent[:2] == ["utter_urgent_lost_phone", "utter_urgent_case_filed"]
    assert urgent[-1] == "utter_ask_application_description"
    assert "67108787" in chat.text() and "https://www.eparaksts.lv" in chat.text()
    assert chat.say("I need a new certificate on my new phone") == ["utter_ask_customer_name"]
    kinds = sorted(c["kind"] for c in cases(assistant, chat))
    assert kinds == ["urgent"]
    chat.say("Peter Brown")
    chat.say("peter@example.com")
    chat.say("/affirm")
    assert chat.say("/affirm") == ["utter_application_filed_outside_hours"]
    assert sorted(c["kind"] for c in cases(assistant, chat)) == ["application", "urgent"]


def test_urgent_report_with_a_callback_contact(assistant):
    chat = Chat(assistant)
    first = chat.say("mans telefons ir nozagts, tajā ir eParaksts mobile")
    assert first[-3:] == ["utter_urgent_lost_phone", "utter_urgent_case_filed", "utter_ask_callback"]
    assert "67108787" in chat.text()
    assert chat.say("/affirm") == ["utter_ask_callback_contact"]
    assert chat.say("26 123 456") == ["utter_callback_saved"]
    [case] = cases(assistant, chat)
    assert (case["kind"], case["case_type"], case["language"]) == ("urgent", "lost_phone", "lv")
    assert case["fields"]["callback_contact"] == "+37126123456"
    assert case["reference"] in chat.text()


@pytest.mark.parametrize("opening, confirm, expected_category, final", [
    ("Jūsu operators vakar bija ļoti rupjš un vienkārši nolika klausuli", payload("complaint_customer_service"),
     "complaint_customer_service", "utter_feedback_complaint_filed_outside_hours"),
    ("your app is terrible, signing fails every single time I try it", "Complaint about the service",
     "complaint_service", "utter_feedback_complaint_filed_outside_hours"),
    ("Gribu uzslavēt jūsu darbinieci, viņa man ļoti pacietīgi palīdzēja ar parakstu", payload("praise"),
     "praise", "utter_feedback_praise_filed"),
    ("I would like to make a suggestion: please add a dark mode to the eParaksts mobile app",
     "Suggestion", "suggestion", "utter_feedback_suggestion_filed"),
])
def test_feedback_in_each_category_is_confirmed_and_filed(assistant, opening, confirm, expected_category, final):
    chat = Chat(assistant)
    assert chat.say(opening)[-1] == "utter_ask_feedback_category_guess"
    assert chat.say(confirm) == ["utter_ask_feedback_contact"]
    assert chat.say("/deny") == [final]
    [case] = cases(assistant, chat)
    assert (case["kind"], case["case_type"]) == ("feedback", expected_category)
    assert case["fields"]["text"] == opening
    assert (case["deadline"] is not None) == expected_category.startswith("complaint")


def test_short_feedback_request_asks_category_then_text(assistant):
    chat = Chat(assistant)
    assert chat.say("I want to leave feedback")[-1] == "utter_ask_feedback_category"
    assert chat.say("Suggestion") == ["utter_ask_feedback_text"]
    assert chat.say("Please add a dark theme") == ["utter_ask_feedback_contact"]
    assert chat.say("anna@example.com") == ["utter_feedback_suggestion_filed"]
    [case] = cases(assistant, chat)
    assert case["fields"] == {"text": "Please add a dark theme", "contact": "anna@example.com"}


def test_a_feedback_category_typed_with_no_form_running_starts_the_feedback_form_with_it(assistant):
    chat = Chat(assistant)
    # The first reply of a conversation also holds the welcome (no response name).
    first = chat.say("Sūdzība par klientu apkalpošanu")
    assert first[-1] == "utter_ask_feedback_text" and "utter_ask_feedback_category" not in first
    assert chat.say("Operators nepacēla klausuli trīs reizes") == ["utter_ask_feedback_contact"]
    assert chat.say("26123456 vai anna@example.lv") == ["utter_feedback_complaint_filed_outside_hours"]
    [case] = cases(assistant, chat)
    assert (case["kind"], case["case_type"]) == ("feedback", "complaint_customer_service")
    assert case["fields"]["contact"] == "+37126123456, anna@example.lv"


def test_a_correction_button_with_no_summary_open_leads_nowhere(assistant):
    chat = Chat(assistant)
    assert chat.say(payload("customer_contact"))[-1] == "utter_anything_else"
    assert cases(assistant, chat) == []


def test_a_rating_is_stored_for_the_answer_it_rates(assistant):
    chat = Chat(assistant)
    assert chat.say("when are you open?")[-1] == "utter_hours_closed"
    assert chat.say("thank you") == ["utter_ask_rating"]
    assert chat.say("/rate_down") == ["utter_rating_thanks_down"]
    summary = assistant.desk.ratings_summary()
    assert summary["utter_hours_closed"]["down"] >= 1
