"""A message that only gives data (a number, a phone number, an e-mail address, with at most its
label: "mans telefons 29123456") names no intent (eparaksts/data_answers.py).

Runs right after the intent classifier and before the FallbackClassifier, which then answers
"nlu_fallback": in a form the text is the answer to the question asked (the contact slots read
it), elsewhere the customer is offered help instead of a guess. Without this, every number is one
token to the featurizers, which the training data ties to the opening hours, and "мой телефон
29123456" reads like a lost phone.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from eparaksts.components.stateless import StatelessComponent
from eparaksts.data_answers import is_data_only


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class DataAnswerFilter(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_data_only(message.get(TEXT)):
                message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages
