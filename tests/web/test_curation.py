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


@pytest.mark.issue(17)
def test_split_actor_moves_what_goes_by_that_name_to_a_new_actor(client, editor):
    dravania = _actors(client)["Dravania"]
    assert "Korvi" in dravania["aliases"]
    auth = {"Authorization": f"Bearer {editor[2]}"}
    r = client.post(
        f"/api/actors/{dravania['id']}/split",
        json={"name": "Korvi", "rationale": "Korvi is the capital, not the country."},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    entry = r.json()
    assert entry["action"] == "split" and entry["after"]["moved"]["mentions"] > 0
    actors = _actors(client)
    assert "Korvi" in actors and "Korvi" not in actors["Dravania"]["aliases"]
    assert actors["Korvi"]["mentions"] == entry["after"]["moved"]["mentions"]
    assert actors["Dravania"]["mentions"] == dravania["mentions"] - entry["after"]["moved"]["mentions"]
    log = client.get("/api/audit").json()["items"]
    assert log[0]["action"] == "split" and log[0]["entity_id"] == str(dravania["id"])
    assert log[0]["before"]["aliases"] == ["Korvi"] and log[0]["rationale"].startswith("Korvi is the capital")


@pytest.mark.issue(17)
def test_split_actor_refuses_its_own_name_a_taken_name_and_a_name_it_never_had(client, editor):
    actors = _actors(client)
    auth = {"Authorization": f"Bearer {editor[2]}"}
    kessler = actors["Marta Kessler"]["id"]
    for name, needle in (("Marta Kessler", "own name"), ("Ivo Brandt", "merge-actors"), ("Nobody", "nothing")):
        r = client.post(f"/api/actors/{kessler}/split", json={"name": name, "rationale": "x"}, headers=auth)
        assert r.status_code == 400 and needle in r.text, (name, r.text)
    assert client.post(f"/api/actors/{kessler}/split", json={"name": "Kessler", "rationale": "x"}).status_code == 401
    assert client.get("/api/audit").json()["total"] == 1  # only the editor's creation


@pytest.mark.issue(17)
def test_edit_aliases_adds_and_removes_and_refuses_another_actors_name(client, editor):
    actors = _actors(client)
    auth = {"Authorization": f"Bearer {editor[2]}"}
    kessler = actors["Marta Kessler"]["id"]
    r = client.post(
        f"/api/actors/{kessler}/aliases",
        json={"add": ["President Kessler"], "remove": ["Kessler"], "rationale": "Her title, not her surname alone."},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    aliases = _actors(client)["Marta Kessler"]["aliases"]
    assert "President Kessler" in aliases and "Kessler" not in aliases
    assert r.json()["action"] == "aliases" and "Kessler" in r.json()["before"]["aliases"]
    r = client.post(f"/api/actors/{kessler}/aliases", json={"add": ["Brandt"], "rationale": "x"}, headers=auth)
    assert r.status_code == 400 and "merge-actors" in r.text
    r = client.post(f"/api/actors/{kessler}/aliases", json={"remove": ["Velmar"], "rationale": "x"}, headers=auth)
    assert r.status_code == 400 and "not an alias" in r.text


@pytest.mark.issue(17)
def test_split_and_alias_commands_and_page_forms(client, db_path, editor):
    actors = _actors(client)
    runner = CliRunner()
    dravania, kessler = str(actors["Dravania"]["id"]), actors["Marta Kessler"]["id"]
    r = runner.invoke(
        app, ["split-actor", dravania, "Korvi", "--rationale", "Capital.", "--db", str(db_path), "--json"]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["after"]["name"] == "Korvi"
    r = runner.invoke(app, ["aliases", dravania, "--add", "Dravanian government", "--db", str(db_path)])
    assert r.exit_code == 1 and "--rationale" in r.output
    r = runner.invoke(
        app, ["aliases", dravania, "--add", "Dravanian government", "--rationale", "Same.", "--db", str(db_path)]
    )
    assert r.exit_code == 0 and "Dravanian government" in r.stdout
    r = runner.invoke(app, ["aliases", dravania, "--db", str(db_path), "--json"])
    assert json.loads(r.stdout)["aliases"] == ["Dravanian government"]
    page = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/login", data={"name": editor[0], "password": editor[1], "csrf": csrf})
    html = client.get(f"/actors/{kessler}").text
    assert f'action="/actors/{kessler}/split"' in html and f'action="/actors/{kessler}/aliases"' in html
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    r = client.post(
        f"/actors/{kessler}/aliases",
        data={"remove": ["the president"], "add": "President Kessler", "rationale": "Title.", "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = client.post(
        f"/actors/{kessler}/split", data={"name": "Kessler", "rationale": "Two.", "csrf": csrf}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] != f"/actors/{kessler}"
    assert "Kessler" in client.get(r.headers["location"]).text
    aliases = _actors(client)["Marta Kessler"]["aliases"]
    assert "President Kessler" in aliases and "Kessler" not in aliases
    assert not any(a.lower() == "the president" for a in aliases)
    r = client.post(f"/actors/{kessler}/aliases", data={"add": "X", "rationale": "x", "csrf": "forged"})
    assert r.status_code == 401 and "X" not in _actors(client)["Marta Kessler"]["aliases"]  # a forged form
