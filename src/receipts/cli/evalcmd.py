"""``receipts eval ...``: measure quality on public and our own labelled data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from receipts import evals
from receipts.config import Settings
from receipts.errors import ReceiptsError

eval_app = typer.Typer(help="Measure quality on evaluation data; --json prints one JSON object as the last line.",
                       no_args_is_help=True)
console = Console()
err = Console(stderr=True)

DataOpt = Annotated[Path, typer.Option("--data", help="A .jsonl or .jsonl.gz data file.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Also print one JSON object as the last line.")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", min=1, help="Score only the first N rows.")]


def _run(fn, *args, **kwargs) -> dict:
    try:
        return fn(Settings(), *args, **kwargs)
    except ReceiptsError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)


def _table(title: str, rows: list[tuple[str, object]]) -> None:
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)


@eval_app.command("checkworthiness")
def checkworthiness(data: DataOpt, fmt: Annotated[str, typer.Option("--format", help="claimbuster or checkthat")] = "claimbuster",
                    limit: LimitOpt = None, as_json: JsonOpt = False,
                    prefilter: Annotated[bool, typer.Option("--prefilter/--no-prefilter", help="Score as the pipeline does (prefilter, then model), or the model on every row.")] = True) -> None:
    """Check-worthiness: ClaimBuster macro-F1 and CFS P/R/F1, or CheckThat! 2019 MAP and P@k.

    Rows of a train split are filtered to the part training kept aside; other files are scored whole.
    """
    r = _run(evals.eval_checkworthiness, data, fmt, limit=limit, prefilter=prefilter)
    if fmt == "claimbuster":
        keys = ["macro_f1", "cfs_precision", "cfs_recall", "cfs_f1", "n"]
    else:
        keys = ["map", "p_at_5", "p_at_10", "p_at_20", "n"]
    _table(f"check-worthiness on {data.name} ({r['method']}{', held-out part of train' if r['held_out_of_train'] else ''})",
           [(k, r[k]) for k in keys + (["debates"] if fmt == "checkthat" else ["accuracy"])])
    if as_json:
        sys.stdout.write(json.dumps({k: r[k] for k in keys}) + "\n")


@eval_app.command("quantemp")
def quantemp(data: DataOpt, limit: LimitOpt = None, as_json: JsonOpt = False) -> None:
    """Numeric-claim type detection (temporal / statistical / comparison / interval) accuracy."""
    r = _run(evals.eval_quantemp, data, limit=limit)
    _table(f"claim type on {data.name}", [("accuracy", r["accuracy"]), ("macro_f1", r["macro_f1"]), ("n", r["n"])]
           + [(f"f1 {k}", v["f1"]) for k, v in r["per_label"].items()])
    if as_json:
        sys.stdout.write(json.dumps({"n": r["n"], "accuracy": r["accuracy"], "macro_f1": r["macro_f1"],
                                     "per_label": r["per_label"]}) + "\n")


@eval_app.command("commitments")
def commitments(data: Annotated[Path, typer.Option("--data", help="Labelled sentences (JSONL).")] = Path("tests/data/commitments_dev.jsonl"),
                limit: LimitOpt = None, as_json: JsonOpt = False, errors: Annotated[bool, typer.Option("--errors", help="List misclassified sentences.")] = False) -> None:
    """Promise and agreement detection precision/recall, and separation from intentions and facts."""
    r = _run(evals.eval_commitments, data, limit=limit)
    _table(f"commitments on {data.name}", [(k, r[k]) for k in ("commitment_precision", "commitment_recall", "commitment_f1",
                                                                 "accuracy", "macro_f1", "facts_taken_for_commitments", "n")])
    if errors:
        for e in r["errors"]:
            console.print(f"  {e['gold']} -> {e['pred']}: {e['text']}", highlight=False)
    if as_json:
        sys.stdout.write(json.dumps({k: r[k] for k in ("n", "commitment_precision", "commitment_recall", "commitment_f1",
                                                       "accuracy", "macro_f1", "per_label")}) + "\n")


@eval_app.command("stories")
def stories(data: Annotated[Path, typer.Option("--data", help="Stories (JSONL).")] = Path("tests/data/stories.jsonl"),
            limit: LimitOpt = None, as_json: JsonOpt = False,
            errors: Annotated[bool, typer.Option("--errors", help="List the stories that failed.")] = False) -> None:
    """End-to-end: each story (a claim plus a later record) ingested into a fresh store and verified."""
    r = _run(evals.eval_stories, data, limit=limit)
    _table(f"stories on {data.name}", [("accuracy", r["accuracy"]), ("correct", r["correct"]), ("n", r["n"])]
           + [(f"  {k}", v) for k, v in r["per_category"].items()])
    if errors:
        for x in r["results"]:
            if not x["correct"]:
                console.print(f"  {x['id']}: expected {x['expected']}, got {x['predicted']} — {x['detail']}", highlight=False)
    if as_json:
        sys.stdout.write(json.dumps({k: r[k] for k in ("n", "correct", "accuracy", "per_category")}) + "\n")


@eval_app.command("verify")
def verify(data: DataOpt, fmt: Annotated[str, typer.Option("--format", help="nli, climate-fever, averitec or politihop")] = "nli",
           limit: LimitOpt = None, as_json: JsonOpt = False) -> None:
    """Verification quality: label accuracy, macro-F1 and the confusion matrix."""
    r = _run(evals.eval_verify, data, fmt, limit=limit)
    _table(f"verify on {data.name} ({r['method']})", [("accuracy", r["accuracy"]), ("macro_f1", r["macro_f1"]), ("n", r["n"])]
           + ([("accuracy_3way", r["accuracy_3way"])] if "accuracy_3way" in r else [])
           + [(f"f1 {k}", v["f1"]) for k, v in r["per_label"].items()])
    labels = list(r["confusion"])
    table = Table(title="confusion (rows gold, columns predicted)")
    table.add_column("gold")
    for label in labels:
        table.add_column(label[:12], justify="right")
    for g in labels:
        table.add_row(g, *[str(r["confusion"][g][p]) for p in labels])
    console.print(table)
    if as_json:
        sys.stdout.write(json.dumps({"n": r["n"], "accuracy": r["accuracy"], "macro_f1": r["macro_f1"],
                                     "per_label": r["per_label"]}) + "\n")


@eval_app.command("attribution")
def attribution(data: DataOpt, limit: LimitOpt = None, as_json: JsonOpt = False,
                setting: Annotated[str, typer.Option(
                    help="documents: every span of each article against the primary annotator (the issue's "
                         "measure). sentences: the published setting, only sentences that hold a gold "
                         "attribution, each annotator's copy scored.")] = "documents") -> None:
    """Quote attribution on PolNeAR: source / cue / content P, R, F1 (exact and overlap) and speaker accuracy."""
    from rich.progress import Progress

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("articles", total=limit)
        r = _run(evals.eval_attribution, data, limit=limit, on_progress=lambda: progress.advance(task), setting=setting)
    table = Table(title=f"attribution on {data.name} ({r['articles']} articles, {r['method']}, {r['setting']})")
    table.add_column("part")
    for col in ("P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap", "gold", "predicted"):
        table.add_column(col, justify="right")
    for part in ("source", "cue", "content"):
        table.add_row(part, *[f"{r[f'{part}_{m}{s}']:.4f}" for s in ("", "_overlap") for m in ("precision", "recall", "f1")],
                      str(r[f"{part}_gold"]), str(r[f"{part}_predicted"]))
    console.print(table)
    console.print(f"speaker accuracy: {r['speaker_accuracy']:.4f} of {r['speaker_gold']} gold attributions with a source")
    if as_json:
        keys = ("articles", "source_f1", "cue_f1", "content_f1", "source_f1_overlap", "cue_f1_overlap",
                "content_f1_overlap", "speaker_accuracy")
        sys.stdout.write(json.dumps({k: r[k] for k in keys}) + "\n")
