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
        # Product names are neither the customer's script nor their diacritics.
        ("сколько стоит eParaksts mobile", "ru"),
        ("как установить eParakstītājs 3.0", "ru"),
        ("how do I install eParakstītājs 3.0", "en"),
        ("kā instalēt eParakstītājs 3.0", "lv"),
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


def _language_entities(message):
    from eparaksts.components.language_extractor import LanguageEntityExtractor

    LanguageEntityExtractor().process([message])
    return [e["value"] for e in message.get("entities", []) if e["entity"] == "language"]


def test_the_language_entity_comes_from_the_tokenizer_detection_once_per_message(monkeypatch):
    from rasa.shared.nlu.training_data.message import Message

    from eparaksts import language
    from eparaksts.components.language_tokenizer import LanguageAwareTokenizer

    calls = []
    real_detect = language.detect
    monkeypatch.setattr(language, "detect", lambda text: calls.append(text) or real_detect(text))
    tokenizer = LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config())
    russian, unclear = Message(data={"text": "забыл пин код"}), Message(data={"text": "ok"})
    tokenizer.process([russian, unclear])
    assert _language_entities(russian) == ["ru"]
    # Too short to tell: no entity, so the slot keeps the conversation's language.
    assert _language_entities(unclear) == []
    assert calls == ["забыл пин код", "ok"]


def test_the_extractor_detects_by_itself_where_no_tokenizer_ran():
    from rasa.shared.nlu.training_data.message import Message

    assert _language_entities(Message(data={"text": "how do I sign a document"})) == ["en"]
