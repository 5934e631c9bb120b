"""Publishes the detected language as the `language` entity, which fills the `language` slot.

The slot is mapped from this entity, so a message whose language cannot be told ("ok", "PIN")
sets nothing and the conversation keeps the language it had.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from eparaksts import language
from eparaksts.components.language_tokenizer import LANGUAGE_PROPERTY
from eparaksts.components.stateless import StatelessComponent

ENTITY = "language"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageEntityExtractor(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            # The tokenizer has detected it; detect here only where no tokenizer ran.
            if LANGUAGE_PROPERTY in message.data:
                lang = message.get(LANGUAGE_PROPERTY)
            else:
                lang = language.detect(text)
            if lang not in language.SUPPORTED:
                continue
            entity = {
                "entity": ENTITY,
                "value": lang,
                "start": 0,
                "end": len(text),
                "confidence_entity": 1.0,
                "extractor": self.__class__.__name__,
            }
            message.set(ENTITIES, message.get(ENTITIES, []) + [entity], add_to_output=True)
        return messages
