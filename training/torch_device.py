"""The torch device a training script runs on (shared by the training scripts)."""

from __future__ import annotations


def pick_device(torch, name: str):
    """'auto' takes a CUDA GPU when torch sees one, else the CPU; 'cuda' without one is an error."""
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: no CUDA GPU is visible to torch (this torch build may be CPU-only)")
    return torch.device(name)
