"""The trained model on held-out customer messages it never saw (tests/nlu/*.yml, tests/nlu/set2/, set3/, set5/)."""
import re

import pytest

from eparaksts.text import fold

from tests import nlu_evaluation
from tests.conftest import ROOT

# Issue 2 asks for 0.90 per language. Measured on 2026-11-24 (session 3: word stems, min_df 2,
# 331 more Russian examples; fallback threshold 0.4, urgent safety net on; trained on one thread
# as `make train` does): Latvian 0.906, Latvian without diacritics 0.911, English 0.921, Russian
# 0.903. The margin is thin: the same data trained on two threads gave Russian 0.891.
MIN_MACRO_F1 = 0.90


@pytest.fixture(scope="module")
def report(nlu_agent):
    result = nlu_evaluation.evaluate(nlu_agent)
    # The staff console's model page shows these per-intent figures of the last run.
    nlu_evaluation.write_intent_report(result, ROOT / "results" / "intent_report.json")
    return result


# Each language over all held-out sets, and each later set alone: written blind (tests/nlu/set2/,
# set3/, set5/), they are the wording the data was not tuned towards (only set2's three urgent misses were read).
@pytest.mark.parametrize("language", [
    *nlu_evaluation.LANGUAGES, "lv_without_diacritics", *nlu_evaluation.later_set_names(nlu_evaluation.LATER_SETS),
])
def test_intent_macro_f1_per_language(report, language):
    result = report[language]
    shown = "\n".join(f"  {e['text']!r}: expected {e['expected']}, got {e['predicted']}" for e in result["errors"][:25])
    assert result["examples"] >= 100, "held-out set too small to mean anything"
    assert result["macro_f1"] >= MIN_MACRO_F1, f"{language} macro-F1 {result['macro_f1']}:\n{shown}"


def _key(text):
    # The model sees folded text, so "piekrītu" and "piekritu!" are the same example to it.
    return re.sub(r"[^\w ]", "", fold(text)).strip()


def test_held_out_messages_are_not_in_training_data():
    from rasa.shared.nlu.training_data.loading import load_data

    training = {_key(m.get("text")) for m in load_data(str(ROOT / "data" / "nlu")).intent_examples}
    leaked = [
        text for examples in nlu_evaluation.held_out_sets().values() for text, _ in examples
        if _key(text) in training
    ]
    assert not leaked, leaked
