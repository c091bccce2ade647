"""Metrics for ``casework triage eval`` and the benchmark (pure numpy / scikit-learn)."""

from __future__ import annotations

import time
from collections import Counter

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support

from casework.triage.engine.classifier import OOS_LABEL, TextClassifier


def expected_calibration_error(confidences: np.ndarray, correct: np.ndarray, bins: int = 15) -> tuple[float, list]:
    """ECE over equal-width confidence bins, and the bins (for a reliability diagram)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    ece, table = 0.0, []
    for lo, hi in zip(edges[:-1], edges[1:], strict=False):
        mask = (confidences > lo) & (confidences <= hi)
        if not mask.any():
            continue
        acc, conf = float(correct[mask].mean()), float(confidences[mask].mean())
        ece += mask.mean() * abs(acc - conf)
        table.append({"lo": float(lo), "hi": float(hi), "n": int(mask.sum()), "accuracy": acc, "confidence": conf})
    return float(ece), table


def latency(classifier_fn, texts: list[str], *, sample: int = 200) -> dict:
    """p50/p99 of one-at-a-time calls and batched throughput of ``classifier_fn(list_of_texts)``."""
    one = texts[:sample]
    timings = []
    classifier_fn(one[:1])
    for t in one:
        start = time.perf_counter()
        classifier_fn([t])
        timings.append(time.perf_counter() - start)
    start = time.perf_counter()
    classifier_fn(texts)
    batch = time.perf_counter() - start
    timings.sort()
    return {"p50_ms": 1000 * timings[len(timings) // 2], "p99_ms": 1000 * timings[min(len(timings) - 1, int(0.99 * len(timings)))],
            "throughput_per_s": len(texts) / batch if batch else None}


def evaluate_classifier(clf: TextClassifier, texts: list[str], labels: list[str], *, timing: bool = True) -> dict:
    """Accuracy and friends on ``texts``. ``oos`` rows count as correct when rejected.

    ``accuracy`` is over all rows (an in-scope row rejected as out of scope is wrong);
    ``in_scope_accuracy`` over in-scope rows; ``oos_recall`` over ``oos`` rows (None if none).
    """
    preds = clf.predict(texts)
    y = np.array(labels)
    pred_label = np.array([p.label if p.label is not None else OOS_LABEL for p in preds])
    top = np.array([p.top_label for p in preds])
    conf = np.array([p.confidence for p in preds])
    in_mask = y != OOS_LABEL
    result = {
        "n": len(texts),
        "accuracy": float((pred_label == y).mean()),
        "macro_f1": float(f1_score(y, pred_label, average="macro", zero_division=0)),
        "in_scope_accuracy": float((pred_label[in_mask] == y[in_mask]).mean()) if in_mask.any() else None,
        "in_scope_accuracy_no_threshold": float((top[in_mask] == y[in_mask]).mean()) if in_mask.any() else None,
        "oos_recall": float((pred_label[~in_mask] == OOS_LABEL).mean()) if (~in_mask).any() else None,
        "threshold": clf.threshold_,
    }
    ece, bins = expected_calibration_error(conf[in_mask], (top[in_mask] == y[in_mask]))
    result["calibration_error"] = ece
    result["reliability"] = bins
    classes = sorted(set(labels) | set(pred_label.tolist()))
    p, r, f, s = precision_recall_fscore_support(y, pred_label, labels=classes, zero_division=0)
    result["per_class"] = {c: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                           for i, c in enumerate(classes)}
    confused = Counter((t, pl) for t, pl in zip(y.tolist(), pred_label.tolist(), strict=False) if t != pl)
    result["most_confused"] = [{"true": t, "predicted": pl, "count": n} for (t, pl), n in confused.most_common(10)]
    result["labels"] = classes
    result["confusion"] = _confusion(y, pred_label, classes)
    if timing:
        result["latency"] = latency(clf.predict, texts)
    return result


def _confusion(y, pred, classes) -> list[list[int]]:
    index = {c: i for i, c in enumerate(classes)}
    m = np.zeros((len(classes), len(classes)), dtype=int)
    for t, p in zip(y, pred, strict=False):
        m[index[t], index[p]] += 1
    return m.tolist()
