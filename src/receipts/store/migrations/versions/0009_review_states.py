"""review states: dismissed claims and contradiction states (open, confirmed, dismissed), by content id

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 17:45:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review_states',
        sa.Column('entity', sa.String(length=20), nullable=False),
        sa.Column('entity_id', sa.String(length=40), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('rationale', sa.Text(), nullable=True),
        sa.Column('reviewer', sa.String(length=100), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'entity_id'),
    )


def downgrade() -> None:
    op.drop_table('review_states')
