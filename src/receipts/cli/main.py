"""The ``receipts`` command line: parse input, call one service, render output."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markdown import Markdown
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from receipts import __version__
from receipts.app import services
from receipts.cli import newsroomcmd
from receipts.cli.common import ActorOpt, DbOpt, DocOpt, JsonOpt, LimitOpt, SinceOpt, console, err, fail, settings_for
from receipts.cli.evalcmd import eval_app
from receipts.cli.modelscmd import models_app
from receipts.config import Settings
from receipts.errors import ReceiptsError
from receipts.ingest import Overrides

app = typer.Typer(
    help="receipts: who said what, who promised what, and what the record shows.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Measure throughput.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")
app.add_typer(eval_app, name="eval")
app.add_typer(models_app, name="models")


def version_cb(value: bool) -> None:
    if value:
        console.print(f"receipts {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_cb, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """receipts reads the news and keeps the receipts."""
    from pydantic import ValidationError

    try:
        Settings()
    except ValidationError as exc:  # a RECEIPTS_* variable (or .env line) that cannot be read: one line each
        for problem in exc.errors():
            name = "RECEIPTS_" + "_".join(str(part) for part in problem["loc"]).upper()
            err.print(
                f"[bold red]error:[/] {name}: {escape(problem['msg'])} (got {escape(repr(problem.get('input')))})",
                highlight=False,
                soft_wrap=True,
            )
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, or - for stdin (txt, md, html, json, jsonl, RSS/Atom).")
    ],
    db: DbOpt = None,
    published: Annotated[
        Optional[str], typer.Option(help="Publication date for every document (overrides the file).")
    ] = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet name (overrides the file).")] = None,
    url: Annotated[Optional[str], typer.Option(help="URL (overrides the file).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Title (overrides the file).")] = None,
    author: Annotated[Optional[str], typer.Option(help="Author (overrides the file).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or per-file lines.")] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="Extract in this many local processes (each loads the models once).")
    ] = 1,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--dask-scheduler",
            envvar="RECEIPTS_DASK_SCHEDULER",
            help="Extract on a Dask cluster (tcp://host:8786); needs the 'dask' extra. "
            "This process still writes the store.",
        ),
    ] = None,
    as_json: JsonOpt = False,
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks", help="Follow symlinks in folders that lead outside them (by default they are refused)."
        ),
    ] = False,
) -> None:
    """Ingest documents: store them with provenance and extract quotes, claims, promises and events.

    Prints each stored document's id and how many quotes, claims, commitments and events it holds, and
    warns when a document has no publication date or outlet. Re-ingesting the same text is a no-op.
    A bad file gets one error line and the batch goes on; the exit code is 1 if anything failed.
    """
    from receipts.app import intake

    settings = settings_for(db)
    overrides = Overrides(title=title, source=source, url=url, published=published, author=author)
    try:
        with _bar(quiet) as progress:
            total = services.count_sources(paths, follow_symlinks=follow_symlinks)
            task = progress.add_task("ingesting", total=total)

            def tick(origin: str, outcome: str) -> None:
                done = progress.tasks[0].completed + 1  # a JSON Lines file or a feed holds several documents
                progress.update(
                    task,
                    advance=1,
                    total=max(progress.tasks[0].total or 0, done),
                    description=escape(f"{outcome}: {Path(origin).name[:40]}"),
                )

            report = services.ingest(
                paths,
                settings,
                overrides=overrides,
                on_progress=tick,
                workers=workers,
                scheduler=scheduler,
                follow_symlinks=follow_symlinks,
            )
    except ReceiptsError as exc:
        fail(exc)
    stored = intake.summarize(settings, [doc_id for _, doc_id in report.added])
    for origin, message in report.failed:
        err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    for origin, doc_id, why in report.partial:
        err.print(
            f"[yellow]partial:[/] {escape(origin)} is stored as {doc_id}, but not every stage ran: {escape(why)}; "
            f"'receipts extract --doc {doc_id}' runs them again",
            highlight=False,
            soft_wrap=True,
        )
    for doc in stored:
        for warning in doc["warnings"]:
            err.print(
                f"[yellow]warning:[/] {doc['id']} ({escape(str(doc['origin']))}): {escape(warning)}",
                highlight=False,
                soft_wrap=True,
            )
    if not (report.added or report.duplicates or report.failed):  # an empty JSON list, a folder of nothing
        err.print(
            f"[bold red]error:[/] no documents found in {escape(', '.join(paths))}", highlight=False, soft_wrap=True
        )
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    "run": report.run_id,
                    "documents": stored,
                    "duplicates": [{"origin": o, "id": d} for o, d in report.duplicates],
                    "failed": [{"origin": o, "error": m} for o, m in report.failed],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
        if report.failed:
            raise typer.Exit(1)
        return
    if not quiet:
        for doc in stored:
            counts = ", ".join(f"{n} {name}" for name, n in doc["counts"].items())
            console.print(
                f"{doc['id']}  {escape(str(doc['title'] or doc['origin']))}: {counts}", highlight=False, soft_wrap=True
            )
        for origin, doc_id in report.duplicates:
            err.print(
                f"[yellow]duplicate:[/] {escape(origin)} is already stored as {doc_id}", highlight=False, soft_wrap=True
            )
        for origin, doc_id, of, score in report.near_duplicates:
            err.print(
                f"[yellow]near-duplicate:[/] {escape(origin)} ({doc_id}) republishes {of} ({score:.0%} the same text); "
                f"stored, and counted as one source with it",
                highlight=False,
                soft_wrap=True,
            )
    partial = f", {len(report.partial)} partial" if report.partial else ""
    console.print(
        f"ingested {len(report.added)} new{partial}, {len(report.duplicates)} duplicate, "
        f"{len(report.failed)} failed (run {report.run_id})",
        highlight=False,
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="One document file, or - for stdin.")],
    db: DbOpt = None,
    published: Annotated[
        Optional[str], typer.Option(help="Publication date (YYYY-MM-DD), the anchor for relative times.")
    ] = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet name.")] = None,
    url: Annotated[Optional[str], typer.Option(help="URL.")] = None,
    title: Annotated[Optional[str], typer.Option(help="Title.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest and extract one document, then print everything found in it."""
    settings = settings_for(db)
    try:
        result = services.analyze(
            path, settings, overrides=Overrides(title=title, source=source, url=url, published=published)
        )
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    d = result["document"]
    console.print(
        f"[bold]{escape(str(d['title'] or d['id']))}[/] — {escape(str(d['source'] or 'unknown source'))}, "
        f"{d['published'] or 'undated'} ({d['id']})"
    )
    for name in ("quotes", "claims", "commitments", "events", "actors"):
        console.print(f"  {len(result[name])} {name}")
    if result.get("already_stored"):
        console.print(
            f"[yellow]Already in the store: this is the extraction stored with it. "
            f"'receipts extract --doc {d['id']}' runs extraction again.[/]"
        )
    console.print("Use --json for the full analysis, or 'receipts show ID'.")


@app.command()
def extract(
    db: DbOpt = None,
    doc: DocOpt = None,
    workers: Annotated[int, typer.Option(min=1, help="Extract in this many local processes.")] = 1,
    scheduler: Annotated[
        Optional[str],
        typer.Option(
            "--dask-scheduler", envvar="RECEIPTS_DASK_SCHEDULER", help="Extract on a Dask cluster (tcp://host:8786)."
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Run extraction again over stored documents (after an upgrade or a settings change)."""
    try:
        with _bar(quiet) as progress:
            task = progress.add_task("extracting", total=None)
            n = services.reextract(
                settings_for(db),
                doc=doc,
                workers=workers,
                scheduler=scheduler,
                on_start=lambda total: progress.update(task, total=total),
                on_progress=lambda doc_id, _: progress.update(task, advance=1, description=doc_id),
            )
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps({"documents": n}) + "\n")
        return
    console.print(f"re-extracted {n} documents")


def _bar(quiet: bool = False) -> Progress:
    """The progress bar of a long command: on stderr, only in a terminal, gone when done."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )


def _list(kind: str, db, actor, since, doc, limit, as_json, *, topics: bool = False) -> None:
    from receipts.app import queries

    try:
        rows = queries.list_items(
            settings_for(db), kind, actor=actor, since=since, doc=doc, limit=limit, newest_first=True, topics=topics
        )
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(rows)} {kind}", show_lines=False, expand=True)
    columns = queries.COLUMNS[kind]
    for col in columns:
        if col in ("id", "published", "score", "status", "kind", "mentions", "words", "date", "type", "label"):
            table.add_column(col, no_wrap=True)
        else:  # words wrap; only a word longer than the column is folded
            table.add_column(col, overflow="fold", min_width=8, ratio=3 if col in ("text", "action", "title") else 1)
    for r in rows:
        table.add_row(*[queries.cell(r, c) for c in columns])
    console.print(table)


@app.command()
def quotes(
    db: DbOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    doc: DocOpt = None,
    limit: LimitOpt = 200,
    as_json: JsonOpt = False,
    topics: Annotated[
        bool,
        typer.Option(
            "--topics",
            help="Also list attributions that report no statement: a topic only ('discussed the strategy', "
            "'passed it') or a cue that reports nothing said ('hopes', 'is expected to', 'declined'); "
            "by default only statements are listed.",
        ),
    ] = False,
) -> None:
    """List quotes (statements reported as said, written or believed) with speaker and cue."""
    _list("quotes", db, actor, since, doc, limit, as_json, topics=topics)


@app.command()
def claims(
    db: DbOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    doc: DocOpt = None,
    limit: LimitOpt = 200,
    as_json: JsonOpt = False,
) -> None:
    """List check-worthy claims with their score."""
    _list("claims", db, actor, since, doc, limit, as_json)


@app.command()
def promises(
    db: DbOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    doc: DocOpt = None,
    limit: LimitOpt = 200,
    as_json: JsonOpt = False,
    timeline: Annotated[
        bool,
        typer.Option(
            "--timeline",
            help="Show each pledge once (repeated reports merged) with its status and the dated evidence that "
            "moved it (run 'receipts verify' first).",
        ),
    ] = False,
) -> None:
    """List promises and commitments: who owes what to whom, by when."""
    if not timeline:
        _list("promises", db, actor, since, doc, limit, as_json)
        return
    from receipts.app import pledges

    try:
        items = pledges.tracked_promises(settings_for(db))
    except ReceiptsError as exc:
        fail(exc)
    if actor:
        items = [p for p in items if actor.lower() in (p["actor"] or "").lower()]
    if as_json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False) + "\n")
        return
    for p in items:
        due = f", due {p['deadline']}" if p["deadline"] else ""
        console.print(
            f"[bold]{p['status'].upper()}[/]  {p['actor'] or 'unknown'} {p['cue']}: {p['action']} "
            f"({p['made_on']}{due}) [dim]{p['id']}[/]",
            highlight=False,
        )
        if len(p["appearances"]) > 1:
            also = ", ".join(
                f"{a['published'] or 'undated'} {a['source'] or ''} ({a['id']})" for a in p["appearances"][1:]
            )
            console.print(f"    reported again: {escape(also)}", highlight=False)
        for st in p["timeline"]:
            ev = st["evidence"][0] if st["evidence"] else None
            src = f" — {ev['source'] or ''}: {ev['text'][:110]}" if ev else ""
            console.print(f"    {st['as_of'] or '':10}  {st['status']:<13} {st['reason']}{src}", highlight=False)


@app.command()
def events(
    db: DbOpt = None,
    actor: ActorOpt = None,
    since: SinceOpt = None,
    doc: DocOpt = None,
    limit: LimitOpt = 200,
    as_json: JsonOpt = False,
) -> None:
    """List events (meetings, summits, transfers, visits) with their status."""
    _list("events", db, actor, since, doc, limit, as_json)


@app.command()
def actors(
    db: DbOpt = None, actor: ActorOpt = None, doc: DocOpt = None, limit: LimitOpt = 200, as_json: JsonOpt = False
) -> None:
    """List canonical actors with their aliases and mention counts."""
    _list("actors", db, actor, None, doc, limit, as_json)


@app.command()
def documents(db: DbOpt = None, since: SinceOpt = None, limit: LimitOpt = 200, as_json: JsonOpt = False) -> None:
    """List stored documents with their provenance."""
    _list("documents", db, None, since, None, limit, as_json)


@app.command()
def compact(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Give back space the store no longer uses (SQLite VACUUM, PostgreSQL VACUUM ANALYZE), when no one writes."""
    from receipts.app import services

    try:
        out = services.compact(settings_for(db))
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(out) + "\n")
        return
    if out["bytes_after"] is None:
        console.print(f"compacted: {out['documents']} documents (VACUUM ANALYZE)")
        return
    mb = 1024 * 1024
    console.print(
        f"compacted: {out['bytes_before'] / mb:.1f} MB -> {out['bytes_after'] / mb:.1f} MB on disk "
        f"(database, write-ahead log and vector file), {out['documents']} documents, "
        f"{(out['bytes_per_document'] or 0) / 1000:.1f} kB a document"
    )


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(help="An id from any list: d_…, q_…, c_…, p_…, e_…, n_…, t_….")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one item with its source sentence, the item highlighted."""
    from receipts.app import queries

    try:
        item = queries.show_item(settings_for(db), item_id)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    from rich.text import Text

    console.print(f"[bold]{item['kind']}[/] {item_id}")
    for key, value in item["fields"].items():
        if value not in (None, "", [], {}):
            console.print(f"  [cyan]{key}[/]: {value}", highlight=False)
    d = item["document"]
    console.print(
        f"  [cyan]source[/]: {d['source'] or 'unknown'}, {d['published'] or 'undated'}, {d['title'] or ''} ({d['id']})",
        highlight=False,
    )
    context, a, b = item["context"]
    text = Text("  … ")
    text.append(context[:a])
    text.append(context[a:b], style="bold black on yellow")
    text.append(context[b:])
    text.append(" …")
    console.print(text)


@app.command()
def report(
    db: DbOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", help="md (Markdown text) or rich (rendered in the terminal).")
    ] = "rich",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
) -> None:
    """Summarise each story: timeline, who said what, the claims, the promises and the events."""
    from receipts.app import queries

    if fmt not in ("md", "rich"):
        fail(ValueError(f"--format must be md or rich, not {fmt!r}"))
    try:
        text = queries.report(settings_for(db))
    except ReceiptsError as exc:
        fail(exc)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")
    elif fmt == "md" or not console.is_terminal:
        sys.stdout.write(text + "\n")
    else:
        console.print(Markdown(text))


VERIFY_STEPS = 5  # claims, contradictions, promises, claims about promises, repeats: what verify_all announces


@app.command()
def verify(
    db: DbOpt = None,
    claim: Annotated[Optional[str], typer.Option("--claim", help="Verify only this claim id.")] = None,
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help="Check only what the documents stored since the last "
            "verify touch (everything when nothing was verified yet).",
        ),
    ] = False,
    as_json: JsonOpt = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no verdict table: only the summary line.")
    ] = False,
) -> None:
    """Hold claims against the record: verdicts with evidence, contradictions and promise statuses."""
    from receipts.app import verification

    settings = settings_for(db)
    try:
        with _bar(quiet) as progress:
            # The bar counts the steps of the check (one for --claim); the claims checked so far are in the text.
            task = progress.add_task("verifying claims", total=1 if claim else VERIFY_STEPS)
            checked, steps = [0], [0]

            def advance(_claim_id: str) -> None:
                checked[0] += 1
                step = progress.tasks[0].description.split(" (")[0]
                progress.update(task, description=f"{step} ({checked[0]} claims checked)")

            def step(name: str) -> None:
                if steps[0]:  # the step before this one is done
                    progress.advance(task)
                steps[0] += 1
                progress.update(task, description=f"{name} ({checked[0]} claims checked)")

            if claim:
                verdicts = verification.verify_claims(settings, claim_id=claim, on_progress=advance)
                progress.advance(task)
            else:
                result = verification.verify_all(settings, on_progress=advance, new_only=new, on_stage=step)
                progress.advance(task)
                verdicts, contradictions = result["verdicts"], result["contradictions"]
                promises_, matches = result["promises"], result["matches"]
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(verdicts, ensure_ascii=False) + "\n")
        return
    if quiet:
        labels = Counter(v["label"] for v in verdicts)
        counts = ", ".join(f"{n} {k}" for k, n in sorted(labels.items()))
        console.print(f"{len(verdicts)} claims checked" + (f": {counts}" if counts else ""))
    else:
        _print_verdicts(verdicts)
    if not claim and new and result.get("touched") is not None:
        console.print(
            f"--new: {len(result['touched'])} documents stored since the last verify; "
            f"{len(verdicts)} claims checked again"
        )
    if not claim:
        console.print(
            f"{len(contradictions)} contradictions, {len(promises_)} promises tracked "
            f"({sum(p.get('status') not in (None, 'not yet rated') for p in promises_)} with a status), "
            f"{len(matches)} repeated-claim pairs (see 'receipts contradictions', "
            "'receipts promises --timeline', 'receipts matches')"
        )


@app.command()
def matches(
    db: DbOpt = None,
    claim: Annotated[Optional[str], typer.Option("--claim", help="Only matches of this claim id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The same claim repeated across documents and speakers: first appearance and later ones."""
    from receipts.app import verification

    try:
        items = verification.list_matches(settings_for(db), claim_id=claim)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False) + "\n")
        return
    for m in items:
        copy = " (a republished copy of the same story)" if m.get("republished") else ""
        console.print(f"[bold]{m['level']}[/] {m['similarity']:.2f}{copy}", highlight=False)
        for key in ("first", "later"):
            c = m[key]
            console.print(
                f"    {key:>5}: {c['published'] or '':10} {c['source'] or ''} / "
                f"{c['speaker'] or 'reporter'}: {c['text'][:120]}",
                highlight=False,
            )


_BADGE = {"SUPPORTED": "green", "REFUTED": "red", "DISPUTED": "yellow", "NOT_ENOUGH_INFO": "dim"}


def _print_verdicts(verdicts: list[dict]) -> None:
    for v in verdicts:
        colour = _BADGE.get(v["label"], "white")
        who = v.get("speaker") or "reporter"
        origin = f" [{v['origin']}]" if v.get("origin") else ""
        console.print(
            f"[bold {colour}]{v['label']}[/] {v['confidence']:.2f}{origin} "
            f"[dim]{v['claim_id']}[/] {who}: {v['claim'][:140]}",
            highlight=False,
        )
        console.print(f"    reason: {v['reason']}", highlight=False)
        for e in v["evidence"][:3]:
            if e["stance"] != "neutral":
                console.print(
                    f"    {e['stance']:>7}: {e['source'] or ''} {e['published'] or ''}: {e['text'][:120]}",
                    highlight=False,
                )


@app.command()
def verdicts(
    db: DbOpt = None,
    claim: Annotated[Optional[str], typer.Option("--claim", help="Only this claim id.")] = None,
    history: Annotated[bool, typer.Option("--history", help="Include superseded verdicts.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List stored verdicts (machine and human), with their reasons and evidence."""
    from receipts.app import verification

    try:
        items = verification.list_verdicts(settings_for(db), claim_id=claim, history=history)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False) + "\n")
        return
    _print_verdicts(items)


@app.command()
def contradictions(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Pairs of statements from different sources that cannot both be true (run 'receipts verify' first)."""
    from receipts.app import verification

    try:
        items = verification.list_contradictions(settings_for(db))
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False) + "\n")
        return
    for c in items:
        console.print(f"[bold yellow]{c['reason']}[/] ({c['score']:.2f}) [dim]{c['id']}[/]", highlight=False)
        for side in (c["a"], c["b"]):
            console.print(
                f"    {side['published'] or '':10} {side['source'] or ''} / "
                f"{side['speaker'] or 'reporter'}: {side['text'][:130]}",
                highlight=False,
            )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in plain words.")],
    db: DbOpt = None,
    k: Annotated[int, typer.Option("-k", "--top", min=1, help="How many sentences to return.")] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Hybrid search (BM25 + MiniLM) over every stored sentence."""
    from receipts.app import queries

    try:
        hits = queries.search(settings_for(db), query, k=k)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(hits, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(hits)} sentences for {query!r}", expand=True)
    for col in ("published", "source", "speaker"):
        table.add_column(col, no_wrap=col == "published")
    table.add_column("sentence", ratio=4, overflow="fold")
    for h in hits:
        table.add_row(h["published"] or "", h["source"] or "", h["speaker"] or "", h["text"])
    console.print(table)


@bench_app.command("extract")
def bench_extract(
    n: Annotated[
        int, typer.Option("--articles", "-n", min=1, help="Articles to process (the example corpus, repeated).")
    ] = 500,
    corpus: Annotated[Path, typer.Option(help="Folder of articles to repeat.")] = Path("examples"),
    repeat: Annotated[
        int,
        typer.Option("--repeat", "-r", min=1, help="Time both pipelines this many times, alternately; report medians."),
    ] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Full extraction throughput against bare spaCy nlp.pipe on the same texts."""
    from receipts.evaluate.bench import bench_extract as run_bench

    try:
        result = run_bench(Settings(), corpus=corpus, n=n, repeat=repeat)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    console.print(f"articles: {result['articles']} ({result['words']} words) from {corpus}")
    console.print(
        f"bare spaCy nlp.pipe: {result['bare_articles_per_s']:.1f} articles/s, {result['bare_words_per_s']:.0f} words/s"
    )
    console.print(
        f"full extraction:     {result['full_articles_per_s']:.1f} articles/s, {result['full_words_per_s']:.0f} words/s"
    )
    spread = (
        f" (median of {repeat} rounds; range {result['ratio_min']:.3f}-{result['ratio_max']:.3f})" if repeat > 1 else ""
    )
    console.print(f"ratio full/bare:     {result['ratio']:.3f}{spread}")


@bench_app.command("ingest")
def bench_ingest(
    corpus: Annotated[
        Optional[Path],
        typer.Option(
            help="PolNeAR JSONL (.jsonl or .jsonl.gz) or a folder of articles "
            "[default: ../shared/data/polnear/polnear_dev.jsonl if present, else examples/]."
        ),
    ] = None,
    documents: Annotated[int, typer.Option("--documents", "-n", min=1, help="Articles to ingest, from the top.")] = 84,
    workers: Annotated[str, typer.Option(help="Worker counts to time, comma-separated (1: in this process).")] = "1,2",
    scheduler: Annotated[
        Optional[str], typer.Option("--dask-scheduler", help="Time a Dask cluster instead of local processes.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """End-to-end ingest of real articles against bare spaCy on the same texts, at each worker count."""
    from receipts.errors import ConfigError
    from receipts.evaluate.bench import bench_ingest as run_bench

    if corpus is None:
        polnear = Path("../shared/data/polnear/polnear_dev.jsonl")
        corpus = polnear if polnear.is_file() else Path("examples")
    try:
        counts = tuple(int(w) for w in workers.split(",") if w.strip())
    except ValueError:
        fail(ConfigError(f"--workers takes comma-separated numbers, not {workers!r}"))
    try:
        result = run_bench(Settings(), corpus=corpus, documents=documents, workers=counts, scheduler=scheduler)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    console.print(f"articles: {result['articles']} ({result['words']} words) from {corpus}")
    console.print(
        f"bare spaCy nlp.pipe (1 process): {result['bare_articles_per_s']:.2f} articles/s, "
        f"{result['bare_words_per_s']:.0f} words/s"
    )
    for run in result["runs"]:
        console.print(
            f"ingest, {run['workers']} worker(s) ({run['engine']}): {run['articles_per_s']:.2f} articles/s, "
            f"{run['words_per_s']:.0f} words/s, ratio to bare {run['ratio_to_bare']:.2f}, "
            f"speed-up {run['speedup']:.2f}x, efficiency {run['efficiency']:.2f}, "
            f"{run['bytes_per_article'] / 1000:.1f} kB/article stored, "
            f"{run['compacted_bytes_per_article'] / 1000:.1f} kB after 'receipts compact' "
            f"(+{run['cache_bytes_per_article'] / 1000:.1f} kB verify cache)"
        )


@bench_app.command("verify")
def bench_verify(
    sentences: Annotated[int, typer.Option("--sentences", min=20, help="Synthetic sentences to store first.")] = 20000,
    claims: Annotated[int, typer.Option("--claims", min=1, help="How many claims to time.")] = 20,
    articles: Annotated[
        str | None,
        typer.Option(
            "--articles",
            help="Store sizes in synthetic articles, comma-separated (e.g. 1000,5000,20000): time verify --new "
            "and claim latency as one store grows, with the growth ratios (instead of --sentences).",
        ),
    ] = None,
    folder: Annotated[
        Path, typer.Option("--folder", help="Where the --articles store is built (reused and extended).")
    ] = Path("bench-verify"),
    vocabulary: Annotated[
        Path | None,
        typer.Option(
            "--vocabulary", help="JSONL(.gz) of real articles ('text') to draw words from; default: examples/."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Claim -> verdict latency over a store of synthetic sentences (built in a temporary database)."""
    from receipts.evaluate.bench import bench_verify as run_bench

    try:
        sizes = [int(x) for x in articles.split(",") if x.strip()] if articles else None
    except ValueError:
        fail(ReceiptsError(f"--articles must be whole numbers separated by commas, not {articles!r}"))
    try:
        result = run_bench(
            Settings(),
            sentences=sentences,
            claims=claims,
            articles=sizes,
            folder=folder,
            vocabulary=vocabulary,
            on_size=lambda row: err.print(
                f"measured {row['articles']} articles ({row['claims']} claims, built in {row['build_s']} s): "
                f"verify --new {row['verify_new_s']} s, claim latency median {row['latency_median_s']} s",
                highlight=False,
            ),
        )
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    if sizes:
        for row in result["sizes"]:
            console.print(
                f"{row['articles']:>7} articles ({row['claims']} claims): verify --new after one article "
                f"{row['verify_new_s']} s ({row['verify_new_ratio']}x); claim latency median "
                f"{row['latency_median_s']} s, p95 {row['latency_p95_s']} s ({row.get('latency_ratio')}x); "
                f"whole store ~{row['full_verify_estimate_s']} s ({row.get('full_verify_ratio')}x "
                f"for {row['size_ratio']}x the articles)"
            )
        console.print(
            f"verify cache: {result['verify_cache_bytes_per_article']} bytes per article (NLI: {result['nli']})"
        )
        return
    console.print(
        f"store: {result['sentences']} sentences in {result['documents']} documents "
        f"(ingest {result['ingest_seconds']} s, {result['ingest_sentences_per_s']} sentences/s; "
        f"index load {result['index_load_seconds']} s)"
    )
    console.print(
        f"claim -> verdict over {result['claims_timed']} claims: median {result['latency_median_s']} s, "
        f"p95 {result['latency_p95_s']} s, max {result['latency_max_s']} s (NLI: {result['nli']})"
    )


@bench_app.command("search")
def bench_search(
    sizes: Annotated[
        str, typer.Option("--sizes", help="Store sizes in articles (20 sentences each), comma-separated.")
    ] = "1000,10000,100000",
    folder: Annotated[
        Path, typer.Option("--dir", help="Where to build the store (reused; can reach gigabytes).")
    ] = Path("bench-search"),
    vocabulary: Annotated[
        Optional[Path],
        typer.Option(
            "--vocabulary", help="JSONL(.gz) of real articles ('text') to draw words from; default: examples/."
        ),
    ] = None,
    hybrid: Annotated[bool, typer.Option("--hybrid/--lexical-only", help="Also time search with MiniLM.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Search latency (cold process and warm) and bytes per article as a store grows."""
    from receipts.evaluate.bench import bench_search as run_bench

    try:
        levels = [int(x) for x in sizes.split(",") if x.strip()]
    except ValueError:
        fail(ReceiptsError(f"--sizes must be whole numbers separated by commas, not {sizes!r}"))

    def line(r: dict) -> str:
        text = (
            f"{r['articles']:>7} articles ({r['sentences']} sentences): built in {r['build_s']} s, "
            f"catch-up {r['catch_up_s']} s; {r['bytes_per_article']} bytes/article "
            f"(database {r['db_bytes_per_article']}, vectors {r['vector_bytes_per_article']}); "
            f"lexical: cold {r['lexical_cold_s']} s, warm {r['lexical_warm_ms']} ms"
        )
        if "hybrid_cold_s" in r:
            text += f"; hybrid: cold {r['hybrid_cold_s']} s, warm {r['hybrid_warm_ms']} ms"
        return text

    try:
        rows = run_bench(
            Settings(),
            sizes=levels,
            folder=folder,
            vocabulary=vocabulary,
            hybrid=hybrid,
            on_size=lambda r: err.print(f"measured {line(r).strip()}", highlight=False, soft_wrap=True),
        )
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(rows) + "\n")
        return
    for r in rows:
        console.print(line(r), highlight=False, soft_wrap=True)
        if "growth" in r:
            ratios = ", ".join(f"{k.removesuffix('_ratio')} x{v}" for k, v in r.items() if k.endswith("_ratio"))
            console.print(f"         {r['growth']}x the articles: {ratios}", highlight=False, soft_wrap=True)


@bench_app.command("serve")
def bench_serve(
    db: DbOpt = None,
    clients: Annotated[str, typer.Option("--clients", help="Concurrency levels, comma-separated.")] = "1,4,16,64",
    seconds: Annotated[float, typer.Option("--seconds", min=0.1, help="How long each level runs.")] = 5.0,
    write_every: Annotated[
        int, typer.Option("--write-every", min=0, help="Each client's n-th request is a review write (0: reads only).")
    ] = 10,
    workers: Annotated[
        Optional[int],
        typer.Option(
            "--workers", min=1, max=64, help="Server processes ('receipts serve --workers'); default one per core."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Requests/s, p50, p99 and errors per endpoint for concurrent clients against 'receipts serve' on loopback."""
    from receipts.evaluate.bench import bench_serve as run_bench

    try:
        levels = tuple(int(x) for x in clients.split(",") if x.strip())
    except ValueError:
        fail(ReceiptsError(f"--clients: expected numbers separated by commas, got {clients!r}"))
    try:
        result = run_bench(settings_for(db), clients=levels, seconds=seconds, write_every=write_every, workers=workers)
    except ReceiptsError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    console.print(f"server: {result['workers']} worker process(es) on {result['cores']} core(s)", highlight=False)
    for level in result["levels"]:
        table = Table(
            title=f"{level['clients']} client(s), {level['seconds']} s: {level['reads_per_s']} reads/s, "
            f"{level['errors']} errors of {level['requests']}"
        )
        for col in ("endpoint", "requests", "req/s", "p50 ms", "p99 ms", "errors"):
            table.add_column(col, justify="left" if col == "endpoint" else "right")
        for name, e in level["endpoints"].items():
            table.add_row(
                name,
                str(e["requests"]),
                f"{e['per_s']:.1f}",
                f"{e['p50_ms']:.1f}",
                f"{e['p99_ms']:.1f}",
                str(e["errors"]),
            )
        console.print(table)
        if level["server_cpu_ms"] is not None:
            console.print(
                f"  CPU per request: server {level['server_cpu_ms']} ms, clients {level['client_cpu_ms']} ms; "
                f"{level['cores_busy']} of {result['cores']} cores busy; load average before: {level['load_average']}",
                highlight=False,
            )
    if result["read_ratio_16_1"] is not None:
        console.print(f"read throughput, 16 clients vs 1: {result['read_ratio_16_1']:.2f}x")
    console.print(f"server tracebacks logged: {result['server_tracebacks']}")


app.command("serve")(newsroomcmd.serve)
app.command("review")(newsroomcmd.review)
app.command("audit")(newsroomcmd.audit)
app.command("export")(newsroomcmd.export)
app.command("merge-actors")(newsroomcmd.merge_actors)
app.command("split-actor")(newsroomcmd.split_actor)
app.command("aliases")(newsroomcmd.aliases)
app.command("claimreview")(newsroomcmd.claimreview)
app.add_typer(newsroomcmd.users_app, name="users")


if __name__ == "__main__":
    app()
