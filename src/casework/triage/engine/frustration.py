"""Frustration: a 0–1 score per message and its trend over a conversation.

Two parts, blended:

* a learned **sentiment model** (:class:`SentimentModel`: TF-IDF word + character n-grams,
  multinomial logistic regression over language-augmented features) giving P(negative). The
  shipped model (``engine/data/sentiment.cwm``, built by :mod:`~casework.triage.engine.sentiment_build`)
  is trained on GoEmotions (Apache-2.0, English) plus ``triage/data/sentiment_support.csv``
  (EN/FR/ES support messages written for Casework); the benchmark trains the same class on
  UMSAB's train splits (research-only data, never shipped) to measure it;
* **cues** in EN/FR/ES that a sentiment model trained on tweets misses in support conversations:
  repeated contact ("third time", "encore", "otra vez"), escalation words ("unacceptable",
  "inadmissible", "inaceptable", "lawyer", "avocat", "abogado"), shouting, "!!!".

The trend is the least-squares slope of the scores over the last messages; "rising" when the
slope is above ``rising_slope`` and the last score is above ``rising_floor``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from casework.triage.engine.textutil import fold

NEGATIVE, NEUTRAL, POSITIVE = "negative", "neutral", "positive"

_CUES = {
    "repeat": r"(?:third|3rd|fourth|4th|fifth|again|still|yet again|several times|many times|multiple times|"
              r"no one (?:has )?(?:replied|answered|responded)|nobody (?:replied|answered|responded)|"
              r"encore|toujours pas|troisieme fois|plusieurs fois|personne ne (?:repond|m'a repondu)|"
              r"otra vez|de nuevo|todavia|aun no|tercera vez|varias veces|nadie (?:responde|me ha respondido))",
    "escalate": r"(?:unacceptable|ridiculous|outrageous|disgusting|disgraceful|appalling|terrible|horrible|worst|"
                r"furious|angry|pissed|fed up|sick of|tired of|lawyer|legal action|sue|chargeback|bbb|consumer protection|"
                r"never again|scam|joke|useless|incompetent|inadmissible|scandaleux|honteux|ridicule|inacceptable|"
                r"degoutant|furieux|furieuse|en colere|marre|ras le bol|avocat|plainte|nul|nulle|incompetents?|"
                r"inaceptable|vergonzoso|ridiculo|indignante|asqueroso|furioso|furiosa|enfadado|enfadada|harto|harta|"
                r"abogado|denuncia|reclamacion|inutiles?|incompetentes?|pesimo|pesima|fatal)",
}
_CUE_RE = {k: re.compile(rf"(?<![a-z]){v}(?![a-z])") for k, v in _CUES.items()}


@dataclass(frozen=True)
class FrustrationScore:
    score: float
    model_negative: float | None
    cues: list[str]

    def as_dict(self) -> dict:
        return {"score": round(self.score, 4),
                "model_negative": None if self.model_negative is None else round(self.model_negative, 4),
                "cues": self.cues}


_UESC = re.compile(r"\\u([0-9a-fA-F]{4})")
_URL = re.compile(r"https?://\S+|\bhttps?\b|www\.\S+")
_USER = re.compile(r"@\w+")
_ELONG = re.compile(r"(\w)\1{2,}")


def normalise_for_sentiment(text: str) -> str:
    """Literal ``\\uXXXX`` escapes decoded, URLs and @handles replaced by a token, letters repeated 3+
    times cut to two and marked (``sooo`` → ``soo ELONG``): elongation is a sentiment cue."""
    if "\\u" in text:
        text = _UESC.sub(lambda m: chr(int(m.group(1), 16)), text)
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # emoji pairs
    text = _URL.sub(" URL ", text.replace('""', '"'))
    text = _USER.sub(" @USER ", text)
    return _ELONG.sub(r"\1\1 ELONG", text)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    return scores / scores.sum(axis=1, keepdims=True)


class SentimentModel:
    """3-class sentiment (negative / neutral / positive). ``fit`` then ``predict_proba``.

    Features: TF-IDF word 1–2-grams (punctuation and emoji kept as tokens) + ``char_wb`` 2–5-grams,
    sublinear tf, on :func:`normalise_for_sentiment` text. One multinomial logistic regression over
    *language-augmented* features: a shared copy of every feature plus one copy per language in
    ``params["languages"]`` that is non-zero only on rows of that language ("frustratingly easy domain
    adaptation"), so the languages share what they have in common and each keeps its own weights.
    With ``per_language`` a plain per-language model is also fitted and its probabilities averaged
    with the shared one's for rows of that language; with ``nb_per_language`` an NB-LR model per
    language (log-count-ratio scaled features, one-vs-rest, Wang & Manning 2012; stored as one linear
    map on the same TF-IDF features) joins that average. A row whose language is unknown (or not one
    of ``languages``) is scored with the shared weights only. Choices made on UMSAB's validation split.
    """

    kind = "casework.sentiment_linear"

    def __init__(self, params: dict | None = None):
        self.params = {"C": 1.0, "word_ngrams": [1, 2], "char_ngrams": [2, 5], "class_weight": "balanced",
                       "languages": ["en", "fr", "es"], "per_language": False, "nb_per_language": False,
                       "nb_C": 3.0, "max_word_features": 200_000, "max_char_features": 300_000,
                       # optional encoder head (fit(embeddings=...)): per-language LR on the sentence
                       # embeddings, mixed in log space with weight enc_weight (chosen on UMSAB val)
                       "enc_C": 3.0, "enc_weight": 0.7, **(params or {})}
        self.classes_: list[str] = []
        self.per_language_: dict = {}
        self.nb_per_language_: dict = {}

    def _features(self, texts, fit=False):
        texts = [normalise_for_sentiment(t) for t in texts]
        if fit:
            p = self.params
            self.word_ = TfidfVectorizer(ngram_range=tuple(p["word_ngrams"]), sublinear_tf=True, min_df=1,
                                         strip_accents="unicode", dtype=np.float32, token_pattern=r"(?u)\b\w+\b|[^\w\s]",
                                         max_features=p["max_word_features"])
            self.char_ = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(p["char_ngrams"]), sublinear_tf=True,
                                         min_df=2, strip_accents="unicode", dtype=np.float32,
                                         max_features=p["max_char_features"])
            return sparse.hstack([self.word_.fit_transform(texts), self.char_.fit_transform(texts)], format="csr")
        return sparse.hstack([self.word_.transform(texts), self.char_.transform(texts)], format="csr")

    def _languages(self, n: int, languages) -> np.ndarray:
        if languages is None:
            return np.array([""] * n, dtype=object)
        if len(languages) != n:
            raise ValueError("languages must have one entry per text")
        return np.array([str(x or "") for x in languages], dtype=object)

    def _augment(self, x, langs: np.ndarray):
        blocks = [x]
        for lang in self.params["languages"]:
            blocks.append(sparse.diags((langs == lang).astype(np.float32)) @ x)
        return sparse.hstack(blocks, format="csr")

    def fit(self, texts: list[str], labels: list[str], languages: list[str] | None = None,
            sample_weight=None, *, embeddings: np.ndarray | None = None, encoder_name: str | None = None,
            encoder_rows: np.ndarray | None = None) -> SentimentModel:
        """Train. The logistic regressions run on one BLAS thread: on the shared 2-core box threaded
        BLAS made the augmented fit take 65 s of CPU instead of 36 s (same iterations).

        ``embeddings`` (the optional encoder's, one row per text, or per ``encoder_rows`` index
        when given) adds an encoder head: one logistic regression per language on the embeddings
        of that language's rows, plus one on all of them for an unknown language."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            self._fit(texts, labels, languages, sample_weight)
        self.enc_heads_, self.encoder_name = {}, None
        if embeddings is not None:
            self._fit_encoder_head(np.asarray(embeddings, dtype=np.float32), labels, languages, encoder_rows)
            self.encoder_name = encoder_name
        return self

    def _fit_encoder_head(self, emb, labels, languages, rows) -> None:
        labels = np.array([str(x) for x in labels])
        langs = self._languages(len(labels), languages)
        if rows is not None:
            labels, langs = labels[rows], langs[rows]
        if len(labels) != len(emb):
            raise ValueError("embeddings must have one row per training text (or per encoder_rows index)")
        for lang in ["", *self.params["languages"]]:
            mask = np.ones(len(labels), bool) if lang == "" else langs == lang
            if mask.sum() and len(set(labels[mask])) == len(self.classes_):
                m = LogisticRegression(C=self.params["enc_C"], max_iter=3000).fit(emb[mask], labels[mask])
                order = [list(m.classes_).index(c) for c in self.classes_]
                self.enc_heads_[lang] = (np.ascontiguousarray(m.coef_[order].T, dtype=np.float32),
                                         m.intercept_[order].astype(np.float64))

    def _fit(self, texts, labels, languages, sample_weight) -> SentimentModel:
        texts, labels = list(texts), np.array([str(x) for x in labels])
        langs = self._languages(len(texts), languages)
        x = self._features(texts, fit=True)
        p = self.params

        def lr():
            return LogisticRegression(C=p["C"], max_iter=1000, class_weight=p["class_weight"])

        self.model_ = lr().fit(self._augment(x, langs), labels, sample_weight=sample_weight)
        self.model_.coef_ = self.model_.coef_.astype(np.float32)
        self.classes_ = [str(c) for c in self.model_.classes_]
        self.per_language_ = {}
        if p["per_language"]:
            for lang in p["languages"]:
                rows = np.flatnonzero(langs == lang)
                if len(rows) and len(set(labels[rows])) == len(self.classes_):
                    m = lr().fit(x[rows], labels[rows],
                                 sample_weight=None if sample_weight is None else np.asarray(sample_weight)[rows])
                    m.coef_ = m.coef_.astype(np.float32)
                    self.per_language_[lang] = m
        self.nb_per_language_ = {}
        if p.get("nb_per_language"):
            for lang in p["languages"]:
                rows = np.flatnonzero(langs == lang)
                if len(rows) and len(set(labels[rows])) == len(self.classes_):
                    self.nb_per_language_[lang] = self._fit_nb(
                        x[rows], labels[rows], None if sample_weight is None else np.asarray(sample_weight)[rows])
        for vec in (self.word_, self.char_):
            vec.__dict__.pop("stop_words_", None)
        self.__dict__.pop("_fast", None)
        self.__dict__.pop("_weights", None)
        self.class_bias_ = {}
        return self

    def _fit_nb(self, x, labels: np.ndarray, sample_weight=None) -> dict:
        """NB-LR (Wang & Manning 2012, NBSVM with a logistic loss): per class, one-vs-rest logistic
        regression on the features scaled by the class's log-count ratio ``r = log((p/|p|)/(q/|q|))``
        (``p``/``q``: smoothed counts of rows of / not of the class having the feature). Since
        ``(x * r) @ w = x @ (r * w)`` the result is stored as one linear map: ``{"W": (n_features,
        n_classes) float32, "b": (n_classes,)}``; probabilities are the softmax of the one-vs-rest scores."""
        binary = x.copy()
        binary.data[:] = 1.0
        total = np.asarray(binary.sum(axis=0), dtype=np.float64).ravel()
        cols, intercepts = [], []
        for cls in self.classes_:
            pos = labels == cls
            p = 1.0 + np.asarray(binary[pos].sum(axis=0), dtype=np.float64).ravel()
            q = 1.0 + total - (p - 1.0)
            r = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
            m = LogisticRegression(C=self.params["nb_C"], max_iter=1000, class_weight="balanced")
            m.fit(x.multiply(r).tocsr(), pos.astype(int), sample_weight=sample_weight)
            cols.append(r * m.coef_[0].astype(np.float32))
            intercepts.append(float(m.intercept_[0]))
        return {"W": np.ascontiguousarray(np.stack(cols, axis=1), dtype=np.float32),
                "b": np.asarray(intercepts, dtype=np.float64)}

    def _components(self, lang: str) -> int:
        return 1 + (lang in self.per_language_) + (lang in getattr(self, "nb_per_language_", {}))

    def predict_proba_sklearn(self, texts: list[str], languages: list[str] | None = None) -> np.ndarray:
        """Reference path through sklearn (slow per call; class biases not applied); tests compare it with
        ``predict_proba``."""
        texts = list(texts)
        langs = self._languages(len(texts), languages)
        x = self._features(texts)
        probs = self.model_.predict_proba(self._augment(x, langs))
        for lang in set(langs.tolist()):
            rows = np.flatnonzero(langs == lang)
            total = probs[rows].copy()
            if lang in self.per_language_:
                total += self.per_language_[lang].predict_proba(x[rows])
            nb = getattr(self, "nb_per_language_", {}).get(lang)
            if nb is not None:
                total += _softmax(np.asarray(x[rows] @ nb["W"], dtype=np.float64) + nb["b"])
            probs[rows] = total / self._components(lang)
        return probs

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_fast", None)
        state.pop("_weights", None)
        return state

    def _fast_features(self, texts: list[str]):
        """The exact TF-IDF matrix through the case-type classifier's fast transform (sklearn's
        ``transform`` costs milliseconds per call in validation); sklearn's when it does not apply."""
        fast = self.__dict__.get("_fast")
        if fast is None:
            from casework.triage.engine.classifier import _FastTfidf

            fast = _FastTfidf(self.word_, self.char_) if _FastTfidf.supports(self.word_, self.char_) else False
            self._fast = fast
        if fast is False:
            return self._features(texts)
        return fast.transform([normalise_for_sentiment(t) for t in texts])

    def _language_weights(self) -> dict:
        """{language or "": (W, b)}: the augmented model's shared weights plus that language's block
        (``x_aug @ coef`` is ``x @ (shared + block)`` for a row of that language)."""
        cached = self.__dict__.get("_weights")
        if cached is None:
            coef = self.model_.coef_
            n = coef.shape[1] // (1 + len(self.params["languages"]))
            shared = coef[:, :n]
            cached = {"": (np.ascontiguousarray(shared.T, dtype=np.float32), self.model_.intercept_)}
            for i, lang in enumerate(self.params["languages"], start=1):
                block = coef[:, i * n:(i + 1) * n]
                cached[lang] = (np.ascontiguousarray((shared + block).T, dtype=np.float32), self.model_.intercept_)
            for lang, m in self.per_language_.items():
                cached["per:" + lang] = (np.ascontiguousarray(m.coef_.T, dtype=np.float32), m.intercept_)
            for lang, nb in getattr(self, "nb_per_language_", {}).items():
                cached["nb:" + lang] = (nb["W"], nb["b"])
            self._weights = cached
        return cached

    @property
    def has_encoder_head(self) -> bool:
        return bool(getattr(self, "enc_heads_", None))

    def predict_proba(self, texts: list[str], languages: list[str] | None = None,
                      embeddings: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities. With ``embeddings`` and an encoder head, the TF-IDF models'
        probabilities are mixed with the head's in log space (weight ``enc_weight``)."""
        texts = list(texts)
        langs = self._languages(len(texts), languages)
        x = self._fast_features(texts)
        weights = self._language_weights()
        probs = np.zeros((len(texts), len(self.classes_)), dtype=np.float64)
        for lang in set(langs.tolist()):
            rows = np.flatnonzero(langs == lang)
            xr = x[rows] if len(rows) != len(texts) else x
            w, b = weights.get(lang, weights[""])
            p = _softmax(np.asarray(xr @ w, dtype=np.float64) + b)
            parts = [weights[k] for k in ("per:" + lang, "nb:" + lang) if k in weights]
            for w, b in parts:  # the per-language models' probabilities, averaged with the shared one's
                p += _softmax(np.asarray(xr @ w, dtype=np.float64) + b)
            if parts:
                p /= 1 + len(parts)
            heads = getattr(self, "enc_heads_", None)
            if embeddings is not None and heads:
                we, be = heads.get(lang) or heads[""]
                pe = _softmax(np.asarray(embeddings, dtype=np.float32)[rows] @ we + be)
                a = float(self.params.get("enc_weight", 0.5))
                p = _softmax((1 - a) * np.log(np.maximum(p, 1e-12)) + a * np.log(np.maximum(pe, 1e-12)))
            bias = getattr(self, "class_bias_", {}).get(lang)
            if bias is not None:
                p = _softmax(np.log(np.maximum(p, 1e-12)) + np.asarray(bias))
            probs[rows] = p
        return probs

    def fit_bias(self, texts: list[str], labels: list[str], languages: list[str], *,
                 grid: np.ndarray | None = None, min_gain: float = 0.005, embeddings=None) -> dict:
        """Per-language additive class biases on log-probabilities that maximise macro-F1 on a
        **validation** set (never the test set). Kept only when they gain ``min_gain`` over none;
        the smallest biases win ties. Returns {language: (bias, gain)}."""
        from sklearn.metrics import f1_score

        grid = np.round(np.arange(-1.0, 1.0001, 0.1), 2) if grid is None else grid
        self.class_bias_ = {}
        langs = self._languages(len(texts), languages)
        probs = self.predict_proba(texts, languages, embeddings)
        y = np.array([self.classes_.index(str(lab)) for lab in labels])
        out = {}
        neutral = self.classes_.index(NEUTRAL) if NEUTRAL in self.classes_ else 0
        others = [i for i in range(len(self.classes_)) if i != neutral]
        for lang in sorted(set(langs.tolist())):
            rows = np.flatnonzero(langs == lang)
            logp = np.log(np.maximum(probs[rows], 1e-12))
            base = f1_score(y[rows], logp.argmax(1), average="macro")
            best = (base, 0.0, np.zeros(len(self.classes_)))
            for a in grid:
                for b in grid:
                    bias = np.zeros(len(self.classes_))
                    bias[others[0]], bias[others[1]] = a, b
                    f = f1_score(y[rows], (logp + bias).argmax(1), average="macro")
                    size = abs(a) + abs(b)
                    if f > best[0] + 1e-9 or (abs(f - best[0]) <= 1e-9 and size < best[1]):
                        best = (f, size, bias)
            if best[0] - base >= min_gain:
                self.class_bias_[lang] = best[2].tolist()
                out[lang] = (best[2].tolist(), round(best[0] - base, 4))
        return out

    def predict(self, texts: list[str], languages: list[str] | None = None, embeddings=None) -> list[str]:
        probs = self.predict_proba(texts, languages, embeddings)
        return [self.classes_[i] for i in probs.argmax(axis=1)]

    def negative_probability(self, texts: list[str], languages: list[str] | None = None,
                             embeddings=None) -> np.ndarray:
        probs = self.predict_proba(texts, languages, embeddings)
        if NEGATIVE not in self.classes_:
            return np.zeros(len(texts))
        return probs[:, self.classes_.index(NEGATIVE)]


def cue_score(text: str, folded: str | None = None) -> tuple[float, list[str]]:
    """0–1 from the explicit cues (repeat contact, escalation words, shouting, !!!)."""
    folded = fold(text) if folded is None else folded
    cues = [name for name, pattern in _CUE_RE.items() if pattern.search(folded)]
    if len(text) >= 12 and text.isupper():
        cues.append("shouting")
    if "!!" in text or "??" in text or "?!" in text:
        cues.append("punctuation")
    weights = {"repeat": 0.35, "escalate": 0.45, "shouting": 0.25, "punctuation": 0.15}
    return min(1.0, sum(weights[c] for c in cues)), cues


class FrustrationScorer:
    """Blend of the sentiment model (when present) and the cues; works without a model."""

    def __init__(self, model: SentimentModel | None = None, *, model_weight: float = 0.7):
        self.model = model
        self.model_weight = model_weight

    def score_many(self, texts: list[str], folded: list[str] | None = None,
                   languages: list[str] | None = None, embeddings=None) -> list[FrustrationScore]:
        """``languages`` (ISO codes from the language detector, optional) lets the model use its
        per-language weights; without them it scores with the shared weights. ``embeddings``: the
        optional encoder's, used by a model with an encoder head."""
        negs = (self.model.negative_probability(texts, languages, embeddings)
                if self.model is not None and texts else None)
        out = []
        for i, text in enumerate(texts):
            cue, cues = cue_score(text, folded[i] if folded else None)
            if negs is None:
                score = cue
                neg = None
            else:
                neg = float(negs[i])
                # cues only ever add: an explicit "third time I ask" is frustration whatever the model says
                score = max(self.model_weight * neg + (1 - self.model_weight) * cue, cue)
            if not any(ch.isalpha() for ch in text):
                score, neg = 0.0, None
            out.append(FrustrationScore(float(min(max(score, 0.0), 1.0)), neg, cues))
        return out

    def score(self, text: str) -> FrustrationScore:
        return self.score_many([text])[0]


def trend(scores: list[float], *, window: int = 5, rising_slope: float = 0.08, rising_floor: float = 0.5) -> dict:
    """Direction of the last ``window`` scores: rising / falling / steady, with the slope."""
    recent = [float(s) for s in scores[-window:] if s is not None]
    if len(recent) < 2:
        return {"direction": "steady", "slope": 0.0, "points": len(recent)}
    x = np.arange(len(recent), dtype=float)
    slope = float(np.polyfit(x, np.array(recent), 1)[0])
    if slope >= rising_slope and recent[-1] >= rising_floor:
        direction = "rising"
    elif slope <= -rising_slope:
        direction = "falling"
    else:
        direction = "steady"
    return {"direction": direction, "slope": round(slope, 4), "points": len(recent)}
