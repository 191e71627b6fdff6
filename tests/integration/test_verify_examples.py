"""receipts verify on the example corpus: the story a reporter would otherwise assemble by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def db(demo_verified, tmp_path_factory, copy_store):
    return str(copy_store(demo_verified, tmp_path_factory.mktemp("verify") / "r.db"))


def _json(db, *args):
    return json.loads(CliRunner().invoke(app, [*args, "--db", db, "--json"]).output)


def test_rally_claim_is_refuted_by_the_agency(db):
    v = next(v for v in _json(db, "verdicts") if "200 have been sent back" in v["claim"])
    assert v["label"] == "REFUTED" and v["origin"] == "machine"
    assert "200" in v["reason"] and "remains" in v["reason"]
    sources = {e["source"] for e in v["evidence"] if e["stance"] == "refute"}
    assert "Ostravian Defense Recovery Agency" in sources
    assert v["evidence"] and all(e["text"] and e["published"] >= "2026-06-20" for e in v["evidence"])


def test_stopped_work_claim_is_refuted_by_satellite_report(db):
    v = next(v for v in _json(db, "verdicts") if "stopped all work" in v["claim"])
    assert v["label"] == "REFUTED"
    assert any(e["source"] == "Northstar Monitor" for e in v["evidence"])


def test_contradictions_include_the_two_accounts_of_the_talks(db):
    items = _json(db, "contradictions")
    pairs = [(c["a"]["source"], c["b"]["source"]) for c in items]
    assert any({"The Ostravian Ledger", "Dravanian State News Agency"} == set(p) for p in pairs)
    assert all(c["a"]["source"] != c["b"]["source"] for c in items)


def test_pledge_is_stalled_with_dated_evidence(db):
    promises = _json(db, "promises", "--timeline")
    pledge = next(p for p in promises if p["actor"] == "Dravania" and p["made_on"] == "2026-06-12")
    assert pledge["status"] == "stalled"
    step = pledge["timeline"][-1]
    assert step["as_of"] > "2026-06-12" and step["evidence"][0]["text"]


def test_a_promisers_own_name_does_not_hide_the_record(db):
    # "bring the remains home" is found against "no remains have been returned", though a search that
    # includes "Marta Kessler" ranks everything else she said first
    promises = _json(db, "promises", "--timeline")
    rally = next(p for p in promises if p["actor"] == "Marta Kessler" and "bring the remains" in p["action"])
    assert rally["status"] == "stalled"
    assert any(s["as_of"] == "2026-06-24" and s["status"] == "stalled" for s in rally["timeline"])


def test_claim_about_keeping_the_promise_is_held_against_its_status(db):
    v = next(v for v in _json(db, "verdicts") if "begun keeping the promise" in v["claim"])
    assert v["label"] == "REFUTED"
    assert "STALLED" in v["reason"] and "return the remains" in v["reason"]
    promise = [e for e in v["evidence"] if e["signal"] == "promise"]
    assert promise and promise[0]["source"] == "Ostravian Defense Recovery Agency"
    assert "No remains have been returned" in promise[0]["text"]


def test_monitors_report_is_not_refuted_by_the_claim_it_refutes(db):
    v = next(v for v in _json(db, "verdicts") if "construction at the Sarn" in v["claim"])
    assert v["label"] != "REFUTED"
    assert not any("stopped all work" in e["text"] for e in v["evidence"])  # itself refuted: not evidence


def test_search_finds_the_clarification(db):
    hits = _json(db, "search", "were any remains returned")
    assert hits and any("No remains have been returned" in h["text"] for h in hits[:3])
    assert {"document_id", "speaker", "published", "source"} <= set(hits[0])


def test_report_shows_verdicts_timelines_and_contradictions(db):
    out = CliRunner().invoke(app, ["report", "--db", db, "--format", "md"]).output
    assert "**REFUTED**" in out and "### Contradictions between sources" in out and "**STALLED**" in out


def test_matches_group_repeated_claims(cli, tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "text": "Senator Maria Vance said the city hired 80 new nurses this year.",
                "source": "City Gazette",
                "published": "2026-04-10",
            }
        )
    )
    (tmp_path / "b.json").write_text(
        json.dumps(
            {
                "text": "The city hired 80 new nurses this year, Senator Maria Vance said again.",
                "source": "Evening Star",
                "published": "2026-04-12",
            }
        )
    )
    (tmp_path / "c.json").write_text(
        json.dumps(
            {
                "text": "The city hired 20 new nurses this year, the health office said.",
                "source": "Health Office",
                "published": "2026-04-13",
            }
        )
    )
    db = str(tmp_path / "m.db")
    assert cli("ingest", str(tmp_path), "--db", db, "-q").exit_code == 0
    assert cli("verify", "--db", db).exit_code == 0
    items = json.loads(cli("matches", "--db", db, "--json").output)
    assert items, "the repeated claim was not matched"
    m = items[0]
    assert m["first"]["published"] <= m["later"]["published"] and m["level"] in ("suggested", "confirmed")
    assert all("20 new nurses" not in (x["first"]["text"] + x["later"]["text"]) for x in items)


def test_every_claim_gets_a_verdict_and_a_forecast_says_why(db):
    verdicts = {v["claim_id"]: v for v in _json(db, "verdicts")}
    assert {c["id"] for c in _json(db, "claims")} <= set(verdicts)
    forecast = next(v for v in verdicts.values() if "inform the families" in v["claim"])
    assert forecast["label"] == "NOT_ENOUGH_INFO" and "tracked as a commitment" in forecast["reason"]
    # 'verify --claim' gives the same answer as the full run
    result = CliRunner().invoke(app, ["verify", "--db", db, "--claim", forecast["claim_id"], "--json"])
    assert result.exit_code == 0, result.output
    assert "tracked as a commitment" in result.output
