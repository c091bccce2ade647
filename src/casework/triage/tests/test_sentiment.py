"""Sentiment model behind the frustration score: features, fast path, shipped model, licences."""

import numpy as np
import pytest

from casework.triage.engine import load_model
from casework.triage.engine.frustration import (
    FrustrationScorer,
    SentimentModel,
    normalise_for_sentiment,
    trend,
)
from casework.triage.engine.sentiment_build import SHIPPED, build_shipped, support_rows

# Written for these tests; none of them is in sentiment_support.csv.
NEG = [("Day five without an answer. I'm done with you people.", "en"),
       ("You charged my card again after I cancelled, this is shameful", "en"),
       ("Ça fait dix jours que j'attends, c'est honteux", "fr"),
       ("Vous m'avez encore débité, je suis dégoûté", "fr"),
       ("Llevo diez días esperando, es una vergüenza", "es"),
       ("Me volvieron a cobrar, estoy muy enfadado", "es")]
POS = [("Thanks a million, the host was so kind", "en"),
       ("Refund received, you were great, thank you", "en"),
       ("Merci infiniment, l'hôte était très gentil", "fr"),
       ("Remboursement reçu, merci, vous êtes super", "fr"),
       ("Mil gracias, el anfitrión fue muy amable", "es"),
       ("Reembolso recibido, gracias, son geniales", "es")]


def test_normalise_for_sentiment():
    assert normalise_for_sentiment(r"i\u2019m ok") == "i’m ok"
    assert normalise_for_sentiment(r"yay \ud83d\ude00") == "yay 😀"
    out = normalise_for_sentiment("sooooo late @bob see https://x.co/a")
    assert out.split() == ["soo", "ELONG", "late", "@USER", "see", "URL"]
    assert normalise_for_sentiment("good book") == "good book"


@pytest.fixture(scope="module")
def support_model():
    texts, labels, langs = support_rows()
    return SentimentModel({"per_language": True, "nb_per_language": True}).fit(texts, labels, langs)


def test_support_set_is_balanced_and_trilingual():
    texts, labels, langs = support_rows()
    assert len(texts) == len(set(texts)) == 270
    for lang in ("en", "fr", "es"):
        for label in ("negative", "neutral", "positive"):
            assert sum(1 for la, lg in zip(labels, langs, strict=True) if la == label and lg == lang) == 30


def test_fast_path_equals_sklearn(support_model):
    texts = [t for t, _ in NEG + POS] + ["", "!!!", "sooo bad @x http://y", "Quelle heure ?"]
    langs = [lg for _, lg in NEG + POS] + ["en", "und", None, "fr"]
    for languages in (langs, None):
        fast = support_model.predict_proba(texts, languages)
        ref = support_model.predict_proba_sklearn(texts, languages)
        assert fast.shape == (len(texts), 3)
        np.testing.assert_allclose(fast, ref, atol=1e-5)
        np.testing.assert_allclose(fast.sum(axis=1), 1.0, atol=1e-6)


def test_language_blocks_and_per_language_models_are_used(support_model):
    assert set(support_model.per_language_) == set(support_model.nb_per_language_) == {"en", "fr", "es"}
    text = ["C'est honteux, toujours rien"]
    assert not np.allclose(support_model.predict_proba(text, ["fr"]), support_model.predict_proba(text))
    with pytest.raises(ValueError):
        support_model.predict_proba(["a", "b"], ["en"])


def test_held_out_cross_validation_on_support_set():
    """3-fold CV on the shipped support set: far above the 1/3 of chance."""
    texts, labels, langs = support_rows()
    idx = np.random.default_rng(0).permutation(len(texts))
    correct = 0
    for k in range(3):
        test = set(idx[k::3].tolist())
        tr = [i for i in range(len(texts)) if i not in test]
        m = SentimentModel().fit([texts[i] for i in tr], [labels[i] for i in tr], [langs[i] for i in tr])
        te = sorted(test)
        pred = m.predict([texts[i] for i in te], [langs[i] for i in te])
        correct += sum(p == labels[i] for p, i in zip(pred, te, strict=True))
    assert correct / len(texts) >= 0.7


def test_build_from_shippable_data_only(tmp_path):
    meta = build_shipped(None, tmp_path / "s.cwm")
    model, header = load_model(tmp_path / "s.cwm")
    assert isinstance(model, SentimentModel) and header["metadata"]["research_only_data"] is False
    assert meta["training"] == ["sentiment_support.csv (270 rows, EN/FR/ES)"]
    assert model.classes_ == ["negative", "neutral", "positive"]


@pytest.fixture(scope="module")
def shipped():
    assert SHIPPED.exists(), "engine/data/sentiment.cwm ships with Casework (sentiment_build rebuilds it)"
    return load_model(SHIPPED)


def test_shipped_model_is_trained_on_shippable_data_only(shipped):
    _, header = shipped
    training = " ".join(header["metadata"]["training"]).lower()
    assert header["metadata"]["research_only_data"] is False
    assert "goemotions" in training and "sentiment_support.csv" in training
    for research in ("umsab", "tweeteval", "semeval", "deft", "tass"):
        assert research not in training


def test_shipped_model_separates_negative_from_positive(shipped):
    model, _ = shipped
    texts = [t for t, _ in NEG + POS]
    langs = [lg for _, lg in NEG + POS]
    neg = model.negative_probability(texts, langs)
    assert (neg[: len(NEG)] > 0.5).sum() >= len(NEG) - 1
    assert (neg[len(NEG):] < 0.3).all()
    assert model.predict(["What time is check-out?"], ["en"]) == ["neutral"]


def test_frustration_uses_shipped_model_and_trends(shipped):
    model, _ = shipped
    f = FrustrationScorer(model)
    convo = ["Hi, what time is check-in?", "Still no answer about check-in",
             "It's been hours, nobody answers, this is shameful", "THIS IS THE THIRD TIME I ASK!!!"]
    scores = [s.score for s in f.score_many(convo, None, ["en"] * 4)]
    assert scores[0] < 0.3 and scores[2] > 0.5 and scores[3] > 0.6
    assert trend(scores)["direction"] == "rising"
    calm = f.score_many(["Merci beaucoup pour votre aide !"], None, ["fr"])[0]
    assert calm.model_negative is not None and calm.score < 0.2


def test_default_sentiment_loads_shipped_model():
    from casework.triage.services import default_sentiment

    assert isinstance(default_sentiment(), SentimentModel)


def test_fit_bias_only_keeps_biases_that_help_on_validation():
    from sklearn.metrics import f1_score

    texts, labels, langs = support_rows()
    en = [i for i, lg in enumerate(langs) if lg == "en"]
    model = SentimentModel().fit([texts[i] for i in en[::2]], [labels[i] for i in en[::2]], ["en"] * len(en[::2]))
    # a validation set that is mostly negative: pushing towards "negative" must help its macro-F1
    val = [t for t, lg in NEG if lg == "en"] + ["Still nothing, awful", "Useless again", "Why no reply?!",
                                                  "Thanks a lot", "Where is the key box?"]
    gold = ["negative"] * 5 + ["positive", "neutral"]
    before = f1_score(gold, model.predict(val, ["en"] * 7), average="macro")
    model_none = SentimentModel().fit([texts[i] for i in en[::2]], [labels[i] for i in en[::2]], ["en"] * len(en[::2]))
    assert model_none.fit_bias(val, gold, ["en"] * 7, min_gain=1.01) == {} and model_none.class_bias_ == {}
    chosen = model.fit_bias(val, gold, ["en"] * 7)
    after = f1_score(gold, model.predict(val, ["en"] * 7), average="macro")
    assert after >= before
    if chosen:
        assert after - before >= 0.005 and set(chosen) == {"en"}
        assert not np.allclose(model.predict_proba(val, ["en"] * 7), model_none.predict_proba(val, ["en"] * 7))
    # other languages are untouched
    np.testing.assert_allclose(model.predict_proba(val, ["fr"] * 7), model_none.predict_proba(val, ["fr"] * 7))
