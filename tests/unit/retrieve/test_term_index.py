"""The full-text ranking worked out in memory from sentence lengths and the postings of the query's terms
must be FTS5's own, whatever the size of a sentence, and must read each term once (issue 18)."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from receipts.retrieve.lexical import TermIndex, query_terms
from receipts.store import index as stored

pytestmark = pytest.mark.issue(18)

SENTENCES = [
    "North Korea returned the remains of soldiers",
    "The remains were not returned, officials said",
    "Empty transport cases were sent to the border",
    "Satellite images show construction at the site",
    "Officials said the talks went well " + "and well " * 80,  # over 127 tokens: a two-byte length
    "returned returned returned remains",
    "",
]


@pytest.fixture()
def session():
    engine = create_engine("sqlite://")
    with Session(engine) as s:
        s.execute(text("CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='', tokenize='unicode61')"))
        for key, sentence in enumerate(SENTENCES, start=3):
            s.execute(text("INSERT INTO sentence_fts(rowid, text) VALUES (:k, :t)"), {"k": key * 2, "t": sentence})
        yield s


def _index(s: Session, fetched: list[str] | None = None) -> TermIndex:
    keys, lengths = stored.sentence_lengths(s)

    def fetch(terms):
        if fetched is not None:
            fetched.extend(terms)
        return stored.term_postings(s, terms)

    return TermIndex(keys, lengths, indexed=len(keys), fetch=fetch)


def test_lengths_are_the_token_counts_fts5_keeps(session):
    keys, lengths = stored.sentence_lengths(session)
    assert keys == [6, 8, 10, 12, 14, 16, 18]
    assert lengths == [len(s.split()) for s in SENTENCES]
    assert lengths[4] > 127


@pytest.mark.parametrize(
    "query", ["remains returned", "officials said well", "satellite construction border", "nothing matches"]
)
def test_scores_are_the_bm25_of_the_search(session, query):
    terms = query_terms(query)
    searched = stored.lexical_search(session, terms, 100)
    where, score = _index(session).scores(terms)
    assert np.allclose(np.sort(score)[::-1], [x for _, x in searched], rtol=1e-12, atol=0)


def test_floors_never_put_a_sentence_above_its_place(session):
    terms = query_terms("returned remains officials")
    searched = stored.lexical_search(session, terms, 100)
    floors = _index(session).rank_floors(terms, [key for key, _ in searched] + [10])
    assert set(floors) == {key for key, _ in searched}  # key 10 holds none of the terms: left out
    assert all(floors[key] <= place for place, (key, _) in enumerate(searched))
    assert floors[searched[0][0]] == 0


def test_each_term_is_read_once_and_let_go_past_the_limit(session, monkeypatch):
    fetched: list[str] = []
    index = _index(session, fetched)
    index.rank_floors(["remains", "returned"], [6])
    index.rank_floors(["returned", "officials"], [6])
    assert fetched == ["remains", "returned", "officials"]
    monkeypatch.setattr(TermIndex, "POSTINGS_HELD", 1)
    index.rank_floors(["satellite"], [12])
    assert fetched[-1:] == ["satellite"] and len(index.postings) == 1  # what was held was let go first


def test_the_whole_index_at_once_ranks_as_the_lazy_one(session):
    session.execute(text("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, sentence_fts, instance)"))
    rows = [tuple(r) for r in session.execute(text("SELECT term, doc, count(*) FROM temp.v GROUP BY term, doc"))]
    whole = TermIndex.from_rows(rows, indexed=len(SENTENCES))
    terms = query_terms("returned remains officials said")
    assert np.allclose(whole.scores(terms)[1], _index(session).scores(terms)[1], rtol=1e-12, atol=0)


def test_a_term_fts5_may_tokenise_otherwise_gives_no_floor(session):
    assert _index(session).rank_floors(["café"], [6]) is None


@pytest.mark.parametrize("enough", [1, 2, 100])
def test_quick_floors_are_floors_and_stand_in_only_when_enough(session, enough):
    terms = query_terms("returned remains officials construction")
    searched = stored.lexical_search(session, terms, 100)
    index = _index(session)
    exact = index.rank_floors(terms, [key for key, _ in searched])
    quick = index._quick_floors(terms, [key for key, _ in searched])
    assert set(quick) == set(exact) and all(quick[k] <= exact[k] for k in exact)
    given = index.rank_floors(terms, [key for key, _ in searched], enough=enough)
    assert given == (quick if all(f >= enough for f in quick.values()) else exact)
    last = searched[-1][0]
    assert index.rank_floors(terms, [last], enough=1) in ({last: quick[last]}, {last: exact[last]})


def test_the_whole_index_read_at_once_ranks_as_term_by_term_and_reads_nothing_more(session):
    fetched: list[str] = []
    whole = _index(session, fetched)
    whole.preload(stored.all_postings(session))
    lazy = _index(session)
    for query in ("remains returned", "officials said well", "nothing matches"):
        terms = query_terms(query)
        assert np.allclose(np.sort(whole.scores(terms)[1]), np.sort(lazy.scores(terms)[1]), rtol=1e-12, atol=0)
    assert fetched == []
    terms = query_terms("returned remains officials")
    assert whole.rank_floors(terms, [6, 8], enough=1) == lazy.rank_floors(terms, [6, 8])  # exact when held whole
