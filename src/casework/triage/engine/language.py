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
    return _normalise(text)[0]


def _normalise(text: str) -> tuple[str, int]:
    """:func:`normalise` and the letter count of the result."""
    if "@" in text or "http" in text or "www." in text:  # nothing else can match _URL
        text = _URL.sub(" ", text)
    if "#" in text:
        text = _HASH.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    letters = _LETTER.findall(text)
    if letters:
        upper = sum(map(str.isupper, letters))
        if upper * 2 > len(letters):
            text = text.lower()
            return text, len(_LETTER.findall(text))
    return text, len(letters)


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
        # the same automaton as numpy arrays, for walking many texts in lock step
        self._nm_np = np.frombuffer(ident.tk_nextmove, dtype=np.dtype(ident.tk_nextmove.typecode)).astype(np.int32)
        self._rowbase_np = np.asarray(ident._rowbase, dtype=np.int32)
        self._output_np = np.asarray(ident.tk_output, dtype=np.int32)
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

    # Texts walked together, byte position by byte position, with numpy (one gather per step for
    # the whole batch). Short batches and long texts take the per-byte Python loop instead.
    lockstep_min_batch = 16
    lockstep_max_bytes = 1024
    lockstep_chunk = 4096

    def _visits_lockstep(self, encoded: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """(row, feature) pairs for every feature the automaton emits, all texts at once."""
        lengths = np.fromiter((len(e) for e in encoded), dtype=np.int64, count=len(encoded))
        order = np.argsort(-lengths, kind="stable")
        flat = np.frombuffer(b"".join(encoded[i] for i in order), dtype=np.uint8)
        sorted_len = lengths[order]
        starts = np.zeros(len(encoded), dtype=np.int64)
        np.cumsum(sorted_len[:-1], out=starts[1:])
        # active[t]: how many texts are longer than t (they are sorted longest first)
        maxlen = int(sorted_len[0]) if len(encoded) else 0
        active = np.searchsorted(-sorted_len, -np.arange(maxlen), side="left")
        nm, rowbase, out = self._nm_np, self._rowbase_np, self._output_np
        state = np.zeros(len(encoded), dtype=np.int32)
        rows_parts, feat_parts = [], []
        for t in range(maxlen):
            k = int(active[t])
            st = nm[rowbase[state[:k]] + flat[starts[:k] + t]]
            state[:k] = st
            f = out[st]
            hit = np.flatnonzero(f >= 0)
            if len(hit):
                rows_parts.append(hit)
                feat_parts.append(f[hit])
        if not rows_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int32)
        rows = order[np.concatenate(rows_parts)]
        return rows, np.concatenate(feat_parts)

    def _score_matrix(self, encoded: list[bytes]) -> np.ndarray:
        n = len(encoded)
        row_parts, col_parts = [], []
        if n >= self.lockstep_min_batch:
            short = [i for i, e in enumerate(encoded) if len(e) <= self.lockstep_max_bytes]
            long_ = [i for i, e in enumerate(encoded) if len(e) > self.lockstep_max_bytes]
            for c in range(0, len(short), self.lockstep_chunk):
                ids = np.asarray(short[c:c + self.lockstep_chunk], dtype=np.int64)
                rows, cols = self._visits_lockstep([encoded[i] for i in ids])
                row_parts.append(ids[rows])
                col_parts.append(cols)
        else:
            long_ = range(n)
        for i in long_:
            f = self._visits(encoded[i])
            row_parts.append(np.full(len(f), i, dtype=np.int64))
            col_parts.append(np.asarray(f, dtype=np.int32))
        rows = np.concatenate(row_parts) if row_parts else np.zeros(0, dtype=np.int64)
        cols = np.concatenate(col_parts) if col_parts else np.zeros(0, dtype=np.int32)
        counts = sparse.coo_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)),
                                   shape=(n, self._ptc.shape[0])).tocsr()
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
        normalised = [_normalise(t or "") for t in texts]
        prepared = [t for t, _ in normalised]
        letters = np.fromiter((n for _, n in normalised), dtype=np.int64, count=len(texts))
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
        # the decision rule, vectorised; the loop below only builds the results
        too_short = letters < self.min_letters
        fc_set = np.isin(top_all, self._fc_idx)
        other = ((not self.restrict) & (letters >= self.other_min_letters) & ~fc_set
                 & (top_all_prob >= self.other_min_prob))
        mixed = (letters <= self.mixed_max_letters) & (margin < self.mixed_margin)
        kind = np.where(too_short, 0, np.where(other, 1, np.where(mixed, 2, 3))).tolist()
        probs, best_l, top_l, top_p, first_l = (fc_prob.tolist(), best.tolist(), top_all.tolist(),
                                                top_all_prob.tolist(), order[:, 0].tolist())
        fcl, classes = self.first_class, self.classes
        out = []
        for i, k in enumerate(kind):
            if k == 0:
                out.append(LanguageGuess(UND, 0.0, {}))
                continue
            scores = dict(zip(fcl, probs[i], strict=False))
            if k == 1:
                out.append(LanguageGuess(classes[top_l[i]], top_p[i], scores))
            elif k == 2:
                out.append(LanguageGuess(UND, best_l[i], scores))
            else:
                out.append(LanguageGuess(fcl[first_l[i]], best_l[i], scores))
        return out


_DEFAULT: LanguageDetector | None = None
_LOCK = threading.Lock()


def default_detector() -> LanguageDetector:
    global _DEFAULT
    with _LOCK:
        if _DEFAULT is None:
            _DEFAULT = LanguageDetector()
        return _DEFAULT
