"""Build the sentiment model that ships with Casework (``engine/data/sentiment.cwm``).

Only data we may redistribute a model of goes in:

* GoEmotions (Apache-2.0, English Reddit comments), mapped to 3 classes: only-negative emotions →
  negative, only-positive emotions → positive, ``neutral`` alone → neutral (mixed rows dropped);
* ``triage/data/sentiment_support.csv``: 270 support messages written for Casework (EN/FR/ES,
  30 per class and language).

UMSAB and TweetEval are research-only: they are used by ``casework bench triage`` to *measure* the
model class, never to train what ships. Run::

    python -m casework.triage.engine.sentiment_build --data ../shared/data
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

from casework.triage.engine.frustration import SentimentModel
from casework.triage.engine.modelfile import dump_model

SUPPORT_CSV = Path(__file__).resolve().parent.parent / "data" / "sentiment_support.csv"
SHIPPED = Path(__file__).resolve().parent / "data" / "sentiment.cwm"
SHIPPED_PARAMS = {"C": 1.0, "per_language": False, "max_word_features": 50_000, "max_char_features": 100_000}
GOEMOTIONS_NEGATIVE = {"anger", "annoyance", "disappointment", "disapproval", "disgust", "embarrassment", "fear",
                       "grief", "nervousness", "remorse", "sadness"}
GOEMOTIONS_POSITIVE = {"admiration", "amusement", "approval", "caring", "desire", "excitement", "gratitude", "joy",
                       "love", "optimism", "pride", "relief"}


def support_rows(path: Path = SUPPORT_CSV) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, languages) of the shipped hand-written support sentiment set."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [r["text"] for r in rows], [r["label"] for r in rows], [r["language"] for r in rows]


def goemotions_sentiment(base: Path, limit: int = 15_000, seed: int = 0) -> tuple[list[str], list[str]]:
    """GoEmotions ``train.tsv`` (original 28 labels) as 3-class sentiment; a seeded sample of ``limit``."""
    names = (base / "labels.txt").read_text(encoding="utf-8").split()
    texts, labels = [], []
    for line in (base / "train.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        emo = {names[int(i)] for i in parts[1].split(",")}
        if emo & GOEMOTIONS_NEGATIVE and not emo & GOEMOTIONS_POSITIVE:
            texts.append(parts[0]), labels.append("negative")
        elif emo & GOEMOTIONS_POSITIVE and not emo & GOEMOTIONS_NEGATIVE:
            texts.append(parts[0]), labels.append("positive")
        elif emo == {"neutral"}:
            texts.append(parts[0]), labels.append("neutral")
    idx = np.random.default_rng(seed).permutation(len(texts))[:limit]
    return [texts[i] for i in idx], [labels[i] for i in idx]


def build_shipped(shared_data: Path | None, out: Path = SHIPPED, *, goemotions_limit: int = 15_000) -> dict:
    """Train on the shippable data and write ``out``; returns the metadata written in its header."""
    texts, labels, langs = support_rows()
    sources = [f"sentiment_support.csv ({len(texts)} rows, EN/FR/ES)"]
    if shared_data is not None:
        ge_texts, ge_labels = goemotions_sentiment(Path(shared_data) / "goemotions" / "original", goemotions_limit)
        texts, labels, langs = ge_texts + texts, ge_labels + labels, ["en"] * len(ge_texts) + langs
        sources.insert(0, f"GoEmotions train, Apache-2.0 ({len(ge_texts)} rows, EN)")
    model = SentimentModel(SHIPPED_PARAMS).fit(texts, labels, langs)
    meta = {"training": sources, "params": model.params, "classes": model.classes_,
            "research_only_data": False}
    dump_model(model, out, metadata=meta)
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, help="shared data directory with goemotions/ (omit: support set only)")
    ap.add_argument("--out", type=Path, default=SHIPPED)
    args = ap.parse_args(argv)
    print(build_shipped(args.data, args.out))


if __name__ == "__main__":
    main()
