"""What every receipts command shares: the consoles, the common options, settings and error lines."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape

from receipts.config import Settings

console = Console()
err = Console(stderr=True)

DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", help="Database URL or SQLite file path [env: RECEIPTS_DATABASE_URL; default: receipts.db]"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
ActorOpt = Annotated[
    Optional[str], typer.Option("--actor", help="Only items whose speaker/actor name contains this text.")
]
SinceOpt = Annotated[
    Optional[str], typer.Option("--since", help="Only documents published on or after this date (YYYY-MM-DD).")
]
DocOpt = Annotated[Optional[str], typer.Option("--doc", help="Only items from this document id (d_…).")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Show at most this many items.")]


def settings_for(db: str | None) -> Settings:
    """Build Settings from the environment, with --db on top."""
    settings = Settings()
    if db:
        url = db if "://" in db else f"sqlite:///{db}"
        settings = settings.model_copy(update={"database_url": url})
    return settings


def fail(exc: Exception) -> None:
    err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(1)
