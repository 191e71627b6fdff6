"""near-duplicate documents: a MinHash per document and a link to the document it republishes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 15:40:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('minhash', sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column('near_duplicate_of', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('near_duplicate_score', sa.Float(), nullable=True))
        batch.create_index('ix_documents_near_duplicate_of', ['near_duplicate_of'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.drop_index('ix_documents_near_duplicate_of')
        batch.drop_column('near_duplicate_score')
        batch.drop_column('near_duplicate_of')
        batch.drop_column('minhash')
