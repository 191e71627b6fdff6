"""Concurrent clients against a real uvicorn server on loopback: every answer is a success."""

from __future__ import annotations

import http.client
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

CLIENTS, REQUESTS = 8, 25


@pytest.mark.issue(21)
def test_concurrent_reads_and_review_writes_all_succeed(live_server, editor, settings):
    from receipts.app import newsroom

    claim = newsroom.claims(settings, newsroom.Page(limit=1))["items"][0]["id"]
    reads = [
        "/api/claims?limit=20",
        f"/api/claims/{claim}",
        "/api/documents",
        "/api/actors",
        "/api/promises",
        "/api/verdicts",
        "/api/quotes",
        "/api/contradictions",
        "/claims",
        f"/claims/{claim}",
        "/",
    ]
    body = json.dumps({"label": "DISPUTED", "rationale": "two sources disagree"})
    headers = {"Authorization": f"Bearer {editor[2]}", "Content-Type": "application/json"}

    def client(k: int) -> Counter:
        conn = http.client.HTTPConnection("127.0.0.1", live_server, timeout=60)
        seen: Counter = Counter()
        for i in range(REQUESTS):
            try:
                if (i + k) % 5 == 0:
                    conn.request("POST", f"/api/claims/{claim}/review", body=body, headers=headers)
                else:
                    conn.request("GET", reads[(i + k) % len(reads)])
                response = conn.getresponse()
                response.read()
                seen[response.status] += 1
            except (OSError, http.client.HTTPException) as exc:
                seen[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", live_server, timeout=60)
        conn.close()
        return seen

    with ThreadPoolExecutor(CLIENTS) as pool:
        outcomes = sum(pool.map(client, range(CLIENTS)), Counter())
    assert outcomes == Counter({200: CLIENTS * REQUESTS}), outcomes
    writes = sum(1 for k in range(CLIENTS) for i in range(REQUESTS) if (i + k) % 5 == 0)
    audit = newsroom.audit(settings, claim, limit=500)
    assert len(audit) == writes  # every accepted change has exactly one audit row


@pytest.mark.issue(16)
def test_serve_and_ingest_on_one_sqlite_store_never_report_a_locked_database(
    live_server, editor, settings, db_path, tmp_path
):
    import os
    import subprocess
    import sys

    from receipts.app import newsroom
    from receipts.evaluate.bench import synthetic_documents

    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in synthetic_documents(240, per_doc=20)), encoding="utf-8")
    before = newsroom.documents(settings, newsroom.Page(limit=1))["total"]
    claim = newsroom.claims(settings, newsroom.Page(limit=1))["items"][0]["id"]
    ingest = subprocess.Popen(
        [sys.executable, "-c", "from receipts.cli.main import app; app()", "ingest", str(corpus), "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, RECEIPTS_EMBEDDINGS="false"),
    )
    body = json.dumps({"label": "DISPUTED", "rationale": "written while an ingest runs"})
    headers = {"Authorization": f"Bearer {editor[2]}", "Content-Type": "application/json"}

    def client(k: int) -> Counter:
        conn = http.client.HTTPConnection("127.0.0.1", live_server, timeout=60)
        seen: Counter = Counter()
        i = k
        while ingest.poll() is None:
            i += 1
            if i % 4 == 0:
                conn.request("POST", f"/api/claims/{claim}/review", body=body, headers=headers)
            else:
                conn.request("GET", ("/api/documents", "/api/claims?limit=20", "/claims")[i % 3])
            response = conn.getresponse()
            response.read()
            seen[response.status] += 1
        conn.close()
        return seen

    with ThreadPoolExecutor(4) as pool:
        outcomes = sum(pool.map(client, range(4)), Counter())
    output = ingest.communicate(timeout=300)[0]
    assert ingest.returncode == 0 and "locked" not in output, output
    assert set(outcomes) == {200} and sum(outcomes.values()) > 0, outcomes
    assert newsroom.documents(settings, newsroom.Page(limit=1))["total"] == before + 12
