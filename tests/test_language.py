"""Language detection and diacritics folding on what customers actually type."""
import pytest

from eparaksts.language import detect
from eparaksts.text import fold


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kad jūs strādājat?", "lv"),
        ("pazaudeju telefonu", "lv"),
        ("ka parakstit dokumentu", "lv"),
        ("labvakar", "lv"),
        ("paldies", "lv"),
        ("my phone was stolen", "en"),
        ("when are you open", "en"),
        ("hi", "en"),
        ("у меня украли телефон", "ru"),
        ("заблокируйте мой eParaksts", "ru"),
        ("aizmirsu eParaksts mobile paroli", "lv"),
    ],
)
def test_detects_the_customer_language(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize("text", ["", "ok", "PIN", "eParaksts mobile", "?", "123", "🙂🙂", "eID"])
def test_short_or_neutral_text_keeps_the_previous_language(text):
    assert detect(text) is None


def test_fold_strips_latvian_diacritics_and_case():
    assert fold("Pazaudēju ŠODIEN eID-karti") == "pazaudeju sodien eid-karti"
    assert fold("ĀČĒĢĪĶĻŅŠŪŽ") == "acegiklnsuz"


def test_fold_keeps_cyrillic_letters_but_merges_yo():
    assert fold("Ёлка и йод") == "елка и йод"
