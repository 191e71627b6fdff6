"""receipts users list | remove | rotate-token, and what each does to logins and tokens."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from receipts.cli.main import app


def run(*args):
    return CliRunner().invoke(app, list(args))


@pytest.mark.issue(17)
def test_users_list_shows_editors_newest_first(db_path, editor):
    run("users", "add", "second.ed", "--db", str(db_path), "--password", "long enough pass")
    r = run("users", "list", "--db", str(db_path), "--json")
    assert r.exit_code == 0
    names = [u["name"] for u in json.loads(r.stdout)]
    assert names[:2] == ["second.ed", editor[0]]
    assert "second.ed" in run("users", "list", "--db", str(db_path)).output


@pytest.mark.issue(17)
def test_users_rotate_token_ends_the_old_token(client, settings, editor):
    r = run("users", "rotate-token", editor[0], "--db", str(settings.database_url.removeprefix("sqlite:///")))
    assert r.exit_code == 0
    new = r.stdout.strip().splitlines()[-1]
    body = {"verdict": "DISPUTED", "rationale": "Two counts."}
    claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["id"]
    old = client.post(f"/api/claims/{claim}/review", json=body, headers={"Authorization": f"Bearer {editor[2]}"})
    assert old.status_code == 401
    ok = client.post(f"/api/claims/{claim}/review", json=body, headers={"Authorization": f"Bearer {new}"})
    assert ok.status_code == 200


@pytest.mark.issue(17)
def test_users_remove_ends_logins_and_keeps_the_audit(db_path, editor):
    r = run("users", "remove", editor[0], "--db", str(db_path), "--yes")
    assert r.exit_code == 0
    assert editor[0] not in [u["name"] for u in json.loads(run("users", "list", "--db", str(db_path), "--json").stdout)]
    again = run("users", "remove", editor[0], "--db", str(db_path), "--yes")
    assert again.exit_code == 1 and "receipts users list" in again.output
    audit = json.loads(run("audit", "--db", str(db_path), "--json").stdout)
    assert any(a["action"] == "remove" and a["entity_id"] == editor[0] for a in audit)
