"""Lexical queries for the on-disk full-text indexes, tokenised the way ``BM25Retriever`` tokenises.

The store keeps the index (SQLite FTS5 or a PostgreSQL ``tsvector``) and writes the query in its dialect;
this module only turns a query into the terms to look for, so that both indexes and the in-memory BM25
agree on what a word is: lower case, two or more word characters, English stop words dropped, and any
term may match (OR, as in BM25).
"""

from __future__ import annotations

import re

from bm25s.stopwords import STOPWORDS_EN

TOKEN = re.compile(r"(?u)\b\w\w+\b")
STOPWORDS = frozenset(STOPWORDS_EN)
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
