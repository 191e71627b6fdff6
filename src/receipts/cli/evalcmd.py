"""``receipts eval ...``: measure quality on public and our own labelled data."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from receipts.config import Settings
from receipts.errors import ReceiptsError
from receipts.evaluate import suite as evals

eval_app = typer.Typer(
    help="Measure quality on evaluation data; --json prints one JSON object as the last line.", no_args_is_help=True
)
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


def _records(path: Path, limit: int | None = None) -> int | None:
    """How many records a JSON Lines file (or .jsonl.gz) holds, at most ``limit``: a progress bar's total.

    None when the file cannot be read (the command itself then says why).
    """
    import gzip

    try:
        with (gzip.open if path.suffix == ".gz" else open)(path, "rt", encoding="utf-8") as fh:
            n = sum(1 for line in fh if line.strip())
    except (OSError, UnicodeDecodeError, EOFError):
        return None
    return min(n, limit) if limit else n


def _table(title: str, rows: list[tuple[str, object]]) -> None:
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in rows:
        table.add_row(name, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)


@eval_app.command("checkworthiness")
def checkworthiness(
    data: DataOpt,
    fmt: Annotated[str, typer.Option("--format", help="claimbuster or checkthat")] = "claimbuster",
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    prefilter: Annotated[
        bool,
        typer.Option(
            "--prefilter/--no-prefilter",
            help="Score as the pipeline does (prefilter, then model), or the model on every row.",
        ),
    ] = True,
    against: Annotated[
        Optional[str],
        typer.Option(
            "--against",
            help="Also score another model ('builtin' or a folder with model.onnx) on the same rows and print "
            "a paired bootstrap of the difference (it minus RECEIPTS_CHECKWORTHY_MODEL).",
        ),
    ] = None,
    resamples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples for --against.")] = 2000,
) -> None:
    """Check-worthiness: ClaimBuster macro-F1 and CFS P/R/F1, or CheckThat! 2019 MAP and P@k.

    Rows of a train split are filtered to the part training kept aside; other files are scored whole.
    """
    r = _run(
        evals.eval_checkworthiness, data, fmt, limit=limit, prefilter=prefilter, against=against, resamples=resamples
    )
    if fmt == "claimbuster":
        keys = ["macro_f1", "cfs_precision", "cfs_recall", "cfs_f1", "n"]
    else:
        keys = ["map", "p_at_5", "p_at_10", "p_at_20", "n"]
    keys_shown = keys + (["debates"] if fmt == "checkthat" else ["accuracy"])
    title = f"check-worthiness on {data.name} ({'held-out part of train' if r['held_out_of_train'] else 'all rows'})"
    if "against" not in r:
        _table(f"{title}, {r['method']}", [(k, r[k]) for k in keys_shown])
    else:
        console.print(f"model:   {r['method']}\nagainst: {r['against']['method']}", highlight=False)
        table = Table(title=title)
        table.add_column("metric")
        table.add_column("model", justify="right")
        table.add_column("against", justify="right")
        for k in keys_shown:
            a, b = r[k], r["against"][k]
            table.add_row(k, *(f"{v:.4f}" if isinstance(v, float) else str(v) for v in (a, b)))
        console.print(table)
        c = r["comparison"]
        console.print(
            f"{c['metric']} against - model: {c['diff']:+.4f}, paired bootstrap over "
            f"{c['unit']} ({c['resamples']} resamples) 95% [{c['low']:+.4f}, {c['high']:+.4f}], "
            f"P(> 0) = {c['p_greater']:.3f}",
            highlight=False,
        )
    if as_json:
        out = {k: r[k] for k in keys}
        if "against" in r:
            out["against"] = {k: r["against"][k] for k in keys + ["method"]}
            out["comparison"] = r["comparison"]
        sys.stdout.write(json.dumps(out) + "\n")


@eval_app.command("quantemp")
def quantemp(data: DataOpt, limit: LimitOpt = None, as_json: JsonOpt = False) -> None:
    """Numeric-claim type detection (temporal / statistical / comparison / interval) accuracy."""
    r = _run(evals.eval_quantemp, data, limit=limit)
    _table(
        f"claim type on {data.name}",
        [("accuracy", r["accuracy"]), ("macro_f1", r["macro_f1"]), ("n", r["n"])]
        + [(f"f1 {k}", v["f1"]) for k, v in r["per_label"].items()],
    )
    if as_json:
        sys.stdout.write(
            json.dumps({"n": r["n"], "accuracy": r["accuracy"], "macro_f1": r["macro_f1"], "per_label": r["per_label"]})
            + "\n"
        )


@eval_app.command("commitments")
def commitments(
    data: Annotated[Path, typer.Option("--data", help="Labelled sentences (JSONL).")] = Path(
        "tests/data/commitments_dev.jsonl"
    ),
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    errors: Annotated[bool, typer.Option("--errors", help="List misclassified sentences.")] = False,
) -> None:
    """Promise and agreement detection precision/recall, and separation from intentions and facts."""
    r = _run(evals.eval_commitments, data, limit=limit)
    _table(
        f"commitments on {data.name}",
        [
            (k, r[k])
            for k in (
                "commitment_precision",
                "commitment_recall",
                "commitment_f1",
                "accuracy",
                "macro_f1",
                "facts_taken_for_commitments",
                "n",
            )
        ],
    )
    if errors:
        for e in r["errors"]:
            console.print(f"  {e['gold']} -> {e['pred']}: {e['text']}", highlight=False)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    k: r[k]
                    for k in (
                        "n",
                        "commitment_precision",
                        "commitment_recall",
                        "commitment_f1",
                        "accuracy",
                        "macro_f1",
                        "per_label",
                    )
                }
            )
            + "\n"
        )


@eval_app.command("stories")
def stories(
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            help="Stories: a JSONL file of single-rule stories, or a folder "
            "(or .json file) of real multi-document stories.",
        ),
    ] = Path("tests/data/stories.jsonl"),
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    split: Annotated[
        Optional[str],
        typer.Option("--split", help="Real stories: only this split (dev or test, as the folder's splits.json says)."),
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="List the stories (or real-story items) that failed.")
    ] = False,
    rule_table: Annotated[
        Optional[Path],
        typer.Option(
            "--rule-table",
            help="Real stories, dev split only: put each rule's calls on the gold claims into this rule table "
            "as one source (others kept).",
        ),
    ] = None,
) -> None:
    """End-to-end: each story ingested into a fresh store, verified, and held against its gold."""
    if data.is_dir() or data.suffix == ".json":
        if rule_table is not None and split != "dev":
            err.print(
                "[bold red]error:[/] --rule-table needs --split dev: rules are measured on the dev stories, "
                "never on the test stories they are reported on",
                highlight=False,
            )
            raise typer.Exit(2)
        _real_stories(data, split=split, as_json=as_json, errors=errors, rule_table=rule_table)
        return
    if rule_table is not None:
        err.print("[bold red]error:[/] --rule-table is for real stories (a folder or .json file)", highlight=False)
        raise typer.Exit(2)
    from rich.progress import Progress

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("stories", total=_records(data, limit))
        r = _run(evals.eval_stories, data, limit=limit, on_progress=lambda *_: progress.advance(task))
    _table(
        f"stories on {data.name}",
        [("accuracy", r["accuracy"]), ("correct", r["correct"]), ("n", r["n"])]
        + [(f"  {k}", v) for k, v in r["per_category"].items()],
    )
    if errors:
        for x in r["results"]:
            if not x["correct"]:
                console.print(
                    f"  {x['id']}: expected {x['expected']}, got {x['predicted']} — {x['detail']}", highlight=False
                )
    if as_json:
        sys.stdout.write(json.dumps({k: r[k] for k in ("n", "correct", "accuracy", "per_category")}) + "\n")


def _real_stories(
    data: Path, *, split: str | None, as_json: bool, errors: bool, rule_table: Path | None = None
) -> None:
    from rich.progress import Progress

    from receipts.evaluate.real_stories import load_stories

    with Progress(console=err, transient=True) as progress:
        total = _run(lambda _settings: {"n": len(load_stories(data, split=split))})["n"]
        task = progress.add_task("real stories", total=total)
        r = _run(
            evals.eval_real_stories,
            data,
            split=split,
            on_progress=lambda story_id, _ok: progress.update(task, advance=1, description=story_id),
        )
    v, c, p, q = r["verdicts"], r["contradictions"], r["promises"], r["speakers"]
    _table(
        f"real stories in {data} ({', '.join(r['splits'])}: {r['stories']} stories)",
        [
            ("verdict precision (non-NEI)", v["precision"]),
            (
                f"calibration error of decided verdicts (ECE, {v['calibration']['n']})",
                v["calibration"]["ece"] if v["calibration"]["ece"] is not None else "—",
            ),
            ("verdicts decided / correct", f"{v['decided']} / {v['decided_correct']}"),
            ("coverage of settled gold claims", v["coverage"]),
            ("gold claims / extracted", f"{v['gold_claims']} / {v['extracted']}"),
            ("decided on unlabelled claims", v["unlabelled_decided"]),
            (
                "leads on gold claims / right (the label a rule suggests)",
                f"{r['leads']['on_gold_claims']} / {r['leads']['right']}",
            ),
        ]
        + [
            (f"  leads by {rule}: right / wrong", f"{n['right']} / {n['wrong']}")
            for rule, n in r["leads"]["per_rule"].items()
        ]
        + [(f"  calls by {rule}: right / wrong", f"{n['right']} / {n['wrong']}") for rule, n in r["rules"].items()]
        + [
            ("contradiction precision", c["precision"]),
            ("contradiction recall", c["recall"]),
            ("contradictions found / correct / gold", f"{c['found']} / {c['correct']} / {c['gold']}"),
            ("promise-status precision", p["precision"]),
            ("promises gold / tracked / rated", f"{p['gold']} / {p['tracked']} / {p['rated']}"),
            ("rated items that are not gold promises", p["rated_unlabelled"]),
            ("quote speaker accuracy", q["accuracy"]),
            ("gold quotes / found", f"{q['gold_quotes']} / {q['found']}"),
            ("documents that failed to ingest", r["documents_failed"]),
        ],
    )
    if errors:
        for s in r["per_story"]:
            for x in s["claims"]:
                if x["predicted"] != x["expected"]:
                    console.print(
                        f"  {s['id']} claim {x['text']!r}: expected {x['expected']}, "
                        f"got {x['predicted']} — {x['reason']}",
                        highlight=False,
                        markup=False,
                    )
            for x in s["unlabelled_decided"]:
                console.print(
                    f"  {s['id']} unlabelled {x['claim'][:90]!r}: {x['label']} — {x['reason']}",
                    highlight=False,
                    markup=False,
                )
            for x in s["contradictions"]:
                if not x["correct"]:
                    console.print(
                        f"  {s['id']} wrong contradiction: {x['a'][:70]!r} / {x['b'][:70]!r} — {x['reason']}",
                        highlight=False,
                        markup=False,
                    )
            for x in s["promises"]:
                if not x["correct"]:
                    console.print(
                        f"  {s['id']} promise {x['text'][:60]!r}: expected {x['expected']}, got {x['predicted']}",
                        highlight=False,
                        markup=False,
                    )
            for x in s["rated_unlabelled"]:
                console.print(
                    f"  {s['id']} rated non-gold commitment {x['action'][:60]!r}: {x['status']}",
                    highlight=False,
                    markup=False,
                )
            for x in s["speakers"]:
                if x["found"] and not x["correct"]:
                    console.print(
                        f"  {s['id']} quote {x['text'][:50]!r}: speaker {x['gold']!r}, got {x['predicted']!r}",
                        highlight=False,
                        markup=False,
                    )
    if rule_table is not None:
        source = f"{data.name} ({split} stories)"
        written = _merged_table(rule_table, {"source": source, "rules": r["rules"]})
        console.print(f"{source}: rule counts put into {rule_table} (sources: {written['source']})", highlight=False)
    if as_json:
        sys.stdout.write(
            json.dumps(
                {
                    k: r[k]
                    for k in (
                        "stories",
                        "splits",
                        "verdicts",
                        "rules",
                        "leads",
                        "contradictions",
                        "promises",
                        "speakers",
                        "documents_failed",
                    )
                }
            )
            + "\n"
        )


@eval_app.command("verify")
def verify(
    data: DataOpt,
    fmt: Annotated[str, typer.Option("--format", help="nli, climate-fever, averitec or politihop")] = "nli",
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    against: Annotated[
        Optional[str],
        typer.Option(
            "--against",
            help="Another NLI model ('builtin' or a folder) scored on the same rows, with a paired bootstrap "
            "of the difference in accuracy and macro-F1.",
        ),
    ] = None,
    resamples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples for --against.")] = 2000,
) -> None:
    """Verification quality: label accuracy, macro-F1 and the confusion matrix."""
    r = _run(evals.eval_verify, data, fmt, limit=limit, against=against, resamples=resamples)
    _table(
        f"verify on {data.name} ({r['method']})",
        [("accuracy", r["accuracy"]), ("macro_f1", r["macro_f1"]), ("n", r["n"])]
        + ([("accuracy_3way", r["accuracy_3way"])] if "accuracy_3way" in r else [])
        + [(f"f1 {k}", v["f1"]) for k, v in r["per_label"].items()],
    )
    labels = list(r["confusion"])
    table = Table(title="confusion (rows gold, columns predicted)")
    table.add_column("gold")
    for label in labels:
        table.add_column(label[:12], justify="right")
    for g in labels:
        table.add_row(g, *[str(r["confusion"][g][p]) for p in labels])
    console.print(table)
    if "against" in r:
        console.print(f"model:   {r['method']}\nagainst: {r['against']['method']}", highlight=False)
        for metric, c in r["compared"].items():
            console.print(
                f"{metric}: model {c['a']:.4f}, against {c['b']:.4f}; against - model {c['diff']:+.4f}, paired "
                f"bootstrap over rows ({c['resamples']}): 95% [{c['low']:+.4f}, {c['high']:+.4f}], "
                f"P(against better) {c['p_greater']:.3f}",
                highlight=False,
            )
    if as_json:
        out = {"n": r["n"], "accuracy": r["accuracy"], "macro_f1": r["macro_f1"], "per_label": r["per_label"]}
        if "against" in r:
            out["against"] = {k: r["against"][k] for k in ("accuracy", "macro_f1", "per_label", "method")}
            out["compared"] = r["compared"]
        sys.stdout.write(json.dumps(out) + "\n")


def _merged_table(path: Path, measured: dict) -> dict:
    """Put one source's rule counts into the rule table at ``path`` (other sources kept) and write it."""
    from receipts.evaluate.rules_eval import write_rule_table

    return _run(lambda settings: write_rule_table(path, measured))


@eval_app.command("rules")
def rules(
    data: DataOpt,
    fmt: Annotated[str, typer.Option("--format", help="climate-fever (pairs) or politihop")] = "politihop",
    limit: LimitOpt = None,
    rule_table: Annotated[
        Optional[Path],
        typer.Option(
            "--rule-table",
            help="Put these counts into this rule table as one source (others kept): the gate reads every source.",
        ),
    ] = None,
    with_nli: Annotated[
        bool,
        typer.Option(
            "--nli",
            help="Also score the NLI model: on every pair at several thresholds (nli-support@0.9 ...), on the "
            "pairs the verifier would let it read alone (aligned-nli-support@0.9 ...), each rule with the "
            "model on its side (negation-refute+nli@0.9 ...), and as the rules "
            "nli-support / nli-refute at RECEIPTS_NLI_SUPPORT_AT / RECEIPTS_NLI_REFUTE_AT.",
        ),
    ] = False,
    evidence: Annotated[
        str,
        typer.Option(
            help="annotated: the set's evidence sentences. ruling (PolitiHop only): every sentence of the "
            "fact-check article, each with the one before it; only the rules that read a statement about "
            "the claim (rejection, reference, narration) are scored."
        ),
    ] = "annotated",
    as_json: JsonOpt = False,
) -> None:
    """Each named verification rule on real labelled claim–evidence data: how often it fires, and is right.

    The rules run as the verifier runs them (the NLI model only with --nli). Compare the precision with the
    rule table of hand-judged real news (src/receipts/data/rule_precision.json): a rule settles a
    verdict only at 0.90 or more there.
    """
    from rich.progress import Progress

    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("parsing", total=None)
        r = _run(
            evals.eval_rules,
            data,
            fmt,
            limit=limit,
            with_nli=with_nli,
            evidence=evidence,
            on_progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    source = data.name if evidence == "annotated" else f"{data.name} ({evidence})"
    table = Table(title=f"rules on {source}: {r['n']} claims, {r['pairs']} pairs; gold {r['labels']}")
    for col in ("rule", "fired", "right", "wrong", "half-true", "precision"):
        table.add_column(col, justify="left" if col == "rule" else "right")
    for name, c in sorted(r["rules"].items()):
        p = "—" if c["precision"] is None else f"{c['precision']:.3f}"
        table.add_row(name, str(c["fired"]), str(c["right"]), str(c["wrong"]), str(c["half"]), p)
    console.print(table)
    if not r["rules"]:
        console.print("no rule fired")
    if rule_table is not None:
        written = _merged_table(rule_table, {"source": source, "rules": r["rules"]})
        console.print(f"{source}: rule counts put into {rule_table} (sources: {written['source']})")
    if as_json:
        sys.stdout.write(json.dumps(r) + "\n")


@eval_app.command("attribution")
def attribution(
    data: DataOpt,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    setting: Annotated[
        str,
        typer.Option(
            help="documents: every span of each article against the primary annotator (the issue's "
            "measure). sentences: the published setting, only sentences that hold a gold "
            "attribution, each annotator's copy scored."
        ),
    ] = "documents",
    stories: Annotated[
        Optional[Path],
        typer.Option(
            "--stories",
            help="Also score quote speakers on these real stories (e.g. tests/data/real_stories), "
            "with the pipeline alone.",
        ),
    ] = None,
    stories_split: Annotated[
        str, typer.Option("--stories-split", help="The real stories' split to score: dev, test or all.")
    ] = "dev",
    against: Annotated[
        Optional[str],
        typer.Option(
            "--against",
            help="Also score another tagger ('builtin', 'none' or a folder with model.onnx) on the same articles "
            "and print a paired bootstrap over articles of the difference (it minus RECEIPTS_ATTRIBUTION_MODEL).",
        ),
    ] = None,
    resamples: Annotated[int, typer.Option(min=100, help="Bootstrap resamples for --against.")] = 2000,
) -> None:
    """Quote attribution on PolNeAR: source / cue / content P, R, F1 (exact and overlap) and speaker accuracy."""
    from rich.progress import Progress

    with Progress(console=err, transient=True) as progress:
        n = _records(data, limit)
        task = progress.add_task("articles", total=None if n is None else n * (2 if against else 1))
        r = _run(
            evals.eval_attribution,
            data,
            limit=limit,
            on_progress=lambda: progress.advance(task),
            setting=setting,
            stories=stories,
            stories_split=None if stories_split == "all" else stories_split,
            against=against,
            resamples=resamples,
        )
    table = Table(title=f"attribution on {data.name} ({r['articles']} articles, {r['method']}, {r['setting']})")
    table.add_column("part")
    for col in ("P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap", "gold", "predicted"):
        table.add_column(col, justify="right")
    for part in ("source", "cue", "content"):
        table.add_row(
            part,
            *[f"{r[f'{part}_{m}{s}']:.4f}" for s in ("", "_overlap") for m in ("precision", "recall", "f1")],
            str(r[f"{part}_gold"]),
            str(r[f"{part}_predicted"]),
        )
    console.print(table)
    console.print(
        f"speaker accuracy: {r['speaker_accuracy']:.4f} of {r['speaker_gold']} gold attributions with a source"
    )
    if "against" in r:
        o = r["against"]
        console.print(f"against {o['method']}:", highlight=False, markup=False)
        for part in ("source", "cue", "content"):
            console.print(
                f"  {part}: P {o[f'{part}_precision']:.4f} R {o[f'{part}_recall']:.4f} F1 {o[f'{part}_f1']:.4f} "
                f"(overlap F1 {o[f'{part}_f1_overlap']:.4f}, {o[f'{part}_predicted']} predicted)",
                highlight=False,
            )
        console.print(f"  speaker accuracy: {o['speaker_accuracy']:.4f}", highlight=False)
        for metric, c in r["comparison"].items():
            console.print(
                f"{metric} against - model: {c['diff']:+.4f}, paired bootstrap over {c['unit']} "
                f"({c['resamples']} resamples) 95% [{c['low']:+.4f}, {c['high']:+.4f}], P(> 0) = {c['p_greater']:.3f}",
                highlight=False,
            )
    sp = r.get("stories_speakers")
    if sp is not None:
        console.print(
            f"real stories ({sp['split']}) quote speaker accuracy: {sp['accuracy']} "
            f"({sp['correct']} of {sp['found']} gold quotes found, {sp['gold_quotes']} gold)",
            highlight=False,
        )
        for x in sp["wrong"]:
            console.print(
                f"  {x['story']} quote {x['text'][:50]!r}: speaker {x['gold']!r}, got {x['predicted']!r}",
                highlight=False,
                markup=False,
            )
    if as_json:
        keys = (
            "articles",
            "source_f1",
            "cue_f1",
            "content_f1",
            "source_f1_overlap",
            "cue_f1_overlap",
            "content_f1_overlap",
            "speaker_accuracy",
        )
        out = {k: r[k] for k in keys}
        if sp is not None:
            out["stories_speaker_accuracy"] = sp["accuracy"]
        if "against" in r:
            out["against"] = {k: r["against"][k] for k in keys + ("method",)}
            out["comparison"] = r["comparison"]
        sys.stdout.write(json.dumps(out) + "\n")


@eval_app.command("audit")
def audit(
    db: Annotated[
        Optional[str],
        typer.Option(
            "--db",
            help="The store to sample (a database URL or SQLite file path); with --score, score the labels against "
            "what this store emits now: items it no longer holds are dropped from the precision and counted.",
        ),
    ] = None,
    out: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the sample to this TSV file.")] = None,
    kinds: Annotated[
        str,
        typer.Option(
            "--kinds",
            help="Comma-separated: verdicts, leads (what a rule saw but may not settle on), contradictions, "
            "promises, quotes, claims, commitments.",
        ),
    ] = "verdicts,contradictions,promises",
    n: Annotated[
        int, typer.Option("--n", min=1, help="Items of each kind to draw (all of them when there are fewer).")
    ] = 60,
    rules: Annotated[
        Optional[str],
        typer.Option(
            "--rules",
            help="Comma-separated rule names (rejection-refute, ...): only verdicts and leads by these rules, "
            "to judge a new rule.",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same store and seed draw the same sample.")] = 7,
    score: Annotated[
        Optional[Path],
        typer.Option(
            "--score", help="Score a judged sample (judgement column: y, n or empty) and print precision per kind."
        ),
    ] = None,
    rule_table: Annotated[
        Optional[Path],
        typer.Option(
            "--rule-table",
            help="With --score: also write the judged counts per verification rule to this JSON file, the table "
            "the verifier reads to decide which rules may settle a verdict (RECEIPTS_RULE_TABLE).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Audit receipts' own output: draw a reproducible sample to judge by hand, or score a judged one."""
    from receipts.evaluate import audit as audit_mod

    if rule_table is not None and score is None:
        err.print("[bold red]error:[/] --rule-table needs --score FILE (a judged sample)", highlight=False)
        raise typer.Exit(1)

    def store(settings: Settings) -> Settings:
        return (
            settings.model_copy(update={"database_url": db if "://" in db else f"sqlite:///{db}"}) if db else settings
        )

    if score is not None:
        r = _run(lambda settings: audit_mod.score_sample(score, settings=store(settings) if db else None))
        _table(
            f"audit of {score.name}" + (f" against the current output of {db}" if db else ""),
            [(f"{k} precision", v["precision"] if v["precision"] is not None else "—") for k, v in r.items()]
            + [
                (f"{k} right / judged / unjudged", f"{v['right']} / {v['judged']} / {v['unjudged']}")
                for k, v in r.items()
            ]
            + [
                (f"{k} dropped (judged right among them)", f"{v['dropped']} ({v['lost_right']})")
                for k, v in r.items()
                if "dropped" in v
            ]
            + [
                (f"{k} shown otherwise since judged (judge again)", v["changed"])
                for k, v in r.items()
                if v.get("changed")
            ]
            + [
                (
                    f"{k} calibration error (ECE, {v['calibration']['n']} judged, 10 bins)",
                    v["calibration"]["ece"] if v["calibration"]["ece"] is not None else "—",
                )
                for k, v in r.items()
                if "calibration" in v
            ],
        )
        if rule_table is not None:
            written = _merged_table(rule_table, _run(lambda settings: audit_mod.rule_precision(score)))
            _table(
                f"rule precision from {score.name} (written to {rule_table})",
                [
                    (
                        name,
                        f"{v['right']} / {v['right'] + v['wrong']}"
                        + (f" = {v['precision']}" if v["precision"] is not None else ""),
                    )
                    for name, v in written["rules"].items()
                ],
            )
        if as_json:
            sys.stdout.write(json.dumps(r) + "\n")
        return
    wanted = [k.strip() for k in kinds.split(",") if k.strip()]
    unknown = [k for k in wanted if k not in audit_mod.KINDS]
    if unknown or not wanted:
        err.print(
            f"[bold red]error:[/] --kinds: unknown {', '.join(unknown) or '(none given)'}; choose from "
            f"{', '.join(audit_mod.KINDS)}",
            highlight=False,
        )
        raise typer.Exit(1)
    if out is None:
        err.print("[bold red]error:[/] give -o FILE.tsv for the sample (or --score FILE to score a judged one)")
        raise typer.Exit(1)

    def draw(settings: Settings) -> list[dict]:
        only = [r.strip() for r in rules.split(",") if r.strip()] if rules else None
        return audit_mod.draw_sample(store(settings), wanted, n=n, seed=seed, rules=only)

    rows = _run(draw)
    audit_mod.write_sample(rows, out)
    counts = {k: sum(r["kind"] == k for r in rows) for k in wanted}
    _table(f"audit sample in {out} (seed {seed})", [(k, v) for k, v in counts.items()])
    for k in wanted:
        console.print(f"  {k}: {audit_mod.QUESTIONS[k]}", highlight=False)
    console.print(
        "Fill the judgement column with y or n, then: receipts eval audit --score " + str(out),
        highlight=False,
        markup=False,
    )
    if as_json:
        sys.stdout.write(json.dumps({"file": str(out), "seed": seed, "counts": counts}) + "\n")
