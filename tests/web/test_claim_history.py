"""A claim's page stays the same size however often the claim is reviewed or verified (issue #21)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from receipts.app import newsroom, review
from receipts.app.services import open_store
from receipts.store.models import VerdictRow


def _rally(client) -> str:
    items = client.get("/api/claims", params={"q": "200 have been sent back"}).json()["items"]
    assert items, "the rally claim should be stored"
    return items[0]["id"]


@pytest.mark.issue(21)
def test_claim_detail_lists_newest_history_and_audit_with_totals(client, settings, editor, monkeypatch):
    monkeypatch.setattr(newsroom, "HISTORY_SHOWN", 3)
    claim_id = _rally(client)
    machine = client.get(f"/api/claims/{claim_id}").json()["history_total"]
    labels = ["REFUTED", "DISPUTED", "SUPPORTED", "REFUTED", "DISPUTED"]
    for i, label in enumerate(labels):
        review.review_claim(settings, claim_id, label, f"review {i}", editor[0])
    c = client.get(f"/api/claims/{claim_id}").json()
    assert c["history_total"] == machine + len(labels) and len(c["history"]) == 3
    assert [v["rationale"] for v in c["history"]] == ["review 2", "review 3", "review 4"]  # oldest first
    assert [v["current"] for v in c["history"]] == [False, False, True]
    assert c["verdict"]["label"] == "DISPUTED" and c["verdict"]["rationale"] == "review 4"
    assert c["audit_total"] == len(labels)
    assert [a["rationale"] for a in c["audit"]] == ["review 4", "review 3", "review 2"]  # newest first
    page = client.get(f"/claims/{claim_id}").text
    assert f"The newest 3 of {machine + len(labels)} verdicts" in page and "5 changes" in page


@pytest.mark.issue(21)
def test_claim_detail_keeps_the_verdict_in_force_older_than_the_history_shown(client, settings, editor, monkeypatch):
    monkeypatch.setattr(newsroom, "HISTORY_SHOWN", 2)
    claim_id = _rally(client)
    review.review_claim(settings, claim_id, "DISPUTED", "the editor's call", editor[0])
    with open_store(settings).transaction() as s:  # later verify runs: machine verdicts, the editor's stays in force
        for _ in range(3):
            s.add(
                VerdictRow(
                    claim_id=claim_id,
                    label="REFUTED",
                    confidence=0.9,
                    reason="machine",
                    evidence=[],
                    method="test",
                    version="1",
                    origin="machine",
                    created_at=datetime.now(timezone.utc),
                    current=False,
                )
            )
    c = client.get(f"/api/claims/{claim_id}").json()
    assert not any(v["current"] for v in c["history"])
    assert c["verdict"]["origin"] == "human" and c["verdict"]["rationale"] == "the editor's call"


@pytest.mark.issue(21)
def test_review_claim_leaves_one_verdict_in_force(settings, client, editor):
    claim_id = _rally(client)
    for label in ("REFUTED", "DISPUTED", "REFUTED"):
        review.review_claim(settings, claim_id, label, "checked", editor[0])
    with open_store(settings).transaction() as s:
        current = list(s.scalars(select(VerdictRow).where(VerdictRow.claim_id == claim_id, VerdictRow.current)))
    assert [(v.origin, v.label) for v in current] == [("human", "REFUTED")]
