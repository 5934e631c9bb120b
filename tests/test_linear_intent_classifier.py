"""The intent classifier component, trained on a small set through the project's real tokenizer and
Rasa's CountVectorsFeaturizer, stored in a real model storage and loaded back."""
import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfTransformer

from eparaksts.components.language_tokenizer import LanguageAwareTokenizer
from eparaksts.components.linear_intent_classifier import ARRAYS_FILE, LinearIntentClassifier, _TfIdf

EXAMPLES = {
    "greet": ["labdien", "sveiki", "labrīt", "hello", "hi there", "good evening", "привет", "здравствуйте",
              "labvakar", "čau"],
    "ask_opening_hours": ["kad jūs strādājat", "darba laiks", "when are you open", "opening hours please",
                          "когда вы работаете", "часы работы", "cikos atverat", "vai esat atvērti",
                          "are you open on saturday", "kāds ir darba laiks"],
    "report_lost_phone": ["pazaudēju telefonu", "nozaga telefonu", "i lost my phone", "my phone was stolen",
                          "потерял телефон", "украли телефон", "telefons pazudis", "lost my mobile",
                          "pazaudeju telefonu", "у меня украли смартфон"],
}


@pytest.fixture
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def context():
    return ExecutionContext(GraphSchema({}), "test")


def featurized(text, featurizers):
    message = Message(data={"text": text})
    LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config()).process([message])
    for f in featurizers:
        f.process([message])
    return message


def trained(storage):
    featurizers = []
    training = TrainingData([Message(data={"text": t, "intent": i}) for i, ts in EXAMPLES.items() for t in ts])
    LanguageAwareTokenizer(LanguageAwareTokenizer.get_default_config()).process_training_data(training)
    for name, extra in (("words", {}), ("chars", {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4})):
        config = {**CountVectorsFeaturizer.get_default_config(), **extra}
        f = CountVectorsFeaturizer.create(config, storage, Resource(name), context())
        f.train(training)
        f.process_training_data(training)
        featurizers.append(f)
    resource = Resource("classifier")
    classifier = LinearIntentClassifier.create(
        {**LinearIntentClassifier.get_default_config(), "calibration_folds": 3}, storage, resource, context()
    )
    classifier.train(training)
    return classifier, featurizers, resource


def parse(classifier, featurizers, text):
    message = featurized(text, featurizers)
    return classifier.process([message])[0]


def test_tfidf_matches_sklearn_per_featurizer_block():
    rng = np.random.default_rng(1)
    blocks = [scipy.sparse.random(20, 30, density=0.2, random_state=1, format="csr"),
              scipy.sparse.random(20, 7, density=0.5, random_state=2, format="csr")]
    for b in blocks:
        b.data = rng.integers(1, 5, size=b.data.shape).astype(float)
    counts = [[b[i] for b in blocks] for i in range(20)]
    ours = _TfIdf.fit(counts).transform(counts).toarray()
    theirs = np.hstack([TfidfTransformer(sublinear_tf=True).fit_transform(b).toarray() for b in blocks])
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def test_predicts_the_intent_of_new_wording_in_each_language(storage):
    classifier, featurizers, _ = trained(storage)
    for text, intent in [("labdien!", "greet"), ("kad esat atvērti?", "ask_opening_hours"),
                         ("I have lost my phone", "report_lost_phone"), ("телефон украли", "report_lost_phone")]:
        message = parse(classifier, featurizers, text)
        assert message.get("intent")["name"] == intent, text


def test_ranking_is_a_sorted_probability_distribution(storage):
    classifier, featurizers, _ = trained(storage)
    ranking = parse(classifier, featurizers, "pazaudēju telefonu").get("intent_ranking")
    confidences = [r["confidence"] for r in ranking]
    assert [r["name"] for r in ranking][0] == "report_lost_phone"
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0, abs=1e-5)  # three intents, all ranked


def test_unfamiliar_text_gets_less_confidence_than_a_training_like_message(storage):
    classifier, featurizers, _ = trained(storage)
    familiar = parse(classifier, featurizers, "pazaudēju telefonu").get("intent")["confidence"]
    unfamiliar = parse(classifier, featurizers, "qwxz vbnm").get("intent")["confidence"]
    assert unfamiliar < familiar


def test_a_stored_model_loads_without_pickle_and_predicts_the_same(storage):
    classifier, featurizers, resource = trained(storage)
    with storage.read_from(resource) as directory:
        with np.load(directory / ARRAYS_FILE, allow_pickle=False) as arrays:
            assert all(arrays[name].dtype != object for name in arrays.files)
    loaded = LinearIntentClassifier.load(LinearIntentClassifier.get_default_config(), storage, resource, context())
    for text in ("sveiki", "когда вы работаете", "lost my phone yesterday"):
        assert parse(loaded, featurizers, text).get("intent_ranking") == parse(classifier, featurizers, text).get(
            "intent_ranking"
        )


def test_an_untrained_component_predicts_nothing_instead_of_crashing(storage):
    classifier = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(), storage, Resource("never-trained"), context()
    )
    message = classifier.process([Message(data={"text": "labdien"})])[0]
    assert message.get("intent") == {"name": None, "confidence": 0.0}
    assert message.get("intent_ranking") == []

