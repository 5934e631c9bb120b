"""The NLU component that lets urgent cues and an unsure-but-urgent guess win."""
from rasa.shared.nlu.training_data.message import Message

from eparaksts.components.urgent_safety_net import UrgentSafetyNet


def parsed(text, intent, ranking=()):
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.5})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return message


def run(message):
    return UrgentSafetyNet().process([message])[0]


def test_cues_override_a_calm_prediction_and_keep_what_the_classifier_said():
    message = run(parsed("vakar nozaga telefonu", "ask_mobile_register"))
    assert message.get("intent")["name"] == "report_lost_phone"
    assert message.get("urgent_safety_net") == {"classifier_intent": {"name": "ask_mobile_register", "confidence": 0.5}}


def test_an_unsure_classifier_whose_best_guess_is_urgent_routes_urgent():
    message = run(parsed("hmm ar kodiem kas notika", "nlu_fallback", [("nlu_fallback", 0.4), ("report_fraud", 0.3), ("greet", 0.2)]))
    assert message.get("intent")["name"] == "report_fraud"


def test_the_classifier_based_rules_leave_messages_on_no_urgent_topic_alone():
    # A half e-mail address typed into a form's contact question: flat confidences whose best guess
    # and urgent share are urgent by chance (the model's real ranking for it, 2026-11-25).
    ranking = [("nlu_fallback", 0.4), ("report_lost_phone", 0.216), ("give_feedback", 0.167), ("out_of_scope", 0.104),
               ("request_suspension", 0.103)]
    message = run(parsed("mary at example", "nlu_fallback", ranking))
    assert message.get("intent")["name"] == "nlu_fallback"
    assert message.get("urgent_safety_net") is None
    share = [("bot_challenge", 0.5), ("report_fraud", 0.15), ("report_lost_card", 0.1), ("greet", 0.05)]
    assert run(parsed("a", "bot_challenge", share)).get("intent")["name"] == "bot_challenge"


def test_an_unsure_classifier_with_a_calm_best_guess_stays_unsure():
    message = run(parsed("hmm", "nlu_fallback", [("nlu_fallback", 0.4), ("greet", 0.3), ("report_fraud", 0.1)]))
    assert message.get("intent")["name"] == "nlu_fallback"


def test_urgent_intents_holding_a_fifth_of_the_confidence_win_over_a_calm_first_guess():
    # 0.12 + 0.10: neither alone, but together the urgent reading is too likely to risk.
    ranking = [("ask_mobile_register", 0.7), ("report_lost_phone", 0.12), ("request_suspension", 0.1), ("greet", 0.08)]
    message = run(parsed("ka atsaukt to lietotni", "ask_mobile_register", ranking))
    assert message.get("intent") == {"name": "report_lost_phone", "confidence": 0.9}
    assert message.get("urgent_safety_net") == {"classifier_intent": {"name": "ask_mobile_register", "confidence": 0.5}}


def test_a_small_urgent_share_leaves_the_calm_answer():
    ranking = [("ask_mobile_register", 0.85), ("report_lost_phone", 0.1), ("request_suspension", 0.05)]
    assert run(parsed("ka instalet lietotni", "ask_mobile_register", ranking)).get("intent")["name"] == "ask_mobile_register"


def test_calm_messages_and_button_commands_are_left_alone():
    assert run(parsed("kā atjaunot sertifikātu", "ask_resume_certificate")).get("intent")["name"] == "ask_resume_certificate"
    assert run(parsed("/choose", "choose")).get("intent")["name"] == "choose"
    assert run(parsed("my phone was stolen", "report_lost_phone")).get("urgent_safety_net") is None


def test_a_request_to_lift_a_suspension_taken_for_urgent_gets_its_likeliest_calm_intent():
    ranking = [("request_suspension", 0.55), ("ask_resume_certificate", 0.3), ("report_lost_card", 0.1)]
    message = run(parsed("kā atcelt sertifikātu apturēšanu", "request_suspension", ranking))
    assert message.get("intent") == {"name": "ask_resume_certificate", "confidence": 0.3}
    assert message.get("resume_request") == {"classifier_intent": {"name": "request_suspension", "confidence": 0.5}}
    assert message.get("urgent_safety_net") is None


def test_a_request_to_lift_a_suspension_gets_no_urgent_share_override():
    ranking = [("ask_resume_certificate", 0.6), ("request_suspension", 0.3), ("greet", 0.1)]
    message = run(parsed("please unsuspend my certificates", "ask_resume_certificate", ranking))
    assert message.get("intent")["name"] == "ask_resume_certificate"
    assert message.get("resume_request") is None


def test_an_urgent_cue_outweighs_words_about_resuming():
    # Stolen again while asking about the last suspension: the loss is what counts.
    ranking = [("ask_resume_certificate", 0.6), ("report_lost_phone", 0.3)]
    message = run(parsed("kā atcelt apturēšanu? vakar atkal nozaga telefonu", "ask_resume_certificate", ranking))
    assert message.get("intent")["name"] == "report_lost_phone"


def test_a_request_to_lift_a_suspension_prefers_the_intents_about_lifting_one():
    ranking = [("request_suspension", 0.9), ("ask_certificate_renewal", 0.05), ("ask_resume_certificate", 0.03)]
    message = run(parsed("lūdzu atceliet mana sertifikāta bloķēšanu", "request_suspension", ranking))
    assert message.get("intent") == {"name": "ask_resume_certificate", "confidence": 0.03}
