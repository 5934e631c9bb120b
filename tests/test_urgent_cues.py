"""The rule-based second opinion on urgent situations (eparaksts/urgent_cues.py)."""
import pytest

from eparaksts.urgent_cues import detect


@pytest.mark.parametrize("message, intent", [
    ("vakar taksī pazaudēju telefonu", "report_lost_phone"),
    ("telefons nozagts, tur ir eparaksts mobile", "report_lost_phone"),
    ("somebody stole my phone at the station", "report_lost_phone"),
    ("у меня вытащили телефон в автобусе", "report_lost_phone"),
    ("policija konfiscēja manu ID karti", "report_lost_card"),
    ("lost my wallet with the ID card inside", "report_lost_card"),
    ("потерял ID-карту на вокзале", "report_lost_card"),
    ("mans brālis zina manu PIN2", "report_pin_disclosed"),
    ("my son knows my PIN codes", "report_pin_disclosed"),
    ("я продиктовал пин-код по телефону", "report_pin_disclosed"),
    ("ievadīju kodus viltus lapā", "report_fraud"),
    ("I think it was a scam SMS and I typed my codes", "report_fraud"),
    ("мошенники получили мои коды", "report_fraud"),
    ("man ir līgums, ko neesmu parakstījis", "report_fraud"),
    ("I misplaced my ID card somewhere in town", "report_lost_card"),
    ("не нахожу ID-карту с утра", "report_lost_card"),
    ("телефон куда-то делся, а там eParaksts mobile", "report_lost_phone"),
])
def test_unmistakable_urgent_cues(message, intent):
    assert detect(message) == intent


@pytest.mark.parametrize("message", [
    "aizmirsu PIN kodu, ko darīt",
    "I forgot my PIN",
    "kā atjaunot apturētu sertifikātu?",
    "how do I resume a suspended certificate",
    "what does suspension mean",
    "neatnāk ziņa ar kodu",
    "nopirku jaunu telefonu, kā pārnest eParaksts mobile",
    "I lost access to eParaksts mobile after the update",
    "what is your opinion about spinning PINs",
    "кто может подписать документ",
    # Lost codes that nobody else knows: a blocked-PIN question, not a disclosure.
    "pazaudēju aploksni ar PIN, neviens cits to nav redzējis",
    "lost the PIN letter, nobody else has seen it",
    "потеряла конверт с PIN, коды никто не знает",
    # Found again: resuming, not a loss.
    "atradu nozagto telefonu, kā atjaunot eparakstu",
    "found my phone that I thought was stolen, how to reactivate it",
    "украденный телефон нашелся, что теперь",
    "",
])
def test_calm_questions_have_no_urgent_cues(message):
    assert detect(message) is None


@pytest.mark.parametrize("message", [
    "mans kolēģis zina manu PIN kodu",
    "kads cits laikam zina manus kodus",
    "sieva redzēja manu paroli",
])
def test_someone_knowing_the_codes_in_latvian(message):
    assert detect(message) == "report_pin_disclosed"


def test_a_message_with_a_code_is_not_someone_knowing_it():
    assert detect("atnāca ziņa ar kodu, ko ar to darīt") is None
