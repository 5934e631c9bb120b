"""Urgent routing out-of-fold: recall and false alarms on the training data, from `make cv`.

`rasa test nlu --cross-validation` predicts every training example with a model that did not see
it, through the whole pipeline (the urgent safety net included), and writes the predictions to
intent_successes.json and intent_errors.json. This scores them with the rules of the held-out
urgent sets (tests/urgent_evaluation.score), per language and over all, and writes urgent.json
beside them. It is how a change to the urgent cues or the safety net can be judged without
spending the held-out sets: thousands of calm training examples are look-alikes of nobody's
choosing, so the false-alarm rate here is lower than on the written look-alike sets.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict, List, Tuple

from rasa.shared.nlu.training_data.loading import load_data

from tests.nlu_evaluation import LANGUAGES
from tests.urgent_evaluation import score

ROOT = Path(__file__).resolve().parents[2]


def predictions(folder: Path) -> List[Tuple[str, str, str]]:
    """(text, expected intent, predicted intent) for every example of the cross-validation."""
    found = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = folder / name
        # Rasa writes neither file when it would be empty.
        if path.exists():
            for row in json.loads(path.read_text(encoding="utf-8")):
                found.append((row["text"], row["intent"], row["intent_prediction"]["name"]))
    if not found:
        raise SystemExit(f"No cross-validation predictions in {folder}: run `make cv` first.")
    return found


def language_of_text(nlu_folder: Path) -> Dict[str, str]:
    """Which language folder of data/nlu each example text comes from (the first, if several)."""
    language = {}
    for lang in LANGUAGES:
        for example in load_data(str(nlu_folder / lang)).intent_examples:
            language.setdefault(example.get("text"), lang)
    return language


def summarise(rows: List[Tuple[str, str, str]], language: Dict[str, str]) -> Dict[str, Dict[str, object]]:
    groups: Dict[str, List[Tuple[str, str, str]]] = {"all": rows}
    for row in rows:
        groups.setdefault(language.get(row[0], "unknown"), []).append(row)
    return {
        name: score([(text, expected) for text, expected, _ in group], [p for _, _, p in group])
        for name, group in groups.items()
    }


def main(folder: Path) -> None:
    report = summarise(predictions(folder), language_of_text(ROOT / "data" / "nlu"))
    (folder / "urgent.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("Urgent routing out-of-fold (training data, 5 folds):")
    for name, scored in report.items():
        print(
            f"  {name:>7}: recall {scored['urgent_recall']:.2%} of {scored['urgent_examples']} urgent, "
            f"false-urgent {scored['false_urgent_rate']:.2%} of {scored['calm_examples']} calm"
        )
    print(f"Misses and false alarms: {folder / 'urgent.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "results" / "cv")
