"""``receipts serve``, ``users``, ``review``, ``audit`` and ``export``: the newsroom commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from receipts.cli.common import DbOpt, console, err, fail, settings_for
from receipts.errors import ReceiptsError

users_app = typer.Typer(help="Manage editors (who may review verdicts).", no_args_is_help=True)


_settings = settings_for
_fail = fail


def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes, for more cores (they end with this one).")
    ] = 1,
) -> None:
    """Serve the web UI and the REST API (/api, docs at /api/docs)."""
    import os
    import secrets

    import uvicorn

    from receipts.app.services import open_store
    from receipts.web import create_app

    settings = _settings(db)
    try:
        open_store(settings)  # migrate here, once, before any worker starts
    except ReceiptsError as exc:
        _fail(exc)
    console.print(f"receipts on http://{host}:{port}  (API docs: http://{host}:{port}/api/docs; Ctrl-C stops)")
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
        return
    # Each worker builds its settings from the environment: the same store, and one session key for all.
    os.environ["RECEIPTS_DATABASE_URL"] = settings.database_url
    os.environ["RECEIPTS_SECRET_KEY"] = settings.secret_key or secrets.token_urlsafe(32)
    os.environ["RECEIPTS_SERVE_PID"] = str(os.getpid())  # a worker orphaned while starting ends (web.app)
    uvicorn.run(
        "receipts.web.app:create_worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http="receipts.web.app:NoDelayHTTP",
        log_level="info",
    )


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The editor's login name.")],
    db: DbOpt = None,
    password: Annotated[
        Optional[str],
        typer.Option(
            "--password",
            envvar="RECEIPTS_NEW_PASSWORD",
            help="Password (prompted when not given) [env: RECEIPTS_NEW_PASSWORD]",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"name", "token"} as JSON.')] = False,
) -> None:
    """Create an editor; prints an API token for scripts (shown once)."""
    from receipts.app.review import add_user

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        token = add_user(_settings(db), name, password)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps({"name": name, "token": token}) + "\n")
        return
    console.print(f"created editor [bold]{name}[/]. API token (shown once; send as 'Authorization: Bearer …'):")
    sys.stdout.write(token + "\n")


@users_app.command("list")
def users_list(
    db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False
) -> None:
    """List editors, newest first, with how many reviews each made."""
    from receipts.app.editors import list_users

    try:
        users = list_users(_settings(db))
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(users) + "\n")
        return
    table = Table(title=f"{len(users)} editors")
    for col in ("name", "created", "API token", "reviews"):
        table.add_column(col)
    for u in users:
        table.add_row(
            u["name"], u["created_at"][:16].replace("T", " "), "yes" if u["has_token"] else "no", str(u["changes"])
        )
    console.print(table)


@users_app.command("remove")
def users_remove(
    name: Annotated[str, typer.Argument(help="The editor's login name.")],
    db: DbOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"removed": name} as JSON.')] = False,
) -> None:
    """Remove an editor: their password, API token and sessions stop working; their reviews stay."""
    from receipts.app.editors import remove_user

    if not yes:
        typer.confirm(f"Remove editor {name!r}?", abort=True)
    try:
        remove_user(_settings(db), name)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps({"removed": name}) + "\n")
        return
    console.print(f"removed editor [bold]{name}[/]")


@users_app.command("rotate-token")
def users_rotate_token(
    name: Annotated[str, typer.Argument(help="The editor's login name.")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"name", "token"} as JSON.')] = False,
) -> None:
    """Give an editor a new API token (printed once); the old one stops working."""
    from receipts.app.editors import rotate_token

    try:
        token = rotate_token(_settings(db), name)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps({"name": name, "token": token}) + "\n")
        return
    console.print(f"new API token for [bold]{name}[/] (shown once; the old one no longer works):")
    sys.stdout.write(token + "\n")


def review(
    item_id: Annotated[str, typer.Argument(help="A claim id (c_…) or a promise id (p_…).")],
    user: Annotated[str, typer.Option("--user", help="The editor making the review.")],
    rationale: Annotated[str, typer.Option("--rationale", help="Why, in a sentence a reader can check.")],
    verdict: Annotated[
        Optional[str], typer.Option("--verdict", help="For a claim: SUPPORTED, REFUTED, DISPUTED or NOT_ENOUGH_INFO.")
    ] = None,
    status: Annotated[
        Optional[str],
        typer.Option("--status", help="For a promise: not yet rated, in the works, stalled, compromise, kept, broken."),
    ] = None,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the audit entry as JSON.")] = False,
) -> None:
    """Confirm or override a verdict (or a promise status) as an editor; the change goes to the audit log."""
    from receipts.app import review as rv

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
    console.print(
        f"{entry['action']}: {item_id} {before.get('label') or before.get('status') or '—'} "
        f"({before.get('origin', 'none')}) → {after.get('label') or after.get('status')} by {entry['user']}",
        highlight=False,
    )


def audit(
    db: DbOpt = None,
    item: Annotated[Optional[str], typer.Option("--id", help="Only changes to this id.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the audit log of editorial changes, newest first."""
    from receipts.app.review import audit_log

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
        table.add_row(
            e["at"][:19],
            e["user"],
            f"{e['entity']} {e['entity_id']}",
            e["action"],
            str(b.get("label") or b.get("status") or "—"),
            str(a.get("label") or a.get("status") or a.get("name") or ""),
            e["rationale"] or "",
        )
    console.print(table)


def export(
    what: Annotated[str, typer.Argument(help="claimreview (JSON-LD), claims (CSV or JSON) or report (HTML).")],
    db: DbOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="For claims: csv or json.")] = "json",
    all_verdicts: Annotated[
        bool, typer.Option("--all", help="ClaimReview for machine verdicts too, not only reviewed ones.")
    ] = False,
    story: Annotated[
        Optional[int],
        typer.Option("--story", min=1, help="For report: only story N, numbered as in 'receipts report'."),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Publish: ClaimReview JSON-LD, claims with verdicts as CSV/JSON, or the HTML report."""
    from receipts.app import publish

    settings = _settings(db)
    try:
        if what == "claimreview":
            text = (
                json.dumps(
                    publish.export_claimreviews(settings, reviewed_only=not all_verdicts), ensure_ascii=False, indent=1
                )
                + "\n"
            )
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


def merge_actors(
    keep: Annotated[int, typer.Argument(help="The actor id to keep (see 'receipts actors --json').")],
    drop: Annotated[int, typer.Argument(help="The actor id to fold into it and remove.")],
    rationale: Annotated[str, typer.Option("--rationale", help="Why they are one actor (audited).")],
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the audit entry as JSON.")] = False,
) -> None:
    """Merge two actors that are one: mentions, quotes, claims and promises move; names become aliases."""
    from receipts.app.curation import merge_actors as merge

    try:
        entry = merge(_settings(db), keep, drop, rationale)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(entry) + "\n")
        return
    moved = ", ".join(f"{n} {what}" for what, n in entry["before"]["moved"].items())
    console.print(
        f"merged [bold]{entry['before']['name']}[/] into [bold]{entry['after']['name']}[/] ({moved})", highlight=False
    )


def split_actor(
    actor_id: Annotated[int, typer.Argument(help="The actor to split (see 'receipts actors --json' for ids).")],
    name: Annotated[str, typer.Argument(help="The name that moves to a new actor, e.g. an alias wrongly merged.")],
    rationale: Annotated[str, typer.Option("--rationale", help="Why they are two actors (audited).")],
    also: Annotated[
        Optional[list[str]], typer.Option("--also", help="Another name that moves with it (repeat for more).")
    ] = None,
    docs: Annotated[
        Optional[list[str]], typer.Option("--doc", help="Move only what this document (d_…) says; repeat for more.")
    ] = None,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the audit entry as JSON.")] = False,
) -> None:
    """Split an actor that is two: mentions, quotes, claims and promises under NAME move to a new actor."""
    from receipts.app.curation import split_actor as split

    try:
        entry = split(_settings(db), actor_id, name, rationale, also=also or [], documents=docs or None)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(entry) + "\n")
        return
    moved = ", ".join(f"{n} {what}" for what, n in entry["after"]["moved"].items())
    console.print(
        f"split [bold]{escape(entry['after']['name'])}[/] (actor {entry['after']['id']}) out of "
        f"[bold]{escape(entry['before']['name'])}[/] ({moved})",
        highlight=False,
    )


def aliases(
    actor_id: Annotated[int, typer.Argument(help="The actor (see 'receipts actors --json' for ids).")],
    rationale: Annotated[
        Optional[str], typer.Option("--rationale", help="Why (audited); needed with --add or --remove.")
    ] = None,
    add: Annotated[
        Optional[list[str]], typer.Option("--add", help="A name that also means this actor (repeat for more).")
    ] = None,
    remove: Annotated[
        Optional[list[str]], typer.Option("--remove", help="An alias that does not mean it (repeat for more).")
    ] = None,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show an actor's aliases, or add and remove them: the names later ingests resolve to it."""
    from receipts.app import curation, newsroom

    settings = _settings(db)
    try:
        if (add or remove) and not (rationale or "").strip():
            raise curation.InvalidRequest("--add and --remove need --rationale: say why, for the audit log")
        if add or remove:
            entry = curation.edit_aliases(settings, actor_id, add=add, remove=remove, rationale=rationale or "")
            result = {"id": actor_id, "name": entry["after"]["name"], "aliases": entry["after"]["aliases"]}
            result["audit"] = entry
        else:
            a = newsroom.actor(settings, actor_id)
            result = {"id": a["id"], "name": a["name"], "aliases": a["aliases"]}
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    names = ", ".join(result["aliases"]) or "none"
    console.print(f"[bold]{escape(result['name'])}[/] (actor {result['id']}) aliases: {escape(names)}", highlight=False)


def claimreview(
    claim_id: Annotated[str, typer.Argument(help="The claim (c_…) whose published ClaimReview to show or edit.")],
    summary: Annotated[
        Optional[str],
        typer.Option("--summary", help="The claim as summarised for readers (claimReviewed); '' uses its own words."),
    ] = None,
    body: Annotated[
        Optional[str], typer.Option("--body", help="The review's text (reviewBody); '' removes it.")
    ] = None,
    sources: Annotated[
        Optional[list[str]],
        typer.Option(
            "--source", help="A further source: 'URL' or 'URL name' (repeat for more; replaces the current ones)."
        ),
    ] = None,
    no_sources: Annotated[bool, typer.Option("--no-sources", help="Remove every further source.")] = False,
    rationale: Annotated[
        Optional[str], typer.Option("--rationale", help="Why (audited); needed when anything changes.")
    ] = None,
    user: Annotated[str, typer.Option("--user", help="The editor making the change.")] = "cli",
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ClaimReview JSON-LD only.")] = False,
) -> None:
    """Show a claim's ClaimReview, or edit its summary, review text and further sources (audited)."""
    from receipts.app import newsroom, publish

    settings = _settings(db)
    editing = summary is not None or body is not None or sources or no_sources
    try:
        if editing:
            if not (rationale or "").strip():
                raise publish.InvalidRequest("an edit needs --rationale: say why, for the audit log")
            publish.edit_claimreview(
                settings,
                claim_id,
                claim_reviewed=summary,
                review_body=body,
                sources=[] if no_sources else sources,
                rationale=rationale,
                user=user,
            )
        detail = newsroom.claim(settings, claim_id)
        if not detail["verdict"]:
            raise publish.InvalidRequest(
                f"claim {claim_id} has no verdict yet, so no ClaimReview is published; run 'receipts verify'"
                + (" (the edit is saved)" if editing else "")
            )
        ld = publish.claimreview(settings, detail)
    except ReceiptsError as exc:
        _fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(ld, ensure_ascii=False) + "\n")
        return
    console.print(f"[bold]{ld['reviewRating']['alternateName']}[/]: {escape(ld['claimReviewed'])}", highlight=False)
    if ld.get("reviewBody"):
        console.print(escape(ld["reviewBody"]), highlight=False)
    for c in ld.get("citation", []):
        console.print(f"  source: {escape(c['url'])} {escape(c.get('name') or '')}", highlight=False)
    if editing:
        console.print(f"saved; see 'receipts audit --id {claim_id}'", highlight=False)
