"""Hybrid retrieval: reciprocal-rank fusion of BM25 and embeddings."""

from __future__ import annotations

from receipts.retrieve.base import Hit, Retriever


class HybridRetriever:
    """Fuse several retrievers by reciprocal rank (k=60), the usual robust choice.

    Example::

        HybridRetriever([bm25, dense]).search("returned remains", k=5)
    """

    def __init__(self, retrievers: list[Retriever], *, rrf_k: int = 60, depth: int = 50) -> None:
        if not retrievers:
            raise ValueError("HybridRetriever needs at least one retriever")
        self.retrievers = retrievers
        self.rrf_k = rrf_k
        self.depth = depth

    def search(self, query: str, k: int = 10) -> list[Hit]:
        fused: dict[int, float] = {}
        for retriever in self.retrievers:
            for rank, hit in enumerate(retriever.search(query, k=max(k, self.depth))):
                fused[hit.index] = fused.get(hit.index, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        best = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        return [Hit(i, s) for i, s in best]
