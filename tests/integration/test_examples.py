"""Hand-verified results on the bundled example corpus (examples/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def db(demo_ingested, tmp_path_factory, copy_store):
    return str(copy_store(demo_ingested, tmp_path_factory.mktemp("ex") / "r.db"))


def _list(db, command):
    return json.loads(CliRunner().invoke(app, [command, "--db", db, "--json", "--limit", "1000"]).output)


def _quote(db, needle):
    return next(q for q in _list(db, "quotes") if needle in q["text"])


def test_example_rally_claim_has_speaker_and_elided_unit(db):
    claim = next(c for c in _list(db, "claims") if "200 have been sent back" in c["text"])
    assert claim["speaker"]["name"] == "Marta Kessler"
    doc = json.loads(CliRunner().invoke(app, ["show", claim["id"], "--db", db, "--json"]).output)
    assert doc["document"]["source"] == "Velmar Courier" and doc["document"]["published"] == "2026-06-20"


def test_example_rally_quantity_counts_remains(db):
    analysis = json.loads(
        CliRunner().invoke(app, ["analyze", str(EXAMPLES / "02-velmar-rally.md"), "--db", db, "--json"]).output
    )
    claim = next(c for c in analysis["claims"] if "200 have been sent back" in c["text"])
    (q,) = claim["quantities"]
    assert q["value"] == 200 and q["unit"].startswith("remains") and q["unit_inferred"]


def test_example_summit_promises(db):
    promises = _list(db, "promises")
    pledge = next(p for p in promises if p["cue"] == "pledged" and p["published"] == "2026-06-12")
    assert pledge["actor"] == "Dravania" and pledge["action"].startswith("return the remains of 300")
    brandt = next(p for p in promises if p["actor"] == "Ivo Brandt")
    assert brandt["action"] == "return them" and brandt["deadline"]["end"] == "2026-08-11"
    agreed = next(p for p in promises if p["cue"] == "agreed")
    assert agreed["kind"] == "agreement" and "dismantling of the Sarn" in agreed["action"]


def test_example_skipped_meeting(db):
    events = [e for e in _list(db, "events") if e["published"] == "2026-07-03" and e["type"] == "meeting"]
    skipped = next(e for e in events if e["status"] == "skipped")
    assert skipped["date"] == "2026-07-02"  # "on Thursday" in an article of Friday 3 July
    assert "Panmor" in skipped["place"]


def test_example_speakers(db):
    assert _quote(db, "We will return them")["speaker"]["name"] == "Ivo Brandt"
    assert _quote(db, "Every family deserves that")["speaker"]["name"] == "Ivo Brandt"
    assert _quote(db, "I would call it productive")["speaker"]["name"] == "Tomas Ferro"
    assert _quote(db, "opposite of disarmament")["speaker"]["name"] == "Ruth Adeyemi"
    assert _quote(db, "cases were delivered")["speaker"]["name"] == "Aaron Tamsin"
    assert _quote(db, "best deal any Ostravian leader")["speaker"]["name"] == "Marta Kessler"
    official = _quote(db, "wording had been negotiated")
    assert official["speaker"]["kind"] == "person" and official["speaker"]["via"] == "description"
    agency = _quote(db, "cases are held in a secure warehouse")
    assert agency["speaker"]["name"] == "Ostravian Defense Recovery Agency"


def test_example_nested_quote_speaker(db):
    inner = next(q for q in _list(db, "quotes") if q["nested_in"] and "committed to the process" in q["text"])
    assert inner["speaker"]["name"] == "Elsa Marek"


def test_example_contradicting_accounts_both_extracted(db):
    ferro = _quote(db, "good-faith negotiations")
    ministry = _quote(db, "dangerous situation")
    assert ferro["speaker"]["name"] == "Tomas Ferro" and ministry["source"] == "Dravanian State News Agency"


def test_example_actor_aliases_merge_across_documents(db):
    actors = {a["name"]: a for a in _list(db, "actors")}
    assert "Korvi" in actors["Dravania"]["aliases"]
    assert "Velmar" in actors["Ostravia"]["aliases"]
    assert "Kessler" in actors["Marta Kessler"]["aliases"]
    assert "Sarn" not in actors  # a place in the example alias table, not an actor


@pytest.mark.issue(17)
def test_a_surname_listed_as_an_alias_is_the_same_actor(db):
    kesslers = [a for a in _list(db, "actors") if "kessler" in a["name"].lower()]
    assert [a["name"] for a in kesslers] == ["Marta Kessler"] and "Kessler" in kesslers[0]["aliases"]
