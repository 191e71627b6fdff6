"""Promise, agreement and intention detection on our own labelled sentences (tests/data/commitments_dev.jsonl)."""

from __future__ import annotations

from receipts.evaluate.metrics import classification_report, prf

PRIORITY = ("promise", "agreement", "intention")
GOLD_MAP = {"promise": "promise", "agreement": "agreement", "intention": "intention", "fact": "none", "none": "none"}


def predicted_label(commitments) -> str:
    kinds = {c.kind for c in commitments}
    return next((k for k in PRIORITY if k in kinds), "none")


def evaluate_commitments(rows: list[dict], docs) -> dict:
    """Score detection of commitments (promise or agreement) and the four-way separation.

    :param rows: ``{"text", "label"}`` with label promise / agreement / intention / fact / none.
    :param docs: Parsed Docs for the rows, in order, with ``doc._.commitments`` set.
    """
    gold = [GOLD_MAP[r["label"]] for r in rows]
    pred = [predicted_label(d._.commitments) for d in docs]
    is_commit = lambda label: label in ("promise", "agreement")  # noqa: E731
    tp = sum(1 for g, p in zip(gold, pred) if is_commit(g) and is_commit(p))
    fp = sum(1 for g, p in zip(gold, pred) if not is_commit(g) and is_commit(p))
    fn = sum(1 for g, p in zip(gold, pred) if is_commit(g) and not is_commit(p))
    p, r, f = prf(tp, fp, fn)
    facts_as_commitments = sum(1 for row, pr in zip(rows, pred) if row["label"] == "fact" and pr != "none")
    report = classification_report(gold, pred, ["promise", "agreement", "intention", "none"])
    errors = [{"text": row["text"], "gold": g, "pred": pr} for row, g, pr in zip(rows, gold, pred) if g != pr]
    return {
        "n": len(rows),
        "commitment_precision": p,
        "commitment_recall": r,
        "commitment_f1": f,
        "accuracy": report["accuracy"],
        "macro_f1": report["macro_f1"],
        "per_label": report["per_label"],
        "facts_taken_for_commitments": facts_as_commitments,
        "confusion": report["confusion"],
        "errors": errors,
    }
