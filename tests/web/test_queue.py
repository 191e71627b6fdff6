"""The review queue: order, filters, confirm / override / dismiss, and contradiction states with audit rows."""

from __future__ import annotations

import re

import pytest

URGENCY = {"REFUTED": 0, "DISPUTED": 1, "SUPPORTED": 2, "NOT_ENOUGH_INFO": 3}


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _login(client, editor) -> None:
    page = client.get("/login").text
    client.post("/login", data={"name": editor[0], "password": editor[1], "csrf": _csrf(page)})


@pytest.mark.issue(17)
def test_queue_puts_refuted_and_disputed_first_then_check_worthiness(client):
    items = client.get("/api/review-queue", params={"limit": 500}).json()["items"]
    assert items and all(c["verdict"]["origin"] == "machine" for c in items)
    keys = [(URGENCY[c["verdict"]["label"]], -c["score"]) for c in items]
    assert keys == sorted(keys) and items[0]["verdict"]["label"] == "REFUTED"


def test_queue_filters_by_actor_outlet_and_date(client):
    by_actor = client.get("/api/review-queue", params={"actor": "kessler"}).json()["items"]
    assert by_actor and all("kessler" in c["speaker"].lower() for c in by_actor)
    by_outlet = client.get("/api/review-queue", params={"outlet": "courier"}).json()["items"]
    assert by_outlet and all("courier" in c["source"].lower() for c in by_outlet)
    late = client.get("/api/review-queue", params={"since": "2026-07-15"}).json()["items"]
    assert late and all(c["published"] >= "2026-07-15" for c in late)


@pytest.mark.issue(17)
def test_confirm_and_dismiss_take_claims_out_of_the_queue(client, editor):
    auth = {"Authorization": f"Bearer {editor[2]}"}
    first, second = client.get("/api/review-queue", params={"limit": 2}).json()["items"]
    r = client.post(
        f"/api/claims/{first['id']}/review",
        headers=auth,
        json={"verdict": first["verdict"]["label"], "rationale": "Agency statement checked."},
    )
    assert r.status_code == 200 and r.json()["action"] == "confirm"
    r = client.post(f"/api/claims/{second['id']}/dismiss", headers=auth, json={"rationale": "Opinion, not checkable."})
    assert r.status_code == 200 and r.json()["action"] == "dismiss"
    left = {c["id"] for c in client.get("/api/review-queue", params={"limit": 500}).json()["items"]}
    assert first["id"] not in left and second["id"] not in left
    assert client.post(f"/api/claims/{second['id']}/dismiss", json={"rationale": "x"}).status_code == 401
    log = client.get("/api/audit", params={"entity_id": second["id"]}).json()["items"]
    assert log[0]["action"] == "dismiss" and log[0]["rationale"] == "Opinion, not checkable."


@pytest.mark.issue(17)
def test_contradiction_state_is_stored_and_audited(client, editor):
    auth = {"Authorization": f"Bearer {editor[2]}"}
    x = client.get("/api/contradictions", params={"state": "open"}).json()["items"][0]
    assert x["state"] == "open"
    r = client.post(
        f"/api/contradictions/{x['id']}/state",
        headers=auth,
        json={"state": "confirmed", "rationale": "Both ministries stand by their accounts."},
    )
    assert r.status_code == 200 and r.json()["before"] is None and r.json()["after"] == {"state": "confirmed"}
    confirmed = client.get("/api/contradictions", params={"state": "confirmed"}).json()["items"]
    assert [c["id"] for c in confirmed] == [x["id"]] and confirmed[0]["state_reviewer"] == editor[0]
    r = client.post(f"/api/contradictions/{x['id']}/state", headers=auth, json={"state": "closed", "rationale": "x"})
    assert r.status_code == 422
    log = client.get("/api/audit", params={"entity_id": x["id"]}).json()["items"]
    assert log[0]["entity"] == "contradiction" and log[0]["action"] == "confirmed"


@pytest.mark.issue(17)
def test_review_page_lists_the_queue_and_its_forms_work(client, editor):
    html = client.get("/review").text
    assert "Review queue" in html and "Log in as an editor" in html
    _login(client, editor)
    html = client.get("/review").text
    claim = re.search(r'action="/review/claims/(c_[0-9a-f]+)"', html).group(1)
    r = client.post(
        f"/review/claims/{claim}",
        data={
            "csrf": _csrf(html),
            "action": "review",
            "verdict": "DISPUTED",
            "rationale": "Two counts differ.",
            "back": "/review",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/review"
    assert f"/review/claims/{claim}" not in client.get("/review").text
    x = re.search(r'action="/contradictions/(x_[0-9a-f]+)/state"', html).group(1)
    r = client.post(
        f"/contradictions/{x}/state",
        data={"csrf": _csrf(html), "state": "dismissed", "rationale": "Different dates.", "back": "//evil.example"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/contradictions"
    assert "dismissed" in client.get("/contradictions").text


def test_review_page_narrows_to_one_story(client):
    doc = client.get("/api/review-queue", params={"limit": 1}).json()["items"][0]["document_id"]
    html = client.get("/review", params={"document": doc}).text
    ids = set(re.findall(r'<li id="q-(c_[0-9a-f]+)"', html))
    expected = {
        c["id"] for c in client.get("/api/review-queue", params={"document": doc, "limit": 500}).json()["items"]
    }
    assert ids == expected and f'name="document" value="{doc}"' in html
