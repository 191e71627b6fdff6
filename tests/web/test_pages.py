"""Server-rendered pages: reading without login, login + CSRF for writes, escaping, error pages."""

from __future__ import annotations

import re

import pytest

PAGES = (
    "/",
    "/claims",
    "/actors",
    "/promises",
    "/contradictions",
    "/timeline",
    "/search?q=remains",
    "/documents",
    "/audit",
    "/login",
    "/report",
)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _rally_id(client) -> str:
    return client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"][0]["id"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_login(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers and "script-src 'self'" in r.headers["Content-Security-Policy"]


def test_dashboard_shows_verdicts_contradictions_and_board(client):
    html = client.get("/").text
    assert "Latest check-worthy claims" in html and 'class="badge ' in html
    refuted = re.search(r'class="t-refuted" href="/claims\?verdict=REFUTED"><b>(\d+)</b>', html)
    assert refuted and int(refuted.group(1)) >= 1
    assert "Open contradictions" in html and "good-faith negotiations" in html
    assert "Promise board" in html and "stalled" in html
    assert "2026-06" in html and "2026-07" in html


def test_claim_page_has_evidence_history_and_jsonld(client):
    html = client.get(f"/claims/{_rally_id(client)}").text
    assert "<mark>" in html and "No remains have been returned" in html
    assert "Review history" in html and "Log in as an editor" in html
    assert '<script type="application/ld+json">' in html and '"@type": "ClaimReview"' in html


def test_timeline_is_an_svg_with_links(client):
    html = client.get("/timeline").text
    assert "<svg" in html and 'href="/claims/' in html and "Promises" in html


def test_form_posts_need_csrf_and_login(client, editor):
    claim = _rally_id(client)
    page = client.get("/login").text
    r = client.post("/login", data={"name": editor[0], "password": editor[1], "csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 401  # wrong CSRF token
    r = client.post("/login", data={"name": editor[0], "password": "wrong password", "csrf": _csrf(page)})
    assert r.status_code == 401 and "wrong password" in r.text
    r = client.post(
        f"/claims/{claim}/review",
        data={"label": "DISPUTED", "rationale": "x", "csrf": _csrf(page)},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_login_then_override_shows_in_page_and_audit_log(client, editor):
    claim = _rally_id(client)
    token = _csrf(client.get("/login").text)
    r = client.post(
        "/login",
        data={"name": editor[0], "password": editor[1], "csrf": token, "next": f"/claims/{claim}"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/claims/{claim}"
    page = client.get(f"/claims/{claim}").text
    assert "Save review" in page
    r = client.post(
        f"/claims/{claim}/review",
        data={"label": "DISPUTED", "rationale": "A second account exists.", "csrf": _csrf(page)},
    )
    assert r.status_code == 200
    assert (
        'class="badge disputed"' in r.text and 'class="origin human"' in r.text and "A second account exists." in r.text
    )
    audit = client.get("/audit").text
    assert "maria.ed" in audit and "override" in audit and "REFUTED" in audit


def test_hostile_article_is_escaped_everywhere(client):
    docs = client.get("/api/documents", params={"limit": 100}).json()["items"]
    hostile = next(d for d in docs if "Harbour" in (d["title"] or ""))
    pages = [f"/documents/{hostile['id']}", "/documents", "/search?q=harbour+containers", "/", "/claims", "/report"]
    pages += [f"/claims/{c['id']}" for c in client.get("/api/claims", params={"q": "containers"}).json()["items"]]
    for path in pages:
        html = client.get(path).text
        assert "<script>window" not in html and 'onerror="window' not in html and "<img src=x" not in html, path
        assert 'href="javascript:' not in html.lower(), path
        assert "<b onmouseover" not in html, path
    assert "&lt;script&gt;window.__xss" in client.get(f"/documents/{hostile['id']}").text


def test_error_pages_leak_no_internals(client, monkeypatch):
    from receipts.app import newsroom

    def boom(*a, **k):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(newsroom, "dashboard", boom)
    r = client.get("/")
    assert r.status_code == 500 and "Traceback" not in r.text and "secret internal detail" not in r.text
    monkeypatch.setattr(newsroom, "claims", boom)
    r = client.get("/api/claims")
    assert r.status_code == 500 and "secret" not in r.text
    r = client.get("/claims/c_missing")
    assert r.status_code == 404 and "Traceback" not in r.text


def test_exports(client):
    csv_text = client.get("/export/claims.csv").text
    assert csv_text.splitlines()[0].startswith("id,published,speaker,source,text,verdict")
    assert client.get("/export/claims.json").json()
    assert client.get("/report.md").text.startswith("#")


def test_favicon_ico_answers_with_the_icon(client):
    """Chromium asks for /favicon.ico on pages that name no icon; a 404 there shows as a console error."""
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert response.content == client.get("/static/favicon.svg").content
