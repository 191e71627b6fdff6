"""an index on the lower-cased alias, so that finding an actor by one of its names does not scan every alias

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 22:30:00

Each document's write looks its names up among the stored aliases, compared lower-cased; without this
index every look-up read the whole table, which grows with the store.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_actor_aliases_lower', 'actor_aliases', [sa.text('lower(alias)')])


def downgrade() -> None:
    op.drop_index('ix_actor_aliases_lower', table_name='actor_aliases')
