"""A message that is exactly one of the buttons' titles is that button.

Some channels send a button's title as text, and customers retype the label they see. A label
such as "eID karte un parakstīšana" shares words with an urgent report ("karte"), and the
classifier may rank it as one; "Leave a contact", the urgent report's contact offer, reads like a
request for an application. An exact title is not a guess: a form's choice becomes the `choose`
intent with the `choice` entity (eparaksts/choices.py), and a domain button that sends a bare
intent becomes that intent (eparaksts/button_labels.py), as the button's own payload would. The
classifier's ranking is kept for trainers. Runs after the classifier and the urgent safety net,
and only on exact titles: "pazaudēju karti" stays urgent.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from eparaksts import button_labels, choices
from eparaksts.components.stateless import StatelessComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ChoiceLabelClassifier(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            key = choices.key_of_label(text)
            if key is not None:
                self._choose(message, key, text)
                continue
            intent = button_labels.intent_of_title(text)
            if intent is not None:
                message.set(INTENT, {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages

    def _choose(self, message: Message, key: str, text: str) -> None:
        intent = {INTENT_NAME_KEY: choices.CHOOSE_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
        entity = {
            "entity": "choice", "value": key, "start": 0, "end": len(text),
            "confidence_entity": 1.0, "extractor": self.__class__.__name__,
        }
        message.set(INTENT, intent, add_to_output=True)
        message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
