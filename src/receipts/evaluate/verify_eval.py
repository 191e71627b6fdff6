"""Verification quality on public sets: NLI pairs (SICK, ANLI), Climate-FEVER, AVeriTeC, PolitiHop."""

from __future__ import annotations

import numpy as np

from receipts.evaluate.metrics import classification_report

NLI = ("entailment", "neutral", "contradiction")
FEVER = {"entailment": "SUPPORTS", "neutral": "NOT_ENOUGH_INFO", "contradiction": "REFUTES"}


def aggregate_claim(probs: np.ndarray, *, at: float = 0.5) -> str:
    """One label for a claim from its evidence sentences' NLI probabilities (rows: E, N, C)."""
    if not len(probs):
        return "NOT_ENOUGH_INFO"
    e, c = float(probs[:, 0].max()), float(probs[:, 2].max())
    if e >= at and c >= at:
        return "DISPUTED"
    if e >= at and e >= c:
        return "SUPPORTS"
    if c >= at:
        return "REFUTES"
    return "NOT_ENOUGH_INFO"


def evaluate_pairs(rows: list[dict], nli) -> dict:
    """Premise/hypothesis rows with entailment / neutral / contradiction labels."""
    probs = nli.predict([(r["premise"], r["hypothesis"]) for r in rows])
    pred = [NLI[int(i)] for i in probs.argmax(axis=1)]
    gold = [r["label"] for r in rows]
    return {**classification_report(gold, pred, list(NLI)), "predictions": (gold, pred, list(NLI))}


def evaluate_claim_evidence(rows: list[dict], nli, fmt: str) -> dict:
    """Claims with evidence lists; one evidence means a pair, several are aggregated."""
    pairs, owners = [], []
    for i, r in enumerate(rows):
        for ev in r["evidence"]:
            pairs.append((ev, r["claim"]))
            owners.append(i)
    probs = nli.predict(pairs) if pairs else np.zeros((0, 3))
    per_row: dict[int, list] = {}
    for i, p in zip(owners, probs):
        per_row.setdefault(i, []).append(p)
    pred, gold = [], []
    for i, r in enumerate(rows):
        p = np.array(per_row.get(i, []))
        label = aggregate_claim(p)
        if fmt == "climate-fever":
            gold_label = r["label"]
            if len(r["evidence"]) == 1:
                label = "NOT_ENOUGH_INFO" if label == "DISPUTED" else label
                labels = ["SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO"]
            else:
                labels = ["SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO", "DISPUTED"]
        elif fmt == "averitec":
            gold_label = {"CONFLICTING_EVIDENCE": "DISPUTED"}.get(r["label"], r["label"])
            labels = ["SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO", "DISPUTED"]
        else:  # politihop: true / half-true / false
            gold_label = r["label"]
            label = {"DISPUTED": "HALF_TRUE", "NOT_ENOUGH_INFO": "HALF_TRUE"}.get(label, label)
            labels = ["SUPPORTS", "HALF_TRUE", "REFUTES"]
        pred.append(label)
        gold.append(gold_label)
    report = classification_report(gold, pred, labels)
    report["predictions"] = (gold, pred, labels)
    if fmt == "climate-fever" and rows and len(rows[0]["evidence"]) > 1:
        g3 = [r.get("label_3way", g) for r, g in zip(rows, gold)]
        p3 = ["NOT_ENOUGH_INFO" if x == "DISPUTED" else x for x in pred]
        report["accuracy_3way"] = classification_report(g3, p3, ["SUPPORTS", "REFUTES", "NOT_ENOUGH_INFO"])["accuracy"]
    return report


def compare_predictions(a: tuple, b: tuple, *, resamples: int = 2000, seed: int = 0) -> dict:
    """Paired bootstrap (over rows) of accuracy and macro-F1 between two systems' predictions on the same
    rows: ``a`` and ``b`` are (gold, predicted, labels) as the evaluations above keep them.

    :returns: per metric, what :func:`receipts.evaluate.metrics.paired_bootstrap` returns (b - a).
    """
    from receipts.evaluate.metrics import paired_bootstrap

    gold, pred_a, labels = a
    _, pred_b, _ = b
    index = {label: i for i, label in enumerate(labels)}
    g = np.array([index.get(x, -1) for x in gold])
    pa = np.array([index.get(x, -1) for x in pred_a])
    pb = np.array([index.get(x, -1) for x in pred_b])
    rows = [list(range(len(g)))]
    out = {}
    for metric in ("accuracy", "macro_f1"):

        def statistic(at, metric=metric):
            at = np.asarray(at)
            return _score(g[at], pa[at], len(labels), metric), _score(g[at], pb[at], len(labels), metric)

        out[metric] = paired_bootstrap(statistic, rows, resamples=resamples, seed=seed)
    return out


def _score(gold: np.ndarray, pred: np.ndarray, n: int, metric: str) -> float:
    if metric == "accuracy":
        return float(np.mean(gold == pred)) if len(gold) else 0.0
    f1 = []
    for k in range(n):
        tp = float(np.sum((pred == k) & (gold == k)))
        fp = float(np.sum((pred == k) & (gold != k)))
        fn = float(np.sum((pred != k) & (gold == k)))
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1))
