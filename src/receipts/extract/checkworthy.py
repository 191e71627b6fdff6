"""Check-worthiness scoring: a fine-tuned MiniLM classifier (ONNX), with the v1 heuristic as fallback.

The classifier predicts ClaimBuster's three classes: NFS (non-factual), UFS (unimportant factual)
and CFS (check-worthy factual). A unit's check-worthiness score is P(CFS).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from receipts.classify import OnnxClassifier, resolve_model

BUILTIN = "checkworthy-minilm"
METHOD_MODEL = "claims.checkworthy.minilm.v1"
METHOD_HEURISTIC = "claims.heuristic.v1"


class CheckworthyScorer:
    """Score sentences for check-worthiness.

    Example::

        scorer = CheckworthyScorer("builtin")
        scorer.probabilities(["Unemployment fell to 4 percent."])  # [[p_nfs, p_ufs, p_cfs]]
    """

    def __init__(self, model: str | Path | None = "builtin", *, threads: int = 2) -> None:
        from receipts.extract.prefilter import Prefilter

        path = resolve_model(model, BUILTIN)
        self.classifier = OnnxClassifier(path, max_length=48, threads=threads) if path else None
        self.prefilter = Prefilter.load(path) if path else None
        # a model of the user's own is named by its folder, so stored claims say which model scored them
        builtin = model is None or str(model) == "builtin"
        self._method = METHOD_MODEL if builtin else f"claims.checkworthy.{path.name}" if path else METHOD_HEURISTIC

    @property
    def method(self) -> str:
        return self._method if self.classifier else METHOD_HEURISTIC

    @property
    def available(self) -> bool:
        return self.classifier is not None

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Return ``(n, 3)`` probabilities of NFS, UFS, CFS.

        :raises RuntimeError: When no model is configured (use the heuristic instead).
        """
        if self.classifier is None:
            raise RuntimeError("no check-worthiness model configured")
        probs = self.classifier.predict_proba(texts)
        order = [self.classifier.labels.index(label) for label in ("NFS", "UFS", "CFS")]
        return probs[:, order]

    def scores(self, texts: list[str]) -> np.ndarray:
        """Return P(CFS) per text."""
        return self.probabilities(texts)[:, 2]
