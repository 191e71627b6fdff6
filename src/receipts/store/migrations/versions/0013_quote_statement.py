"""quote statement flag: False for an attribution whose content names only a topic

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 12:30:00

Attributions stored before this migration are kept as statements (the flag is worked out at extraction;
``receipts extract`` re-extracts a store to set it).
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quotes') as batch:
        batch.add_column(sa.Column('statement', sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('quotes') as batch:
        batch.drop_column('statement')
