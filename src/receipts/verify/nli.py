"""Natural-language inference backends: our ONNX cross-encoder, a user's model, or an OpenAI-compatible LLM."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Protocol

import numpy as np

from receipts.classify import OnnxClassifier, resolve_model
from receipts.errors import ConfigError

NLI_LABELS = ("entailment", "neutral", "contradiction")


class NliBackend(Protocol):
    method: str

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Return ``(n, 3)`` probabilities of entailment, neutral, contradiction for (premise, hypothesis) pairs."""
        ...


class OnnxNli:
    """The receipts cross-encoder (or any exported 3-way NLI model folder).

    Example::

        OnnxNli("builtin").predict([("No remains were returned.", "200 remains were returned.")])
    """

    def __init__(self, model: str | Path = "builtin", *, threads: int = 2) -> None:
        path = resolve_model(model, "nli-minilm")
        if path is None:
            raise ConfigError(
                "no NLI model: train one with training/train_nli.py, or set RECEIPTS_NLI_MODEL to a folder"
            )
        self.classifier = OnnxClassifier(path, max_length=160, threads=threads)
        self.method = f"nli.onnx.{path.name}"

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        probs = self.classifier.predict_proba(pairs)
        order = [self.classifier.labels.index(label) for label in NLI_LABELS]
        return probs[:, order]


class OpenAINli:
    """Ask an OpenAI-compatible chat endpoint (Ollama, vLLM, a hosted service) for an NLI label.

    Example::

        OpenAINli("http://127.0.0.1:11434/v1", model="llama3.1").predict([("premise", "hypothesis")])
    """

    PROMPT = (
        "Premise: {premise}\nHypothesis: {hypothesis}\n"
        "Does the premise entail the hypothesis, contradict it, or neither? "
        'Answer with JSON only: {{"label": "entailment" | "neutral" | "contradiction", "confidence": 0.0-1.0}}'
    )

    def __init__(self, base_url: str, *, model: str, api_key: str | None = None, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.method = f"nli.openai.{model}"

    def _ask(self, client, premise: str, hypothesis: str) -> np.ndarray:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": "You are a careful fact-checking assistant."},
                {"role": "user", "content": self.PROMPT.format(premise=premise, hypothesis=hypothesis)},
            ],
        }
        try:
            resp = client.post(f"{self.base_url}/chat/completions", json=body, headers=headers)
            resp.raise_for_status()
            content = resp.json()["choices"][0]["message"]["content"]
        except Exception as exc:  # network, HTTP and shape errors all mean: this backend failed
            raise ConfigError(f"LLM endpoint {self.base_url}: {exc}") from exc
        return parse_llm_answer(content)

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        import httpx

        with httpx.Client(timeout=self.timeout) as client:
            return np.stack([self._ask(client, p, h) for p, h in pairs]) if pairs else np.zeros((0, 3))


def parse_llm_answer(content: str) -> np.ndarray:
    """Turn an LLM's JSON (or a bare label word) into NLI probabilities."""
    label, conf = None, 0.8
    match = re.search(r"\{.*\}", content, re.S)
    if match:
        try:
            data = json.loads(match.group(0))
            label = str(data.get("label", "")).lower()
            conf = float(data.get("confidence", conf))
        except (ValueError, TypeError):
            label = None
    if label not in NLI_LABELS:
        low = content.lower()
        label = next((name for name in NLI_LABELS if name in low), "neutral")
    conf = min(max(conf, 0.34), 1.0)
    probs = np.full(3, (1 - conf) / 2)
    probs[NLI_LABELS.index(label)] = conf
    return probs


def make_nli(
    spec: str, *, llm_url: str | None = None, llm_model: str | None = None, api_key: str | None = None
) -> NliBackend | None:
    """Build the configured backend: an LLM when an endpoint is set, else ONNX; None when off or absent."""
    if llm_url:
        if not llm_model:
            raise ConfigError("RECEIPTS_LLM_MODEL must name the model served at RECEIPTS_LLM_URL")
        return OpenAINli(llm_url, model=llm_model, api_key=api_key)
    if str(spec).lower() in ("none", "off"):
        return None
    try:
        return OnnxNli(spec)
    except ConfigError:
        if spec == "builtin":
            return None
        raise
