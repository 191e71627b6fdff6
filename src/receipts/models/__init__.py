"""Model folders shipped with receipts (ONNX weights, tokenizer and model card)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_model_path(name: str) -> Path:
    """Return the folder of a shipped model, e.g. ``checkworthy-minilm`` or ``nli-minilm``."""
    return Path(str(resources.files("receipts.models") / name))
