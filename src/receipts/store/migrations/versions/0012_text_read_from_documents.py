"""extracted rows read their text from their document: the second copy of it is dropped

Mentions, quotes, claims, quantities, time expressions, commitments and events stored the characters
``start`` to ``end`` of their document's text again (about 6 kB of a 69 kB PolNeAR article). The ORM now
reads them as ``substr`` of the document's text; sentences keep theirs (the full-text triggers read it).
On SQLite the index of sentences without a stored vector goes too (a SQLite file keeps its vectors in the
vector file beside it).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 09:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

TABLES = ("mentions", "quotes", "claims", "quantities", "time_expressions", "commitments", "events")


def upgrade() -> None:
    # SQLite has dropped a plain column in place since 3.35, as PostgreSQL does: no table is copied
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} DROP COLUMN text")
    if op.get_bind().dialect.name == "sqlite":
        # a SQLite file keeps its vectors in the vector file beside it, so this index of sentences whose
        # column holds none listed every sentence (about 1 kB an article) and was read only by stores
        # with no file (":memory:"), which are small
        op.execute("DROP INDEX IF EXISTS ix_sentences_without_vector")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE INDEX IF NOT EXISTS ix_sentences_without_vector ON sentences (id) WHERE vector IS NULL")
    for table in TABLES:
        op.add_column(table, sa.Column("text", sa.Text(), nullable=True))
        op.execute(
            f'UPDATE {table} SET text = (SELECT substr(d.text, {table}.start + 1, {table}."end" - {table}.start) '
            f"FROM documents d WHERE d.id = {table}.document_id)"
        )
