"""``receipts models mpnet``: prints the verified folder, or one clear error line and exit 1."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app
from receipts.models import mpnet

pytestmark = pytest.mark.issue(19)
runner = CliRunner()


def test_models_mpnet_refuses_a_tampered_cached_folder(tmp_path):
    folder = tmp_path / mpnet.MPNET_FOLDER
    folder.mkdir()
    (folder / mpnet.MPNET_WEIGHTS).write_bytes(b"not the model")
    result = runner.invoke(app, ["models", "mpnet", "--cache", str(tmp_path)])
    assert result.exit_code == 1
    assert "model.safetensors: size 13 bytes, expected 437,971,872" in " ".join(result.output.split())


def test_models_mpnet_reads_the_cache_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("RECEIPTS_MODEL_CACHE", str(tmp_path))
    (tmp_path / mpnet.MPNET_FOLDER).mkdir()
    result = runner.invoke(app, ["models", "mpnet"])
    assert result.exit_code == 1
    assert "weights file missing" in " ".join(result.output.split())


def test_an_unknown_profile_is_one_clear_line_not_a_traceback(monkeypatch):
    monkeypatch.setenv("RECEIPTS_PROFILE", "fast")
    result = runner.invoke(app, ["models", "list"])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == ["error: RECEIPTS_PROFILE: Input should be 'default' or 'accurate' (got 'fast')"]
    assert "Traceback" not in result.output


def test_models_add_and_list_with_a_manifest(tmp_path, monkeypatch):
    import hashlib

    from receipts.models import trained

    export = tmp_path / "export"
    export.mkdir()
    (export / "model.onnx").write_bytes(b"weights")
    known = {
        "tagger-big": {
            "profile": "accurate",
            "replaces": "attribution-minilm",
            "setting": "attribution_model",
            "train": "train.py",
            "files": {"model.onnx": hashlib.sha256(b"weights").hexdigest()},
        }
    }
    monkeypatch.setattr(trained, "manifest", lambda: known)
    cache = tmp_path / "cache"
    listed = runner.invoke(app, ["models", "list", "--cache", str(cache)])
    assert listed.exit_code == 0 and "tagger-big: in place of attribution-minilm" in listed.output
    assert "not installed" in listed.output
    added = runner.invoke(app, ["models", "add", "tagger-big", str(export), "--cache", str(cache)])
    assert added.exit_code == 0 and "1 files verified" in " ".join(added.output.split())
    assert "installed, verified" in runner.invoke(app, ["models", "list", "--cache", str(cache)]).output
    (export / "model.onnx").write_bytes(b"other")
    refused = runner.invoke(app, ["models", "add", "tagger-big", str(export), "--cache", str(cache)])
    assert refused.exit_code == 1 and "SHA-256" in refused.output
