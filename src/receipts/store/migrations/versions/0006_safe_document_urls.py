"""safe document urls: drop every stored link that is not an absolute http(s) URL

Stores from before this revision could hold javascript:, data:, vbscript: or protocol-relative
links taken from documents; they are set to NULL (the document and its text are kept), and
safe links lose surrounding whitespace.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 17:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from receipts.types import safe_url


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    documents = sa.table('documents', sa.column('id', sa.String), sa.column('url', sa.Text))
    changed = [(doc_id, safe_url(url)) for doc_id, url in conn.execute(sa.select(documents.c.id, documents.c.url)
                                                                       .where(documents.c.url.is_not(None)))
               if safe_url(url) != url]
    for doc_id, url in changed:  # None, or the link without surrounding spaces
        conn.execute(documents.update().where(documents.c.id == doc_id).values(url=url))


def downgrade() -> None:
    pass  # the unsafe links are gone on purpose
