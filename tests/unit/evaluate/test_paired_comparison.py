"""Paired bootstrap comparisons of two models on the same rows."""

import numpy as np
import pytest

from receipts.evaluate.checkworthiness import compare_checkthat, compare_claimbuster
from receipts.evaluate.metrics import paired_bootstrap

CFS, NFS = [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]


def test_identical_systems_differ_by_nothing():
    out = paired_bootstrap(lambda idx: (len(idx), len(idx)), [list(range(10))], resamples=200)
    assert out["diff"] == 0 and out["low"] == 0 and out["high"] == 0 and out["p_greater"] == 0.0


def test_a_better_system_wins_every_resample():
    right = [1] * 50
    wrong = [0] * 50

    def accuracy(idx):
        return sum(wrong[i] for i in idx) / len(idx), sum(right[i] for i in idx) / len(idx)

    out = paired_bootstrap(accuracy, [list(range(50))], resamples=200)
    assert out["diff"] == pytest.approx(1.0)
    assert out["low"] == pytest.approx(1.0) and out["p_greater"] == 1.0


def test_groups_keep_their_sizes():
    seen = []

    def statistic(idx):
        seen.append(sorted(idx))
        return 0.0, 0.0

    paired_bootstrap(statistic, [[0, 1], [2, 3, 4]], resamples=50, seed=3)
    for drawn in seen[1:]:
        assert sum(i < 2 for i in drawn) == 2 and sum(i >= 2 for i in drawn) == 3


def test_the_same_seed_gives_the_same_interval():
    values = list(np.random.default_rng(0).random(40))

    def statistic(idx):
        return 0.5, sum(values[i] for i in idx) / len(idx)

    a = paired_bootstrap(statistic, [list(range(40))], resamples=300, seed=5)
    b = paired_bootstrap(statistic, [list(range(40))], resamples=300, seed=5)
    assert a == b and a["low"] < a["diff"] < a["high"]


def test_claimbuster_comparison_scores_cfs_f1_of_each_model():
    rows = [{"label": label} for label in ["CFS", "CFS", "NFS", "NFS"]]
    a = np.array([CFS, NFS, CFS, NFS])  # tp 1, fp 1, fn 1: F1 0.5
    b = np.array([CFS, CFS, NFS, NFS])  # all right: F1 1.0
    out = compare_claimbuster(rows, a, b, resamples=100)
    assert out["a"] == pytest.approx(0.5) and out["b"] == pytest.approx(1.0)
    assert out["diff"] == pytest.approx(0.5) and out["metric"] == "cfs_f1"


def test_checkthat_comparison_ranks_within_each_debate():
    rows = [
        {"document": "d1", "label": 1},
        {"document": "d1", "label": 0},
        {"document": "d2", "label": 0},
        {"document": "d2", "label": 1},
    ]
    a = np.array([[0, 0, 0.1], [0, 0, 0.9], [0, 0, 0.9], [0, 0, 0.1]])  # worthy ranked second in both
    b = np.array([[0, 0, 0.9], [0, 0, 0.1], [0, 0, 0.1], [0, 0, 0.9]])  # worthy ranked first in both
    out = compare_checkthat(rows, a, b, resamples=100)
    assert out["a"] == pytest.approx(0.5) and out["b"] == pytest.approx(1.0)
    assert out["p_greater"] >= 0.5


def _doc(tp: int, pred: int, gold: int, hits: int, total: int):
    from receipts.evaluate.attribution import new_counts

    counts = new_counts()
    for c in counts.values():
        c.add(tp, pred, gold)
    return counts, hits, total


def test_attribution_comparison_is_paired_over_articles():
    from receipts.evaluate.suite import _attribution_comparison

    a = [_doc(1, 2, 2, 1, 2), _doc(0, 1, 1, 0, 1)]
    b = [_doc(2, 2, 2, 2, 2), _doc(1, 1, 1, 1, 1)]
    out = _attribution_comparison(a, b, resamples=100)
    assert set(out) == {"source_f1", "cue_f1", "content_f1", "speaker_accuracy"}
    assert out["source_f1"]["a"] == pytest.approx(1 / 3, abs=1e-4) and out["source_f1"]["b"] == 1.0
    assert out["speaker_accuracy"]["p_greater"] == 1.0
