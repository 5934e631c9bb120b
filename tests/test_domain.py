"""The domain is complete: every response in three languages, every intent answered."""
import csv
import re
import string
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

LANGS = [None, "en", "ru"]


def _variation_language(variation):
    conditions = variation.get("condition") or []
    values = [c.get("value") for c in conditions if c.get("name") == "language"]
    return values[0] if values else None


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_response_has_latvian_default_english_and_russian(domain):
    # Per channel: a channel-specific set (e.g. the web chat's click-to-call links) must be
    # complete in the three languages too.
    missing = {}
    for name, variations in domain["responses"].items():
        for channel in {v.get("channel") for v in variations}:
            langs = sorted((_variation_language(v) or "lv") for v in variations if v.get("channel") == channel)
            if langs != ["en", "lv", "ru"]:
                missing[(name, channel)] = langs
    assert not missing, f"responses without exactly one lv/en/ru variation per channel: {missing}"


def test_the_web_chat_gets_the_urgent_phone_line_as_a_click_to_call_link(domain):
    for name in [n for n in domain["responses"] if n.startswith("utter_urgent_")]:
        web = [v for v in domain["responses"][name] if v.get("channel") == "socketio"]
        assert web and all("](tel:+37167108787)" in v["text"] for v in web), name


def test_variations_share_the_same_placeholders(domain):
    mismatched = {}
    for name, variations in domain["responses"].items():
        sets = {_variation_language(v) or "lv": _placeholders(v.get("text", "")) for v in variations}
        if len({frozenset(s) for s in sets.values()}) > 1:
            mismatched[name] = sets
    assert not mismatched, mismatched


def test_no_variation_is_blank(domain):
    blank = [n for n, vs in domain["responses"].items() for v in vs if not v.get("text", "").strip()]
    assert not blank


def _rule_and_story_steps():
    for path in list((ROOT / "data" / "rules").glob("*.yml")) + list((ROOT / "data" / "stories").glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in doc.get("rules", []) + doc.get("stories", []):
            yield from item["steps"]


def test_every_intent_is_answered_by_a_rule_or_story(domain):
    used = {step["intent"] for step in _rule_and_story_steps() if "intent" in step}
    assert set(domain["intents"]) - used == set()


def test_every_action_used_exists(domain):
    known = set(domain["responses"]) | set(domain["actions"]) | set(domain.get("forms") or {})
    used = {step["action"] for step in _rule_and_story_steps() if "action" in step}
    assert used - known == set()


def test_only_urls_from_the_fact_sheet_are_given(domain):
    facts = (ROOT.parent / "shared" / "domain" / "eparaksts-facts.md")
    if not facts.exists():
        pytest.skip("shared/domain/eparaksts-facts.md is not beside this checkout")
    known = facts.read_text(encoding="utf-8")
    urls = {
        url.rstrip(".,)")
        for variations in domain["responses"].values()
        for v in variations
        for url in re.findall(r"https?://[^\s\"]+", v.get("text", ""))
    }
    unknown = {u for u in urls if u.rstrip("/") not in known}
    assert not unknown, f"links not found in the fact sheet: {unknown}"


def test_no_email_address_is_invented(domain):
    # The fact sheet cannot confirm any eParaksts e-mail address (section g.7).
    found = {
        m
        for variations in domain["responses"].values()
        for v in variations
        for m in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", v.get("text", ""))
    }
    assert not found, found


def test_every_suggestable_intent_has_labels_in_three_languages(domain):
    with (ROOT / "actions" / "intent_labels.csv").open(encoding="utf-8") as handle:
        rows = {row["intent"]: row for row in csv.DictReader(handle)}
    # Small talk, and the answers that only make sense inside a form or after the rating question.
    not_suggested = {"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "cancel", "rate_up", "rate_down",
                     "choose"}
    assert set(domain["intents"]) - not_suggested - set(rows) == set()
    assert set(rows) - set(domain["intents"]) == set()
    assert all(row[lang].strip() for row in rows.values() for lang in ("lv", "en", "ru"))
