"""The out-of-scope threshold policy (chosen on held-out scores, never on a test split)."""

import numpy as np

from casework.triage.engine.classifier import choose_threshold


def test_lowest_threshold_reaching_the_oos_recall_floor():
    rng = np.random.default_rng(0)
    conf_in = rng.uniform(0.3, 1.0, 1000)
    correct = rng.uniform(size=1000) < 0.9
    conf_oos = rng.uniform(0.0, 0.8, 200)
    t = choose_threshold(conf_in, correct, conf_oos, 0.03, oos_recall_floor=0.65)
    assert np.mean(conf_oos < t) >= 0.65
    # any lower threshold (the next OOS confidence down) misses the floor
    below = np.sort(conf_oos)[np.sort(conf_oos) < t].max()
    assert np.mean(conf_oos < below) < 0.65
    # the first version's objective is still available
    old = choose_threshold(conf_in, correct, conf_oos, 0.03, oos_recall_floor=None)
    assert 0.0 < old < 1.0

def test_without_oos_rows_rejects_the_target_rate():
    conf_in = np.linspace(0, 1, 1001)
    t = choose_threshold(conf_in, np.ones(1001, bool), np.array([]), 0.03)
    assert abs(np.mean(conf_in < t) - 0.03) < 0.002


def test_floor_zero_rejects_nothing():
    assert choose_threshold(np.array([0.5]), np.array([True]), np.array([0.1, 0.2]), 0.03, oos_recall_floor=0.0) == 0.0
