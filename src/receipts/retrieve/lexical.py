"""Lexical queries for the on-disk full-text indexes, tokenised the way ``BM25Retriever`` tokenises.

The store keeps the index (SQLite FTS5 or a PostgreSQL ``tsvector``) and writes the query in its dialect;
this module only turns a query into the terms to look for, so that both indexes and the in-memory BM25
agree on what a word is: lower case, two or more word characters, English stop words dropped, and any
term may match (OR, as in BM25).
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _english_stopwords() -> frozenset[str]:
    """bm25s's English stop words, read from its ``stopwords`` module alone: importing the package loads
    scipy, a tenth of a second at every ``receipts search``, for a word list."""
    from importlib.util import find_spec, module_from_spec, spec_from_file_location

    package = find_spec("bm25s")
    for folder in (package.submodule_search_locations or []) if package else []:
        spec = spec_from_file_location("receipts._bm25s_stopwords", f"{folder}/stopwords.py")
        if spec is not None and spec.loader is not None:
            try:
                module = module_from_spec(spec)
                spec.loader.exec_module(module)
                return frozenset(module.STOPWORDS_EN)
            except (OSError, AttributeError):
                break
    from bm25s.stopwords import STOPWORDS_EN  # the plain way, if the file is not where packages keep it

    return frozenset(STOPWORDS_EN)


STOPWORDS = _english_stopwords()
# A query longer than this many distinct terms keeps its first ones; a claim is rarely longer.
MAX_TERMS = 64


def query_terms(text: str) -> list[str]:
    """Return the distinct search terms of a query, in order: lower case, no stop words.

    :param text: A query as typed, or a claim.
    :returns: Terms of two or more word characters; empty when nothing is left to search for.
    """
    seen: dict[str, None] = {}
    for token in TOKEN.findall(text.lower()):
        # FTS5's unicode61 tokenizer splits on "_", so a term with one would never match as a whole.
        for part in token.split("_"):
            if len(part) > 1 and part not in STOPWORDS:
                seen.setdefault(part, None)
    return list(seen)[:MAX_TERMS]


_PLAIN = re.compile(r"[a-z0-9]+")


class TermIndex:
    """The full-text ranking of SQLite FTS5 (``bm25()``, k1=1.2, b=0.75) worked out in numpy from the index's
    own terms, to tell how high a sentence can rank for a query without searching: ``rank_floors``. Many
    queries cost one look-up of each of their terms instead of one ranked search each.

    Only the length of every sentence is held; the postings of a term are read when a query first uses it
    (``fetch``) and kept, up to ``POSTINGS_HELD`` of them (the least recently used go first), so memory
    follows the terms in use, not the index.

    Example::

        terms = TermIndex(keys, lengths, indexed=3, fetch=read_postings)  # see store.index.term_postings
        terms.rank_floors(query_terms("drones returned"), [17, 40])  # {17: 2}: at best third; 40 holds no term
    """

    K1 = 1.2
    B = 0.75
    # Postings kept between queries (20 bytes each); past it the terms least recently used are let go.
    POSTINGS_HELD = 8_000_000

    def __init__(
        self,
        keys: Sequence[int],
        lengths: Sequence[int],
        *,
        indexed: int,
        fetch: Callable[[list[str]], dict[str, list[tuple[int, int]]]],
    ) -> None:
        """:param keys: Every indexed sentence's key, in increasing order.
        :param lengths: Its number of tokens, as FTS5 counted them.
        :param indexed: How many sentences the index holds.
        :param fetch: Reads (key, times) for each sentence holding each of some terms, keys in order."""
        self.keys = np.asarray(keys, dtype=np.int64)
        self.length = np.asarray(lengths, dtype=np.float64)  # tokens per sentence
        self.rows = indexed
        self.average = float(self.length.sum()) / indexed if indexed else 0.0
        self._fetch = fetch
        # term -> (positions in keys, increasing; each one's part of the bm25 score; those parts negated, sorted)
        self.postings: OrderedDict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = OrderedDict()
        self._held = 0
        self._complete = False  # every term's postings are held (preload): a term not held holds no sentence
        self._score: np.ndarray | None = None
        self._held_at: np.ndarray | None = None

    @classmethod
    def from_rows(cls, rows: list[tuple[str, int, int]], *, indexed: int) -> TermIndex:
        """Build one from the whole index at once: (term, key, times) rows grouped by term (for tests and
        small indexes); a term not among them holds no sentence."""
        lengths: dict[int, int] = {}
        by_term: dict[str, list[tuple[int, int]]] = {}
        for term, key, times in rows:
            lengths[key] = lengths.get(key, 0) + times
            by_term.setdefault(term, []).append((key, times))
        keys = sorted(lengths)
        return cls(
            keys, [lengths[k] for k in keys], indexed=indexed, fetch=lambda ts: {t: by_term.get(t, []) for t in ts}
        )

    def preload(self, rows: list[tuple[str, int, int]]) -> None:
        """Take the whole index at once, (term, key, times) grouped by term as ``store.index.all_postings``
        reads it (a small index: one read instead of one per term). A term not among them holds no
        sentence, and nothing is let go afterwards."""
        if rows:
            keys = np.fromiter((k for _, k, _ in rows), dtype=np.int64, count=len(rows))
            times = np.fromiter((n for _, _, n in rows), dtype=np.float64, count=len(rows))
            at = np.searchsorted(self.keys, keys)
            if at.max() >= len(self.keys) or np.any(self.keys[at] != keys):
                raise LookupError("a sentence of the index has no stored length")
            starts = [0] + [i for i in range(1, len(rows)) if rows[i][0] != rows[i - 1][0]]
            bounds = np.array([*starts, len(rows)])
            df = np.repeat(np.diff(bounds), np.diff(bounds)).astype(np.float64)
            idf = np.log((self.rows - df + 0.5) / (df + 0.5))
            idf = np.where(idf > 0.0, idf, 1e-6)  # as FTS5 does for a term in more than half the sentences
            norm = self.K1 * (1.0 - self.B + self.B * self.length[at] / self.average)
            part = idf * (times * (self.K1 + 1.0)) / (times + norm)
            small = at.astype(np.int32 if len(self.keys) < 2**31 else np.int64)
            for lo, hi in zip(bounds[:-1], bounds[1:]):
                self.postings[rows[lo][0]] = (small[lo:hi], part[lo:hi], np.sort(-part[lo:hi]))
            self._held += len(rows)
        self._complete = True

    def _add(self, found_by_term: dict[str, list[tuple[int, int]]]) -> None:
        for term, found in found_by_term.items():
            pairs = np.array(found, dtype=np.int64).reshape(-1, 2)
            keys = pairs[:, 0]
            at = np.searchsorted(self.keys, keys)
            if len(at) and (at.max() >= len(self.keys) or np.any(self.keys[at] != keys)):
                raise LookupError(f"term {term!r}: a sentence holding it has no stored length")
            times = pairs[:, 1].astype(np.float64)
            idf = math.log((self.rows - len(at) + 0.5) / (len(at) + 0.5))
            idf = idf if idf > 0.0 else 1e-6  # as FTS5 does for a term in more than half the sentences
            norm = self.K1 * (1.0 - self.B + self.B * self.length[at] / self.average)
            part = idf * (times * (self.K1 + 1.0)) / (times + norm)
            self.postings[term] = (at.astype(np.int32 if len(self.keys) < 2**31 else np.int64), part, np.sort(-part))
            self._held += len(at)

    def _postings(self, terms: list[str]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        if self._complete:
            return [self.postings[t] for t in terms if t in self.postings]
        missing = [t for t in terms if t not in self.postings]
        for term in terms:  # the terms in use are the last let go
            if term in self.postings:
                self.postings.move_to_end(term)
        if missing:
            self._add(self._fetch(missing))
            wanted = set(terms)
            while self._held > self.POSTINGS_HELD and len(self.postings) > len(wanted):
                oldest = next(iter(self.postings))  # least recently used; never one this query needs
                if oldest in wanted:
                    self.postings.move_to_end(oldest)
                    continue
                self._held -= len(self.postings.pop(oldest)[0])
        return [self.postings[t] for t in terms if t in self.postings]

    def scores(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """Return the positions (in ``keys``, in no set order) of the sentences holding any of the terms and
        their bm25 scores as FTS5 sums them (term by term, in query order); None when a term is not plain
        lower-case ASCII letters and digits, which FTS5 may tokenise otherwise."""
        if any(not _PLAIN.fullmatch(t) for t in terms):
            return None
        if self._score is None:  # scratch rows as long as the index, reused: cleared where written
            self._score = np.zeros(len(self.keys), dtype=np.float64)
            self._held_at = np.zeros(len(self.keys), dtype=bool)
        score, held, union = self._score, self._held_at, []
        try:
            for at, part, _ in self._postings(terms):
                if not len(at):
                    continue
                score[at] += part  # term by term, as FTS5 sums
                union.append(at[~held[at]])
                held[at] = True
            where = np.concatenate(union) if union else np.zeros(0, dtype=np.int64)
            return where, score[where]
        finally:
            for at in union:
                score[at] = 0.0
                held[at] = False

    def _quick_floors(self, terms: list[str], keys: list[int]) -> dict[int, int] | None:
        """Floors from each term alone: a sentence whose part of the score for one term beats a key's whole
        score surely outranks it, so the most such sentences under any one term is a floor. Costs a look-up
        per term and key, not a pass over the postings. None when a term may be tokenised otherwise."""
        if any(not _PLAIN.fullmatch(t) for t in terms):
            return None
        postings = [p for p in self._postings(terms) if len(p[0])]
        asked = np.asarray(keys, dtype=np.int64)
        if not len(self.keys) or not len(asked) or not postings:
            return {}
        pos = np.searchsorted(self.keys, asked).clip(max=len(self.keys) - 1)
        known = self.keys[pos] == asked
        asked, pos = asked[known], pos[known]
        mine = np.zeros(len(pos), dtype=np.float64)
        holds = np.zeros(len(pos), dtype=bool)
        for at, part, _ in postings:  # each key's own score, summed in query order as FTS5 does
            i = np.searchsorted(at, pos).clip(max=len(at) - 1)
            hit = at[i] == pos
            mine = mine + np.where(hit, part[i], 0.0)
            holds |= hit
        bar = mine + 1e-9 * np.maximum(1.0, np.abs(mine))
        floor = np.zeros(len(pos), dtype=np.int64)
        for _, _, negated in postings:  # how many parts lie above the bar: a search on the negated parts
            floor = np.maximum(floor, np.searchsorted(negated, -bar, side="left"))
        return {int(k): int(f) for k, f, h in zip(asked, floor, holds) if h}

    def rank_floors(self, terms: list[str], keys: list[int], *, enough: int | None = None) -> dict[int, int] | None:
        """Return, for each of the keys whose sentence holds a term, how many sentences surely outrank it (so
        its place in the ranking, counted from 0, is at least that); keys holding no term are left out.
        None when unsure (see ``scores``). Near-equal scores count as ties, so the floor never errs high.

        :param enough: A floor at or past this is as good as the exact one to the caller: when the quick
            floors (``_quick_floors``) of all the keys reach it, they are returned without scoring every
            sentence that holds a term. Not tried on an index held whole (``preload``), where scoring
            is cheap.
        """
        if enough is not None and not self._complete:  # a small index held whole scores faster than it bounds
            quick = self._quick_floors(terms, keys)
            if quick is None:
                return None
            if all(f >= enough for f in quick.values()):
                return quick
        found = self.scores(terms)
        if found is None:
            return None
        where, score = found
        asked = np.asarray(keys, dtype=np.int64)
        pos = np.searchsorted(self.keys, asked).clip(max=max(len(self.keys) - 1, 0))
        pos = pos[self.keys[pos] == asked] if len(self.keys) else pos[:0]
        out = {}
        for i in np.flatnonzero(np.isin(where, pos)):
            mine = score[i]
            out[int(self.keys[where[i]])] = int(np.count_nonzero(score > mine + 1e-9 * max(1.0, abs(mine))))
        return out
