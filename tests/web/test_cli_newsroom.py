"""receipts users add / review / audit / export from scripts."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from receipts.cli.main import app


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


def _claim(db) -> str:
    claims = json.loads(run("claims", "--db", str(db), "--json").output)
    return next(c["id"] for c in claims if "200 have been sent back" in c["text"])


def test_users_add_review_and_audit(db_path):
    db = str(db_path)
    r = run("users", "add", "ed.one", "--db", db, env={"RECEIPTS_NEW_PASSWORD": "s3cret-enough"})
    assert r.exit_code == 0 and len(r.output.strip().splitlines()[-1]) >= 40  # the API token
    again = run("users", "add", "ed.one", "--db", db, env={"RECEIPTS_NEW_PASSWORD": "s3cret-enough"})
    assert again.exit_code == 1 and "already exists" in again.output
    short = run("users", "add", "ed.two", "--db", db, "--password", "short")
    assert short.exit_code == 1 and "too short" in short.output
    claim = _claim(db_path)
    r = run("review", claim, "--verdict", "disputed", "--rationale", "Two accounts.", "--user", "ed.one", "--db", db, "--json")
    assert r.exit_code == 0, r.output
    entry = json.loads(r.output)
    assert entry["action"] == "override" and entry["before"]["label"] == "REFUTED" and entry["after"]["label"] == "DISPUTED"
    assert run("review", claim, "--verdict", "WRONG", "--rationale", "x", "--user", "ed.one", "--db", db).exit_code == 1
    nobody = run("review", claim, "--verdict", "REFUTED", "--rationale", "x", "--user", "nobody", "--db", db)
    assert nobody.exit_code == 1 and "No user" in nobody.output
    log = json.loads(run("audit", "--db", db, "--json").output)
    assert [e["action"] for e in log][:2] == ["override", "create"]
    verdicts = json.loads(run("verdicts", "--db", db, "--json", "--claim", claim).output)
    assert verdicts[0]["origin"] == "human" and verdicts[0]["reviewer"] == "ed.one"


def test_export_claimreview_claims_and_report(db_path, tmp_path):
    db = str(db_path)
    run("users", "add", "ed.one", "--db", db, "--password", "s3cret-enough")
    run("review", _claim(db_path), "--verdict", "REFUTED", "--rationale", "Agency: none returned.", "--user", "ed.one", "--db", db)
    reviews = json.loads(run("export", "claimreview", "--db", db).output)
    assert len(reviews) == 1 and reviews[0]["@type"] == "ClaimReview"
    out = tmp_path / "claims.csv"
    assert run("export", "claims", "--format", "csv", "--db", db, "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("id,published,speaker")
    html = run("export", "report", "--db", db).output
    assert html.startswith("<!doctype html>") and "<svg" in html and "Refuted" in html
    assert run("export", "nothing", "--db", db).exit_code == 1
    story = run("export", "report", "--story", "1", "--db", db).output
    assert "<title>Story 1: " in story and "Refuted" in story and "Harbour" not in story  # the hostile article is its own story
    missing = run("export", "report", "--story", "99", "--db", db)
    assert missing.exit_code == 1 and "stories" in missing.output
