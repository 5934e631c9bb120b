"""Stems for the word features: inflected forms of one word meet, different words stay apart."""
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from eparaksts.components.language_tokenizer import LanguageAwareTokenizer
from eparaksts.stemming import latvian_stem, stem
from eparaksts.text import fold


@pytest.mark.parametrize("forms, language", [
    (["telefons", "telefonu", "telefonā", "telefonam"], "lv"),
    (["sertifikāts", "sertifikātu", "sertifikātiem"], "lv"),
    (["kartes", "karti", "kartē"], None),
    (["потерял", "потеряла", "потеряли"], "ru"),
    (["телефон", "телефона", "телефоном"], "ru"),
    (["document", "documents"], "en"),
    (["signing", "signed", "signs"], "en"),
])
def test_inflected_forms_share_one_stem(forms, language):
    assert len({stem(fold(word), language) for word in forms}) == 1


def test_different_words_keep_different_stems():
    words = ["telefons", "karte", "parole", "kods"]
    assert len({stem(w, "lv") for w in words}) == len(words)


def test_cyrillic_is_stemmed_as_russian_even_when_the_message_was_taken_for_another_language():
    assert stem("телефона", "lv") == stem("телефона", "ru") == "телефон"


def test_short_words_numbers_and_product_names_are_left_alone():
    assert latvian_stem("es") == "es"
    assert stem("67108787", "lv") == "67108787"
    assert stem("e-paraksts", "lv") == "e-paraksts"
    assert stem("pin2", "en") == "pin2"


def tokens(text, stemming):
    tokenizer = LanguageAwareTokenizer({**LanguageAwareTokenizer.get_default_config(), "stem": stemming})
    return tokenizer.tokenize(Message(data={TEXT: text}), TEXT)


def test_tokenizer_puts_the_stem_in_the_lemma_and_keeps_the_typed_word_as_text():
    [phone, lost] = tokens("Telefonu pazaudēju", stemming=True)
    assert (phone.text, phone.lemma) == ("telefonu", "telefon")
    assert lost.text == "pazaudeju"


def test_without_stemming_the_lemma_is_the_folded_word():
    assert [t.lemma for t in tokens("Telefonu pazaudēju", stemming=False)] == ["telefonu", "pazaudeju"]
