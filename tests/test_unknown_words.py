"""Keyboard mashing is not understood (not "out of scope"); misspelt words the n-grams read are kept."""
import asyncio

import numpy as np
import pytest
import scipy.sparse
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from eparaksts.components.unknown_words import UnknownWordsFilter

FEATURIZER = "word_features"


def _message(intent, word_counts, other_counts=(1, 1)):
    message = Message(data={"text": "whatever"})
    message.set("intent", {"name": intent, "confidence": 0.97})
    message.set("intent_ranking", [{"name": intent, "confidence": 0.97}])
    # The word featurizer's sentence vector, and the character n-grams' one beside it.
    message.add_features(Features(scipy.sparse.coo_matrix(np.array([word_counts])), "sentence", "text", FEATURIZER))
    message.add_features(Features(scipy.sparse.coo_matrix(np.array([other_counts])), "sentence", "text", "char_ngrams"))
    return message


def _filtered(message):
    UnknownWordsFilter({"word_features": FEATURIZER}).process([message])
    return message.get("intent") == {"name": None, "confidence": 0.0} and message.get("intent_ranking") == []


def test_out_of_scope_without_a_known_word_names_no_intent():
    assert _filtered(_message("out_of_scope", [0, 0, 0]))


def test_out_of_scope_with_a_known_word_stands():
    assert not _filtered(_message("out_of_scope", [0, 2, 0]))


@pytest.mark.parametrize("intent", ["greet", "report_lost_phone", "affirm", None])
def test_another_pick_stands_even_without_a_known_word(intent):
    assert not _filtered(_message(intent, [0, 0, 0]))


def test_a_message_the_word_featurizer_never_saw_counts_as_without_known_words():
    message = Message(data={"text": "???"})
    message.set("intent", {"name": "out_of_scope", "confidence": 0.6})
    assert _filtered(message)


@pytest.mark.parametrize("text", ["asdfghjkl", "lkjsdf lkjsdf", "ыфвафыва", "???", "x" * 200])
def test_the_trained_model_does_not_understand_keyboard_mashing(nlu_agent, text):
    parsed = asyncio.run(nlu_agent.parse_message(text))
    assert parsed["intent"]["name"] == "nlu_fallback", parsed["intent"]


@pytest.mark.parametrize("text, intent", [
    ("kāds ir laiks rīt Rīgā?", "out_of_scope"),
    ("what's the weather tomorrow", "out_of_scope"),
    ("Labvakar", "greet"),
    ("pazaudeju telefonu", "report_lost_phone"),
])
def test_the_trained_model_keeps_real_words(nlu_agent, text, intent):
    assert asyncio.run(nlu_agent.parse_message(text))["intent"]["name"] == intent
