"""Merging two actors that are one (CLI, API, page), audited."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app


def _actors(client) -> dict[str, dict]:
    return {a["name"]: a for a in client.get("/api/actors", params={"limit": 500}).json()["items"]}


@pytest.mark.issue(17)
def test_merge_actors_moves_everything_and_keeps_the_name_as_an_alias(client, editor):
    actors = _actors(client)
    keep, drop = actors["Marta Kessler"], actors["Ruth Adeyemi"]  # any two: the mechanics are what is tested
    before = client.get(f"/api/actors/{keep['id']}").json()
    r = client.post(
        f"/api/actors/{keep['id']}/merge",
        json={"drop": drop["id"], "rationale": "Test merge."},
        headers={"Authorization": f"Bearer {editor[2]}"},
    )
    assert r.status_code == 200, r.text
    after = client.get(f"/api/actors/{keep['id']}").json()
    assert after["mentions"] == before["mentions"] + drop["mentions"] and "Ruth Adeyemi" in after["aliases"]
    assert client.get(f"/api/actors/{drop['id']}").status_code == 404
    log = client.get("/api/audit", params={"entity_id": str(keep["id"])}).json()["items"]
    assert log[0]["action"] == "merge" and log[0]["before"]["name"] == "Ruth Adeyemi"


def test_merge_actors_refuses_the_same_actor_and_unknown_ids(client, editor):
    auth = {"Authorization": f"Bearer {editor[2]}"}
    keep = _actors(client)["Marta Kessler"]["id"]
    assert (
        client.post(f"/api/actors/{keep}/merge", json={"drop": keep, "rationale": "x"}, headers=auth).status_code == 400
    )
    assert (
        client.post(f"/api/actors/{keep}/merge", json={"drop": 99999, "rationale": "x"}, headers=auth).status_code
        == 404
    )
    assert client.post(f"/api/actors/{keep}/merge", json={"drop": 2, "rationale": "x"}).status_code == 401


def test_merge_actors_command_and_page_form(client, db_path, editor):
    actors = _actors(client)
    r = CliRunner().invoke(
        app,
        [
            "merge-actors",
            str(actors["Tomas Ferro"]["id"]),
            str(actors["Aaron Tamsin"]["id"]),
            "--rationale",
            "Test merge.",
            "--db",
            str(db_path),
            "--json",
        ],
    )
    assert r.exit_code == 0 and json.loads(r.stdout)["before"]["name"] == "Aaron Tamsin"
    page = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/login", data={"name": editor[0], "password": editor[1], "csrf": csrf})
    keep = actors["Marta Kessler"]["id"]
    html = client.get(f"/actors/{keep}").text
    assert f'action="/actors/{keep}/merge"' in html
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # login starts a new session
    r = client.post(
        f"/actors/{keep}/merge",
        data={"drop": actors["Ruth Adeyemi"]["id"], "rationale": "Same.", "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "Ruth Adeyemi" in client.get(f"/actors/{keep}").text
