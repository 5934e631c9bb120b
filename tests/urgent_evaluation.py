"""Urgent-routing evaluation on the held-out sets in tests/urgent/ (shared by test and bench).

What matters for an urgent message is that it reaches the 24-hour suspension channels, so recall
counts any urgent intent as a hit; whether it was the right urgent type is reported separately.
A calm question predicted as urgent is a false alarm (false-urgent rate).
"""
from __future__ import annotations

from typing import Dict, List, Tuple

from eparaksts.urgent import URGENT_INTENTS
from tests.nlu_evaluation import predict_sets, set_files, sets_by_language

# The first set's misses were studied while the data and urgent cues were written, and so were the
# second's (set2/, 2026-11-25): neither is blind any more. The third (set3/, written the same day,
# from tests/labelling-guide.md alone) was only ever scored, before and after each change made that
# day, never read, only scored before and after each change (six times by the end of that day).
# The fourth (set4/, written the next session, 60 urgent and about 60 calm a language, labelled
# twice blind) measures the data written after it; it too is only scored. A language's figure is
# over all four; "<lang>_set2" … "<lang>_set4" alone.
LATER_SETS = ("set2", "set3", "set4")
URGENT_SETS = set_files("urgent", LATER_SETS)


def urgent_sets() -> Dict[str, List[Tuple[str, str]]]:
    return sets_by_language(URGENT_SETS, LATER_SETS)


def score(examples: List[Tuple[str, str]], predicted: List[str]) -> Dict[str, object]:
    urgent = [(t, g, p) for (t, g), p in zip(examples, predicted) if g in URGENT_INTENTS]
    calm = [(t, g, p) for (t, g), p in zip(examples, predicted) if g not in URGENT_INTENTS]
    # nlu_fallback is not an urgent intent, so it is a miss here: the customer got "did you mean".
    misses = [{"text": t, "expected": g, "predicted": p} for t, g, p in urgent if p not in URGENT_INTENTS]
    false_urgent = [{"text": t, "expected": g, "predicted": p} for t, g, p in calm if p in URGENT_INTENTS]
    routed = [(g, p) for _, g, p in urgent if p in URGENT_INTENTS]
    return {
        "urgent_examples": len(urgent),
        "calm_examples": len(calm),
        "urgent_recall": round(1 - len(misses) / max(1, len(urgent)), 4),
        # Of the urgent messages routed to an urgent intent, the share with the expected one.
        "type_accuracy": round(sum(g == p for g, p in routed) / max(1, len(routed)), 4),
        "false_urgent_rate": round(len(false_urgent) / max(1, len(calm)), 4),
        "misses": misses,
        "false_urgent": false_urgent,
    }


def evaluate(agent) -> Dict[str, Dict[str, object]]:
    sets = urgent_sets()
    return {name: score(sets[name], predicted) for name, predicted in predict_sets(agent, sets).items()}
