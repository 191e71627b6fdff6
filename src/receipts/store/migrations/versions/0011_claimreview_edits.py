"""claimreview edits: an editor's summary of the claim, the review's text and further sources, by claim id

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 12:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'claimreview_edits',
        sa.Column('claim_id', sa.String(length=40), nullable=False),
        sa.Column('claim_reviewed', sa.Text(), nullable=True),
        sa.Column('review_body', sa.Text(), nullable=True),
        sa.Column('sources', sa.JSON(), nullable=False),
        sa.Column('editor', sa.String(length=100), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('claim_id'),
    )


def downgrade() -> None:
    op.drop_table('claimreview_edits')
