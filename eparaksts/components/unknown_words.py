"""Text without a single word the model was trained on is not understood, rather than "out of
scope": "asdfghjkl", "ыфвафыва", "????", "xxxxxxxx".

The character n-grams still score such text, and the classifier calls it out_of_scope, whose reply
says the question is outside LVRTC's competence and sends the customer to their bank or another
institution: no answer to keyboard mashing or a stray key. When the classifier's pick is
out_of_scope and no word is known, the message gets what DataAnswerFilter gives data alone: no
intent and no ranking, so the FallbackClassifier answers nlu_fallback, which says the assistant did
not understand and offers to rephrase, call or leave an application. Any other pick stands: the
same n-grams read a misspelt greeting ("здраствуйте") rightly, and on the held-out sets of
2026-11-25 they did so for 7 of the 12 messages without a known word. The urgent safety net runs
later and still sees its cues in the raw text.

"Known" means the word-count featurizer (config alias `word_features`) gave the message a feature:
its vocabulary holds the stems of the training examples, words and pairs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from eparaksts.components.stateless import StatelessComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class UnknownWordsFilter(StatelessComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"word_features": "word_features"}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent != "out_of_scope" or knows_a_word(message, self.config["word_features"]):
                continue
            message.set(INTENT, {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        return messages


def knows_a_word(message: Message, featurizer: Text) -> bool:
    _, sentence = message.get_sparse_features(TEXT, [featurizer])
    return sentence is not None and sentence.features.nnz > 0
