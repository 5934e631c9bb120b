"""What customers type into the forms: contacts, names, button choices, the feedback category."""
import pytest

from actions import feedback_category
from eparaksts import choices
from actions.contact import normalise_contact, normalise_name


@pytest.mark.parametrize("typed, stored", [
    ("26123456", "+37126123456"),
    ("+371 2612 3456", "+37126123456"),
    ("00371-67108787", "+37167108787"),
    ("(2) 612-3456", "+37126123456"),
    ("Anna.Berzina@Example.LV", "anna.berzina@example.lv"),
    ("  jānis@pasts.lv. ", "jānis@pasts.lv"),
])
def test_contacts_are_read_and_normalised(typed, stored):
    assert normalise_contact(typed) == stored


@pytest.mark.parametrize("typed, stored", [
    ("26123456 vai anna@example.lv", "+37126123456, anna@example.lv"),
    ("my phone is 26123456, e-mail Anna@Example.LV", "+37126123456, anna@example.lv"),
    ("телефон 26123456 или 67108787", "+37126123456, +37167108787"),
    # The same contact twice is one contact.
    ("26123456 vai +371 26123456", "+37126123456"),
    # Two numbers with only a space between them: digits and spaces run on, yet they are two phones.
    ("26123456 29876543", "+37126123456, +37129876543"),
    ("+371 2612 3456 67108787", "+37126123456, +37167108787"),
    ("2612 3456 2987 6543 anna@example.lv", "+37126123456, +37129876543, anna@example.lv"),
])
def test_several_contacts_in_one_answer_are_all_kept(typed, stored):
    assert normalise_contact(typed) == stored


@pytest.mark.parametrize("typed", [
    # One part is not a contact: the customer is asked again rather than half of it kept.
    "26123456 vai 1234567",
    "26123456 1234567",
    "26123456 2987654",
    "anna@example.lv un anna@",
    # More than three is not someone's contact.
    "21111111, 22222222, 23333333, 24444444",
])
def test_several_items_with_a_bad_one_or_too_many_are_refused(typed):
    assert normalise_contact(typed) is None


@pytest.mark.parametrize("typed", [
    "", "   ", "1234567", "123456789", "36123456", "+44 7700 900123", "anna@", "@example.lv",
    "anna@example", "anna@@example.lv", "<script>@x.lv", "'; DROP TABLE cases; --", "{{7*7}}", "🙂",
    "call me maybe", "a" * 300 + "@example.lv",
])
def test_what_is_not_a_contact_is_refused(typed):
    assert normalise_contact(typed) is None


@pytest.mark.parametrize("typed, stored", [
    ("Jānis Bērziņš", "Jānis Bērziņš"),
    ("mani sauc Anna Kalniņa", "Anna Kalniņa"),
    ("My name is John O'Neil", "John O'Neil"),
    ("меня зовут Ольга Петрова", "Ольга Петрова"),
    ("Anna-Marija  Liepa.", "Anna-Marija Liepa"),
])
def test_names_keep_letters_of_any_alphabet(typed, stored):
    assert normalise_name(typed) == stored


@pytest.mark.parametrize("typed", ["", "J", "R2D2", "<b>Anna</b>", "Anna; DROP TABLE", "{{name}}", "26123456", "x" * 101])
def test_what_is_not_a_name_is_refused(typed):
    assert normalise_name(typed) is None


@pytest.mark.parametrize("typed, key", [
    ("Rēķini un līgumi", "invoices"),
    ("rekini un ligumi", "invoices"),
    ("Invoices and contracts", "invoices"),
    ("Счета и договоры", "invoices"),
    ("3", "documents"),
    ("man ir jautājums par rēķinu", "invoices"),
    ("Something else", "other"),
])
def test_topic_answers_map_to_a_topic_in_every_language(typed, key):
    assert choices.match("application_topic", typed) == key


@pytest.mark.parametrize("typed", ["", "7", "0", "hmm", "rēķins par eID karti"])
def test_unclear_topic_answers_are_asked_again(typed):
    # The last one names two topics: better to ask than to guess.
    assert choices.match("application_topic", typed) is None


def test_every_choice_has_a_label_in_every_language_and_typed_labels_read_back():
    for group in ("application_topic", "feedback_category", "correction"):
        for lang in ("lv", "en", "ru"):
            buttons = choices.buttons(group, lang)
            assert len(buttons) == len(choices.keys(group))
            assert all(b["title"].strip() for b in buttons)
            assert [choices.match(group, b["title"]) for b in buttons] == choices.keys(group)


def test_buttons_send_the_key_past_the_classifier():
    button = choices.buttons("application_topic", "en")[0]
    assert button["payload"] == '/choose{"choice": "certificate_mobile"}'
    assert choices.match("application_topic", "certificate_mobile") == "certificate_mobile"
    assert choices.match("application_topic", "praise") is None


def test_buttons_put_the_guess_first():
    assert choices.buttons("feedback_category", "en", first="praise")[0]["title"] == "Praise"


@pytest.mark.parametrize("message, category", [
    ("Jūsu operators bija ļoti rupjš pret mani", "complaint_customer_service"),
    ("jusu operators bija rupjs", "complaint_customer_service"),
    ("your support agent was rude and hung up", "complaint_customer_service"),
    ("оператор мне нагрубил, хочу пожаловаться", "complaint_customer_service"),
    ("eParaksts mobile ir briesmīga lietotne, nekas nestrādā", "complaint_service"),
    ("the app is terrible, signing fails every time", "complaint_service"),
    ("ужасное приложение, постоянно ошибка", "complaint_service"),
    ("būtu labi, ja lietotnē varētu parakstīt vairākus failus", "suggestion"),
    ("it would be nice to have a dark mode", "suggestion"),
    ("предлагаю добавить вход по отпечатку", "suggestion"),
    ("liels paldies konsultantei Ilzei par palīdzību", "praise"),
    ("great job, thank you", "praise"),
    ("спасибо вашему сотруднику, всё объяснил", "praise"),
    ("gribu atstāt atsauksmi", None),
    ("I want to leave feedback", None),
])
def test_feedback_category_is_guessed_from_the_message(message, category):
    assert feedback_category.guess(message) == category
