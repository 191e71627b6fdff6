"""The sentence index over everything stored: BM25 plus MiniLM vectors, kept up to date incrementally."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select

from receipts.retrieve import BM25Retriever, EmbeddingRetriever, Hit, HybridRetriever
from receipts.retrieve.dense import DIM, Embedder, pack, unpack
from receipts.store import Store
from receipts.store.models import DocumentRow, SentenceRow, SourceRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IndexedSentence:
    id: str
    document_id: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_kind: str | None
    published: datetime | None
    source: str | None
    title: str | None


class SentenceIndex:
    """Hybrid search over stored sentences; ``refresh()`` loads only what was added since.

    Example::

        index = SentenceIndex(store, Embedder())
        index.refresh()
        index.search("empty transport cases", k=5)
    """

    def __init__(self, store: Store, embedder: Embedder | None) -> None:
        self.store = store
        self.embedder = embedder
        self.items: list[IndexedSentence] = []
        self._ids: set[str] = set()
        self._vectors = np.zeros((0, DIM), dtype=np.float32)
        self._bm25: BM25Retriever | None = None
        self._dense: EmbeddingRetriever | None = None

    def refresh(self) -> int:
        """Load sentences stored since the last refresh (and drop ones deleted); return how many were added."""
        with self.store.transaction() as s:
            stored_ids = set(s.scalars(select(SentenceRow.id)))
            gone = self._ids - stored_ids
            if gone:  # a re-extraction replaced rows: start over
                self.items, self._ids, self._vectors = [], set(), np.zeros((0, DIM), dtype=np.float32)
            new_ids = stored_ids - self._ids
            if not new_ids:
                if self._bm25 is None and self.items:
                    self._build()
                return 0
            rows = s.execute(
                select(SentenceRow, DocumentRow.title, SourceRow.name)
                .join(DocumentRow, DocumentRow.id == SentenceRow.document_id)
                .outerjoin(SourceRow, SourceRow.id == DocumentRow.source_id)
                .where(SentenceRow.id.in_(new_ids))
                .order_by(SentenceRow.document_id, SentenceRow.start)
            ).all()
            missing = [r[0] for r in rows if r[0].vector is None]
            if missing and self.embedder is not None:
                vecs = self.embedder.encode([r.text for r in missing])
                for row, vec in zip(missing, vecs):
                    row.vector = pack(vec)  # kept, so the next process does not embed again
            new_items, new_vecs = [], []
            for row, title, source in rows:
                new_items.append(
                    IndexedSentence(
                        row.id,
                        row.document_id,
                        row.start,
                        row.end,
                        row.text,
                        row.speaker_name,
                        row.speaker_kind,
                        row.published,
                        source,
                        title,
                    )
                )
                vec = unpack(row.vector)
                new_vecs.append(vec if vec is not None and vec.shape == (DIM,) else np.zeros(DIM, dtype=np.float32))
        self.items.extend(new_items)
        self._ids |= {i.id for i in new_items}
        if new_vecs:
            self._vectors = np.vstack([self._vectors, np.stack(new_vecs)])
        self._build()
        return len(new_items)

    def _build(self) -> None:
        self._bm25 = BM25Retriever([i.text for i in self.items])
        self._dense = EmbeddingRetriever(self._vectors, self.embedder) if self.embedder is not None else None

    @property
    def retriever(self):
        parts = [r for r in (self._bm25, self._dense) if r is not None]
        return HybridRetriever(parts)

    def search(self, query: str, k: int = 10) -> list[tuple[IndexedSentence, float]]:
        """Return the k best sentences for a query, with fused scores."""
        if self._bm25 is None:
            self.refresh()
        if not self.items:
            return []
        return [(self.items[h.index], h.score) for h in self.retriever.search(query, k=k)]

    def search_relevant(
        self, query: str, k: int = 10, *, min_similarity: float = 0.4
    ) -> list[tuple[IndexedSentence, float]]:
        """Like :meth:`search`, but drop sentences unrelated to the query: a sentence stays when it shares
        a word with the query (BM25) or its embedding is at least ``min_similarity`` (cosine) from the query's.

        Fusion ranks every sentence, so a query with no match at all would still fill the page.
        """
        if self._bm25 is None:
            self.refresh()
        if not self.items:
            return []
        hits = self.retriever.search(query, k=k)
        lexical = {h.index for h in self._bm25.search(query, k=len(self.items))}
        close: set[int] = set()
        if self._dense is not None and self.embedder is not None:
            sims = self._vectors @ self.embedder.encode([query])[0]
            close = {h.index for h in hits if sims[h.index] >= min_similarity}
        return [(self.items[h.index], h.score) for h in hits if h.index in lexical or h.index in close]

    def similar(self, vector: np.ndarray, k: int = 10) -> list[Hit]:
        """Dense neighbours of a vector (for claim matching)."""
        if self._dense is None:
            return []
        return self._dense.search_vector(vector, k)

    def vector_of(self, sentence_id: str) -> np.ndarray | None:
        for i, item in enumerate(self.items):
            if item.id == sentence_id:
                return self._vectors[i]
        return None
