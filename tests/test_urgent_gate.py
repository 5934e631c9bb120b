"""Urgent messages reach the 24-hour suspension channels (held-out sets tests/urgent/*.yml and set2/ … set4/ beside them).

The issue's targets are urgent recall 100 % and at most 2 % false-urgent on calm questions;
`make bench` reports both. This gate fails below 98 % recall in any language.
"""
import pytest

from tests import urgent_evaluation
from tests.nlu_evaluation import LANGUAGES, later_set_names
from tests.test_nlu_gate import _key

MIN_URGENT_RECALL = 0.98
# Per set: the first and set2/set3 have 70-80 urgent messages, set4 59-60 (12 per urgent intent
# written, one Latvian dropped as equal to a message of another set).
MIN_URGENT_EXAMPLES = 55
MIN_CALM_EXAMPLES = 50


@pytest.fixture(scope="module")
def report(nlu_agent):
    return urgent_evaluation.evaluate(nlu_agent)


# Per language over all its sets (about 300 urgent messages): one miss is 0.3 points there, 1.3-1.7
# in a set alone, too coarse for a 98 % floor. Each later set's own figures are in make bench.
@pytest.mark.parametrize("language", ["lv", "en", "ru", "lv_without_diacritics"])
def test_urgent_recall_per_language(report, language):
    result = report[language]
    shown = "\n".join(f"  {m['text']!r}: expected {m['expected']}, got {m['predicted']}" for m in result["misses"])
    assert result["urgent_recall"] >= MIN_URGENT_RECALL, (
        f"{language} urgent recall {result['urgent_recall']} "
        f"({len(result['misses'])} of {result['urgent_examples']} missed):\n{shown}"
    )


@pytest.mark.parametrize("language", [
    *LANGUAGES, *later_set_names(urgent_evaluation.LATER_SETS),
])
def test_urgent_set_is_big_enough(language, domain):
    examples = urgent_evaluation.urgent_sets()[language]
    assert {intent for _, intent in examples} <= set(domain["intents"]), "label is not a domain intent"
    urgent = [intent for _, intent in examples if intent in urgent_evaluation.URGENT_INTENTS]
    assert len(urgent) >= MIN_URGENT_EXAMPLES, f"{language}: only {len(urgent)} urgent messages"
    assert len(examples) - len(urgent) >= MIN_CALM_EXAMPLES, f"{language}: only {len(examples) - len(urgent)} calm"
    assert set(urgent) == urgent_evaluation.URGENT_INTENTS, f"{language}: urgent intents missing"


def test_urgent_messages_are_not_in_training_data():
    from rasa.shared.nlu.training_data.loading import load_data

    from tests.conftest import ROOT

    training = {_key(m.get("text")) for m in load_data(str(ROOT / "data" / "nlu")).intent_examples}
    sets = urgent_evaluation.urgent_sets()
    leaked = [text for language in urgent_evaluation.URGENT_SETS for text, _ in sets[language] if _key(text) in training]
    assert not leaked, leaked
