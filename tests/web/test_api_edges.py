"""API and page edges: bounds, undeclared methods, validation bodies, wildcards, equal limits."""

from __future__ import annotations

import re

import pytest

HUGE = "99999999999999999999999"


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "path",
    [
        f"/api/claims?offset={HUGE}",
        f"/api/actors/{HUGE}",
        "/api/claims?offset=1e309",
        "/api/claims?limit=7%C2%A0",
        "/api/claims?until=0",
        f"/api/documents?limit={HUGE}",
    ],
)
def test_api_answers_422_for_numbers_and_dates_out_of_bounds(client, path):
    r = client.get(path)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail and all(set(e) == {"loc", "msg", "type"} for e in detail)  # the declared HTTPValidationError


@pytest.mark.issue(21)
@pytest.mark.parametrize(
    "path",
    [f"/claims?offset={HUGE}", f"/actors/{HUGE}", f"/documents?offset={HUGE}", f"/actors?offset={HUGE}", "/actors/0"],
)
def test_pages_answer_422_for_numbers_out_of_bounds(client, path):
    r = client.get(path)
    assert r.status_code == 422 and "Bad request" in r.text


@pytest.mark.issue(21)
@pytest.mark.parametrize(
    "method,path,allowed",
    [
        ("DELETE", "/api/claims", "GET"),
        ("PUT", "/api/claims/c_1", "GET"),
        ("GET", "/api/claims/c_1/review", "POST"),
        ("PATCH", "/claims", "GET"),
    ],
)
def test_undeclared_methods_get_405_with_allow(client, method, path, allowed):
    r = client.request(method, path)
    assert r.status_code == 405 and r.headers["allow"] == allowed


@pytest.mark.issue(21)
def test_sql_wildcards_in_filters_match_themselves(client):
    claims = client.get("/api/claims", params={"limit": 500}).json()["items"]
    titles = [d["title"] or "" for d in client.get("/api/documents", params={"limit": 500}).json()["items"]]
    actors = [a["name"] for a in client.get("/api/actors", params={"limit": 500}).json()["items"]]
    for q in ("%", "_", "%%", "4%"):
        assert (
            client.get("/api/claims", params={"q": q}).json()["total"]
            == sum(q in c["text"] for c in claims)
            < len(claims)
        )
        assert (
            client.get("/api/documents", params={"q": q}).json()["total"] == sum(q in t for t in titles) < len(titles)
        )
        assert (
            client.get("/api/actors", params={"actor": q}).json()["total"] == sum(q in a for a in actors) < len(actors)
        )


@pytest.mark.issue(21)
def test_web_form_and_api_share_the_rationale_limit(client, editor):
    from receipts.app.review import MAX_RATIONALE

    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["id"]
    too_long = "x" * (MAX_RATIONALE + 1)
    api = client.post(
        f"/api/claims/{claim}/review",
        headers={"Authorization": f"Bearer {editor[2]}"},
        json={"label": "DISPUTED", "rationale": too_long},
    )
    assert api.status_code == 422
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"name": editor[0], "password": editor[1], "csrf": token})
    token = re.search(r'name="csrf" value="([^"]+)"', client.get(f"/claims/{claim}").text).group(1)  # a new session
    form = client.post(f"/claims/{claim}/review", data={"label": "DISPUTED", "rationale": too_long, "csrf": token})
    assert form.status_code == 400 and f"keep it to {MAX_RATIONALE}" in form.text
    ok = client.post(
        f"/claims/{claim}/review",
        data={"label": "DISPUTED", "rationale": "x" * MAX_RATIONALE, "csrf": token},
        follow_redirects=False,
    )
    assert ok.status_code == 303
