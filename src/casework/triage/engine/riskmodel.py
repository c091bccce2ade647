"""The learned risk layer: one logistic regression per risk over TF-IDF word + character n-grams.

Rules catch the words; this model catches situations told without them ("he blocked the door and
said I'd regret it"), in EN/FR/ES, with typos and no accents (it reads the *folded* text, like the
rules). It is trained on ``triage/data/risk_train.csv`` (written for it by many writers, see that
folder's README) plus the starter set ``marketplace_train.csv`` with its safety case types mapped to risks. Neither
was written from the held-out risk set (``tests/data/risk_eval.csv``).

Thresholds: each risk's threshold is chosen on 5-fold **out-of-fold** training scores, as the
highest score at which the model still finds ``target_recall`` (0.99) of that risk's training
positives, but never below the score where out-of-fold precision (rules or model) falls under
``min_precision`` (0.6, chosen on the dev writers' split: against 0.7, recall mean 0.946 -> 0.962 and
precision 0.748 -> 0.663; the guard binds for every risk). A second risk the model raises on the same
message must score ``secondary_ratio`` (0.3) of the strongest. Both figures, per risk, are recorded
in ``info``. With the optional encoder (:mod:`casework.triage.engine.encoder`) an encoder head is
fitted beside the TF-IDF weights and used where the encoder is installed.

The trained model ships as ``engine/data/risk_model.cwm`` (see :mod:`modelfile`); rebuild it with
``python -m casework.triage.engine.riskmodel`` after editing the training data or the rules. If the
shipped file cannot be read by this install (another scikit-learn minor), it is retrained in
memory from the CSV files (a few seconds), never downloaded.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import threading
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse

from casework.triage.engine.classifier import _FastTfidf
from casework.triage.engine.textutil import fold

log = logging.getLogger(__name__)

RISKS = ("violence_threat", "self_harm", "sexual_violence", "discrimination", "emergency", "minor_safety",
         "fraud_scam", "privacy")
# Starter-set case types that name a risk (the rest of that file are negatives).
CASE_TYPE_RISK = {
    "safety.violence_threat": "violence_threat", "safety.self_harm": "self_harm",
    "safety.sexual_misconduct": "sexual_violence", "safety.discrimination": "discrimination",
    "safety.emergency": "emergency", "safety.minor_safety": "minor_safety", "trust.scam": "fraud_scam",
    "safety.hidden_devices": "privacy",
}
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MODEL_FILE = "data/risk_model.cwm"


def training_rows(data_dir: Path = DATA_DIR) -> tuple[list[str], list[set[str]], str]:
    """``(texts, risk sets, sha256 of the inputs)`` from risk_train.csv + marketplace_train.csv."""
    texts, labels = [], []
    digest = hashlib.sha256()
    for name in ("risk_train.csv", "marketplace_train.csv"):
        raw = (data_dir / name).read_bytes()
        digest.update(raw)
        for row in csv.DictReader(raw.decode("utf-8").splitlines()):
            texts.append(row["text"])
            if "risks" in row:
                labels.append(set(filter(None, row["risks"].split(";"))))
            else:
                risk = CASE_TYPE_RISK.get(row["label"])
                labels.append({risk} if risk else set())
    return texts, labels, digest.hexdigest()


class RiskModel:
    kind = "casework.risk_model"

    def __init__(self, *, C: float = 8.0, target_recall: float = 0.99, min_precision: float = 0.6, folds: int = 5,
                 recall_counts_rules: bool = False, enc_C: float = 10.0, secondary_ratio: float = 0.3):
        self.C, self.target_recall, self.min_precision, self.folds = C, target_recall, min_precision, folds
        # When the model raises several risks on one message, a second one must score at least
        # this share of the strongest: most false flags on the dev writers were a second risk on a
        # message that has one (violence on a sexual assault, emergency on a threat). 0.3 chosen there:
        # safety-critical precision mean 0.637 -> 0.681, recall unchanged (0.4: recall -0.01).
        self.secondary_ratio = secondary_ratio
        self.enc_C = enc_C
        self.enc_w_ = self.enc_b_ = None
        self.thresholds_enc: dict[str, float] = {}
        self.encoder_name: str | None = None
        self.recall_counts_rules = recall_counts_rules
        self.risks: tuple[str, ...] = ()
        self.thresholds: dict[str, float] = {}
        self.info: dict = {}

    # -- features -------------------------------------------------------------------------------
    @staticmethod
    def _new_vectorizers():
        from sklearn.feature_extraction.text import TfidfVectorizer
        # min_df=2 since the writers' data (11,627 rows): same dev-writer recall (0.962), 0.008 less
        # precision, a third of the word columns (110,255 -> 36,764) and a model file half the size
        word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                               token_pattern=r"(?u)\b\w+\b", lowercase=False, dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                               max_features=60000, lowercase=False, dtype=np.float32)
        return word, char

    def _x(self, folded: list[str], vectorizers=None, fit=False):
        word, char = vectorizers or (self.word_, self.char_)
        if fit:
            return sparse.hstack([word.fit_transform(folded), char.fit_transform(folded)]).tocsr()
        return sparse.hstack([word.transform(folded), char.transform(folded)]).tocsr()

    def _fit_weights(self, x, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        from sklearn.linear_model import LogisticRegression
        w = np.zeros((len(self.risks), x.shape[1]), dtype=np.float32)
        b = np.full(len(self.risks), -10.0, dtype=np.float32)
        for j in range(len(self.risks)):
            if y[:, j].sum() == 0:
                continue
            lr = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear", max_iter=200)
            lr.fit(x, y[:, j])
            w[j], b[j] = lr.coef_[0], lr.intercept_[0]
        return w, b

    def _fit_head(self, emb: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        from sklearn.linear_model import LogisticRegression
        w = np.zeros((len(self.risks), emb.shape[1]), dtype=np.float32)
        b = np.full(len(self.risks), -10.0, dtype=np.float32)
        for j in range(len(self.risks)):
            if 0 < y[:, j].sum() < len(y):
                lr = LogisticRegression(C=self.enc_C, class_weight="balanced", max_iter=2000)
                lr.fit(emb, y[:, j])
                w[j], b[j] = lr.coef_[0], lr.intercept_[0]
        return w, b

    def _choose_thresholds(self, oof: np.ndarray, y: np.ndarray, rule_hits: np.ndarray, report: dict) -> dict:
        """Per risk: the highest out-of-fold score that keeps ``target_recall`` of the training
        positives, but not below the score where out-of-fold precision (rules or model) falls
        under ``min_precision``; never above 0.5."""
        out = {}
        for j, risk in enumerate(self.risks):
            pos = y[:, j] == 1
            # the recall threshold is set on every positive, as if no rule fired: the rules were
            # written from these very rows, so on them they catch far more than on new messages
            # (a rules-aware threshold let the model rely on them: discrimination 0.21 -> 0.37 when
            # 2026.11.4 fired on more training rows, and a dev-split positive was lost)
            missed_by_rules = oof[pos, j] if not self.recall_counts_rules else oof[pos & ~rule_hits[:, j], j]
            allowed_misses = int(np.floor((1 - self.target_recall) * pos.sum()))
            t_recall = 0.5 if len(missed_by_rules) <= allowed_misses else float(np.sort(missed_by_rules)[allowed_misses])
            # Guard: never so low that the out-of-fold precision (rules or model) falls below
            # min_precision; recall first, but a flag on every message is no signal.
            t_prec = 0.5
            for cand in np.unique(oof[:, j])[::-1]:
                if cand >= 0.5:
                    continue
                pred = rule_hits[:, j] | (oof[:, j] >= cand)
                if (pred & pos).sum() / max(pred.sum(), 1) < self.min_precision:
                    break
                t_prec = float(cand)
            t = min(max(t_recall, t_prec), 0.5)
            out[risk] = t
            pred = rule_hits[:, j] | (oof[:, j] >= t)
            tp = int((pred & pos).sum())
            report[risk] = {
                "positives": int(pos.sum()), "threshold": round(t, 4), "threshold_for_target_recall": round(t_recall, 4),
                "oof_recall": round(tp / max(pos.sum(), 1), 4), "oof_precision": round(tp / max(pred.sum(), 1), 4)}
        return out

    # -- training -------------------------------------------------------------------------------
    def fit(self, texts: list[str], labels: list[set[str]], *, rules=None, seed: int = 0,
            encoder=None) -> RiskModel:
        """Fit on ``texts``; choose thresholds on out-of-fold scores (``rules``, a
        :class:`RiskRules`, count in the precision guard). With an ``encoder``
        (:class:`~casework.triage.engine.encoder.Encoder`) an encoder head is fitted too."""
        from sklearn.model_selection import KFold
        self.risks = tuple(r for r in RISKS if any(r in s for s in labels))
        folded = [fold(t) for t in texts]
        y = np.array([[r in s for r in self.risks] for s in labels], dtype=np.int8)
        rule_hits = np.zeros_like(y, dtype=bool)
        if rules is not None:
            for i, t in enumerate(texts):
                fired = set(rules.risks(t))
                rule_hits[i] = [r in fired for r in self.risks]
        oof = np.zeros(y.shape, dtype=np.float32)
        for tr, te in KFold(self.folds, shuffle=True, random_state=seed).split(folded):
            vecs = self._new_vectorizers()
            x_tr = self._x([folded[i] for i in tr], vecs, fit=True)
            w, b = self._fit_weights(x_tr, y[tr])
            x_te = self._x([folded[i] for i in te], vecs)
            oof[te] = _sigmoid(np.asarray(x_te @ w.T) + b)
        self.oof_, self.y_, self.rule_hits_ = oof, y, rule_hits  # for analysis; not pickled
        self.info = {"rows": len(texts), "folds": self.folds, "C": self.C, "target_recall": self.target_recall,
                     "min_precision": self.min_precision, "secondary_ratio": self.secondary_ratio,
                     "per_risk": {}}
        self.thresholds = self._choose_thresholds(oof, y, rule_hits, self.info["per_risk"])
        # The optional encoder head: a logistic regression per risk on the sentence embeddings,
        # averaged with the TF-IDF model in logit space, with thresholds of its own chosen the same
        # way on the averaged out-of-fold scores. Used only where the encoder is installed.
        self.enc_w_ = self.enc_b_ = None
        self.thresholds_enc, self.encoder_name = {}, None
        if encoder is not None:
            emb = encoder.embed(list(texts))
            oof_e = np.zeros(y.shape, dtype=np.float32)
            for tr, te in KFold(self.folds, shuffle=True, random_state=seed).split(folded):
                w, b = self._fit_head(emb[tr], y[tr])
                oof_e[te] = _sigmoid(emb[te] @ w.T + b)
            self.enc_w_, self.enc_b_ = self._fit_head(emb, y)
            self.encoder_name = encoder.name
            self.info["encoder"] = {"name": encoder.name, "C": self.enc_C, "per_risk": {}}
            self.thresholds_enc = self._choose_thresholds(_average(oof, oof_e), y, rule_hits,
                                                          self.info["encoder"]["per_risk"])
        self.word_, self.char_ = self._new_vectorizers()
        x = self._x(folded, fit=True)
        self.w_, self.b_ = self._fit_weights(x, y)
        self.w_t_ = sparse.csr_matrix(self.w_.T)  # sparse-dense product keeps scoring cheap
        return self

    # -- scoring --------------------------------------------------------------------------------
    def scores(self, folded: list[str]) -> np.ndarray:
        """Probabilities, shape (n, len(risks)), for already *folded* texts."""
        if not folded:
            return np.zeros((0, len(self.risks)), dtype=np.float32)
        fast = self.__dict__.get("_fast_tfidf")
        if fast is None:
            fast = self._fast_tfidf = _FoldedFastTfidf.build(self.word_, self.char_)
        x = fast.transform(folded) if fast else self._x(folded)
        self._fast_parts()  # builds the dense (features, risks) weights: sparse × dense is the cheap product
        return _sigmoid(np.asarray(x @ self._dense_w) + self.b_)

    def _fast_parts(self):
        parts = getattr(self, "_fast", None)
        if parts is None:
            offset, parts = 0, []
            for vec in (self.word_, self.char_):
                parts.append((vec.build_analyzer(), vec.vocabulary_, vec.idf_.astype(np.float32), offset))
                offset += len(vec.vocabulary_)
            self._dense_w = np.asarray(self.w_t_.todense(), dtype=np.float32)  # (features, risks)
            self._fast = parts
        return parts

    def score_one(self, folded: str) -> np.ndarray:
        """The same probabilities as :meth:`scores` for one text, without sklearn's per-call cost
        (sublinear tf × idf, l2 per vectoriser, then the rows of the weight matrix it touches)."""
        idx_all, val_all = [], []
        for analyzer, vocab, idf, offset in self._fast_parts():
            counts: dict[int, int] = {}
            for term in analyzer(folded):
                j = vocab.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
            val = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))) * idf[idx]
            val /= np.linalg.norm(val)
            idx_all.append(idx + offset)
            val_all.append(val)
        if not idx_all:
            return _sigmoid(self.b_.copy())
        idx, val = np.concatenate(idx_all), np.concatenate(val_all)
        return _sigmoid(val @ self._dense_w[idx] + self.b_)

    @property
    def has_encoder_head(self) -> bool:
        return getattr(self, "enc_w_", None) is not None

    def encoder_scores(self, embeddings: np.ndarray) -> np.ndarray:
        """The encoder head's probabilities, shape (n, len(risks))."""
        return _sigmoid(np.asarray(embeddings, dtype=np.float32) @ self.enc_w_.T + self.enc_b_)

    def predict_many(self, folded: list[str], embeddings: np.ndarray | None = None) -> list[dict[str, float]]:
        """For each folded text, ``{risk: probability}`` of the risks at or above their threshold.
        With ``embeddings`` (the optional encoder's, one row per text) and an encoder head, the
        two models' scores are averaged in logit space and the head's own thresholds apply."""
        rows = [self.score_one(t) for t in folded] if len(folded) <= 8 else self.scores(folded)
        thresholds = self.thresholds
        if embeddings is not None and self.has_encoder_head and len(folded):
            rows = _average(np.asarray(rows, dtype=np.float32), self.encoder_scores(embeddings))
            thresholds = self.thresholds_enc
        ratio = getattr(self, "secondary_ratio", 0.0) or 0.0
        out = []
        for row in rows:
            flags = {r: float(p) for r, p in zip(self.risks, row, strict=True) if p >= thresholds[r]}
            if ratio and len(flags) > 1:
                top = max(flags.values())
                flags = {r: p for r, p in flags.items() if p >= ratio * top}
            out.append(flags)
        return out

    @property
    def version(self) -> str:
        return f"risk-model@{self.info.get('data_sha256', '?')[:12]}"

    def __getstate__(self):
        state = dict(self.__dict__)
        for k in ("w_", "oof_", "y_", "rule_hits_", "_fast", "_dense_w", "_fast_tfidf"):  # the sparse transpose is enough; the rest is analysis
            state.pop(k, None)
        return state


class _FoldedFastTfidf(_FastTfidf):
    """The classifier's exact fast ``transform`` for this model's vectorizers, which see text
    that is already folded (no lower-casing, no accent stripping of their own). Batches of
    messages cost a third of sklearn's ``transform`` (``tests`` compare the two matrices)."""

    @staticmethod
    def build(word, char):
        def plain(v, analyzer):
            return (v.analyzer == analyzer and not v.lowercase and v.strip_accents is None
                    and v.preprocessor is None and v.tokenizer is None and v.stop_words is None
                    and v.use_idf and v.sublinear_tf and v.norm == "l2" and hasattr(v, "idf_"))
        return _FoldedFastTfidf(word, char) if plain(word, "word") and plain(char, "char_wb") else False

    @staticmethod
    def _preprocess(doc: str) -> str:
        return doc


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _average(p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
    """Two models' probabilities averaged in logit space."""
    return _sigmoid((_logit(p1) + _logit(p2)) / 2)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))).astype(np.float32)


def train_default(rules=None, encoder=None) -> RiskModel:
    from casework.triage.engine.risk import RiskRules
    texts, labels, digest = training_rows()
    rules = rules or RiskRules.default()
    model = RiskModel().fit(texts, labels, rules=rules, encoder=encoder)
    model.info.update({"data_sha256": digest, "rules_version": rules.version})
    return model


_lock = threading.Lock()
_default: RiskModel | None = None


def default_risk_model() -> RiskModel:
    """The shipped model, loaded once per process (retrained in memory if this install cannot
    read the shipped file)."""
    global _default
    with _lock:
        if _default is None:
            from casework.triage.engine.modelfile import ModelFileError, load_model
            path = resources.files("casework.triage.engine").joinpath(MODEL_FILE)
            try:
                _default, _ = load_model(Path(str(path)), expected_kind=RiskModel.kind)
            except ModelFileError as exc:
                log.warning("shipped risk model unusable (%s): retraining from the CSV files", exc)
                _default = train_default()
        return _default


def dev_rows(data_dir: Path = DATA_DIR) -> tuple[list[str], list[set[str]]]:
    """The development split (``risk_dev.csv``: 20 % of the hand-written rows, never trained on)."""
    with open(data_dir / "risk_dev.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [set(filter(None, r["risks"].split(";"))) for r in rows]


def dev_writer_rows(data_dir: Path = DATA_DIR) -> tuple[list[str], list[set[str]]]:
    """The second development split: the whole files of the dev writers (``risk_writer_e/l.csv``,
    see ``make_risk_train.DEV_WRITERS``), never trained on, written by people whose messages the
    layer has never read."""
    texts, labels = [], []
    for name in ("risk_writer_e.csv", "risk_writer_l.csv"):
        with open(data_dir / name, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                texts.append(r["text"])
                labels.append(set(filter(None, r["risks"].split(";"))))
    return texts, labels


def recall_precision(predicted: list[set[str]], gold: list[set[str]], risks=RISKS) -> dict[str, tuple[float, float]]:
    """(recall, precision) per risk of predicted risk sets against gold ones (0 where undefined)."""
    out = {}
    for risk in risks:
        tp = sum(1 for p, g in zip(predicted, gold, strict=True) if risk in p and risk in g)
        fn = sum(1 for p, g in zip(predicted, gold, strict=True) if risk not in p and risk in g)
        fp = sum(1 for p, g in zip(predicted, gold, strict=True) if risk in p and risk not in g)
        out[risk] = (tp / max(tp + fn, 1), tp / max(tp + fp, 1))
    return out


def evaluate_dev(model: RiskModel | None = None, rules=None, classifier=None, *, split: str = "handwritten",
                 encoder=None) -> dict[str, dict]:
    """Recall and precision per risk on the dev split, measured like the held-out test: the rules
    alone, rules + this risk model, and rules + risk model + the starter case-type model
    (trained on ``marketplace_train.csv`` when ``classifier`` is not given)."""
    from casework.triage.engine.classifier import TextClassifier
    from casework.triage.engine.pipeline import ModelBundle, TriageEngine
    from casework.triage.engine.risk import RiskRules
    rules = rules or RiskRules.default()
    model = model or default_risk_model()
    texts, gold = dev_rows() if split == "handwritten" else dev_writer_rows()
    if classifier is None:
        with open(DATA_DIR / "marketplace_train.csv", encoding="utf-8", newline="") as fh:
            train = list(csv.DictReader(fh))
        classifier = TextClassifier().fit([r["text"] for r in train], [r["label"] for r in train])
    bundle = ModelBundle(classifier=classifier, info={"name": "starter", "version": 0})
    layers = {
        "rules": [set(rules.risks(t)) for t in texts],
        "rules+risk_model": [set(r.risks) for r in TriageEngine(rules=rules, risk_model=model, encoder=encoder)
                             .analyze_many(texts)],
        "full": [set(r.risks) for r in TriageEngine(bundle=bundle, rules=rules, risk_model=model, encoder=encoder)
                 .analyze_many(texts)],
    }
    return {name: recall_precision(pred, gold) for name, pred in layers.items()}


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    from casework.triage.engine import riskmodel  # not __main__: the pickle must name the package class
    from casework.triage.engine.modelfile import dump_model
    parser = argparse.ArgumentParser(description="Train and ship the risk model (engine/data/risk_model.cwm).")
    parser.add_argument("--dev", action="store_true",
                        help="also print recall/precision on the dev splits (risk_dev.csv, the dev writers' files)")
    parser.add_argument("--encoder", action="store_true",
                        help="also fit the optional encoder head (needs casework[encoder]); the shipped model has "
                             "none: on the dev writers it added 0.4 recall points and cost 5 precision points")
    args = parser.parse_args(argv)
    from casework.triage.engine.encoder import load_encoder
    encoder = load_encoder("e5") if args.encoder else None
    print(f"encoder head: {encoder.name if encoder else 'none'}")
    model = riskmodel.train_default(encoder=encoder)
    path = Path(__file__).resolve().parent / MODEL_FILE
    dump_model(model, path, metadata={"info": model.info})
    print(json.dumps(model.info, indent=1))
    print(f"wrote {path} ({path.stat().st_size} bytes)")
    if args.dev:
        modes = [("tfidf", None)] + ([("tfidf+encoder", encoder)] if encoder else [])
        for split in ("handwritten", "writers"):
            for mode, enc in modes:
                for layer, per in riskmodel.evaluate_dev(model, split=split, encoder=enc).items():
                    print(f"dev split {split}, {mode}, {layer}:")
                    for risk, (recall, precision) in per.items():
                        print(f"  {risk:16s} recall {recall:.3f}  precision {precision:.3f}")


if __name__ == "__main__":
    main()


_DEATH_WORDS = frozenset({"violence_threat", "self_harm"})


def learned_risks(hits, scores: dict[str, float], *, figurative: bool = False,
                  veto_below: float = 0.8) -> dict[str, float]:
    """The model's risks for one message, given the rule hits on it (:meth:`RiskRules.scan`).

    Where the rules saw a risk's words only in a figurative, resolved or fictional sense (an idiom,
    a false alarm, a film) and nothing fired for that risk, the model must be sure (p ≥
    ``veto_below``) to raise it anyway: "ce ménage m'a tuée" stays quiet, a threat told in other
    words still fires. ``figurative``: an idiom or fiction cue is somewhere in the message
    (:meth:`RiskRules.figurative`), even with no rule hit. Idioms of killing and dying veto both threat and self-harm. A negation cue does not veto (it is too often wrong: "he would not let me
    leave")."""
    if not scores:
        return {}
    vetoed = {h.risk for h in hits if h.suppressed_by and not h.suppressed_by.startswith(("negation", "override"))}
    if figurative or vetoed & _DEATH_WORDS:  # "m'a tuée", "dying to", "killing me": idioms of one family
        vetoed |= _DEATH_WORDS
    vetoed -= {h.risk for h in hits if h.fired}
    return {r: p for r, p in scores.items() if r not in vetoed or p >= veto_below}
