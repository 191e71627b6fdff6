"""Numeric-claim type detection on QuanTemp's taxonomy subset."""

from __future__ import annotations

from receipts.evaluate.metrics import classification_report
from receipts.extract.claimtype import CLAIM_TYPES, classify_claim_type


def evaluate_quantemp(rows: list[dict], docs) -> dict:
    """Accuracy and macro-F1 of classify_claim_type against the gold labels."""
    pred = [classify_claim_type(d[:]) for d in docs]
    return classification_report([r["label"] for r in rows], pred, list(CLAIM_TYPES))
