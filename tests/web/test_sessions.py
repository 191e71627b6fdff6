"""Sessions: logout ends them on the server, guessing is throttled and audited, https gets Secure and HSTS."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _claim(client) -> str:
    return client.get("/api/claims", params={"limit": 1}).json()["items"][0]["id"]


def _login(client, name: str, password: str):
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf": _csrf(client.get("/login").text)},
        follow_redirects=False,
    )


def _app(settings, **changes):
    from receipts.web import create_app

    return create_app(settings.model_copy(update=changes))


@pytest.mark.issue(21)
def test_logout_ends_the_session_on_the_server(client, editor):
    claim = _claim(client)
    assert _login(client, editor[0], editor[1]).status_code == 303
    page = client.get(f"/claims/{claim}").text
    copied, form_token = client.cookies.get("session"), _csrf(page)
    client.post("/logout", data={"csrf": form_token}, follow_redirects=False)
    client.cookies.set("session", copied)  # the cookie an attacker copied before logout
    r = client.post(
        f"/claims/{claim}/review",
        data={"label": "DISPUTED", "rationale": "replayed", "csrf": form_token},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert not [
        a for a in client.get("/api/audit", params={"entity_id": claim}).json()["items"] if a["rationale"] == "replayed"
    ]


def test_login_again_after_logout_works(client, editor):
    assert _login(client, editor[0], editor[1]).status_code == 303
    client.post("/logout", data={"csrf": _csrf(client.get("/").text)})
    assert _login(client, editor[0], editor[1]).status_code == 303
    assert editor[0] in client.get("/").text


@pytest.mark.issue(16)
def test_failed_logins_for_one_user_get_429_then_even_the_right_password_waits(client, editor):
    for _ in range(5):
        assert _login(client, editor[0], "wrong password").status_code == 401
    r = _login(client, editor[0], editor[1])
    assert r.status_code == 429 and "too many failed attempts for this user" in r.text
    assert int(r.headers["retry-after"]) > 0
    assert _login(client, "someone.else", "wrong password").status_code == 401  # other names are not locked


@pytest.mark.issue(16)
def test_failed_logins_from_one_address_get_429(settings, editor):
    with TestClient(_app(settings, login_failures_per_address=3)) as client:
        for name in ("a.one", "b.two", "c.three"):
            assert _login(client, name, "wrong password").status_code == 401
        r = _login(client, editor[0], editor[1])
        assert r.status_code == 429 and "from this address" in r.text


@pytest.mark.issue(21)
def test_failed_logins_are_audited_with_the_address(client, editor):
    _login(client, editor[0], "wrong password")
    failed = [a for a in client.get("/api/audit").json()["items"] if a["action"] == "login failed"]
    assert len(failed) == 1 and failed[0]["user"] == editor[0] and failed[0]["after"] == {"address": "testclient"}


@pytest.mark.issue(21)
def test_invalid_api_tokens_from_one_address_get_429(settings, editor):
    claim_body = {"label": "DISPUTED", "rationale": "two accounts"}
    with TestClient(_app(settings, login_failures_per_address=3)) as client:
        claim = _claim(client)
        for i in range(3):
            r = client.post(f"/api/claims/{claim}/review", json=claim_body, headers={"Authorization": f"Bearer bad{i}"})
            assert r.status_code == 401
        r = client.post(
            f"/api/claims/{claim}/review", json=claim_body, headers={"Authorization": f"Bearer {editor[2]}"}
        )
        assert r.status_code == 429 and "from this address" in r.json()["detail"] and r.headers["retry-after"]


def _session_cookie(response) -> str:
    return next(c for c in response.headers.get_list("set-cookie") if c.startswith("session="))


@pytest.mark.issue(21)
def test_over_https_the_session_cookie_is_secure_and_hsts_is_sent(settings, editor):
    with TestClient(_app(settings), base_url="https://testserver") as client:
        r = _login(client, editor[0], editor[1])
        assert "secure" in _session_cookie(r).lower().split("; ")
        assert r.headers["strict-transport-security"].startswith("max-age=")


def test_over_plain_http_there_is_no_hsts_unless_forced(settings, editor):
    with TestClient(_app(settings)) as client:
        r = _login(client, editor[0], editor[1])
        assert "strict-transport-security" not in r.headers and "secure" not in _session_cookie(r).lower()
    with TestClient(_app(settings, force_https=True)) as client:  # TLS ends at a proxy in front
        r = client.get("/login")
        assert "secure" in _session_cookie(r).lower().split("; ") and "strict-transport-security" in r.headers
