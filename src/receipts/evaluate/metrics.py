"""Classification and ranking metrics, in plain Python."""

from __future__ import annotations

from collections import Counter


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classification_report(gold: list[str], pred: list[str], labels: list[str] | None = None) -> dict:
    """Return accuracy, macro-F1, per-label P/R/F1/support and the confusion matrix."""
    labels = labels or sorted(set(gold) | set(pred))
    per = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        p, r, f = prf(tp, fp, fn)
        per[label] = {"precision": p, "recall": r, "f1": f, "support": tp + fn}
    confusion = Counter(zip(gold, pred))
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0,
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per) if per else 0.0,
        "per_label": per,
        "confusion": {g: {p: confusion.get((g, p), 0) for p in labels} for g in labels},
    }


def average_precision(ranked_relevance: list[int]) -> float:
    """Average precision of one ranking (1 = relevant), over all relevant items in it."""
    hits, total = 0, 0.0
    for i, rel in enumerate(ranked_relevance, start=1):
        if rel:
            hits += 1
            total += hits / i
    return total / hits if hits else 0.0


def precision_at(ranked_relevance: list[int], k: int) -> float:
    return sum(ranked_relevance[:k]) / k


def calibration_error(scored: list[tuple[float, bool]], *, bins: int = 10) -> dict:
    """Expected calibration error of confidences against right/wrong judgements.

    The confidences are put in ``bins`` equal-width bins; the error is the mean over items of the gap
    between a bin's mean confidence and its share of right items (0: confidence says how often it is
    right; 0.9 stated and 0.1 right gives 0.8).

    :returns: ``ece``, ``n`` and per non-empty bin its range, count, mean confidence and accuracy.
    """
    if not scored:
        return {"ece": None, "n": 0, "bins": []}
    rows = []
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in scored if lo <= c < hi or (b == bins - 1 and c == hi)]
        if not inside:
            continue
        conf = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        total += len(inside) * abs(conf - acc)
        rows.append({"range": [lo, hi], "n": len(inside), "confidence": round(conf, 3), "accuracy": round(acc, 3)})
    return {"ece": round(total / len(scored), 4), "n": len(scored), "bins": rows}


def paired_bootstrap(
    statistic,
    groups: list[list[int]],
    *,
    resamples: int = 2000,
    seed: int = 0,
) -> dict:
    """Paired bootstrap of the difference between two systems scored on the same items.

    ``statistic(indices)`` returns the two systems' figures (a, b) on the items at ``indices`` (with
    repeats). Items are resampled with replacement within each group (one group: plain resampling;
    debates or articles as groups keep each group's share fixed), the same draw for both systems, so the
    interval is that of b - a on this data, not of either figure alone.

    :returns: ``a``, ``b`` and ``diff`` on all items, the 95 % interval of the difference
        (``low``, ``high``), ``p_greater`` (the share of resamples where b beats a) and ``resamples``.
    """
    import random

    everything = [i for g in groups for i in g]
    a, b = statistic(everything)
    rng = random.Random(seed)
    diffs = []
    for _ in range(resamples):
        drawn = [g[rng.randrange(len(g))] for g in groups if g for _ in range(len(g))]
        x, y = statistic(drawn)
        diffs.append(y - x)
    diffs.sort()

    def quantile(q: float) -> float:
        return diffs[min(len(diffs) - 1, max(0, int(round(q * (len(diffs) - 1)))))]

    return {
        "a": a,
        "b": b,
        "diff": b - a,
        "low": quantile(0.025) if diffs else None,
        "high": quantile(0.975) if diffs else None,
        "p_greater": sum(d > 0 for d in diffs) / len(diffs) if diffs else None,
        "resamples": resamples,
    }
