"""``receipts serve``, ``users``, ``review``, ``audit`` and ``export``: the newsroom commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from receipts.errors import ReceiptsError

console = Console()
err = Console(stderr=True)
users_app = typer.Typer(help="Manage editors (who may review verdicts).", no_args_is_help=True)

DbOpt = Annotated[Optional[str], typer.Option("--db", help="Database URL or SQLite file path [env: RECEIPTS_DATABASE_URL; default: receipts.db]")]


def _settings(db: str | None):
    from receipts.cli.main import settings_for

    return settings_for(db)


def _fail(exc: Exception):
    err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000) -> None:
    """Serve the web UI and the REST API (/api, docs at /api/docs)."""
    import uvicorn

    from receipts.services import open_store
    from receipts.web import create_app

    settings = _settings(db)
    try:
        open_store(settings)
    except ReceiptsError as exc:
        _fail(exc)
    console.print(f"receipts on http://{host}:{port}  (API docs: http://{host}:{port}/api/docs; Ctrl-C stops)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@users_app.command("add")
def users_add(name: Annotated[str, typer.Argument(help="The editor's login name.")], db: DbOpt = None,
              password: Annotated[Optional[str], typer.Option("--password", envvar="RECEIPTS_NEW_PASSWORD",
                                                                help="Password (prompted when not given) [env: RECEIPTS_NEW_PASSWORD]")] = None) -> None:
    """Create an editor; prints an API token for scripts (shown once)."""
    from receipts.review import add_user

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        token = add_user(_settings(db), name, password)
    except ReceiptsError as exc:
        _fail(exc)
    console.print(f"created editor [bold]{name}[/]. API token (shown once; send as 'Authorization: Bearer …'):")
    sys.stdout.write(token + "\n")


def review(item_id: Annotated[str, typer.Argument(help="A claim id (c_…) or a promise id (p_…).")],
           user: Annotated[str, typer.Option("--user", help="The editor making the review.")],
           rationale: Annotated[str, typer.Option("--rationale", help="Why, in a sentence a reader can check.")],
           verdict: Annotated[Optional[str], typer.Option("--verdict", help="For a claim: SUPPORTED, REFUTED, DISPUTED or NOT_ENOUGH_INFO.")] = None,
           status: Annotated[Optional[str], typer.Option("--status", help="For a promise: not yet rated, in the works, stalled, compromise, kept, broken.")] = None,
           db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json", help="Print the audit entry as JSON.")] = False) -> None:
    """Confirm or override a verdict (or a promise status) as an editor; the change goes to the audit log."""
    from receipts import review as rv

    settings = _settings(db)
    try:
        if item_id.startswith("p_"):
            if not status:
                raise rv.InvalidRequest("a promise review needs --status")
            entry = rv.review_promise(settings, item_id, status, rationale, user)
        else:
            if not verdict:
                raise rv.InvalidRequest("a claim review needs --verdict")
            entry = rv.review_claim(settings, item_id, verdict, rationale, user)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(entry) + "\n")
        return
    before = entry["before"] or {}
    after = entry["after"] or {}
    console.print(f"{entry['action']}: {item_id} {before.get('label') or before.get('status') or '—'} "
                  f"({before.get('origin', 'none')}) → {after.get('label') or after.get('status')} by {entry['user']}",
                  highlight=False)


def audit(db: DbOpt = None, item: Annotated[Optional[str], typer.Option("--id", help="Only changes to this id.")] = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show the audit log of editorial changes, newest first."""
    from receipts.review import audit_log

    try:
        entries = audit_log(_settings(db), entity_id=item)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(entries, indent=1) + "\n")
        return
    table = Table(title="audit log")
    for col in ("when", "who", "what", "action", "before", "after", "rationale"):
        table.add_column(col)
    for e in entries:
        b, a = e["before"] or {}, e["after"] or {}
        table.add_row(e["at"][:19], e["user"], f"{e['entity']} {e['entity_id']}", e["action"],
                      str(b.get("label") or b.get("status") or "—"), str(a.get("label") or a.get("status") or a.get("name") or ""),
                      e["rationale"] or "")
    console.print(table)


def export(what: Annotated[str, typer.Argument(help="claimreview (JSON-LD), claims (CSV or JSON) or report (HTML).")],
           db: DbOpt = None,
           fmt: Annotated[str, typer.Option("--format", help="For claims: csv or json.")] = "json",
           all_verdicts: Annotated[bool, typer.Option("--all", help="ClaimReview for machine verdicts too, not only reviewed ones.")] = False,
           story: Annotated[Optional[int], typer.Option("--story", min=1, help="For report: only story N, numbered as in 'receipts report'.")] = None,
           output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None) -> None:
    """Publish: ClaimReview JSON-LD, claims with verdicts as CSV/JSON, or the HTML report."""
    from receipts import publish

    settings = _settings(db)
    try:
        if what == "claimreview":
            text = json.dumps(publish.export_claimreviews(settings, reviewed_only=not all_verdicts), ensure_ascii=False, indent=1) + "\n"
        elif what == "claims":
            if fmt not in ("csv", "json"):
                raise publish.InvalidRequest(f"--format must be csv or json, not {fmt!r}")
            text = publish.export_claims(settings, fmt)
        elif what == "report":
            text = publish.report_html(settings, story)
        else:
            raise publish.InvalidRequest(f"export what? use claimreview, claims or report, not {what!r}")
    except ReceiptsError as exc:
        _fail(exc)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text)
