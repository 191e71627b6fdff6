"""Sentence vectors through ONNX Runtime: the sentence-transformers model's own vectors, faster on CPU.

A sentence-transformers folder made of a Transformer, mean pooling and (optionally) normalisation is
exported once, in float32, into the model cache (``RECEIPTS_MODEL_CACHE``, else
``~/.cache/receipts/models``). The export is kept only when it gives the torch model's vectors on probe
sentences (cosine at least 0.9999). It stays float32 on purpose: int8 activations are quantised with one
scale per call, so a sentence's vector would depend on its batch-mates; in float32 padding is masked and
it does not. Stores embedded by either backend are therefore interchangeable.

Example::

    folder = exported_encoder(model_folder, cache)   # once per model; later calls are a few stats
    encoder = OnnxSentenceEncoder(folder, threads=1)
    encoder.encode(["North Korea returned the remains."])  # (1, 384) float32, unit length
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import warnings
from pathlib import Path

import numpy as np

from receipts.errors import ConfigError

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the exported graph or meta.json changes: old exports are then made again
AGREEMENT = 0.9999  # least cosine between torch and ONNX vectors on the probes for an export to be kept
PROBES = (
    "North Korea hasn't returned U.S. soldiers' remains, despite the president's claim.",
    "Only empty transport cases were sent, the agency said on Thursday.",
    "“We will never give up,” she said.",
    "Unemployment fell to 4.1 percent in October, the lowest since 2000 " * 12,  # longer than the window
    "ok",
)
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")


def unsupported(folder: Path) -> str | None:
    """Why this sentence-transformers folder cannot be exported, or None when it can.

    Exported are a Transformer followed by mean pooling, with or without a Normalize module; anything else
    (CLS or max pooling, a Dense layer, a custom module) stays on the torch backend.
    """
    try:
        modules = json.loads((folder / "modules.json").read_text())
    except (OSError, ValueError) as exc:
        return f"no readable modules.json ({exc.__class__.__name__})"
    kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        return f"modules {kinds} are not Transformer, Pooling[, Normalize]"
    if modules[0].get("path"):
        return "the transformer is not at the folder's top"
    try:
        pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text())
    except (OSError, ValueError, KeyError) as exc:
        return f"no readable pooling config ({exc.__class__.__name__})"
    modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode") and v)
    if modes != ["pooling_mode_mean_tokens"]:
        return f"pooling {modes} is not mean pooling"
    if not (folder / "tokenizer.json").is_file():
        return "no tokenizer.json"
    if not any((folder / w).is_file() for w in _WEIGHTS):
        return "no model.safetensors or pytorch_model.bin"
    return None


def _identity(folder: Path) -> str:
    """A key for one model folder's contents as far as stats tell: its path, its weights' size and mtime."""
    parts = [str(folder.resolve()), str(FORMAT)]
    for name in (*_WEIGHTS, "config.json", "tokenizer.json", "sentence_bert_config.json"):
        path = folder / name
        if path.is_file():
            st = path.stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def exported_encoder(folder: Path, cache_dir: Path) -> Path:
    """Return the folder of this model's ONNX export in ``cache_dir``, exporting it first if needed.

    The export is written in a temporary folder and renamed into place only after the check, so an
    interrupted export leaves nothing half-written and processes exporting at once each end with a good one.

    :raises ConfigError: The folder cannot be exported (see :func:`unsupported`), the exporter is not
        installed, or the export does not give the model's vectors.
    """
    why = unsupported(folder)
    if why:
        raise ConfigError(f"{folder}: cannot export to ONNX: {why}")
    final = cache_dir / f"sentence-onnx-{_identity(folder)}"
    if (final / "meta.json").is_file():
        return final
    cache_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".sentence-onnx-", dir=cache_dir))
    try:
        _export(folder, work)
        try:
            work.rename(final)
        except OSError:
            if not (final / "meta.json").is_file():  # not another process's finished export
                raise
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _export(folder: Path, out: Path) -> None:
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import torch
        from sentence_transformers import SentenceTransformer  # noqa: F401 - the reference, below
        from transformers import AutoModel
    except ImportError as exc:
        raise ConfigError(
            "exporting the sentence model needs torch and sentence-transformers (the 'models' extra)"
        ) from exc
    from importlib.util import find_spec

    if find_spec("onnx") is None:
        raise ConfigError("exporting the sentence model needs the onnx package (the 'models' extra)")
    config = _read_json(folder / "sentence_bert_config.json")
    model = AutoModel.from_pretrained(str(folder)).eval()
    max_len = int(config.get("max_seq_length") or getattr(model.config, "max_position_embeddings", 512))
    max_len = min(max_len, getattr(model.config, "max_position_embeddings", max_len))
    takes_types = "token_type_ids" in model.forward.__code__.co_varnames and getattr(model.config, "type_vocab_size", 0)

    class Pooled(torch.nn.Module):
        def __init__(self, inner) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            extra = {"token_type_ids": token_type_ids} if token_type_ids is not None else {}
            hidden = self.inner(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            vec = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(vec, dim=-1)  # unit length, as Embedder gives with either backend

    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if takes_types else [])
    ids = torch.tensor([[2, 3, 4, 5], [2, 3, 0, 0]], dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]], dtype=torch.long)
    args = (ids, mask) + ((torch.zeros_like(ids),) if takes_types else ())
    pooled = Pooled(model)
    log.info("exporting %s to ONNX once, into %s", folder, out.parent)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on shapes it fixed: checked below, on real probes
        torch.onnx.export(
            pooled,
            args,
            str(out / "model.onnx"),
            input_names=names,
            output_names=["embedding"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    shutil.copy(folder / "tokenizer.json", out / "tokenizer.json")
    (out / "meta.json").write_text(
        json.dumps({"format": FORMAT, "source": str(folder.resolve()), "max_length": max_len, "inputs": names})
    )
    # the reference is sentence-transformers itself, so tokenisation and truncation are checked too
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(folder), device="cpu")
    want = reference.encode(list(PROBES), normalize_embeddings=True, convert_to_numpy=True)
    got = OnnxSentenceEncoder(out, threads=1).encode(list(PROBES))
    agreement = float((got * want).sum(axis=1).min())
    if agreement < AGREEMENT:
        raise ConfigError(f"{folder}: the ONNX export differs from the model (cosine {agreement:.5f}); not kept")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


class OnnxSentenceEncoder:
    """Encode sentences with an exported model: batches of similar length, padding masked, float32, unit length."""

    def __init__(self, folder: Path, *, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = _read_json(folder / "meta.json")
        self.max_length = int(meta.get("max_length", 256))
        self.inputs = list(meta.get("inputs", ["input_ids", "attention_mask"]))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, threads)
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(folder / "model.onnx"), opts, providers=["CPUExecutionProvider"])
        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._pad = tok.padding["pad_id"] if tok.padding else (tok.token_to_id("[PAD]") or 0)
        tok.no_padding()
        tok.enable_truncation(self.max_length)
        self._tokenizer = tok

    def feed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The model's inputs for one batch of texts, padded to the longest."""
        return self._batch(self._tokenizer.encode_batch(texts))

    def _batch(self, encodings: list) -> dict[str, np.ndarray]:
        width = max(len(e.ids) for e in encodings)
        ids = np.full((len(encodings), width), self._pad, dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            ids[row, : len(enc.ids)] = enc.ids
            mask[row, : len(enc.ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        return feed

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        """Return one float32 vector per text, in order."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))  # similar lengths: little padding
        out: np.ndarray | None = None
        for lo in range(0, len(order), batch_size):
            part = order[lo : lo + batch_size]
            vecs = self._session.run(["embedding"], self._batch([encodings[i] for i in part]))[0]
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[part] = vecs
        return out
