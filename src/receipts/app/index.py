"""The sentence index over everything stored, kept on disk: nothing is rebuilt when a process starts.

Lexical search runs in the database (SQLite FTS5 or a PostgreSQL ``tsvector``, kept current by the
database as sentences are written, replaced or deleted; see ``store/index.py``). Vectors are float16 in
the store and, for search, int8 in one memory-mapped file beside a SQLite store (``<db>-vectors``,
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
from receipts.retrieve.lexical import TermIndex, query_terms
from receipts.retrieve.vectors import VectorFile, one_blas_thread, query_codes
from receipts.store import Store
from receipts.store import index as stored

log = logging.getLogger(__name__)

# How deep each ranking goes before fusion (HybridRetriever's default).
DEPTH = 50
# Deleted keys still in the vector file are rewritten out once they are this share of it.
COMPACT_SHARE = 0.2
EMBED_BATCH = 2048
BOUND_BATCH = 512  # queries whose rank bounds are worked out by one product with the sample
RANK_BATCH = 128  # queries ranked by one matrix product (a block of products is CHUNK x RANK_BATCH floats)
# Above this many sentences their lengths are not held in memory for ``lexical_floors`` (12 bytes each, read
# at the first query): the full-text search is used instead.
TERMS_IN_MEMORY = 10_000_000
# Up to this many sentences the whole full-text index is read at once (one pass, about 20 postings a
# sentence); above it each term's postings are read when a query first uses it.
TERMS_READ_WHOLE = 100_000


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
        return [Hit(key, score) for key, score in self.index._dense_query(query, k)]


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
        self._primed: dict[str, np.ndarray] = {}  # query vectors worked out ahead, by query text
        self._primed_hits: dict[str, list[tuple[int, float]]] = {}  # and their vector rankings (DEPTH deep)
        self._terms: TermIndex | bool | None = None  # the full-text index in memory (False: not usable)
        self._terms_checked = 0  # rankings worked out from it that were checked against a search
        # What this process had to do: the integration tests read these to show that nothing was rebuilt.
        self.counts = {"embedded": 0, "appended": 0, "compacted": 0}

    # -- keeping up ---------------------------------------------------------------------------------------

    def refresh(self) -> int:
        """Catch up with the store: bring every stored sentence's vector into the vector file (embedding those
        stored without one), and return how many sentences were added since this process last looked."""
        if self.embedder is not None and self._vector_path is None:
            self._embed_missing()  # no file: the store's column is where vectors are kept
        with self.store.transaction() as s:
            newest, gone = stored.last_key(s), stored.count_gone(s)
            added = stored.count_keys(s, max(self._seen, 0)) if newest != self._seen else 0
        if (newest, gone) != (self._seen, self._gone):
            self._items = None  # listed again on next use
            self._terms = None
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

    def _open_vectors(self, s, dim: int = 0) -> VectorFile | None:
        if self._vectors is None:
            stamp = stored.store_id(s)
            dim = VectorFile.width(self._vector_path, stamp=stamp) or dim
            if not dim:
                probe = next(stored.vectors_after(s, 0, batch=1), [])
                if not probe:
                    return None  # nothing stored yet: the file starts with the first vector
                raw = probe[0][1]
                dim = len(unpack(raw)) if raw else len(self.embedder.encode([probe[0][2]])[0])
            self._vectors = VectorFile(self._vector_path, stamp=stamp, dim=dim)
        return self._vectors

    def _rows(self, vf: VectorFile, batch: list[tuple[int, bytes | None, str]]) -> tuple[np.ndarray, np.ndarray]:
        """Keys and float16 vectors for file rows: the stored vector, else (a file store) one embedded now."""
        keys = np.array([k for k, _, _ in batch], dtype=np.int64)
        vecs = np.zeros((len(batch), vf.dim), dtype=np.float16)
        todo = []
        for i, (_, raw, _) in enumerate(batch):
            if raw and len(raw) == 2 * vf.dim:
                vecs[i] = np.frombuffer(raw, dtype=np.float16)
            else:
                todo.append(i)
        if todo and self._vector_path is not None:
            for lo in range(0, len(todo), EMBED_BATCH):
                part = todo[lo : lo + EMBED_BATCH]
                vecs[part] = self.embedder.encode([batch[i][2] for i in part]).astype(np.float16)
            self.counts["embedded"] += len(todo)
        return keys, vecs

    def _sync_vectors(self) -> None:
        with self.store.transaction() as s:
            vf = self._open_vectors(s)
            if vf is None:
                return
            vf.reload()
            for batch in stored.vectors_after(s, vf.last_key):
                self.counts["appended"] += vf.append(*self._rows(vf, batch))
            gone = np.array(stored.gone_keys(s, vf.last_key), dtype=np.int64)
            dead = gone[np.isin(gone, vf.keys, assume_unique=True)] if len(gone) and len(vf) else gone[:0]
            if len(vf) - len(dead) < stored.count_keys(s) - stored.count_keys(s, vf.last_key):
                # Keys below the file's last one that it lacks: a writer committed them while another appended.
                live = np.array(stored.keys_up_to(s, vf.last_key), dtype=np.int64)
                missing = live[~np.isin(live, vf.keys, assume_unique=True)]
                for lo in range(0, len(missing), EMBED_BATCH):
                    part = stored.vectors_of_keys(s, missing[lo : lo + EMBED_BATCH].tolist())
                    self.counts["appended"] += vf.append(*self._rows(vf, part))
        self._dead = dead
        if len(self._dead) > COMPACT_SHARE * len(vf):
            self.counts["compacted"] += vf.compact(self._dead)
            log.info("sentence vectors: dropped %d deleted rows from %s", len(self._dead), vf.path or "memory")
            self._dead = self._dead[:0]

    def add_vectors(self, doc_vectors: dict[str, list[tuple[int, int, np.ndarray]]]) -> int:
        """Put freshly stored documents' sentence vectors in the vector file, after their transaction committed;
        return how many rows were added.

        :param doc_vectors: Per document id, (start, end, vector) for each of its sentences.
        """
        if not doc_vectors:
            return 0
        with self.store.transaction() as s:
            found = stored.document_keys(s, list(doc_vectors))
            width = next((len(v) for spans in doc_vectors.values() for _, _, v in spans), 0) if found else 0
            if not width or self._open_vectors(s, width) is None:
                return 0
        by_span = {}
        for doc_id, spans in doc_vectors.items():
            for start, end, vec in spans:
                by_span.setdefault((doc_id, start, end), vec)
        rows = sorted((key, by_span[(d, a, b)]) for d, a, b, key in found if (d, a, b) in by_span)
        if not rows:
            return 0
        keys = np.array([k for k, _ in rows], dtype=np.int64)
        added = self._vectors.append(keys, np.stack([v for _, v in rows]).astype(np.float16))
        self.counts["appended"] += added
        return added

    # -- searching ----------------------------------------------------------------------------------------

    def prime(self, vectors: dict[str, np.ndarray], *, rank: bool = True) -> None:
        """Hand over query vectors worked out ahead (a batch of a verify run), so that searching one of those
        queries does not embed it again, and rank the vector file for all of them in one pass (each ranking
        is the one ``search`` gives); an empty dict forgets them.

        :param rank: False to keep the vectors only (for a caller that compares them and searches none)."""
        if self._seen < 0:
            self.refresh()
        self._primed = dict(vectors) if vectors else {}
        self._primed_hits = {}
        if rank and self._primed and self._vectors is not None and len(self._vectors):
            queries = list(self._primed)
            ranked = _rank_many(self._vectors, [self._primed[q] for q in queries], DEPTH, self._dead)
            self._primed_hits = dict(zip(queries, ranked))

    def vectors_for_keys(self, keys: list[int]) -> dict[int, np.ndarray]:
        """The vectors of the sentences under these keys, as held in the vector file (int8 widened)."""
        if self._seen < 0:
            self.refresh()
        return self._vectors.vectors_for(sorted(keys)) if self._vectors is not None and keys else {}

    def _query_vector(self, query: str) -> np.ndarray:
        primed = self._primed.get(query)
        if primed is not None:
            return primed
        if self._last_query is None or self._last_query[0] != query:
            self._last_query = (query, self.embedder.encode([query])[0])
        return self._last_query[1]

    def _dense_search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self._vectors is None:
            return []
        return self._vectors.search(vector, k, dead=self._dead)

    def _dense_query(self, query: str, k: int) -> list[tuple[int, float]]:
        ranked = self._primed_hits.get(query) if k == DEPTH else None
        return ranked if ranked is not None else self._dense_search(self._query_vector(query), k)

    def dense_ranks(self, query: str) -> dict[int, int] | None:
        """The place (from 0) of each key in the vector ranking (DEPTH deep) of a query handed over with
        ``prime``; empty when there is no vector ranking; None when the query was not primed."""
        if self.embedder is None or self._vectors is None:
            return {}
        ranked = self._primed_hits.get(query)
        return None if ranked is None else {key: place for place, (key, _) in enumerate(ranked)}

    def dense_floors(
        self, vectors: dict[str, np.ndarray], keys: list[int], depths: tuple[int, ...]
    ) -> dict[str, dict[int, int]]:
        """For each query (with its vector, as ``prime`` takes them), the least place (from 0) each of these
        keys can have in its vector ranking, proven from a sample of the vector file: one of ``depths`` or 0.
        Far cheaper than ranking the whole file for every query; a key proven at ``DEPTH`` or more is out of
        the ranking ``dense_ranks`` gives. Empty when there is no vector file."""
        if self._seen < 0:
            self.refresh()
        if self._vectors is None or not len(self._vectors) or not vectors or not keys:
            return {}
        queries = list(vectors)
        out: dict[str, dict[int, int]] = {}
        for lo in range(0, len(queries), BOUND_BATCH):
            part = queries[lo : lo + BOUND_BATCH]
            q_scales, q_codes = query_codes([vectors[q] for q in part])
            bounds = self._vectors.rank_bounds(q_scales, q_codes, keys, depths, dead=self._dead)
            for j, q in enumerate(part):
                out[q] = {int(key): int(b) for key, b in zip(keys, bounds[:, j])}
        return out

    def lexical_floors(self, query: str, keys: list[int], *, enough: int | None = None) -> dict[int, int] | None:
        """How high each of these keys can at best be in the full-text ranking of a query (its place from 0 is
        at least the number given; keys whose sentence holds no term of the query are left out), worked out
        from every sentence's length (held in memory) and the postings of the query's terms (read once each)
        instead of searching. None when that cannot be said (PostgreSQL, a term
        FTS5 may tokenise otherwise, or a ranking that came out unlike the search's): search then.

        The first few rankings worked out are checked against the search's own; a difference turns this off.
        ``enough``: a floor at or past it serves the caller as well as the exact one (``TermIndex.rank_floors``).
        """
        if self._terms is None:
            with self.store.transaction() as s:
                found = stored.sentence_lengths(s) if stored.count_keys(s) <= TERMS_IN_MEMORY else None
            self._terms = (
                TermIndex(found[0], found[1], indexed=len(found[0]), fetch=self._term_postings) if found else False
            )
            if found and len(found[0]) <= TERMS_READ_WHOLE:
                with self.store.transaction() as s:
                    self._terms.preload(stored.all_postings(s) or [])
            self._terms_checked = 0
        if self._terms is False:
            return None
        terms = query_terms(query)
        try:
            floors = self._terms.rank_floors(terms, keys, enough=enough)
        except LookupError as e:  # the index changed under this process: search from now on
            log.warning("full-text index in memory is out of date (%s); searching instead", e)
            self._terms = False
            return None
        if floors is not None and self._terms_checked < 3 and not self._same_ranking(terms):
            log.warning("full-text ranking in memory differs from the index's; searching instead")
            self._terms = False
            return None
        return floors

    def _term_postings(self, terms: list[str]) -> dict[str, list[tuple[int, int]]]:
        with self.store.transaction() as s:
            return stored.term_postings(s, terms) or {}

    def _same_ranking(self, terms: list[str]) -> bool:
        where, score = self._terms.scores(terms)
        if not len(where):
            return True
        self._terms_checked += 1
        with self.store.transaction() as s:
            searched = np.array([x for _, x in stored.lexical_search(s, terms, DEPTH)])
        mine = np.sort(score)[::-1][:DEPTH]
        return len(mine) == len(searched) and bool(np.allclose(mine, searched, rtol=1e-9, atol=0.0))

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
            vec = unpack(stored.vector_of(s, sentence_id))
            key = stored.key_of(s, sentence_id) if vec is None and self._vector_path is not None else None
        if key is None:
            return vec
        if self._vectors is None and self.embedder is not None:
            self.refresh()
        return self._vectors.vectors_for([key]).get(key) if self._vectors is not None else None

    @property
    def items(self) -> list[IndexedSentence]:
        """Every stored sentence in the order it was indexed; read from the store on first use after a change."""
        if self._items is None:
            with self.store.transaction() as s:
                self._items = [_item(row, title, source) for _, row, title, source in stored.sentence_rows(s)]
        return self._items


def _rank_many(vf: VectorFile, queries: list[np.ndarray], k: int, dead: np.ndarray) -> list[list[tuple[int, float]]]:
    """``VectorFile.search`` for many queries in one pass over the file: each block of rows is widened once
    and multiplied by all the queries at once (a matrix product), and each query's scores are the ones
    ``search`` gives it (whole-number products, exact in any order), ranked the same way."""
    n = len(vf)
    if n == 0 or k <= 0 or not queries:
        return [[] for _ in queries]
    out = []
    with one_blas_thread():
        for lo in range(0, len(queries), RANK_BATCH):
            q_scales, q_codes = query_codes(queries[lo : lo + RANK_BATCH])
            for keys, scores in vf.scan(None, q_scales, q_codes, [k], dead):
                order = np.argsort(-scores, kind="stable")[:k]
                out.append([(int(keys[i]), float(scores[i])) for i in order if np.isfinite(scores[i])])
    return out


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
