"""Tokenizer that detects the message language, tokenizes with spaCy and folds diacritics.

spaCy's rule-based tokenizers for Latvian, English and Russian ("lv", "en", "ru"; blank
pipelines, no statistical model to download) split punctuation, hyphenated product names and
abbreviations the way each language needs. Each token keeps its original offsets but carries a
folded form (lower case, no diacritics) that the featurizers see, so "pazaudēju" and
"pazaudeju" become the same feature. With `stem: true` the token's lemma is its stem
(eparaksts/stemming.py), which the word-count featurizer uses; the character n-gram featurizer
is configured with `use_lemma: false` and keeps the surface form.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from eparaksts import language
from eparaksts.stemming import stem
from eparaksts.text import fold

# Message property holding the detected language (None when it could not be told).
LANGUAGE_PROPERTY = "detected_language"


@lru_cache(maxsize=None)
def _spacy_tokenizer(lang: str):
    import spacy

    return spacy.blank(lang).tokenizer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class LanguageAwareTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            "stem": False,
        }

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageAwareTokenizer":
        return cls(config)

    @staticmethod
    def required_packages() -> List[Text]:
        # Import names, checked before training; lingua is a hard dependency of the project anyway.
        return ["spacy"]

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        lang: Optional[str] = None
        if attribute == TEXT:
            # Detected once per message; None (too short to tell) is a result too.
            if LANGUAGE_PROPERTY not in message.data:
                message.set(LANGUAGE_PROPERTY, language.detect(text))
            lang = message.get(LANGUAGE_PROPERTY)
        doc = _spacy_tokenizer(lang or "xx")(text)
        stemming = self._config.get("stem") and attribute == TEXT
        tokens = []
        for t in doc:
            if t.is_space or (t.is_punct and len(t.text) == 1):
                continue
            folded = fold(t.text)
            lemma = stem(folded, lang) if stemming else None
            tokens.append(Token(folded, t.idx, t.idx + len(t.text), lemma=lemma))
        if not tokens:
            # Rasa's featurizers expect at least one token (emoji-only or punctuation-only text).
            tokens = [Token(fold(text) or text, 0, len(text))]
        return self._apply_token_pattern(tokens)
