"""sentence index on disk: keys, full-text index (FTS5 / tsvector), float16 vectors

Every sentence gets a key that only grows (``sentence_index``), so a vector file or a process can tell
what is new by comparing one number; keys of deleted or changed sentences are logged in
``sentence_index_gone``. The lexical index is kept by the database itself (SQLite: a contentless FTS5
table kept by triggers; PostgreSQL: a generated ``tsvector`` column with a GIN index), so every writer
keeps it current. Stored float32 vectors are rewritten as float16.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 10:00:00
"""
from __future__ import annotations

import logging
import uuid

from alembic import op
import numpy as np
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

log = logging.getLogger("receipts.store.migrations")

BATCH = 20_000

SQLITE_TRIGGERS = [
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
    # A changed text or vector gets a new key: readers see the old key gone and a new one added.
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

POSTGRES_FUNCTIONS = [
    """CREATE FUNCTION receipts_sentence_keyed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM sentence_index WHERE sentence_id = OLD.id;
        END IF;
        INSERT INTO sentence_index(sentence_id) VALUES (NEW.id);
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION receipts_sentence_key_gone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO sentence_index_gone(key) VALUES (OLD.key) ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER sentences_index_insert AFTER INSERT ON sentences
        FOR EACH ROW EXECUTE FUNCTION receipts_sentence_keyed()""",
    """CREATE TRIGGER sentences_index_update AFTER UPDATE OF text, vector ON sentences
        FOR EACH ROW EXECUTE FUNCTION receipts_sentence_keyed()""",
    """CREATE TRIGGER sentence_index_delete AFTER DELETE ON sentence_index
        FOR EACH ROW EXECUTE FUNCTION receipts_sentence_key_gone()""",
]


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_table(
        'sentence_index',
        sa.Column('key', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column('sentence_id', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['sentence_id'], ['sentences.id'], ondelete='CASCADE'),
        sa.UniqueConstraint('sentence_id', name='uq_sentence_index_sentence_id'),
        sqlite_autoincrement=True,
    )
    op.create_table(
        'sentence_index_gone',
        sa.Column('key', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=False),
    )
    op.create_table(
        'index_meta',
        sa.Column('name', sa.String(length=40), primary_key=True),
        sa.Column('value', sa.String(length=200), nullable=False),
    )
    op.execute(sa.text("INSERT INTO index_meta(name, value) VALUES ('store_id', :v)").bindparams(v=uuid.uuid4().hex))

    _vectors_to_float16(bind)
    # Finding the few sentences stored without a vector must not scan them all.
    op.execute("CREATE INDEX ix_sentences_without_vector ON sentences (id) WHERE vector IS NULL")

    total = bind.execute(sa.text("SELECT count(*) FROM sentences")).scalar() or 0
    if total:
        log.warning("indexing %d stored sentences (once, for the on-disk sentence index)", total)
    op.execute("INSERT INTO sentence_index(sentence_id) SELECT id FROM sentences ORDER BY document_id, start")
    if sqlite:
        op.execute("CREATE VIRTUAL TABLE sentence_fts USING fts5(text, content='', tokenize='unicode61')")
        op.execute(
            "INSERT INTO sentence_fts(rowid, text) SELECT k.key, s.text FROM sentence_index k "
            "JOIN sentences s ON s.id = k.sentence_id"
        )
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
    else:
        op.execute(
            "ALTER TABLE sentences ADD COLUMN tsv tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED"
        )
        op.execute("CREATE INDEX ix_sentences_tsv ON sentences USING gin (tsv)")
        for statement in POSTGRES_FUNCTIONS:
            op.execute(statement)
    if total:
        log.warning("indexed %d sentences", total)


def _vectors_to_float16(bind) -> None:
    """Rewrite float32 vectors (4 bytes a number) as float16, in batches."""
    total = bind.execute(sa.text("SELECT count(*) FROM sentences WHERE vector IS NOT NULL")).scalar() or 0
    done = 0
    last = ""
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, vector FROM sentences WHERE vector IS NOT NULL AND id > :last ORDER BY id LIMIT :n"
            ).bindparams(last=last, n=BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        updates = [
            {"i": sid, "v": np.frombuffer(raw, dtype=np.float32).astype(np.float16).tobytes()}
            for sid, raw in rows
            if len(raw) % 4 == 0  # before this revision every vector was float32
        ]
        if updates:
            bind.execute(sa.text("UPDATE sentences SET vector = :v WHERE id = :i"), updates)
        done += len(rows)
        if total > BATCH:
            log.warning("vectors to float16: %d/%d", done, total)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("sentences_index_insert", "sentences_index_delete", "sentences_index_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS sentence_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS sentences_index_insert ON sentences")
        op.execute("DROP TRIGGER IF EXISTS sentences_index_update ON sentences")
        op.execute("DROP TRIGGER IF EXISTS sentence_index_delete ON sentence_index")
        op.execute("DROP FUNCTION IF EXISTS receipts_sentence_keyed()")
        op.execute("DROP FUNCTION IF EXISTS receipts_sentence_key_gone()")
        op.execute("DROP INDEX IF EXISTS ix_sentences_tsv")
        op.execute("ALTER TABLE sentences DROP COLUMN tsv")
    op.execute("DROP INDEX IF EXISTS ix_sentences_without_vector")
    # Vectors stay float16: readers tell the two widths apart by length.
    op.drop_table('index_meta')
    op.drop_table('sentence_index_gone')
    op.drop_table('sentence_index')
