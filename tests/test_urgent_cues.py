"""The rule-based second opinion on urgent situations (eparaksts/urgent_cues.py)."""
import pytest

from eparaksts.urgent_cues import asks_to_resume, detect, on_urgent_topic


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
    # Phone words beyond "phone": brands and typos.
    ("у меня украли айфон, на нём eParaksts mobile", "report_lost_phone"),
    ("nozagts telfons ar eparakstu", "report_lost_phone"),
    # "No eParaksts" is Latvian for "from eParaksts"; "everything with" need not be "with me".
    ("nozaga telefonu, vakar saņēmu ziņu no eParaksts", "report_lost_phone"),
    ("lost my phone, I sign everything with it", "report_lost_phone"),
    # Codes compromised, in those words.
    ("mana PIN2 ir kompromitēta", "report_pin_disclosed"),
    ("I think my eParaksts mobile password was compromised", "report_pin_disclosed"),
    ("мой PUK раскрыт", "report_pin_disclosed"),
    # Suspension asked for with a hurry word.
    ("lūdzu steidzami apturēt manus sertifikātus", "request_suspension"),
    ("block my e-signature at once", "request_suspension"),
    ("немедленно заморозьте мою подпись", "request_suspension"),
    # A loss named with the hurry keeps its own type.
    ("nozaga telefonu, apturiet nekavējoties", "report_lost_phone"),
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
    # The customer's own knowledge of a code, or a device given to them, is no disclosure.
    "I don't know my PIN for the ID card",
    "i know my pin but want to change it",
    "the card reader my employer gave me asks for PIN1",
    "Сын спрашивал мой ПИН, но я ему не сказал",
    # Something else is missing: the bot's number, a page, an app in the store, a password.
    "can't find your phone number on the website",
    "neatrodu jūsu tālruņa numuru mājaslapā",
    "не могу найти на сайте ваш номер телефона",
    "App Store neatrodu eParaksts mobile",
    "lost my eParaksts mobile password",
    # Scams in general, or resuming after one, are not a fraud report.
    "how to avoid phone scams?",
    "как распознать мошенников по телефону",
    "I suspended it after a scam attempt, all fine now, how do I resume it?",
    "read about phone scams in the news, should I change my PIN?",
    # Something was lost, but the customer says the phone and card are not.
    "lost my bag with the keys, phone and ID card are with me",
    "pazaudēju somu ar atslēgām, telefons un ID karte ir pie manis",
    "потерял рюкзак в автобусе, телефон и айди карта при мне",
    "my son lost his phone, there is no eParaksts on it",
    "nothing was stolen, I just forgot PIN1",
    "нет подозрений, что кто-то знает пароль, просто забыла",
    # A hurry about a blocked code, or about getting a suspended signature back, is no suspension.
    "PIN1 bloķēts, steidzami vajag parakstīt",
    "my PUK is blocked too, urgent",
    "нужно срочно разблокировать подпись",
    "urgently need to resume my suspended certificate",
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


@pytest.mark.parametrize("message, on_topic", [
    ("ar telefonu kaut kas nav kārtībā", True),
    ("can you switch off my e-signature", True),
    ("как поставить eparaksts на паузу", True),
    ("mary at example", False),
    ("Anna Bērziņa", False),
    ("ну ладно", False),
    ("", False),
])
def test_what_counts_as_an_urgent_topic(message, on_topic):
    assert on_urgent_topic(message) is on_topic


@pytest.mark.parametrize("message, asks", [
    ("kā atcelt sertifikāta apturēšanu", True),
    ("gribu atbloķēt savu eParakstu", True),
    ("how to unsuspend my eID certificates", True),
    ("please switch my e-signature back on", True),
    ("как снова активировать заблокированный eParaksts", True),
    ("разблокируйте подпись", True),
    ("lūdzu atceliet mana sertifikāta bloķēšanu", True),
    ("снимите блокировку с моей подписи", True),
    ("please lift the block on my e-signature", True),
    # Cancel and block: the verbs of an emergency, not of its end.
    ("atcelt sertifikātus un bloķēt karti", False),
    ("отменить сертификаты и заблокировать", False),
    ("cancel my certificates and block the card", False),
    ("suspend my certificates", False),
    ("call me back on Monday", False),
    ("pazaudēju telefonu", False),
])
def test_what_asks_to_lift_a_suspension(message, asks):
    assert asks_to_resume(message) is asks
