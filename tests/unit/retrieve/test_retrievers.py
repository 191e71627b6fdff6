from __future__ import annotations

import numpy as np
import pytest

from receipts.retrieve import BM25Retriever, EmbeddingRetriever, Hit, HybridRetriever

TEXTS = [
    "The agency sent 100 empty transport cases to the border.",
    "No remains have been returned so far.",
    "The orchestra played in Salzburg on Friday.",
]


class FakeEmbedder:
    """Bag-of-letters vectors: deterministic, no model download."""

    def encode(self, texts):
        out = np.zeros((len(texts), 26), dtype=np.float32)
        for i, t in enumerate(texts):
            for ch in t.lower():
                if "a" <= ch <= "z":
                    out[i, ord(ch) - 97] += 1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_bm25_finds_lexical_match():
    hits = BM25Retriever(TEXTS).search("transport cases border", k=2)
    assert hits[0].index == 0 and hits[0].score > 0


def test_bm25_empty_corpus_and_query():
    assert BM25Retriever([]).search("anything") == []
    assert BM25Retriever(TEXTS).search("   ") == []


def test_embedding_retriever_ranks_by_cosine():
    emb = FakeEmbedder()
    r = EmbeddingRetriever(emb.encode(TEXTS), emb)
    assert r.search(TEXTS[1], k=1)[0].index == 1


def test_hybrid_fuses_rankings():
    emb = FakeEmbedder()
    hybrid = HybridRetriever([BM25Retriever(TEXTS), EmbeddingRetriever(emb.encode(TEXTS), emb)])
    hits = hybrid.search("remains returned", k=3)
    assert hits[0].index == 1 and all(isinstance(h, Hit) for h in hits)


def test_hybrid_needs_a_retriever():
    with pytest.raises(ValueError, match="at least one"):
        HybridRetriever([])
