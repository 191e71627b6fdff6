"""The ONNX sentence encoder gives sentence-transformers' own vectors, exports once, and never half-writes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from receipts.errors import ConfigError
from receipts.retrieve import onnx_encoder
from receipts.retrieve.dense import Embedder, _model_folder
from receipts.retrieve.onnx_encoder import OnnxSentenceEncoder, exported_encoder, unsupported

pytest.importorskip("sentence_transformers")

SENTENCES = [
    "North Korea hasn't returned U.S. soldiers' remains.",
    "“Today, already 200 have been sent back,” the president said at a rally in Minnesota.",
    "The agency clarified that only empty transport cases were sent.",
    "Satellite images show the site is being expanded, analysts said. " * 30,  # far over 256 pieces
    "No.",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    return exported_encoder(_model_folder("builtin"), tmp_path_factory.mktemp("cache"))


def test_vectors_are_the_torch_models_vectors(exported):
    from sentence_transformers import SentenceTransformer

    want = SentenceTransformer(str(_model_folder("builtin")), device="cpu").encode(
        SENTENCES, normalize_embeddings=True, convert_to_numpy=True
    )
    got = OnnxSentenceEncoder(exported).encode(SENTENCES)
    assert got.shape == want.shape == (len(SENTENCES), 384)
    assert float((got * want).sum(axis=1).min()) > 0.9999  # the long one too: truncated where torch truncates
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_a_vector_does_not_depend_on_its_batch_mates(exported):
    encoder = OnnxSentenceEncoder(exported)
    alone = encoder.encode([SENTENCES[0]])[0]
    beside_long = encoder.encode([SENTENCES[3], SENTENCES[0], SENTENCES[4]])[1]
    assert np.abs(alone - beside_long).max() < 1e-5


def test_a_second_call_reuses_the_export(exported):
    stamp = (exported / "model.onnx").stat().st_mtime_ns
    again = exported_encoder(_model_folder("builtin"), exported.parent)
    assert again == exported and (again / "model.onnx").stat().st_mtime_ns == stamp
    assert json.loads((exported / "meta.json").read_text())["max_length"] == 256


def test_a_failed_export_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken(folder, out):
        (out / "model.onnx").write_bytes(b"half")
        raise ConfigError("export interrupted")

    monkeypatch.setattr(onnx_encoder, "_export", broken)
    with pytest.raises(ConfigError, match="interrupted"):
        exported_encoder(_model_folder("builtin"), tmp_path)
    assert list(tmp_path.iterdir()) == []


def _folder(tmp_path: Path, modules: list[str], pooling: dict, *, tokenizer: bool = True) -> Path:
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    entries = [
        {"type": f"sentence_transformers.models.{m}", "path": "" if i == 0 else f"{i}_{m}"}
        for i, m in enumerate(modules)
    ]
    entries[1]["path"] = "1_Pooling"
    (tmp_path / "modules.json").write_text(json.dumps(entries))
    (tmp_path / "model.safetensors").write_bytes(b"")
    if tokenizer:
        (tmp_path / "tokenizer.json").write_text("{}")
    return tmp_path


@pytest.mark.parametrize(
    ("modules", "pooling", "tokenizer", "reason"),
    [
        (["Transformer", "Pooling", "Normalize"], {"pooling_mode_mean_tokens": True}, True, None),
        (["Transformer", "Pooling"], {"pooling_mode_mean_tokens": True}, True, None),
        (["Transformer", "Pooling", "Normalize"], {"pooling_mode_cls_token": True}, True, "not mean pooling"),
        (["Transformer", "Pooling", "Dense"], {"pooling_mode_mean_tokens": True}, True, "are not Transformer"),
        (["Transformer", "Pooling"], {"pooling_mode_mean_tokens": True}, False, "no tokenizer.json"),
    ],
)
def test_only_mean_pooled_transformers_are_exported(tmp_path, modules, pooling, tokenizer, reason):
    why = unsupported(_folder(tmp_path, modules, pooling, tokenizer=tokenizer))
    assert (why is None) if reason is None else (reason in why)


def test_a_model_that_cannot_be_exported_runs_on_torch_or_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="cannot export"):
        exported_encoder(tmp_path, tmp_path / "cache")  # no modules.json
    with pytest.raises(ConfigError, match="backend"):
        Embedder(backend="gpu")
    assert Embedder(backend="torch").runtime == "torch"
