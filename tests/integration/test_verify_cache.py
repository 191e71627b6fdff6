"""The verify cache: stored parses and query vectors give what working them out again gives."""

from __future__ import annotations

import numpy as np
import pytest

from receipts.app.verifycache import VerifyCache, cache_path

SENTENCES = [
    "The ministry said 200 remains had been returned to Ostravia by June.",
    "No remains have been returned so far, the agency says.",
    "Construction at the Sarn site continued through the spring, satellite images show.",
    "Unemployment fell to 4.1 percent in March, down from 4.6 percent a year earlier.",
    'Ferro called the talks "a productive first step" and said both sides would meet again in Geneva.',
    "Officials in the capital did not respond to a request for comment.",
    "Kessler, 54, vowed on Tuesday that all 1,200 families would be rehoused within 60 days.",
    "",
    "Wait.",
]


def _signature(doc) -> tuple:
    """Everything of a parse the rules read, and the quantities the numbers stage finds."""
    tokens = [
        (t.text, t.whitespace_, t.lemma_, t.lower_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
        for t in doc
    ]
    tokens += [(t.like_num, t.is_stop, t.is_sent_start, [c.i for c in t.children]) for t in doc]
    return (
        doc.text,
        tokens,
        [(e.start, e.end, e.label_) for e in doc.ents],
        [(s.start, s.end) for s in doc.sents] if len(doc) else [],
        repr(doc._.quantities),
    )


@pytest.fixture(scope="module")
def parser():
    from receipts.app.verification import _parser
    from receipts.config import Settings

    return _parser(Settings().spacy_model)


def test_a_stored_parse_reads_back_as_the_same_parse(parser):
    for text in SENTENCES:
        doc = parser(text)
        back = parser.load(text, parser.dump(doc))
        assert _signature(back) == _signature(doc), text


def test_parsing_in_a_batch_gives_each_text_its_own_parse(parser):
    alone = [_signature(parser(t)) for t in SENTENCES]
    together = [_signature(d) for d in parser.many(SENTENCES)]
    reversed_batch = [_signature(d) for d in parser.many(SENTENCES[::-1])][::-1]
    assert together == alone
    assert reversed_batch == alone


def test_the_cache_keeps_vectors_in_float16_and_drops_what_another_model_made(tmp_path):
    path = cache_path(f"sqlite:///{tmp_path}/r.db")
    assert path == tmp_path / "r.db-verify-cache"
    vec = np.random.default_rng(3).standard_normal(384).astype(np.float32)
    cache = VerifyCache(path, vectors="model a", parses="parser 1")
    cache.put_vectors({"200 returned": vec})
    cache.put_parses({"200 returned": b"\x00parse"})
    cache.close()

    again = VerifyCache(path, vectors="model a", parses="parser 1")
    got = again.vectors(["200 returned", "other"])
    assert list(got) == ["200 returned"]
    assert got["200 returned"].dtype == np.float32
    assert np.array_equal(got["200 returned"], vec.astype(np.float16).astype(np.float32))
    assert again.parses(["200 returned"]) == {"200 returned": b"\x00parse"}
    assert again.size()["vectors"] == 1
    again.close()

    other = VerifyCache(path, vectors="model b", parses="parser 1")
    assert other.vectors(["200 returned"]) == {}
    assert other.parses(["200 returned"]) == {"200 returned": b"\x00parse"}
    other.use_parses("parser 2")
    assert other.parses(["200 returned"]) == {}
    other.close()


def test_without_a_file_the_cache_lives_in_memory():
    assert cache_path("postgresql://u@h/db") is None
    cache = VerifyCache(None, vectors="m")
    cache.put_vectors({"x": np.ones(3, dtype=np.float32)})
    assert list(cache.vectors(["x", "y"])) == ["x"]
    assert cache.size()["vectors"] == 1


def test_ranking_many_queries_in_one_pass_gives_each_the_ranking_of_a_search(monkeypatch):
    from receipts.app import index as index_module
    from receipts.retrieve.vectors import VectorFile

    monkeypatch.setattr("receipts.retrieve.vectors.CHUNK", 64)  # several blocks, as in a large file
    rng = np.random.default_rng(7)
    vecs = rng.standard_normal((300, 16)).astype(np.float32)
    vecs[150] = vecs[20]  # a republished sentence: the same vector twice
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    vf = VectorFile(None, stamp="test", dim=16)
    vf.append(np.arange(1, 301, dtype=np.int64), vecs.astype(np.float16))
    queries = [vecs[20], *rng.standard_normal((5, 16)).astype(np.float32)]
    dead = np.array([3, 40, 151], dtype=np.int64)
    alone = [vf.search(q, 50, dead=dead) for q in queries]
    assert index_module._rank_many(vf, queries, 50, dead) == alone
