"""A cheap learned prefilter: which claim units are worth sending to the check-worthiness model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from spacy.tokens import Span as SpacySpan

from receipts.extract.claims_features import claim_features

ENT_TYPES = ("PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL", "PERCENT", "MONEY", "ORDINAL", "QUANTITY")


def prefilter_features(span: SpacySpan) -> np.ndarray:
    """Rule features, entity flags and the mean tok2vec vector of a span (all already computed by spaCy)."""
    rules = np.array(list(claim_features(span).values()), dtype=np.float32)
    ents = np.array([any(t.ent_type_ == label for t in span) for label in ENT_TYPES], dtype=np.float32)
    tensor = span.doc.tensor
    if tensor is not None and tensor.size and len(span):
        vec = np.asarray(tensor[span.start : span.end]).mean(axis=0)
        vec = vec / (np.linalg.norm(vec) + 1e-6)
    else:
        vec = np.zeros(96, dtype=np.float32)
    return np.concatenate([rules, ents, vec.astype(np.float32)])


class Prefilter:
    """Logistic regression weights loaded from ``prefilter.json``.

    Example::

        Prefilter.load(Path("src/receipts/models/checkworthy-minilm")).keep(span)
    """

    def __init__(self, coef: list[float], intercept: float, threshold: float) -> None:
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = intercept
        self.threshold = threshold

    @classmethod
    def load(cls, folder: Path) -> "Prefilter | None":
        path = Path(folder) / "prefilter.json"
        if not path.is_file():
            return None
        data = json.loads(path.read_text())
        return cls(data["coef"], data["intercept"], data["threshold"])

    def probability(self, span: SpacySpan) -> float:
        x = prefilter_features(span)
        if x.shape[0] != self.coef.shape[0]:
            return 1.0  # features changed since training: let everything through
        return float(1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept))))

    def keep(self, span: SpacySpan) -> bool:
        return self.probability(span) >= self.threshold
