"""Issue 18: ``verify --new`` after one new story skips, without searching, what the story cannot reach,
and gives the answers the searches give; ingest leaves it nothing to embed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from receipts.cli.main import app
from receipts.config import Settings

pytestmark = pytest.mark.issue(18)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OLD = ["01-geneva-summit.md", "02-velmar-rally.md", "03-agency-clarification.md", "06-ferro-good-faith.md"]
NEW = "08-weeks-later.md"


@pytest.fixture(scope="module")
def verified(tmp_path_factory) -> Path:
    """A verified store of four example stories, and a fifth ingested after the check."""
    db = tmp_path_factory.mktemp("new") / "r.db"
    runner = CliRunner()
    for f in OLD:
        assert runner.invoke(app, ["ingest", str(EXAMPLES / f), "--db", str(db), "-q"]).exit_code == 0
    assert runner.invoke(app, ["verify", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(EXAMPLES / NEW), "--db", str(db), "-q"]).exit_code == 0
    return db


def _copy(db: Path, to: Path) -> Path:
    for f in db.parent.glob(db.name + "*"):
        shutil.copy(f, to / f.name)
    return to / db.name


def _verdicts(db: Path) -> dict:
    out = CliRunner().invoke(app, ["verdicts", "--db", str(db), "--json"]).output
    return {
        v["claim_id"]: (v["label"], v["confidence"], v["reason"], tuple(e["text"] for e in v["evidence"]))
        for v in json.loads(out)
    }


def test_full_text_ranking_in_memory_is_the_index_own(verified):
    from receipts.app.queries import sentence_index
    from receipts.retrieve.lexical import query_terms
    from receipts.store import index as stored

    index = sentence_index(Settings(database_url=f"sqlite:///{verified}"))
    queries = [item.text for item in index.items[::5]] + ["remains returned", "satellite images construction"]
    with index.store.transaction() as s:
        for query in queries:
            terms = query_terms(query)
            searched = stored.lexical_search(s, terms, 10_000)
            floors = index.lexical_floors(query, [key for key, _ in searched])
            assert floors is not None and set(floors) == {key for key, _ in searched}
            assert all(floors[key] <= place for place, (key, _) in enumerate(searched))  # never above its place
            where, score = index._terms.scores(terms)
            assert np.allclose(np.sort(score)[::-1], [x for _, x in searched], rtol=1e-12, atol=0)
    assert index._terms_checked and index._terms is not False


def test_bounds_skip_only_what_the_searches_would_skip(verified, monkeypatch):
    from receipts.app import verification
    from receipts.app.queries import sentence_index

    settings = Settings(database_url=f"sqlite:///{verified}")
    touched = verification.new_documents(settings)
    store = verification.open_store(settings)
    index = sentence_index(settings)
    work = verification._Work(settings, verification.make_verifier(settings), index, verification._origins(store))
    keys = verification._touched_keys(store, touched)
    old = [item for item in index.items if item.document_id not in touched]
    assert touched and keys and old
    work.vectors([item.text for item in old], {item.document_id for item in old})
    for k in (8, 12):
        bounded = [work.touches(item.text, item.text, k, touched, keys) for item in old]
        with monkeypatch.context() as m:
            m.setattr(verification._Work, "_may_reach", lambda *a: True)
            searched = [work.touches(item.text, item.text, k, touched, keys) for item in old]
        assert bounded == searched and any(searched)
    skipped = sum(not work._may_reach(item.text, item.text, 8, keys) for item in old)
    assert skipped  # the bounds do spare searches


def test_verify_new_after_ingest_embeds_nothing_and_answers_as_a_full_run(verified, tmp_path, monkeypatch):
    from receipts.retrieve import dense

    full = _copy(verified, tmp_path)
    assert CliRunner().invoke(app, ["verify", "--db", str(full)]).exit_code == 0
    embedded = []
    real = dense.Embedder.encode
    monkeypatch.setattr(
        dense.Embedder, "encode", lambda self, texts, **kw: embedded.extend(texts) or real(self, texts, **kw)
    )
    result = CliRunner().invoke(app, ["verify", "--db", str(verified), "--new"])
    assert result.exit_code == 0 and "1 documents stored since the last verify" in result.output
    assert embedded == []  # ingest cached what verification searches the new story's claims by
    assert _verdicts(verified) == _verdicts(full)


def test_a_refuted_claim_about_a_promise_takes_away_no_evidence_that_a_full_run_keeps(tmp_path):
    """A full run decides claims about promises last, so --new must not let their refutations remove
    evidence from the other claims either (a claim beside the refuted promise claim shows it)."""
    import sqlite3

    db = tmp_path / "p.db"
    runner = CliRunner()
    for f in OLD:
        assert runner.invoke(app, ["ingest", str(EXAMPLES / f), "--db", str(db), "-q"]).exit_code == 0
    con = sqlite3.connect(db)
    doc_id, text = con.execute("SELECT id, text FROM documents WHERE title LIKE 'Kessler and Brandt sign%'").fetchone()
    claim = "Ostravian President Marta Kessler and Dravanian leader Ivo Brandt signed a four-point statement"
    start = text.index(claim)
    con.execute(
        'INSERT INTO claims (id, document_id, start, "end", method, score) VALUES (?, ?, ?, ?, ?, ?)',
        ("c_testsigned01", doc_id, start, start + len(claim), "claims.test.v1", 0.9),
    )
    con.commit()
    con.close()
    assert runner.invoke(app, ["verify", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(EXAMPLES / NEW), "--db", str(db), "-q"]).exit_code == 0
    (tmp_path / "full").mkdir()
    full = _copy(db, tmp_path / "full")
    assert runner.invoke(app, ["verify", "--db", str(full)]).exit_code == 0
    assert runner.invoke(app, ["verify", "--db", str(db), "--new"]).exit_code == 0
    assert _verdicts(db)["c_testsigned01"] == _verdicts(full)["c_testsigned01"]
