"""A wire story republished by another outlet is stored, linked to the original and counted as one source with it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from receipts.app import services, verification
from receipts.config import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BASE = [str(EXAMPLES / n) for n in ("02-velmar-rally.md", "03-agency-clarification.md", "08-weeks-later.md")]


def _copy(tmp_path: Path) -> Path:
    text = (EXAMPLES / "08-weeks-later.md").read_text()
    text = text.replace("Velmar Courier", "Harbour Gazette").replace("VELMAR —", "VELMAR (Wire) —")
    path = tmp_path / "syndicated.md"
    path.write_text(text)
    return path


def _settings(path: Path, embeddings: bool = False) -> Settings:
    return Settings(database_url=f"sqlite:///{path}", embeddings=embeddings)


def _refutation(settings: Settings) -> str:
    verification.verify_claims(settings)
    return next(v["reason"] for v in verification.list_verdicts(settings) if "200 have been sent back" in v["claim"])


def test_syndicated_copy_is_linked_and_not_a_second_source(tmp_path):
    alone = _settings(tmp_path / "alone.db", embeddings=True)  # claim matching compares sentence vectors
    services.ingest(BASE, alone)
    both = _settings(tmp_path / "both.db", embeddings=True)
    services.ingest(BASE, both)
    report = services.ingest([str(_copy(tmp_path))], both)
    ((origin, doc_id, of, score),) = report.near_duplicates
    assert origin.endswith("syndicated.md") and score >= 0.8
    original = (
        sqlite3.connect(tmp_path / "both.db")
        .execute("select id from documents where title like 'Weeks after Geneva%' and near_duplicate_of is null")
        .fetchone()[0]
    )
    assert of == original
    assert _refutation(both) == _refutation(alone)  # the copy adds no source to the count
    verification.match_claims(both)
    repeats = [m for m in verification.list_matches(both) if m["later"]["source"] == "Harbour Gazette"]
    assert repeats and all(m["republished"] for m in repeats)


def test_different_stories_are_not_near_duplicates(tmp_path):
    report = services.ingest([str(EXAMPLES)], _settings(tmp_path / "r.db"))
    assert len(report.added) == 8 and report.near_duplicates == []


def test_documents_stored_without_a_signature_get_one(tmp_path):
    db = tmp_path / "r.db"
    services.ingest(BASE, _settings(db))
    con = sqlite3.connect(db)
    con.execute("update documents set minhash = null")
    con.commit()
    report = services.ingest([str(_copy(tmp_path))], _settings(db))
    assert len(report.near_duplicates) == 1
    assert con.execute("select count(*) from documents where minhash is null").fetchone()[0] == 0


def test_a_store_from_before_near_duplicates_is_upgraded_and_kept(tmp_path):
    from alembic import command

    from receipts.store.db import _alembic_config

    db = tmp_path / "old.db"
    url = f"sqlite:///{db}"
    command.upgrade(_alembic_config(url), "0004")
    con = sqlite3.connect(db)
    original = (EXAMPLES / "08-weeks-later.md").read_text().split("---\n", 2)[2]
    con.execute(
        "insert into documents (id, content_hash, origin, content_type, text, words, ingested_at) "
        "values ('d_old', 'h_old', 'old.md', 'md', ?, ?, '2026-07-22 00:00:00')",
        (original, len(original.split())),
    )
    con.commit()
    report = services.ingest([str(_copy(tmp_path))], _settings(db))  # migrates to 0005 first
    assert [(of, d) for _, d, of, _ in report.near_duplicates] == [("d_old", report.added[0][1])]
    assert con.execute("select count(*) from documents").fetchone()[0] == 2


def test_the_web_pages_say_a_document_is_a_copy(tmp_path):
    from fastapi.testclient import TestClient

    from receipts.web.app import create_app

    settings = _settings(tmp_path / "r.db")
    services.ingest(BASE, settings)
    report = services.ingest([str(_copy(tmp_path))], settings)
    ((_, copy_id, of, _),) = report.near_duplicates
    client = TestClient(create_app(settings))
    assert f'republishes <a href="/documents/{of}">' in client.get("/documents").text
    assert "verification counts the two as one source" in client.get(f"/documents/{copy_id}").text
