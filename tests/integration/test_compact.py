"""``receipts compact``: a store gives back the space it no longer uses and reads the same after (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.issue(18)
def test_compact_shrinks_a_store_after_deletes_and_keeps_what_it_reads(cli, tmp_path):
    db = str(tmp_path / "r.db")
    assert cli("ingest", str(EXAMPLES), "--db", db, "-q").exit_code == 0
    docs = json.loads(cli("documents", "--db", db, "--json").output)
    removed = docs[0]["id"]
    from receipts.app import services
    from receipts.config import Settings
    from receipts.store.models import DocumentRow

    store = services.open_store(Settings(database_url=f"sqlite:///{db}"))
    with store.transaction() as s:
        s.delete(s.get(DocumentRow, removed))  # pages freed inside the file
    search = json.loads(cli("search", "transport cases sent back", "--db", db, "--json").output)
    claims = json.loads(cli("claims", "--db", db, "--json").output)

    out = cli("compact", "--db", db, "--json")
    assert out.exit_code == 0, out.output
    sizes = json.loads(out.output)
    assert sizes["documents"] == len(docs) - 1
    assert sizes["bytes_after"] < sizes["bytes_before"]
    assert sizes["bytes_per_document"] == round(sizes["bytes_after"] / sizes["documents"])
    assert json.loads(cli("search", "transport cases sent back", "--db", db, "--json").output) == search
    assert json.loads(cli("claims", "--db", db, "--json").output) == claims
    plain = cli("compact", "--db", db)
    assert plain.exit_code == 0 and "compacted:" in plain.output and "kB a document" in plain.output


@pytest.mark.issue(18)
def test_compact_names_a_missing_store_and_creates_none(cli, tmp_path):
    missing = tmp_path / "typo" / "r.db"
    out = cli("compact", "--db", str(missing))
    assert out.exit_code != 0 and "no store at" in out.output and str(missing) in out.output
    assert not missing.exists()
