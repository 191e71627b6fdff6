"""A batch of crashing inputs beside good files: every good file stored, one clear line per bad one."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

GOOD = [
    "The council approved 40 new buses on Monday, the mayor said.",
    "Senator Maria Vance said that the budget had doubled since 2020.",
    "The port handled 3 million containers last year, its director said.",
]

# The ten inputs of issue 21 that ended a batch with a traceback (generated, not stored).
BAD: list[tuple[bytes, bytes, str]] = [
    (b"surrogate.json", b'{"text":"\\ud800"}', "lone surrogate"),
    (
        b"year1.json",
        json.dumps({"text": "Old.", "published": "0001-01-01T00:00:00+05:00"}).encode(),
        "out of the range",
    ),
    (
        b"year1.jsonl",
        json.dumps({"text": "Old.", "published": "0001-01-01T00:00:00+05:00"}).encode(),
        "out of the range",
    ),
    (b"year1.md", b"---\npublished: 0001-01-01T00:00:00+05:00\n---\nOld.", "out of the range"),
    (b"feb30.md", b"---\npublished: 2026-02-30\n---\nText.", "is not a date"),
    (b"deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b"deep.md", b"---\na: " + b"[" * 5000 + b"]" * 5000 + b"\n---\nText.", "nested more than"),
    (
        b"year0.rss",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><pubDate>'
        b"Sat, 01 Jan 0000 00:00:00 GMT</pubDate><description>Zero.</description></item></channel></rss>",
        "year 0",
    ),
    (
        b"year10000.rss",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><pubDate>'
        b"Sat, 01 Jan 10000 00:00:00 GMT</pubDate><description>Far.</description></item></channel></rss>",
        "date",
    ),
    (b"caf\xe9-[/]-[bold]x.json", b"{broken", "malformed JSON"),
]


@pytest.mark.issue(21)
def test_ingest_batch_of_crashing_inputs_stores_every_good_file(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(GOOD):
        (folder / f"good-{i}.txt").write_text(text)
    for name, content, _ in BAD:
        path = os.path.join(os.fsencode(folder), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)  # "[/]": a folder named "[" and one named "]-..."
        with open(path, "wb") as f:
            f.write(content)
    db = str(tmp_path / "r.db")
    result = cli("ingest", str(folder), "--db", db, "-q")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == len(BAD), result.output
    for name, _, reason in BAD:
        shown = name.decode("utf-8", "backslashreplace")
        assert any(shown in line and reason in line for line in errors), (shown, result.output)
    assert f"ingested {len(GOOD)} new, 0 duplicate, {len(BAD)} failed" in result.output
    con = sqlite3.connect(db)
    assert sorted(r[0] for r in con.execute("select text from documents")) == sorted(GOOD)


@pytest.mark.issue(21)
def test_ingest_error_lines_keep_rich_markup_in_paths(cli, tmp_path):
    folder = tmp_path / "[/]" / "[bold]x"
    folder.mkdir(parents=True)
    (folder / "bad.json").write_text("{nope")
    result = cli("ingest", str(folder / "bad.json"), "--db", str(tmp_path / "r.db"), "-q")
    assert result.exit_code == 1
    assert f"error: {folder / 'bad.json'}: malformed JSON" in result.output


@pytest.mark.issue(21)
def test_ingest_empty_json_list_exits_nonzero(cli, tmp_path):
    (tmp_path / "empty.json").write_text("[]")
    result = cli("ingest", str(tmp_path / "empty.json"), "--db", str(tmp_path / "r.db"), "-q")
    assert result.exit_code == 1 and "the JSON list is empty" in result.output


@pytest.mark.issue(21)
def test_ingest_nothing_found_exits_nonzero(cli, tmp_path, monkeypatch):
    from receipts.app import services
    from receipts.app.services import IngestReport

    monkeypatch.setattr(services, "ingest", lambda *a, **kw: IngestReport(run_id=1))
    result = cli("ingest", str(tmp_path), "--db", str(tmp_path / "r.db"), "-q")
    assert result.exit_code == 1 and "no documents found in" in result.output


@pytest.mark.issue(21)
def test_ingest_refuses_dev_zero(cli, tmp_path):
    result = cli("ingest", "/dev/zero", "--db", str(tmp_path / "r.db"), "-q")
    assert result.exit_code == 1 and "/dev/zero: is a character device, not a regular file" in result.output
