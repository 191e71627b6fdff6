"""Lexical queries for the on-disk full-text indexes, tokenised the way ``BM25Retriever`` tokenises.

The store keeps the index (SQLite FTS5 or a PostgreSQL ``tsvector``) and writes the query in its dialect;
this module only turns a query into the terms to look for, so that both indexes and the in-memory BM25
agree on what a word is: lower case, two or more word characters, English stop words dropped, and any
term may match (OR, as in BM25).
"""

from __future__ import annotations

import math
import re

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
    queries cost one read of the index instead of one ranked search each.

    Example::

        terms = TermIndex(rows, indexed=3)  # rows: (term, key, times), as store.index.indexed_terms gives them
        terms.rank_floors(query_terms("drones returned"), [17, 40])  # {17: 2}: at best third; 40 holds no term
    """

    K1 = 1.2
    B = 0.75

    def __init__(self, rows: list[tuple[str, int, int]], *, indexed: int) -> None:
        """:param rows: (term, key, times) for each term of each indexed sentence, grouped by term.
        :param indexed: How many sentences the index holds (those without a term count too)."""
        keys = np.array([k for _, k, _ in rows], dtype=np.int64)
        times = np.array([n for _, _, n in rows], dtype=np.float64)
        self.keys = np.unique(keys)
        at = np.searchsorted(self.keys, keys)
        self.length = np.bincount(at, weights=times, minlength=len(self.keys))  # tokens per sentence
        self.rows = indexed
        self.average = float(times.sum()) / indexed if indexed else 0.0
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        lo = 0
        for hi in range(1, len(rows) + 1):
            if hi == len(rows) or rows[hi][0] != rows[lo][0]:
                self.postings[rows[lo][0]] = (at[lo:hi], times[lo:hi])
                lo = hi

    def scores(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """Return the positions (in ``keys``) of the sentences holding any of the terms and their bm25 scores
        as FTS5 sums them (term by term, in query order); None when a term is not plain lower-case ASCII
        letters and digits, which FTS5 may tokenise otherwise."""
        if any(not _PLAIN.fullmatch(t) for t in terms):
            return None
        score = np.zeros(len(self.keys), dtype=np.float64)
        held = np.zeros(len(self.keys), dtype=bool)
        for term in terms:
            found = self.postings.get(term)
            if found is None:
                continue
            at, times = found
            idf = math.log((self.rows - len(at) + 0.5) / (len(at) + 0.5))
            idf = idf if idf > 0.0 else 1e-6  # as FTS5 does for a term in more than half the sentences
            norm = self.K1 * (1.0 - self.B + self.B * self.length[at] / self.average)
            score[at] += idf * (times * (self.K1 + 1.0)) / (times + norm)
            held[at] = True
        where = np.flatnonzero(held)
        return where, score[where]

    def rank_floors(self, terms: list[str], keys: list[int]) -> dict[int, int] | None:
        """Return, for each of the keys whose sentence holds a term, how many sentences surely outrank it (so
        its place in the ranking, counted from 0, is at least that); keys holding no term are left out.
        None when unsure (see ``scores``). Near-equal scores count as ties, so the floor never errs high."""
        found = self.scores(terms)
        if found is None:
            return None
        where, score = found
        out = {}
        for key in keys:
            pos = int(np.searchsorted(self.keys, key))
            i = int(np.searchsorted(where, pos))
            if i < len(where) and where[i] == pos and self.keys[pos] == key:
                mine = score[i]
                out[int(key)] = int(np.count_nonzero(score > mine + 1e-9 * max(1.0, abs(mine))))
        return out
