"""Lexical retrieval with bm25s."""

from __future__ import annotations

import numpy as np

from receipts.retrieve.base import Hit


class BM25Retriever:
    """BM25 over a fixed list of texts.

    Example::

        r = BM25Retriever(["the cases were empty", "talks collapsed"])
        r.search("empty cases", k=1)  # [Hit(index=0, score=...)]
    """

    def __init__(self, texts: list[str]) -> None:
        import bm25s

        self.size = len(texts)
        self._bm25 = None
        if texts:
            tokens = bm25s.tokenize(texts, stopwords="en", show_progress=False)
            self._bm25 = bm25s.BM25()
            self._bm25.index(tokens, show_progress=False)

    def search(self, query: str, k: int = 10) -> list[Hit]:
        import bm25s

        if self._bm25 is None or not query.strip():
            return []
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        if not tokens.ids or not len(tokens.ids[0]):
            return []
        docs, scores = self._bm25.retrieve(tokens, k=min(k, self.size), show_progress=False)
        return [Hit(int(i), float(s)) for i, s in zip(docs[0], scores[0]) if s > 0]


__all__ = ["BM25Retriever", "np"]
