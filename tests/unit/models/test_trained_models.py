"""Large trained models: installed only when every file matches the manifest, re-checked when changed."""

import hashlib

import pytest

from receipts.classify.onnx import resolve_model
from receipts.config import Settings
from receipts.errors import ConfigError
from receipts.models import trained


def _export(folder, body=b"onnx bytes"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.onnx").write_bytes(body)
    (folder / "tokenizer.json").write_text("{}")
    return folder


@pytest.fixture
def fake_manifest(monkeypatch):
    files = {
        "model.onnx": hashlib.sha256(b"onnx bytes").hexdigest(),
        "tokenizer.json": hashlib.sha256(b"{}").hexdigest(),
    }
    known = {
        "tagger-big": {"profile": "accurate", "replaces": "attribution-minilm", "train": "train.py", "files": files}
    }
    monkeypatch.setattr(trained, "manifest", lambda: known)
    return known


def test_install_checks_then_copies(tmp_path, fake_manifest):
    src = _export(tmp_path / "export")
    installed = trained.install_trained("tagger-big", src, tmp_path / "cache")
    assert (installed / "model.onnx").read_bytes() == b"onnx bytes"
    assert trained.installed_path("tagger-big", tmp_path / "cache") == installed


def test_a_different_file_is_refused_and_nothing_is_left(tmp_path, fake_manifest):
    src = _export(tmp_path / "export", body=b"other weights")
    with pytest.raises(ConfigError, match="SHA-256"):
        trained.install_trained("tagger-big", src, tmp_path / "cache")
    cache = tmp_path / "cache"
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_file_changed_after_install_is_refused_at_load(tmp_path, fake_manifest):
    installed = trained.install_trained("tagger-big", _export(tmp_path / "export"), tmp_path / "cache")
    (installed / "model.onnx").write_bytes(b"tampered!!")
    with pytest.raises(ConfigError, match="refusing"):
        trained.installed_path("tagger-big", tmp_path / "cache")


def test_not_installed_names_the_command(tmp_path, fake_manifest):
    with pytest.raises(ConfigError, match="receipts models add tagger-big"):
        trained.installed_path("tagger-big", tmp_path / "cache")


def test_unknown_name(tmp_path, fake_manifest):
    with pytest.raises(ConfigError, match="known: tagger-big"):
        trained.install_trained("nope", tmp_path, tmp_path / "cache")


def test_accurate_profile_points_builtin_settings_at_the_cache(tmp_path, fake_manifest):
    s = Settings(profile="accurate", model_cache=tmp_path / "cache")
    assert s.attribution_model == f"accurate:{tmp_path / 'cache'}"
    assert Settings(profile="accurate", model_cache=tmp_path, attribution_model="none").attribution_model == "none"
    assert Settings(model_cache=tmp_path).attribution_model == "builtin"
    # not installed: loading says how to install it
    with pytest.raises(ConfigError, match="receipts models add"):
        resolve_model(s.attribution_model, "attribution-minilm")
    trained.install_trained("tagger-big", _export(tmp_path / "export"), tmp_path / "cache")
    assert resolve_model(s.attribution_model, "attribution-minilm") == tmp_path / "cache" / "tagger-big"


def test_accurate_profile_keeps_the_shipped_model_where_it_has_none(tmp_path, fake_manifest):
    s = Settings(profile="accurate", model_cache=tmp_path / "cache")
    assert resolve_model(s.nli_model, "nli-minilm") == resolve_model("builtin", "nli-minilm")
