"""The forms' validation actions, as the action server runs them."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.applications import ValidateApplicationForm
from actions.choice_outside_form import ActionChoiceOutsideForm
from actions.feedback import ValidateFeedbackForm
from actions.urgent import ValidateCallbackForm


def tracker(**slots):
    return Tracker("c1", {"language": "en", **slots}, {}, [], False, None, {"name": "application_form"}, "action_listen")


def validate(method, value, trk):
    dispatcher = CollectingDispatcher()
    updates = method(value, dispatcher, trk, {})
    return updates, [m["response"] for m in dispatcher.messages]


def test_a_readable_contact_is_kept_normalised():
    assert validate(ValidateApplicationForm().validate_customer_contact, "2612 3456", tracker()) == (
        {"customer_contact": "+37126123456", "contact_attempts": 0}, [])


def test_a_phone_and_an_e_mail_in_one_answer_are_both_kept():
    # Was refused with "that does not look like an e-mail address or a phone number": a wrong reason.
    assert validate(ValidateCallbackForm().validate_callback_contact, "26123456 vai anna@example.lv", tracker()) == (
        {"callback_contact": "+37126123456, anna@example.lv", "contact_attempts": 0}, [])


def test_unreadable_contacts_are_asked_again_then_each_form_gives_up_its_own_way():
    bad = "call me"
    assert validate(ValidateApplicationForm().validate_customer_contact, bad, tracker(contact_attempts=1)) == (
        {"customer_contact": None, "contact_attempts": 2}, ["utter_invalid_contact"])
    assert validate(ValidateApplicationForm().validate_customer_contact, bad, tracker(contact_attempts=2)) == (
        {"customer_contact": None, "gave_up": True, "contact_attempts": 0}, [])
    assert validate(ValidateFeedbackForm().validate_feedback_contact, bad, tracker(contact_attempts=2)) == (
        {"feedback_contact": "none", "contact_attempts": 0}, ["utter_contact_gave_up"])
    assert validate(ValidateCallbackForm().validate_callback_contact, bad, tracker(contact_attempts=2)) == (
        {"callback_contact": "none", "contact_attempts": 0}, ["utter_contact_gave_up"])


def test_consent_from_buttons_or_typed_words():
    form = ValidateApplicationForm()
    assert validate(form.validate_application_consent, True, tracker())[0] == {"application_consent": True}
    assert validate(form.validate_application_consent, "jā, piekrītu", tracker())[0] == {"application_consent": True}
    assert validate(form.validate_application_consent, "maybe later", tracker()) == (
        {"application_consent": None}, ["utter_consent_hint"])


def test_a_correction_from_the_summary_empties_that_field_only():
    form = ValidateApplicationForm()
    assert validate(form.validate_application_confirmed, "customer_name", tracker())[0] == {
        "application_confirmed": None, "customer_name": None}
    assert validate(form.validate_application_confirmed, "yes", tracker())[0] == {"application_confirmed": "yes"}
    assert validate(form.validate_application_confirmed, "what?", tracker()) == (
        {"application_confirmed": None}, ["utter_confirm_hint"])


def test_a_stale_button_click_is_not_a_description():
    assert validate(ValidateApplicationForm().validate_application_description, '/choose{"choice": "other"}',
                    tracker())[0] == {"application_description": None}


def choice_outside_form(key, domain):
    trk = Tracker("c1", {"language": "lv"}, {"intent": {"name": "choose"}, "entities": [{"entity": "choice", "value": key}]},
                  [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionChoiceOutsideForm().run(dispatcher, trk, domain))
    return events, dispatcher.messages


def test_a_feedback_category_outside_a_form_starts_feedback_with_it_chosen(domain):
    assert choice_outside_form("complaint_customer_service", domain) == (
        [SlotSet("choice_group", "feedback_category"), SlotSet("feedback_category", "complaint_customer_service")], [])


def test_an_application_topic_outside_a_form_starts_the_application_which_asks_it_again(domain):
    # The topic question carries the application's introduction, so the topic is not pre-filled.
    assert choice_outside_form("invoices", domain) == ([SlotSet("choice_group", "application_topic")], [])


def test_a_correction_or_unknown_choice_outside_a_form_starts_nothing(domain):
    assert choice_outside_form("customer_contact", domain) == ([SlotSet("choice_group", None)], [])
    assert choice_outside_form("no_such_key", domain) == ([SlotSet("choice_group", None)], [])
