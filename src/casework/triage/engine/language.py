"""Language identification: EN/FR/ES first class, other languages detected, ``und`` otherwise.

Built on py3langid's byte n-gram naive Bayes model (shipped inside the wheel, 97 languages)
with three additions that matter for support messages and social posts:

* normalisation before scoring: URLs, e-mail addresses and @mentions removed, ``#HashTags``
  split into words, shouted text (mostly capitals) lower-cased;
* a decision rule that prefers the first-class languages: another language is returned only
  when it wins clearly on a text long enough to judge (``other_min_letters``, ``other_min_prob``);
* ``und`` for texts with too few letters, or whose best first-class languages are too close to
  call on a short text (mixed or ambiguous).

Batched scoring (:meth:`LanguageDetector.detect_many`) walks each text once and multiplies one
sparse matrix, which is what makes 10k+ messages/s on one core possible.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

import numpy as np
from scipy import sparse

FIRST_CLASS = ("en", "fr", "es")
UND = "und"

_URL = re.compile(r"https?://\S*|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|@\w+|\bhttps?\b")
_HASH = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_UPPER = re.compile(r"[^\W\d_a-z]")  # approx: non-lower letters
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float
    scores: dict[str, float]  # first-class languages' probabilities

    def as_dict(self) -> dict:
        return {"language": self.language, "confidence": round(self.confidence, 4),
                "scores": {k: round(v, 4) for k, v in self.scores.items()}}


def normalise(text: str) -> str:
    """Remove what says nothing about the language (links, handles) and un-shout."""
    text = _URL.sub(" ", text)
    if "#" in text:
        text = _HASH.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    letters = _LETTER.findall(text)
    if letters:
        upper = sum(1 for ch in letters if ch.isupper())
        if upper * 2 > len(letters):
            text = text.lower()
    return text


class LanguageDetector:
    """Thread-safe after construction; construct once per process (loading takes ~0.3 s)."""

    def __init__(self, *, first_class=FIRST_CLASS, min_letters: int = 3, other_min_letters: int = 25,
                 other_min_prob: float = 0.95, mixed_margin: float = 0.2, mixed_max_letters: int = 12,
                 restrict: bool = False):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE)
        self._nextmove = ident.tk_nextmove
        self._rowbase = ident._rowbase
        self._output = ident.tk_output
        classes = list(ident.nb_classes)
        # merge script aliases (e.g. two columns for "sr") by keeping the first column
        keep = [i for i, c in enumerate(classes) if classes.index(c) == i]
        self.classes = [classes[i] for i in keep]
        self._ptc = np.ascontiguousarray(np.asarray(ident.nb_ptc)[:, keep], dtype=np.float32)
        self._pc = np.asarray(ident.nb_pc)[keep].astype(np.float32)
        self.first_class = tuple(first_class)
        self._fc_idx = np.array([self.classes.index(c) for c in self.first_class])
        self.min_letters = min_letters
        self.other_min_letters = other_min_letters
        self.other_min_prob = other_min_prob
        self.mixed_margin = mixed_margin
        self.mixed_max_letters = mixed_max_letters
        self.restrict = restrict

    # -- scoring ------------------------------------------------------------------------------

    def _visits(self, data: bytes) -> list[int]:
        nm, rowbase, out = self._nextmove, self._rowbase, self._output
        state, found = 0, []
        append = found.append
        for byte in data:
            state = nm[rowbase[state] + byte]
            f = out[state]
            if f >= 0:
                append(f)
        return found

    def _score_matrix(self, encoded: list[bytes]) -> np.ndarray:
        found = [self._visits(data) for data in encoded]
        lengths = np.fromiter((len(f) for f in found), dtype=np.int64, count=len(found))
        indptr = np.zeros(len(found) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        cols = np.fromiter((c for f in found for c in f), dtype=np.int32, count=int(indptr[-1]))
        counts = sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr),
                                   shape=(len(encoded), self._ptc.shape[0]))
        counts.sum_duplicates()
        counts.data = np.log1p(counts.data)
        return np.asarray(counts @ self._ptc) + self._pc

    # -- decisions ----------------------------------------------------------------------------

    def detect(self, text: str) -> LanguageGuess:
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[LanguageGuess]:
        """One guess per text, in order. Scoring and the decision are vectorised over the batch."""
        if not texts:
            return []
        prepared = [normalise(t or "") for t in texts]
        letters = np.fromiter((len(_LETTER.findall(t)) for t in prepared), dtype=np.int64, count=len(texts))
        encoded = [unicodedata.normalize("NFC", t).encode("utf-8", "surrogatepass") for t in prepared]
        nbytes = np.fromiter((max(len(e), 1) for e in encoded), dtype=np.float32, count=len(texts))
        scaled = self._score_matrix(encoded) / np.sqrt(nbytes)[:, None]
        fc = scaled[:, self._fc_idx]
        fc_prob = np.exp(fc - fc.max(axis=1, keepdims=True))
        fc_prob /= fc_prob.sum(axis=1, keepdims=True)
        order = np.argsort(-fc_prob, axis=1)
        rows = np.arange(len(texts))
        best = fc_prob[rows, order[:, 0]]
        margin = best - fc_prob[rows, order[:, 1]]
        top_all = scaled.argmax(axis=1)
        top_all_prob = 1.0 / np.exp(scaled - scaled[rows, top_all][:, None]).sum(axis=1)
        out = []
        for i in range(len(texts)):
            scores = dict(zip(self.first_class, fc_prob[i].tolist(), strict=False))
            if letters[i] < self.min_letters:
                out.append(LanguageGuess(UND, 0.0, {}))
            elif (not self.restrict and letters[i] >= self.other_min_letters
                  and self.classes[top_all[i]] not in self.first_class and top_all_prob[i] >= self.other_min_prob):
                out.append(LanguageGuess(self.classes[top_all[i]], float(top_all_prob[i]), scores))
            elif letters[i] <= self.mixed_max_letters and margin[i] < self.mixed_margin:
                out.append(LanguageGuess(UND, float(best[i]), scores))
            else:
                out.append(LanguageGuess(self.first_class[order[i, 0]], float(best[i]), scores))
        return out


_DEFAULT: LanguageDetector | None = None
_LOCK = threading.Lock()


def default_detector() -> LanguageDetector:
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = LanguageDetector()
        return _DEFAULT
