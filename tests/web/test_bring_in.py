"""Bringing a story in from the browser form and through POST /api/documents."""

from __future__ import annotations

import re

import pytest

STORY = (
    "HARBOUR CITY — Port director Lena Ostrova said on Monday that 14 cranes had been repaired. "
    '"We will reopen the north quay by June 30," Ostrova said.'
)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _login(client, editor) -> None:
    page = client.get("/login").text
    r = client.post(
        "/login", data={"name": editor[0], "password": editor[1], "csrf": _csrf(page)}, follow_redirects=False
    )
    assert r.status_code == 303


def test_new_story_form_asks_for_login(client):
    r = client.get("/documents/new", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/documents/new"


@pytest.mark.issue(17)
def test_new_story_form_stores_it_and_shows_what_was_extracted(client, editor):
    _login(client, editor)
    form = client.get("/documents/new").text
    assert 'enctype="multipart/form-data"' in form and 'name="published"' in form
    r = client.post(
        "/documents/new",
        data={
            "csrf": _csrf(form),
            "text": STORY,
            "title": "Cranes repaired",
            "source": "Harbour Herald",
            "published": "2026-11-23",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and "added=1" in r.headers["location"]
    page = client.get(r.headers["location"]).text
    assert "Cranes repaired" in page and "Stored as" in page and "claims" in page
    assert "Lena Ostrova" in page and 'class="doc-claims"' in page
    assert "No publication date" not in page


@pytest.mark.issue(17)
def test_new_story_without_date_or_outlet_warns_on_its_page(client, editor):
    _login(client, editor)
    form = client.get("/documents/new").text
    r = client.post(
        "/documents/new", data={"csrf": _csrf(form), "text": STORY + " Nobody else spoke."}, follow_redirects=True
    )
    assert r.status_code == 200 and "No publication date" in r.text and "No outlet" in r.text


def test_new_story_upload_reads_the_file(client, editor):
    _login(client, editor)
    form = client.get("/documents/new").text
    body = f"---\ntitle: Quay report\nsource: Harbour Herald\npublished: 2026-11-02\n---\n{STORY} Upload."
    r = client.post(
        "/documents/new",
        data={"csrf": _csrf(form)},
        files={"file": ("quay.md", body, "text/markdown")},
        follow_redirects=True,
    )
    assert r.status_code == 200 and "Quay report" in r.text and "Harbour Herald" in r.text


def test_new_story_form_needs_csrf_and_text(client, editor):
    _login(client, editor)
    r = client.post("/documents/new", data={"csrf": "forged", "text": STORY})
    assert r.status_code == 401
    form = client.get("/documents/new").text
    r = client.post("/documents/new", data={"csrf": _csrf(form), "text": "  "})
    assert r.status_code == 400 and "either pasted text or a file" in r.text


@pytest.mark.issue(17)
def test_api_documents_post_with_token_returns_ids_counts_and_verdicts(client, editor):
    r = client.post(
        "/api/documents",
        json={"text": STORY + " By token.", "source": "Harbour Herald", "published": "2026-11-23"},
        headers={"Authorization": f"Bearer {editor[2]}"},
    )
    assert r.status_code == 201, r.text
    [doc] = r.json()["documents"]
    assert doc["counts"]["claims"] >= 1 and doc["warnings"] == []
    claims = {c["id"] for c in client.get(f"/api/documents/{doc['id']}").json()["claims"]}
    assert claims <= {v["claim_id"] for v in r.json()["verdicts"]}  # and any older claim the story bears on


def test_api_documents_post_with_session_and_without_auth(client, editor):
    r = client.post("/api/documents", json={"text": STORY + " No auth.", "verify": False})
    assert r.status_code == 401
    _login(client, editor)
    r = client.post("/api/documents", json={"text": STORY + " By session.", "verify": False})
    assert r.status_code == 201 and len(r.json()["documents"][0]["warnings"]) == 2
