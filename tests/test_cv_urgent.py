"""`make cv`'s urgent report reads the files Rasa's own cross-validation writes.

The prediction files are written here by Rasa's evaluate_intents, the function cross-validation
calls, so a change in their format between Rasa versions fails this test, not the report.
"""
from pathlib import Path

import pytest

from rasa.nlu.test import IntentEvaluationResult, evaluate_intents
from rasa.shared.nlu.training_data.loading import load_data

from tests.bench import cv_urgent

DATA = Path(__file__).resolve().parents[1] / "data" / "nlu"


def _first_texts(language: str, intents: tuple) -> list:
    examples = load_data(str(DATA / language)).intent_examples
    return [next(m.get("text") for m in examples if m.get("intent") == intent) for intent in intents]


def test_scores_rasa_cross_validation_files_per_language(tmp_path):
    lost_lv, fraud_lv = _first_texts("lv", ("report_lost_phone", "report_fraud"))
    hours_en, contacts_en = _first_texts("en", ("ask_hours", "ask_contacts"))
    results = [
        IntentEvaluationResult("report_lost_phone", "report_lost_phone", lost_lv, 0.9),
        # Routed urgent, though as the wrong type: still a hit for recall.
        IntentEvaluationResult("report_fraud", "report_lost_card", fraud_lv, 0.5),
        IntentEvaluationResult("ask_hours", "report_lost_phone", hours_en, 0.6),
        IntentEvaluationResult("ask_contacts", "nlu_fallback", contacts_en, 0.3),
    ]
    evaluate_intents(results, str(tmp_path), successes=True, errors=True, disable_plotting=True)

    report = cv_urgent.summarise(cv_urgent.predictions(tmp_path), cv_urgent.language_of_text(DATA))

    assert set(report) == {"all", "lv", "en"}
    lv = report["lv"]
    assert (lv["urgent_examples"], lv["urgent_recall"], lv["type_accuracy"]) == (2, 1.0, 0.5)
    assert (report["en"]["calm_examples"], report["en"]["false_urgent_rate"]) == (2, 0.5)
    assert report["en"]["false_urgent"] == [
        {"text": hours_en, "expected": "ask_hours", "predicted": "report_lost_phone"},
    ]
    assert report["all"]["urgent_examples"] + report["all"]["calm_examples"] == 4


def test_without_predictions_says_to_run_cv(tmp_path):
    with pytest.raises(SystemExit, match="make cv"):
        cv_urgent.predictions(tmp_path)
