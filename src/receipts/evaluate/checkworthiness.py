"""Check-worthiness on ClaimBuster (3 classes) and CheckThat! 2019 (per-debate ranking)."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from receipts.evaluate.metrics import average_precision, classification_report, paired_bootstrap, precision_at, prf

LABELS = ["NFS", "UFS", "CFS"]


def held_out_claimbuster(row_id: object) -> bool:
    """The fixed fifth of ClaimBuster's train file that training never sees."""
    return int(hashlib.sha1(str(row_id).encode()).hexdigest(), 16) % 5 == 4


def held_out_debate(document: str, all_documents: list[str]) -> bool:
    """Every fourth CheckThat! train debate, in sorted order, is kept aside."""
    return sorted(all_documents).index(document) % 4 == 3


def select_rows(rows: list[dict], fmt: str) -> list[dict]:
    """Keep only the held-out part of a train file; other splits are scored whole."""
    if not rows or rows[0].get("split") != "train":
        return rows
    if fmt == "claimbuster":
        return [r for r in rows if held_out_claimbuster(r["id"])]
    docs = sorted({r["document"] for r in rows})
    return [r for r in rows if held_out_debate(r["document"], docs)]


def evaluate_claimbuster(rows: list[dict], probabilities) -> dict:
    """Score 3-class predictions (argmax of NFS/UFS/CFS probabilities)."""
    probs = probabilities([r["text"] for r in rows])
    pred = [LABELS[int(i)] for i in probs.argmax(axis=1)]
    gold = [r["label"] for r in rows]
    report = classification_report(gold, pred, LABELS)
    cfs = report["per_label"]["CFS"]
    return {
        "n": len(rows),
        "macro_f1": report["macro_f1"],
        "cfs_precision": cfs["precision"],
        "cfs_recall": cfs["recall"],
        "cfs_f1": cfs["f1"],
        "accuracy": report["accuracy"],
        "confusion": report["confusion"],
    }


def evaluate_checkthat(rows: list[dict], probabilities) -> dict:
    """MAP over per-debate rankings by P(CFS), with P@5, P@10 and P@20 averaged over debates."""
    probs = probabilities([r["text"] for r in rows])[:, 2]
    by_doc: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for r, p in zip(rows, probs):
        by_doc[r["document"]].append((float(p), int(r["label"])))
    aps, p5, p10, p20 = [], [], [], []
    for doc, items in sorted(by_doc.items()):
        ranked = [rel for _, rel in sorted(items, key=lambda x: -x[0])]
        aps.append(average_precision(ranked))
        p5.append(precision_at(ranked, 5))
        p10.append(precision_at(ranked, 10))
        p20.append(precision_at(ranked, 20))
    mean = lambda xs: sum(xs) / len(xs) if xs else 0.0  # noqa: E731
    return {
        "n": len(rows),
        "map": mean(aps),
        "p_at_5": mean(p5),
        "p_at_10": mean(p10),
        "p_at_20": mean(p20),
        "debates": len(by_doc),
        "per_debate_ap": {d: ap for d, ap in zip(sorted(by_doc), aps)},
    }


def _cfs_f1(gold: list[str], pred: list[str], indices: list[int]) -> float:
    tp = sum(1 for i in indices if gold[i] == "CFS" and pred[i] == "CFS")
    fp = sum(1 for i in indices if gold[i] != "CFS" and pred[i] == "CFS")
    fn = sum(1 for i in indices if gold[i] == "CFS" and pred[i] != "CFS")
    return prf(tp, fp, fn)[2]


def compare_claimbuster(rows: list[dict], probs_a, probs_b, *, resamples: int = 2000) -> dict:
    """CFS F1 of two models on the same rows, with a paired bootstrap over rows of b - a."""
    gold = [r["label"] for r in rows]
    pred_a = [LABELS[int(i)] for i in probs_a.argmax(axis=1)]
    pred_b = [LABELS[int(i)] for i in probs_b.argmax(axis=1)]
    out = paired_bootstrap(
        lambda idx: (_cfs_f1(gold, pred_a, idx), _cfs_f1(gold, pred_b, idx)),
        [list(range(len(rows)))],
        resamples=resamples,
    )
    out["metric"] = "cfs_f1"
    out["unit"] = "rows"
    return out


def _map(scores, labels: list[int], indices_by_doc: dict[str, list[int]]) -> float:
    """Mean over debates of average precision, each debate's drawn sentences ranked by score."""
    aps = []
    for idx in indices_by_doc.values():
        ranked = [labels[i] for i in sorted(idx, key=lambda i: (-float(scores[i]), i))]
        aps.append(average_precision(ranked))
    return sum(aps) / len(aps) if aps else 0.0


def compare_checkthat(rows: list[dict], probs_a, probs_b, *, resamples: int = 2000) -> dict:
    """MAP of two models on the same debates, with a paired bootstrap of b - a that resamples sentences
    within each debate (there are too few debates to resample debates)."""
    labels = [int(r["label"]) for r in rows]
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_doc[r["document"]].append(i)
    docs = sorted(by_doc)
    where = {i: d for d in docs for i in by_doc[d]}
    sa, sb = probs_a[:, 2], probs_b[:, 2]

    def statistic(indices: list[int]) -> tuple[float, float]:
        grouped: dict[str, list[int]] = defaultdict(list)
        for i in indices:
            grouped[where[i]].append(i)
        return _map(sa, labels, grouped), _map(sb, labels, grouped)

    out = paired_bootstrap(statistic, [by_doc[d] for d in docs], resamples=resamples)
    out["metric"] = "map"
    out["unit"] = "sentences within debates"
    return out


def pipeline_probabilities(nlp, scorer):
    """Probabilities as the pipeline computes them: the prefilter first, the model on what it keeps."""
    import numpy as np

    def run(texts: list[str]):
        docs = list(nlp.pipe(texts, batch_size=64))
        keep = [i for i, d in enumerate(docs) if scorer.prefilter is None or scorer.prefilter.keep(d[:])]
        out = np.tile(np.array([1.0, 0.0, 0.0], dtype=np.float32), (len(texts), 1))
        if keep:
            out[keep] = scorer.probabilities([texts[i] for i in keep])
        return out

    return run


def heuristic_probabilities(nlp, threshold: float = 0.5):
    """Probabilities from the v1 heuristic (no model): P(CFS) = score, the rest to NFS."""
    import numpy as np

    from receipts.extract.claims import score_unit

    def run(texts: list[str]):
        scores = np.array([score_unit(doc[:]) for doc in nlp.pipe(texts, batch_size=64)])
        return np.stack([1 - scores, np.zeros_like(scores), scores], axis=1)

    return run


__all__ = [
    "compare_checkthat",
    "compare_claimbuster",
    "evaluate_checkthat",
    "evaluate_claimbuster",
    "heuristic_probabilities",
    "prf",
    "select_rows",
]
