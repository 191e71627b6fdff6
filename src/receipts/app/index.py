"""The sentence index over everything stored, kept on disk: nothing is rebuilt when a process starts.

Lexical search runs in the database (SQLite FTS5 or a PostgreSQL ``tsvector``, kept current by the
database as sentences are written, replaced or deleted; see ``store/index.py``). Vectors are float16 in
the store and, for search, in one memory-mapped file beside a SQLite store (``<db>-vectors``,
``retrieve/vectors.py``) to which each process appends only what is new. The two rankings are fused by
reciprocal rank, as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from receipts.retrieve import Hit, HybridRetriever
from receipts.retrieve.dense import Embedder, pack, unpack
from receipts.retrieve.lexical import query_terms
from receipts.retrieve.vectors import VectorFile
from receipts.store import Store
from receipts.store import index as stored

log = logging.getLogger(__name__)

# How deep each ranking goes before fusion (HybridRetriever's default).
DEPTH = 50
# Deleted keys still in the vector file are rewritten out once they are this share of it.
COMPACT_SHARE = 0.2
EMBED_BATCH = 2048


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


def vector_path(url: str) -> Path | None:
    """Return where a store keeps its vector file: beside a SQLite file, else nowhere (kept in memory)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db = Path(url.removeprefix("sqlite:///")).expanduser()
        return db.with_name(db.name + "-vectors")
    return None


class _Lexical:
    def __init__(self, index: SentenceIndex) -> None:
        self.index = index

    def search(self, query: str, k: int = 10) -> list[Hit]:
        with self.index.store.transaction() as s:
            return [Hit(key, score) for key, score in stored.lexical_search(s, query_terms(query), k)]


class _Dense:
    def __init__(self, index: SentenceIndex) -> None:
        self.index = index

    def search(self, query: str, k: int = 10) -> list[Hit]:
        return [Hit(key, score) for key, score in self.index._dense_search(self.index._query_vector(query), k)]


class SentenceIndex:
    """Hybrid search over stored sentences; ``refresh()`` brings in only what was added since.

    Example::

        index = SentenceIndex(store, Embedder())
        index.refresh()
        index.search("empty transport cases", k=5)
    """

    def __init__(self, store: Store, embedder: Embedder | None, *, vectors: Path | None | str = "beside") -> None:
        """:param vectors: Where the vector file goes; ``"beside"`` the SQLite file (default), or None (memory)."""
        self.store = store
        self.embedder = embedder
        self._vector_path = vector_path(store.url) if vectors == "beside" else vectors
        self._vectors: VectorFile | None = None
        self._dead = np.zeros(0, dtype=np.int64)
        self._seen = -1  # the newest key this process has looked at
        self._gone = 0  # how many keys had gone by then
        self._items: list[IndexedSentence] | None = None
        self._last_query: tuple[str, np.ndarray] | None = None
        # What this process had to do: the integration tests read these to show that nothing was rebuilt.
        self.counts = {"embedded": 0, "appended": 0, "compacted": 0}

    # -- keeping up ---------------------------------------------------------------------------------------

    def refresh(self) -> int:
        """Catch up with the store: embed sentences stored without a vector, append new vectors to the vector
        file; return how many sentences were added since this process last looked."""
        if self.embedder is not None:
            self._embed_missing()
        with self.store.transaction() as s:
            newest, gone = stored.last_key(s), stored.count_gone(s)
            added = stored.count_keys(s, max(self._seen, 0)) if newest != self._seen else 0
        if (newest, gone) != (self._seen, self._gone):
            self._items = None  # listed again on next use
        self._gone = gone
        self._seen = newest
        if self.embedder is not None:
            self._sync_vectors()
        return added

    def _embed_missing(self) -> None:
        while True:
            with self.store.transaction() as s:
                rows = stored.sentences_without_vector(s, EMBED_BATCH)
                if not rows:
                    return
                for row, vec in zip(rows, self.embedder.encode([r.text for r in rows])):
                    row.vector = pack(vec)  # kept, so the next process does not embed again
            self.counts["embedded"] += len(rows)

    def _sync_vectors(self) -> None:
        with self.store.transaction() as s:
            if self._vectors is None:
                probe = next(stored.vectors_after(s, 0, batch=1), [])
                dim = len(unpack(probe[0][1])) if probe and probe[0][1] else 0
                if not dim:
                    return  # nothing stored yet: the file starts with the first vector
                self._vectors = VectorFile(self._vector_path, stamp=stored.store_id(s), dim=dim)
            vf = self._vectors
            vf.reload()
            for batch in stored.vectors_after(s, vf.last_key):
                keys = np.array([k for k, _ in batch], dtype=np.int64)
                vecs = np.zeros((len(batch), vf.dim), dtype=np.float16)
                for i, (_, raw) in enumerate(batch):
                    if raw and len(raw) == 2 * vf.dim:
                        vecs[i] = np.frombuffer(raw, dtype=np.float16)
                self.counts["appended"] += vf.append(keys, vecs)
            gone = np.array(stored.gone_keys(s, vf.last_key), dtype=np.int64)
        self._dead = gone[np.isin(gone, vf.keys, assume_unique=True)] if len(gone) and len(vf) else gone[:0]
        if len(self._dead) > COMPACT_SHARE * len(vf):
            self.counts["compacted"] += vf.compact(self._dead)
            log.info("sentence vectors: dropped %d deleted rows from %s", len(self._dead), vf.path or "memory")
            self._dead = self._dead[:0]

    # -- searching ----------------------------------------------------------------------------------------

    def _query_vector(self, query: str) -> np.ndarray:
        if self._last_query is None or self._last_query[0] != query:
            self._last_query = (query, self.embedder.encode([query])[0])
        return self._last_query[1]

    def _dense_search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self._vectors is None:
            return []
        return self._vectors.search(vector, k, dead=self._dead)

    @property
    def retriever(self) -> HybridRetriever:
        """Reciprocal-rank fusion of the stored full-text ranking and the vector ranking; hits carry keys."""
        parts = [_Lexical(self)] + ([_Dense(self)] if self.embedder is not None and self._vectors is not None else [])
        return HybridRetriever(parts, depth=DEPTH)

    def _resolve(self, hits: list[Hit]) -> list[tuple[IndexedSentence, float]]:
        """Turn keyed hits into sentences, in hit order; keys deleted meanwhile drop out."""
        if not hits:
            return []
        with self.store.transaction() as s:
            found = {
                key: _item(row, title, source)
                for key, row, title, source in stored.sentence_rows(s, [h.index for h in hits])
            }
        return [(found[h.index], h.score) for h in hits if h.index in found]

    def search(self, query: str, k: int = 10) -> list[tuple[IndexedSentence, float]]:
        """Return the k best sentences for a query, with fused scores."""
        if self._seen < 0:
            self.refresh()
        return self._resolve(self.retriever.search(query, k=k))

    def search_relevant(
        self, query: str, k: int = 10, *, min_similarity: float = 0.4
    ) -> list[tuple[IndexedSentence, float]]:
        """Like :meth:`search`, but drop sentences unrelated to the query: a sentence stays when it shares
        a word with the query (full text) or its embedding is at least ``min_similarity`` (cosine) from the
        query's.

        Fusion ranks every sentence, so a query with no match at all would still fill the page.
        """
        if self._seen < 0:
            self.refresh()
        hits = self.retriever.search(query, k=k)
        keys = [h.index for h in hits]
        with self.store.transaction() as s:
            lexical = stored.lexical_matches(s, query_terms(query), keys)
        close: set[int] = set()
        if self.embedder is not None and self._vectors is not None:
            q = self._query_vector(query)
            close = {key for key, vec in self._vectors.vectors_for(keys).items() if float(vec @ q) >= min_similarity}
        return self._resolve([h for h in hits if h.index in lexical or h.index in close])

    def similar(self, vector: np.ndarray, k: int = 10) -> list[tuple[IndexedSentence, float]]:
        """Dense neighbours of a vector (for claim matching), with their cosine."""
        if self._seen < 0:
            self.refresh()
        return self._resolve([Hit(key, score) for key, score in self._dense_search(vector, k)])

    def vector_of(self, sentence_id: str) -> np.ndarray | None:
        """Return a stored sentence's vector (float32), or None when it has none."""
        with self.store.transaction() as s:
            return unpack(stored.vector_of(s, sentence_id))

    @property
    def items(self) -> list[IndexedSentence]:
        """Every stored sentence in the order it was indexed; read from the store on first use after a change."""
        if self._items is None:
            with self.store.transaction() as s:
                self._items = [_item(row, title, source) for _, row, title, source in stored.sentence_rows(s)]
        return self._items


def _item(row, title: str | None, source: str | None) -> IndexedSentence:
    return IndexedSentence(
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
