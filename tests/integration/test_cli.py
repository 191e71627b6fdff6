"""The CLI against a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_ingest_is_idempotent(cli, tmp_path):
    db = str(tmp_path / "r.db")
    first = cli("ingest", str(EXAMPLES), "--db", db, "-q")
    assert first.exit_code == 0, first.output
    assert "ingested 8 new, 0 duplicate, 0 failed" in first.output
    again = cli("ingest", str(EXAMPLES), "--db", db, "-q")
    assert again.exit_code == 0 and "ingested 0 new, 8 duplicate" in again.output
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 8
    assert con.execute("select count(*) from pipeline_runs where finished_at is not null").fetchone()[0] == 2


def test_ingest_bad_files_continue_and_exit_nonzero(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Senator Maria Vance said that the budget had doubled since 2020.")
    (folder / "b-binary.txt").write_bytes(b"\x00\x00\x00")
    (folder / "c-bad.json").write_text("{nope")
    (folder / "d-good.md").write_text("---\ntitle: Two\n---\nThe council approved 40 new buses on Monday.")
    db = str(tmp_path / "r.db")
    result = cli("ingest", str(folder), "--db", db, "-q")
    assert result.exit_code == 1
    assert "b-binary.txt: binary file" in result.output and "c-bad.json: malformed JSON" in result.output
    assert "ingested 2 new, 0 duplicate, 2 failed" in result.output
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == 2
    assert con.execute("select count(*) from run_errors").fetchone()[0] == 2


def test_ingest_stdin_with_metadata_flags(cli, tmp_path):
    db = str(tmp_path / "r.db")
    result = cli(
        "ingest",
        "-",
        "--db",
        db,
        "--published",
        "2026-05-01",
        "--source",
        "Pipe Post",
        "--title",
        "Piped",
        "--url",
        "https://p.example/1",
        input="The mayor said that 300 homes were flooded on Thursday.",
    )
    assert result.exit_code == 0, result.output
    docs = json.loads(cli("documents", "--db", db, "--json").output)
    assert (
        docs[0]["source"] == "Pipe Post"
        and docs[0]["published"] == "2026-05-01"
        and docs[0]["url"] == "https://p.example/1"
    )


def test_analyze_json_shape(cli, tmp_path):
    result = cli("analyze", str(EXAMPLES / "02-velmar-rally.md"), "--db", str(tmp_path / "r.db"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert set(data["document"]) >= {"id", "title", "source", "url", "published"}
    q = data["quotes"][0]
    assert set(q) >= {"id", "text", "start", "end", "direct", "cue", "speaker"}
    c = data["claims"][0]
    assert set(c) >= {"id", "text", "start", "end", "score", "speaker", "quantities", "times"}
    assert data["commitments"] and set(data["commitments"][0]) >= {
        "id",
        "text",
        "start",
        "end",
        "actor",
        "action",
        "beneficiary",
        "deadline",
    }
    assert data["events"] and set(data["events"][0]) >= {
        "id",
        "text",
        "type",
        "status",
        "participants",
        "place",
        "date",
    }
    assert {"id", "name", "kind", "aliases"} <= set(data["actors"][0])
    assert all(
        a["kind"] in ("person", "organisation", "country", "group", "document", "unknown") for a in data["actors"]
    )


def test_analyze_says_when_it_shows_a_stored_extraction(cli, tmp_path):
    db, path = str(tmp_path / "r.db"), str(EXAMPLES / "02-velmar-rally.md")
    first = json.loads(cli("analyze", path, "--db", db, "--json").output)
    assert first["already_stored"] is False
    again = cli("analyze", path, "--db", db)
    said = " ".join(again.output.split())  # the console wraps long lines
    assert again.exit_code == 0 and "Already in the store" in said and "receipts extract --doc" in said


def test_analyze_offsets_point_into_document_text(cli, tmp_path):
    db = str(tmp_path / "r.db")
    data = json.loads(cli("analyze", str(EXAMPLES / "06-ferro-good-faith.md"), "--db", db, "--json").output)
    text = sqlite3.connect(db).execute("select text from documents").fetchone()[0]
    for q in data["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
    for c in data["claims"]:
        assert text[c["start"] : c["end"]] == c["text"]


def test_analyze_published_flag_anchors_relative_times(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The ministers met on Thursday and agreed to meet again.")
    data = json.loads(
        cli("analyze", str(f), "--db", str(tmp_path / "r.db"), "--published", "2026-07-03", "--json").output
    )
    assert data["document"]["published"] == "2026-07-03"
    assert data["events"][0]["date"] == "2026-07-02"


def test_analyze_missing_file_is_one_red_line(cli, tmp_path):
    result = cli("analyze", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 1 and "nope.txt: no such file" in result.output


def test_list_commands_filter_by_actor_doc_and_since(cli, demo_db):
    db = demo_db
    quotes = json.loads(cli("quotes", "--db", db, "--actor", "ferro", "--json").output)
    assert quotes and all("ferro" in q["speaker"]["name"].lower() for q in quotes)
    late = json.loads(cli("claims", "--db", db, "--since", "2026-07-10", "--json").output)
    assert late and all(c["published"] >= "2026-07-10" for c in late)
    every_event = json.loads(cli("events", "--db", db, "--json").output)
    doc_id = every_event[-1]["document_id"]
    one_doc = json.loads(cli("events", "--db", db, "--doc", doc_id, "--json").output)
    assert one_doc and len(one_doc) < len(every_event) and all(e["document_id"] == doc_id for e in one_doc)
    for command in ("quotes", "claims", "promises", "events", "actors", "documents"):
        result = cli(command, "--db", db)
        assert result.exit_code == 0, (command, result.output)


def test_show_highlights_source_sentence(cli, demo_db):
    db = demo_db
    claim = next(
        c for c in json.loads(cli("claims", "--db", db, "--json").output) if "200 have been sent back" in c["text"]
    )
    shown = cli("show", claim["id"], "--db", db)
    assert shown.exit_code == 0 and "200 have been sent back" in shown.output and "Velmar Courier" in shown.output
    data = json.loads(cli("show", claim["id"], "--db", db, "--json").output)
    context, a, b = data["context"]
    assert context[a:b] == claim["text"]
    missing = cli("show", "c_doesnotexist", "--db", db)
    assert missing.exit_code == 1 and "No item" in missing.output


def test_report_markdown_covers_story(cli, demo_db):
    db = demo_db
    out = cli("report", "--db", db, "--format", "md").output
    for heading in (
        "## Story 1",
        "### Timeline",
        "### Who said what",
        "### Check-worthy claims",
        "### Promises and commitments",
        "### Events",
    ):
        assert heading in out
    assert "Marta Kessler" in out and "200 have been sent back" in out
    assert "pledged: to return the remains" in out  # each quote under the words that attribute it


def test_reextract_replaces_rows(cli, tmp_path):
    db = str(tmp_path / "r.db")
    cli("ingest", str(EXAMPLES / "01-geneva-summit.md"), "--db", db, "-q")
    con = sqlite3.connect(db)
    before = con.execute("select count(*) from quotes").fetchone()[0]
    assert cli("extract", "--db", db).exit_code == 0
    assert con.execute("select count(*) from quotes").fetchone()[0] == before
    assert con.execute("select count(distinct run_id) from quotes").fetchone()[0] == 1


def test_bench_extract_prints_ratio(cli):
    result = cli("bench", "extract", "--articles", "16", "--corpus", str(EXAMPLES), "--json")
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["articles"] == 16 and data["ratio"] > 0 and data["full_words_per_s"] > 0


def test_bench_extract_repeat_reports_the_median_and_range(cli):
    result = cli("bench", "extract", "--articles", "8", "--corpus", str(EXAMPLES), "--repeat", "3")
    assert result.exit_code == 0
    assert "median of 3 rounds" in result.output
    data = json.loads(
        cli("bench", "extract", "-n", "8", "--corpus", str(EXAMPLES), "-r", "2", "--json")
        .output.strip()
        .splitlines()[-1]
    )
    assert data["rounds"] == 2 and data["ratio_min"] <= data["ratio"] <= data["ratio_max"]


def test_help_everywhere(cli):
    for command in (
        "ingest",
        "analyze",
        "extract",
        "quotes",
        "claims",
        "promises",
        "events",
        "actors",
        "documents",
        "show",
        "report",
        "bench",
    ):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_bench_verify_small(cli):
    result = cli("bench", "verify", "--sentences", "60", "--claims", "2", "--json")
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["sentences"] >= 60 and data["claims_timed"] >= 1 and data["latency_median_s"] > 0


def test_bench_verify_growth_small(cli, tmp_path):
    result = cli("bench", "verify", "--articles", "3,6", "--claims", "2", "--folder", str(tmp_path), "--json")
    data = json.loads(result.output.strip().splitlines()[-1])
    sizes = data["sizes"]
    assert [r["articles"] for r in sizes] == [3, 6] and sizes[0]["claims"] < sizes[1]["claims"]
    assert all(r["verify_new_s"] > 0 and r["latency_median_s"] > 0 and r["verify_new_claims"] >= 1 for r in sizes)
    assert sizes[0]["verify_new_ratio"] == 1.0 and sizes[1]["size_ratio"] == 2.0
    bad = cli("bench", "verify", "--articles", "6,3", "--folder", str(tmp_path))
    assert bad.exit_code == 1 and "increasing" in bad.output


def test_bench_ingest_small(cli):
    result = cli("bench", "ingest", "--corpus", str(EXAMPLES), "--documents", "2", "--workers", "1,2", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["articles"] == 2 and data["bare_words_per_s"] > 0
    assert [(r["workers"], r["engine"], r["articles"]) for r in data["runs"]] == [
        (1, "in-process", 2),
        (2, "processes", 2),
    ]
    assert all(r["ratio_to_bare"] > 0 and r["bytes_per_article"] > 0 for r in data["runs"])
    assert all(0 < r["compacted_bytes_per_article"] <= r["bytes_per_article"] for r in data["runs"])
    assert data["runs"][0]["speedup"] == 1.0 and data["runs"][1]["efficiency"] == data["runs"][1]["speedup"] / 2


@pytest.mark.issue(18)
def test_bench_search_small_keeps_vectors_once_in_int8(cli, tmp_path):
    result = cli("bench", "search", "--sizes", "20,40", "--dir", str(tmp_path), "--lexical-only", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output.strip().splitlines()[-1])
    assert [r["articles"] for r in rows] == [20, 40] and rows[1]["growth"] == 2.0
    # 20 sentences an article, 396 bytes a row (key, scale, 384 int8) in the file, and none in the database
    assert 20 * 396 <= rows[1]["vector_bytes_per_article"] < 20 * 396 + 10
    with sqlite3.connect(tmp_path / "search-bench.db") as conn:
        assert conn.execute("SELECT count(*) FROM sentences WHERE vector IS NOT NULL").fetchone()[0] == 0
    assert all(r["lexical_cold_s"] > 0 and r["lexical_warm_ms"] > 0 for r in rows)


@pytest.mark.issue(15)
def test_quotes_lists_statements_and_topics_only_when_asked(cli, demo_db):
    import sqlite3

    every = json.loads(cli("quotes", "--db", demo_db, "--topics", "--json").output)
    stated = [q for q in every if q["statement"]]
    # the demo's "did not respond to [a request for comment]" is an attribution, not a statement
    assert any(not q["statement"] and "request for comment" in q["text"] for q in every)
    assert {q["id"] for q in json.loads(cli("quotes", "--db", demo_db, "--json").output)} == {q["id"] for q in stated}
    with sqlite3.connect(demo_db) as conn:
        conn.execute("update quotes set statement = 0 where id = ?", (stated[0]["id"],))
    shown = json.loads(cli("quotes", "--db", demo_db, "--json").output)
    assert stated[0]["id"] not in {q["id"] for q in shown} and len(shown) == len(stated) - 1
    assert "--topics" in cli("quotes", "--help").output
