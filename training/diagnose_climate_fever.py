"""How much signal do our models carry on Climate-FEVER claim-evidence pairs? (diagnosis, not training)

Scores every dev pair with the NLI model receipts ships (one pair per call, as receipts runs it)
and with the MiniLM sentence encoder (cosine of claim and evidence), then prints:

- the ranking quality (ROC AUC) of each signal for SUPPORTS, for REFUTES, and for "not NEI";
- macro-F1 of the plain argmax, and the best macro-F1 any pair of logit offsets on
  entailment / contradiction reaches (an oracle: chosen on the same dev pairs);
- macro-F1 of a logistic regression over [log NLI probabilities, cosine], cross-validated over
  claims on dev itself (five folds; another ceiling, since it learns from dev);
- how often the model's calls are right when its probability passes a threshold (the precision
  behind the verifier's RECEIPTS_NLI_SUPPORT_AT / RECEIPTS_NLI_REFUTE_AT).

If even the ceilings stay under the issue's 0.50, the gap is the model's, not the decision rule's.

    HF_HUB_OFFLINE=1 python training/diagnose_climate_fever.py \\
        --data ../shared/data/climate_fever/climate_fever_pairs_dev.jsonl

Needs the training extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import numpy as np

LABELS = ["SUPPORTS", "NOT_ENOUGH_INFO", "REFUTES"]  # the order of the NLI columns E, N, C


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="climate_fever_pairs_dev.jsonl")
    parser.add_argument("--nli-model", default="builtin", help="NLI model folder (default: the shipped one)")
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, roc_auc_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    from receipts.retrieve.dense import make_embedder
    from receipts.verify.nli import OnnxNli

    rows = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    gold = np.array([r["label"] for r in rows])
    probs = OnnxNli(args.nli_model).predict([(r["evidence"][0], r["claim"]) for r in rows])
    embedder = make_embedder(True, "builtin")
    a = embedder.encode([r["claim"] for r in rows])
    b = embedder.encode([r["evidence"][0] for r in rows])
    cosine = (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))

    print(f"pairs: {len(rows)}  " + "  ".join(f"{label} {int((gold == label).sum())}" for label in LABELS))
    print("ROC AUC            SUPPORTS  REFUTES  not-NEI")
    print(
        f"  NLI              {roc_auc_score(gold == 'SUPPORTS', probs[:, 0]):.3f}     "
        f"{roc_auc_score(gold == 'REFUTES', probs[:, 2]):.3f}    "
        f"{roc_auc_score(gold != 'NOT_ENOUGH_INFO', 1 - probs[:, 1]):.3f}"
    )
    print(
        f"  cosine           {roc_auc_score(gold == 'SUPPORTS', cosine):.3f}     "
        f"{roc_auc_score(gold == 'REFUTES', cosine):.3f}    {roc_auc_score(gold != 'NOT_ENOUGH_INFO', cosine):.3f}"
    )

    logp = np.log(probs + 1e-6)
    argmax = np.array(LABELS)[probs.argmax(axis=1)]
    print(f"macro-F1, NLI argmax:                          {f1_score(gold, argmax, average='macro'):.3f}")
    best = max(
        (f1_score(gold, np.array(LABELS)[(logp + [e, 0.0, c]).argmax(axis=1)], average="macro"), e, c)
        for e in np.arange(-4, 4.01, 0.25)
        for c in np.arange(-4, 4.01, 0.25)
    )
    print(f"macro-F1, best E/C offsets (oracle on dev):    {best[0]:.3f} (E {best[1]:+.2f}, C {best[2]:+.2f})")
    features = np.c_[logp, cosine]
    groups = [r["claim_id"] for r in rows]
    pred = cross_val_predict(
        LogisticRegression(max_iter=2000, class_weight="balanced"), features, gold, cv=GroupKFold(5), groups=groups
    )
    print(f"macro-F1, NLI + cosine, 5-fold CV on dev:      {f1_score(gold, pred, average='macro'):.3f}")
    print("precision of the model's calls (pairs called) at probability >= t")
    for label, col in (("REFUTES", 2), ("SUPPORTS", 0)):
        cells = []
        for t in (0.5, 0.6, 0.7, 0.8, 0.9):
            called = probs[:, col] >= t
            right = (gold[called] == label).mean() if called.any() else float("nan")
            cells.append(f"{t:.1f}: {right:.2f} ({int(called.sum())})")
        print(f"  {label:9s} " + "  ".join(cells))


if __name__ == "__main__":
    main()
