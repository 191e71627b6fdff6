"""Set the check-worthiness prefilter's threshold on real news, so that it keeps what the model would keep.

The prefilter (``train_prefilter.py``) is trained on ClaimBuster's debate sentences, and its threshold
there keeps 95% of the check-worthy training sentences. Its job in the pipeline is narrower: spare the
MiniLM model the units it would score below the claim threshold anyway. This script reads real news
articles (PolNeAR train, leaving out the tenth that ``train_attribution.py`` holds out), runs the pipeline's
claim units through both, and writes the highest threshold at which the prefilter still passes
``--recall`` of the units the model scores at or above ``--claim-threshold``. No gold labels are needed:
the target is the model's own decision. The chosen threshold, the recall and the share of units passed
are printed and written to ``prefilter.json`` beside the weights.

Usage::

    python training/tune_prefilter.py --articles 300 --recall 0.995          # prints, writes nothing
    python training/tune_prefilter.py --articles 300 --recall 0.995 --write
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path

import numpy as np

FOLDER = Path("src/receipts/models/checkworthy-minilm")


def polnear_train(path: Path, n: int) -> list[str]:
    """The first ``n`` PolNeAR train texts outside the held-out tenth (SHA-1 of the id = 0 mod 10)."""
    texts = []
    with gzip.open(path, "rt") as fh:
        for line in fh:
            row = json.loads(line)
            if int(hashlib.sha1(row["id"].encode()).hexdigest(), 16) % 10 == 0:
                continue
            texts.append(row["text"])
            if len(texts) >= n:
                break
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/polnear/polnear_train.jsonl.gz"))
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--recall", type=float, default=0.995, help="share of the model's keeps the prefilter passes")
    ap.add_argument("--claim-threshold", type=float, default=0.5)
    ap.add_argument("--write", action="store_true", help="write the threshold into prefilter.json")
    args = ap.parse_args()

    from rich.progress import track

    from receipts.extract.checkworthy import CheckworthyScorer
    from receipts.extract.claims import claim_candidates
    from receipts.extract.doctext import doc_text
    from receipts.runtime.pipeline import load_nlp, process

    texts = polnear_train(args.data, args.articles)
    nlp = load_nlp()
    scorer = CheckworthyScorer("builtin")
    probs, units = [], []
    for doc in track(process(nlp, ((t, None) for t in texts)), total=len(texts), description="articles"):
        for a, b, *_ in claim_candidates(doc, scorer=scorer):
            probs.append(scorer.prefilter.probability(doc.char_span(a, b, alignment_mode="expand")))
            units.append(doc_text(doc)[a:b])
    p = np.array(probs)
    kept = scorer.scores(units) >= args.claim_threshold
    # the highest threshold that passes the wanted share of the model's keeps
    threshold = float(np.quantile(p[kept], 1.0 - args.recall))
    passed = p >= threshold
    recall = float((passed & kept).sum() / kept.sum())
    print(f"articles {len(texts)}, claim units {len(p)}, the model keeps {int(kept.sum())}")
    old = scorer.prefilter.threshold
    for name, t in (("current", old), ("chosen", threshold)):
        ok = p >= t
        print(
            f"{name} threshold {t:.4f}: passes {ok.mean():.3f} of units, "
            f"{int((ok & kept).sum())}/{int(kept.sum())} = {(ok & kept).sum() / kept.sum():.4f} of the model's keeps"
        )
    if args.write:
        path = FOLDER / "prefilter.json"
        data = json.loads(path.read_text())
        data.update(
            threshold=threshold,
            threshold_source=(
                f"training/tune_prefilter.py --articles {args.articles} --recall {args.recall}: "
                f"{recall:.4f} of the model's keeps on {len(texts)} PolNeAR train articles, "
                f"{passed.mean():.3f} of units passed"
            ),
        )
        path.write_text(json.dumps(data))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
