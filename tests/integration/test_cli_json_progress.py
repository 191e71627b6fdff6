"""Every command that prints results has --json; the long commands count what they have to do."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import typer.main

from receipts.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Commands that print no result to parse, or print a document in a format chosen with --format.
NO_JSON = {
    "serve": "runs the server",
    "export": "prints ClaimReview JSON-LD, CSV/JSON or HTML, chosen with its argument and --format",
    "report": "prints the Markdown report (--format md)",
}


def _commands(group, prefix: str = ""):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group of subcommands (bench, eval, models, users)
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


@pytest.mark.issue(17)
def test_every_command_that_prints_results_has_json():
    missing = [
        name
        for name, command in _commands(typer.main.get_group(app))
        if name not in NO_JSON and not any("--json" in p.opts for p in command.params)
    ]
    assert not missing, f"no --json on: {', '.join(missing)}"


@pytest.mark.issue(17)
def test_ingest_counts_files_for_its_progress_bar(tmp_path):
    from receipts.app.services import count_sources

    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("One.")
    (tmp_path / "sub" / "b.txt").write_text("Two.")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    assert count_sources([str(tmp_path)]) == 2
    assert count_sources([str(EXAMPLES), str(EXAMPLES / "01-geneva-summit.md"), "-"]) == 8 + 1 + 1


@pytest.mark.issue(17)
def test_extract_announces_its_total_and_prints_json(cli, tmp_path):
    from receipts.app import services
    from receipts.config import Settings

    db = tmp_path / "r.db"
    assert (
        cli(
            "ingest", str(EXAMPLES / "01-geneva-summit.md"), str(EXAMPLES / "02-velmar-rally.md"), "--db", str(db), "-q"
        ).exit_code
        == 0
    )
    totals, ticks = [], []
    settings = Settings(database_url=f"sqlite:///{db}")
    n = services.reextract(settings, on_start=totals.append, on_progress=lambda doc_id, _: ticks.append(doc_id))
    assert n == 2 and totals == [2] and len(ticks) == 2
    result = cli("extract", "--db", str(db), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == {"documents": 2}


@pytest.mark.issue(17)
def test_users_commands_print_json(cli, tmp_path):
    db = str(tmp_path / "r.db")
    added = cli("users", "add", "maria.ed", "--password", "correct horse battery", "--db", db, "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["name"] == "maria.ed"
    rotated = json.loads(cli("users", "rotate-token", "maria.ed", "--db", db, "--json").stdout)
    assert rotated["token"] != json.loads(added.stdout)["token"]
    removed = cli("users", "remove", "maria.ed", "--yes", "--db", db, "--json")
    assert removed.exit_code == 0 and json.loads(removed.stdout) == {"removed": "maria.ed"}


def test_eval_progress_bars_know_their_totals(tmp_path):
    from receipts.cli.evalcmd import _records

    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"a": 1}\n\n{"a": 2}\n{"a": 3}\n', encoding="utf-8")
    packed = tmp_path / "rows.jsonl.gz"
    with gzip.open(packed, "wt", encoding="utf-8") as fh:
        fh.write('{"a": 1}\n{"a": 2}\n')
    assert _records(rows) == 3 and _records(rows, limit=2) == 2 and _records(packed) == 2
    assert _records(tmp_path / "missing.jsonl") is None  # the command itself says the file is missing
