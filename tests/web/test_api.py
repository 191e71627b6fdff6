"""REST API against a real SQLite store built from the example corpus."""

from __future__ import annotations

import pytest


def _rally(client) -> dict:
    items = client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"]
    assert items, "the rally claim should be stored"
    return items[0]


def test_claims_are_paginated_with_stable_ids(client):
    first = client.get("/api/claims", params={"limit": 3}).json()
    assert first["limit"] == 3 and first["offset"] == 0 and len(first["items"]) == 3 and first["total"] > 3
    second = client.get("/api/claims", params={"limit": 3, "offset": 3}).json()
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in second["items"]}
    again = client.get("/api/claims", params={"limit": 3}).json()
    assert [c["id"] for c in again["items"]] == [c["id"] for c in first["items"]]


def test_claims_filter_by_verdict_actor_and_dates(client):
    refuted = client.get("/api/claims", params={"verdict": "REFUTED"}).json()["items"]
    assert refuted and all(c["verdict"]["label"] == "REFUTED" for c in refuted)
    kessler = client.get("/api/claims", params={"actor": "kessler"}).json()["items"]
    assert kessler and all("kessler" in c["speaker"].lower() for c in kessler)
    july = client.get("/api/claims", params={"since": "2026-07-01", "until": "2026-07-31"}).json()["items"]
    assert july and all("2026-07-01" <= c["published"] <= "2026-07-31" for c in july)
    assert client.get("/api/claims", params={"since": "2026-08-01", "until": "2026-07-01"}).json()["items"] == []
    assert client.get("/api/claims", params={"limit": 0}).status_code == 422
    assert client.get("/api/claims", params={"verdict": "MAYBE"}).status_code == 422


def test_claim_detail_has_verdict_evidence_and_history(client):
    c = client.get(f"/api/claims/{_rally(client)['id']}").json()
    assert c["verdict"]["label"] == "REFUTED" and c["verdict"]["origin"] == "machine"
    assert any(e["source"] == "Ostravian Defense Recovery Agency" for e in c["evidence"])
    for e in c["evidence"]:
        a, b = e["highlight"]
        assert e["sentence"][a:b] == e["text"]
    assert len(c["history"]) >= 1 and c["context"][0][c["context"][1] : c["context"][2]] == c["text"]


def test_resources_list(client):
    for path in ("documents", "actors", "quotes", "verdicts", "contradictions", "promises"):
        body = client.get(f"/api/{path}").json()
        assert body["total"] >= 1 and body["items"], path
    doc = client.get("/api/documents").json()["items"][0]
    assert client.get(f"/api/documents/{doc['id']}").json()["text"]
    actor = client.get("/api/actors", params={"actor": "Kessler"}).json()["items"][0]
    detail = client.get(f"/api/actors/{actor['id']}").json()
    assert detail["name"] == "Marta Kessler" and detail["record"]["REFUTED"] >= 1
    stalled = client.get("/api/promises", params={"status": "stalled"}).json()["items"]
    assert stalled and all(p["status"] == "stalled" for p in stalled)
    hits = client.get("/api/search", params={"q": "remains returned"}).json()["items"]
    assert hits and "text" in hits[0]


def test_missing_items_are_404_without_internals(client):
    for path in ("/api/claims/c_nope", "/api/documents/d_nope", "/api/actors/999999", "/api/promises/p_nope"):
        r = client.get(path)
        assert r.status_code == 404 and "Traceback" not in r.text, path


def test_review_needs_a_valid_token(client, editor):
    claim_id = _rally(client)["id"]
    body = {"label": "REFUTED", "rationale": "The agency said no remains were returned."}
    assert client.post(f"/api/claims/{claim_id}/review", json=body).status_code == 401
    bad = client.post(f"/api/claims/{claim_id}/review", json=body, headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401


def test_review_confirm_then_override_is_audited(client, editor):
    name, _, token = editor
    auth = {"Authorization": f"Bearer {token}"}
    claim_id = _rally(client)["id"]
    r = client.post(
        f"/api/claims/{claim_id}/review",
        headers=auth,
        json={"label": "REFUTED", "rationale": "Agency statement of June 24."},
    )
    assert r.status_code == 200 and r.json()["action"] == "confirm"
    r = client.post(
        f"/api/claims/{claim_id}/review",
        headers=auth,
        json={"label": "DISPUTED", "rationale": "Kessler's office says a first batch left on June 19."},
    )
    entry = r.json()
    assert (
        entry["action"] == "override" and entry["before"]["label"] == "REFUTED" and entry["before"]["origin"] == "human"
    )
    assert entry["after"]["label"] == "DISPUTED" and entry["user"] == name
    c = client.get(f"/api/claims/{claim_id}").json()
    assert c["verdict"]["origin"] == "human" and c["verdict"]["label"] == "DISPUTED"
    assert [v["origin"] for v in c["history"]].count("human") == 2
    log = client.get("/api/audit", params={"entity_id": claim_id}).json()["items"]
    assert [e["action"] for e in log] == ["override", "confirm"]
    human = client.get("/api/claims", params={"origin": "human"}).json()["items"]
    assert [c["id"] for c in human] == [claim_id]


def test_machine_rerun_keeps_the_editor_verdict(client, editor, settings):
    from receipts.app.verification import verify_claims

    _, _, token = editor
    claim_id = _rally(client)["id"]
    client.post(
        f"/api/claims/{claim_id}/review",
        headers={"Authorization": f"Bearer {token}"},
        json={"label": "DISPUTED", "rationale": "New figures from the ministry."},
    )
    verify_claims(settings, claim_id=claim_id)
    c = client.get(f"/api/claims/{claim_id}").json()
    assert c["verdict"]["origin"] == "human" and c["verdict"]["label"] == "DISPUTED"


def test_promise_review(client, editor):
    _, _, token = editor
    promise = client.get("/api/promises", params={"status": "stalled"}).json()["items"][0]
    r = client.post(
        f"/api/promises/{promise['id']}/review",
        headers={"Authorization": f"Bearer {token}"},
        json={"status": "broken", "rationale": "The 60-day deadline passed with no remains returned."},
    )
    assert r.status_code == 200 and r.json()["before"]["status"] == "stalled"
    after = client.get(f"/api/promises/{promise['id']}").json()
    assert after["status"] == "broken" and after["origin"] == "human"


@pytest.mark.parametrize("body", [{"label": "REFUTED", "rationale": ""}, {"label": "FALSE", "rationale": "x"}])
def test_bad_review_bodies_are_rejected(client, editor, body):
    r = client.post(
        f"/api/claims/{_rally(client)['id']}/review", json=body, headers={"Authorization": f"Bearer {editor[2]}"}
    )
    assert r.status_code == 422


def test_openapi_documents_every_resource(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for p in (
        "/api/documents",
        "/api/actors",
        "/api/quotes",
        "/api/claims",
        "/api/verdicts",
        "/api/contradictions",
        "/api/promises",
        "/api/search",
        "/api/claims/{claim_id}/review",
    ):
        assert p in paths
    assert client.get("/api/docs").status_code == 200
