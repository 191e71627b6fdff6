"""The same store on a real PostgreSQL server (RECEIPTS_TEST_POSTGRES_URL, started by .ci/run)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
URL = os.environ.get("RECEIPTS_TEST_POSTGRES_URL")

if not URL:
    if os.environ.get("RECEIPTS_REQUIRE_POSTGRES"):
        raise RuntimeError("RECEIPTS_REQUIRE_POSTGRES is set but RECEIPTS_TEST_POSTGRES_URL is not")
    pytest.skip("set RECEIPTS_TEST_POSTGRES_URL to run the PostgreSQL tests", allow_module_level=True)


@pytest.fixture
def pg_url():
    from receipts.app.services import close_stores
    from receipts.store import Store

    store = Store(URL)
    with store.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    store.dispose()
    close_stores()  # this process opened (and migrated) the dropped schema before: open it afresh
    return URL


def test_postgres_ingest_list_and_idempotence(cli, pg_url):
    first = cli("ingest", str(EXAMPLES), "--db", pg_url, "-q")
    assert first.exit_code == 0, first.output
    assert "ingested 8 new" in first.output
    assert "ingested 0 new, 8 duplicate" in cli("ingest", str(EXAMPLES), "--db", pg_url, "-q").output
    claims = json.loads(cli("claims", "--db", pg_url, "--json").output)
    assert any("200 have been sent back" in c["text"] and c["speaker"]["name"] == "Marta Kessler" for c in claims)
    assert "## Story 1" in cli("report", "--db", pg_url, "--format", "md").output


def test_postgres_failed_document_leaves_nothing_behind(cli, pg_url, tmp_path):
    (tmp_path / "bad.json").write_text("{oops")
    (tmp_path / "good.txt").write_text("The council approved 40 new buses on Monday.")
    result = cli("ingest", str(tmp_path), "--db", pg_url, "-q")
    assert result.exit_code == 1
    docs = json.loads(cli("documents", "--db", pg_url, "--json").output)
    assert len(docs) == 1


@pytest.mark.issue(21)
def test_postgres_serves_concurrent_reads_and_review_writes(cli, pg_url):
    from concurrent.futures import ThreadPoolExecutor

    from fastapi.testclient import TestClient

    from receipts.app.review import add_user
    from receipts.config import Settings
    from receipts.web import create_app

    assert cli("ingest", str(EXAMPLES), "--db", pg_url, "-q").exit_code == 0
    settings = Settings(database_url=pg_url, secret_key="test-secret-key-0123456789", embeddings=False)
    token = add_user(settings, "maria.ed", "correct horse battery")
    with TestClient(create_app(settings)) as client:
        claim = client.get("/api/claims", params={"limit": 1}).json()["items"][0]["id"]

        def run(k: int) -> list[int]:
            codes = []
            for i in range(25):
                if (i + k) % 5 == 0:
                    r = client.post(
                        f"/api/claims/{claim}/review",
                        headers={"Authorization": f"Bearer {token}"},
                        json={"label": "DISPUTED", "rationale": "two accounts"},
                    )
                else:
                    r = client.get(("/api/claims", f"/api/claims/{claim}", "/api/documents", "/claims")[(i + k) % 4])
                codes.append(r.status_code)
            return codes

        with ThreadPoolExecutor(8) as pool:
            codes = [c for batch in pool.map(run, range(8)) for c in batch]
    assert codes.count(200) == len(codes) == 200


@pytest.mark.issue(18)
def test_postgres_sentence_index_follows_writes_replacements_and_deletions(pg_url):
    from sqlalchemy import delete
    from test_sentence_index import CORPUS, LetterEmbedder, store_doc

    from receipts.app.index import SentenceIndex
    from receipts.store import Store
    from receipts.store.models import DocumentRow

    store = Store(pg_url)
    store.migrate()
    for name, sentences in CORPUS.items():
        store_doc(store, name, sentences)
    index = SentenceIndex(store, LetterEmbedder())
    assert index.refresh() == 8
    assert [i.text for i, _ in index.search_relevant("grain corridor", k=1)] == [CORPUS["grain"][2]]
    assert SentenceIndex(store, None).search_relevant("xylophone quokka") == []
    store_doc(store, "music", ["The choir rehearsed in Vienna."])
    with store.transaction() as s:
        s.execute(delete(DocumentRow).where(DocumentRow.title == "grain"))
    index.refresh()
    found = {i.text for i, _ in index.search("grain orchestra choir Vienna", k=10)}
    assert "The choir rehearsed in Vienna." in found and not found & set(CORPUS["grain"] + CORPUS["music"])
    near = {i.text for i, _ in index.similar(LetterEmbedder().encode(["grain harvest"])[0], k=10)}
    assert not near & set(CORPUS["grain"]) and len(near) == 4
    store.dispose()


@pytest.mark.issue(18)
def test_postgres_compact_runs_vacuum_analyze_and_keeps_the_rows(cli, pg_url):
    assert cli("ingest", str(EXAMPLES), "--db", pg_url, "-q").exit_code == 0
    claims = json.loads(cli("claims", "--db", pg_url, "--json").output)
    out = cli("compact", "--db", pg_url, "--json")
    assert out.exit_code == 0, out.output
    sizes = json.loads(out.output)
    assert sizes["documents"] == 8 and sizes["bytes_after"] is None
    assert json.loads(cli("claims", "--db", pg_url, "--json").output) == claims
