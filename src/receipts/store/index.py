"""Reads of the on-disk sentence index: full-text search, keys, and vectors by key.

The index is written by the database itself (triggers from migrations 0010 and 0014, which read each
sentence's text from its document); these functions only read it. SQLite ranks with FTS5's ``bm25()``
(k1=1.2, b=0.75); PostgreSQL with ``ts_rank`` over a ``simple`` (unstemmed) ``tsvector``, normalised by
document length.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from receipts.store.models import (
    DocumentRow,
    IndexMetaRow,
    SentenceGoneRow,
    SentenceIndexRow,
    SentenceRow,
    SourceRow,
)


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def fts5_query(terms: list[str]) -> str:
    """Return an FTS5 MATCH expression for any of the terms (each a quoted string)."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def tsquery(terms: list[str]) -> str:
    """Return a ``to_tsquery('simple', ...)`` text for any of the terms (each a quoted lexeme)."""
    return " | ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms)


def lexical_search(session: Session, terms: list[str], k: int) -> list[tuple[int, float]]:
    """Return up to k (key, score) pairs for sentences holding any of the terms, best first.

    :param terms: Search terms as ``retrieve.lexical.query_terms`` gives them.
    """
    if not terms or k <= 0:
        return []
    if _sqlite(session):
        rows = session.execute(
            text("SELECT rowid, -rank FROM sentence_fts WHERE sentence_fts MATCH :q ORDER BY rank LIMIT :k"),
            {"q": fts5_query(terms), "k": k},
        )
    else:
        rows = session.execute(
            text(
                "SELECT k.key, ts_rank(s.tsv, q, 1) AS score FROM sentences s "
                "JOIN sentence_index k ON k.sentence_id = s.id, to_tsquery('simple', :q) q "
                "WHERE s.tsv @@ q ORDER BY score DESC, k.key LIMIT :k"
            ),
            {"q": tsquery(terms), "k": k},
        )
    return [(int(key), float(score)) for key, score in rows]


def lexical_matches(session: Session, terms: list[str], keys: list[int]) -> set[int]:
    """Return which of the keys belong to sentences holding any of the terms."""
    if not terms or not keys:
        return set()
    if _sqlite(session):
        found = session.execute(
            text(
                "SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH :q "
                f"AND rowid IN ({','.join(str(int(k)) for k in keys)})"
            ),
            {"q": fts5_query(terms)},
        )
    else:
        found = session.execute(
            text(
                "SELECT k.key FROM sentences s JOIN sentence_index k ON k.sentence_id = s.id "
                "WHERE k.key = ANY(:keys) AND s.tsv @@ to_tsquery('simple', :q)"
            ),
            {"q": tsquery(terms), "keys": [int(k) for k in keys]},
        )
    return {int(k) for (k,) in found}


def _fts5_varint(raw: bytes) -> int:
    """Decode the first varint of an FTS5 record (SQLite's: big-endian groups of 7 bits, a set high bit
    meaning another byte follows, the ninth byte whole)."""
    value = 0
    for i, byte in enumerate(raw[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            break
    return value


def sentence_lengths(session: Session) -> tuple[list[int], list[int]] | None:
    """Return the key and the number of tokens of every sentence in the SQLite full-text index, as FTS5
    counted them for ``bm25()`` (its ``docsize`` table), keys in order. None on PostgreSQL."""
    if not _sqlite(session):
        return None
    cursor = session.connection().connection.cursor()  # one row a sentence: the driver's cursor, not the ORM
    try:
        cursor.execute("SELECT id, sz FROM sentence_fts_docsize ORDER BY id")
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return [key for key, _ in rows], [_fts5_varint(sz) for _, sz in rows]


def all_postings(session: Session) -> list[tuple[str, int, int]] | None:
    """Return (term, key, times) for every term of every indexed sentence, grouped by term, keys in order:
    the whole SQLite full-text index in one pass (for a small index, cheaper than a look-up per term).
    None on PostgreSQL."""
    if not _sqlite(session):
        return None
    session.execute(
        text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_fts_terms USING fts5vocab(main, sentence_fts, instance)")
    )
    cursor = session.connection().connection.cursor()  # many rows: the driver's cursor, not the ORM
    try:
        cursor.execute("SELECT term, doc, count(*) FROM temp.sentence_fts_terms GROUP BY term, doc")
        return cursor.fetchall()
    finally:
        cursor.close()


def term_postings(session: Session, terms: list[str]) -> dict[str, list[tuple[int, int]]] | None:
    """Return, for each of the terms, the (key, times) of every indexed sentence holding it, tokenised as
    FTS5 tokenised them, keys in order; a term no sentence holds maps to an empty list. None on PostgreSQL.

    Reads only those terms' postings (an ``fts5vocab`` table in the connection's temporary schema looks a
    term up in the index), so the cost follows the terms asked for, not the size of the index.
    """
    if not _sqlite(session):
        return None
    session.execute(
        text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_fts_terms USING fts5vocab(main, sentence_fts, instance)")
    )
    out: dict[str, list[tuple[int, int]]] = {}
    cursor = session.connection().connection.cursor()
    try:
        for term in dict.fromkeys(terms):
            cursor.execute("SELECT doc, count(*) FROM temp.sentence_fts_terms WHERE term = ? GROUP BY doc", (term,))
            out[term] = cursor.fetchall()
    finally:
        cursor.close()
    return out


def store_id(session: Session) -> str:
    """Return the random id migration 0010 gave this store."""
    return session.scalar(select(IndexMetaRow.value).where(IndexMetaRow.name == "store_id")) or "unknown"


def last_key(session: Session) -> int:
    """Return the newest key (0 for an empty index)."""
    return int(session.scalar(select(func.max(SentenceIndexRow.key))) or 0)


def count_keys(session: Session, after: int = 0) -> int:
    return int(session.scalar(select(func.count()).where(SentenceIndexRow.key > after)) or 0)


def count_gone(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(SentenceGoneRow)) or 0)


def gone_keys(session: Session, up_to: int) -> list[int]:
    """Return, sorted, the keys at or below ``up_to`` whose sentences were deleted or changed."""
    return list(
        session.scalars(select(SentenceGoneRow.key).where(SentenceGoneRow.key <= up_to).order_by(SentenceGoneRow.key))
    )


def vectors_after(session: Session, key: int, *, batch: int = 20_000) -> Iterator[list[tuple[int, bytes | None, str]]]:
    """Yield (key, packed vector, text) for every key above ``key``, in key order, a batch at a time."""
    while True:
        rows = session.execute(
            select(SentenceIndexRow.key, SentenceRow.vector, SentenceRow.text)
            .join(SentenceRow, SentenceRow.id == SentenceIndexRow.sentence_id)
            .where(SentenceIndexRow.key > key)
            .order_by(SentenceIndexRow.key)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield [(int(k), v, t) for k, v, t in rows]
        key = rows[-1][0]


def keys_up_to(session: Session, up_to: int) -> list[int]:
    """Return, sorted, every live key at or below ``up_to``."""
    return list(
        session.scalars(
            select(SentenceIndexRow.key).where(SentenceIndexRow.key <= up_to).order_by(SentenceIndexRow.key)
        )
    )


def vectors_of_keys(session: Session, keys: list[int]) -> list[tuple[int, bytes | None, str]]:
    """Return (key, packed vector, text) for the keys given that are still live, in key order."""
    out: list[tuple[int, bytes | None, str]] = []
    for lo in range(0, len(keys), 5000):
        out += session.execute(
            select(SentenceIndexRow.key, SentenceRow.vector, SentenceRow.text)
            .join(SentenceRow, SentenceRow.id == SentenceIndexRow.sentence_id)
            .where(SentenceIndexRow.key.in_([int(k) for k in keys[lo : lo + 5000]]))
        ).all()
    return sorted((int(k), v, t) for k, v, t in out)


def document_keys(session: Session, doc_ids: list[str]) -> list[tuple[str, int, int, int]]:
    """Return (document id, start, end, key) for every sentence of the documents given."""
    return [
        (d, int(a), int(b), int(k))
        for d, a, b, k in session.execute(
            select(SentenceRow.document_id, SentenceRow.start, SentenceRow.end, SentenceIndexRow.key)
            .join(SentenceIndexRow, SentenceIndexRow.sentence_id == SentenceRow.id)
            .where(SentenceRow.document_id.in_(doc_ids))
        )
    ]


def key_of(session: Session, sentence_id: str) -> int | None:
    return session.scalar(select(SentenceIndexRow.key).where(SentenceIndexRow.sentence_id == sentence_id))


def sentences_without_vector(session: Session, limit: int) -> list[SentenceRow]:
    return list(session.scalars(select(SentenceRow).where(SentenceRow.vector.is_(None)).limit(limit)))


def sentence_rows(session: Session, keys: list[int] | None = None):
    """Return (key, sentence, document title, source name) rows, for the keys given or all, in key order."""
    stmt = (
        select(SentenceIndexRow.key, SentenceRow, DocumentRow.title, SourceRow.name)
        .join(SentenceRow, SentenceRow.id == SentenceIndexRow.sentence_id)
        .join(DocumentRow, DocumentRow.id == SentenceRow.document_id)
        .outerjoin(SourceRow, SourceRow.id == DocumentRow.source_id)
        .order_by(SentenceIndexRow.key)
    )
    if keys is not None:
        stmt = stmt.where(SentenceIndexRow.key.in_([int(k) for k in keys]))
    return session.execute(stmt).all()


def vector_of(session: Session, sentence_id: str) -> bytes | None:
    return session.scalar(select(SentenceRow.vector).where(SentenceRow.id == sentence_id))
