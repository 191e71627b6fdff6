"""Out of the box, receipts settles no claim with a rule it has not measured precise on real news."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from receipts.app.newsroom import Page
from receipts.app.queue import QueueFilter, review_queue
from receipts.cli.main import app
from receipts.config import Settings
from receipts.verify.rules import LEAD


def _verify(db: str, **env: str) -> list[dict]:
    runner = CliRunner()
    result = runner.invoke(app, ["verify", "--db", db], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(runner.invoke(app, ["verdicts", "--db", db, "--json"], env=env).output)


def _rally(verdicts: list[dict]) -> dict:
    return next(v for v in verdicts if "200 have been sent back" in v["claim"])


def test_by_default_the_rally_claim_is_a_lead_not_a_verdict(demo_db):
    verdicts = _verify(demo_db, RECEIPTS_MIN_RULE_PRECISION="0.9")
    assert {v["label"] for v in verdicts} == {"NOT_ENOUGH_INFO"}
    rally = _rally(verdicts)
    assert rally["reason"].startswith("lead for review, not a verdict: the record may show it refuted")
    assert "negation-refute rule was right 0 of 38 times on real news (polnear-dev-leads.tsv)" in rally["reason"]
    leads = [e for e in rally["evidence"] if e["stance"] == "refute"]
    assert "Ostravian Defense Recovery Agency" in {e["source"] for e in leads}
    contradictions = CliRunner().invoke(app, ["contradictions", "--db", demo_db, "--json"])
    assert json.loads(contradictions.output) == []  # no contradiction rule is measured precise yet
    # the report shows the lead with what it suggests and why it cannot settle the claim
    report = CliRunner().invoke(app, ["report", "--db", demo_db, "--format", "md"]).output
    rally_line = next(line for line in report.splitlines() if "200 have been sent back" in line)
    assert "(lead: REFUTED?)" in rally_line
    # no promise status moves on a rule not measured on real news: what it saw is a lead on the timeline
    promises = json.loads(CliRunner().invoke(app, ["promises", "--db", demo_db, "--timeline", "--json"]).output)
    assert {p["status"] for p in promises} == {"not yet rated"}
    assert any(step["reason"].startswith(LEAD) for p in promises for step in p["timeline"])
    # the review queue puts the leads before the claims nothing bears on
    settings = Settings(database_url=f"sqlite:///{demo_db}")
    queue = review_queue(settings, QueueFilter(), Page(limit=100))["items"]
    is_lead = [c["verdict"]["reason"].startswith(LEAD) for c in queue]
    assert any(is_lead) and is_lead == sorted(is_lead, reverse=True)
    rally_item = next(c for c in queue if "200 have been sent back" in c["text"])
    assert rally_item["verdict"]["lead"] == "REFUTED"  # what the API and the pages show as "lead: refuted?"


def test_a_newsroom_table_that_measured_a_rule_precise_lets_it_settle(demo_db, tmp_path):
    table = tmp_path / "rules.json"
    table.write_text(json.dumps({"source": "our desk", "rules": {"negation-refute": {"right": 19, "wrong": 1}}}))
    verdicts = _verify(demo_db, RECEIPTS_MIN_RULE_PRECISION="0.9", RECEIPTS_RULE_TABLE=str(table))
    assert _rally(verdicts)["label"] == "REFUTED"


def test_a_bad_rule_table_is_one_clear_error(demo_db, tmp_path):
    result = CliRunner().invoke(
        app, ["verify", "--db", demo_db], env={"RECEIPTS_RULE_TABLE": str(tmp_path / "missing.json")}
    )
    assert result.exit_code == 1 and "no such rule table" in result.output


def test_verify_quiet_prints_only_the_summary(demo_db):
    result = CliRunner().invoke(app, ["verify", "--db", demo_db, "-q"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines[0].split(":")[0].endswith("claims checked") and "NOT_ENOUGH_INFO" in lines[0]
    assert any("contradictions" in line for line in lines) and len(lines) <= 4
