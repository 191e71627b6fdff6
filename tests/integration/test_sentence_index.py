"""The on-disk sentence index: full text kept by the store, float16 vectors in a file, nothing rebuilt."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from sqlalchemy import delete, text, update

from receipts.app.index import SentenceIndex, vector_path
from receipts.retrieve import BM25Retriever
from receipts.retrieve.dense import pack, unpack
from receipts.store import Store, repo
from receipts.store.models import DocumentRow, SentenceRow
from receipts.types import Article, Extraction, Sentence, Span

CORPUS = {
    "grain": [
        "The ministry said grain exports rose by 12 percent in March.",
        "Farmers blamed the drought for the poor grain harvest.",
        "Talks on the grain corridor collapsed on Friday.",
    ],
    "remains": [
        "The agency sent 100 empty transport cases to the border.",
        "No remains have been returned so far, the agency said.",
        "Officials denied that any transport cases were empty.",
    ],
    "music": [
        "The orchestra played in Salzburg on Friday evening.",
        "Tickets for the concert sold out within an hour.",
    ],
}


class LetterEmbedder:
    """Bag-of-letters unit vectors: deterministic, no model download."""

    def encode(self, texts):
        out = np.full((len(texts), 26), 1e-3, dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def store_doc(store: Store, name: str, sentences: list[str], *, embedder=LetterEmbedder()) -> str:
    body = " ".join(sentences)
    spans, at = [], 0
    for sent in sentences:
        spans.append(Sentence(Span(at, at + len(sent), sent)))
        at += len(sent) + 1
    digest = hashlib.sha256(name.encode()).hexdigest()
    vectors = [pack(v) for v in embedder.encode(sentences)] if embedder is not None else None
    with store.transaction() as s:
        doc = s.get(DocumentRow, f"d_{digest[:12]}") or repo.add_document(
            s, Article(body, title=name, source="Wire"), digest, None
        )
        doc.text = body
        repo.replace_extraction(s, doc.id, Extraction(sentences=tuple(spans)), None, vectors)
        return doc.id


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.migrate()
    for name, sentences in CORPUS.items():
        store_doc(store, name, sentences)
    yield store
    store.dispose()


def texts(hits) -> list[str]:
    return [item.text for item, _ in hits]


def test_index_finds_sentences_by_words_and_by_vector(store):
    index = SentenceIndex(store, LetterEmbedder())
    assert index.refresh() == 8
    assert texts(index.search("grain corridor talks", k=1)) == ["Talks on the grain corridor collapsed on Friday."]
    assert index.counts["appended"] == 8 and vector_path(store.url).exists()


def test_full_text_ranks_like_the_in_memory_bm25(store):
    index = SentenceIndex(store, None)
    sentences = [t for group in CORPUS.values() for t in group]
    for query in ("empty transport cases", "grain harvest drought", "agency said returned"):
        before = [sentences[h.index] for h in BM25Retriever(sentences).search(query, k=3)]
        assert texts(index.search(query, k=3)) == before


def test_search_relevant_returns_nothing_for_a_query_unrelated_to_the_record(store):
    index = SentenceIndex(store, None)
    assert index.search_relevant("xylophone quokka") == []
    assert texts(index.search_relevant("concert tickets")) == ["Tickets for the concert sold out within an hour."]


def test_new_document_is_searchable_without_rebuilding(store):
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    store_doc(store, "ports", ["The port of Odesa reopened to container ships."])
    assert index.refresh() == 1
    assert index.counts["appended"] == 9  # the eight from before were not read again
    assert texts(index.search("container ships port", k=1)) == ["The port of Odesa reopened to container ships."]


def test_replaced_document_answers_with_its_new_sentences_only(store):
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    store_doc(store, "music", ["The choir rehearsed in Vienna.", "Rain cancelled the open-air show."])
    index.refresh()
    found = texts(index.search("orchestra Salzburg concert choir Vienna", k=10))
    assert "The choir rehearsed in Vienna." in found
    assert not {"The orchestra played in Salzburg on Friday evening."} & set(found)
    assert len(index.items) == 8
    # the old vectors are masked, not returned
    query = LetterEmbedder().encode(["The orchestra played in Salzburg on Friday evening."])[0]
    assert "The orchestra played in Salzburg on Friday evening." not in texts(index.similar(query, k=10))


def test_deleted_document_leaves_the_full_text_and_vector_results(store):
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    with store.transaction() as s:
        s.execute(delete(DocumentRow).where(DocumentRow.title == "grain"))
    index.refresh()
    assert not set(texts(index.search("grain harvest exports", k=10))) & set(CORPUS["grain"])
    assert not {i.text for i, _ in index.similar(LetterEmbedder().encode(["grain exports"])[0], k=10)} & set(
        CORPUS["grain"]
    )
    with store.transaction() as s:
        assert s.execute(text("SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH 'grain'")).scalar() == 0


def test_many_deletions_compact_the_vector_file(store):
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    before = vector_path(store.url).stat().st_size
    with store.transaction() as s:
        s.execute(delete(DocumentRow).where(DocumentRow.title.in_(["grain", "remains"])))
    index.refresh()
    assert index.counts["compacted"] == 6 and vector_path(store.url).stat().st_size < before
    assert {i.text for i, _ in index.similar(LetterEmbedder().encode(["concert"])[0], k=10)} == set(CORPUS["music"])


def test_vectors_are_stored_as_float16_and_read_back_within_rounding(store):
    vec = LetterEmbedder().encode(["No remains have been returned so far."])[0]
    raw = pack(vec)
    assert len(raw) == 2 * len(vec)
    assert np.allclose(unpack(raw), vec, atol=1e-3) and unpack(raw).dtype == np.float32
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    item = next(i for i in index.items if i.text.startswith("No remains"))
    assert float(index.vector_of(item.id) @ LetterEmbedder().encode([item.text])[0]) > 0.999


def test_sentences_stored_without_vectors_are_embedded_once_and_kept(store):
    store_doc(store, "late", ["Inspectors arrived at the plant on Monday."], embedder=None)
    first = SentenceIndex(store, LetterEmbedder())
    first.refresh()
    second = SentenceIndex(store, LetterEmbedder())
    second.refresh()
    assert first.counts["embedded"] == 1 and second.counts == {"embedded": 0, "appended": 0, "compacted": 0}
    assert texts(second.similar(LetterEmbedder().encode(["Inspectors arrived at the plant"])[0], k=1)) == [
        "Inspectors arrived at the plant on Monday."
    ]


def test_second_index_on_the_same_store_reads_nothing_again(store):
    first = SentenceIndex(store, LetterEmbedder())
    first.refresh()
    again = SentenceIndex(store, LetterEmbedder())
    again.refresh()
    assert first.counts["appended"] == 8 and again.counts["appended"] == 0
    assert again.search("empty transport cases", k=3) == first.search("empty transport cases", k=3)


def test_vector_file_of_another_store_is_started_afresh(tmp_path, store):
    SentenceIndex(store, LetterEmbedder()).refresh()
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    other.migrate()
    store_doc(other, "solo", ["Only sentence here about wheat."])
    vector_path(store.url).rename(vector_path(other.url))  # a stale file under the other store's name
    index = SentenceIndex(other, LetterEmbedder())
    index.refresh()
    assert index.counts["appended"] == 1 and len(index.similar(LetterEmbedder().encode(["wheat"])[0], k=10)) == 1
    other.dispose()


def test_changing_a_vector_gives_the_sentence_a_new_key(store):
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    target = "Tickets for the concert sold out within an hour."
    flipped = -LetterEmbedder().encode([target])[0]
    with store.transaction() as s:
        s.execute(update(SentenceRow).where(SentenceRow.text == target).values(vector=pack(flipped)))
    index.refresh()
    assert texts(index.similar(flipped, k=1)) == [target]


@pytest.mark.issue(18)
def test_store_from_before_the_index_is_upgraded_and_backfilled(tmp_path):
    from alembic import command

    from receipts.store.db import _alembic_config

    store = Store(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = _alembic_config(store.url)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0009")
    old = LetterEmbedder().encode(["Farmers blamed the drought."])[0]
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (id, content_hash, origin, content_type, text, words, ingested_at) "
                "VALUES ('d_1', 'h', 'o', 'text', 'Farmers blamed the drought.', 4, '2026-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO sentences (id, document_id, start, "end", text, method, vector) '
                "VALUES ('s_1', 'd_1', 0, 27, 'Farmers blamed the drought.', 'm', :v)"
            ),
            {"v": old.astype(np.float32).tobytes()},  # how vectors were stored before 0010
        )
    store.migrate()
    index = SentenceIndex(store, LetterEmbedder())
    index.refresh()
    assert texts(index.search_relevant("drought")) == ["Farmers blamed the drought."]
    assert np.allclose(index.vector_of("s_1"), old, atol=1e-3)
    assert texts(index.similar(old, k=1)) == ["Farmers blamed the drought."]
    store.dispose()


def spans_of(sentences: list[str]) -> list[tuple[int, int, np.ndarray]]:
    out, at = [], 0
    for sent, vec in zip(sentences, LetterEmbedder().encode(sentences)):
        out.append((at, at + len(sent), vec))
        at += len(sent) + 1
    return out


@pytest.mark.issue(18)
def test_vectors_added_at_ingest_are_kept_once_and_need_no_catch_up(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.migrate()
    writer = SentenceIndex(store, None)
    for name, sentences in CORPUS.items():
        doc_id = store_doc(store, name, sentences, embedder=None)  # how ingest stores them beside a file
        writer.add_vectors({doc_id: spans_of(sentences)})
    assert writer.counts["appended"] == 8
    with store.transaction() as s:
        assert s.execute(text("SELECT count(*) FROM sentences WHERE vector IS NOT NULL")).scalar() == 0
    reader = SentenceIndex(store, LetterEmbedder())
    reader.refresh()
    assert reader.counts == {"embedded": 0, "appended": 0, "compacted": 0}
    assert texts(reader.similar(LetterEmbedder().encode(["grain corridor talks"])[0], k=1)) == [CORPUS["grain"][2]]
    item = next(i for i in reader.items if i.text == CORPUS["music"][0])
    assert float(reader.vector_of(item.id) @ LetterEmbedder().encode([item.text])[0]) > 0.999
    store.dispose()


@pytest.mark.issue(18)
def test_vectors_added_out_of_key_order_are_merged_into_the_file(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.migrate()
    ids = {name: store_doc(store, name, sentences, embedder=None) for name, sentences in CORPUS.items()}
    writer = SentenceIndex(store, None)
    writer.add_vectors({ids["music"]: spans_of(CORPUS["music"])})  # the newest keys first
    writer.add_vectors({ids[n]: spans_of(CORPUS[n]) for n in ("grain", "remains")})
    keys = writer._vectors.keys
    assert len(keys) == 8 and list(keys) == sorted(keys)
    reader = SentenceIndex(store, LetterEmbedder())
    reader.refresh()
    assert reader.counts == {"embedded": 0, "appended": 0, "compacted": 0}
    assert texts(reader.similar(LetterEmbedder().encode([CORPUS["remains"][0]])[0], k=1)) == [CORPUS["remains"][0]]
    store.dispose()


@pytest.mark.issue(18)
def test_a_gap_left_by_a_writer_is_found_and_filled(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    store.migrate()
    ids = {name: store_doc(store, name, sentences, embedder=None) for name, sentences in CORPUS.items()}
    SentenceIndex(store, None).add_vectors({ids[n]: spans_of(CORPUS[n]) for n in ("grain", "music")})
    index = SentenceIndex(store, LetterEmbedder())  # "remains" never reached the file (a crash, say)
    index.refresh()
    assert index.counts["embedded"] == 3 and index.counts["appended"] == 3
    assert texts(index.similar(LetterEmbedder().encode([CORPUS["remains"][1]])[0], k=1)) == [CORPUS["remains"][1]]
    with store.transaction() as s:  # embedded into the file only, not into the sentences' column
        assert s.execute(text("SELECT count(*) FROM sentences WHERE vector IS NOT NULL")).scalar() == 0
    store.dispose()
