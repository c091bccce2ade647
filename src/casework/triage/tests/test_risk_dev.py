"""The shipped risk layer on its two development splits, never trained on.

- ``triage/data/risk_dev.csv``: 20 % of the first hand-written risk messages (one writer, whose
  other 80 % are trained on);
- the dev writers' files (``risk_writer_e.csv``, ``risk_writer_l.csv``): two writers whose
  messages the layer has never read, the better estimate of new messages.

Rule and model changes were judged on them (the held-out ``tests/data/risk_eval.csv`` is only
measured, in ``test_risk_eval.py``). The floors sit a little under what the shipped rules and model
measured (ADR 0002; safety-critical classes, rules 2026.11.4, risk model trained on 16,276 rows with
precision guard 0.6, secondary ratio 0.3: hand-written dev recall 0.966-1.000, precision 0.475-0.700;
dev writers recall 0.938-1.000, precision 0.602-0.800), so a change that loses recall or floods the flags fails here first.
"""

import csv

import pytest

from casework.triage.engine import SAFETY_CRITICAL, TextClassifier
from casework.triage.engine.riskmodel import DATA_DIR, evaluate_dev

FLOORS = {"handwritten": (0.93, 0.42), "writers": (0.9, 0.55)}


@pytest.fixture(scope="module")
def classifier():
    with open(DATA_DIR / "marketplace_train.csv", encoding="utf-8", newline="") as fh:
        train = list(csv.DictReader(fh))
    return TextClassifier().fit([r["text"] for r in train], [r["label"] for r in train])


@pytest.fixture(scope="module", params=sorted(FLOORS))
def figures(request, classifier):
    # encoder=None: the default install's figures, whether or not casework[encoder] is installed here
    return request.param, evaluate_dev(classifier=classifier, split=request.param, encoder=None)


@pytest.mark.parametrize("risk", sorted(SAFETY_CRITICAL))
def test_dev_split_minimums(figures, risk):
    split, per_layer = figures
    recall, precision = per_layer["full"][risk]
    min_recall, min_precision = FLOORS[split]
    assert recall >= min_recall, f"{risk} {split} dev recall {recall:.3f}"
    assert precision >= min_precision, f"{risk} {split} dev precision {precision:.3f}"


def test_the_learned_layer_adds_recall_over_the_rules(figures):
    _split, per_layer = figures
    for risk in SAFETY_CRITICAL:
        assert per_layer["rules+risk_model"][risk][0] >= per_layer["rules"][risk][0]
