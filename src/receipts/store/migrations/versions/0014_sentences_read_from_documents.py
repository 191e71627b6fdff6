"""sentences read their text and date from their document: the second copies are dropped

A sentence stored the characters ``start`` to ``end`` of its document's text and its document's date
again (about 6 kB of a 63 kB PolNeAR article). The ORM reads both from the document now, as it has read
the text of every other extracted row since migration 0012. The full-text index is fed from the
document too:

- SQLite: the triggers that keep the contentless FTS5 table read ``substr`` of the document's text. A
  contentless table can only forget a row when it is given the tokens it indexed, so a document's
  sentences are deleted before the document itself or its text goes (triggers on ``documents``), while
  that text can still be read.
- PostgreSQL: the generated ``tsvector`` column (which could read only its own row) becomes a plain one,
  set by a trigger from the document's text.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 14:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

SENTENCE_TEXT = (
    "(SELECT substr(d.text, {row}.start + 1, {row}.\"end\" - {row}.start) FROM documents d "
    "WHERE d.id = {row}.document_id)"
)
NEW_TEXT = SENTENCE_TEXT.format(row="new")
OLD_TEXT = SENTENCE_TEXT.format(row="old")

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER sentences_index_insert AFTER INSERT ON sentences BEGIN
        INSERT INTO sentence_index(sentence_id) VALUES (new.id);
        INSERT INTO sentence_fts(rowid, text)
            SELECT key, {NEW_TEXT} FROM sentence_index WHERE sentence_id = new.id;
    END""",
    f"""CREATE TRIGGER sentences_index_delete BEFORE DELETE ON sentences BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, text)
            SELECT 'delete', key, {OLD_TEXT} FROM sentence_index WHERE sentence_id = old.id;
        INSERT INTO sentence_index_gone(key) SELECT key FROM sentence_index WHERE sentence_id = old.id;
        DELETE FROM sentence_index WHERE sentence_id = old.id;
    END""",
    # A moved span or a new vector gives the sentence a new key: readers see the old key gone and a new one.
    # (A document's text never changes under its sentences: a changed article is a new document.)
    f"""CREATE TRIGGER sentences_index_update AFTER UPDATE OF start, "end", vector ON sentences BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, text)
            SELECT 'delete', key, substr(d.text, old.start + 1, old."end" - old.start)
            FROM sentence_index, documents d WHERE sentence_id = old.id AND d.id = old.document_id;
        INSERT INTO sentence_index_gone(key) SELECT key FROM sentence_index WHERE sentence_id = old.id;
        DELETE FROM sentence_index WHERE sentence_id = old.id;
        INSERT INTO sentence_index(sentence_id) VALUES (new.id);
        INSERT INTO sentence_fts(rowid, text)
            SELECT key, {NEW_TEXT} FROM sentence_index WHERE sentence_id = new.id;
    END""",
    # the index forgets a sentence only through its text: a document's sentences go before that text goes
    # or changes (a changed text leaves their offsets meaningless anyway; re-extraction writes new ones)
    """CREATE TRIGGER documents_sentences_first BEFORE DELETE ON documents BEGIN
        DELETE FROM sentences WHERE document_id = old.id;
    END""",
    """CREATE TRIGGER documents_text_sentences_first BEFORE UPDATE OF text ON documents
        WHEN old.text IS NOT new.text BEGIN
        DELETE FROM sentences WHERE document_id = old.id;
    END""",
]

OLD_SQLITE_TRIGGERS = [
    """CREATE TRIGGER sentences_index_insert AFTER INSERT ON sentences BEGIN
        INSERT INTO sentence_index(sentence_id) VALUES (new.id);
        INSERT INTO sentence_fts(rowid, text)
            SELECT key, new.text FROM sentence_index WHERE sentence_id = new.id;
    END""",
    """CREATE TRIGGER sentences_index_delete BEFORE DELETE ON sentences BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, text)
            SELECT 'delete', key, old.text FROM sentence_index WHERE sentence_id = old.id;
        INSERT INTO sentence_index_gone(key) SELECT key FROM sentence_index WHERE sentence_id = old.id;
        DELETE FROM sentence_index WHERE sentence_id = old.id;
    END""",
    """CREATE TRIGGER sentences_index_update AFTER UPDATE OF text, vector ON sentences BEGIN
        INSERT INTO sentence_fts(sentence_fts, rowid, text)
            SELECT 'delete', key, old.text FROM sentence_index WHERE sentence_id = old.id;
        INSERT INTO sentence_index_gone(key) SELECT key FROM sentence_index WHERE sentence_id = old.id;
        DELETE FROM sentence_index WHERE sentence_id = old.id;
        INSERT INTO sentence_index(sentence_id) VALUES (new.id);
        INSERT INTO sentence_fts(rowid, text)
            SELECT key, new.text FROM sentence_index WHERE sentence_id = new.id;
    END""",
]

SQLITE_TRIGGER_NAMES = ("sentences_index_insert", "sentences_index_delete", "sentences_index_update")

POSTGRES_TSV = f"""CREATE FUNCTION receipts_sentence_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.tsv := to_tsvector('simple', coalesce({NEW_TEXT}, ''));
        RETURN NEW;
    END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        # SQLite has dropped a plain column in place since 3.35 (no trigger may name it meanwhile)
        op.execute("ALTER TABLE sentences DROP COLUMN text")
        op.execute("ALTER TABLE sentences DROP COLUMN published")
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        return
    op.execute("DROP INDEX IF EXISTS ix_sentences_tsv")
    op.execute("ALTER TABLE sentences DROP COLUMN tsv")  # generated from the text column
    op.execute("DROP TRIGGER IF EXISTS sentences_index_update ON sentences")  # it names the text column
    op.execute(
        'CREATE TRIGGER sentences_index_update AFTER UPDATE OF start, "end", vector ON sentences '
        "FOR EACH ROW EXECUTE FUNCTION receipts_sentence_keyed()"
    )
    op.execute("ALTER TABLE sentences ADD COLUMN tsv tsvector")
    op.execute(
        "UPDATE sentences s SET tsv = to_tsvector('simple', substr(d.text, s.start + 1, s.\"end\" - s.start)) "
        "FROM documents d WHERE d.id = s.document_id"
    )
    op.execute("ALTER TABLE sentences DROP COLUMN text")
    op.execute("ALTER TABLE sentences DROP COLUMN published")
    op.execute(POSTGRES_TSV)
    op.execute(
        'CREATE TRIGGER sentences_tsv BEFORE INSERT OR UPDATE OF start, "end", document_id ON sentences '
        "FOR EACH ROW EXECUTE FUNCTION receipts_sentence_tsv()"
    )
    op.execute("CREATE INDEX ix_sentences_tsv ON sentences USING gin (tsv)")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in (*SQLITE_TRIGGER_NAMES, "documents_sentences_first", "documents_text_sentences_first"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS sentences_tsv ON sentences")
        op.execute("DROP FUNCTION IF EXISTS receipts_sentence_tsv()")
        op.execute("DROP INDEX IF EXISTS ix_sentences_tsv")
        op.execute("ALTER TABLE sentences DROP COLUMN tsv")
        op.execute("DROP TRIGGER IF EXISTS sentences_index_update ON sentences")
    op.add_column('sentences', sa.Column('text', sa.Text(), nullable=True))
    op.add_column('sentences', sa.Column('published', sa.DateTime(timezone=True), nullable=True))
    op.execute(
        'UPDATE sentences SET text = (SELECT substr(d.text, sentences.start + 1, sentences."end" - sentences.start) '
        "FROM documents d WHERE d.id = sentences.document_id), "
        "published = (SELECT d.published FROM documents d WHERE d.id = sentences.document_id)"
    )
    if sqlite:
        for trigger in OLD_SQLITE_TRIGGERS:
            op.execute(trigger)
    else:
        op.execute(
            "ALTER TABLE sentences ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED"
        )
        op.execute("CREATE INDEX ix_sentences_tsv ON sentences USING gin (tsv)")
        op.execute(
            "CREATE TRIGGER sentences_index_update AFTER UPDATE OF text, vector ON sentences "
            "FOR EACH ROW EXECUTE FUNCTION receipts_sentence_keyed()"
        )
