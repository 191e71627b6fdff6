"""partial documents and run status: why a document's extraction is incomplete; runs a kill interrupted

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 17:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('partial', sa.Text(), nullable=True))
    with op.batch_alter_table('pipeline_runs') as batch:
        batch.add_column(sa.Column('status', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('pid', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('host', sa.String(length=255), nullable=True))
    # runs that finished say so; an unfinished run from before this revision is marked at the next open
    op.execute("UPDATE pipeline_runs SET status = 'finished' WHERE finished_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('pipeline_runs') as batch:
        batch.drop_column('host')
        batch.drop_column('pid')
        batch.drop_column('status')
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('partial')
