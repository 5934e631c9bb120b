"""Personal data in customer text is masked (eparaksts/pii.py); ordinary numbers are not."""
import time

import pytest

from eparaksts import pii
from eparaksts.pii import CARD_NUMBER, PERSONAL_CODE, SECRET

PC, CARD, SEC = pii.PLACEHOLDERS[PERSONAL_CODE], pii.PLACEHOLDERS[CARD_NUMBER], pii.PLACEHOLDERS[SECRET]


def check(text, expected, kinds):
    masked = pii.mask(text)
    assert masked.text == expected
    assert masked.kinds == frozenset(kinds)


# --- personal codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mans personas kods ir 010190-12345.", f"Mans personas kods ir {PC}."),
        ("personas kods 010190 12345, paldies", f"personas kods {PC}, paldies"),
        ("personas kods 01019012345", f"personas kods {PC}"),
        ("p.k. 311299-21234", f"p.k. {PC}"),
        ("personaskods:290200-10000", f"personaskods:{PC}"),  # 29 February: the century is unknown
        ("mans jaunais kods ir 321234-12345", f"mans jaunais kods ir {PC}"),
        ("32123412345", PC),
        ("321234 12345 - tas ir mans kods", f"{PC} - tas ir mans kods"),
        ("(010190 - 12345)", f"({PC})"),
        ("Mans kods ir 150385–12345", f"Mans kods ir {PC}"),  # en dash
        ("my personal code is 010190-12345", f"my personal code is {PC}"),
        ("мой персональный код 010190-12345!", f"мой персональный код {PC}!"),
        ("010190-12344", PC),  # wrong check digit: still masked
        ("kods 010190-12345 un vēl 020202-22222", f"kods {PC} un vēl {PC}"),
    ],
)
def test_personal_codes_are_masked(text, expected):
    check(text, expected, {PERSONAL_CODE})


@pytest.mark.parametrize(
    "text",
    [
        "reģ. nr. 40003011203",  # company registration number: day 40 is no date
        "320000",  # only six digits
        "321234-1234",  # 6+4
        "321234-123456",  # 6+6
        "330190-12345",  # day 33
        "011390-12345",  # month 13
        "310490-12345",  # 31 April
        "zvaniet +37167108787",  # 11 digits, but day 37
        "0101901234567",  # 13 digits written together (and no card: Luhn fails)
    ],
)
def test_not_personal_codes(text):
    masked = pii.mask(text)
    assert PERSONAL_CODE not in masked.kinds and PC not in masked.text


# --- card numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("karte 4111 1111 1111 1111", f"karte {CARD}"),
        ("4111-1111-1111-1111.", f"{CARD}."),
        ("my card is 4111111111111111, expiry 12/27", f"my card is {CARD}, expiry 12/27"),
        ("Amex 3782 822463 10005 un 378282246310005", f"Amex {CARD} un {CARD}"),
        ("Mastercard 5555 5555 5555 4444 ok", f"Mastercard {CARD} ok"),
        ("номер карты 5105105105105100", f"номер карты {CARD}"),
        ("Visa 4222222222222", f"Visa {CARD}"),  # 13 digits
        ("4111 1111 1111 1111 003", f"{CARD}"),  # 19 digits in print grouping
        ("Diners 3056 930902 5904", f"Diners {CARD}"),
        ("kods 4111111111111111", f"kods {CARD}"),  # a card after a keyword is still a card
    ],
)
def test_card_numbers_are_masked(text, expected):
    check(text, expected, {CARD_NUMBER})


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1112",  # Luhn fails
        "4111111111111112",
        "411111111111",  # 12 digits
        "41111111111111111111",  # 20 digits
        "67108787 1234 5678",  # phone next to numbers: not a printed card grouping
        "0037167108787",  # a phone with 00371, Luhn happens to pass or not: never a card
        "1 234 567 890 123 EUR",
    ],
)
def test_not_card_numbers(text):
    masked = pii.mask(text)
    assert CARD_NUMBER not in masked.kinds and CARD not in masked.text


def test_phone_with_00371_passing_luhn_is_not_a_card():
    # Pick a real-looking phone whose 13 digits pass the Luhn check, so the exclusion is tested.
    phone = next(
        f"00371{n}" for n in range(29000000, 29001000) if pii.luhn_ok(f"00371{n}")
    )
    assert pii.mask(f"zvaniet {phone}").text == f"zvaniet {phone}"


def test_luhn():
    assert pii.luhn_ok("4111111111111111") and not pii.luhn_ok("4111111111111112")
    assert pii.luhn_ok("79927398713") and not pii.luhn_ok("79927398710")


# --- secrets --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # Latvian, with and without diacritics
        ("mans PIN ir 1234", f"mans PIN ir {SEC}"),
        ("Mans PIN1 kods ir 1234.", f"Mans PIN1 kods ir {SEC}."),
        ("pin2 = 83625", f"pin2 = {SEC}"),
        ("PIN2: 836251", f"PIN2: {SEC}"),
        ("PUK kods ir 12345678", f"PUK kods ir {SEC}"),
        ("mans pina kods 4821, ko darīt?", f"mans pina kods {SEC}, ko darīt?"),
        ("parole: Saule2024!", f"parole: {SEC}"),
        ("mana parole ir Jānis#99 un tā nestrādā", f"mana parole ir {SEC} un tā nestrādā"),
        ("ievadīju paroli 'Rīga2024' bet nederēja", f"ievadīju paroli {SEC} bet nederēja"),
        ("SMS kods 123456", f"SMS kods {SEC}"),
        ("pin-kods: 0000", f"pin-kods: {SEC}"),
        ("PIN:1234 un pin1=5678", f"PIN:{SEC} un pin1={SEC}"),
        ("PIN1234", f"PIN{SEC}"),
        ("PUK12345678?", f"PUK{SEC}?"),
        ("jaunais PIN ir 9876 un vecais PIN bija 1111", f"jaunais PIN ir {SEC} un vecais PIN bija {SEC}"),
        ("PUK kods ir 12345678 un PIN2 ir 98765", f"PUK kods ir {SEC} un PIN2 ir {SEC}"),
        # English
        ("my puk is 12345678", f"my puk is {SEC}"),
        ("My PIN is 1234.", f"My PIN is {SEC}."),
        ("the code is 4821", f"the code is {SEC}"),
        ("password: Qwerty123", f"password: {SEC}"),
        ("my password is Saule2024. thanks", f"my password is {SEC}. thanks"),
        ("password=Pa$$w0rd!;x", f"password={SEC}"),  # only a last ",.;" is left out
        ("passcode 123456", f"passcode {SEC}"),
        ("PIN1 - 2580", f"PIN1 - {SEC}"),
        # Russian
        ("мой пин 4821", f"мой пин {SEC}"),
        ("ПИН-код: 4821", f"ПИН-код: {SEC}"),
        ("мой пароль Qwerty123", f"мой пароль {SEC}"),
        ("пук код 12345678", f"пук код {SEC}"),
        ("код 5555", f"код {SEC}"),
        ("пин1234", f"пин{SEC}"),
        ("Пароль — Мышь2024", f"Пароль — {SEC}"),
    ],
)
def test_secrets_after_a_keyword_are_masked(text, expected):
    check(text, expected, {SECRET})


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my PIN",
        "PIN",
        "Aizmirsu PIN kodu, ko darīt?",
        "I forgot my PIN in 2024",
        "PIN kods bloķēts kopš 2024. gada",
        "mana parole ir nepareiza",  # "my password is wrong": a word, not a password
        "forgot my password and cannot log in",
        "parole ir eparaksts.lv portālā",
        "password reset via https://www.eparaksts.lv/lv/",
        "error code 500",
        "kods ir derīgs līdz 2026",
        "я забыл пароль",
        "пин-код заблокирован 3 раза",
        "parole: ?",
        "PIN: ir, mans, ir, my 1234",  # too far from the keyword: at most four linking tokens
    ],
)
def test_keywords_without_a_secret_are_kept(text):
    check(text, text, set())


# --- must not mask --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "zvaniet 67108787",
        "Tālrunis: 67108787 (no ārzemēm +371 67108787)",
        "mans telefons ir 29123456, zvaniet",
        "+37129123456",
        "call 6710 8787 please",
        "Strādājam darba dienās 9.00–18.00, Rīgas laikā",
        "open 9:00-18:00",
        "28.11.2026",
        "2026-11-28 vai 28/11/2026",
        "sestdien, 28. novembrī 2026. gadā",
        "in 2024 and 2025",
        "samaksāju 1234.56 EUR",
        "summa 1 234 567 EUR",
        "maksā 12,50 €",
        "pieteikums U-261124-7K3Q9X",
        "A-010190-ABC123 un F-281126-ZZ99QQ",
        "rakstiet uz janis.berzins2024@gmail.com",
        "https://www.eparaksts.lv/lv/palidziba?id=010190",
        "eID kartes numurs PA1234567",
        "tālruņa numurs 67108787 un 20000000",
        "Labdien! Kā parakstīt dokumentu?",
        "",
    ],
)
def test_ordinary_numbers_and_text_are_kept(text):
    check(text, text, set())


# --- mixed ----------------------------------------------------------------------------------


def test_several_kinds_in_one_message_and_the_rest_is_kept():
    text = (
        "Labdien! Mans personas kods 010190-12345, karte 4111 1111 1111 1111, PIN ir 1234 "
        "un PUK 12345678. Zvaniet 67108787 līdz 18.00, pieteikums U-261124-7K3Q9X."
    )
    check(
        text,
        f"Labdien! Mans personas kods {PC}, karte {CARD}, PIN ir {SEC} "
        f"un PUK {SEC}. Zvaniet 67108787 līdz 18.00, pieteikums U-261124-7K3Q9X.",
        {PERSONAL_CODE, CARD_NUMBER, SECRET},
    )


def test_values_at_start_and_end():
    check("010190-12345 ir mans kods un PIN 4321", f"{PC} ir mans kods un PIN {SEC}", {PERSONAL_CODE, SECRET})
    check("4111111111111111", CARD, {CARD_NUMBER})


def test_masking_twice_changes_nothing():
    once = pii.mask("PIN 1234, kods 010190-12345, karte 4111111111111111").text
    assert pii.mask(once).text == once and not pii.mask(once).kinds


def test_metadata_values_are_masked_recursively():
    value, kinds = pii.mask_value(
        {"page": "x", "form": {"note": "PIN 1234", "ids": ["010190-12345", 7]}, "n": 4111111111111111}
    )
    assert value == {"page": "x", "form": {"note": f"PIN {SEC}", "ids": [PC, 7]}, "n": 4111111111111111}
    assert kinds == {SECRET, PERSONAL_CODE}


def test_placeholders_are_recognised_and_removed_for_language_detection():
    masked = pii.mask("mans PIN ir 1234 un kods 010190-12345").text
    assert pii.placeholder_kinds(masked) == {SECRET, PERSONAL_CODE}
    assert "[" not in pii.without_placeholders(masked) and "secret" not in pii.without_placeholders(masked)


def test_fast_enough_for_every_message():
    text = "Labdien, mans PIN ir 1234 un personas kods 010190-12345, karte 4111 1111 1111 1111. " * 3
    pii.mask(text)  # build the pipeline once
    start = time.perf_counter()
    for _ in range(100):
        pii.mask(text)
    assert (time.perf_counter() - start) / 100 < 0.02
