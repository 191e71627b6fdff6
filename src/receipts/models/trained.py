"""Models trained by the repository's own scripts that are too large to ship in it.

An MPNet model exported to int8 ONNX is about 110 MB, so it is not committed. Instead the manifest
``trained.json`` beside this module records, for each such model, the SHA-256 of every file of the
export that was measured (the figures are in its model card), the setting it serves and the command
that trains it. ``receipts models add NAME FOLDER`` copies an export into the model cache only when
every file matches, so what the accurate profile loads is the model that was measured, whoever
trained or copied it.

Example::

    install_trained("attribution-mpnet", Path("exports/attribution-mpnet"), cache)   # checks, then copies
    installed_path("attribution-mpnet", cache)   # the folder, checked again if it changed since
"""

from __future__ import annotations

import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from receipts.errors import ConfigError
from receipts.models.mpnet import sha256_file

_MARKER = ".receipts-verified"  # one line per file: "<name> <sha256> <size> <mtime_ns>"


def manifest() -> dict[str, dict]:
    """Return the manifest: model name -> ``{"setting", "files": {name: sha256}, "train", "card"}``."""
    path = Path(str(resources.files("receipts.models") / "trained.json"))
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def entry(name: str) -> dict:
    """Return one model's manifest entry.

    :raises ConfigError: When the manifest has no such model; the message lists the known ones.
    """
    known = manifest()
    if name not in known:
        raise ConfigError(f"no trained model named {name!r}; known: {', '.join(sorted(known)) or 'none'}")
    return known[name]


def hash_folder(folder: Path, files: list[str]) -> dict[str, str]:
    """Return the SHA-256 of each named file in a folder.

    :raises ConfigError: When a file is missing.
    """
    out = {}
    for fname in files:
        path = folder / fname
        if not path.is_file():
            raise ConfigError(f"{path}: missing from the model folder")
        out[fname] = sha256_file(path)
    return out


def _check(folder: Path, expected: dict[str, str], name: str) -> None:
    found = hash_folder(folder, sorted(expected))
    for fname, digest in expected.items():
        if found[fname] != digest:
            raise ConfigError(
                f"{folder / fname}: SHA-256 {found[fname]} is not the {digest} measured for {name}; refusing "
                f"this model (retrain it with the command in its model card, or copy the measured export)"
            )


def _marker_lines(folder: Path, expected: dict[str, str]) -> str:
    lines = []
    for fname in sorted(expected):
        st = (folder / fname).stat()
        lines.append(f"{fname} {expected[fname]} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(lines) + "\n"


def install_trained(name: str, source: Path, cache_dir: Path) -> Path:
    """Copy a trained model's export into ``cache_dir/name`` after checking every file's SHA-256.

    The copy is made in a temporary folder inside the cache and renamed into place only once checked,
    so a refused or interrupted install leaves nothing behind. An older copy is replaced.

    :param name: The manifest name, e.g. ``attribution-mpnet``.
    :param source: The export folder (what the training script's ``--export`` wrote).
    :param cache_dir: The model cache.
    :returns: The installed folder.
    :raises ConfigError: Unknown name, missing file or a digest that differs from the manifest.
    """
    expected = entry(name)["files"]
    if not Path(source).is_dir():
        raise ConfigError(f"{source}: no such folder")
    _check(Path(source), expected, name)
    cache_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=cache_dir))
    try:
        built = work / name
        built.mkdir()
        for fname in expected:
            shutil.copyfile(Path(source) / fname, built / fname)
        _check(built, expected, name)  # the copy itself, not only its source
        (built / _MARKER).write_text(_marker_lines(built, expected))
        final = cache_dir / name
        if final.exists():
            shutil.rmtree(final)
        built.rename(final)
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


def installed_path(name: str, cache_dir: Path) -> Path:
    """Return the installed folder of a trained model, re-hashing any file changed since it was checked.

    :raises ConfigError: When it is not installed (the message gives the command) or a file differs.
    """
    info = entry(name)
    folder = cache_dir / name
    marker = folder / _MARKER
    if not marker.is_file():
        raise ConfigError(
            f"{name} is not installed in {cache_dir}: train it ({info.get('train', 'see its model card')}) "
            f"and run 'receipts models add {name} EXPORT_FOLDER'"
        )
    expected = info["files"]
    unchanged = all((folder / f).is_file() for f in expected) and marker.read_text() == _marker_lines(folder, expected)
    if not unchanged:
        _check(folder, expected, name)  # raises on a missing or different file
        marker.write_text(_marker_lines(folder, expected))
    return folder


__all__ = ["entry", "hash_folder", "install_trained", "installed_path", "manifest"]
