"""Frustration: a 0–1 score per message and its trend over a conversation.

Two parts, blended:

* a learned **sentiment / emotion model** (:class:`SentimentModel`: TF-IDF word + character
  n-grams, multinomial logistic regression) giving P(negative). The shipped model is trained on
  GoEmotions (Apache-2.0; anger, annoyance, disappointment, disapproval, disgust → negative) plus
  the labelled marketplace set; the benchmark trains the same class on UMSAB's train splits
  (research-only data, never shipped) to measure it;
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


class SentimentModel:
    """3-class sentiment (negative / neutral / positive). ``fit`` then ``predict_proba``."""

    kind = "casework.sentiment_linear"

    def __init__(self, params: dict | None = None):
        self.params = {"C": 2.0, "word_ngrams": [1, 2], "char_ngrams": [2, 5], "class_weight": "balanced",
                       **(params or {})}
        self.classes_: list[str] = []

    def _features(self, texts, fit=False):
        if fit:
            p = self.params
            self.word_ = TfidfVectorizer(ngram_range=tuple(p["word_ngrams"]), sublinear_tf=True, min_df=2,
                                         strip_accents="unicode", dtype=np.float32, max_features=200_000)
            self.char_ = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(p["char_ngrams"]), sublinear_tf=True,
                                         min_df=3, strip_accents="unicode", dtype=np.float32, max_features=300_000)
            return sparse.hstack([self.word_.fit_transform(texts), self.char_.fit_transform(texts)], format="csr")
        return sparse.hstack([self.word_.transform(texts), self.char_.transform(texts)], format="csr")

    def fit(self, texts: list[str], labels: list[str]) -> SentimentModel:
        x = self._features(list(texts), fit=True)
        self.model_ = LogisticRegression(C=self.params["C"], max_iter=500,
                                         class_weight=self.params["class_weight"]).fit(x, list(labels))
        self.model_.coef_ = self.model_.coef_.astype(np.float32)
        self.classes_ = [str(c) for c in self.model_.classes_]
        for vec in (self.word_, self.char_):
            vec.__dict__.pop("stop_words_", None)
        return self

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        return self.model_.predict_proba(self._features(list(texts)))

    def predict(self, texts: list[str]) -> list[str]:
        probs = self.predict_proba(texts)
        return [self.classes_[i] for i in probs.argmax(axis=1)]

    def negative_probability(self, texts: list[str]) -> np.ndarray:
        probs = self.predict_proba(texts)
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

    def score_many(self, texts: list[str], folded: list[str] | None = None) -> list[FrustrationScore]:
        negs = self.model.negative_probability(texts) if self.model is not None and texts else None
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
