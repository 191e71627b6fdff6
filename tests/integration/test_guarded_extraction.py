"""One extractor's fault, or a document that takes too long, never loses the document."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from receipts.app.services import ingest, open_store
from receipts.config import Settings
from receipts.errors import ExtractionError
from receipts.runtime.analyzer import Analyzer
from receipts.store.models import DocumentRow, QuoteRow, RunErrorRow
from receipts.types import Article, Extraction

TEXT = (
    '"We will repay every cent by March," Mayor Ana Lopez said on Tuesday. '
    "The city borrowed $2 million in 2024, the council said."
)


def _settings(tmp_path, **kw) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'r.db'}", embeddings=False, **kw)


@pytest.fixture
def broken_commitments(monkeypatch):
    from receipts.extract import commitments

    def boom(doc, **kw):
        raise RuntimeError("boom")

    monkeypatch.setattr(commitments, "extract_commitments", boom)


@pytest.mark.issue(16)
def test_extract_a_failing_stage_costs_only_its_own_output(tmp_path, broken_commitments):
    [(_, result)] = Analyzer(_settings(tmp_path)).extract([Article(text=TEXT, origin="a.txt")])
    assert isinstance(result, Extraction)
    assert result.partial == "commitments failed: RuntimeError: boom"
    assert result.quotes and result.sentences and not result.commitments


@pytest.mark.issue(16)
def test_ingest_stores_a_partial_document_with_the_reason(tmp_path, broken_commitments):
    (tmp_path / "a.txt").write_text(TEXT)
    settings = _settings(tmp_path)
    report = ingest([str(tmp_path / "a.txt")], settings)
    assert not report.failed and len(report.added) == 1
    assert report.partial[0][2] == "commitments failed: RuntimeError: boom"
    with open_store(settings).transaction() as s:
        doc = s.scalars(select(DocumentRow)).one()
        assert doc.partial == "commitments failed: RuntimeError: boom"
        assert s.scalars(select(QuoteRow)).all()
        assert s.scalars(select(RunErrorRow.stage)).all() == ["partial"]


@pytest.mark.issue(16)
def test_extract_past_the_time_budget_stores_what_finished(tmp_path, monkeypatch):
    from receipts.extract import events

    def slow(doc, **kw):
        time.sleep(10)
        return []

    monkeypatch.setattr(events, "extract_events", slow)
    started = time.monotonic()
    [(_, result)] = Analyzer(_settings(tmp_path, extract_time_budget_s=2.0)).extract(
        [Article(text=TEXT, origin="a.txt")]
    )
    assert time.monotonic() - started < 8
    assert isinstance(result, Extraction) and result.quotes
    assert "over the time budget of 2 s" in result.partial and "not run: events" in result.partial


@pytest.mark.issue(16)
def test_extract_refuses_a_document_over_the_character_limit(tmp_path):
    [(_, result)] = Analyzer(_settings(tmp_path, max_document_chars=100)).extract(
        [Article(text=TEXT * 2, origin="a.txt")]
    )
    assert isinstance(result, ExtractionError)
    assert "a.txt: text is 250 characters, over the limit of 100 (RECEIPTS_MAX_DOCUMENT_CHARS)" in str(result)


@pytest.mark.issue(16)
def test_extract_refuses_a_document_over_the_sentence_limit(tmp_path):
    [(_, result)] = Analyzer(_settings(tmp_path, max_sentences=3)).extract(
        [Article(text="Yes. No. " * 5, origin="a.txt")]
    )
    assert isinstance(result, ExtractionError)
    assert "over the limit of 3 (RECEIPTS_MAX_SENTENCES)" in str(result)


@pytest.mark.issue(16)
def test_extract_cuts_a_text_with_no_sentence_end(tmp_path):
    text = "the minister said that the plan and the budget would " * 60
    [(_, result)] = Analyzer(_settings(tmp_path, max_sentence_chars=200)).extract([Article(text=text, origin="a.txt")])
    assert isinstance(result, Extraction) and not result.partial
    assert max(s.span.end - s.span.start for s in result.sentences) <= 200
