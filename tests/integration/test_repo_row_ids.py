"""Row ids of extracted items: unique by construction, so no item can cost its document."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from receipts.store import Store, repo
from receipts.store.models import CommitmentRow, DocumentRow, QuoteRow, SentenceRow
from receipts.types import Article, Commitment, Extraction, Quote, Sentence, Span

TEXT = "The mayor vowed the city would repay the loan. She said it twice."


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.migrate()
    return store


def _stored_doc(store: Store) -> str:
    with store.transaction() as s:
        return repo.add_document(s, Article(text=TEXT, origin="t.txt"), "a" * 64, None).id


def test_row_ids_differ_for_two_items_with_one_key():
    ids = repo.RowIds("d_1")
    first = ids.make("p", (0, 46, "repay the loan"), ("vowed",))
    second = ids.make("p", (0, 46, "repay the loan"), ("would",))
    assert first and second and first != second


def test_row_ids_first_item_keeps_the_plain_content_id():
    from receipts.types import content_id

    assert repo.RowIds("d_1").make("p", (0, 46, "repay")) == content_id("p", "d_1", 0, 46, "repay")


def test_row_ids_the_same_item_twice_is_a_duplicate():
    ids = repo.RowIds("d_1")
    assert ids.make("s", (0, 10)) is not None
    assert ids.make("s", (0, 10)) is None


@pytest.mark.issue(16)
def test_replace_extraction_stores_two_cues_in_one_sentence(store):
    doc_id = _stored_doc(store)
    sent = Span(0, 46, TEXT[:46])
    ex = Extraction(
        commitments=(
            Commitment(span=sent, actor="the city", action="repay the loan", cue="vowed"),
            Commitment(span=sent, actor="the city", action="repay the loan", cue="would", kind="intention"),
        )
    )
    with store.transaction() as s:
        repo.replace_extraction(s, doc_id, ex, None)
    with store.transaction() as s:
        rows = s.scalars(select(CommitmentRow).where(CommitmentRow.document_id == doc_id)).all()
    assert sorted(r.cue for r in rows) == ["vowed", "would"]


@pytest.mark.issue(16)
def test_replace_extraction_stores_identical_items_once(store):
    doc_id = _stored_doc(store)
    sent = Sentence(Span(0, 46, TEXT[:46]))
    quote = Quote(content=Span(47, 65, TEXT[47:65]), speaker=None, cue=None, direct=False)
    ex = Extraction(sentences=(sent, sent), quotes=(quote, quote))
    with store.transaction() as s:
        repo.replace_extraction(s, doc_id, ex, None)
    with store.transaction() as s:
        assert len(s.scalars(select(SentenceRow).where(SentenceRow.document_id == doc_id)).all()) == 1
        assert len(s.scalars(select(QuoteRow).where(QuoteRow.document_id == doc_id)).all()) == 1


@pytest.mark.issue(16)
def test_replace_extraction_records_why_a_document_is_partial(store):
    doc_id = _stored_doc(store)
    with store.transaction() as s:
        repo.replace_extraction(s, doc_id, Extraction(partial="events failed: ValueError: x"), None)
    with store.transaction() as s:
        assert s.get(DocumentRow, doc_id).partial == "events failed: ValueError: x"
        repo.replace_extraction(s, doc_id, Extraction(), None)
    with store.transaction() as s:
        assert s.get(DocumentRow, doc_id).partial is None
