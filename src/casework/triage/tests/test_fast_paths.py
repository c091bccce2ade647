"""The fast inference paths give the same answers as the plain ones they replace.

* the classifier's own TF-IDF transform vs scikit-learn's ``transform``;
* a batch through the pipeline vs the same texts one at a time (explanations included);
* the language detector's lock-step walk vs its per-byte loop.
"""

import csv
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from casework.triage.engine import ModelBundle, TextClassifier, TriageEngine, dump_model, load_bundle
from casework.triage.engine.language import LanguageDetector

TRAIN_CSV = Path(__file__).resolve().parents[1] / "data" / "marketplace_train.csv"

TRICKY = [
    "", "a", "x y", "!!!", "   spaced    out\t\ttext \n new line ", "Ça coûte TRÈS cher, rembourser!!",
    "ﬁnal Straße naïve façade", "İstanbul ǅemal", "refund refund refund refund", "no puedo iniciar sesión",
    "日本語のテキスト", "emoji 😀 and café", "the lockbox code does not work and we cannot get the keys",
    "x" * 500, "a1 b2 c3 42 ½ ²", "ΟΔΥΣΣΕΥΣ ΣΑΣ", "l´hôte a´b ¨ ﹰ", "non\u00a0breaking\u3000spaces",
]


@pytest.fixture(scope="module")
def starter():
    with open(TRAIN_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows = rows[::3]  # a third is enough and keeps the test quick
    clf = TextClassifier({"cv_folds": 2}).fit([r["text"] for r in rows], [r["label"] for r in rows])
    return clf, [r["text"] for r in rows]


def _sklearn_features(clf, texts):
    x = sparse.hstack([clf.word_.transform(texts), clf.char_.transform(texts)], format="csr")
    x.sort_indices()
    return x


def test_fast_tfidf_matches_sklearn(starter, tmp_path):
    clf, texts = starter
    sample = texts[:300] + TRICKY
    assert clf._fast() is not None
    ours = clf._features(sample)
    ref = _sklearn_features(clf, sample)
    assert ours.shape == ref.shape
    assert np.array_equal((ours != 0).toarray().nonzero()[1], (ref != 0).toarray().nonzero()[1])
    assert abs(ours - ref).max() < 1e-6
    scores = clf._scores(ours)
    np.testing.assert_allclose(scores, clf._apply_stack(clf.model_.decision_function(ref)), atol=1e-5)
    # the same after a round trip through the model file (the fast transform is rebuilt, not stored)
    path = tmp_path / "m.cwm"
    dump_model(ModelBundle(classifier=clf, info={"name": "t", "version": 1}), path)
    loaded = load_bundle(path).classifier
    assert "_fast_tfidf" not in loaded.__dict__
    np.testing.assert_allclose(loaded._decision(sample), scores, atol=1e-6)


def test_batch_equals_single_through_the_pipeline(starter):
    clf, texts = starter
    engine = TriageEngine(bundle=ModelBundle(classifier=clf, info={"name": "t", "version": 1}))
    sample = texts[:60] + TRICKY
    batch = engine.analyze_many(sample, explain=True)
    for text, b in zip(sample, batch, strict=True):
        s = engine.analyze(text, explain=True).as_dict()
        b = b.as_dict()
        s.pop("duration_ms"), b.pop("duration_ms")
        assert s == b, text


def test_explanation_is_the_top_contributions(starter):
    clf, texts = starter
    text = texts[5]
    label = clf.predict([text])[0].top_label
    feats = clf.explain(text, label=label, k=5)
    assert feats and len(feats) <= 5
    # brute force: every feature's contribution toward the label
    x = _sklearn_features(clf, [text]).tocoo()
    # the effective weights of the final score: the SVM's, through the stacking layer
    row = clf.model_.coef_.T.astype(np.float64) @ clf.stack_["M"][:, clf.classes_.index(label)]
    contrib = sorted((x.data * row[x.col]).tolist(), reverse=True)
    np.testing.assert_allclose([f["weight"] for f in feats], [round(c, 4) for c in contrib[:len(feats)]], atol=2e-4)


def test_language_lockstep_equals_byte_loop(starter):
    _, texts = starter
    sample = texts[:200] + TRICKY + ["x" * 3000, "@bob http://example.com bonjour à tous"]
    fast = LanguageDetector()
    loop = LanguageDetector()
    loop.lockstep_min_batch = 10**9
    assert [g.as_dict() for g in fast.detect_many(sample)] == [g.as_dict() for g in loop.detect_many(sample)]
    assert [g.scores for g in fast.detect_many(sample)] == [g.scores for g in loop.detect_many(sample)]


def test_stacking_is_an_affine_map_of_the_svm_scores(starter):
    """The out-of-fold stacking layer is linear in the SVM's class scores: the stacked model's
    scores are an affine map of the plain SVM's (same vectorisers, same SVM), and explanations stay
    exact (checked by the test above on the stacked model)."""
    clf, texts = starter
    assert clf.fit_report_["stacked"] is True and clf.stack_["M"].shape == (len(clf.classes_),) * 2
    with open(TRAIN_CSV, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[::3]
    plain = TextClassifier({"cv_folds": 2, "stack_C": None}).fit([r["text"] for r in rows], [r["label"] for r in rows])
    assert plain.fit_report_["stacked"] is False and plain.stack_ is None and plain.classes_ == clf.classes_
    sample = texts[:400] + TRICKY
    s_plain = plain._decision(sample).astype(np.float64)
    s_stack = clf._decision(sample).astype(np.float64)
    np.testing.assert_allclose(s_plain, clf._svm_scores(clf._features(sample)), atol=1e-5)
    design = np.hstack([s_plain, np.ones((len(sample), 1))])
    fit, *_ = np.linalg.lstsq(design, s_stack, rcond=None)
    assert np.abs(design @ fit - s_stack).max() < 1e-3
    assert not np.allclose(s_plain, s_stack)
