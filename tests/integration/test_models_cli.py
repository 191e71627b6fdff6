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
