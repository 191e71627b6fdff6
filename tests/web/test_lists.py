"""Lists and names agree across CLI, API and pages: newest first, limit/offset/total, `verdict`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app


@pytest.mark.issue(17)
def test_cli_documents_limit_gives_the_newest(db_path):
    every = json.loads(CliRunner().invoke(app, ["documents", "--db", str(db_path), "--json"]).stdout)
    three = json.loads(CliRunner().invoke(app, ["documents", "--db", str(db_path), "--limit", "3", "--json"]).stdout)
    dates = [d["published"] for d in every if d["published"]]
    assert dates == sorted(dates, reverse=True)
    assert [d["id"] for d in three] == [d["id"] for d in every[:3]] and three[0]["published"] == max(dates)


@pytest.mark.issue(17)
def test_api_search_pages_with_limit_offset_and_total(client):
    first = client.get("/api/search", params={"q": "remains returned", "limit": 2}).json()
    assert first["limit"] == 2 and first["offset"] == 0 and len(first["items"]) == 2 and first["total"] > 2
    second = client.get("/api/search", params={"q": "remains returned", "limit": 2, "offset": 2}).json()
    assert second["total"] == first["total"] and second["items"][0]["id"] not in {h["id"] for h in first["items"]}
    assert len(client.get("/api/search", params={"q": "remains returned", "k": 3}).json()["items"]) == 3


@pytest.mark.issue(17)
def test_search_for_nonsense_says_no_results(client):
    body = client.get("/api/search", params={"q": "zxqv blorft wibble"}).json()
    assert body["items"] == [] and body["total"] == 0
    assert "No results" in client.get("/search", params={"q": "zxqv blorft wibble"}).text


def test_api_audit_has_limit_offset_and_total(client):
    body = client.get("/api/audit", params={"limit": 1}).json()
    assert body["limit"] == 1 and body["offset"] == 0 and "total" in body


def _claim(client) -> str:
    return client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"][0]["id"]


@pytest.mark.issue(17)
def test_review_api_takes_verdict_and_still_label(client, editor):
    auth = {"Authorization": f"Bearer {editor[2]}"}
    claim = _claim(client)
    r = client.post(
        f"/api/claims/{claim}/review", json={"verdict": "DISPUTED", "rationale": "Two counts."}, headers=auth
    )
    assert r.status_code == 200 and r.json()["after"]["label"] == "DISPUTED"
    r = client.post(f"/api/claims/{claim}/review", json={"label": "REFUTED", "rationale": "Agency log."}, headers=auth)
    assert r.status_code == 200 and r.json()["after"]["label"] == "REFUTED"
    r = client.post(f"/api/claims/{claim}/review", json={"rationale": "No verdict."}, headers=auth)
    assert r.status_code == 422
    r = client.post(
        f"/api/claims/{claim}/review",
        json={"verdict": "SUPPORTED", "label": "REFUTED", "rationale": "Both."},
        headers=auth,
    )
    assert r.status_code == 422


@pytest.mark.issue(17)
def test_actors_without_mentions_are_not_listed(client):
    items = client.get("/api/actors", params={"limit": 500}).json()["items"]
    assert items and all(a["mentions"] >= 1 for a in items)


def _side(sentence: str, doc: str) -> dict:
    return {"sentence_id": sentence, "document_id": doc, "text": sentence}


def test_merge_contradictions_lists_a_statement_contradicted_twice_by_one_source_once():
    from receipts.app.newsroom import merge_contradictions

    rows = [
        {"id": "x1", "a": _side("s1", "d1"), "b": _side("s9", "d9")},
        {"id": "x2", "a": _side("s2", "d1"), "b": _side("s9", "d9")},
        {"id": "x3", "a": _side("s9", "d9"), "b": _side("s3", "d1")},
        {"id": "x4", "a": _side("s4", "d2"), "b": _side("s9", "d9")},
    ]
    merged = merge_contradictions(rows)
    assert [r["id"] for r in merged] == ["x1", "x4"]
    assert [o["sentence_id"] for o in merged[0]["a"]["also"]] == ["s2", "s3"]
    assert "also" not in rows[0]["a"]  # the input is left alone


@pytest.mark.issue(17)
def test_contradictions_are_listed_once(client):
    items = client.get("/api/contradictions", params={"limit": 500}).json()["items"]
    pairs = [
        frozenset({(x["a"]["sentence_id"], x["b"]["document_id"]), (x["b"]["sentence_id"], x["a"]["document_id"])})
        for x in items
    ]
    keys = [k for p in pairs for k in p]
    assert len(keys) == len(set(keys))


@pytest.mark.issue(17)
def test_speaker_names_link_to_their_actor_pages(client):
    claim = client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"][0]
    assert claim["speaker_actor_id"]
    assert f'<a href="/actors/{claim["speaker_actor_id"]}">{claim["speaker"]}</a>' in client.get("/claims").text


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    "promise, overdue",
    [
        ({"deadline": "2026-06-30", "status": "stalled"}, True),
        ({"deadline": "2026-06-30", "status": "kept"}, False),
        ({"deadline": "2026-12-31", "status": "in the works"}, False),
        ({"deadline": None, "status": "stalled"}, False),
    ],
)
def test_is_overdue_checks_the_deadline_against_today(promise, overdue):
    from datetime import date

    from receipts.app.newsroom import is_overdue

    assert is_overdue(promise, today=date(2026, 11, 23)) is overdue


def test_promises_say_whether_they_are_overdue(client):
    items = client.get("/api/promises").json()["items"]
    assert items and all(isinstance(p["overdue"], bool) for p in items)


@pytest.mark.issue(17)
def test_contradiction_sides_link_to_their_claims(client):
    items = client.get("/api/contradictions").json()["items"]
    linked = [x[k]["claim_id"] for x in items for k in ("a", "b") if x[k]["claim_id"]]
    assert linked and all(client.get(f"/api/claims/{c}").status_code == 200 for c in linked)
    assert f'href="/claims/{linked[0]}"' in client.get("/contradictions").text
