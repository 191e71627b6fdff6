"""Row ids of extracted items: unique by construction, so no item can cost its document."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from receipts.store import Store, repo
from receipts.store.models import CommitmentRow, DocumentRow, QuoteRow, SentenceRow
from receipts.types import Article, Commitment, Extraction, Quote, Sentence, Span, Speaker

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


TWO = "Marta Kessler spoke. Kessler said the plan works."


def _doc(store: Store, text: str, digest: str) -> str:
    with store.transaction() as s:
        return repo.add_document(s, Article(text=text, origin=f"{digest}.txt"), digest * 64, None).id


@pytest.mark.issue(18)
def test_a_name_stored_as_an_alias_finds_its_actor_in_a_later_document(store):
    from receipts.store.models import ActorRow, MentionRow
    from receipts.types import Actor, Mention

    first = _doc(store, TWO, "a")
    with store.transaction() as s:
        ex = Extraction(
            actors=(Actor("Marta Kessler", "person", aliases=("Kessler",)),),
            mentions=(Mention(Span(0, 13, "Marta Kessler"), "Marta Kessler", "person"),),
        )
        repo.replace_extraction(s, first, ex, None)
    second = _doc(store, TWO, "b")
    quote = Quote(
        content=Span(34, 49, TEXT[:15]),
        speaker=Speaker("Kessler", "person", Span(21, 28, "Kessler")),
        cue=None,
        direct=False,
    )
    with store.transaction() as s:
        ex = Extraction(mentions=(Mention(Span(21, 28, "Kessler"), "Kessler", "person"),), quotes=(quote,))
        repo.replace_extraction(s, second, ex, None)
    with store.transaction() as s:
        kessler = s.scalar(select(ActorRow).where(ActorRow.key == "marta kessler"))
        assert s.scalar(select(ActorRow).where(ActorRow.key == "kessler")) is None
        mention = s.scalar(select(MentionRow).where(MentionRow.document_id == second))
        stored = s.scalar(select(QuoteRow).where(QuoteRow.document_id == second))
        assert mention.actor_id == kessler.id
        assert stored.speaker_actor_id == kessler.id and stored.speaker_name == "Kessler"


@pytest.mark.issue(18)
def test_a_description_is_never_taken_for_an_alias(store):
    from receipts.store.models import ActorRow
    from receipts.types import Actor, Mention

    doc = _doc(store, TWO, "c")
    ex = Extraction(
        actors=(Actor("Marta Kessler", "person", aliases=("the minister",)),),
        mentions=(Mention(Span(0, 13, "Marta Kessler"), "Marta Kessler", "person"),),
    )
    with store.transaction() as s:
        repo.replace_extraction(s, doc, ex, None)
    later = _doc(store, TWO, "d")
    with store.transaction() as s:
        ex = Extraction(mentions=(Mention(Span(21, 28, "Kessler"), "the minister", "person"),))
        repo.replace_extraction(s, later, ex, None)
    with store.transaction() as s:
        assert s.scalar(select(ActorRow).where(ActorRow.key == "the minister")) is not None


@pytest.mark.issue(18)
def test_alias_look_up_uses_an_index_not_a_scan(store):
    with store.engine.connect() as conn:
        plan = " ".join(
            str(row[-1])
            for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT actor_id FROM actor_aliases WHERE lower(alias) IN ('kessler', 'trump')"
            )
        )
    assert "ix_actor_aliases_lower" in plan, plan
