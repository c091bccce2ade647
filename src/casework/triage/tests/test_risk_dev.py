"""The shipped risk layer on its development split (``triage/data/risk_dev.csv``).

The dev split is 20 % of the hand-written risk messages, never trained on; rule and model changes
were judged on it (the held-out ``tests/data/risk_eval.csv`` is only measured, in
``test_risk_eval.py``). These floors sit a little under what the shipped rules and model measured
(safety-critical recall 0.917-1.000, precision 0.528-0.880, rules 2026.11.3, see ADR 0002), so a
change that loses recall or floods the flags fails here first.
"""

import csv

import pytest

from casework.triage.engine import SAFETY_CRITICAL, TextClassifier
from casework.triage.engine.riskmodel import DATA_DIR, evaluate_dev


@pytest.fixture(scope="module")
def figures():
    with open(DATA_DIR / "marketplace_train.csv", encoding="utf-8", newline="") as fh:
        train = list(csv.DictReader(fh))
    clf = TextClassifier().fit([r["text"] for r in train], [r["label"] for r in train])
    return evaluate_dev(classifier=clf)


@pytest.mark.parametrize("risk", sorted(SAFETY_CRITICAL))
def test_dev_split_minimums(figures, risk):
    recall, precision = figures["full"][risk]
    assert recall >= 0.9, f"{risk} dev recall {recall:.3f}"
    assert precision >= 0.5, f"{risk} dev precision {precision:.3f}"


def test_the_learned_layer_adds_recall_over_the_rules(figures):
    for risk in SAFETY_CRITICAL:
        assert figures["rules+risk_model"][risk][0] >= figures["rules"][risk][0]
