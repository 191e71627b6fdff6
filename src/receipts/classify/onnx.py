"""Run an exported sequence classifier (ONNX + tokenizer.json) on CPU."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

from receipts.errors import ConfigError


def resolve_model(spec: str | Path | None, builtin: str) -> Path | None:
    """Turn a setting into a model folder: ``builtin``, a local path, or ``none``.

    :raises ConfigError: When a given path has no ``model.onnx``.
    """
    from receipts.models import builtin_model_path

    if spec is None or str(spec) == "builtin":
        path = builtin_model_path(builtin)
        return path if (path / "model.onnx").is_file() else None
    if str(spec).lower() in ("none", "heuristic", "off"):
        return None
    from receipts.config import ACCURATE_PREFIX
    from receipts.models.trained import installed_path, manifest

    if str(spec).startswith(ACCURATE_PREFIX):
        # the accurate profile: its model for this task from the cache, else the shipped one
        cache = Path(str(spec)[len(ACCURATE_PREFIX) :])
        for name, info in sorted(manifest().items()):
            if info.get("profile") == "accurate" and info.get("replaces") == builtin:
                return installed_path(name, cache)
        return resolve_model("builtin", builtin)
    path = Path(spec).expanduser()

    if path.name in manifest() and ((path / ".receipts-verified").is_file() or not (path / "model.onnx").is_file()):
        # a trained model of the manifest in a model cache: checked, or how to install it
        return installed_path(path.name, path.parent)
    if not (path / "model.onnx").is_file():
        raise ConfigError(f"{path}: no model.onnx there; give a folder exported by training/*.py, 'builtin' or 'none'")
    return path


def special_ids(tokenizer) -> tuple[int, str, int, int]:
    """The padding token (id and text) and the ids that open and close a sequence, as the tokenizer itself
    defines them: ``[PAD]``, ``[CLS]``, ``[SEP]`` for BERT-style vocabularies (MiniLM), ``<pad>``, ``<s>``,
    ``</s>`` for MPNet's (which also holds a ``[PAD]`` it does not pad with), so one path serves both.
    """
    padding = tokenizer.padding
    if padding:
        pad_id, pad_token = int(padding["pad_id"]), str(padding["pad_token"])
    else:
        pad_token = "[PAD]" if tokenizer.token_to_id("[PAD]") is not None else "<pad>"
        pad_id = tokenizer.token_to_id(pad_token) or 0
    tokenizer.no_padding()
    ends = tokenizer.encode("").ids  # an empty text with the special tokens around it
    if padding:
        tokenizer.enable_padding(**{k: v for k, v in padding.items() if k != "length"}, length=padding["length"])
    if len(ends) != 2:
        raise ValueError(f"the tokenizer does not wrap a text in two special tokens (got {ends})")
    return pad_id, pad_token, ends[0], ends[1]


class OnnxClassifier:
    """A sequence (or sequence-pair) classifier exported to ONNX.

    Example::

        clf = OnnxClassifier(Path("src/receipts/models/nli-minilm"))
        clf.predict_proba([("A man plays.", "Someone plays.")])  # array of shape (1, 3)
    """

    def __init__(self, path: Path, *, max_length: int = 128, threads: int = 2) -> None:
        self.path = Path(path)
        self.max_length = max_length
        self.threads = threads
        self.labels: list[str] = json.loads((self.path / "labels.json").read_text())
        self._session = None
        self._tokenizer = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the ONNX session and tokenizer (once)."""
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime as ort
                from tokenizers import Tokenizer
            except ImportError as exc:  # pragma: no cover - both are dependencies
                raise ConfigError(
                    "onnxruntime and tokenizers are needed for model-based scoring: pip install onnxruntime tokenizers"
                ) from exc
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = self.threads
            opts.inter_op_num_threads = 1
            self._session = ort.InferenceSession(
                str(self.path / "model.onnx"), opts, providers=["CPUExecutionProvider"]
            )
            tok = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tok.enable_truncation(self.max_length)
            pad_id, pad_token, _, _ = special_ids(tok)
            tok.enable_padding(pad_id=pad_id, pad_token=pad_token)
            self._tokenizer = tok
            # BERT-style models take token_type_ids; MPNet and RoBERTa-style ones have no such input
            self._inputs = {i.name for i in self._session.get_inputs()}

    def predict_proba(self, inputs: list[str] | list[tuple[str, str]], *, batch_size: int = 1) -> np.ndarray:
        """Return class probabilities, one row per input, columns in ``self.labels`` order.

        The int8 models quantise activations with one scale per call, so an input's scores would
        depend on what else shares its batch (by up to 0.2 in probability, measured on SICK).
        The default of one input per call keeps every score reproducible; a larger ``batch_size``
        trades that for speed.
        """
        self.warm_up()
        if not inputs:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        out = []
        order = sorted(range(len(inputs)), key=lambda i: len(str(inputs[i])))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            batch = [inputs[i] for i in idx]
            enc = self._tokenizer.encode_batch(batch)
            feed = {
                "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            }
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.array([e.type_ids for e in enc], dtype=np.int64)
            logits = self._session.run(["logits"], feed)[0]
            logits = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            out.append((idx, probs / probs.sum(axis=1, keepdims=True)))
        result = np.zeros((len(inputs), len(self.labels)), dtype=np.float32)
        for idx, probs in out:
            result[idx] = probs
        return result
